//! Lenient decoding of single values, used by the generated `Deserialize` impls.
//!
//! Each wrapper accepts what real portals send for one spec type and unwraps to the plain Rust
//! type the API exposes. Not a public API: names and shapes may change in any release.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{
    self, DeserializeOwned, Deserializer, IgnoredAny, IntoDeserializer, SeqAccess, Unexpected,
    Visitor,
};

/// A wire wrapper: decoded leniently, then unwrapped.
pub trait Wire: DeserializeOwned {
    /// The type the API exposes.
    type Value;
    /// Whether `false` in a nullable position means "no value" (PHP's way of saying absent).
    /// True for everything but booleans and free-form JSON, where `false` is a real value.
    const FALSE_IS_NULL: bool = true;
    /// Unwraps the decoded value.
    fn into_value(self) -> Self::Value;
}

macro_rules! newtype_wire {
    ($name:ident, $value:ty) => {
        impl Wire for $name {
            type Value = $value;
            fn into_value(self) -> $value {
                self.0
            }
        }
    };
}

/// Identifier: a non-negative integer or a string of ASCII digits (`1763` or `"1763"`).
#[derive(Debug)]
pub struct Id(pub u64);
newtype_wire!(Id, u64);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ID: a non-negative integer or a string of digits")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Id, E> {
                Ok(Id(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Id, E> {
                u64::try_from(v)
                    .map(Id)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Id, E> {
                // serde_json reads integers beyond u64 as floats: say what really happened.
                if v.fract() == 0.0 && v.abs() >= 1e19 {
                    return Err(E::invalid_value(
                        Unexpected::Other("an integer beyond 64 bits"),
                        &self,
                    ));
                }
                Err(E::invalid_type(Unexpected::Float(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Id, E> {
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::invalid_value(Unexpected::Str(v), &self));
                }
                v.parse().map(Id).map_err(|_| {
                    E::invalid_value(Unexpected::Str(v), &"an ID that fits in 64 bits")
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Signed integer: a JSON integer or a string holding one (`-5`, `"42"`).
#[derive(Debug)]
pub struct Int(pub i64);
newtype_wire!(Int, i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer or a string holding one")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
                Ok(Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
                i64::try_from(v)
                    .map(Int)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
                if v.fract() == 0.0 && v.abs() >= 9e18 {
                    return Err(E::invalid_value(
                        Unexpected::Other("an integer beyond 64 bits"),
                        &self,
                    ));
                }
                Err(E::invalid_type(Unexpected::Float(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int, E> {
                let digits = v.strip_prefix('-').unwrap_or(v);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::invalid_value(Unexpected::Str(v), &self));
                }
                v.parse().map(Int).map_err(|_| {
                    E::invalid_value(Unexpected::Str(v), &"an integer that fits in 64 bits")
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Float: a JSON number or a string holding a finite one.
#[derive(Debug)]
pub struct Float(pub f64);
newtype_wire!(Float, f64);

impl<'de> Deserialize<'de> for Float {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Float;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a string holding one")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Float, E> {
                Ok(Float(v))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Float, E> {
                Ok(Float(v as f64))
            }
            #[allow(clippy::cast_precision_loss)]
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Float, E> {
                Ok(Float(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Float, E> {
                match v.parse::<f64>() {
                    Ok(n) if n.is_finite() && !v.trim().is_empty() && v.trim() == v => Ok(Float(n)),
                    _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Boolean: `true`/`false`, or the `"Y"`/`"N"` flags Bitrix24 uses in many places.
#[derive(Debug)]
pub struct Flag(pub bool);

impl Wire for Flag {
    type Value = bool;
    const FALSE_IS_NULL: bool = false;
    fn into_value(self) -> bool {
        self.0
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean or \"Y\"/\"N\"")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                match v {
                    "Y" => Ok(Flag(true)),
                    "N" => Ok(Flag(false)),
                    _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Text: a JSON string, nothing else (a number where text belongs is a real mismatch).
#[derive(Debug)]
pub struct Text(pub String);
newtype_wire!(Text, String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Text)
    }
}

/// RFC 3339 date-time with offset, offset kept as sent.
#[derive(Debug)]
pub struct Timestamp(pub crate::DateTime);
newtype_wire!(Timestamp, crate::DateTime);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time such as \"2026-03-13T16:50:15+01:00\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                chrono::DateTime::parse_from_rfc3339(v)
                    .map(Timestamp)
                    .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(V)
    }
}

/// A value that may be `null` (or `false`, PHP's "nothing", unless `false` is a real value).
#[derive(Debug)]
pub struct Nullable<W: Wire>(pub Option<W::Value>);

impl<'de, W: Wire> Deserialize<'de> for Nullable<W> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<W>(PhantomData<W>);
        impl<'de, W: Wire> Visitor<'de> for V<W> {
            type Value = Nullable<W>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Nullable<W>, E> {
                Ok(Nullable(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<Nullable<W>, E> {
                Ok(Nullable(None))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Nullable<W>, E> {
                if !v && W::FALSE_IS_NULL {
                    return Ok(Nullable(None));
                }
                some::<W, _>(v.into_deserializer())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nullable<W>, E> {
                some::<W, _>(v.into_deserializer())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nullable<W>, E> {
                some::<W, _>(v.into_deserializer())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nullable<W>, E> {
                some::<W, _>(v.into_deserializer())
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Nullable<W>, E> {
                some::<W, _>(de::value::BorrowedStrDeserializer::new(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Nullable<W>, E> {
                some::<W, _>(v.into_deserializer())
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Nullable<W>, E> {
                some::<W, _>(v.into_deserializer())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Nullable<W>, A::Error> {
                some::<W, _>(de::value::SeqAccessDeserializer::new(seq))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Nullable<W>, A::Error> {
                some::<W, _>(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Decodes the non-null case from whatever the visitor saw.
fn some<'de, W: Wire, D: Deserializer<'de>>(d: D) -> Result<Nullable<W>, D::Error> {
    W::deserialize(d).map(|w| Nullable(Some(w.into_value())))
}

impl<W: Wire> Wire for Nullable<W> {
    type Value = Option<W::Value>;
    fn into_value(self) -> Self::Value {
        self.0
    }
}

/// A JSON array whose elements are decoded leniently.
#[derive(Debug)]
pub struct List<W: Wire>(pub Vec<W::Value>);

impl<'de, W: Wire> Deserialize<'de> for List<W> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<W>(PhantomData<W>);
        impl<'de, W: Wire> Visitor<'de> for V<W> {
            type Value = List<W>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<W>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element::<W>()? {
                    out.push(item.into_value());
                }
                Ok(List(out))
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

impl<W: Wire> Wire for List<W> {
    type Value = Vec<W::Value>;
    fn into_value(self) -> Self::Value {
        self.0
    }
}

/// A type whose own `Deserialize` is already lenient (generated structs, `UserCode`, JSON).
#[derive(Debug)]
pub struct Plain<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Plain<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Plain)
    }
}

impl<T: DeserializeOwned> Wire for Plain<T> {
    type Value = T;
    const FALSE_IS_NULL: bool = false;
    fn into_value(self) -> T {
        self.0
    }
}

/// A generated object; like [`Plain`], but `false` in a nullable position means "no object".
#[derive(Debug)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Object)
    }
}

impl<T: DeserializeOwned> Wire for Object<T> {
    type Value = T;
    fn into_value(self) -> T {
        self.0
    }
}

/// A map key, borrowed from the input when it can be.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as an owned string, for keeping unknown keys.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Accepts PHP's `[]` where an object belongs, but only when it is empty.
pub fn php_empty_array<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    if seq.next_element::<IgnoredAny>()?.is_some() {
        return Err(de::Error::invalid_type(
            Unexpected::Seq,
            &"an object (an empty array `[]` is read as an empty object)",
        ));
    }
    Ok(())
}

/// An empty map, for decoding `[]` through the same code as `{}`.
pub fn empty_map<'de, E: de::Error>()
-> de::value::MapDeserializer<'de, std::iter::Empty<(&'static str, &'static str)>, E> {
    de::value::MapDeserializer::new(std::iter::empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode<W: Wire>(json: &str) -> Result<W::Value, serde_json::Error> {
        serde_json::from_str::<W>(json).map(Wire::into_value)
    }

    #[test]
    fn ids_accept_numbers_and_digit_strings_only() {
        assert_eq!(decode::<Id>("1763").ok(), Some(1763));
        assert_eq!(decode::<Id>("\"1763\"").ok(), Some(1763));
        assert_eq!(
            decode::<Id>("\"18446744073709551615\"").ok(),
            Some(u64::MAX)
        );
        for bad in [
            "-1",
            "\"-1\"",
            "\"\"",
            "\" 1\"",
            "\"1a\"",
            "1.5",
            "null",
            "\"18446744073709551616\"",
        ] {
            assert!(decode::<Id>(bad).is_err(), "{bad} must be rejected");
        }
    }

    #[test]
    fn integers_floats_and_flags() {
        assert_eq!(decode::<Int>("\"-42\"").ok(), Some(-42));
        assert!(decode::<Int>("\"4.2\"").is_err());
        assert_eq!(decode::<Float>("\"0.25\"").ok(), Some(0.25));
        assert_eq!(decode::<Float>("3").ok(), Some(3.0));
        assert!(decode::<Float>("\"NaN\"").is_err());
        assert_eq!(decode::<Flag>("\"Y\"").ok(), Some(true));
        assert_eq!(decode::<Flag>("false").ok(), Some(false));
        assert!(decode::<Flag>("\"yes\"").is_err());
    }

    #[test]
    fn nullable_lists_and_dates() {
        assert_eq!(decode::<Nullable<Text>>("null").ok(), Some(None));
        assert_eq!(decode::<Nullable<Text>>("false").ok(), Some(None));
        assert_eq!(
            decode::<Nullable<Text>>("\"a\"").ok(),
            Some(Some("a".to_string()))
        );
        assert_eq!(decode::<Nullable<Id>>("\"7\"").ok(), Some(Some(7)));
        assert_eq!(decode::<Nullable<Flag>>("false").ok(), Some(Some(false)));
        assert_eq!(
            decode::<Nullable<List<Id>>>("[1]").ok(),
            Some(Some(vec![1]))
        );
        assert!(decode::<Nullable<Text>>("true").is_err());
        assert!(decode::<Text>("null").is_err());
        assert_eq!(decode::<List<Id>>("[1, \"2\"]").ok(), Some(vec![1, 2]));
        let date = decode::<Timestamp>("\"2026-03-13T16:50:15+01:00\"");
        assert_eq!(
            date.ok().map(|d| d.to_rfc3339()),
            Some("2026-03-13T16:50:15+01:00".to_string())
        );
        assert!(decode::<Timestamp>("\"2026-03-13 16:50:15\"").is_err());
    }
}

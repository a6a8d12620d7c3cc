//! Lenient decoding of single values, used by the generated code.
//!
//! Every spec type has a zero-sized wire marker (`Id`, `Text`, `Nullable<Id>`, …) that says
//! how its values are read. Reading never fails on a value of the wrong kind: it gives
//! [`Got::Rejected`] with the value exactly as sent, and the caller records the correction.
//! Only broken JSON is an error. Not a public API: names and shapes may change in any release.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;

/// What one value decoded to.
#[derive(Debug)]
pub enum Got<T> {
    /// The value fits its type.
    Value(T),
    /// It does not; here is what arrived. Boxed so the common case stays small.
    Rejected(Box<Rejected>),
}

/// A value that did not fit its type, kept exactly as sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// The value as it arrived (for a list: the whole list).
    pub raw: Value,
    /// Where below the field the misfit is: empty, or an index such as `[2]`.
    pub at: String,
    /// What the spec expected there.
    pub expected: Cow<'static, str>,
}

impl Rejected {
    /// A rejection of `raw` as a whole (not of an element inside it).
    pub(crate) fn new(raw: Value, expected: Cow<'static, str>) -> Box<Self> {
        Box::new(Self {
            raw,
            at: String::new(),
            expected,
        })
    }
}

/// How values of one spec type are read off the wire.
pub trait Wire {
    /// The type the API exposes.
    type Value;
    /// Whether `false` in a nullable position means "no value" (PHP's way of saying absent).
    /// True for everything but booleans and free-form JSON, where `false` is a real value.
    const FALSE_IS_NULL: bool = true;
    /// What a value must look like, for corrections and strict errors.
    fn expected() -> Cow<'static, str>;
    /// Reads one value; `Err` only for broken JSON.
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Got<Self::Value>, D::Error>;
    /// Converts a value that was already parsed (list items take this path).
    fn from_json(v: &Value) -> Option<Self::Value>;
    /// What a method's `result` reads as when the value does not fit: `None` for markers that
    /// fail the answer instead (only [`Top`] absorbs a misfit; see there).
    fn absorbed() -> Option<Self::Value> {
        None
    }
    /// Where inside `v` (which [`Wire::from_json`] refused) the misfit is, and what the spec
    /// expected there: the whole value by default; a list names its first bad element, so a
    /// list of lists is corrected at `[1][2]`, not at `[1]`.
    fn misfit(_v: &Value) -> (String, Cow<'static, str>) {
        (String::new(), Self::expected())
    }
    /// Reads the elements of a list. By default the list is parsed first, so that one bad
    /// element can give back the exact list that arrived.
    fn decode_list<'de, A: SeqAccess<'de>>(seq: A) -> Result<Got<Vec<Self::Value>>, A::Error> {
        let raw = Vec::<Value>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        let mut out = Vec::with_capacity(raw.len());
        for (i, item) in raw.iter().enumerate() {
            match Self::from_json(item) {
                Some(v) => out.push(v),
                None => {
                    let (at, expected) = Self::misfit(item);
                    return Ok(Got::Rejected(Box::new(Rejected {
                        raw: Value::Array(raw),
                        at: format!("[{i}]{at}"),
                        expected,
                    })));
                }
            }
        }
        Ok(Got::Value(out))
    }
}

/// A method `result` that is not an object (`true`, an id, a list): read as `Option`, so a
/// value that does not fit is `None` and kept in the response's corrections, like any field,
/// instead of failing the whole answer. (Object results keep misfits inside the object.)
pub struct Top<W>(PhantomData<W>);

impl<W: Wire> Wire for Top<W> {
    type Value = Option<W::Value>;
    const FALSE_IS_NULL: bool = W::FALSE_IS_NULL;
    fn expected() -> Cow<'static, str> {
        W::expected()
    }
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Got<Self::Value>, D::Error> {
        Ok(match W::decode(d)? {
            Got::Value(v) => Got::Value(Some(v)),
            Got::Rejected(r) => Got::Rejected(r),
        })
    }
    fn from_json(v: &Value) -> Option<Self::Value> {
        W::from_json(v).map(Some)
    }
    fn absorbed() -> Option<Self::Value> {
        Some(None)
    }
    fn misfit(v: &Value) -> (String, Cow<'static, str>) {
        W::misfit(v)
    }
}

/// `DeserializeSeed` for a wire marker, so a map value can be read as `Got<…>`.
pub struct Seed<W>(PhantomData<W>);

impl<W> Seed<W> {
    /// The seed.
    pub fn new() -> Self {
        Seed(PhantomData)
    }
}

impl<W> Default for Seed<W> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, W: Wire> DeserializeSeed<'de> for Seed<W> {
    type Value = Got<W::Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        W::decode(d)
    }
}

/// A value read from one JSON scalar (or rejected). Implement the conversions that apply.
pub trait Scalar {
    /// The type the API exposes.
    type Value;
    /// See [`Wire::FALSE_IS_NULL`].
    const FALSE_IS_NULL: bool = true;
    /// What a value must look like.
    const EXPECTED: &'static str;
    /// From a JSON `true`/`false`.
    fn from_bool(_: bool) -> Option<Self::Value> {
        None
    }
    /// From a non-negative JSON integer.
    fn from_u64(_: u64) -> Option<Self::Value> {
        None
    }
    /// From a negative JSON integer.
    fn from_i64(_: i64) -> Option<Self::Value> {
        None
    }
    /// From a JSON number with a fraction or exponent.
    fn from_f64(_: f64) -> Option<Self::Value> {
        None
    }
    /// From a JSON string.
    fn from_str(_: &str) -> Option<Self::Value> {
        None
    }
    /// From an owned JSON string; gives it back when it does not fit.
    fn from_string(v: String) -> Result<Self::Value, String> {
        Self::from_str(&v).ok_or(v)
    }
}

impl<S: Scalar> Wire for S {
    type Value = S::Value;
    const FALSE_IS_NULL: bool = S::FALSE_IS_NULL;
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed(S::EXPECTED)
    }
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Got<S::Value>, D::Error> {
        d.deserialize_any(ScalarVisitor::<S>(PhantomData))
    }
    fn from_json(v: &Value) -> Option<S::Value> {
        match v {
            Value::Bool(b) => S::from_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => S::from_u64(u),
                (None, Some(i), _) => S::from_i64(i),
                (None, None, Some(f)) => S::from_f64(f),
                _ => None,
            },
            Value::String(s) => S::from_str(s),
            _ => None,
        }
    }
}

struct ScalarVisitor<S>(PhantomData<S>);

impl<S: Scalar> ScalarVisitor<S> {
    fn got<E>(value: Option<S::Value>, raw: impl FnOnce() -> Value) -> Result<Got<S::Value>, E> {
        Ok(match value {
            Some(v) => Got::Value(v),
            None => Got::Rejected(Rejected::new(raw(), Cow::Borrowed(S::EXPECTED))),
        })
    }
}

impl<'de, S: Scalar> Visitor<'de> for ScalarVisitor<S> {
    type Value = Got<S::Value>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(S::EXPECTED)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Self::got(S::from_bool(v), || Value::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Self::got(S::from_u64(v), || Value::from(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Self::got(S::from_i64(v), || Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Self::got(S::from_f64(v), || Value::from(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Self::got(S::from_str(v), || Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(match S::from_string(v) {
            Ok(v) => Got::Value(v),
            Err(v) => Got::Rejected(Rejected::new(Value::String(v), Cow::Borrowed(S::EXPECTED))),
        })
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Self::got(None, || Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Self::got(None, || Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let raw = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Self::got(None, || raw)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let raw = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Self::got(None, || raw)
    }
}

/// Which wire values mean "no value" for a wrapper such as [`Nullable`].
pub trait NoneMarker {
    /// How the alternative reads in an expectation, e.g. `null`.
    const TEXT: &'static str;
    /// Whether `null` means no value.
    const NULL: bool;
    /// Whether `""` means no value.
    const EMPTY_STRING: bool;
}

/// `null` (and `false`, for types where `false` is not a value) mean no value.
pub struct NullMarker;
impl NoneMarker for NullMarker {
    const TEXT: &'static str = "null";
    const NULL: bool = true;
    const EMPTY_STRING: bool = false;
}

/// `""` means no value (`"public": ""`).
pub struct EmptyStringMarker;
impl NoneMarker for EmptyStringMarker {
    const TEXT: &'static str = "\"\"";
    const NULL: bool = false;
    const EMPTY_STRING: bool = true;
}

/// A value that may be `null` (or `false`, PHP's "nothing", unless `false` is a real value).
pub type Nullable<W> = OrNone<W, NullMarker>;

/// A value for which the server writes "none" as an empty string.
pub type EmptyIsNone<W> = OrNone<W, EmptyStringMarker>;

/// `W`, or the marker `N` that means "no value" (`None`).
pub struct OrNone<W, N>(PhantomData<(W, N)>);

/// Adds the "no value" alternative to an inner rejection's expectation.
fn widen<T, N: NoneMarker>(got: Got<T>) -> Got<Option<T>> {
    match got {
        Got::Value(v) => Got::Value(Some(v)),
        Got::Rejected(mut r) => {
            if r.at.is_empty() {
                r.expected = Cow::Owned(format!("{} or {}", r.expected, N::TEXT));
            }
            Got::Rejected(r)
        }
    }
}

impl<W: Wire, N: NoneMarker> Wire for OrNone<W, N> {
    type Value = Option<W::Value>;
    fn expected() -> Cow<'static, str> {
        Cow::Owned(format!("{} or {}", W::expected(), N::TEXT))
    }
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Got<Self::Value>, D::Error> {
        struct V<W, N>(PhantomData<(W, N)>);
        impl<'de, W: Wire, N: NoneMarker> Visitor<'de> for V<W, N> {
            type Value = Got<Option<W::Value>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a value or {}", N::TEXT)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                if N::NULL {
                    return Ok(Got::Value(None));
                }
                W::decode(().into_deserializer()).map(widen::<_, N>)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                self.visit_unit()
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                if N::NULL && !v && W::FALSE_IS_NULL {
                    return Ok(Got::Value(None));
                }
                W::decode(v.into_deserializer()).map(widen::<_, N>)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                W::decode(v.into_deserializer()).map(widen::<_, N>)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                W::decode(v.into_deserializer()).map(widen::<_, N>)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                W::decode(v.into_deserializer()).map(widen::<_, N>)
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                if N::EMPTY_STRING && v.is_empty() {
                    return Ok(Got::Value(None));
                }
                W::decode(de::value::BorrowedStrDeserializer::new(v)).map(widen::<_, N>)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if N::EMPTY_STRING && v.is_empty() {
                    return Ok(Got::Value(None));
                }
                W::decode(v.into_deserializer()).map(widen::<_, N>)
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                if N::EMPTY_STRING && v.is_empty() {
                    return Ok(Got::Value(None));
                }
                W::decode(v.into_deserializer()).map(widen::<_, N>)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                W::decode(de::value::SeqAccessDeserializer::new(seq)).map(widen::<_, N>)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                W::decode(de::value::MapAccessDeserializer::new(map)).map(widen::<_, N>)
            }
        }
        d.deserialize_any(V::<W, N>(PhantomData))
    }
    fn from_json(v: &Value) -> Option<Self::Value> {
        match v {
            Value::Null if N::NULL => Some(None),
            Value::Bool(false) if N::NULL && W::FALSE_IS_NULL => Some(None),
            Value::String(s) if N::EMPTY_STRING && s.is_empty() => Some(None),
            other => W::from_json(other).map(Some),
        }
    }
    fn misfit(v: &Value) -> (String, Cow<'static, str>) {
        W::misfit(v)
    }
}

/// A JSON array whose elements are read leniently; one bad element rejects the list (the
/// correction names the element).
pub struct List<W>(PhantomData<W>);

impl<W: Wire> Wire for List<W> {
    type Value = Vec<W::Value>;
    fn expected() -> Cow<'static, str> {
        Cow::Owned(format!("an array of {}", W::expected()))
    }
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Got<Self::Value>, D::Error> {
        struct V<W>(PhantomData<W>);
        impl<'de, W: Wire> Visitor<'de> for V<W> {
            type Value = Got<Vec<W::Value>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                W::decode_list(seq)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(List::<W>::reject(Value::Bool(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(List::<W>::reject(Value::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(List::<W>::reject(Value::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(List::<W>::reject(Value::from(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(List::<W>::reject(Value::String(v.to_owned())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(List::<W>::reject(Value::Null))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let raw = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(List::<W>::reject(raw))
            }
        }
        d.deserialize_any(V::<W>(PhantomData))
    }
    fn from_json(v: &Value) -> Option<Self::Value> {
        match v {
            Value::Array(items) => items.iter().map(W::from_json).collect(),
            _ => None,
        }
    }
    fn misfit(v: &Value) -> (String, Cow<'static, str>) {
        let bad = match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find(|(_, item)| W::from_json(item).is_none()),
            _ => None,
        };
        match bad {
            Some((i, item)) => {
                let (at, expected) = W::misfit(item);
                (format!("[{i}]{at}"), expected)
            }
            None => (String::new(), Self::expected()),
        }
    }
}

impl<W: Wire> List<W> {
    fn reject<T>(raw: Value) -> Got<T> {
        Got::Rejected(Rejected::new(raw, Self::expected()))
    }
}

/// Free-form JSON: anything is valid.
pub struct Json;

impl Wire for Json {
    type Value = Value;
    const FALSE_IS_NULL: bool = false;
    fn expected() -> Cow<'static, str> {
        Cow::Borrowed("any JSON value")
    }
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Got<Value>, D::Error> {
        Value::deserialize(d).map(Got::Value)
    }
    fn from_json(v: &Value) -> Option<Value> {
        Some(v.clone())
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

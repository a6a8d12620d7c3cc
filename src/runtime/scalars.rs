//! Wire markers for the spec's scalar types: which JSON values each one accepts.
//!
//! Anything else is rejected by the caller with the value kept (see `wire`), so these only
//! say yes or no.

use std::marker::PhantomData;
use std::str::FromStr;

use crate::runtime::wire::Scalar;

/// Identifier: a non-negative integer or a string of ASCII digits (`1763` or `"1763"`).
pub struct Id;

impl Scalar for Id {
    type Value = u64;
    const EXPECTED: &'static str = "an ID (a non-negative integer or a string of digits)";
    fn from_u64(v: u64) -> Option<u64> {
        Some(v)
    }
    fn from_str(v: &str) -> Option<u64> {
        if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        v.parse().ok()
    }
}

/// Signed integer: a JSON integer or a string holding one (`-5`, `"42"`).
pub struct Int;

impl Scalar for Int {
    type Value = i64;
    const EXPECTED: &'static str = "an integer (or a string holding one)";
    fn from_u64(v: u64) -> Option<i64> {
        i64::try_from(v).ok()
    }
    fn from_i64(v: i64) -> Option<i64> {
        Some(v)
    }
    fn from_str(v: &str) -> Option<i64> {
        let digits = v.strip_prefix('-').unwrap_or(v);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        v.parse().ok()
    }
}

/// Float: a JSON number or a string holding a finite one.
pub struct Float;

impl Scalar for Float {
    type Value = f64;
    const EXPECTED: &'static str = "a number (or a string holding one)";
    #[allow(clippy::cast_precision_loss)]
    fn from_u64(v: u64) -> Option<f64> {
        Some(v as f64)
    }
    #[allow(clippy::cast_precision_loss)]
    fn from_i64(v: i64) -> Option<f64> {
        Some(v as f64)
    }
    fn from_f64(v: f64) -> Option<f64> {
        Some(v)
    }
    fn from_str(v: &str) -> Option<f64> {
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() && !v.trim().is_empty() && v.trim() == v => Some(n),
            _ => None,
        }
    }
}

/// Boolean: `true`/`false`, or the `"Y"`/`"N"` flags Bitrix24 uses in many places.
pub struct Flag;

impl Scalar for Flag {
    type Value = bool;
    const FALSE_IS_NULL: bool = false;
    const EXPECTED: &'static str = "a boolean or \"Y\"/\"N\"";
    fn from_bool(v: bool) -> Option<bool> {
        Some(v)
    }
    fn from_str(v: &str) -> Option<bool> {
        match v {
            "Y" => Some(true),
            "N" => Some(false),
            _ => None,
        }
    }
}

/// Text: a JSON string, nothing else (a number where text belongs is a real mismatch).
pub struct Text;

impl Scalar for Text {
    type Value = String;
    const EXPECTED: &'static str = "a string";
    fn from_str(v: &str) -> Option<String> {
        Some(v.to_owned())
    }
    fn from_string(v: String) -> Result<String, String> {
        Ok(v)
    }
}

/// RFC 3339 date-time with offset, offset kept as sent.
pub struct Timestamp;

impl Scalar for Timestamp {
    type Value = crate::DateTime;
    const EXPECTED: &'static str =
        "an RFC 3339 date-time with offset (such as \"2026-03-13T16:50:15+01:00\")";
    fn from_str(v: &str) -> Option<crate::DateTime> {
        chrono::DateTime::parse_from_rfc3339(v).ok()
    }
}

/// A value type parsed from its text (`UserCode`, `DialogId`, `ChatDialogId`).
pub struct Parsed<T>(PhantomData<T>);

/// What a [`Parsed`] type expects, for corrections.
pub trait Described {
    /// E.g. "a user code `<connector>|<LINE_ID>|…`".
    const EXPECTED: &'static str;
}

impl<T: FromStr + Described> Scalar for Parsed<T> {
    type Value = T;
    const EXPECTED: &'static str = T::EXPECTED;
    fn from_str(v: &str) -> Option<T> {
        v.parse().ok()
    }
}

/// An open set of names: every string is a value (known ones get their own variant).
pub struct Named<E>(PhantomData<E>);

impl<E: for<'a> From<&'a str>> Scalar for Named<E> {
    type Value = E;
    const EXPECTED: &'static str = "a string";
    fn from_str(v: &str) -> Option<E> {
        Some(E::from(v))
    }
}

/// A value of an open set that this crate does not know (yet), kept as sent.
///
/// Opaque on purpose: code cannot match on its text, so it keeps working when a later release
/// adds the value as a variant of its own. Read it with [`UnknownValue::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    #[doc(hidden)]
    pub fn new(text: &str) -> Self {
        Self(text.to_owned())
    }

    /// The value as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The `Deserialize` of a generated open enum: any string; other JSON kinds are errors.
pub fn deserialize_named<'de, E, D>(d: D) -> Result<E, D::Error>
where
    E: for<'a> From<&'a str>,
    D: serde::Deserializer<'de>,
{
    use crate::runtime::wire::{Got, Wire};
    match Named::<E>::decode(d)? {
        Got::Value(v) => Ok(v),
        Got::Rejected(r) => Err(serde::de::Error::custom(format_args!(
            "expected {}, got {}",
            r.expected, r.raw
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::wire::{Got, List, Nullable, Wire};

    fn decode<W: Wire>(json: &str) -> Option<W::Value> {
        let mut de = serde_json::Deserializer::from_str(json);
        match W::decode(&mut de) {
            Ok(Got::Value(v)) => Some(v),
            _ => None,
        }
    }

    fn rejected<W: Wire>(json: &str) -> Option<serde_json::Value> {
        let mut de = serde_json::Deserializer::from_str(json);
        match W::decode(&mut de) {
            Ok(Got::Rejected(r)) => Some(r.raw),
            _ => None,
        }
    }

    #[test]
    fn ids_accept_numbers_and_digit_strings_only() {
        assert_eq!(decode::<Id>("1763"), Some(1763));
        assert_eq!(decode::<Id>("\"1763\""), Some(1763));
        assert_eq!(decode::<Id>("\"18446744073709551615\""), Some(u64::MAX));
        for bad in [
            "-1",
            "\"-1\"",
            "\"\"",
            "\" 1\"",
            "\"1a\"",
            "1.5",
            "null",
            "\"18446744073709551616\"",
            "[1]",
            "{\"a\":1}",
        ] {
            let raw: serde_json::Value = serde_json::from_str(bad).unwrap_or_default();
            assert_eq!(
                rejected::<Id>(bad),
                Some(raw),
                "{bad} must be rejected as sent"
            );
        }
    }

    #[test]
    fn integers_floats_and_flags() {
        assert_eq!(decode::<Int>("\"-42\""), Some(-42));
        assert!(decode::<Int>("\"4.2\"").is_none());
        assert_eq!(decode::<Float>("\"0.25\""), Some(0.25));
        assert_eq!(decode::<Float>("3"), Some(3.0));
        assert!(decode::<Float>("\"NaN\"").is_none());
        assert_eq!(decode::<Flag>("\"Y\""), Some(true));
        assert_eq!(decode::<Flag>("false"), Some(false));
        assert!(decode::<Flag>("\"yes\"").is_none());
    }

    #[test]
    fn nullable_lists_and_dates() {
        assert_eq!(decode::<Nullable<Text>>("null"), Some(None));
        assert_eq!(decode::<Nullable<Text>>("false"), Some(None));
        assert_eq!(
            decode::<Nullable<Text>>("\"a\""),
            Some(Some("a".to_string()))
        );
        assert_eq!(decode::<Nullable<Id>>("\"7\""), Some(Some(7)));
        assert_eq!(decode::<Nullable<Flag>>("false"), Some(Some(false)));
        assert_eq!(decode::<Nullable<List<Id>>>("[1]"), Some(Some(vec![1])));
        assert!(decode::<Nullable<Text>>("true").is_none());
        assert!(decode::<Text>("null").is_none());
        assert_eq!(decode::<List<Id>>("[1, \"2\"]"), Some(vec![1, 2]));
        assert_eq!(
            rejected::<List<Id>>("[1, \"x\"]"),
            Some(serde_json::json!([1, "x"]))
        );
        let date = decode::<Timestamp>("\"2026-03-13T16:50:15+01:00\"");
        assert_eq!(
            date.map(|d| d.to_rfc3339()),
            Some("2026-03-13T16:50:15+01:00".to_string())
        );
        assert!(decode::<Timestamp>("\"2026-03-13 16:50:15\"").is_none());
    }
}

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
        // One pass: digits only, no sign or spaces (which `str::parse` would accept or need
        // a second scan to refuse), and no overflow.
        if v.is_empty() {
            return None;
        }
        v.bytes().try_fold(0u64, |n, b| {
            if b.is_ascii_digit() {
                n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
            } else {
                None
            }
        })
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
        common_rfc3339(v).or_else(|| chrono::DateTime::parse_from_rfc3339(v).ok())
    }
}

/// The form portals write (`2026-03-13T16:50:15+01:00`), read without chrono's general parser,
/// which costs several times more; anything else (fractions, `Z`, a leap second) takes the
/// general path, and so does anything this cannot read.
fn common_rfc3339(v: &str) -> Option<crate::DateTime> {
    use chrono::NaiveDate;
    let b = v.as_bytes();
    let [
        y0,
        y1,
        y2,
        y3,
        b'-',
        m0,
        m1,
        b'-',
        d0,
        d1,
        b'T',
        h0,
        h1,
        b':',
        i0,
        i1,
        b':',
        s0,
        s1,
        sign @ (b'+' | b'-'),
        oh0,
        oh1,
        b':',
        om0,
        om1,
    ] = *b
    else {
        return None;
    };
    let num = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(num(&[y0, y1, y2, y3])?).ok()?;
    let (month, day) = (num(&[m0, m1])?, num(&[d0, d1])?);
    let (hour, minute, second) = (num(&[h0, h1])?, num(&[i0, i1])?, num(&[s0, s1])?);
    let (off_h, off_m) = (num(&[oh0, oh1])?, num(&[om0, om1])?);
    if off_h > 23 || off_m > 59 || second > 59 {
        return None;
    }
    let offset = i32::try_from(off_h * 3600 + off_m * 60).ok()?;
    let offset = chrono::FixedOffset::east_opt(if sign == b'-' { -offset } else { offset })?;
    let local = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, second)?;
    let utc = local.checked_sub_offset(offset)?;
    Some(chrono::DateTime::from_naive_utc_and_offset(utc, offset))
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
    fn a_bad_element_of_an_inner_list_is_located_at_the_element() {
        let mut de = serde_json::Deserializer::from_str("[[1, 2], [3, \"x\", 5]]");
        match List::<List<Int>>::decode(&mut de) {
            Ok(Got::Rejected(r)) => {
                assert_eq!(r.at, "[1][1]");
                assert_eq!(r.expected, Int::expected());
                assert_eq!(r.raw, serde_json::json!([[1, 2], [3, "x", 5]]));
            }
            other => panic!("{:?}", other.is_ok()),
        }
        let mut de = serde_json::Deserializer::from_str("[[1], [2, null]]");
        match List::<List<Nullable<Int>>>::decode(&mut de) {
            Ok(Got::Value(v)) => assert_eq!(v, vec![vec![Some(1)], vec![Some(2), None]]),
            other => panic!("{:?}", other.is_ok()),
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

    #[test]
    fn the_common_date_form_reads_exactly_as_chrono_reads_it() {
        let mut checked = 0;
        for year in ["0000", "1970", "2020", "2024", "9999"] {
            for month in ["00", "01", "02", "12", "13"] {
                for day in ["00", "01", "28", "29", "30", "31", "32"] {
                    for time in ["00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60"] {
                        for offset in [
                            "+00:00", "-00:00", "+01:00", "-12:30", "+23:59", "+24:00", "-05:60",
                        ] {
                            let text = format!("{year}-{month}-{day}T{time}{offset}");
                            let general = chrono::DateTime::parse_from_rfc3339(&text).ok();
                            let fast = common_rfc3339(&text);
                            if fast.is_some() {
                                assert_eq!(fast, general, "{text}");
                                checked += 1;
                            }
                            assert_eq!(Timestamp::from_str(&text), general, "{text}");
                        }
                    }
                }
            }
        }
        assert!(checked > 500, "the fast path was taken {checked} times");
        for text in [
            "2026-03-13T16:50:15Z",
            "2026-03-13t16:50:15+01:00",
            "2026-03-13T16:50:15.5+01:00",
            "2026-03-13T16:50:1x+01:00",
        ] {
            assert_eq!(
                Timestamp::from_str(text),
                chrono::DateTime::parse_from_rfc3339(text).ok(),
                "{text}"
            );
        }
    }
}

//! JSON values as the codegen needs them: example values read from the spec's YAML, written
//! back as compact JSON text, and the builtin types' schema texts read into tokens.
//!
//! The codegen crate does not depend on serde_json, so that in a downstream build it does not
//! wait for serde_core and serde_json to compile: it starts as soon as its YAML parser is
//! built. JSON text is read with the same YAML parser (JSON is YAML's flow style).

use std::collections::BTreeMap;
use std::fmt;

use crate::yaml::{FromNode, Kind, Node, Problem};

/// A JSON value. Objects keep one value per key, sorted by key (what serde_json's default map
/// does), so the text written is deterministic.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// A number as JSON text (`12`, `-3`, `1.5`, `1e20`).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

/// YAML's core schema: plain `null`/`~`/nothing, `true`/`false` and numbers are typed; every
/// quoted scalar is text.
impl FromNode for Json {
    fn from_node(node: &Node) -> Result<Self, Problem> {
        Ok(match &node.kind {
            Kind::Scalar { .. } if node.is_null() => Json::Null,
            Kind::Scalar { text, plain: false } => Json::String(text.clone()),
            Kind::Scalar { text, plain: true } => plain_scalar(text),
            Kind::Seq(items) => Json::Array(
                items
                    .iter()
                    .map(Self::from_node)
                    .collect::<Result<_, _>>()?,
            ),
            Kind::Map(entries) => {
                let mut object = BTreeMap::new();
                for (k, v) in entries {
                    object.insert(k.key_text().to_string(), Self::from_node(v)?);
                }
                Json::Object(object)
            }
        })
    }
}

impl Json {
    /// Reads JSON text (the builtin types' schemas, which are written in this crate).
    pub(crate) fn parse(text: &str) -> Option<Json> {
        crate::yaml::parse(text)
            .and_then(|node| Json::from_node(&node))
            .ok()
    }
}

/// A plain scalar's value: a boolean, a whole number, a decimal number, or text.
fn plain_scalar(text: &str) -> Json {
    if let Some(b) = crate::yaml::plain_bool(text) {
        return Json::Bool(b);
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    let digits = unsigned.strip_prefix('-').unwrap_or(unsigned);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = unsigned.parse::<u64>() {
            return Json::Number(n.to_string());
        }
        if let Ok(n) = unsigned.parse::<i64>() {
            return Json::Number(n.to_string());
        }
    }
    let numeric = digits
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    match text.parse::<f64>() {
        Ok(f) if numeric && f.is_finite() => Json::Number(float_text(f)),
        _ => Json::String(text.to_string()),
    }
}

/// A float as serde_json writes it: the shortest digits that read back the same (where two
/// are equally short, Rust's choice of the last digit), in decimal
/// form for decimal exponents -5 < k <= 16 (`1000.0`, `0.00001`), else `1e+16` / `1e-6`.
fn float_text(f: f64) -> String {
    // `{:e}` gives the shortest round-trip digits: `-1.2345e-5`.
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    let k = exp + 1; // the value is 0.<digits> × 10^k
    if 0 < k && k <= 16 {
        if k >= n {
            let zeros = "0".repeat(usize::try_from(k - n).unwrap_or(0));
            format!("{sign}{digits}{zeros}.0")
        } else {
            let (int, frac) = digits.split_at(usize::try_from(k).unwrap_or(0));
            format!("{sign}{int}.{frac}")
        }
    } else if -5 < k && k <= 0 {
        let zeros = "0".repeat(usize::try_from(-k).unwrap_or(0));
        format!("{sign}0.{zeros}{digits}")
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let rest = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let plus = if exp >= 0 { "+" } else { "" };
        format!("{sign}{first}{rest}e{plus}{exp}")
    }
}

/// Compact JSON, as `serde_json::to_string` writes it.
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => f.write_str(n),
            Json::String(s) => write_string(f, s),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Json::Object(map) => {
                f.write_str("{")?;
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, k)?;
                    write!(f, ":{v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A JSON string: `"` and `\` escaped, control characters as `\n`-style or `\u00XX` escapes,
/// everything else as is.
fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{08}' => f.write_str("\\b")?,
            '\u{0c}' => f.write_str("\\f")?,
            c if u32::from(c) < 0x20 => write!(f, "\\u{:04x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        Json::from_node(&crate::yaml::parse(text).unwrap()).unwrap()
    }

    #[test]
    fn yaml_values_write_the_json_serde_json_writes() {
        let cases = [
            "[1, -2, +3, 1.5, 1e3, 0.0001, 1e-7, 1e20, 1773666416.279787, 18446744073709551615]",
            "{b: 1, a: [true, False, null, ~], c: 'x\"y\\\\z', d: \"tab\\there\\u0001\"}",
            "['7', \"true\", 0x1F, 1.2.3, abc, .inf, -.5, 'ключ: значение']",
            "{nested: {list: [{k: v}, []], empty: {}}}",
            "[1e15, 1e16, 1e17, 1.0e16, 123456789012345680000.0, 0.00001, 0.000001, 1.5e300, 2.5e-300, 9007199254740993.0]",
            "[-0.5, -1e-7, -1e20, 0.1, 0.12345, 123.456, 1.5e-5, 0.0, -0.0, 100.0, 5e-324, 1.7976931348623157e308]",
        ];
        for case in cases {
            let ours = json(case).to_string();
            let theirs: serde_json::Value = serde_json::from_str(&ours).unwrap();
            assert_eq!(ours, theirs.to_string(), "{case}");
        }
    }

    #[test]
    fn floats_are_written_as_serde_json_writes_them() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let f = f64::from_bits(x);
            if f.is_finite() {
                // Shortest digits that read back the same; where two are equally short the
                // last digit may differ from serde_json's, never the value.
                let back: f64 = serde_json::from_str(&float_text(f)).unwrap();
                assert_eq!(back.to_bits(), f.to_bits(), "{f:e}");
                let theirs = serde_json::to_string(&f).unwrap();
                assert_eq!(float_text(f).len(), theirs.len(), "{f:e}");
            }
            // Round decimals too, the kind examples hold.
            let g = (x % 10_000_000) as f64 / 1000.0;
            assert_eq!(float_text(g), serde_json::to_string(&g).unwrap(), "{g:e}");
        }
    }

    #[test]
    fn json_text_is_read_back() {
        let text = r#"{"anyOf":[{"type":"integer","minimum":0},{"pattern":"^[0-9]+$","type":"string"}],"description":"Id: \"digits\"\\."}"#;
        let ours: serde_json::Value =
            serde_json::from_str(&Json::parse(text).unwrap().to_string()).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs);
        assert!(Json::parse("{unclosed").is_none());
    }
}

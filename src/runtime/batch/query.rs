//! Parameters as a PHP query string, the form `batch` commands take (`method?query`): what
//! PHP's `http_build_query` writes and the portal's `parse_str` reads back.

use serde_json::Value;

/// Appends `value` under `key` to `out` (`a[b][0]=x&…`): objects and arrays become bracketed
/// keys, `true`/`false` become `1`/`0`, `null` is left out (as `http_build_query` does), text is
/// percent-encoded byte by byte like PHP's `urlencode` (space as `+`).
pub(crate) fn encode_pairs(key: &str, value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push(format!("{}={}", urlencode(key), u8::from(*b))),
        Value::Number(n) => out.push(format!("{}={n}", urlencode(key))),
        Value::String(s) => out.push(format!("{}={}", urlencode(key), urlencode(s))),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                encode_pairs(&format!("{key}[{i}]"), item, out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                encode_pairs(&format!("{key}[{k}]"), v, out);
            }
        }
    }
}

/// PHP's `urlencode`: letters, digits and `-_.` as they are, space as `+`, every other byte
/// as `%XX` (upper case).
pub(crate) fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn query(value: Value) -> String {
        let mut out = Vec::new();
        if let Value::Object(map) = value {
            for (k, v) in &map {
                encode_pairs(k, v, &mut out);
            }
        }
        out.join("&")
    }

    #[test]
    fn encodes_like_http_build_query() {
        // data-encoding.md: `John&Martin` must arrive whole.
        assert_eq!(
            query(json!({"fields": {"TITLE": "John&Martin"}})),
            "fields%5BTITLE%5D=John%26Martin"
        );
        assert_eq!(
            query(json!({"IDS": [1, 2], "ACTIVE": true, "OFF": false, "NONE": null})),
            "ACTIVE=1&IDS%5B0%5D=1&IDS%5B1%5D=2&OFF=0"
        );
        assert_eq!(
            query(json!({"USER_CODE": "livechat|1|2|3", "NAME": "Гость 1"})),
            "NAME=%D0%93%D0%BE%D1%81%D1%82%D1%8C+1&USER_CODE=livechat%7C1%7C2%7C3"
        );
        assert_eq!(
            query(json!({"a": {"b": [{"c": "x y"}]}})),
            "a%5Bb%5D%5B0%5D%5Bc%5D=x+y"
        );
    }
}

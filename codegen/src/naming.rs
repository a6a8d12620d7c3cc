//! Wire names to Rust identifiers.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `chatId` → `chat_id`, `USER_CODE` → `user_code`.
pub fn snake(wire: &str) -> String {
    wire.to_snake_case()
}

/// `ACCESS_DENIED` → `AccessDenied`, `dialog.get` segments → `DialogGet`.
pub fn camel(wire: &str) -> String {
    wire.to_upper_camel_case()
}

/// Whether `s` can be written as a plain Rust identifier.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    s != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Strict and reserved keywords of edition 2024.
pub fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_wire_names() {
        assert_eq!(snake("chatId"), "chat_id");
        assert_eq!(snake("USER_CODE"), "user_code");
        assert_eq!(snake("entity_data_1"), "entity_data_1");
        assert_eq!(camel("ACCESS_DENIED"), "AccessDenied");
        assert_eq!(camel("expired_token"), "ExpiredToken");
        assert_eq!(camel("session_open"), "SessionOpen");
    }

    #[test]
    fn rejects_non_identifiers_and_keywords() {
        assert!(is_identifier("chat_id"));
        assert!(!is_identifier("1c"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier("_"));
        assert!(is_keyword("type"));
        assert!(!is_keyword("kind"));
    }
}

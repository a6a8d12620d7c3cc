//! Wire names to Rust names: case conversion, what is usable, what generated code reserves,
//! and the names derived from a method name.

use std::collections::BTreeMap;
use std::path::Path;

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::Lowerer;
use super::types::Scope;
use crate::model::SpannedStr;

/// Field names the generator uses itself.
pub(super) const RESERVED_FIELDS: &[&str] = &["extra", "corrections"];
/// Type names generated code relies on: the prelude types it writes unqualified, and `rt`.
pub(super) const RESERVED_TYPES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box", "rt",
];
/// Crate-root names of `b24-spec` that a generated top-level module must not take.
pub(super) const RESERVED_MODULES: &[&str] = &[
    "common", "runtime", "schema", "chrono", "std", "core", "alloc",
];
/// Error and enum variant names the generator uses itself.
pub(super) const RESERVED_VARIANTS: &[&str] = &["System", "Unknown", "Legacy"];

/// The Rust names generated for one method.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct MethodNames {
    /// `imopenlines.dialog.get` → `["imopenlines", "dialog_get"]`.
    pub(super) module: Vec<String>,
    /// `DialogGet`: the marker type implementing `Method`.
    pub(super) marker: String,
    /// `DialogGetParams`, unless a selector enum takes the params' place.
    pub(super) params: String,
    /// `DialogGetResult`, for an inline object result without its own `struct` name.
    pub(super) result: String,
    /// `DialogGetError`.
    pub(super) error: String,
}

/// Why a method name cannot be generated: the message and a fix hint.
pub(super) type NameProblem = (String, String);

/// Derives a method's module and type names, or says why it cannot have them.
pub(super) fn method_names(name: &str) -> Result<MethodNames, NameProblem> {
    let segments: Vec<&str> = name.split('.').collect();
    let well_formed = segments.len() >= 2
        && segments
            .iter()
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    let Some((first, rest)) = segments.split_first().filter(|_| well_formed) else {
        return Err((
            format!("`{name}` is not a REST method name"),
            "method names look like `imopenlines.dialog.get`".to_string(),
        ));
    };
    let rest = rest.join("_");
    let module = vec![snake(first), snake(&rest)];
    if RESERVED_MODULES.contains(&snake(first).as_str()) {
        return Err((
            format!(
                "method `{name}` would generate the top-level module `{first}`, which the crate \
                 already uses"
            ),
            format!(
                "names starting with {} cannot be generated; report it as a codegen limitation",
                RESERVED_MODULES.join(", ")
            ),
        ));
    }
    if let Some(part) = module.iter().find(|p| !is_identifier(p) || is_keyword(p)) {
        return Err((
            format!("method `{name}` gives the Rust module name `{part}`, which is not usable"),
            "method segments must start with a letter and not be Rust keywords".to_string(),
        ));
    }
    let marker = camel(&rest);
    if RESERVED_TYPES.contains(&marker.as_str()) {
        return Err((
            format!(
                "method `{name}` gives the Rust type `{marker}`, which generated code reserves"
            ),
            "this method name cannot be generated; report it as a codegen limitation".to_string(),
        ));
    }
    Ok(MethodNames {
        module,
        params: format!("{marker}Params"),
        result: format!("{marker}Result"),
        error: format!("{marker}Error"),
        marker,
    })
}

/// Whether `name` can name a generated type (UpperCamelCase, not a keyword or reserved name).
pub(super) fn is_type_name(name: &str) -> bool {
    is_identifier(name)
        && !is_keyword(name)
        && camel(name) == name
        && !RESERVED_TYPES.contains(&name)
}

/// `chatId` → `chat_id`, `USER_CODE` → `user_code`.
pub(super) fn snake(wire: &str) -> String {
    wire.to_snake_case()
}

/// The Rust field name a wire name gets without `rust_name`, and whether the loader takes it
/// (import writes a `rust_name` where it would not).
#[cfg_attr(not(feature = "docs"), allow(dead_code))]
pub(crate) fn default_field_name(wire: &str) -> (String, bool) {
    let name = snake(wire);
    let usable =
        !is_keyword(&name) && is_identifier(&name) && !RESERVED_FIELDS.contains(&name.as_str());
    (name, usable)
}

/// `ACCESS_DENIED` → `AccessDenied`, `dialog.get` segments → `DialogGet`.
pub(super) fn camel(wire: &str) -> String {
    wire.to_upper_camel_case()
}

/// Whether `s` can be written as a plain Rust identifier.
pub(super) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    s != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Strict and reserved keywords of edition 2024.
pub(super) fn is_keyword(s: &str) -> bool {
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

/// Name checks that report problems: generated type names and field names.
impl Lowerer {
    /// Checks a generated type's name (`key: example` is what the hint suggests) and reserves
    /// it in `scope`.
    pub(super) fn claim_type_name(
        &mut self,
        file: &Path,
        name: &SpannedStr,
        scope: &mut Scope,
        key: &str,
        example: &str,
    ) -> Option<String> {
        let rust = name.value.clone();
        if !is_type_name(&rust) {
            self.err(
                file,
                name,
                format!("`{rust}` is not a usable Rust type name"),
            )
            .hint(format!("use UpperCamelCase, e.g. `{key}: {example}`"));
            return None;
        }
        if !scope.names.insert(rust.clone()) {
            self.err(
                file,
                name,
                format!("type name `{rust}` is already used in this module"),
            )
            .hint(format!("give one of them another `{key}` name"));
            return None;
        }
        Some(rust)
    }

    /// Picks and checks a Rust field name for a wire name.
    pub(super) fn rust_field_name(
        &mut self,
        file: &Path,
        wire: &SpannedStr,
        explicit: Option<&SpannedStr>,
        seen: &mut BTreeMap<String, String>,
    ) -> Option<String> {
        let (name, at) = match explicit {
            Some(r) => (r.value.clone(), r),
            None => (snake(&wire.value), wire),
        };
        if is_keyword(&name) {
            self.err(
                file,
                at,
                format!("`{name}` is a Rust keyword and cannot name a field"),
            )
            .hint(format!(
                "add `rust_name: {name}_value` (or a better name) next to `name: {}`",
                wire.value
            ));
            return None;
        }
        if !is_identifier(&name) || RESERVED_FIELDS.contains(&name.as_str()) {
            self.err(
                file,
                at,
                format!(
                    "`{}` gives the Rust field name `{name}`, which is not usable",
                    wire.value
                ),
            )
            .hint("add `rust_name:` with a snake_case identifier");
            return None;
        }
        if let Some(other) = seen.insert(name.clone(), wire.value.clone()) {
            self.err(
                file,
                at,
                format!(
                    "`{}` and `{other}` both become the Rust field `{name}`",
                    wire.value
                ),
            )
            .hint("add `rust_name:` to one of them");
            return None;
        }
        Some(name)
    }
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
    fn derives_method_names_and_refuses_reserved_ones() {
        let names = method_names("imopenlines.dialog.get").unwrap();
        assert_eq!(names.module, ["imopenlines", "dialog_get"]);
        assert_eq!(
            (names.marker.as_str(), names.params.as_str()),
            ("DialogGet", "DialogGetParams")
        );
        assert_eq!(
            (names.result.as_str(), names.error.as_str()),
            ("DialogGetResult", "DialogGetError")
        );
        assert!(method_names("imopenlines").is_err());
        assert!(method_names("common.get").is_err());
        assert!(method_names("a.option").is_err());
        assert!(method_names("a.b-c").is_err());
        assert!(is_type_name("EntityLink"));
        assert!(!is_type_name("entity_link"));
        assert!(!is_type_name("Option"));
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

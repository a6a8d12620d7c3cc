//! The spec's builtin types, described once.
//!
//! Lowering reads the names, the docs emitter what each accepts, the type emitter the Rust and
//! wire types, and the schema emitter the JSON Schema that `b24_spec::schema` serves for the
//! wire types (through the generated `__builtin_schemas` module), so the four cannot drift.

use proc_macro2::TokenStream;
use quote::quote;

/// A builtin type name of the spec format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Builtin {
    /// A value type.
    Scalar(Scalar),
    /// An inline object: needs `struct` and `fields`.
    Object,
    /// A list: needs `items`.
    Array,
    /// An open set of names: needs `enum` and `values`.
    Enum,
}

/// A builtin value type: one Rust type, one lenient wire reader, one schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Scalar {
    Id,
    Integer,
    Number,
    String,
    Boolean,
    DateTime,
    UserCode,
    DialogId,
    ChatDialogId,
    Json,
}

/// Everything known about one scalar.
struct Facts {
    name: &'static str,
    /// One line for `b24-spec check` hints and the README.
    summary: &'static str,
    /// What the decoder accepts beyond the plain JSON type, for field docs.
    accepts: Option<&'static str>,
    /// The schema name and JSON Schema of the wire type (`None`: inline, no shared definition).
    schema: Option<(&'static str, &'static str)>,
}

impl Scalar {
    /// Every scalar, in the order docs list them.
    pub(crate) const ALL: [Scalar; 10] = [
        Scalar::Id,
        Scalar::Integer,
        Scalar::Number,
        Scalar::String,
        Scalar::Boolean,
        Scalar::DateTime,
        Scalar::UserCode,
        Scalar::DialogId,
        Scalar::ChatDialogId,
        Scalar::Json,
    ];

    fn facts(self) -> Facts {
        match self {
            Scalar::Id => Facts {
                name: "id",
                summary: "identifier: a non-negative integer, sent as a number or a string of digits",
                accepts: Some("accepts a JSON number or a numeric string"),
                schema: Some((
                    "Id",
                    r#"{"description": "Identifier: a non-negative integer, or a string of digits.",
                        "anyOf": [{"type": "integer", "minimum": 0, "maximum": 18446744073709551615},
                                  {"type": "string", "pattern": "^[0-9]+$"}]}"#,
                )),
            },
            Scalar::Integer => Facts {
                name: "integer",
                summary: "signed integer, sent as a number or a numeric string",
                accepts: Some("accepts a JSON number or a numeric string"),
                schema: Some((
                    "Integer",
                    r#"{"description": "Integer, or a string holding one.",
                        "anyOf": [{"type": "integer", "minimum": -9223372036854775808, "maximum": 9223372036854775807},
                                  {"type": "string", "pattern": "^-?[0-9]+$"}]}"#,
                )),
            },
            Scalar::Number => Facts {
                name: "number",
                summary: "floating-point number, sent as a number or a numeric string",
                accepts: Some("accepts a JSON number or a numeric string"),
                schema: Some((
                    "Number",
                    r#"{"description": "Number, or a string holding one.",
                        "anyOf": [{"type": "number"},
                                  {"type": "string", "pattern": "^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$"}]}"#,
                )),
            },
            Scalar::String => Facts {
                name: "string",
                summary: "text",
                accepts: None,
                schema: None,
            },
            Scalar::Boolean => Facts {
                name: "boolean",
                summary: "true/false, also sent as \"Y\"/\"N\"",
                accepts: Some("accepts `true`/`false` or `\"Y\"`/`\"N\"`"),
                schema: Some((
                    "Flag",
                    r#"{"description": "Boolean, or the flags \"Y\" / \"N\".",
                        "anyOf": [{"type": "boolean"}, {"enum": ["Y", "N"]}]}"#,
                )),
            },
            Scalar::DateTime => Facts {
                name: "datetime",
                summary: "RFC 3339 date-time with offset",
                accepts: Some("RFC 3339 with offset"),
                schema: Some((
                    "DateTime",
                    r#"{"description": "RFC 3339 date-time with offset, e.g. 2026-03-13T16:50:15+01:00.",
                        "type": "string",
                        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"}"#,
                )),
            },
            Scalar::UserCode => Facts {
                name: "user_code",
                summary: "open-lines user code `<connector>|<LINE_ID>|<CONNECTOR_CHAT_ID>|<CONNECTOR_USER_ID>`",
                accepts: None,
                schema: Some((
                    "UserCode",
                    r#"{"description": "Open-lines user code `<connector>|<LINE_ID>|<CONNECTOR_CHAT_ID>|<CONNECTOR_USER_ID>`, optionally prefixed with `imol|`.",
                        "type": "string",
                        "pattern": "^(imol\\|)?[^|]+\\|[0-9]+\\|[^|]+\\|[^|]+$",
                        "examples": ["livechat|22|1761|587", "imol|livechat|1|1373|211"]}"#,
                )),
            },
            Scalar::DialogId => Facts {
                name: "dialog_id",
                summary: "dialog id: `chat<ID>` or a user id",
                accepts: None,
                schema: Some((
                    "DialogId",
                    r#"{"description": "Dialog id: `chat<ID>` for a chat, or a user id for a private dialog.",
                        "type": "string", "pattern": "^(chat)?[0-9]+$", "examples": ["chat29", "256"]}"#,
                )),
            },
            Scalar::ChatDialogId => Facts {
                name: "chat_dialog_id",
                summary: "a chat's dialog id: `chat<ID>` only",
                accepts: None,
                schema: Some((
                    "ChatDialogId",
                    r#"{"description": "A chat's dialog id, `chat<ID>`.",
                        "type": "string", "pattern": "^chat[0-9]+$", "examples": ["chat29"]}"#,
                )),
            },
            Scalar::Json => Facts {
                name: "json",
                summary: "any JSON value",
                accepts: None,
                schema: Some(("Json", r#"{"description": "Any JSON value."}"#)),
            },
        }
    }

    /// The spec's name for it.
    pub(crate) fn name(self) -> &'static str {
        self.facts().name
    }

    /// What the decoder accepts beyond the plain JSON type, for field docs.
    pub(crate) fn accepts(self) -> Option<&'static str> {
        self.facts().accepts
    }

    /// The Rust type users see.
    pub(crate) fn rust_type(self) -> TokenStream {
        match self {
            Scalar::Id => quote!(u64),
            Scalar::Integer => quote!(i64),
            Scalar::Number => quote!(f64),
            Scalar::String => quote!(String),
            Scalar::Boolean => quote!(bool),
            Scalar::DateTime => quote!(::b24_spec::DateTime),
            Scalar::UserCode => quote!(::b24_spec::UserCode),
            Scalar::DialogId => quote!(::b24_spec::DialogId),
            Scalar::ChatDialogId => quote!(::b24_spec::ChatDialogId),
            Scalar::Json => quote!(rt::Value),
        }
    }

    /// The runtime marker that reads it leniently (see `b24_spec::__private::Wire`).
    pub(crate) fn wire_type(self) -> TokenStream {
        match self {
            Scalar::Id => quote!(rt::Id),
            Scalar::Integer => quote!(rt::Int),
            Scalar::Number => quote!(rt::Float),
            Scalar::String => quote!(rt::Text),
            Scalar::Boolean => quote!(rt::Flag),
            Scalar::DateTime => quote!(rt::Timestamp),
            Scalar::Json => quote!(rt::Json),
            Scalar::UserCode | Scalar::DialogId | Scalar::ChatDialogId => {
                let ty = self.rust_type();
                quote!(rt::Parsed<#ty>)
            }
        }
    }

    /// `(schema name, JSON Schema text)` of the wire type, where it has a shared definition.
    pub(crate) fn schema(self) -> Option<(&'static str, &'static str)> {
        self.facts().schema
    }
}

impl Builtin {
    /// Every builtin name with its one-line meaning, in the order docs list them.
    pub(crate) fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
        Scalar::ALL
            .iter()
            .map(|s| (s.name(), s.facts().summary))
            .chain([
                ("object", "an inline object: needs `struct` and `fields`"),
                ("array", "a list: needs `items`"),
                (
                    "enum",
                    "an open set of names: needs `enum` and `values`; other strings are kept",
                ),
            ])
    }

    /// The builtin called `name`, if any.
    pub(crate) fn parse(name: &str) -> Option<Builtin> {
        match name {
            "object" => Some(Builtin::Object),
            "array" => Some(Builtin::Array),
            "enum" => Some(Builtin::Enum),
            other => Scalar::ALL
                .into_iter()
                .find(|s| s.name() == other)
                .map(Builtin::Scalar),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_schemas_are_json_objects() {
        for (name, summary) in Builtin::all() {
            assert!(Builtin::parse(name).is_some(), "{name}");
            assert!(!summary.is_empty());
        }
        for s in Scalar::ALL {
            if let Some((_, text)) = s.schema() {
                let value: serde_json::Value = serde_json::from_str(text).unwrap();
                assert!(value.get("description").is_some(), "{}", s.name());
                // The codegen reads it without serde_json, to the same value.
                let ours = crate::json::Json::parse(text).unwrap().to_string();
                assert_eq!(
                    serde_json::from_str::<serde_json::Value>(&ours).unwrap(),
                    value
                );
            }
        }
        assert_eq!(Builtin::parse("objekt"), None);
    }
}

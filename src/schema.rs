//! JSON Schema (draft 2020-12) for the wire wrappers, so every generated schema describes what
//! the decoder really accepts: an ID is "integer, or string of digits", and so on.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::wire::{Flag, Float, Id, Int, List, Nullable, Plain, Text, Timestamp, Wire};

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Identifier: a non-negative integer, or a string of digits.",
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 18_446_744_073_709_551_615_u64},
                {"type": "string", "pattern": "^[0-9]{1,20}$"}
            ]
        })
    }
}

impl JsonSchema for Int {
    fn schema_name() -> Cow<'static, str> {
        "Integer".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Integer, or a string holding one.",
            "anyOf": [
                {"type": "integer", "minimum": i64::MIN, "maximum": i64::MAX},
                {"type": "string", "pattern": "^-?[0-9]{1,19}$"}
            ]
        })
    }
}

impl JsonSchema for Float {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Number, or a string holding one.",
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"}
            ]
        })
    }
}

impl JsonSchema for Flag {
    fn schema_name() -> Cow<'static, str> {
        "Flag".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Boolean, or the flags \"Y\" / \"N\".",
            "anyOf": [{"type": "boolean"}, {"enum": ["Y", "N"]}]
        })
    }
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "String".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string"})
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "DateTime".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "RFC 3339 date-time with offset, e.g. 2026-03-13T16:50:15+01:00.",
            "type": "string",
            "format": "date-time"
        })
    }
}

impl<W: Wire + JsonSchema> JsonSchema for Nullable<W> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("Nullable_{}", W::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let inner = generator.subschema_for::<W>();
        json_schema!({"anyOf": [inner, {"type": "null"}]})
    }
}

impl<W: Wire + JsonSchema> JsonSchema for List<W> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("List_{}", W::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let inner = generator.subschema_for::<W>();
        json_schema!({"type": "array", "items": inner})
    }
}

impl<T: JsonSchema> JsonSchema for Plain<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        generator.subschema_for::<T>()
    }
}

//! JSON Schema (draft 2020-12) that says what the decoder really accepts.
//!
//! Wire wrappers get hand-written schemas (an ID is "integer, or string of digits"); generated
//! types assemble theirs from these with the helpers below, so a schema and the decoder are
//! built from the same pieces and cannot drift apart.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

use crate::runtime::envelope::Response;
use crate::runtime::method::Method;
use crate::runtime::record::{Object, Whole};
use crate::runtime::registry::MethodDescriptor;
use crate::runtime::scalars::{Flag, Float, Id, Int, Named, Parsed, Text, Timestamp};
use crate::runtime::wire::{Json, List, NoneMarker, OrNone, Top, Wire};
use crate::runtime::writer::YesNo;
use crate::{ChatDialogId, DialogId, UserCode};

/// Extension keyword carrying the Russian description next to the English `description`.
pub const RU_KEYWORD: &str = "x-description-ru";

/// Extension keyword listing where official pages differ from the server (the schema follows
/// the server): `[{"page", "docs", "server", "source"}]`.
pub const DIFFERS_KEYWORD: &str = "x-differs-from-docs";

/// Builtin wire types: name and schema come from the codegen's builtin table, emitted into
/// `__builtin_schemas`, so the spec's docs and these schemas share one description.
macro_rules! builtin_schema {
    ($($ty:ty => $function:ident;)*) => {$(
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                crate::__builtin_schemas::$function().0.into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                crate::__builtin_schemas::$function().1
            }
        }
    )*};
}

builtin_schema! {
    Id => id;
    Int => integer;
    Float => number;
    Flag => boolean;
    Timestamp => datetime;
    UserCode => user_code;
    DialogId => dialog_id;
    ChatDialogId => chat_dialog_id;
    Json => json;
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

impl<W: Wire + JsonSchema, N: NoneMarker> JsonSchema for OrNone<W, N> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("Or_{}_{}", W::schema_name(), N::TEXT).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let inner = generator.subschema_for::<W>();
        match (N::NULL, W::FALSE_IS_NULL) {
            (true, true) => json_schema!({"anyOf": [inner, {"type": "null"}, {"const": false}]}),
            (true, false) => json_schema!({"anyOf": [inner, {"type": "null"}]}),
            (false, _) => json_schema!({"anyOf": [inner, {"const": ""}]}),
        }
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

/// Wrappers whose schema is their value type's.
macro_rules! schema_of_value {
    ($($wrapper:ident),*) => {$(
        impl<T: JsonSchema> JsonSchema for $wrapper<T> {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                T::schema_name()
            }
            fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                generator.subschema_for::<T>()
            }
        }
    )*};
}

schema_of_value!(Parsed, Named, Object, Whole, Top);

impl JsonSchema for YesNo {
    fn schema_name() -> Cow<'static, str> {
        "YesNo".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"description": "A flag: \"Y\" or \"N\".", "enum": ["Y", "N"]})
    }
}

impl<T: JsonSchema> JsonSchema for Response<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Response_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let result = generator.subschema_for::<T>();
        let time = generator.subschema_for::<crate::common::Time>();
        json_schema!({
            "description": "A successful answer: the method's `result`, the `time` block, and any other keys.",
            "type": "object",
            "required": ["result"],
            "properties": {"result": result, "time": time},
            "not": {"required": ["error"]}
        })
    }
}

/// The properties of an object schema, added one line per field by generated code.
#[doc(hidden)]
pub struct Props<'g> {
    generator: &'g mut SchemaGenerator,
    properties: Map<String, Value>,
}

impl<'g> Props<'g> {
    /// No properties yet.
    pub fn new(generator: &'g mut SchemaGenerator) -> Self {
        Self {
            generator,
            properties: Map::new(),
        }
    }

    /// Adds `key` with the schema of the wire type `W` and the spec's texts; examples and
    /// recorded differences, which most fields lack, follow in calls of their own.
    pub fn add<W: JsonSchema>(&mut self, key: &str, en: &str, ru: &str) {
        let schema = described::<W>(self.generator, en, ru, &[], &[]);
        self.properties.insert(key.to_string(), schema);
    }

    /// Adds the spec's examples (JSON texts) to the property `key`.
    pub fn examples(&mut self, key: &str, examples: &[&str]) {
        if let Some(Value::Object(schema)) = self.properties.get_mut(key) {
            add_examples(schema, examples);
        }
    }

    /// Adds the recorded page-vs-server differences, `(page, docs, server, source)`, to the
    /// property `key`.
    pub fn differs(&mut self, key: &str, differences: &[(&str, &str, &str, &str)]) {
        if let Some(Value::Object(schema)) = self.properties.get_mut(key) {
            add_differences(schema, differences);
        }
    }

    /// Adds parameter `wire` of `method` (see [`param_schema`]).
    pub fn param<W: JsonSchema>(&mut self, method: &MethodDescriptor, wire: &str) {
        let schema = param_schema::<W>(self.generator, method, wire);
        self.properties.insert(wire.to_string(), schema);
    }

    /// Adds `x-since` to the property `key` (see [`with_since`]).
    pub fn since(
        &mut self,
        key: &str,
        revision: u32,
        counter: &str,
        read_with: &str,
        counter_key: &str,
        source: &str,
    ) {
        if let Some(schema) = self.properties.remove(key) {
            let schema = with_since(schema, revision, counter, read_with, counter_key, source);
            self.properties.insert(key.to_string(), schema);
        }
    }

    /// The object schema (see [`object`]), and the generator back for `allOf` parts.
    pub fn object(
        self,
        required: &[&str],
        en: &str,
        ru: &str,
    ) -> (Schema, &'g mut SchemaGenerator) {
        (object(self.properties, required, en, ru), self.generator)
    }
}

/// The schema of parameter `wire` of `method`: its type's schema with the registry's texts,
/// examples, recorded differences and revision (so params schemas repeat nothing the registry
/// already holds).
#[doc(hidden)]
pub fn param_schema<W: JsonSchema>(
    generator: &mut SchemaGenerator,
    method: &MethodDescriptor,
    wire: &str,
) -> Value {
    let Some(p) = method.param(wire) else {
        return generator.subschema_for::<W>().to_value();
    };
    let at = format!("param {wire}");
    let differences: Vec<(&str, &str, &str, &str)> = method
        .differences
        .iter()
        .filter(|d| d.at == at)
        .map(|d| (d.page, d.docs, d.server, d.source))
        .collect();
    let schema = described::<W>(
        generator,
        p.description.en,
        p.description.ru,
        p.examples,
        &differences,
    );
    match p.since {
        Some(s) => with_since(schema, s.revision, s.counter, s.read_with, s.key, s.source),
        None => schema,
    }
}

/// Extension keyword giving the revision a parameter or field appeared in:
/// `{"revision", "counter", "read_with", "key", "source"}`.
pub const SINCE_KEYWORD: &str = "x-since";

/// `schema` with `x-since`: the revision that introduced it, the counter that number belongs to,
/// the method and result key that report the counter, and where the number was read.
#[doc(hidden)]
pub fn with_since(
    mut schema: Value,
    revision: u32,
    counter: &str,
    read_with: &str,
    key: &str,
    source: &str,
) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert(
            SINCE_KEYWORD.to_string(),
            json!({"revision": revision, "counter": counter, "read_with": read_with, "key": key, "source": source}),
        );
    }
    schema
}

/// The schema of a field or parameter: the type's schema plus the spec's texts.
#[doc(hidden)]
pub fn described<W: JsonSchema>(
    generator: &mut SchemaGenerator,
    en: &str,
    ru: &str,
    examples: &[&str],
    differences: &[(&str, &str, &str, &str)],
) -> Value {
    let mut schema = generator.subschema_for::<W>();
    schema.insert("description".into(), Value::from(en));
    schema.insert(RU_KEYWORD.into(), Value::from(ru));
    let mut schema = schema.to_value();
    if let Value::Object(map) = &mut schema {
        add_differences(map, differences);
        add_examples(map, examples);
    }
    schema
}

fn add_differences(schema: &mut Map<String, Value>, differences: &[(&str, &str, &str, &str)]) {
    if !differences.is_empty() {
        let list: Vec<Value> = differences
            .iter()
            .map(|(page, docs, server, source)| {
                json!({"page": page, "docs": docs, "server": server, "source": source})
            })
            .collect();
        schema.insert(DIFFERS_KEYWORD.into(), Value::Array(list));
    }
}

/// Examples are JSON texts; one that does not parse is left out.
fn add_examples(schema: &mut Map<String, Value>, examples: &[&str]) {
    let examples: Vec<Value> = examples
        .iter()
        .filter_map(|e| serde_json::from_str(e).ok())
        .collect();
    if !examples.is_empty() {
        schema.insert("examples".into(), Value::Array(examples));
    }
}

/// An object with the given properties; also `[]` when nothing is required (PHP's `{}`).
#[doc(hidden)]
pub fn object(properties: Map<String, Value>, required: &[&str], en: &str, ru: &str) -> Schema {
    let object = json!({
        "type": "object",
        "properties": properties,
        "required": required,
    });
    let mut schema = if required.is_empty() {
        json_schema!({
            "anyOf": [object, {"type": "array", "maxItems": 0}]
        })
    } else {
        Schema::try_from(object).unwrap_or_default()
    };
    schema.insert("description".into(), Value::from(en));
    schema.insert(RU_KEYWORD.into(), Value::from(ru));
    schema
}

/// An open set of names: the known ones, their old forms, or any other string.
#[doc(hidden)]
pub fn open_enum(known: &[&str], legacy: &[&str], en: &str, ru: &str) -> Schema {
    let mut options = vec![json!({"enum": known})];
    if !legacy.is_empty() {
        options.push(
            json!({"description": "Old forms older portals may still send.", "enum": legacy}),
        );
    }
    options.push(json!({"description": "Any other name (the list grows with portal versions).", "type": "string"}));
    json_schema!({
        "description": en,
        "x-description-ru": ru,
        "anyOf": options
    })
}

/// Exactly one of several keys (a one-of parameter group): each option requires its key, so
/// a body with none or two of them matches no option or two. Other keys stay allowed, since a
/// group sits beside the method's other parameters (imopenlines.operator.transfer sends
/// CHAT_ID with one of USER_ID, QUEUE_ID, TRANSFER_ID).
#[doc(hidden)]
pub fn one_of(members: Vec<(&str, Value)>, en: &str, ru: &str) -> Schema {
    let options: Vec<Value> = members
        .into_iter()
        .map(|(wire, schema)| {
            json!({
                "type": "object",
                "properties": {wire: schema},
                "required": [wire]
            })
        })
        .collect();
    json_schema!({
        "description": en,
        "x-description-ru": ru,
        "oneOf": options
    })
}

/// An error body: `error` is one of `codes` or any other string.
#[doc(hidden)]
pub fn error_body(method: &str, codes: &[&str]) -> Schema {
    json_schema!({
        "description": format!("An error answer of `{method}`, at any HTTP status. Known codes are listed; others are accepted as unknown."),
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "description": "Error code.",
                "anyOf": [{"enum": codes}, {"type": "string"}, {"type": "number"}]
            },
            "error_description": {"description": "Text describing the error; may be missing or null."}
        }
    })
}

/// The four schemas published for one method.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct MethodSchemas {
    /// Request parameters.
    pub params: Schema,
    /// The `result` of a successful answer.
    pub result: Schema,
    /// The whole successful answer (`result`, `time`, …).
    pub response: Schema,
    /// An error answer.
    pub error: Schema,
}

/// Draft 2020-12 root schemas for method `M`.
pub fn method_schemas<M: Method>() -> MethodSchemas {
    let root = |f: &dyn Fn(SchemaGenerator) -> Schema| {
        f(schemars::generate::SchemaSettings::draft2020_12().into_generator())
    };
    let mut schemas = MethodSchemas {
        params: root(&|g| g.into_root_schema_for::<M::Params>()),
        result: root(&|g| g.into_root_schema_for::<M::ResultWire>()),
        response: root(&|g| g.into_root_schema_for::<Response<M::ResultWire>>()),
        error: root(&|g| g.into_root_schema_for::<M::Error>()),
    };
    for (schema, kind) in [
        (&mut schemas.params, "params"),
        (&mut schemas.result, "result"),
        (&mut schemas.response, "response"),
        (&mut schemas.error, "error"),
    ] {
        schema.insert("title".into(), Value::from(format!("{} {kind}", M::NAME)));
    }
    schemas
}

/// Every published schema file as `(file name, contents)`, sorted by name, byte-identical for
/// the same spec: four per method (`<method>.{params,result,response,error}.schema.json`) and
/// `index.json`.
pub fn schema_files() -> Vec<(String, String)> {
    struct Collect;
    impl crate::MethodVisitor for Collect {
        type Output = MethodSchemas;
        fn visit<M: Method>(self) -> MethodSchemas {
            method_schemas::<M>()
        }
    }
    let mut files = Vec::new();
    let mut index = Vec::new();
    for descriptor in crate::methods() {
        let Some(schemas) = crate::with_method(descriptor.name, Collect) else {
            continue;
        };
        let mut entry = Map::new();
        entry.insert("method".into(), Value::from(descriptor.name));
        entry.insert("scope".into(), Value::from(descriptor.scope));
        for (kind, schema) in [
            ("params", schemas.params),
            ("result", schemas.result),
            ("response", schemas.response),
            ("error", schemas.error),
        ] {
            let name = format!("{}.{kind}.schema.json", descriptor.name);
            entry.insert(kind.into(), Value::from(name.clone()));
            files.push((name, pretty(schema.as_value())));
        }
        index.push(Value::Object(entry));
    }
    let index = json!({
        "$comment": "Generated by `b24-spec schema` from spec/. Do not edit by hand.",
        "methods": index,
    });
    files.push(("index.json".to_string(), pretty(&index)));
    files.sort();
    files
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Property tests: generated wire JSON for every field of the spec, round trips, unknown keys,
//! and arbitrary input to the decoder and the spec loader.
//!
//! The generators are built at run time from `spec/`, read with the spec loader
//! (`b24_spec_codegen::check` and its `FieldInfo` view: every field's path, type, whether it is
//! required and whether it is nullable), so a field or a method added to the spec is generated
//! without editing this file. The view leaves out three facts, which come from the method's
//! published response schema in `schemas/` (kept current by `tests/schemas.rs`): which objects
//! the spec lets arrive as `""` for "none" (`none_as`), the known names of open enums (any
//! string is a valid value of an open enum; the names only make the known variants come up
//! more often), and the type of a result that is not an object or an array. The properties run
//! for every method of the registry (`b24_spec::methods()`), with its types through
//! `b24_spec::with_method`; `the_tables_follow_the_spec` checks the tables against the spec.
//!
//! `PROPTEST_CASES=100000 cargo test --all-features --test properties` runs longer.

use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use b24_spec::{ApiError, CallError, Corrected, Method, MethodVisitor, decode, decode_strict};
use b24_spec_codegen::{FieldInfo, Spec};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::Union;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Map, Value, json};

// ---------------------------------------------------------------------------------------------
// The spec, as tables.

/// A spec type, as the wire carries it.
#[derive(Debug, Clone, Copy)]
enum T {
    Id,
    Int,
    Num,
    Str,
    Bool,
    Date,
    UserCode,
    DialogId,
    ChatDialogId,
    /// Any JSON value.
    Json,
    /// An open set of names: any string. The known names and old forms are generated more
    /// often.
    Enum(&'static [&'static str]),
    Obj(&'static [F]),
    /// An object, or `""` for none (`none_as: ""`, such as `public`).
    ObjOrEmpty(&'static [F]),
    /// A list of items; the item is a field named `[]` (always present, maybe nullable).
    Arr(&'static F),
}

/// What `null` means for a field.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Null {
    /// Not nullable.
    No,
    /// Nullable in the spec: `null` or PHP's `false`, re-serialized as `null`.
    OrFalse,
}

/// A field of an object.
#[derive(Debug, Clone, Copy)]
struct F {
    name: &'static str,
    ty: T,
    required: bool,
    null: Null,
}

/// One method of the registry: its wire name and its success envelope (`result`, `time`).
#[derive(Debug)]
struct Tables {
    name: &'static str,
    body: &'static [F],
}

/// What the spec view says of one field (a [`FieldInfo`], or the `result` itself).
#[derive(Debug, Clone)]
struct Info {
    path: String,
    type_name: String,
    nullable: bool,
    required: bool,
}

impl From<FieldInfo> for Info {
    fn from(f: FieldInfo) -> Self {
        Info {
            path: f.path,
            type_name: f.type_name,
            nullable: f.nullable,
            required: f.required,
        }
    }
}

/// `error` and `error_description` are reserved in the success envelope.
const ENVELOPE_RESERVED: &[&str] = &["error", "error_description"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn spec_dir() -> PathBuf {
    root().join("spec")
}

/// The repository's spec, loaded and checked once.
fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        b24_spec_codegen::check(&spec_dir())
            .unwrap_or_else(|failed| panic!("spec/ does not load:\n{}", failed.diagnostics))
    })
}

/// The tables of every method in the registry, built from the spec.
fn tables() -> &'static [Tables] {
    static TABLES: OnceLock<Vec<Tables>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let spec = spec();
        let time: Vec<Info> = spec
            .shared_object_fields("Time")
            .expect("spec/shared defines the envelope's `time` object (struct `Time`)")
            .into_iter()
            .map(Info::from)
            .collect();
        b24_spec::methods()
            .iter()
            .map(|d| {
                let method = spec
                    .methods()
                    .find(|m| m.name() == d.name)
                    .unwrap_or_else(|| panic!("{} is in the registry but not in spec/", d.name));
                let fields: Vec<Info> =
                    method.result_fields().into_iter().map(Info::from).collect();
                let schema = Schema::response(d.name);
                let result = schema.at("result");
                let result = Info {
                    path: "result".to_string(),
                    type_name: result_type(&fields, result).to_string(),
                    nullable: result.accepts_null(),
                    required: true,
                };
                let result = field_of(&fields, &result, "result", schema.at("result"));
                let time = F {
                    name: "time",
                    ty: T::Obj(fields_under(&time, "", schema.at("time"))),
                    required: false,
                    null: Null::No,
                };
                Tables {
                    name: d.name,
                    body: leak(vec![result, time]),
                }
            })
            .collect()
    })
}

/// The type of a method's `result`: an object or an array when the view lists fields below
/// it, else the scalar its schema names (the view lists no fields for a scalar result).
fn result_type(fields: &[Info], node: Node) -> &'static str {
    if fields.iter().any(|f| f.path.starts_with("result.")) {
        return "object";
    }
    if fields.iter().any(|f| f.path == "result[]") {
        return "array";
    }
    let alternatives = node.alternatives();
    for v in &alternatives {
        let target = v.get("$ref").and_then(Value::as_str).unwrap_or_default();
        match target.rsplit('/').next() {
            Some("Id") => return "id",
            Some("Integer") => return "integer",
            Some("Number") => return "number",
            Some("Flag") => return "boolean",
            Some("DateTime") => return "datetime",
            Some("UserCode") => return "user_code",
            Some("DialogId") => return "dialog_id",
            Some("ChatDialogId") => return "chat_dialog_id",
            Some("Json") => return "json",
            _ => {}
        }
    }
    if !node.enum_values().is_empty() {
        return "enum";
    }
    if alternatives
        .iter()
        .any(|v| v.get("type") == Some(&json!("string")))
    {
        return "string";
    }
    node.stale("result type a generator knows")
}

fn leak<X>(items: Vec<X>) -> &'static [X] {
    items.leak()
}

fn leak_str(text: &str) -> &'static str {
    text.to_string().leak()
}

/// The fields directly below `parent` (`result`, `result.readed_list[]`, or `""` for the
/// top level of a shared object) in a flattened field list.
fn fields_under(infos: &[Info], parent: &str, node: Node) -> &'static [F] {
    let prefix = if parent.is_empty() {
        String::new()
    } else {
        format!("{parent}.")
    };
    let fields = infos
        .iter()
        .filter_map(|info| {
            let name = info.path.strip_prefix(&prefix)?;
            (!name.contains('.') && !name.ends_with("[]")).then_some((info, name))
        })
        .map(|(info, name)| field_of(infos, info, leak_str(name), node.field(name)))
        .collect();
    leak(fields)
}

fn field_of(infos: &[Info], info: &Info, name: &'static str, node: Node) -> F {
    F {
        name,
        ty: type_of(infos, info, node),
        required: info.required,
        null: if info.nullable {
            Null::OrFalse
        } else {
            Null::No
        },
    }
}

fn type_of(infos: &[Info], info: &Info, node: Node) -> T {
    match info.type_name.as_str() {
        "id" => T::Id,
        "integer" => T::Int,
        "number" => T::Num,
        "string" => T::Str,
        "boolean" => T::Bool,
        "datetime" => T::Date,
        "user_code" => T::UserCode,
        "dialog_id" => T::DialogId,
        "chat_dialog_id" => T::ChatDialogId,
        "json" => T::Json,
        "enum" => T::Enum(leak(node.enum_values())),
        "object" => {
            let fields = fields_under(infos, &info.path, node);
            if node.accepts_empty_string() {
                T::ObjOrEmpty(fields)
            } else {
                T::Obj(fields)
            }
        }
        "array" => {
            let path = format!("{}[]", info.path);
            let item = infos
                .iter()
                .find(|i| i.path == path)
                .unwrap_or_else(|| panic!("the spec view lists no `{path}`"));
            T::Arr(Box::leak(Box::new(field_of(
                infos,
                item,
                "[]",
                node.items(),
            ))))
        }
        other => panic!(
            "{}: spec type `{other}` has no generator in tests/properties.rs",
            info.path
        ),
    }
}

/// A method's published response schema, `schemas/<method>.response.schema.json`.
struct Schema {
    file: String,
    root: &'static Value,
}

/// A place in a schema: the value there, the root (for `$ref`) and the field path (for
/// messages).
#[derive(Clone, Copy)]
struct Node {
    schema: &'static Schema,
    at: &'static Value,
    path: &'static str,
}

impl Schema {
    fn response(method: &str) -> &'static Schema {
        let file = format!("schemas/{method}.response.schema.json");
        let text = std::fs::read_to_string(root().join(&file)).unwrap_or_else(|e| {
            panic!("{file}: {e}; run `cargo run --features cli -- schema --out schemas`")
        });
        let root: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        Box::leak(Box::new(Schema {
            file,
            root: Box::leak(Box::new(root)),
        }))
    }

    /// The node of a top-level key of the envelope (`result`, `time`).
    fn at(&'static self, key: &str) -> Node {
        Node {
            schema: self,
            at: self.root,
            path: "",
        }
        .field(key)
    }
}

impl Node {
    /// This node and every schema it stands for: `$ref` targets and `anyOf`/`oneOf`/`allOf`
    /// members, followed to the end.
    fn alternatives(&self) -> Vec<&'static Value> {
        fn walk(
            root: &'static Value,
            v: &'static Value,
            depth: usize,
            out: &mut Vec<&'static Value>,
        ) {
            if depth > 32 {
                return;
            }
            out.push(v);
            if let Some(target) = v.get("$ref").and_then(Value::as_str) {
                if let Some(t) = target.strip_prefix('#').and_then(|p| root.pointer(p)) {
                    walk(root, t, depth + 1, out);
                }
            }
            for key in ["anyOf", "oneOf", "allOf"] {
                for member in v.get(key).and_then(Value::as_array).into_iter().flatten() {
                    walk(root, member, depth + 1, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(self.schema.root, self.at, 0, &mut out);
        out
    }

    fn stale(&self, what: &str) -> ! {
        panic!(
            "{} has no {what} at `{}`; run `cargo run --features cli -- schema --out schemas`",
            self.schema.file, self.path
        )
    }

    /// The node of the object field `name`.
    fn field(&self, name: &str) -> Node {
        let path = if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        };
        let path = leak_str(&path);
        let at = self
            .alternatives()
            .into_iter()
            .find_map(|v| v.get("properties")?.get(name))
            .unwrap_or_else(|| Node { path, ..*self }.stale("property"));
        Node {
            schema: self.schema,
            at,
            path,
        }
    }

    /// The node of the array's items.
    fn items(&self) -> Node {
        let path = leak_str(&format!("{}[]", self.path));
        let at = self
            .alternatives()
            .into_iter()
            .find_map(|v| v.get("items"))
            .unwrap_or_else(|| self.stale("`items`"));
        Node {
            schema: self.schema,
            at,
            path,
        }
    }

    /// Whether `null` is a value here.
    fn accepts_null(&self) -> bool {
        self.alternatives()
            .iter()
            .any(|v| v.get("type") == Some(&json!("null")))
    }

    /// Whether `""` stands for "none" here (`none_as: ""` in the spec).
    fn accepts_empty_string(&self) -> bool {
        self.alternatives()
            .iter()
            .any(|v| v.get("const") == Some(&json!("")))
    }

    /// The names an open enum knows, old forms included.
    fn enum_values(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self
            .alternatives()
            .iter()
            .filter_map(|v| v.get("enum")?.as_array())
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        names.dedup();
        names
    }
}

// ---------------------------------------------------------------------------------------------
// The tables against the spec.

fn line(path: &str, ty: &str, nullable: bool, required: bool) -> String {
    let mut s = format!("{path}: {ty}");
    if nullable {
        s.push_str(" nullable");
    }
    if !required {
        s.push_str(" optional");
    }
    s
}

fn spec_lines(fields: Vec<FieldInfo>) -> Vec<String> {
    fields
        .iter()
        .map(|f| line(&f.path, &f.type_name, f.nullable, f.required))
        .collect()
}

fn type_name(t: T) -> &'static str {
    match t {
        T::Id => "id",
        T::Int => "integer",
        T::Num => "number",
        T::Str => "string",
        T::Bool => "boolean",
        T::Date => "datetime",
        T::UserCode => "user_code",
        T::DialogId => "dialog_id",
        T::ChatDialogId => "chat_dialog_id",
        T::Json => "json",
        T::Obj(_) | T::ObjOrEmpty(_) => "object",
        T::Arr(_) => "array",
        T::Enum(_) => "enum",
    }
}

fn flatten_table_fields(prefix: &str, fields: &[F], out: &mut Vec<String>) {
    for f in fields {
        let path = format!("{prefix}{}", f.name);
        out.push(line(&path, type_name(f.ty), f.null != Null::No, f.required));
        flatten_table_children(&path, f.ty, out);
    }
}

fn flatten_table_children(path: &str, t: T, out: &mut Vec<String>) {
    match t {
        T::Obj(fields) | T::ObjOrEmpty(fields) => {
            flatten_table_fields(&format!("{path}."), fields, out);
        }
        T::Arr(item) => {
            let path = format!("{path}[]");
            out.push(line(&path, type_name(item.ty), item.null != Null::No, true));
            flatten_table_children(&path, item.ty, out);
        }
        _ => {}
    }
}

/// Every enum field below `fields`, with its path.
fn enums(prefix: &str, fields: &[F], out: &mut Vec<(String, &'static [&'static str])>) {
    for f in fields {
        let path = format!("{prefix}{}", f.name);
        let mut ty = f.ty;
        while let T::Arr(item) = ty {
            ty = item.ty;
        }
        match ty {
            T::Enum(names) => out.push((path, names)),
            T::Obj(inner) | T::ObjOrEmpty(inner) => enums(&format!("{path}."), inner, out),
            _ => {}
        }
    }
}

#[test]
fn the_tables_follow_the_spec() {
    let spec = spec();
    let registry: Vec<&str> = b24_spec::methods().iter().map(|m| m.name).collect();
    let in_spec: Vec<&str> = spec.methods().map(|m| m.name()).collect();
    // Every method of a compiled area is in the registry (areas are cargo features).
    let areas: Vec<&str> = registry
        .iter()
        .filter_map(|n| n.split('.').next())
        .collect();
    let expected: Vec<&str> = in_spec
        .iter()
        .copied()
        .filter(|n| n.split('.').next().is_some_and(|a| areas.contains(&a)))
        .collect();
    assert_eq!(registry, expected, "the registry against spec/methods");
    assert!(!registry.is_empty());

    let tables = tables();
    for t in tables {
        let method = spec.methods().find(|m| m.name() == t.name).unwrap();
        let mut from_spec = spec_lines(method.result_fields());
        let mut from_table = Vec::new();
        flatten_table_children("result", t.body[0].ty, &mut from_table);
        from_spec.sort();
        from_table.sort();
        assert_eq!(
            from_table, from_spec,
            "{}: a field has no generator",
            t.name
        );
        let mut found = Vec::new();
        enums("", &t.body[..1], &mut found);
        for (path, names) in found {
            assert!(
                !names.is_empty(),
                "{}: no known names for the enum at `{path}` in its schema",
                t.name
            );
        }
    }
    let mut from_spec = spec_lines(spec.shared_object_fields("Time").unwrap());
    let mut from_table = Vec::new();
    let Some(T::Obj(time)) = tables.first().map(|t| t.body[1].ty) else {
        panic!("the envelope's second key is the `time` object");
    };
    flatten_table_fields("", time, &mut from_table);
    from_spec.sort();
    from_table.sort();
    assert_eq!(from_table, from_spec, "time: a field has no generator");

    // The facts read from the schemas are found (pinned on known fields on purpose: a change
    // of the schema format must not silently stop generating them).
    let dialog = tables
        .iter()
        .find(|t| t.name == "imopenlines.dialog.get")
        .expect("imopenlines.dialog.get is in the spec");
    let T::Obj(result) = dialog.body[0].ty else {
        panic!("dialog.get's result is an object");
    };
    let field = |name: &str| {
        result
            .iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("dialog.get has no `{name}`"))
            .ty
    };
    assert!(matches!(field("public"), T::ObjOrEmpty(_)));
    assert!(matches!(field("restrictions"), T::Obj(_)));
    let T::Enum(names) = field("background_id") else {
        panic!("background_id is an enum");
    };
    assert!(
        names.contains(&"martaAI") && names.contains(&"11"),
        "{names:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Generators of valid wire JSON.

/// One step from a body's root to an object holding an injected key.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

/// An unknown key injected into a generated object.
#[derive(Debug, Clone)]
struct Extra {
    path: Vec<Seg>,
    key: String,
    value: Value,
}

impl Extra {
    fn under(mut self, seg: Seg) -> Self {
        self.path.insert(0, seg);
        self
    }
}

/// A generated wire value, what re-serializing its decoded form must give, and the unknown
/// keys inside it.
#[derive(Debug, Clone)]
struct Gen {
    wire: Value,
    expect: Value,
    extras: Vec<Extra>,
}

impl Gen {
    fn leaf(wire: Value, expect: Value) -> Self {
        Gen {
            wire,
            expect,
            extras: Vec::new(),
        }
    }
}

/// A whole success body.
#[derive(Debug, Clone)]
struct Case {
    /// The body as sent.
    text: String,
    /// The decoded response, serialized: numbers as numbers, `[]` as `{}`, `"Y"` as `true`,
    /// `false` in nullable fields as `null`, dates as chrono writes them.
    expect: Value,
    /// Every unknown key in the body, with where it is.
    extras: Vec<Extra>,
}

/// Arbitrary text: any Unicode scalar values (controls, surrogate-range neighbours, RTL marks,
/// emoji), empty strings, and now and then a long one.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        2 => "[a-zA-Z0-9|#:/._ -]{0,24}",
        1 => select(vec![
            "",
            "lines",
            "livechat|22|1775|599",
            "chat1777",
            "Ёлка 🎄 \u{200f}עברית\u{200e}",
            "\"quoted\" \\ back\\slash",
            "\u{0}\u{1f}\u{7f}\u{2028}\u{2029}\u{feff}",
            "null",
            "[]",
        ])
        .prop_map(str::to_string),
        1 => prop::collection::vec(any::<char>(), 200..1200).prop_map(String::from_iter),
    ]
    .boxed()
}

/// An ID: the full `u64` range, as a number or a string of digits (leading zeros included).
fn id() -> BoxedStrategy<Gen> {
    let edge = select(vec![
        0,
        1,
        9,
        10,
        u64::MAX >> 1,
        (u64::MAX >> 1) + 1,
        u64::MAX - 1,
        u64::MAX,
    ]);
    let n = prop_oneof![3 => any::<u64>(), 2 => edge, 1 => 0u64..10_000];
    (n, 0u8..6, 1usize..4)
        .prop_map(|(n, form, zeros)| {
            let wire = match form {
                0..=2 => json!(n),
                3 | 4 => json!(n.to_string()),
                _ => json!(format!("{}{n}", "0".repeat(zeros))),
            };
            Gen::leaf(wire, json!(n))
        })
        .boxed()
}

/// An integer: the full `i64` range, as a number or a string holding one.
fn int() -> BoxedStrategy<Gen> {
    let edge = select(vec![
        0,
        1,
        -1,
        i64::MIN,
        i64::MIN + 1,
        i64::MAX - 1,
        i64::MAX,
    ]);
    let n = prop_oneof![3 => any::<i64>(), 2 => edge, 1 => -100i64..10_000];
    prop_oneof![
        6 => (n, any::<bool>()).prop_map(|(n, as_text)| {
            let wire = if as_text { json!(n.to_string()) } else { json!(n) };
            Gen::leaf(wire, json!(n))
        }),
        1 => select(vec![("-0", 0), ("-000", 0), ("007", 7), ("-09", -9)])
            .prop_map(|(s, n)| Gen::leaf(json!(s), json!(n))),
    ]
    .boxed()
}

fn finite_f64() -> impl Strategy<Value = f64> + Clone {
    any::<f64>().prop_filter("finite", |x| x.is_finite())
}

/// A float: any finite `f64` as a number or a numeric string, and integers.
#[allow(clippy::cast_precision_loss)]
fn num() -> BoxedStrategy<Gen> {
    prop_oneof![
        3 => finite_f64().prop_map(|x| Gen::leaf(json!(x), json!(x))),
        2 => (finite_f64(), 0u8..3).prop_map(|(x, form)| {
            let text = match form {
                0 => format!("{x}"),
                1 => format!("{x:e}"),
                _ => format!("{x:?}"),
            };
            let parsed: f64 = text.parse().unwrap();
            Gen::leaf(json!(text), json!(parsed))
        }),
        1 => any::<i64>().prop_map(|n| Gen::leaf(json!(n), json!(n as f64))),
        1 => any::<u64>().prop_map(|n| Gen::leaf(json!(n), json!(n as f64))),
        1 => select(vec![
            "1773666416",
            "1773666416.279787",
            "0",
            "-0",
            "0.5",
            "1e3",
            "1E-7",
            "-2.5e-3",
            "18446744073709551616",
        ])
        .prop_map(|s| Gen::leaf(json!(s), json!(s.parse::<f64>().unwrap()))),
    ]
    .boxed()
}

fn boolean() -> BoxedStrategy<Gen> {
    select(vec![
        (json!(true), true),
        (json!(false), false),
        (json!("Y"), true),
        (json!("N"), false),
    ])
    .prop_map(|(wire, b)| Gen::leaf(wire, json!(b)))
    .boxed()
}

fn days_in_month(year: u32, month: u32) -> usize {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An RFC 3339 date-time: years 0000–9999, any valid day, leap seconds, 0–12 fraction digits,
/// `T`/`t`/space, `Z`/`z`/`±00:00` and offsets up to ±23:59. The expectation is how chrono
/// writes it back: `T`, `Z` for a zero offset, 0/3/6/9 fraction digits.
fn datetime() -> BoxedStrategy<Gen> {
    let date = (0u32..=9999, 1u32..=12, any::<Index>());
    let time = (
        0u32..24,
        0u32..60,
        prop_oneof![30 => 0u32..60, 1 => Just(60u32)],
        prop::option::of("[0-9]{1,12}"),
    );
    let sep = select(vec!['T', 'T', 't', ' ']);
    let offset = prop_oneof![
        1 => select(vec!["Z", "z", "+00:00", "-00:00"]).prop_map(|s| (s.to_string(), 0i32)),
        4 => (any::<bool>(), 0i32..24, 0i32..60).prop_map(|(negative, h, m)| {
            let minutes = h * 60 + m;
            if negative {
                (format!("-{h:02}:{m:02}"), -minutes)
            } else {
                (format!("+{h:02}:{m:02}"), minutes)
            }
        }),
    ];
    (date, time, sep, offset)
        .prop_map(|((y, mo, day), (h, mi, s, frac), sep, (offset, minutes))| {
            let d = day.index(days_in_month(y, mo)) + 1;
            let fraction = frac.as_deref().map_or(String::new(), |f| format!(".{f}"));
            let wire = format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{fraction}{offset}");
            let nanos: u32 = frac.map_or(0, |f| format!("{f:0<9}")[..9].parse().unwrap());
            let fraction = if nanos == 0 {
                String::new()
            } else if nanos % 1_000_000 == 0 {
                format!(".{:03}", nanos / 1_000_000)
            } else if nanos % 1_000 == 0 {
                format!(".{:06}", nanos / 1_000)
            } else {
                format!(".{nanos:09}")
            };
            let offset = match minutes {
                0 => "Z".to_string(),
                m => {
                    let sign = if m < 0 { '-' } else { '+' };
                    format!("{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
                }
            };
            let expect = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{fraction}{offset}");
            Gen::leaf(json!(wire), json!(expect))
        })
        .boxed()
}

/// Any JSON value, nested up to three levels.
fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite_f64().prop_map(Value::from),
        prop::collection::vec(any::<char>(), 0..12)
            .prop_map(|c| Value::String(c.into_iter().collect())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter),
                inner,
                0..4,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// A text value that round-trips as sent.
fn same(text: String) -> Gen {
    Gen::leaf(json!(text), json!(text))
}

/// A user code, with or without the `imol|` prefix (kept as sent).
fn user_code() -> BoxedStrategy<Gen> {
    let part = "[^|]{1,12}";
    (any::<bool>(), part, any::<u64>(), part, part)
        .prop_map(|(imol, connector, line, chat, user)| {
            let prefix = if imol { "imol|" } else { "" };
            same(format!("{prefix}{connector}|{line}|{chat}|{user}"))
        })
        .boxed()
}

/// A dialog id: `chat<ID>`, or (unless `chat_only`) a user id.
fn dialog_id(chat_only: bool) -> BoxedStrategy<Gen> {
    (any::<u64>(), any::<bool>())
        .prop_map(move |(id, chat)| {
            if chat || chat_only {
                same(format!("chat{id}"))
            } else {
                same(id.to_string())
            }
        })
        .boxed()
}

fn collect_names(fields: &[F], out: &mut Vec<&'static str>) {
    for f in fields {
        out.push(f.name);
        let mut ty = f.ty;
        while let T::Arr(item) = ty {
            ty = item.ty;
        }
        if let T::Obj(inner) | T::ObjOrEmpty(inner) = ty {
            collect_names(inner, out);
        }
    }
}

/// Every field name of every method (and of the envelope), sorted, without duplicates.
fn all_names() -> Vec<&'static str> {
    let mut names = ENVELOPE_RESERVED.to_vec();
    for t in tables() {
        collect_names(t.body, &mut names);
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Key names close to real ones: every known name of any level (unknown at the others), in
/// other letter case, with a space or an underscore, and the envelope's reserved keys.
fn near_names() -> Vec<String> {
    let mut out = Vec::new();
    for n in all_names() {
        out.push(n.to_string());
        out.push(n.to_uppercase());
        out.push(format!("{n} "));
        out.push(format!("_{n}"));
        out.push(n.replace('_', ""));
    }
    out
}

/// 0–2 unknown keys with arbitrary values; never one of `known`.
fn unknown_keys(known: Vec<&'static str>) -> BoxedStrategy<Vec<(String, Value)>> {
    let key = prop_oneof![
        2 => prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
        1 => "[a-z_]{1,12}",
        2 => select(near_names()),
    ];
    prop::collection::btree_map(key, any_json(), 0..3)
        .prop_map(move |keys| {
            keys.into_iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .collect()
        })
        .boxed()
}

/// A value of field `f`: `null`/`false` now and then when nullable (`false` is a value of its
/// own for booleans and JSON).
fn value(f: F) -> BoxedStrategy<Gen> {
    match f.null {
        Null::No => wire(f.ty),
        Null::OrFalse if matches!(f.ty, T::Bool | T::Json) => prop_oneof![
            1 => Just(Gen::leaf(Value::Null, Value::Null)),
            4 => wire(f.ty),
        ]
        .boxed(),
        Null::OrFalse => prop_oneof![
            2 => Just(Gen::leaf(Value::Null, Value::Null)),
            1 => Just(Gen::leaf(json!(false), Value::Null)),
            6 => wire(f.ty),
        ]
        .boxed(),
    }
}

/// A field: present or (when optional) absent.
fn field(f: F) -> BoxedStrategy<Option<(&'static str, Gen)>> {
    let value = value(f);
    let name = f.name;
    if f.required {
        value.prop_map(move |g| Some((name, g))).boxed()
    } else {
        prop::option::weighted(0.75, value)
            .prop_map(move |g| g.map(|g| (name, g)))
            .boxed()
    }
}

/// An object with its fields and 0–2 unknown keys; `[]` now and then when every field is
/// optional (PHP's empty object).
fn object(fields: &'static [F], reserved: &'static [&'static str]) -> BoxedStrategy<Gen> {
    let members: Vec<_> = fields.iter().map(|f| field(*f)).collect();
    let known = fields
        .iter()
        .map(|f| f.name)
        .chain(reserved.iter().copied())
        .collect();
    let full = (members, unknown_keys(known)).prop_map(|(members, unknown)| {
        let mut wire = Map::new();
        let mut expect = Map::new();
        let mut extras = Vec::new();
        for (name, g) in members.into_iter().flatten() {
            extras.extend(g.extras.into_iter().map(|e| e.under(Seg::Key(name.into()))));
            wire.insert(name.into(), g.wire);
            expect.insert(name.into(), g.expect);
        }
        for (key, value) in unknown {
            wire.insert(key.clone(), value.clone());
            expect.insert(key.clone(), value.clone());
            extras.push(Extra {
                path: Vec::new(),
                key,
                value,
            });
        }
        Gen {
            wire: Value::Object(wire),
            expect: Value::Object(expect),
            extras,
        }
    });
    if fields.iter().all(|f| !f.required) {
        prop_oneof![1 => Just(Gen::leaf(json!([]), json!({}))), 5 => full].boxed()
    } else {
        full.boxed()
    }
}

/// A wire value of spec type `ty`.
fn wire(ty: T) -> BoxedStrategy<Gen> {
    match ty {
        T::Id => id(),
        T::Int => int(),
        T::Num => num(),
        T::Str => text().prop_map(same).boxed(),
        T::Bool => boolean(),
        T::Date => datetime(),
        T::UserCode => user_code(),
        T::DialogId => dialog_id(false),
        T::ChatDialogId => dialog_id(true),
        T::Json => any_json().prop_map(|v| Gen::leaf(v.clone(), v)).boxed(),
        T::Obj(fields) => object(fields, &[]),
        T::ObjOrEmpty(fields) => prop_oneof![
            1 => Just(Gen::leaf(json!(""), json!(""))),
            2 => object(fields, &[]),
        ]
        .boxed(),
        T::Enum(names) if !names.is_empty() => prop_oneof![
            2 => select(names).prop_map(|s| same(s.to_string())),
            1 => text().prop_map(same),
        ]
        .boxed(),
        T::Enum(_) => text().prop_map(same).boxed(),
        T::Arr(item) => prop::collection::vec(value(*item), 0..5)
            .prop_map(|items| {
                let mut wire = Vec::new();
                let mut expect = Vec::new();
                let mut extras = Vec::new();
                for (i, g) in items.into_iter().enumerate() {
                    extras.extend(g.extras.into_iter().map(|e| e.under(Seg::Index(i))));
                    wire.push(g.wire);
                    expect.push(g.expect);
                }
                Gen {
                    wire: Value::Array(wire),
                    expect: Value::Array(expect),
                    extras,
                }
            })
            .boxed(),
    }
}

/// A success body for the envelope `fields`, compact or pretty-printed.
fn body(fields: &'static [F]) -> BoxedStrategy<Case> {
    (object(fields, ENVELOPE_RESERVED), any::<bool>())
        .prop_map(|(g, pretty)| {
            let text = if pretty {
                serde_json::to_string_pretty(&g.wire)
            } else {
                serde_json::to_string(&g.wire)
            };
            Case {
                text: text.unwrap(),
                expect: g.expect,
                extras: g.extras,
            }
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Checks.

/// `PROPTEST_CASES` when set, otherwise `default`; no regression files are written.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Cases per method of the per-method properties: with 50 methods that is 3,200 cases per
/// property per run (the suite's time grows with the spec, so each method gets fewer than a
/// property of its own would); `PROPTEST_CASES` raises it.
const CASES_PER_METHOD: u32 = 64;

/// Runs a property for every method of the registry, each with its own cases
/// (`PROPTEST_CASES`, else `default`); a failure names the method and its shrunk input.
fn each_method<S: Strategy>(
    default: u32,
    strategy: impl Fn(&'static Tables) -> S,
    property: impl Fn(&'static Tables, S::Value) -> Result<(), TestCaseError>,
) {
    let mut failed = Vec::new();
    for t in tables() {
        let mut runner = TestRunner::new(config(default));
        if let Err(e) = runner.run(&strategy(t), |v| property(t, v)) {
            failed.push(format!("{}: {e}", t.name));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// A property of one method, run with its types by [`on`].
enum Check<'a> {
    RoundTrips(u16, &'a Case),
    KeepsEveryValue(u16, &'a Case),
    KeepsUnknownKeys(u16, &'a Case),
    OneFieldChanged(&'a Case, &'static [F], Index, Option<Value>),
    DecodeReturns(u16, &'a [u8]),
}

impl MethodVisitor for Check<'_> {
    type Output = Result<(), TestCaseError>;

    fn visit<M: Method>(self) -> Self::Output {
        match self {
            Check::RoundTrips(status, case) => round_trips::<M>(status, case),
            Check::KeepsEveryValue(status, case) => keeps_every_value::<M>(status, case),
            Check::KeepsUnknownKeys(status, case) => keeps_unknown_keys::<M>(status, case),
            Check::OneFieldChanged(case, fields, pick, replacement) => {
                one_field_changed::<M>(case, fields, pick, replacement)
            }
            Check::DecodeReturns(status, body) => {
                outcome_is_sane(status, &decode::<M>(status, body))
            }
        }
    }
}

/// Runs `check` with the types of the method called `name`.
fn on(name: &str, check: Check<'_>) -> Result<(), TestCaseError> {
    b24_spec::with_method(name, check)
        .unwrap_or_else(|| panic!("{name} is in the registry but `with_method` does not know it"))
}

fn decoded<M: Method>(
    status: u16,
    text: &str,
) -> Result<b24_spec::Response<M::Result>, TestCaseError> {
    let response = decode_strict::<M>(status, text.as_bytes()).map_err(|e| {
        TestCaseError::fail(format!(
            "{} rejected a valid body: {e:?}\nbody: {text}",
            M::NAME
        ))
    })?;
    prop_assert!(response.deviations().is_empty());
    Ok(response)
}

/// decode → serialize → decode gives an equal value, and serializing it again the same JSON.
/// (`Method::Result` need not be `PartialEq`: equal values have equal `Debug` text, which
/// shows every field, unknown key and kept correction.)
fn round_trips<M: Method>(status: u16, case: &Case) -> Result<(), TestCaseError> {
    let first = decoded::<M>(status, &case.text)?;
    let once = serde_json::to_string(&first).unwrap();
    let second = decoded::<M>(status, &once)?;
    prop_assert_eq!(format!("{first:?}"), format!("{second:?}"));
    let twice = serde_json::to_string(&second).unwrap();
    prop_assert_eq!(once, twice);
    Ok(())
}

/// The decoded value, serialized, is the body with the documented normalizations only.
fn keeps_every_value<M: Method>(status: u16, case: &Case) -> Result<(), TestCaseError> {
    let response = decoded::<M>(status, &case.text)?;
    let out = serde_json::to_value(&response).unwrap();
    prop_assert_eq!(out, case.expect.clone());
    Ok(())
}

fn at<'a>(v: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    })
}

/// Every injected unknown key is in the re-serialized JSON, at the same place, unchanged.
fn keeps_unknown_keys<M: Method>(status: u16, case: &Case) -> Result<(), TestCaseError> {
    let response = decoded::<M>(status, &case.text)?;
    let out: Value = serde_json::from_str(&serde_json::to_string(&response).unwrap()).unwrap();
    for extra in &case.extras {
        let object = at(&out, &extra.path);
        let found = object.and_then(|o| o.get(&extra.key));
        prop_assert_eq!(
            found,
            Some(&extra.value),
            "unknown key {:?} at {:?}",
            extra.key,
            extra.path
        );
    }
    Ok(())
}

/// Runs a check of generated valid bodies (at any status) for every method.
fn each_body(check: impl for<'a> Fn(u16, &'a Case) -> Check<'a>) {
    each_method(
        CASES_PER_METHOD,
        |t| (body(t.body), 100u16..=599),
        |t, (case, status)| on(t.name, check(status, &case)),
    );
}

#[test]
fn every_method_round_trips() {
    each_body(|status, case| Check::RoundTrips(status, case));
}

#[test]
fn every_method_keeps_every_value() {
    each_body(|status, case| Check::KeepsEveryValue(status, case));
}

#[test]
fn every_method_keeps_unknown_keys() {
    each_body(|status, case| Check::KeepsUnknownKeys(status, case));
}

// ---------------------------------------------------------------------------------------------
// Client error correction: one odd field never fails an answer.

/// A spec field present in a generated body: where it is, and what the spec says of it.
#[derive(Debug, Clone)]
struct Slot {
    path: Vec<Seg>,
    field: F,
    /// An element of a list rather than a key of an object (replaced, never removed).
    element: bool,
}

/// Every spec field present in `v` (an object of `fields`), nested objects and list elements
/// included.
fn slots(v: &Value, fields: &'static [F], prefix: &[Seg], out: &mut Vec<Slot>) {
    for f in fields {
        let Some(value) = v.get(f.name) else { continue };
        let mut path = prefix.to_vec();
        path.push(Seg::Key(f.name.to_string()));
        out.push(Slot {
            path: path.clone(),
            field: *f,
            element: false,
        });
        children(value, f.ty, &path, out);
    }
}

fn children(value: &Value, ty: T, path: &[Seg], out: &mut Vec<Slot>) {
    match ty {
        T::Obj(inner) | T::ObjOrEmpty(inner) if value.is_object() => {
            slots(value, inner, path, out);
        }
        T::Arr(item) => {
            for (i, element) in value.as_array().into_iter().flatten().enumerate() {
                let mut at = path.to_vec();
                at.push(Seg::Index(i));
                out.push(Slot {
                    path: at.clone(),
                    field: *item,
                    element: true,
                });
                children(element, item.ty, &at, out);
            }
        }
        _ => {}
    }
}

/// `result.readed_list[0].date`, as deviations write paths.
fn path_text(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The value at `path` inside `root`, mutably.
fn slot_mut<'a>(root: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(root, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::Index(i) => v.get_mut(*i),
    })
}

/// Whether `v` can never fit a field of type `ty` (so a deviation is certain).
fn surely_invalid(ty: T, null: Null, v: &Value) -> bool {
    let scalar = !matches!(ty, T::Obj(_) | T::ObjOrEmpty(_) | T::Arr(_));
    match (ty, v) {
        // Any JSON value fits; whether a bare `null` does is left open.
        (T::Json, _) => false,
        (_, Value::Null) => null == Null::No,
        (_, Value::Bool(false)) if null == Null::OrFalse => false,
        (T::ObjOrEmpty(_), Value::String(s)) if s.is_empty() => false,
        (_, Value::Object(_)) => scalar,
        (_, Value::Array(a)) => scalar && !a.is_empty() || matches!(ty, T::Obj(_)) && !a.is_empty(),
        _ => !scalar,
    }
}

/// Replaces (or removes) one spec field of a valid body and checks the correction.
fn one_field_changed<M: Method>(
    case: &Case,
    fields: &'static [F],
    pick: Index,
    replacement: Option<Value>,
) -> Result<(), TestCaseError> {
    let mut body: Value = serde_json::from_str(&case.text).unwrap();
    let mut all = Vec::new();
    slots(&body, fields, &[], &mut all);
    prop_assume!(!all.is_empty());
    let slot = pick.get(&all).clone();
    let path = path_text(&slot.path);
    let (parent_path, last) = slot.path.split_at(slot.path.len() - 1);
    let parent = slot_mut(&mut body, parent_path).unwrap();
    match (&replacement, &last[0]) {
        (Some(v), Seg::Key(k)) => parent[k.as_str()] = v.clone(),
        (Some(v), Seg::Index(i)) => parent[*i] = v.clone(),
        (None, Seg::Key(k)) if !slot.element => {
            parent.as_object_mut().unwrap().remove(k.as_str());
        }
        (None, _) => return Ok(()),
    }
    let text = serde_json::to_string(&body).unwrap();
    if replacement.is_none() && path == "result" {
        // Without `result` (or `error`) a body is not an answer at all.
        let malformed = matches!(
            decode::<M>(200, text.as_bytes()),
            Err(CallError::Malformed(_))
        );
        prop_assert!(malformed);
        return Ok(());
    }
    let lenient = decode::<M>(200, text.as_bytes());
    if let Err(CallError::Malformed(e)) = &lenient {
        // A result that is not an object has no place to keep a value that does not fit
        // there: such a body is not this method's answer, and the error names `result`.
        let not_object = !matches!(slot.field.ty, T::Obj(_) | T::ObjOrEmpty(_));
        if not_object && path == "result" {
            prop_assert_eq!(&e.path, "result");
            let strict = decode_strict::<M>(200, text.as_bytes());
            prop_assert!(
                matches!(&strict, Err(CallError::Malformed(s)) if s.path == "result"),
                "strict: {:?}",
                strict
            );
            return Ok(());
        }
    }
    let response = match lenient {
        Ok(r) => r,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "decode failed: {e:?}\nbody: {text}"
            )));
        }
    };
    let deviations = response.deviations();
    let again = serde_json::to_value(&response).unwrap();
    let strict = b24_spec::decode_strict::<M>(200, text.as_bytes());
    match &replacement {
        None => {
            // Removing an optional field is fine; a required one is one "missing" deviation.
            if slot.field.required {
                prop_assert_eq!(deviations.len(), 1, "{:?}", deviations);
                prop_assert_eq!(&deviations[0].path, &path);
                prop_assert_eq!(&deviations[0].got, &None);
            } else {
                prop_assert!(deviations.is_empty(), "{:?}", deviations);
            }
            prop_assert!(at(&again, &slot.path).is_none(), "nothing is invented");
        }
        Some(v) => {
            // Every deviation is at the changed field or inside it.
            for d in &deviations {
                prop_assert!(
                    d.path == path
                        || d.path.starts_with(&format!("{path}."))
                        || d.path.starts_with(&format!("{path}[")),
                    "deviation {} outside {}",
                    d,
                    path
                );
            }
            if surely_invalid(slot.field.ty, slot.field.null, v) {
                prop_assert_eq!(deviations.len(), 1, "{:?}", deviations);
            }
            let at_field: Vec<_> = deviations.iter().filter(|d| d.path == path).collect();
            prop_assert!(at_field.len() <= 1);
            if let Some(d) = at_field.first() {
                prop_assert_eq!(deviations.len(), 1);
                prop_assert_eq!(d.got.as_ref(), Some(v));
                // The value goes back out exactly as it came.
                prop_assert_eq!(at(&again, &slot.path), Some(v));
            }
        }
    }
    // Strict decoding fails exactly when something was corrected, naming the first path.
    match (strict, deviations.first()) {
        (Ok(_), None) => {}
        (Err(CallError::Malformed(e)), Some(first)) => prop_assert_eq!(&e.path, &first.path),
        (other, first) => {
            return Err(TestCaseError::fail(format!(
                "strict: {other:?}, first deviation {first:?}"
            )));
        }
    }
    Ok(())
}

/// Replacement values: anything, with the kinds that never fit a scalar over-represented.
fn replacement() -> BoxedStrategy<Option<Value>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Value::Null)),
        1 => Just(Some(json!({"x": 1}))),
        1 => Just(Some(json!([1]))),
        4 => any_json().prop_map(Some),
    ]
    .boxed()
}

#[test]
fn every_method_survives_any_one_field() {
    each_method(
        CASES_PER_METHOD,
        |t| (body(t.body), any::<Index>(), replacement()),
        |t, (case, pick, replacement)| {
            on(
                t.name,
                Check::OneFieldChanged(&case, t.body, pick, replacement),
            )
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Arbitrary input never panics.

fn outcome_is_sane<R: Debug, E: ApiError + Debug>(
    status: u16,
    result: &Result<R, CallError<E>>,
) -> Result<(), TestCaseError> {
    match result {
        Ok(_) => {}
        Err(CallError::Api(e)) => prop_assert_eq!(e.status(), status),
        Err(CallError::Malformed(e)) => prop_assert_eq!(e.status, status),
    }
    if let Err(e) = result {
        let _ = e.to_string();
    }
    let _ = format!("{result:?}");
    Ok(())
}

/// Every method's `decode` returns (`Ok` or `Err`, with the status given) for `body`.
fn decode_returns(status: u16, body: &[u8]) -> Result<(), TestCaseError> {
    for m in b24_spec::methods() {
        on(m.name, Check::DecodeReturns(status, body))?;
    }
    Ok(())
}

/// Pieces of JSON and of things portals send around it; the spec's names and codes are added
/// by [`json_tokens`].
const JSON_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\n",
    "\"",
    "\\",
    "null",
    "true",
    "false",
    "0",
    "-0",
    "-1",
    "1.5",
    "1e400",
    "-1e400",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "\"1763\"",
    "\"\"",
    "\"Y\"",
    "\"N\"",
    "\"2026-03-13T16:50:15+01:00\"",
    "\"2026-02-30T25:61:61+24:00\"",
    "\"\\ud83d\"",
    "\"\\ud83d\\ude00\"",
    "\"\\u0000\"",
    "[]",
    "{}",
    "\u{feff}",
    "<html>",
    "Notice: ",
    "\"Ёлка 🎄\"",
];

/// [`JSON_PIECES`], every field name of the spec (and the envelope's keys) and every error
/// code, quoted.
fn json_tokens() -> &'static [&'static str] {
    static TOKENS: OnceLock<Vec<&'static str>> = OnceLock::new();
    TOKENS.get_or_init(|| {
        let names = all_names().into_iter();
        let codes = b24_spec::methods()
            .iter()
            .flat_map(|m| m.errors)
            .chain(b24_spec::SYSTEM_ERRORS)
            .map(|e| e.code);
        let quoted = names
            .chain(codes)
            .map(|n| leak_str(&serde_json::to_string(n).unwrap()));
        JSON_PIECES.iter().copied().chain(quoted).collect()
    })
}

/// A change to a byte string: cut, overwrite, insert a token, delete a run.
fn edit(bytes: &mut Vec<u8>, (at, kind, byte, token): (Index, u8, u8, &str)) {
    let i = at.index(bytes.len() + 1);
    match kind {
        0 => bytes.truncate(i),
        1 if i < bytes.len() => bytes[i] = byte,
        2 => {
            bytes.splice(i..i, token.bytes());
        }
        _ => {
            let end = (i + usize::from(byte % 16) + 1).min(bytes.len());
            bytes.drain(i..end);
        }
    }
}

fn edits() -> impl Strategy<Value = Vec<(Index, u8, u8, &'static str)>> {
    prop::collection::vec(
        (any::<Index>(), 0u8..4, any::<u8>(), select(json_tokens())),
        1..5,
    )
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn decode_never_panics_on_bytes(
        body in prop::collection::vec(any::<u8>(), 0..256),
        status in 100u16..=599,
    ) {
        decode_returns(status, &body)?;
    }

    #[test]
    fn decode_never_panics_on_json_tokens(
        tokens in prop::collection::vec(select(json_tokens()), 0..48),
        prefix in select(vec!["", "{\"result\":", "{\"result\":{\"chatId\":1,\"x\":", "{\"error\":"]),
        status in 100u16..=599,
    ) {
        let body = format!("{prefix}{}", tokens.concat());
        decode_returns(status, body.as_bytes())?;
    }

    #[test]
    fn decode_never_panics_on_edited_bodies(
        case in Union::new(tables().iter().map(|t| body(t.body))),
        edits in edits(),
        status in 100u16..=599,
    ) {
        let mut bytes = case.text.into_bytes();
        for e in edits {
            edit(&mut bytes, e);
        }
        decode_returns(status, &bytes)?;
    }

    #[test]
    fn decode_never_panics_on_deep_nesting(
        depth in 0usize..20_000,
        open in select(vec!["[", "{\"a\":", "[{\"b\":"]),
        at in select(vec!["{\"result\":", "{\"result\":{\"chatId\":1,\"x\":", "{\"error\":\"E\",\"x\":", "{\"time\":"]),
        status in 100u16..=599,
    ) {
        let body = format!("{at}{}", open.repeat(depth));
        decode_returns(status, body.as_bytes())?;
    }
}

// ---------------------------------------------------------------------------------------------
// The spec loader never panics.

/// Checking any text as a method file or a shared file returns a spec or located diagnostics,
/// and the diagnostics render against the text they came from.
fn loader_returns(text: &str) -> Result<(), TestCaseError> {
    let file = Path::new("methods/x.y.yaml");
    if let Err(failed) = Spec::from_texts(&[(file, text)], &[]) {
        prop_assert!(!failed.diagnostics.is_empty());
        let _ = failed.diagnostics.render();
    }
    if let Err(failed) = Spec::from_texts(&[], &[(file, text)]) {
        prop_assert!(!failed.diagnostics.is_empty());
        let _ = failed.diagnostics.render();
    }
    Ok(())
}

/// Pieces of YAML and of the spec format.
const YAML_TOKENS: &[&str] = &[
    "method: imopenlines.x.y\n",
    "scope: imopenlines\n",
    "access: {en: a, ru: b}\n",
    "description:\n  en: a\n  ru: b\n",
    "result:\n",
    "  type: object\n",
    "  struct: R\n",
    "  fields:\n",
    "    - {name: id, type: id, description: {en: a, ru: b}}\n",
    "objects:\n",
    "system_errors:\n",
    "errors:\n",
    "  - code: E\n    status: 400\n",
    "params:\n",
    "one_of:\n",
    "type: ",
    "items: ",
    "required: false",
    "nullable: true",
    "since: 2",
    "examples: [1, \"a\", null]",
    "name: ",
    "- ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    ": ",
    ":",
    ",",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\"",
    "\\",
    "#",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "? ",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!str ",
    "!!binary ",
    "!tag ",
    "%YAML 1.2\n",
    "~",
    "null",
    "true",
    "0x1F",
    "-1",
    "4294967296",
    "1e400",
    ".nan",
    "\u{feff}",
    "\u{0}",
    "Ёлка 🎄",
];

/// The real spec files (every YAML file the loader read), as starting points for edits.
fn spec_files() -> Vec<&'static str> {
    let files: Vec<&'static str> = spec()
        .inputs()
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| leak_str(&std::fs::read_to_string(p).unwrap()))
        .collect();
    assert!(files.len() >= 2, "spec/ holds method and shared files");
    files
}

/// `edit` on text, at character boundaries.
fn edit_text(text: &mut String, (at, kind, byte, token): (Index, u8, u8, &str)) {
    let mut i = at.index(text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    match kind {
        0 => text.truncate(i),
        1 => text.insert(i, char::from(byte)),
        2 => text.insert_str(i, token),
        _ => {
            let mut end = (i + usize::from(byte % 32) + 1).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(i..end, "");
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn loader_never_panics_on_text(
        chars in prop::collection::vec(any::<char>(), 0..200),
    ) {
        loader_returns(&String::from_iter(chars))?;
    }

    #[test]
    fn loader_never_panics_on_yaml_tokens(
        tokens in prop::collection::vec(select(YAML_TOKENS), 0..60),
    ) {
        loader_returns(&tokens.concat())?;
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn loader_never_panics_on_edited_spec_files(
        file in select(spec_files()),
        edits in prop::collection::vec(
            (any::<Index>(), 0u8..4, any::<u8>(), select(YAML_TOKENS)),
            1..6,
        ),
    ) {
        let mut text = file.to_string();
        for e in edits {
            edit_text(&mut text, e);
        }
        loader_returns(&text)?;
    }
}

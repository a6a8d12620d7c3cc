#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Property tests: generated wire JSON for every field of the spec, round trips, unknown keys,
//! and arbitrary input to the decoder and the spec loader.
//!
//! The generators below are written from `spec/` by hand, independently of the code generator,
//! so they check the generated types against the spec rather than against themselves;
//! `generators_cover_the_spec` fails when the spec and the tables here drift apart.
//!
//! `PROPTEST_CASES=100000 cargo test --all-features --test properties` runs longer.

use std::path::Path;

use b24_spec::imopenlines::dialog_get::DialogGet;
use b24_spec::imopenlines::session_open::SessionOpen;
use b24_spec::{ApiError, CallError, Corrected, Method, decode, decode_strict};
use b24_spec_codegen::{FieldInfo, Spec};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestCaseError};
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
    Obj(&'static [F]),
    Arr(&'static T),
    /// An open set of names: any string.
    Enum,
    /// An object, or `""` for none (`public`).
    ObjOrEmpty(&'static [F]),
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

const fn req(name: &'static str, ty: T) -> F {
    F {
        name,
        ty,
        required: true,
        null: Null::No,
    }
}

const fn opt(name: &'static str, ty: T) -> F {
    F {
        name,
        ty,
        required: false,
        null: Null::No,
    }
}

const fn req_null(name: &'static str, ty: T) -> F {
    F {
        name,
        ty,
        required: true,
        null: Null::OrFalse,
    }
}

const fn opt_null(name: &'static str, ty: T) -> F {
    F {
        name,
        ty,
        required: false,
        null: Null::OrFalse,
    }
}

/// `spec/shared/objects.yaml`, object `time`.
const TIME: &[F] = &[
    opt("start", T::Num),
    opt("finish", T::Num),
    opt("duration", T::Num),
    opt("processing", T::Num),
    opt("date_start", T::Date),
    opt("date_finish", T::Date),
    opt("operating_reset_at", T::Num),
    opt("operating", T::Num),
];

/// `spec/methods/imopenlines.session.open.yaml`, `result`.
const SESSION_OPEN_RESULT: &[F] = &[req("chatId", T::Id)];
const REVISION_GET_RESULT: &[F] = &[
    req("rest", T::Int),
    req("web", T::Int),
    req("mobile", T::Int),
];

const RESTRICTIONS: &[F] = &[
    opt("avatar", T::Bool),
    opt("rename", T::Bool),
    opt("extend", T::Bool),
    opt("call", T::Bool),
    opt("mute", T::Bool),
    opt("leave", T::Bool),
    opt("leave_owner", T::Bool),
    opt("send", T::Bool),
    opt("user_list", T::Bool),
];

const ENTITY_LINK: &[F] = &[opt("type", T::Str), opt("url", T::Str), opt("id", T::Str)];

const PERMISSIONS: &[F] = &[
    opt("manage_users_add", T::Str),
    opt("manage_users_delete", T::Str),
    opt("manage_ui", T::Str),
    opt("manage_settings", T::Str),
    opt("manage_messages", T::Str),
    opt("can_post", T::Str),
];

const READED_LIST_ITEM: &[F] = &[
    req("user_id", T::Id),
    req("user_name", T::Str),
    req("message_id", T::Id),
    req_null("date", T::Date),
];

const PUBLIC: &[F] = &[req("code", T::Str), req("link", T::Str)];

const FIRST_VIEWER: &[F] = &[
    req("user_id", T::Id),
    req("user_name", T::Str),
    req("date", T::Date),
];

const LAST_MESSAGE_VIEWS: &[F] = &[
    opt("message_id", T::Id),
    opt("first_viewers", T::Arr(&T::Obj(FIRST_VIEWER))),
    opt("count_of_viewers", T::Int),
];

/// `spec/methods/imopenlines.dialog.get.yaml`, `result`.
const DIALOG_GET_RESULT: &[F] = &[
    req("id", T::Id),
    opt("parent_chat_id", T::Id),
    opt("parent_message_id", T::Id),
    req("name", T::Str),
    opt_null("description", T::Str),
    req("owner", T::Id),
    req("extranet", T::Bool),
    req("avatar", T::Str),
    req("color", T::Str),
    req("type", T::Str),
    req("counter", T::Int),
    req("user_counter", T::Int),
    req("message_count", T::Int),
    req("unread_id", T::Id),
    opt("restrictions", T::Obj(RESTRICTIONS)),
    req("last_message_id", T::Id),
    opt("last_id", T::Id),
    opt("marked_id", T::Id),
    req("disk_folder_id", T::Id),
    req("entity_type", T::Str),
    req("entity_id", T::Str),
    req("entity_data_1", T::Str),
    req("entity_data_2", T::Str),
    req("entity_data_3", T::Str),
    req("mute_list", T::Arr(&T::Id)),
    req("date_create", T::Date),
    req("message_type", T::Str),
    req("public", T::ObjOrEmpty(PUBLIC)),
    opt("role", T::Str),
    opt("entity_link", T::Obj(ENTITY_LINK)),
    opt("text_field_enabled", T::Bool),
    opt_null("background_id", T::Enum),
    opt("permissions", T::Obj(PERMISSIONS)),
    opt("is_new", T::Bool),
    req("readed_list", T::Arr(&T::Obj(READED_LIST_ITEM))),
    req("manager_list", T::Arr(&T::Id)),
    opt("last_message_views", T::Obj(LAST_MESSAGE_VIEWS)),
    req("dialog_id", T::Str),
];

const TIME_FIELD: F = opt("time", T::Obj(TIME));

/// `background_id` names the server knows (any other string is valid too).
const BACKGROUND_NAMES: &[&str] = &[
    "azure",
    "mint",
    "steel",
    "slate",
    "teal",
    "cornflower",
    "sky",
    "peach",
    "frost",
    "martaAI",
    "copilot",
    "collab",
    "notifications",
    "collabV2",
    "aiAssistant",
    "aiAssistantWidget",
    "transparent",
];

/// The success envelope of each method. `error` and `error_description` are reserved there.
const SESSION_OPEN_BODY: &[F] = &[req("result", T::Obj(SESSION_OPEN_RESULT)), TIME_FIELD];
const DIALOG_GET_BODY: &[F] = &[req("result", T::Obj(DIALOG_GET_RESULT)), TIME_FIELD];
const ENVELOPE_RESERVED: &[&str] = &["error", "error_description"];

/// The methods the tables describe, by wire name.
const METHODS: &[(&str, &[F])] = &[
    ("imopenlines.dialog.get", DIALOG_GET_RESULT),
    ("imopenlines.revision.get", REVISION_GET_RESULT),
    ("imopenlines.session.open", SESSION_OPEN_RESULT),
];

// ---------------------------------------------------------------------------------------------
// Drift check: the tables above against the YAML.

fn spec_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/spec"))
}

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
        T::Obj(_) | T::ObjOrEmpty(_) => "object",
        T::Arr(_) => "array",
        T::Enum => "enum",
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
            out.push(line(&path, type_name(*item), false, true));
            flatten_table_children(&path, *item, out);
        }
        _ => {}
    }
}

#[test]
fn generators_cover_the_spec() {
    let spec = Spec::load(spec_dir()).unwrap();
    let mut names = Vec::new();
    for method in spec.methods() {
        let name = method.name().to_string();
        let Some((_, table)) = METHODS.iter().find(|(n, _)| *n == name) else {
            panic!("{name} has no generator in tests/properties.rs; add one");
        };
        let mut from_spec = spec_lines(method.result_fields());
        let mut from_table = Vec::new();
        flatten_table_fields("result.", table, &mut from_table);
        from_spec.sort();
        from_table.sort();
        assert_eq!(
            from_table, from_spec,
            "{name}: tests/properties.rs is out of date"
        );
        names.push(name);
    }
    let expected: Vec<&str> = METHODS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, expected, "methods in spec/methods");

    let mut from_spec = spec_lines(spec.shared_object_fields("Time").unwrap());
    let mut from_table = Vec::new();
    flatten_table_fields("", TIME, &mut from_table);
    from_spec.sort();
    from_table.sort();
    assert_eq!(
        from_table, from_spec,
        "time: tests/properties.rs is out of date"
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

fn collect_names(fields: &[F], out: &mut Vec<&'static str>) {
    for f in fields {
        out.push(f.name);
        let mut ty = f.ty;
        while let T::Arr(item) = ty {
            ty = *item;
        }
        if let T::Obj(inner) | T::ObjOrEmpty(inner) = ty {
            collect_names(inner, out);
        }
    }
}

/// Key names close to real ones: every known name of any level (unknown at the others), in
/// other letter case, with a space or an underscore, and the envelope's reserved keys.
fn near_names() -> Vec<String> {
    let mut names = ENVELOPE_RESERVED.to_vec();
    collect_names(DIALOG_GET_BODY, &mut names);
    collect_names(SESSION_OPEN_BODY, &mut names);
    names.sort_unstable();
    names.dedup();
    let mut out = Vec::new();
    for n in names {
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

/// A field: present or (when optional) absent; `null`/`false` when nullable.
fn field(f: F) -> BoxedStrategy<Option<(&'static str, Gen)>> {
    let value = match f.null {
        Null::No => wire(f.ty),
        Null::OrFalse if matches!(f.ty, T::Bool) => prop_oneof![
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
    };
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
        T::Str => text().prop_map(|s| Gen::leaf(json!(s), json!(s))).boxed(),
        T::Bool => boolean(),
        T::Date => datetime(),
        T::Obj(fields) => object(fields, &[]),
        T::ObjOrEmpty(fields) => prop_oneof![
            1 => Just(Gen::leaf(json!(""), json!(""))),
            2 => object(fields, &[]),
        ]
        .boxed(),
        T::Enum => prop_oneof![
            select(BACKGROUND_NAMES).prop_map(|s| Gen::leaf(json!(s), json!(s))),
            (1u8..=11).prop_map(|n| Gen::leaf(json!(n.to_string()), json!(n.to_string()))),
            text().prop_map(|s| Gen::leaf(json!(s), json!(s))),
        ]
        .boxed(),
        T::Arr(item) => prop::collection::vec(wire(*item), 0..5)
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
fn round_trips<M: Method>(status: u16, case: &Case) -> Result<(), TestCaseError>
where
    M::Result: PartialEq,
{
    let first = decoded::<M>(status, &case.text)?;
    let once = serde_json::to_string(&first).unwrap();
    let second = decoded::<M>(status, &once)?;
    prop_assert_eq!(&first, &second);
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

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn session_open_round_trips(case in body(SESSION_OPEN_BODY), status in 100u16..=599) {
        round_trips::<SessionOpen>(status, &case)?;
    }

    #[test]
    fn dialog_get_round_trips(case in body(DIALOG_GET_BODY), status in 100u16..=599) {
        round_trips::<DialogGet>(status, &case)?;
    }

    #[test]
    fn session_open_keeps_every_value(case in body(SESSION_OPEN_BODY), status in 100u16..=599) {
        keeps_every_value::<SessionOpen>(status, &case)?;
    }

    #[test]
    fn dialog_get_keeps_every_value(case in body(DIALOG_GET_BODY), status in 100u16..=599) {
        keeps_every_value::<DialogGet>(status, &case)?;
    }

    #[test]
    fn session_open_keeps_unknown_keys(case in body(SESSION_OPEN_BODY), status in 100u16..=599) {
        keeps_unknown_keys::<SessionOpen>(status, &case)?;
    }

    #[test]
    fn dialog_get_keeps_unknown_keys(case in body(DIALOG_GET_BODY), status in 100u16..=599) {
        keeps_unknown_keys::<DialogGet>(status, &case)?;
    }
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
                    field: F {
                        name: "[]",
                        ty: *item,
                        required: true,
                        null: Null::No,
                    },
                    element: true,
                });
                children(element, *item, &at, out);
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
    match v {
        Value::Null => null == Null::No,
        Value::Object(_) => scalar,
        Value::Array(a) => scalar && !a.is_empty() || matches!(ty, T::Obj(_)) && !a.is_empty(),
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
    let response = match decode::<M>(200, text.as_bytes()) {
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

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn dialog_get_survives_any_one_field(
        case in body(DIALOG_GET_BODY),
        pick in any::<Index>(),
        replacement in replacement(),
    ) {
        one_field_changed::<DialogGet>(&case, DIALOG_GET_BODY, pick, replacement)?;
    }

    #[test]
    fn session_open_survives_any_one_field(
        case in body(SESSION_OPEN_BODY),
        pick in any::<Index>(),
        replacement in replacement(),
    ) {
        one_field_changed::<SessionOpen>(&case, SESSION_OPEN_BODY, pick, replacement)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Arbitrary input never panics.

fn outcome_is_sane<R: std::fmt::Debug, E: ApiError + std::fmt::Debug>(
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

/// Both methods' `decode` return (`Ok` or `Err`, with the status given) for `body`.
fn decode_returns(status: u16, body: &[u8]) -> Result<(), TestCaseError> {
    outcome_is_sane(status, &decode::<SessionOpen>(status, body))?;
    outcome_is_sane(status, &decode::<DialogGet>(status, body))
}

/// Pieces of JSON and of things portals send around it.
const JSON_TOKENS: &[&str] = &[
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
    "\"result\"",
    "\"error\"",
    "\"error_description\"",
    "\"time\"",
    "\"start\"",
    "\"date_start\"",
    "\"chatId\"",
    "\"id\"",
    "\"name\"",
    "\"owner\"",
    "\"extranet\"",
    "\"description\"",
    "\"restrictions\"",
    "\"entity_link\"",
    "\"mute_list\"",
    "\"readed_list\"",
    "\"manager_list\"",
    "\"last_message_views\"",
    "\"first_viewers\"",
    "\"date\"",
    "\"date_create\"",
    "\"background_id\"",
    "\"dialog_id\"",
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
    "\"ACCESS_ERROR\"",
    "\"ACCESS_DENIED\"",
    "[]",
    "{}",
    "\u{feff}",
    "<html>",
    "Notice: ",
    "\"Ёлка 🎄\"",
];

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
        (any::<Index>(), 0u8..4, any::<u8>(), select(JSON_TOKENS)),
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
        tokens in prop::collection::vec(select(JSON_TOKENS), 0..48),
        prefix in select(vec!["", "{\"result\":", "{\"result\":{\"chatId\":1,\"x\":", "{\"error\":"]),
        status in 100u16..=599,
    ) {
        let body = format!("{prefix}{}", tokens.concat());
        decode_returns(status, body.as_bytes())?;
    }

    #[test]
    fn decode_never_panics_on_edited_bodies(
        case in prop_oneof![body(SESSION_OPEN_BODY), body(DIALOG_GET_BODY)],
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

/// The real spec files, as starting points for edits.
const SPEC_FILES: &[&str] = &[
    include_str!("../spec/methods/imopenlines.session.open.yaml"),
    include_str!("../spec/methods/imopenlines.dialog.get.yaml"),
    include_str!("../spec/shared/objects.yaml"),
    include_str!("../spec/shared/system-errors.yaml"),
];

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
        file in select(SPEC_FILES),
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

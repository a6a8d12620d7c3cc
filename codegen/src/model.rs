//! The spec as written: one struct per YAML shape, with source locations kept.
//!
//! Every struct denies unknown keys, so a typo in the spec is an error rather than a silently
//! ignored setting. Each is read from its YAML mapping by a `read_mapping!` impl (keys in the
//! file's spelling; optional fields are `Option`s and lists). Semantic rules (unknown types,
//! duplicates, collisions) live in `lower`.
#![allow(unreachable_pub)]

use crate::json::Json;
use crate::yaml::{Spanned, read_mapping};

/// A string with the place it came from.
pub type SpannedStr = Spanned<String>;

/// A method file: `methods/<method>.yaml` in a spec folder.
#[derive(Debug)]
pub struct MethodFile {
    /// REST method name as called on the wire, e.g. `imopenlines.dialog.get`.
    pub method: SpannedStr,
    /// OAuth scope the method needs.
    pub scope: SpannedStr,
    /// The page title, e.g. "Get the open-lines dialog" (the H1 of the generated pages).
    pub title: Option<Text>,
    /// Where the method's page lives in each official docs repository, relative to the
    /// repository root (`api-reference/imopenlines/openlines/sessions/….md`).
    pub pages: Option<PagePaths>,
    /// Whether calling it twice does no harm (reads); retry helpers repeat only these unless
    /// told otherwise. Defaults to false.
    pub safe_to_repeat: Option<Spanned<bool>>,
    /// Who may call the method.
    pub access: Text,
    /// What the method does.
    pub description: Text,
    /// Documentation pages this entry was written from: for the spec's readers, not emitted.
    #[allow(dead_code)]
    pub sources: Vec<SpannedStr>,
    /// Why the spec differs from one of its sources (kept for readers, emitted as docs).
    pub notes: Vec<SpannedStr>,
    /// Request parameters, in wire order.
    pub params: Vec<Param>,
    /// Groups of parameters of which exactly one must be sent.
    pub one_of: Vec<OneOf>,
    /// Shape of `result` in a successful response.
    pub result: TypeSpec,
    /// Method-specific error codes (system errors are shared and added by the generator).
    pub errors: Vec<ErrorCode>,
}

read_mapping!(MethodFile, "a method file: a mapping with `method`, `scope`, …", {
    method: "method",
    scope: "scope",
    title: "title",
    pages: "pages",
    safe_to_repeat: "safe_to_repeat",
    access: "access",
    description: "description",
    sources: "sources",
    notes: "notes",
    params: "params",
    one_of: "one_of",
    result: "result",
    errors: "errors",
});

/// A shared file: `spec/shared/*.yaml`.
#[derive(Debug)]
pub struct SharedFile {
    /// Named objects that fields may use as their `type`.
    pub objects: Vec<SharedObject>,
    /// Errors any method can answer with.
    pub system_errors: Vec<ErrorCode>,
    /// Revision counters that `since` refers to.
    pub revision_counters: Vec<RevisionCounter>,
}

read_mapping!(SharedFile, "a shared file: a mapping with `objects`, `system_errors`, …", {
    objects: "objects",
    system_errors: "system_errors",
    revision_counters: "revision_counters",
});

/// A revision counter a portal reports, such as the imopenlines module's `rest` revision.
#[derive(Debug)]
pub struct RevisionCounter {
    /// Name `since` uses, e.g. `imopenlines.rest`.
    pub name: SpannedStr,
    /// The method that reports it, e.g. `imopenlines.revision.get`.
    pub read_with: SpannedStr,
    /// The key of that method's result, e.g. `rest`.
    pub key: SpannedStr,
    /// What it counts.
    pub description: Text,
}

read_mapping!(RevisionCounter, "a revision counter: a mapping with `name`, `read_with`, `key`, `description`", {
    name: "name",
    read_with: "read_with",
    key: "key",
    description: "description",
});

/// The revision that introduced a parameter or field, and where that number comes from.
#[derive(Debug)]
pub struct Since {
    /// The revision number.
    pub revision: Spanned<u32>,
    /// Which counter it is (a `revision_counters` name).
    pub counter: SpannedStr,
    /// Where the number was read.
    pub source: SpannedStr,
}

read_mapping!(Since, "a mapping with `revision`, `counter`, `source`", {
    revision: "revision",
    counter: "counter",
    source: "source",
});

/// A method page's path in the English and the Russian official docs repositories.
#[derive(Debug)]
pub struct PagePaths {
    /// Path in bitrix24/b24restdocs.
    pub en: SpannedStr,
    /// Path in bitrix-tools/b24-rest-docs.
    pub ru: SpannedStr,
}

read_mapping!(PagePaths, "a mapping with `en` and `ru` page paths", {
    en: "en",
    ru: "ru",
});

/// A place where an official page and the server disagree; the spec follows the server.
#[derive(Debug)]
pub struct Difference {
    /// `en` or `ru` for the method's current official page in that language (the one its
    /// `pages` names, which drift reads); any other text names an older page by path.
    pub page: SpannedStr,
    /// What the page says.
    pub docs: SpannedStr,
    /// What the server does (and the spec says).
    pub server: SpannedStr,
    /// `docs` in Russian, for the Russian pages.
    pub docs_ru: Option<SpannedStr>,
    /// `server` in Russian, for the Russian pages.
    pub server_ru: Option<SpannedStr>,
    /// Where the server's behaviour was read.
    pub source: SpannedStr,
}

read_mapping!(Difference, "a difference: a mapping with `page`, `docs`, `server`, `source`", {
    page: "page",
    docs: "docs",
    server: "server",
    docs_ru: "docs_ru",
    server_ru: "server_ru",
    source: "source",
});

/// A value of an open set whose old numeric form older portals may still send.
#[derive(Debug)]
pub struct LegacyValue {
    /// The old wire form, e.g. `"1"`.
    pub value: SpannedStr,
    /// The current name it stands for, where known.
    pub means: Option<SpannedStr>,
}

read_mapping!(LegacyValue, "a mapping with `value` (and `means`)", {
    value: "value",
    means: "means",
});

/// Text in both documentation languages.
#[derive(Debug)]
pub struct Text {
    /// English; the language of generated docs and schema descriptions.
    pub en: SpannedStr,
    /// Russian, as on the original pages.
    pub ru: SpannedStr,
}

read_mapping!(Text, "a mapping with `en` and `ru` texts", {
    en: "en",
    ru: "ru",
});

/// A request parameter.
#[derive(Debug)]
pub struct Param {
    /// Wire name, e.g. `USER_CODE`.
    pub name: SpannedStr,
    /// Rust field name when the derived one is not wanted.
    pub rust_name: Option<SpannedStr>,
    /// Type name: a builtin (see `crate::builtin`) or a shared object.
    pub ty: SpannedStr,
    /// Element type for `type: array`.
    pub items: Option<Box<TypeSpec>>,
    /// Whether every call must send it. One-of members are never `required`.
    pub required: Option<Spanned<bool>>,
    /// Name of the one-of group this parameter belongs to.
    pub one_of: Option<SpannedStr>,
    /// The revision that introduced it, with its counter and source.
    pub since: Option<Since>,
    /// For `user_code`: send the code without an `imol|` prefix (the server does not strip it).
    pub send_without_imol_prefix: Option<Spanned<bool>>,
    /// For `boolean`: send `"Y"`/`"N"`, the form Bitrix flags take (a JSON `true` reaches PHP as
    /// `1` inside `batch`, which a `== 'Y'` test refuses).
    pub send_as_yes_no: Option<Spanned<bool>>,
    /// Example values as sent on the wire.
    pub examples: Vec<Json>,
    /// What it means.
    pub description: Text,
    /// Why the spec says what it says, where sources disagree.
    pub note: Option<SpannedStr>,
    /// Where official pages say something else than the server does.
    pub differs_from_docs: Vec<Difference>,
}

read_mapping!(Param, "a parameter: a mapping with `name`, `type`, `description`, …", {
    name: "name",
    rust_name: "rust_name",
    ty: "type",
    items: "items",
    required: "required",
    one_of: "one_of",
    since: "since",
    send_without_imol_prefix: "send_without_imol_prefix",
    send_as_yes_no: "send_as_yes_no",
    examples: "examples",
    description: "description",
    note: "note",
    differs_from_docs: "differs_from_docs",
});

/// A named group of parameters of which exactly one must be sent.
#[derive(Debug)]
pub struct OneOf {
    /// Group name, used by `Param::one_of`.
    pub name: SpannedStr,
    /// Rust enum name for the selector.
    pub rust_name: SpannedStr,
    /// What choosing between the members means.
    pub description: Text,
}

read_mapping!(OneOf, "a one-of group: a mapping with `name`, `rust_name`, `description`", {
    name: "name",
    rust_name: "rust_name",
    description: "description",
});

/// A type written in place: a builtin, a shared object name, an inline object or an array.
#[derive(Debug)]
pub struct TypeSpec {
    /// Type name: a builtin (see `crate::builtin`) or a shared object.
    pub ty: SpannedStr,
    /// Rust struct name for an inline `type: object`.
    pub struct_name: Option<SpannedStr>,
    /// Fields of an inline `type: object`.
    pub fields: Option<Vec<Field>>,
    /// Element type for `type: array`.
    pub items: Option<Box<TypeSpec>>,
    /// Whether `null` is a valid value.
    pub nullable: Option<Spanned<bool>>,
    /// Rust enum name for `type: enum`.
    pub enum_name: Option<SpannedStr>,
    /// Known values of `type: enum` (any other string is kept as an unknown value).
    pub values: Option<Vec<SpannedStr>>,
    /// Old wire forms of `type: enum` values.
    pub legacy: Vec<LegacyValue>,
    /// What the value is (for inline objects: the struct's docs).
    pub description: Option<Text>,
    /// Where official pages say something else about a method's whole `result` (only there:
    /// a field's or parameter's differences sit on the field or parameter).
    pub differs_from_docs: Vec<Difference>,
}

read_mapping!(TypeSpec, "a type: a mapping with `type`, …", {
    ty: "type",
    struct_name: "struct",
    fields: "fields",
    items: "items",
    nullable: "nullable",
    enum_name: "enum",
    values: "values",
    legacy: "legacy",
    description: "description",
    differs_from_docs: "differs_from_docs",
});

/// A field of an object in a response.
#[derive(Debug)]
pub struct Field {
    /// Wire name, e.g. `chatId`.
    pub name: SpannedStr,
    /// Rust field name when the derived one is not wanted (required for keywords).
    pub rust_name: Option<SpannedStr>,
    /// Type name: a builtin (see `crate::builtin`) or a shared object.
    pub ty: SpannedStr,
    /// Rust struct name for an inline `type: object`.
    pub struct_name: Option<SpannedStr>,
    /// Fields of an inline `type: object`.
    pub fields: Option<Vec<Field>>,
    /// Element type for `type: array`.
    pub items: Option<Box<TypeSpec>>,
    /// Whether `null` is a valid value.
    pub nullable: Option<Spanned<bool>>,
    /// The value the server sends for "none" instead of `null`; only `""` is supported.
    pub none_as: Option<SpannedStr>,
    /// Rust enum name for `type: enum`.
    pub enum_name: Option<SpannedStr>,
    /// Known values of `type: enum` (any other string is kept as an unknown value).
    pub values: Option<Vec<SpannedStr>>,
    /// Old wire forms of `type: enum` values.
    pub legacy: Vec<LegacyValue>,
    /// Whether every portal sends it. Defaults to true; fields some answers lack say `false`.
    pub required: Option<Spanned<bool>>,
    /// For `required: false`: why an answer may lack it (becomes the field's docs).
    pub absent: Option<Text>,
    /// The revision that introduced it, with its counter and source.
    pub since: Option<Since>,
    /// Example values as sent on the wire.
    pub examples: Vec<Json>,
    /// What it means.
    pub description: Text,
    /// Why the spec says what it says, where sources disagree.
    pub note: Option<SpannedStr>,
    /// Where official pages say something else than the server does.
    pub differs_from_docs: Vec<Difference>,
}

read_mapping!(Field, "a field: a mapping with `name`, `type`, `description`, …", {
    name: "name",
    rust_name: "rust_name",
    ty: "type",
    struct_name: "struct",
    fields: "fields",
    items: "items",
    nullable: "nullable",
    none_as: "none_as",
    enum_name: "enum",
    values: "values",
    legacy: "legacy",
    required: "required",
    absent: "absent",
    since: "since",
    examples: "examples",
    description: "description",
    note: "note",
    differs_from_docs: "differs_from_docs",
});

/// A named object shared between methods, such as the `time` block.
#[derive(Debug)]
pub struct SharedObject {
    /// Name used as a `type` by fields.
    pub name: SpannedStr,
    /// Rust struct name.
    pub struct_name: SpannedStr,
    /// What the object is.
    pub description: Text,
    /// Its fields.
    pub fields: Vec<Field>,
}

read_mapping!(SharedObject, "a shared object: a mapping with `name`, `struct`, `description`, `fields`", {
    name: "name",
    struct_name: "struct",
    description: "description",
    fields: "fields" [required],
});

/// An error code a method (or every method) can answer with.
#[derive(Debug)]
pub struct ErrorCode {
    /// The `error` value on the wire, e.g. `ACCESS_DENIED`.
    pub code: SpannedStr,
    /// HTTP status the documentation gives. Informational: portals differ, so decoding never
    /// relies on it.
    pub status: Spanned<u16>,
    /// The `error_description` text the portal sends.
    pub message: Text,
    /// What the error means for the caller.
    pub meaning: Text,
    /// Rust variant name when the derived one is not wanted.
    pub rust_name: Option<SpannedStr>,
    /// What the caller should do: `retry_later`, `refresh_token`, `reauthorize`, `fix_request`
    /// or `give_up`. Defaults to what the status suggests.
    pub class: Option<SpannedStr>,
    /// For `retry_later`: seconds to wait when the answer does not say.
    pub retry_after: Option<Spanned<u32>>,
    /// Why the spec lists it, where sources disagree.
    pub note: Option<SpannedStr>,
    /// Where official pages say something else than the server does.
    pub differs_from_docs: Vec<Difference>,
}

read_mapping!(ErrorCode, "an error: a mapping with `code`, `status`, `message`, `meaning`", {
    code: "code",
    status: "status",
    message: "message",
    meaning: "meaning",
    rust_name: "rust_name",
    class: "class",
    retry_after: "retry_after",
    note: "note",
    differs_from_docs: "differs_from_docs",
});

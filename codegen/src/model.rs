//! The spec as written: one struct per YAML shape, with source locations kept.
//!
//! Every struct denies unknown keys, so a typo in the spec is an error rather than a silently
//! ignored setting. Semantic rules (unknown types, duplicates, collisions) live in `lower`.
#![allow(unreachable_pub)]

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A string with the place it came from.
pub type SpannedStr = Spanned<String>;

/// A method file: `methods/<method>.yaml` in a spec folder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodFile {
    /// REST method name as called on the wire, e.g. `imopenlines.dialog.get`.
    pub method: SpannedStr,
    /// OAuth scope the method needs.
    pub scope: SpannedStr,
    /// The page title, e.g. "Get the open-lines dialog" (the H1 of the generated pages).
    #[serde(default)]
    pub title: Option<Text>,
    /// Where the method's page lives in each official docs repository, relative to the
    /// repository root (`api-reference/imopenlines/openlines/sessions/….md`).
    #[serde(default)]
    pub pages: Option<PagePaths>,
    /// Whether calling it twice does no harm (reads); retry helpers repeat only these unless
    /// told otherwise. Defaults to false.
    #[serde(default)]
    pub safe_to_repeat: Option<Spanned<bool>>,
    /// Who may call the method.
    pub access: Text,
    /// What the method does.
    pub description: Text,
    /// Documentation pages this entry was written from: for the spec's readers, not emitted.
    #[serde(default)]
    #[allow(dead_code)]
    pub sources: Vec<SpannedStr>,
    /// Why the spec differs from one of its sources (kept for readers, emitted as docs).
    #[serde(default)]
    pub notes: Vec<SpannedStr>,
    /// Request parameters, in wire order.
    #[serde(default)]
    pub params: Vec<Param>,
    /// Groups of parameters of which exactly one must be sent.
    #[serde(default)]
    pub one_of: Vec<OneOf>,
    /// Shape of `result` in a successful response.
    pub result: TypeSpec,
    /// Method-specific error codes (system errors are shared and added by the generator).
    #[serde(default)]
    pub errors: Vec<ErrorCode>,
}

/// A shared file: `spec/shared/*.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedFile {
    /// Named objects that fields may use as their `type`.
    #[serde(default)]
    pub objects: Vec<SharedObject>,
    /// Errors any method can answer with.
    #[serde(default)]
    pub system_errors: Vec<ErrorCode>,
    /// Revision counters that `since` refers to.
    #[serde(default)]
    pub revision_counters: Vec<RevisionCounter>,
}

/// A revision counter a portal reports, such as the imopenlines module's `rest` revision.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// The revision that introduced a parameter or field, and where that number comes from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Since {
    /// The revision number.
    pub revision: Spanned<u32>,
    /// Which counter it is (a `revision_counters` name).
    pub counter: SpannedStr,
    /// Where the number was read.
    pub source: SpannedStr,
}

/// A method page's path in the English and the Russian official docs repositories.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagePaths {
    /// Path in bitrix24/b24restdocs.
    pub en: SpannedStr,
    /// Path in bitrix-tools/b24-rest-docs.
    pub ru: SpannedStr,
}

/// A place where an official page and the server disagree; the spec follows the server.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difference {
    /// `en` or `ru` for the method's current official page in that language (the one its
    /// `pages` names, which drift reads); any other text names an older page by path.
    pub page: SpannedStr,
    /// What the page says.
    pub docs: SpannedStr,
    /// What the server does (and the spec says).
    pub server: SpannedStr,
    /// `docs` in Russian, for the Russian pages.
    #[serde(default)]
    pub docs_ru: Option<SpannedStr>,
    /// `server` in Russian, for the Russian pages.
    #[serde(default)]
    pub server_ru: Option<SpannedStr>,
    /// Where the server's behaviour was read.
    pub source: SpannedStr,
}

/// A value of an open set whose old numeric form older portals may still send.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyValue {
    /// The old wire form, e.g. `"1"`.
    pub value: SpannedStr,
    /// The current name it stands for, where known.
    #[serde(default)]
    pub means: Option<SpannedStr>,
}

/// Text in both documentation languages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English; the language of generated docs and schema descriptions.
    pub en: SpannedStr,
    /// Russian, as on the original pages.
    pub ru: SpannedStr,
}

/// A request parameter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Wire name, e.g. `USER_CODE`.
    pub name: SpannedStr,
    /// Rust field name when the derived one is not wanted.
    #[serde(default)]
    pub rust_name: Option<SpannedStr>,
    /// Type name: a builtin (see `crate::builtin`) or a shared object.
    #[serde(rename = "type")]
    pub ty: SpannedStr,
    /// Element type for `type: array`.
    #[serde(default)]
    pub items: Option<Box<TypeSpec>>,
    /// Whether every call must send it. One-of members are never `required`.
    #[serde(default)]
    pub required: Option<Spanned<bool>>,
    /// Name of the one-of group this parameter belongs to.
    #[serde(default)]
    pub one_of: Option<SpannedStr>,
    /// The revision that introduced it, with its counter and source.
    #[serde(default)]
    pub since: Option<Since>,
    /// For `user_code`: send the code without an `imol|` prefix (the server does not strip it).
    #[serde(default)]
    pub send_without_imol_prefix: Option<Spanned<bool>>,
    /// For `boolean`: send `"Y"`/`"N"`, the form Bitrix flags take (a JSON `true` reaches PHP as
    /// `1` inside `batch`, which a `== 'Y'` test refuses).
    #[serde(default)]
    pub send_as_yes_no: Option<Spanned<bool>>,
    /// Example values as sent on the wire.
    #[serde(default)]
    pub examples: Vec<serde_json::Value>,
    /// What it means.
    pub description: Text,
    /// Why the spec says what it says, where sources disagree.
    #[serde(default)]
    pub note: Option<SpannedStr>,
    /// Where official pages say something else than the server does.
    #[serde(default)]
    pub differs_from_docs: Vec<Difference>,
}

/// A named group of parameters of which exactly one must be sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneOf {
    /// Group name, used by `Param::one_of`.
    pub name: SpannedStr,
    /// Rust enum name for the selector.
    pub rust_name: SpannedStr,
    /// What choosing between the members means.
    pub description: Text,
}

/// A type written in place: a builtin, a shared object name, an inline object or an array.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    /// Type name: a builtin (see `crate::builtin`) or a shared object.
    #[serde(rename = "type")]
    pub ty: SpannedStr,
    /// Rust struct name for an inline `type: object`.
    #[serde(default, rename = "struct")]
    pub struct_name: Option<SpannedStr>,
    /// Fields of an inline `type: object`.
    #[serde(default)]
    pub fields: Option<Vec<Field>>,
    /// Element type for `type: array`.
    #[serde(default)]
    pub items: Option<Box<TypeSpec>>,
    /// Whether `null` is a valid value.
    #[serde(default)]
    pub nullable: Option<Spanned<bool>>,
    /// Rust enum name for `type: enum`.
    #[serde(default, rename = "enum")]
    pub enum_name: Option<SpannedStr>,
    /// Known values of `type: enum` (any other string is kept as an unknown value).
    #[serde(default)]
    pub values: Option<Vec<SpannedStr>>,
    /// Old wire forms of `type: enum` values.
    #[serde(default)]
    pub legacy: Vec<LegacyValue>,
    /// What the value is (for inline objects: the struct's docs).
    #[serde(default)]
    pub description: Option<Text>,
    /// Where official pages say something else about a method's whole `result` (only there:
    /// a field's or parameter's differences sit on the field or parameter).
    #[serde(default)]
    pub differs_from_docs: Vec<Difference>,
}

/// A field of an object in a response.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name, e.g. `chatId`.
    pub name: SpannedStr,
    /// Rust field name when the derived one is not wanted (required for keywords).
    #[serde(default)]
    pub rust_name: Option<SpannedStr>,
    /// Type name: a builtin (see `crate::builtin`) or a shared object.
    #[serde(rename = "type")]
    pub ty: SpannedStr,
    /// Rust struct name for an inline `type: object`.
    #[serde(default, rename = "struct")]
    pub struct_name: Option<SpannedStr>,
    /// Fields of an inline `type: object`.
    #[serde(default)]
    pub fields: Option<Vec<Field>>,
    /// Element type for `type: array`.
    #[serde(default)]
    pub items: Option<Box<TypeSpec>>,
    /// Whether `null` is a valid value.
    #[serde(default)]
    pub nullable: Option<Spanned<bool>>,
    /// The value the server sends for "none" instead of `null`; only `""` is supported.
    #[serde(default)]
    pub none_as: Option<SpannedStr>,
    /// Rust enum name for `type: enum`.
    #[serde(default, rename = "enum")]
    pub enum_name: Option<SpannedStr>,
    /// Known values of `type: enum` (any other string is kept as an unknown value).
    #[serde(default)]
    pub values: Option<Vec<SpannedStr>>,
    /// Old wire forms of `type: enum` values.
    #[serde(default)]
    pub legacy: Vec<LegacyValue>,
    /// Whether every portal sends it. Defaults to true; fields some answers lack say `false`.
    #[serde(default)]
    pub required: Option<Spanned<bool>>,
    /// For `required: false`: why an answer may lack it (becomes the field's docs).
    #[serde(default)]
    pub absent: Option<Text>,
    /// The revision that introduced it, with its counter and source.
    #[serde(default)]
    pub since: Option<Since>,
    /// Example values as sent on the wire.
    #[serde(default)]
    pub examples: Vec<serde_json::Value>,
    /// What it means.
    pub description: Text,
    /// Why the spec says what it says, where sources disagree.
    #[serde(default)]
    pub note: Option<SpannedStr>,
    /// Where official pages say something else than the server does.
    #[serde(default)]
    pub differs_from_docs: Vec<Difference>,
}

/// A named object shared between methods, such as the `time` block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedObject {
    /// Name used as a `type` by fields.
    pub name: SpannedStr,
    /// Rust struct name.
    #[serde(rename = "struct")]
    pub struct_name: SpannedStr,
    /// What the object is.
    pub description: Text,
    /// Its fields.
    pub fields: Vec<Field>,
}

/// An error code a method (or every method) can answer with.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default)]
    pub rust_name: Option<SpannedStr>,
    /// What the caller should do: `retry_later`, `refresh_token`, `reauthorize`, `fix_request`
    /// or `give_up`. Defaults to what the status suggests.
    #[serde(default)]
    pub class: Option<SpannedStr>,
    /// For `retry_later`: seconds to wait when the answer does not say.
    #[serde(default)]
    pub retry_after: Option<Spanned<u32>>,
    /// Why the spec lists it, where sources disagree.
    #[serde(default)]
    pub note: Option<SpannedStr>,
    /// Where official pages say something else than the server does.
    #[serde(default)]
    pub differs_from_docs: Vec<Difference>,
}

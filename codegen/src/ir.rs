//! The lowered spec: names resolved, types checked, ready to emit.
//!
//! Emitters only read this; every decision that can fail was made in `lower`. Crate-private,
//! so it can change without a breaking release; tools read it through `crate::view`.
#![allow(unreachable_pub)]

use crate::builtin::Scalar;

/// Text in both documentation languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: String,
    /// Russian.
    pub ru: String,
}

/// A whole validated spec.
#[derive(Debug, Clone)]
pub struct Api {
    /// Methods sorted by wire name.
    pub methods: Vec<Method>,
    /// Shared objects, sorted by name (emitted into `common`).
    pub objects: Vec<Struct>,
    /// Open enums used by shared objects, sorted by name (emitted into `common`).
    pub enums: Vec<OpenEnum>,
    /// Errors any method can answer with, in spec order.
    pub system_errors: Vec<ErrorCode>,
}

/// A revision counter, such as the imopenlines module's `rest` revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    /// Name, e.g. `imopenlines.rest`.
    pub name: String,
    /// The method that reports it.
    pub read_with: String,
    /// The key of that method's result.
    pub key: String,
}

/// The revision that introduced a parameter or field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Since {
    /// The revision number.
    pub revision: u32,
    /// The counter it is a value of.
    pub counter: Counter,
    /// Where the number was read.
    pub source: String,
}

/// Where an official page and the server disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The page: `repository/path` of an official page, or the spec's text for an older one.
    pub page: String,
    /// `en` or `ru` when the page is the method's current official page in that language.
    #[cfg_attr(not(feature = "docs"), allow(dead_code))]
    pub lang: Option<&'static str>,
    /// What the page says.
    pub docs: String,
    /// What the server does.
    pub server: String,
    /// `docs` in Russian.
    pub docs_ru: String,
    /// `server` in Russian.
    pub server_ru: String,
    /// Where the server's behaviour was read.
    pub source: String,
}

/// An open set of names: known values, old numeric forms, and anything else kept as sent.
#[derive(Debug, Clone)]
pub struct OpenEnum {
    /// Rust name.
    pub name: String,
    /// What the values are.
    pub description: Text,
    /// Known values: (wire, variant).
    pub values: Vec<(String, String)>,
    /// Old wire forms: (wire, variant of the value it means, if known).
    pub legacy: Vec<(String, Option<String>)>,
}

/// One REST method.
#[derive(Debug, Clone)]
pub struct Method {
    /// Wire name, e.g. `imopenlines.dialog.get`.
    pub name: String,
    /// Module path below the crate root, e.g. `["imopenlines", "dialog_get"]`.
    pub module: Vec<String>,
    /// Marker type implementing `Method`, e.g. `DialogGet`.
    pub marker: String,
    /// OAuth scope.
    pub scope: String,
    /// Page title.
    #[cfg_attr(not(feature = "docs"), allow(dead_code))]
    pub title: Text,
    /// The page's path in each official docs repository (`en`, `ru`).
    #[cfg_attr(not(feature = "docs"), allow(dead_code))]
    pub pages: Text,
    /// Whether repeating a call does no harm.
    pub safe_to_repeat: bool,
    /// What `result` is (for pages; an object result also has it as its struct's docs).
    #[cfg_attr(not(feature = "docs"), allow(dead_code))]
    pub result_description: Text,
    /// Who may call it.
    pub access: Text,
    /// What it does.
    pub description: Text,
    /// Why the spec deviates from a source.
    pub notes: Vec<String>,
    /// Request parameters in spec order; `shape` says how they group.
    pub params: Vec<Param>,
    /// How the parameters are shaped in Rust.
    pub shape: Params,
    /// Type of `result`.
    pub result: Ty,
    /// Where official pages say something else about the whole `result`.
    pub result_differs: Vec<Difference>,
    /// Inline structs of this method (result and nested), in first-use order.
    pub structs: Vec<Struct>,
    /// Open enums of this method.
    pub enums: Vec<OpenEnum>,
    /// Method-specific error codes.
    pub errors: Vec<ErrorCode>,
    /// Name of the error enum, e.g. `DialogGetError`.
    pub error_enum: String,
}

/// How the parameters are shaped in Rust.
#[derive(Debug, Clone)]
pub enum Params {
    /// A struct of the plain parameters, with each one-of group flattened into it.
    Struct {
        /// Struct name.
        name: String,
        /// One-of groups, in spec order.
        groups: Vec<OneOf>,
    },
    /// The method takes exactly one of several parameters and nothing else.
    Selector(OneOf),
}

impl Method {
    /// Parameters outside any one-of group.
    pub fn plain_params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| p.one_of.is_none())
    }

    /// Members of a one-of group, in spec order.
    pub fn members<'a>(&'a self, group: &'a OneOf) -> impl Iterator<Item = &'a Param> {
        self.params
            .iter()
            .filter(move |p| p.one_of.as_deref() == Some(group.group.as_str()))
    }
}

/// A one-of group as an enum.
#[derive(Debug, Clone)]
pub struct OneOf {
    /// Group name in the spec.
    pub group: String,
    /// Enum name.
    pub name: String,
    /// Snake-case field name when flattened into a params struct.
    pub field: String,
    /// What choosing means.
    pub description: Text,
}

/// A request parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Wire name.
    pub wire: String,
    /// Rust field name (snake case), used when the parameter is a struct field.
    pub rust: String,
    /// Rust variant name (camel case), used when the parameter is a one-of member.
    pub variant: String,
    /// Type.
    pub ty: Ty,
    /// Spec type name, for the registry.
    pub spec_type: String,
    /// Must be sent on every call.
    pub required: bool,
    /// One-of group name.
    pub one_of: Option<String>,
    /// Revision that introduced it.
    pub since: Option<Since>,
    /// Serialize a user code without its `imol|` prefix.
    pub strip_imol_prefix: bool,
    /// A boolean sent as `"Y"` / `"N"`.
    pub yes_no: bool,
    /// Wire examples as JSON text.
    pub examples: Vec<String>,
    /// What it means.
    pub description: Text,
    /// Spec note.
    pub note: Option<String>,
    /// Where official pages differ from the server.
    pub differs: Vec<Difference>,
}

/// A Rust-side type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A builtin value type.
    Scalar(Scalar),
    /// An open set of names of this method (`BackgroundId`).
    Enum(String),
    /// An inline struct of this method.
    Local(String),
    /// A shared struct from `common`.
    Shared(String),
    /// A list.
    Array(Box<Ty>),
    /// A value that may be `null`.
    Nullable(Box<Ty>),
    /// A value the server writes as `""` when there is none.
    EmptyIsNone(Box<Ty>),
}

/// A generated struct.
#[derive(Debug, Clone)]
pub struct Struct {
    /// Rust name.
    pub name: String,
    /// Docs.
    pub description: Option<Text>,
    /// Fields in wire order.
    pub fields: Vec<Field>,
}

/// A field of a generated struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name.
    pub wire: String,
    /// Rust field name.
    pub rust: String,
    /// Type (nullability included as `Ty::Nullable`).
    pub ty: Ty,
    /// Present in every answer; otherwise the Rust type gains an outer `Option`.
    pub required: bool,
    /// Revision that introduced it.
    pub since: Option<Since>,
    /// Wire examples as JSON text.
    pub examples: Vec<String>,
    /// What it means.
    pub description: Text,
    /// Spec note.
    pub note: Option<String>,
    /// Why an optional field may be missing, from the spec (`absent`).
    pub absent: Option<Text>,
    /// Where official pages differ from the server.
    pub differs: Vec<Difference>,
}

/// An error code.
#[derive(Debug, Clone)]
pub struct ErrorCode {
    /// Wire code.
    pub code: String,
    /// Rust variant name.
    pub variant: String,
    /// Documented HTTP status.
    pub status: u16,
    /// What the caller should do (`RetryLater`, …), as the runtime's `ErrorClass` variant.
    pub class: &'static str,
    /// For retry-later codes: seconds to wait when the answer does not say.
    pub retry_after: Option<u32>,
    /// The `error_description` text.
    pub message: Text,
    /// What it means.
    pub meaning: Text,
    /// Spec note.
    pub note: Option<String>,
    /// Where official pages differ from the server.
    pub differs: Vec<Difference>,
}

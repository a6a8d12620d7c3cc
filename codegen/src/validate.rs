//! Spec model → validated IR. Every semantic rule of the spec format lives here.
//!
//! Validation keeps going after a problem so one run reports everything; it returns the IR only
//! when nothing was found.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::ir;
use crate::load::LoadedSpec;
use crate::model::{self, SpannedStr};
use crate::naming::{camel, is_identifier, is_keyword, snake};

/// Builtin type names and what they mean.
pub const BUILTIN_TYPES: &[(&str, &str)] = &[
    (
        "id",
        "identifier: a non-negative integer, sent as a number or a string of digits",
    ),
    (
        "integer",
        "signed integer, sent as a number or a numeric string",
    ),
    (
        "number",
        "floating-point number, sent as a number or a numeric string",
    ),
    ("string", "text"),
    ("boolean", "true/false, also sent as \"Y\"/\"N\""),
    ("datetime", "RFC 3339 date-time with offset"),
    (
        "user_code",
        "open-lines user code `<connector>|<LINE_ID>|<CONNECTOR_CHAT_ID>|<CONNECTOR_USER_ID>`",
    ),
    ("dialog_id", "dialog id: `chat<ID>` or a user id"),
    ("chat_dialog_id", "a chat's dialog id: `chat<ID>` only"),
    ("json", "any JSON value"),
    ("object", "an inline object: needs `struct` and `fields`"),
    ("array", "a list: needs `items`"),
    (
        "enum",
        "an open set of names: needs `enum` and `values`; other strings are kept",
    ),
];

/// Field names the generator uses itself.
const RESERVED_FIELDS: &[&str] = &["extra", "corrections"];
/// Type names generated code relies on: the prelude types it writes unqualified, and `rt`.
const RESERVED_TYPES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box", "rt",
];
/// Crate-root names of `b24-spec` that a generated top-level module must not take.
const RESERVED_MODULES: &[&str] = &[
    "common", "runtime", "schema", "chrono", "std", "core", "alloc",
];
/// Error variant names the generator uses itself.
const RESERVED_VARIANTS: &[&str] = &["System", "Unknown"];

/// Checks a loaded spec and builds the IR.
pub fn validate(spec: &LoadedSpec) -> Result<ir::Api, Vec<Diagnostic>> {
    let mut v = Validator::default();
    v.collect_shared(spec);
    let objects = v.shared_structs(spec);
    let mut methods = Vec::new();
    let mut seen_methods: BTreeMap<String, ()> = BTreeMap::new();
    let mut seen_modules: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for (file, m) in &spec.methods {
        if seen_methods.insert(m.method.value.clone(), ()).is_some() {
            v.err(
                file,
                &m.method,
                format!("method `{}` is defined twice", m.method.value),
            )
            .hint("keep one file per method");
            continue;
        }
        if let Some(method) = v.method(file, m) {
            if let Some(other) = seen_modules.insert(method.module.clone(), method.name.clone()) {
                v.err(
                    file,
                    &m.method,
                    format!(
                        "method `{}` maps to the same Rust module `{}` as `{other}`",
                        method.name,
                        method.module.join("::")
                    ),
                )
                .hint("rename one of the methods");
                continue;
            }
            methods.push(method);
        }
    }
    methods.sort_by(|a, b| a.name.cmp(&b.name));
    if v.problems.is_empty() {
        Ok(ir::Api {
            methods,
            objects,
            system_errors: v.system_errors,
        })
    } else {
        v.problems.sort();
        Err(v.problems)
    }
}

/// Error codes and variant names already used in one enum.
#[derive(Default)]
struct Seen {
    codes: BTreeSet<String>,
    variants: BTreeMap<String, String>,
}

#[derive(Default)]
struct Validator {
    problems: Vec<Diagnostic>,
    /// Shared object name → Rust struct name.
    shared: BTreeMap<String, String>,
    system_errors: Vec<ir::ErrorCode>,
    /// Revision counters by name.
    counters: BTreeMap<String, ir::Counter>,
}

/// Appends a hint to the problem just reported.
struct Pending<'a>(&'a mut Vec<Diagnostic>);

impl Pending<'_> {
    fn hint(self, hint: impl Into<String>) {
        if let Some(last) = self.0.last_mut() {
            last.hint = Some(hint.into());
        }
    }
}

/// The parts of a field, parameter or item that describe its type.
struct Shape<'a> {
    ty: &'a SpannedStr,
    struct_name: Option<&'a SpannedStr>,
    fields: Option<&'a [model::Field]>,
    items: Option<&'a model::TypeSpec>,
    nullable: Option<&'a Spanned<bool>>,
    none_as: Option<&'a SpannedStr>,
    enum_name: Option<&'a SpannedStr>,
    values: Option<&'a [SpannedStr]>,
    legacy: &'a [model::LegacyValue],
    description: Option<&'a model::Text>,
}

impl<'a> Shape<'a> {
    fn of_type(t: &'a model::TypeSpec) -> Self {
        Shape {
            ty: &t.ty,
            struct_name: t.struct_name.as_ref(),
            fields: t.fields.as_deref(),
            items: t.items.as_deref(),
            nullable: t.nullable.as_ref(),
            none_as: None,
            enum_name: t.enum_name.as_ref(),
            values: t.values.as_deref(),
            legacy: &t.legacy,
            description: t.description.as_ref(),
        }
    }

    fn of_field(f: &'a model::Field) -> Self {
        Shape {
            ty: &f.ty,
            struct_name: f.struct_name.as_ref(),
            fields: f.fields.as_deref(),
            items: f.items.as_deref(),
            nullable: f.nullable.as_ref(),
            none_as: f.none_as.as_ref(),
            enum_name: f.enum_name.as_ref(),
            values: f.values.as_deref(),
            legacy: &f.legacy,
            description: Some(&f.description),
        }
    }
}

/// Structs being collected for one method (or for `common`).
#[derive(Default)]
struct Scope {
    structs: Vec<ir::Struct>,
    enums: Vec<ir::OpenEnum>,
    /// Every type name in the module, to catch collisions.
    names: BTreeSet<String>,
    shared: bool,
}

fn line_col<T>(s: &Spanned<T>) -> (u32, u32) {
    let loc = s.referenced;
    (
        u32::try_from(loc.line()).unwrap_or(u32::MAX),
        u32::try_from(loc.column()).unwrap_or(u32::MAX),
    )
}

fn text(t: &model::Text) -> ir::Text {
    ir::Text {
        en: t.en.value.trim().to_string(),
        ru: t.ru.value.trim().to_string(),
    }
}

impl Validator {
    fn err<T>(&mut self, file: &Path, at: &Spanned<T>, message: String) -> Pending<'_> {
        let (line, column) = line_col(at);
        self.problems
            .push(Diagnostic::new(file, line, column, message));
        Pending(&mut self.problems)
    }

    fn check_text(&mut self, file: &Path, t: &model::Text, what: &str) {
        if t.en.value.trim().is_empty() {
            self.err(file, &t.en, format!("{what} has an empty English text"))
                .hint("write the `en` text; it becomes the Rust docs and schema description");
        }
        if t.ru.value.trim().is_empty() {
            self.err(file, &t.ru, format!("{what} has an empty Russian text"))
                .hint("write the `ru` text from the Russian page");
        }
    }

    fn collect_shared(&mut self, spec: &LoadedSpec) {
        let mut codes = Seen::default();
        for (file, shared) in &spec.shared {
            for object in &shared.objects {
                let name = &object.name.value;
                if self.shared.contains_key(name) {
                    self.err(
                        file,
                        &object.name,
                        format!("shared object `{name}` is defined twice"),
                    )
                    .hint("keep one definition");
                    continue;
                }
                if BUILTIN_TYPES.iter().any(|(b, _)| b == name) {
                    self.err(
                        file,
                        &object.name,
                        format!("shared object `{name}` shadows a builtin type"),
                    )
                    .hint("pick another name");
                    continue;
                }
                self.shared
                    .insert(name.clone(), object.struct_name.value.clone());
            }
            for c in &shared.revision_counters {
                let name = c.name.value.clone();
                self.check_text(file, &c.description, &format!("revision counter `{name}`"));
                let counter = ir::Counter {
                    name: name.clone(),
                    read_with: c.read_with.value.clone(),
                    key: c.key.value.clone(),
                };
                if self.counters.insert(name.clone(), counter).is_some() {
                    self.err(
                        file,
                        &c.name,
                        format!("revision counter `{name}` is defined twice"),
                    )
                    .hint("keep one definition");
                }
            }
            for error in &shared.system_errors {
                if let Some(code) = self.error_code(file, error, &mut codes) {
                    self.system_errors.push(code);
                }
            }
        }
    }

    fn shared_structs(&mut self, spec: &LoadedSpec) -> Vec<ir::Struct> {
        let mut scope = Scope {
            shared: true,
            ..Scope::default()
        };
        for (file, shared) in &spec.shared {
            for object in &shared.objects {
                self.check_text(file, &object.description, "shared object");
                self.structure(
                    file,
                    &object.struct_name,
                    Some(&object.description),
                    &object.fields,
                    &mut scope,
                );
            }
        }
        scope.structs.sort_by(|a, b| a.name.cmp(&b.name));
        scope.structs
    }

    fn method(&mut self, file: &Path, m: &model::MethodFile) -> Option<ir::Method> {
        let name = m.method.value.clone();
        let segments: Vec<&str> = name.split('.').collect();
        let well_formed = segments.len() >= 2
            && segments
                .iter()
                .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        if !well_formed {
            self.err(
                file,
                &m.method,
                format!("`{name}` is not a REST method name"),
            )
            .hint("method names look like `imopenlines.dialog.get`");
            return None;
        }
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem != name {
            self.err(
                file,
                &m.method,
                format!("file name `{stem}` does not match method `{name}`"),
            )
            .hint(format!("rename the file to `{name}.yaml`"));
        }
        let (first, rest) = segments.split_first()?;
        let rest = rest.join("_");
        let module = vec![snake(first), snake(&rest)];
        if module
            .first()
            .is_some_and(|m| RESERVED_MODULES.contains(&m.as_str()))
        {
            self.err(file, &m.method, format!("method `{name}` would generate the top-level module `{first}`, which the crate already uses"))
                .hint(format!("names starting with {} cannot be generated; report it as a codegen limitation", RESERVED_MODULES.join(", ")));
            return None;
        }
        for part in &module {
            if !is_identifier(part) || is_keyword(part) {
                self.err(
                    file,
                    &m.method,
                    format!(
                        "method `{name}` gives the Rust module name `{part}`, which is not usable"
                    ),
                )
                .hint("method segments must start with a letter and not be Rust keywords");
                return None;
            }
        }
        let marker = camel(&rest);
        if RESERVED_TYPES.contains(&marker.as_str()) {
            self.err(
                file,
                &m.method,
                format!(
                    "method `{name}` gives the Rust type `{marker}`, which generated code reserves"
                ),
            )
            .hint("this method name cannot be generated; report it as a codegen limitation");
            return None;
        }
        if m.scope.value.trim().is_empty() {
            self.err(file, &m.scope, "scope is empty".to_string())
                .hint("write the OAuth scope, e.g. `imopenlines`");
        }
        self.check_text(file, &m.access, "`access`");
        self.check_text(file, &m.description, "`description`");

        let mut scope = Scope::default();
        let params_name = format!("{marker}Params");
        let error_enum = format!("{marker}Error");
        for reserved in [&marker, &error_enum] {
            scope.names.insert(reserved.clone());
        }
        let (params, param_list) = self.params(file, m, &params_name, &mut scope);
        let result_default = format!("{marker}Result");
        let result = self.resolve(
            file,
            &Shape::of_type(&m.result),
            Some(&result_default),
            &mut scope,
        );
        let errors = self.errors(file, &m.errors);
        Some(ir::Method {
            name,
            module,
            marker,
            scope: m.scope.value.trim().to_string(),
            access: text(&m.access),
            description: text(&m.description),
            notes: m.notes.iter().map(|n| n.value.trim().to_string()).collect(),
            sources: m
                .sources
                .iter()
                .map(|s| s.value.trim().to_string())
                .collect(),
            params: params?,
            param_list,
            result: result?,
            structs: scope.structs,
            enums: scope.enums,
            errors,
            error_enum,
        })
    }

    fn params(
        &mut self,
        file: &Path,
        m: &model::MethodFile,
        params_name: &str,
        scope: &mut Scope,
    ) -> (Option<ir::Params>, Vec<ir::Param>) {
        let mut groups: BTreeMap<String, ir::OneOf> = BTreeMap::new();
        let mut group_order = Vec::new();
        for g in &m.one_of {
            let key = g.name.value.clone();
            if groups.contains_key(&key) {
                self.err(
                    file,
                    &g.name,
                    format!("one-of group `{key}` is defined twice"),
                )
                .hint("give each group its own name");
                continue;
            }
            let enum_name = g.rust_name.value.clone();
            if !is_identifier(&enum_name)
                || is_keyword(&enum_name)
                || RESERVED_TYPES.contains(&enum_name.as_str())
            {
                self.err(
                    file,
                    &g.rust_name,
                    format!("`{enum_name}` is not a usable Rust type name"),
                )
                .hint("use UpperCamelCase, e.g. `DialogGetParams`");
            } else if !scope.names.insert(enum_name.clone()) {
                self.err(
                    file,
                    &g.rust_name,
                    format!("type name `{enum_name}` is already used in this method"),
                )
                .hint("pick another `rust_name`");
            }
            self.check_text(file, &g.description, "one-of group");
            group_order.push(key.clone());
            groups.insert(
                key.clone(),
                ir::OneOf {
                    group: key.clone(),
                    name: enum_name,
                    field: snake(&key),
                    description: text(&g.description),
                    members: Vec::new(),
                },
            );
        }

        let mut plain = Vec::new();
        let mut all = Vec::new();
        let mut wire_seen: BTreeSet<String> = BTreeSet::new();
        let mut rust_seen: BTreeMap<String, String> = BTreeMap::new();
        for p in &m.params {
            let wire = p.name.value.clone();
            if !wire_seen.insert(wire.clone()) {
                self.err(file, &p.name, format!("parameter `{wire}` is listed twice"))
                    .hint("remove the duplicate");
                continue;
            }
            self.check_text(file, &p.description, &format!("parameter `{wire}`"));
            let Some(rust) =
                self.rust_field_name(file, &p.name, p.rust_name.as_ref(), &mut rust_seen)
            else {
                continue;
            };
            let shape = Shape {
                ty: &p.ty,
                struct_name: None,
                fields: None,
                items: p.items.as_deref(),
                nullable: None,
                none_as: None,
                enum_name: None,
                values: None,
                legacy: &[],
                description: Some(&p.description),
            };
            let Some(ty) = self.resolve(file, &shape, None, scope) else {
                continue;
            };
            let required = p.required.as_ref().is_some_and(|r| r.value);
            if let (Some(group), Some(req)) = (&p.one_of, &p.required) {
                if req.value {
                    self.err(file, req, format!("parameter `{wire}` is in one-of group `{}` and cannot be required", group.value))
                        .hint("remove `required: true`; the group itself makes exactly one member mandatory");
                }
            }
            let param = ir::Param {
                variant: camel(&wire),
                wire: wire.clone(),
                rust,
                spec_type: p.ty.value.clone(),
                ty,
                required,
                one_of: p.one_of.as_ref().map(|g| g.value.clone()),
                since: p.since.as_ref().and_then(|s| self.since(file, s)),
                strip_imol_prefix: self.strip_imol(file, p),
                examples: p.examples.iter().map(|e| e.to_string()).collect(),
                description: text(&p.description),
                note: p.note.as_ref().map(|n| n.value.trim().to_string()),
                differs: self.differences(file, &p.differs_from_docs),
            };
            all.push(param.clone());
            match &p.one_of {
                Some(group) => match groups.get_mut(&group.value) {
                    Some(g) => g.members.push(param),
                    None => {
                        let known: Vec<&str> = group_order.iter().map(String::as_str).collect();
                        let hint = match did_you_mean(&group.value, known.iter().copied()) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => "define it under `one_of:`".to_string(),
                        };
                        self.err(
                            file,
                            group,
                            format!("one-of group `{}` is not defined", group.value),
                        )
                        .hint(hint);
                    }
                },
                None => plain.push(param),
            }
        }

        let mut ordered_groups = Vec::new();
        for (g, spec_group) in group_order.iter().zip(&m.one_of) {
            if let Some(group) = groups.remove(g) {
                if group.members.len() < 2 {
                    self.err(
                        file,
                        &spec_group.name,
                        format!("one-of group `{g}` has {} member(s)", group.members.len()),
                    )
                    .hint("a one-of group needs at least two parameters");
                }
                ordered_groups.push(group);
            }
        }
        let params = if plain.is_empty() && ordered_groups.len() == 1 {
            ordered_groups.pop().map(ir::Params::Selector)
        } else {
            if !scope.names.insert(params_name.to_string()) {
                // A one-of enum already took the name; report against the method.
                self.err(
                    file,
                    &m.method,
                    format!("type name `{params_name}` is used twice"),
                )
                .hint("rename the one-of group's `rust_name`");
            }
            Some(ir::Params::Struct {
                name: params_name.to_string(),
                fields: plain,
                groups: ordered_groups,
            })
        };
        (params, all)
    }

    /// Picks and checks a Rust field name for a wire name.
    fn rust_field_name(
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

    /// Resolves a type; inline objects are added to `scope`.
    fn resolve(
        &mut self,
        file: &Path,
        shape: &Shape<'_>,
        default_struct: Option<&str>,
        scope: &mut Scope,
    ) -> Option<ir::Ty> {
        let name = shape.ty.value.as_str();
        let is_object = name == "object";
        if !is_object {
            if let Some(s) = shape.struct_name {
                self.err(
                    file,
                    s,
                    format!("`struct` only applies to `type: object`, not `{name}`"),
                )
                .hint("remove `struct` or change the type to `object`");
            }
            if shape.fields.is_some() {
                self.err(
                    file,
                    shape.ty,
                    format!("`fields` only applies to `type: object`, not `{name}`"),
                )
                .hint("remove `fields` or change the type to `object`");
            }
        }
        if name != "enum" && (shape.enum_name.is_some() || shape.values.is_some()) {
            self.err(
                file,
                shape.ty,
                format!("`enum` and `values` only apply to `type: enum`, not `{name}`"),
            )
            .hint("remove them or change the type to `enum`");
        }
        if name != "array" && shape.items.is_some() {
            self.err(
                file,
                shape.ty,
                format!("`items` only applies to `type: array`, not `{name}`"),
            )
            .hint("remove `items` or change the type to `array`");
        }
        let ty = match name {
            "id" => ir::Ty::Id,
            "integer" => ir::Ty::Integer,
            "number" => ir::Ty::Number,
            "string" => ir::Ty::String,
            "boolean" => ir::Ty::Boolean,
            "datetime" => ir::Ty::DateTime,
            "user_code" => ir::Ty::UserCode,
            "dialog_id" => ir::Ty::DialogId,
            "chat_dialog_id" => ir::Ty::ChatDialogId,
            "json" => ir::Ty::Json,
            "enum" => ir::Ty::Enum(self.open_enum(file, shape, scope)?),
            "array" => {
                let Some(items) = shape.items else {
                    self.err(file, shape.ty, "`type: array` needs `items`".to_string())
                        .hint("add `items: {type: id}` or another element type");
                    return None;
                };
                let inner = self.resolve(file, &Shape::of_type(items), None, scope)?;
                ir::Ty::Array(Box::new(inner))
            }
            "object" => {
                let struct_name = match (shape.struct_name, default_struct) {
                    (Some(s), _) => s,
                    (None, Some(default)) => {
                        let Some(fields) = shape.fields else {
                            self.err(file, shape.ty, "`type: object` needs `fields`".to_string())
                                .hint("list the object's fields");
                            return None;
                        };
                        let spanned = Spanned {
                            value: default.to_string(),
                            referenced: shape.ty.referenced,
                            defined: shape.ty.defined,
                        };
                        let name =
                            self.structure(file, &spanned, shape.description, fields, scope)?;
                        return Some(wrap_nullable(ir::Ty::Local(name), shape.nullable));
                    }
                    (None, None) => {
                        self.err(
                            file,
                            shape.ty,
                            "`type: object` needs `struct: RustName`".to_string(),
                        )
                        .hint("name the generated struct, e.g. `struct: EntityLink`");
                        return None;
                    }
                };
                let Some(fields) = shape.fields else {
                    self.err(file, shape.ty, "`type: object` needs `fields`".to_string())
                        .hint("list the object's fields");
                    return None;
                };
                let name = self.structure(file, struct_name, shape.description, fields, scope)?;
                if scope.shared {
                    ir::Ty::Shared(name)
                } else {
                    ir::Ty::Local(name)
                }
            }
            other => match self.shared.get(other) {
                Some(struct_name) => ir::Ty::Shared(struct_name.clone()),
                None => {
                    let known = BUILTIN_TYPES
                        .iter()
                        .map(|(b, _)| *b)
                        .chain(self.shared.keys().map(String::as_str));
                    let hint = match did_you_mean(other, known) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!(
                            "use a builtin ({}) or a shared object from `shared/`",
                            BUILTIN_TYPES
                                .iter()
                                .map(|(b, _)| *b)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    self.err(file, shape.ty, format!("unknown type `{other}`"))
                        .hint(hint);
                    return None;
                }
            },
        };
        let ty = wrap_nullable(ty, shape.nullable);
        match shape.none_as {
            None => Some(ty),
            Some(marker) if marker.value.is_empty() && !matches!(ty, ir::Ty::Nullable(_)) => {
                Some(ir::Ty::EmptyIsNone(Box::new(ty)))
            }
            Some(marker) => {
                self.err(
                    file,
                    marker,
                    format!(
                        "`none_as: {:?}` is not supported (only `\"\"`, and not with `nullable`)",
                        marker.value
                    ),
                )
                .hint("the server's other \"none\" forms are `null` (`nullable: true`)");
                None
            }
        }
    }

    /// Registers the open enum of a `type: enum` shape and returns its Rust name.
    fn open_enum(&mut self, file: &Path, shape: &Shape<'_>, scope: &mut Scope) -> Option<String> {
        let (Some(name), Some(values)) = (shape.enum_name, shape.values) else {
            self.err(
                file,
                shape.ty,
                "`type: enum` needs `enum: RustName` and `values`".to_string(),
            )
            .hint("e.g. `enum: BackgroundId` and `values: [azure, mint]`");
            return None;
        };
        let rust = name.value.clone();
        if !is_identifier(&rust) || camel(&rust) != rust || RESERVED_TYPES.contains(&rust.as_str())
        {
            self.err(
                file,
                name,
                format!("`{rust}` is not a usable Rust type name"),
            )
            .hint("use UpperCamelCase, e.g. `BackgroundId`");
            return None;
        }
        if !scope.names.insert(rust.clone()) {
            self.err(
                file,
                name,
                format!("type name `{rust}` is already used in this module"),
            )
            .hint("pick another `enum` name");
            return None;
        }
        let mut known = Vec::new();
        let mut variants = BTreeSet::new();
        for v in values {
            let variant = camel(&v.value);
            if v.value.is_empty()
                || !is_identifier(&variant)
                || RESERVED_VARIANTS.contains(&variant.as_str())
                || variant == "Legacy"
            {
                self.err(
                    file,
                    v,
                    format!("`{}` does not give a usable variant name", v.value),
                )
                .hint("enum values must start with a letter");
                continue;
            }
            if !variants.insert(variant.clone()) {
                self.err(
                    file,
                    v,
                    format!(
                        "value `{}` is listed twice (or maps to the same variant `{variant}`)",
                        v.value
                    ),
                )
                .hint("remove the duplicate");
                continue;
            }
            known.push((v.value.clone(), variant));
        }
        let mut legacy = Vec::new();
        for l in shape.legacy {
            let means = match &l.means {
                None => None,
                Some(m) => match known.iter().find(|(wire, _)| *wire == m.value) {
                    Some((_, variant)) => Some(variant.clone()),
                    None => {
                        self.err(
                            file,
                            m,
                            format!("`{}` is not one of this enum's values", m.value),
                        )
                        .hint("`means` names a value listed under `values`");
                        continue;
                    }
                },
            };
            if known.iter().any(|(wire, _)| *wire == l.value.value)
                || legacy.iter().any(|(w, _)| *w == l.value.value)
            {
                self.err(
                    file,
                    &l.value,
                    format!("`{}` is listed twice", l.value.value),
                )
                .hint("remove the duplicate");
                continue;
            }
            legacy.push((l.value.value.clone(), means));
        }
        let description = shape.description.map(text).unwrap_or_else(|| ir::Text {
            en: format!("`{rust}` values."),
            ru: format!("Значения `{rust}`."),
        });
        scope.enums.push(ir::OpenEnum {
            name: rust.clone(),
            description,
            values: known,
            legacy,
        });
        Some(rust)
    }

    /// A `since` whose counter is defined in `shared/`.
    fn since(&mut self, file: &Path, s: &model::Since) -> Option<ir::Since> {
        if s.source.value.trim().is_empty() {
            self.err(file, &s.source, "`since` needs a `source`".to_string())
                .hint("say where the revision number was read");
        }
        match self.counters.get(&s.counter.value) {
            Some(counter) => Some(ir::Since {
                revision: s.revision.value,
                counter: counter.clone(),
                source: s.source.value.trim().to_string(),
            }),
            None => {
                let known: Vec<&str> = self.counters.keys().map(String::as_str).collect();
                let hint = match did_you_mean(&s.counter.value, known.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "define it under `revision_counters:` in a shared file".to_string(),
                };
                self.err(
                    file,
                    &s.counter,
                    format!("unknown revision counter `{}`", s.counter.value),
                )
                .hint(hint);
                None
            }
        }
    }

    /// Official-page differences, each with every part written.
    fn differences(&mut self, file: &Path, list: &[model::Difference]) -> Vec<ir::Difference> {
        let mut out = Vec::new();
        for d in list {
            for (part, what) in [
                (&d.page, "page"),
                (&d.docs, "docs"),
                (&d.server, "server"),
                (&d.source, "source"),
            ] {
                if part.value.trim().is_empty() {
                    self.err(file, part, format!("a `differs_from_docs` entry has an empty `{what}`"))
                        .hint("say which page, what it says, what the server does, and where that was read");
                }
            }
            out.push(ir::Difference {
                page: d.page.value.trim().to_string(),
                docs: d.docs.value.trim().to_string(),
                server: d.server.value.trim().to_string(),
                source: d.source.value.trim().to_string(),
            });
        }
        out
    }

    /// `send_without_imol_prefix`, allowed on `user_code` parameters only.
    fn strip_imol(&mut self, file: &Path, p: &model::Param) -> bool {
        match &p.send_without_imol_prefix {
            Some(flag) if flag.value && p.ty.value != "user_code" => {
                self.err(
                    file,
                    flag,
                    format!(
                        "`send_without_imol_prefix` applies to `user_code`, not `{}`",
                        p.ty.value
                    ),
                )
                .hint("remove it");
                false
            }
            Some(flag) => flag.value,
            None => false,
        }
    }

    /// Builds a struct from spec fields and registers it in `scope`.
    fn structure(
        &mut self,
        file: &Path,
        name: &SpannedStr,
        description: Option<&model::Text>,
        fields: &[model::Field],
        scope: &mut Scope,
    ) -> Option<String> {
        let struct_name = name.value.clone();
        if !is_identifier(&struct_name)
            || is_keyword(&struct_name)
            || camel(&struct_name) != struct_name
        {
            self.err(
                file,
                name,
                format!("`{struct_name}` is not a usable Rust type name"),
            )
            .hint("use UpperCamelCase, e.g. `EntityLink`");
            return None;
        }
        if RESERVED_TYPES.contains(&struct_name.as_str()) {
            self.err(
                file,
                name,
                format!("`{struct_name}` would shadow a name generated code uses"),
            )
            .hint("pick another `struct` name");
            return None;
        }
        if !scope.names.insert(struct_name.clone()) {
            self.err(
                file,
                name,
                format!("type name `{struct_name}` is already used in this module"),
            )
            .hint("give one of the objects another `struct` name");
            return None;
        }
        let mut out = Vec::new();
        let mut wire_seen = BTreeSet::new();
        let mut rust_seen = BTreeMap::new();
        let mut ok = true;
        for f in fields {
            if !wire_seen.insert(f.name.value.clone()) {
                self.err(
                    file,
                    &f.name,
                    format!(
                        "field `{}` is listed twice in `{struct_name}`",
                        f.name.value
                    ),
                )
                .hint("remove the duplicate");
                ok = false;
                continue;
            }
            self.check_text(file, &f.description, &format!("field `{}`", f.name.value));
            let rust = self.rust_field_name(file, &f.name, f.rust_name.as_ref(), &mut rust_seen);
            let ty = self.resolve(file, &Shape::of_field(f), None, scope);
            let (Some(rust), Some(ty)) = (rust, ty) else {
                ok = false;
                continue;
            };
            out.push(ir::Field {
                wire: f.name.value.clone(),
                rust,
                ty,
                required: f.required.as_ref().is_none_or(|r| r.value),
                since: f.since.as_ref().and_then(|s| self.since(file, s)),
                examples: f.examples.iter().map(|e| e.to_string()).collect(),
                description: text(&f.description),
                note: f.note.as_ref().map(|n| n.value.trim().to_string()),
                differs: self.differences(file, &f.differs_from_docs),
            });
        }
        if !ok {
            return None;
        }
        scope.structs.push(ir::Struct {
            name: struct_name.clone(),
            description: description.map(text),
            fields: out,
        });
        Some(struct_name)
    }

    fn errors(&mut self, file: &Path, errors: &[model::ErrorCode]) -> Vec<ir::ErrorCode> {
        let mut codes = Seen::default();
        errors
            .iter()
            .filter_map(|e| self.error_code(file, e, &mut codes))
            .collect()
    }

    fn error_code(
        &mut self,
        file: &Path,
        e: &model::ErrorCode,
        seen: &mut Seen,
    ) -> Option<ir::ErrorCode> {
        let code = e.code.value.clone();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.err(file, &e.code, format!("`{code}` is not an error code"))
                .hint("codes are made of Latin letters, digits and underscores");
            return None;
        }
        if !seen.codes.insert(code.clone()) {
            self.err(
                file,
                &e.code,
                format!("error code `{code}` is listed twice"),
            )
            .hint("remove the duplicate");
            return None;
        }
        if !(100..=599).contains(&e.status.value) {
            self.err(
                file,
                &e.status,
                format!("`{}` is not an HTTP status", e.status.value),
            )
            .hint("use the status the documentation gives, e.g. 400");
        }
        self.check_text(file, &e.message, &format!("error `{code}` message"));
        self.check_text(file, &e.meaning, &format!("error `{code}` meaning"));
        let (variant, at) = match &e.rust_name {
            Some(r) => (r.value.clone(), r),
            None => (camel(&code), &e.code),
        };
        if !is_identifier(&variant)
            || is_keyword(&variant)
            || RESERVED_VARIANTS.contains(&variant.as_str())
        {
            self.err(
                file,
                at,
                format!("`{code}` gives the Rust variant `{variant}`, which is not usable"),
            )
            .hint("add `rust_name:` with an UpperCamelCase name");
            return None;
        }
        if let Some(other) = seen.variants.insert(variant.clone(), code.clone()) {
            self.err(
                file,
                at,
                format!("`{code}` and `{other}` both become the Rust variant `{variant}`"),
            )
            .hint("add `rust_name:` to one of them");
            return None;
        }
        Some(ir::ErrorCode {
            code,
            variant,
            status: e.status.value,
            message: text(&e.message),
            meaning: text(&e.meaning),
            note: e.note.as_ref().map(|n| n.value.trim().to_string()),
            differs: self.differences(file, &e.differs_from_docs),
        })
    }
}

fn wrap_nullable(ty: ir::Ty, nullable: Option<&Spanned<bool>>) -> ir::Ty {
    match nullable {
        Some(n) if n.value => ir::Ty::Nullable(Box::new(ty)),
        _ => ty,
    }
}

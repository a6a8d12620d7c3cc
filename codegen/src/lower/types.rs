//! Type references: builtins, shared objects, inline objects (which become structs of the
//! method's module), arrays, nullability and the server's `""` for "none".

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::yaml::Spanned;

use super::Lowerer;
use super::meta::{note, text};

use crate::builtin::Builtin;
use crate::diagnostic::did_you_mean;
use crate::ir;
use crate::model::{self, SpannedStr};

/// Types being collected for one method's module (or for `common`).
#[derive(Default)]
pub(super) struct Scope {
    pub(super) structs: Vec<ir::Struct>,
    pub(super) enums: Vec<ir::OpenEnum>,
    /// Every type name in the module, to catch collisions.
    pub(super) names: BTreeSet<String>,
    shared: bool,
}

impl Scope {
    /// The scope of `common`: its structs are referred to as shared.
    pub(super) fn shared() -> Self {
        Scope {
            shared: true,
            ..Scope::default()
        }
    }
}

/// The parts of a field, parameter or item that describe its type.
pub(super) struct Shape<'a> {
    pub(super) ty: &'a SpannedStr,
    struct_name: Option<&'a SpannedStr>,
    fields: Option<&'a [model::Field]>,
    items: Option<&'a model::TypeSpec>,
    nullable: Option<&'a Spanned<bool>>,
    none_as: Option<&'a SpannedStr>,
    pub(super) enum_name: Option<&'a SpannedStr>,
    pub(super) values: Option<&'a [SpannedStr]>,
    pub(super) legacy: &'a [model::LegacyValue],
    pub(super) description: Option<&'a model::Text>,
}

impl<'a> Shape<'a> {
    pub(super) fn of_type(t: &'a model::TypeSpec) -> Self {
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

    pub(super) fn of_param(p: &'a model::Param) -> Self {
        Shape {
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
        }
    }
}

impl Lowerer {
    /// Resolves a type; inline objects and enums are added to `scope`. `default_struct` names
    /// an inline object that has no `struct` (a method's result).
    pub(super) fn resolve(
        &mut self,
        file: &Path,
        shape: &Shape<'_>,
        default_struct: Option<&str>,
        scope: &mut Scope,
    ) -> Option<ir::Ty> {
        let name = shape.ty.value.as_str();
        let builtin = Builtin::parse(name);
        self.check_keys_fit(file, shape, builtin);
        let ty = match builtin {
            Some(Builtin::Scalar(s)) => ir::Ty::Scalar(s),
            Some(Builtin::Enum) => ir::Ty::Enum(self.open_enum(file, shape, scope)?),
            Some(Builtin::Array) => {
                let Some(items) = shape.items else {
                    self.err(file, shape.ty, "`type: array` needs `items`".to_string())
                        .hint("add `items: {type: id}` or another element type");
                    return None;
                };
                if let Some(d) = items.differs_from_docs.first() {
                    self.err(
                        file,
                        &d.source,
                        "`differs_from_docs` under `items` is not read".to_string(),
                    )
                    .hint("put it on the field or parameter that holds the list");
                }
                let inner = self.resolve(file, &Shape::of_type(items), None, scope)?;
                ir::Ty::Array(Box::new(inner))
            }
            Some(Builtin::Object) => self.inline_object(file, shape, default_struct, scope)?,
            None => match self.shared.get(name) {
                Some(struct_name) => ir::Ty::Shared(struct_name.clone()),
                None => {
                    let known = Builtin::all()
                        .map(|(b, _)| b)
                        .chain(self.shared.keys().map(String::as_str));
                    let hint = match did_you_mean(name, known) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!(
                            "use a builtin ({}) or a shared object from `shared/`",
                            Builtin::all()
                                .map(|(b, _)| b)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    self.err(file, shape.ty, format!("unknown type `{name}`"))
                        .hint(hint);
                    return None;
                }
            },
        };
        let ty = match shape.nullable {
            Some(n) if n.value => ir::Ty::Nullable(Box::new(ty)),
            _ => ty,
        };
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

    /// Keys that only some types take (`struct`, `fields`, `enum`, `values`, `items`).
    fn check_keys_fit(&mut self, file: &Path, shape: &Shape<'_>, builtin: Option<Builtin>) {
        let name = shape.ty.value.as_str();
        if builtin != Some(Builtin::Object) {
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
        if builtin != Some(Builtin::Enum) && (shape.enum_name.is_some() || shape.values.is_some()) {
            self.err(
                file,
                shape.ty,
                format!("`enum` and `values` only apply to `type: enum`, not `{name}`"),
            )
            .hint("remove them or change the type to `enum`");
        }
        if builtin != Some(Builtin::Array) && shape.items.is_some() {
            self.err(
                file,
                shape.ty,
                format!("`items` only applies to `type: array`, not `{name}`"),
            )
            .hint("remove `items` or change the type to `array`");
        }
    }

    /// A `type: object` written in place: a struct of the current module.
    fn inline_object(
        &mut self,
        file: &Path,
        shape: &Shape<'_>,
        default_struct: Option<&str>,
        scope: &mut Scope,
    ) -> Option<ir::Ty> {
        let named = match (shape.struct_name, default_struct) {
            (Some(s), _) => s.clone(),
            (None, Some(default)) => Spanned {
                value: default.to_string(),
                at: shape.ty.at,
            },
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
        let name = self.structure(file, &named, shape.description, fields, scope)?;
        Some(if scope.shared {
            ir::Ty::Shared(name)
        } else {
            ir::Ty::Local(name)
        })
    }

    /// Builds a struct from spec fields and registers it in `scope`.
    pub(super) fn structure(
        &mut self,
        file: &Path,
        name: &SpannedStr,
        description: Option<&model::Text>,
        fields: &[model::Field],
        scope: &mut Scope,
    ) -> Option<String> {
        let struct_name = self.claim_type_name(file, name, scope, "struct", "EntityLink")?;
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
            match self.field(file, f, &mut rust_seen, scope) {
                Some(field) => out.push(field),
                None => ok = false,
            }
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

    fn field(
        &mut self,
        file: &Path,
        f: &model::Field,
        rust_seen: &mut BTreeMap<String, String>,
        scope: &mut Scope,
    ) -> Option<ir::Field> {
        let wire = &f.name.value;
        let description = self.text(file, &f.description, &format!("field `{wire}`"));
        let rust = self.rust_field_name(file, &f.name, f.rust_name.as_ref(), rust_seen);
        let ty = self.resolve(file, &Shape::of_field(f), None, scope);
        let required = f.required.as_ref().is_none_or(|r| r.value);
        let absent = match &f.absent {
            Some(a) if required => {
                self.err(
                    file,
                    &a.en,
                    format!(
                        "`absent` explains why a field may be missing, but `{wire}` is required"
                    ),
                )
                .hint("add `required: false`, or remove `absent`");
                None
            }
            Some(a) => Some(self.text(file, a, &format!("field `{wire}` `absent`"))),
            None => None,
        };
        Some(ir::Field {
            wire: wire.clone(),
            rust: rust?,
            ty: ty?,
            required,
            since: self.since(file, f.since.as_ref()),
            examples: f.examples.iter().map(|e| e.to_string()).collect(),
            description,
            note: note(f.note.as_ref()),
            absent,
            differs: self.differences(file, &f.differs_from_docs),
        })
    }
}

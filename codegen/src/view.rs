//! Read-only views of a checked spec for tools and tests, so the IR behind them stays private.

use crate::ir;

/// One method of a checked spec.
#[derive(Debug, Clone, Copy)]
pub struct MethodInfo<'a> {
    method: &'a ir::Method,
    api: &'a ir::Api,
}

/// One field of a result, flattened: nested objects and array items get their own entries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct FieldInfo {
    /// Dotted path, `[]` for array items: `result.readed_list[].date`.
    pub path: String,
    /// The spec's type name: a builtin such as `id` or `datetime`, `object` for objects
    /// (inline or shared), `array`, `enum`.
    pub type_name: String,
    /// Whether `null` is a documented value.
    pub nullable: bool,
    /// Whether every answer carries it (array items always are).
    pub required: bool,
}

impl<'a> MethodInfo<'a> {
    pub(crate) fn new(method: &'a ir::Method, api: &'a ir::Api) -> Self {
        Self { method, api }
    }

    /// Wire name, e.g. `imopenlines.dialog.get`.
    pub fn name(&self) -> &'a str {
        &self.method.name
    }

    /// Rust module path below the crate root, e.g. `imopenlines::dialog_get`.
    pub fn module_path(&self) -> String {
        self.method.module.join("::")
    }

    /// The result's fields, flattened from `result.` on; empty for a scalar result.
    pub fn result_fields(&self) -> Vec<FieldInfo> {
        let mut out = Vec::new();
        children(
            self.api,
            Some(self.method),
            &self.method.result,
            "result",
            &mut out,
        );
        out
    }
}

/// The flattened fields of a shared object.
pub(crate) fn shared_object_fields(api: &ir::Api, struct_name: &str) -> Option<Vec<FieldInfo>> {
    let s = api.objects.iter().find(|s| s.name == struct_name)?;
    let mut out = Vec::new();
    fields(api, None, s, "", &mut out);
    Some(out)
}

fn fields(
    api: &ir::Api,
    method: Option<&ir::Method>,
    s: &ir::Struct,
    prefix: &str,
    out: &mut Vec<FieldInfo>,
) {
    for f in &s.fields {
        let path = if prefix.is_empty() {
            f.wire.clone()
        } else {
            format!("{prefix}.{}", f.wire)
        };
        out.push(info(&path, &f.ty, f.required));
        children(api, method, &f.ty, &path, out);
    }
}

/// Entries below a value of type `ty` at `path`: an object's fields, an array's items.
fn children(
    api: &ir::Api,
    method: Option<&ir::Method>,
    ty: &ir::Ty,
    path: &str,
    out: &mut Vec<FieldInfo>,
) {
    match ty {
        ir::Ty::Local(name) => {
            if let Some(s) = method.and_then(|m| m.structs.iter().find(|s| &s.name == name)) {
                fields(api, method, s, path, out);
            }
        }
        ir::Ty::Shared(name) => {
            if let Some(s) = api.objects.iter().find(|s| &s.name == name) {
                fields(api, None, s, path, out);
            }
        }
        ir::Ty::Array(inner) => {
            let item = format!("{path}[]");
            out.push(info(&item, inner, true));
            children(api, method, inner, &item, out);
        }
        ir::Ty::Nullable(inner) | ir::Ty::EmptyIsNone(inner) => {
            children(api, method, inner, path, out);
        }
        ir::Ty::Scalar(_) | ir::Ty::Enum(_) => {}
    }
}

fn info(path: &str, ty: &ir::Ty, required: bool) -> FieldInfo {
    let (nullable, inner) = match ty {
        ir::Ty::Nullable(inner) => (true, &**inner),
        ir::Ty::EmptyIsNone(inner) => (false, &**inner),
        other => (false, other),
    };
    let type_name = match inner {
        ir::Ty::Scalar(s) => s.name(),
        ir::Ty::Enum(_) => "enum",
        ir::Ty::Local(_) | ir::Ty::Shared(_) => "object",
        ir::Ty::Array(_) => "array",
        ir::Ty::Nullable(_) | ir::Ty::EmptyIsNone(_) => "nullable",
    };
    FieldInfo {
        path: path.to_string(),
        type_name: type_name.to_string(),
        nullable,
        required,
    }
}

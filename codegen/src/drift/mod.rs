//! Drift: what official method pages say against what the spec says. Names missing on either
//! side, type, required, nullable and status differences, each at the page line it concerns.
//! A difference the spec has recorded (`differs_from_docs` naming that page) is a note; any
//! other is a finding.

mod yfm;

use std::path::{Path, PathBuf};

use crate::ir;
use crate::pages::{doc_type, find_struct};

/// One difference between a page and the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct DriftItem {
    /// The page.
    pub file: PathBuf,
    /// 1-based line of the row (or the H1) it concerns.
    pub line: usize,
    /// What differs.
    pub message: String,
    /// The spec records this difference (with the server's behaviour and its source).
    pub recorded: bool,
}

/// What the spec says about one name: its doc type, nullability, requiredness and recorded
/// differences.
struct Known<'a> {
    name: String,
    ty: &'static str,
    nullable: bool,
    required: bool,
    differs: &'a [ir::Difference],
}

/// Compares every method page among `pages` (path, text) with the spec.
pub(crate) fn drift(api: &ir::Api, pages: &[(PathBuf, String)]) -> Vec<DriftItem> {
    let mut out = Vec::new();
    for (file, text) in pages {
        let page = match yfm::read(text) {
            None => continue,
            Some(Err((line, why))) => {
                out.push(item(
                    file,
                    line,
                    format!("cannot read this table: {why}"),
                    false,
                ));
                continue;
            }
            Some(Ok(page)) => page,
        };
        let Some(m) = api.methods.iter().find(|m| m.name == page.method) else {
            continue;
        };
        compare(api, m, file, &page, &mut out);
    }
    out.sort();
    out
}

fn item(file: &Path, line: usize, message: String, recorded: bool) -> DriftItem {
    DriftItem {
        file: file.to_path_buf(),
        line,
        message,
        recorded,
    }
}

/// Whether one of `differs` names this page (its last two path parts, `en/x.md`).
fn recorded_for(differs: &[ir::Difference], file: &Path) -> bool {
    let tail = |p: &Path| {
        let parts: Vec<String> = p
            .components()
            .rev()
            .take(2)
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts
    };
    let page = tail(file);
    differs.iter().any(|d| tail(Path::new(&d.page)) == page)
}

fn compare(api: &ir::Api, m: &ir::Method, file: &Path, page: &yfm::Page, out: &mut Vec<DriftItem>) {
    let params: Vec<Known> = m
        .params
        .iter()
        .map(|p| Known {
            name: p.wire.clone(),
            ty: doc_type(&p.ty).0,
            nullable: false,
            required: p.required,
            differs: &p.differs,
        })
        .collect();
    rows(
        file,
        page.h1_line,
        "parameter",
        &params,
        &page.params,
        true,
        out,
    );
    let mut fields = vec![Known {
        name: "result".to_string(),
        ty: doc_type(&m.result).0,
        nullable: false,
        required: true,
        differs: &[],
    }];
    result_fields(api, m, &m.result, "result", &mut fields);
    rows(
        file,
        page.h1_line,
        "result field",
        &fields,
        &page.result,
        false,
        out,
    );
    for e in &m.errors {
        let recorded = recorded_for(&e.differs, file);
        match page.errors.iter().find(|r| r.code == e.code) {
            None => out.push(item(
                file,
                page.h1_line,
                format!("error `{}`: in the spec, not on the page", e.code),
                recorded,
            )),
            Some(r) => {
                if let Some(status) = r.status.filter(|s| *s != e.status) {
                    out.push(item(
                        file,
                        r.line,
                        format!(
                            "error `{}`: the page gives status {status}, the spec {}",
                            e.code, e.status
                        ),
                        recorded,
                    ));
                }
            }
        }
    }
    for r in &page.errors {
        if !m.errors.iter().any(|e| e.code == r.code) {
            out.push(item(
                file,
                r.line,
                format!("error `{}`: on the page, not in the spec", r.code),
                false,
            ));
        }
    }
}

/// Compares named rows (`what`: parameter or result field) in both directions.
fn rows(
    file: &Path,
    h1: usize,
    what: &str,
    spec: &[Known],
    page: &[yfm::Row],
    check_required: bool,
    out: &mut Vec<DriftItem>,
) {
    for k in spec {
        // A recorded difference of an object covers what differs below it.
        let recorded = spec.iter().any(|a| {
            (a.name == k.name
                || k.name.starts_with(&format!("{}.", a.name))
                || k.name.starts_with(&format!("{}[]", a.name)))
                && recorded_for(a.differs, file)
        });
        let Some(r) = page.iter().find(|r| r.name == k.name) else {
            out.push(item(
                file,
                h1,
                format!("{what} `{}`: in the spec, not on the page", k.name),
                recorded,
            ));
            continue;
        };
        if !same_type(&r.ty, k.ty) {
            out.push(item(
                file,
                r.line,
                format!(
                    "{what} `{}`: the page says `{}`, the spec `{}`",
                    k.name, r.ty, k.ty
                ),
                recorded,
            ));
        }
        if check_required && r.required != k.required {
            let say = |b: bool| if b { "required" } else { "optional" };
            out.push(item(
                file,
                r.line,
                format!(
                    "{what} `{}`: the page says {}, the spec {}",
                    k.name,
                    say(r.required),
                    say(k.required)
                ),
                recorded,
            ));
        }
        if !check_required && r.nullable != k.nullable {
            let say = |b: bool| if b { "may be null" } else { "never null" };
            out.push(item(
                file,
                r.line,
                format!(
                    "{what} `{}`: the page says it {}, the spec that it {}",
                    k.name,
                    say(r.nullable),
                    say(k.nullable)
                ),
                recorded,
            ));
        }
    }
    for r in page {
        if !spec.iter().any(|k| k.name == r.name) {
            out.push(item(
                file,
                r.line,
                format!("{what} `{}`: on the page, not in the spec", r.name),
                false,
            ));
        }
    }
}

/// Type names the pages use interchangeably.
fn same_type(page: &str, spec: &str) -> bool {
    let page = page.trim_end_matches("[]");
    page == spec
        || matches!(
            (page, spec),
            ("number" | "float", "double") | ("object" | "array", "any")
        )
}

/// The spec's result fields flattened with their doc types (paths as the page reader builds).
fn result_fields<'a>(
    api: &'a ir::Api,
    m: &'a ir::Method,
    ty: &ir::Ty,
    path: &str,
    out: &mut Vec<Known<'a>>,
) {
    let (inner, prefix) = match ty {
        ir::Ty::Array(inner) => (&**inner, format!("{path}[]")),
        ir::Ty::Nullable(inner) | ir::Ty::EmptyIsNone(inner) => {
            return result_fields(api, m, inner, path, out);
        }
        other => (other, path.to_string()),
    };
    let name = match inner {
        ir::Ty::Local(name) | ir::Ty::Shared(name) => name,
        ir::Ty::Nullable(i) | ir::Ty::EmptyIsNone(i) => {
            return result_fields(api, m, i, &prefix, out);
        }
        _ => return,
    };
    let Some(s) = find_struct(api, m, name) else {
        return;
    };
    for f in &s.fields {
        let at = format!("{prefix}.{}", f.wire);
        out.push(Known {
            name: at.clone(),
            ty: doc_type(&f.ty).0,
            nullable: matches!(f.ty, ir::Ty::Nullable(_)),
            required: f.required,
            differs: &f.differs,
        });
        result_fields(api, m, &f.ty, &at, out);
    }
}

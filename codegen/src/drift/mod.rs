//! Drift: what official method pages say against what the spec says. Names missing on either
//! side, type, required, nullable and status differences, each at the page line it concerns.
//!
//! Pages are found by the method name ending their H1 and by their language (from the
//! caller, or from the H1's script), never by file name, so a checkout of either official
//! repository works as it is. Only pages of the spec's methods are compared. A difference the
//! spec records (`differs_from_docs` with `page: en`/`ru` on the same item) is a note; any
//! other is a finding. Everything else a tree holds (other methods' pages, index pages, tables
//! this reader cannot follow on pages outside the spec) is only counted.

mod tree;
pub(crate) mod yfm;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(crate) use tree::markdown_files;
pub use tree::{DocsTree, read_tree};

use crate::ir;
use crate::pages::{Lang, doc_type, find_struct};

/// One difference between a page and the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct DriftItem {
    /// The page, as the caller named it.
    pub file: PathBuf,
    /// 1-based line of the row (or the H1) it concerns.
    pub line: usize,
    /// What differs.
    pub message: String,
    /// The spec records this difference (with the server's behaviour and its source).
    pub recorded: bool,
    /// The method the page documents.
    pub method: String,
    /// The page's language.
    pub lang: Lang,
}

/// A page outside the comparison, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Skipped {
    /// The page.
    pub file: PathBuf,
    /// 1-based line the reason concerns (0: the whole page).
    pub line: usize,
    /// Why it was not compared.
    pub why: String,
}

/// What comparing a set of pages with the spec found.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Drift {
    /// Differences on the pages of the spec's methods, sorted by page and line.
    pub items: Vec<DriftItem>,
    /// Pages compared: (method, language, page).
    pub compared: Vec<(String, Lang, PathBuf)>,
    /// Pages read in all.
    pub pages_read: usize,
    /// Pages without a method name ending their H1 (index pages, guides, events).
    pub not_method_pages: usize,
    /// Method pages of methods the spec does not describe.
    pub other_methods: usize,
    /// Tables on those other pages that this reader cannot follow: not differences.
    pub unreadable_elsewhere: Vec<Skipped>,
    /// More pages of one of the spec's methods in one language than the one compared.
    pub duplicates: Vec<Skipped>,
    /// The spec's methods with no page in a language this set holds pages of.
    pub missing: Vec<(String, Lang)>,
    /// Page rows inside a parameter or field the spec types `json` (kept as any JSON, so
    /// there is nothing below it to compare): counted, never differences.
    pub inside_json: Vec<Skipped>,
}

impl Drift {
    /// Differences the spec does not record: what a docs editor must act on.
    pub fn unrecorded(&self) -> impl Iterator<Item = &DriftItem> {
        self.items.iter().filter(|i| !i.recorded)
    }
}

/// Whether `file` is where `spec_path` says the page lives: one path ends with the other
/// (the caller may name pages from the repository root or from a folder inside it).
fn at_spec_path(file: &Path, spec_path: &str) -> bool {
    let file: Vec<_> = file
        .components()
        .map(|c| c.as_os_str().to_owned())
        .collect();
    let spec: Vec<_> = Path::new(spec_path)
        .components()
        .map(|c| c.as_os_str().to_owned())
        .collect();
    !file.is_empty() && (file.ends_with(&spec) || spec.ends_with(&file))
}

/// Compares the pages of the spec's methods among `pages` (path, text) with the spec.
/// `lang` says the pages' language; `None` tells it from each page's H1.
pub(crate) fn drift(api: &ir::Api, pages: &[(PathBuf, String)], lang: Option<Lang>) -> Drift {
    let mut report = Drift {
        pages_read: pages.len(),
        ..Drift::default()
    };
    // (method, language) → its pages, in the given order.
    let mut found: BTreeMap<(&str, Lang), Vec<Candidate>> = BTreeMap::new();
    let mut langs_seen: Vec<Lang> = Vec::new();
    for (file, text) in pages {
        let Some(h1) = yfm::heading(text) else {
            report.not_method_pages += 1;
            continue;
        };
        let page_lang = lang.unwrap_or_else(|| h1.lang());
        if !langs_seen.contains(&page_lang) {
            langs_seen.push(page_lang);
        }
        let Some(m) = api.methods.iter().find(|m| m.name == h1.method) else {
            report.other_methods += 1;
            if let Err((line, why)) = yfm::read_at(text, &h1) {
                report.unreadable_elsewhere.push(Skipped {
                    file: file.clone(),
                    line,
                    why,
                });
            }
            continue;
        };
        found
            .entry((m.name.as_str(), page_lang))
            .or_default()
            .push((file.as_path(), text.as_str(), h1));
    }
    for m in &api.methods {
        for &page_lang in &langs_seen {
            let spec_path = crate::pages::page_path(m, page_lang);
            let Some(candidates) = found.get(&(m.name.as_str(), page_lang)) else {
                report.missing.push((m.name.clone(), page_lang));
                continue;
            };
            let chosen = candidates
                .iter()
                .position(|(file, _, _)| at_spec_path(file, spec_path))
                .unwrap_or(0);
            for (i, (file, _, _)) in candidates.iter().enumerate() {
                if i != chosen {
                    report.duplicates.push(Skipped {
                        file: file.to_path_buf(),
                        line: 0,
                        why: format!(
                            "another {} page of `{}` (the one compared is elsewhere)",
                            page_lang.code(),
                            m.name
                        ),
                    });
                }
            }
            let Some((file, text, h1)) = candidates.get(chosen) else {
                continue;
            };
            let ctx = PageCtx {
                file,
                method: &m.name,
                lang: page_lang,
            };
            if !at_spec_path(file, spec_path) {
                report.items.push(ctx.item(
                    h1.line,
                    format!(
                        "the {} page of `{}` is here, the spec's `pages.{}` says `{spec_path}`",
                        page_lang.code(),
                        m.name,
                        page_lang.code()
                    ),
                    false,
                ));
            }
            match yfm::read_at(text, h1) {
                Err((line, why)) => report.items.push(ctx.item(
                    line,
                    format!("cannot read this table: {why}"),
                    false,
                )),
                Ok(page) => compare(api, m, &ctx, &page, &mut report),
            }
            report
                .compared
                .push((m.name.clone(), page_lang, file.to_path_buf()));
        }
    }
    report.items.sort();
    report.unreadable_elsewhere.sort();
    report.duplicates.sort();
    report.inside_json.sort();
    report
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

/// A page of one of the spec's methods: its path, text and H1.
type Candidate<'a> = (&'a Path, &'a str, yfm::Heading);

/// The page being compared: where items go.
struct PageCtx<'a> {
    file: &'a Path,
    method: &'a str,
    lang: Lang,
}

impl PageCtx<'_> {
    fn item(&self, line: usize, message: String, recorded: bool) -> DriftItem {
        DriftItem {
            file: self.file.to_path_buf(),
            line,
            message,
            recorded,
            method: self.method.to_string(),
            lang: self.lang,
        }
    }

    /// Whether one of `differs` is recorded for this page's language.
    fn recorded(&self, differs: &[ir::Difference]) -> bool {
        differs.iter().any(|d| d.lang == Some(self.lang.code()))
    }
}

fn compare(api: &ir::Api, m: &ir::Method, ctx: &PageCtx, page: &yfm::Page, report: &mut Drift) {
    let params: Vec<Known> = m
        .params
        .iter()
        .map(|p| Known {
            name: p.wire.clone(),
            ty: if p.yes_no { "char" } else { doc_type(&p.ty).0 },
            nullable: false,
            required: p.required,
            differs: &p.differs,
        })
        .collect();
    rows(
        ctx,
        page.h1_line,
        "parameter",
        &params,
        &page.params,
        true,
        report,
    );
    let mut fields = vec![Known {
        name: "result".to_string(),
        ty: doc_type(&m.result).0,
        nullable: false,
        required: true,
        differs: &m.result_differs,
    }];
    result_fields(api, m, &m.result, "result", &mut fields);
    rows(
        ctx,
        page.h1_line,
        "result field",
        &fields,
        &page.result,
        false,
        report,
    );
    for e in &m.errors {
        let recorded = ctx.recorded(&e.differs);
        match page.errors.iter().find(|r| r.code == e.code) {
            None => report.items.push(ctx.item(
                page.h1_line,
                format!("error `{}`: in the spec, not on the page", e.code),
                recorded,
            )),
            Some(r) => {
                if let Some(status) = r.status.filter(|s| *s != e.status) {
                    report.items.push(ctx.item(
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
            report.items.push(ctx.item(
                r.line,
                format!("error `{}`: on the page, not in the spec", r.code),
                false,
            ));
        }
    }
}

/// Compares named rows (`what`: parameter or result field) in both directions.
fn rows(
    ctx: &PageCtx,
    h1: usize,
    what: &str,
    spec: &[Known],
    page: &[yfm::Row],
    check_required: bool,
    report: &mut Drift,
) {
    for k in spec {
        // A recorded difference of an object covers what differs below it.
        // (A difference of the whole `result` is about `result` only.)
        let recorded = spec.iter().any(|a| {
            (a.name == k.name
                || (a.name != "result"
                    && (k.name.starts_with(&format!("{}.", a.name))
                        || k.name.starts_with(&format!("{}[]", a.name)))))
                && ctx.recorded(a.differs)
        });
        let Some(r) = page.iter().find(|r| r.name == k.name) else {
            report.items.push(ctx.item(
                h1,
                format!("{what} `{}`: in the spec, not on the page", k.name),
                recorded,
            ));
            continue;
        };
        if !same_type(&r.ty, k.ty) {
            report.items.push(ctx.item(
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
            report.items.push(ctx.item(
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
            report.items.push(ctx.item(
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
        let inside = spec.iter().find(|k| {
            k.ty == "any"
                && (r.name.starts_with(&format!("{}.", k.name))
                    || r.name.starts_with(&format!("{}[]", k.name)))
        });
        if let Some(k) = inside {
            report.inside_json.push(Skipped {
                file: ctx.file.to_path_buf(),
                line: r.line,
                why: format!(
                    "{what} `{}` is inside `{}`, which the spec keeps as any JSON",
                    r.name, k.name
                ),
            });
            continue;
        }
        if !spec.iter().any(|k| k.name == r.name) {
            report.items.push(ctx.item(
                r.line,
                format!("{what} `{}`: on the page, not in the spec", r.name),
                false,
            ));
        }
    }
}

/// Type names the pages use interchangeably.
fn same_type(page: &str, spec: &str) -> bool {
    // `integer[]`: a list, which the spec calls `array` (its items are typed apart).
    if page.ends_with("[]") && spec == "array" {
        return true;
    }
    let page = page.trim_end_matches("[]");
    page == spec
        || matches!(
            (page, spec),
            ("number" | "float", "double") | ("object" | "array", "any") | ("string", "char")
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
            // `null` may appear in the field itself or as an element of its list.
            nullable: match &f.ty {
                ir::Ty::Nullable(_) => true,
                ir::Ty::Array(inner) => matches!(**inner, ir::Ty::Nullable(_)),
                _ => false,
            },
            required: f.required,
            differs: &f.differs,
        });
        result_fields(api, m, &f.ty, &at, out);
    }
}

//! IR → one method page per language, in the official docs' Diplodoc/YFM format: the H1 with
//! the title and method name, the scope block, `#| … |#` tables for parameters, result objects
//! (each nested object its own `{#anchor}` section) and errors, and the spec's recorded
//! differences from older pages.
//!
//! Every text comes from the spec in the page's language; lowering has already refused a spec
//! with an empty text, so no cell is empty. Output is deterministic.

mod words;

use std::fmt::Write as _;

pub use words::Lang;
use words::Words;

use crate::builtin::Scalar;
use crate::ir;

/// What the pages link to, relative to the docs repository's root (the same in both).
const DATA_TYPES: &str = "api-reference/data-types.md";
const SCOPES: &str = "api-reference/scopes/permissions.md";
const INCLUDES: &str = "_includes";

/// Every repository file a page links to or includes, relative to the repository's root:
/// each must exist in both official repositories.
pub const LINK_TARGETS: [&str; 6] = [
    DATA_TYPES,
    SCOPES,
    "_includes/required.md",
    "_includes/examples.md",
    "_includes/error-info.md",
    "_includes/system-errors.md",
];

/// The page's path in the official repository of `lang`, as the spec gives it.
pub(crate) fn page_path(m: &ir::Method, lang: Lang) -> &str {
    pick(&m.pages, lang)
}

/// `target` (relative to the repository root) as a link from the page at `page` (also
/// relative to the root): `../` for each folder of the page below the folders they share.
pub fn relative_link(page: &str, target: &str) -> String {
    let from: Vec<&str> = page.split('/').collect();
    let from_dirs = from.split_last().map_or(&[][..], |(_, dirs)| dirs);
    let to: Vec<&str> = target.split('/').collect();
    let to_dirs = to.split_last().map_or(&[][..], |(_, dirs)| dirs);
    let shared = from_dirs
        .iter()
        .zip(to_dirs)
        .take_while(|(a, b)| a == b)
        .count();
    let up = from_dirs.len() - shared;
    let rest = to.get(shared..).unwrap_or_default().join("/");
    format!("{}{rest}", "../".repeat(up))
}

/// The relative links of one page.
struct Links {
    data_types: String,
    scopes: String,
    includes: String,
}

impl Links {
    fn of(page: &str) -> Links {
        Links {
            data_types: relative_link(page, DATA_TYPES),
            scopes: relative_link(page, SCOPES),
            includes: relative_link(page, &format!("{INCLUDES}/x"))
                .trim_end_matches("/x")
                .to_string(),
        }
    }
}

/// The whole page of `m` in `lang`.
pub(crate) fn page(api: &ir::Api, m: &ir::Method, lang: Lang) -> String {
    let w = lang.words();
    let links = Links::of(page_path(m, lang));
    let l = &links;
    let mut out = String::new();
    let _ = writeln!(out, "# {} {}\n", pick(&m.title, lang), m.name);
    let _ = writeln!(out, "> Scope: [`{}`]({})\n>", m.scope, l.scopes);
    let _ = writeln!(out, "> {}: {}\n", w.who, para(pick(&m.access, lang)));
    let _ = writeln!(out, "{}\n", para(pick(&m.description, lang)));
    params(&mut out, m, lang, w, l);
    examples(&mut out, m, w, l);
    response(&mut out, api, m, lang, w, l);
    errors(&mut out, m, lang, w, l);
    differences(&mut out, api, m, lang, w);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn pick(text: &ir::Text, lang: Lang) -> &str {
    match lang {
        Lang::En => &text.en,
        Lang::Ru => &text.ru,
    }
}

/// Text outside code spans, escaped where YFM would read it as markup rather than text: `<`
/// (a bare `<word>` is dropped as an HTML tag) and the `{{`/`{%` of Liquid variables and tags.
fn prose_into(out: &mut String, text: &str, in_cell: bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('<', _) => out.push_str("\\<"),
            ('{', Some('{' | '%')) => out.push_str("&#123;"),
            ('|', Some('#')) if in_cell => out.push_str("&#124;"),
            ('|', _) if in_cell => out.push_str("\\|"),
            _ => out.push(c),
        }
    }
}

/// A paragraph of spec text: markup characters outside code spans escaped.
fn para(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            prose_into(&mut out, part, false);
        } else {
            out.push('`');
            out.push_str(part);
            out.push('`');
        }
    }
    out
}

/// A cell's text on one line of the table source. A line break would end the cell's
/// paragraph, and YFM splits cells at every bare `|`, inside backticks too; inside backticks
/// `\|` would show its backslash, so a code span is closed around each bar
/// (`` `a`\|`b` ``). `|#` would close the table even escaped, so that bar is `&#124;`.
fn cell(text: &str) -> String {
    let text = text.replace('\n', " ");
    let mut out = String::with_capacity(text.len());
    // Odd parts are inside backticks (a cell's code spans use single backticks).
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            prose_into(&mut out, part, true);
        } else {
            let pieces: Vec<&str> = part.split('|').collect();
            let last = pieces.len().saturating_sub(1);
            for (j, piece) in pieces.iter().enumerate() {
                if !piece.is_empty() {
                    out.push('`');
                    out.push_str(piece);
                    out.push('`');
                }
                if j < last {
                    out.push_str("\\|");
                }
            }
        }
    }
    out
}

/// The type name the docs' `data-types.md` uses, and its anchor there.
pub(crate) fn doc_type(ty: &ir::Ty) -> (&'static str, &'static str) {
    match ty {
        ir::Ty::Scalar(s) => match s {
            Scalar::Id | Scalar::Integer => ("integer", ""),
            Scalar::Number => ("double", ""),
            Scalar::Boolean => ("boolean", ""),
            Scalar::DateTime => ("datetime", ""),
            Scalar::Json => ("any", ""),
            Scalar::String | Scalar::UserCode | Scalar::DialogId | Scalar::ChatDialogId => {
                ("string", "")
            }
        },
        ir::Ty::Enum(_) => ("string", ""),
        ir::Ty::Shared(name) if name == "Time" => ("time", "#time"),
        ir::Ty::Local(_) | ir::Ty::Shared(_) => ("object", ""),
        ir::Ty::Array(_) => ("array", ""),
        ir::Ty::Nullable(inner) | ir::Ty::EmptyIsNone(inner) => doc_type(inner),
    }
}

/// `|| **NAME***\n[`type`](data-types.md) | text ||` — one row of a name/type/description table.
/// `yes_no`: a flag sent as `Y`/`N`, which the docs call `char`.
fn row(
    out: &mut String,
    l: &Links,
    name: &str,
    required: bool,
    ty: &ir::Ty,
    yes_no: bool,
    text: &str,
) {
    let (type_name, anchor) = if yes_no { ("char", "") } else { doc_type(ty) };
    let star = if required { "*" } else { "" };
    let _ = writeln!(
        out,
        "|| **{}**{star}\n[`{type_name}`]({}{anchor}) | {} ||",
        cell(name),
        l.data_types,
        cell(text)
    );
}

fn table_head(out: &mut String, w: &Words) {
    let _ = writeln!(
        out,
        "#|\n|| **{}**\n`{}` | **{}** ||",
        w.name, w.ty, w.description
    );
}

fn since(s: Option<&ir::Since>, w: &Words) -> String {
    s.map_or_else(String::new, |s| {
        format!(" {} {} (`{}`).", w.since, s.revision, s.counter.name)
    })
}

fn params(out: &mut String, m: &ir::Method, lang: Lang, w: &Words, l: &Links) {
    let _ = writeln!(out, "## {}\n", w.params);
    if m.params.is_empty() {
        let _ = writeln!(out, "{}\n", w.no_params);
        return;
    }
    let _ = writeln!(
        out,
        "{{% include [{}]({}/required.md) %}}\n",
        w.required_note, l.includes
    );
    table_head(out, w);
    for p in &m.params {
        let text = format!(
            "{}{}",
            pick(&p.description, lang),
            since(p.since.as_ref(), w)
        );
        row(out, l, &p.wire, p.required, &p.ty, p.yes_no, &text);
    }
    let _ = writeln!(out, "|#\n");
    let groups: Vec<&ir::OneOf> = match &m.shape {
        ir::Params::Selector(group) => vec![group],
        ir::Params::Struct { groups, .. } => groups.iter().collect(),
    };
    for g in groups {
        let members: Vec<String> = m.members(g).map(|p| format!("`{}`", p.wire)).collect();
        let _ = writeln!(
            out,
            "{}: {}. {}\n",
            w.one_of,
            members.join(", "),
            para(pick(&g.description, lang))
        );
    }
}

/// A request body from the spec's examples: required parameters and the first member of each
/// one-of group that has one.
fn example_body(m: &ir::Method) -> String {
    let mut parts = Vec::new();
    let mut groups_done: Vec<&str> = Vec::new();
    for p in &m.params {
        let Some(example) = p.examples.first() else {
            continue;
        };
        let wanted = match &p.one_of {
            Some(group) if !groups_done.contains(&group.as_str()) => {
                groups_done.push(group);
                true
            }
            Some(_) => false,
            None => p.required,
        };
        if wanted {
            parts.push(format!("\"{}\":{example}", p.wire));
        }
    }
    format!("{{{}}}", parts.join(","))
}

fn examples(out: &mut String, m: &ir::Method, w: &Words, l: &Links) {
    let body = example_body(m);
    let oauth = if body == "{}" {
        "{\"auth\":\"<access_token>\"}".to_string()
    } else {
        format!(
            "{},\"auth\":\"<access_token>\"}}",
            body.trim_end_matches('}')
        )
    };
    let _ = writeln!(out, "## {}\n", w.examples);
    let _ = writeln!(
        out,
        "{{% include [{}]({}/examples.md) %}}\n",
        w.examples_note, l.includes
    );
    let _ = writeln!(out, "{{% list tabs %}}\n");
    for (tab, data, url) in [
        (
            "cURL (Webhook)",
            &body,
            format!(
                "https://your-domain.bitrix24.com/rest/1/webhook_key/{}.json",
                m.name
            ),
        ),
        (
            "cURL (OAuth)",
            &oauth,
            format!("https://your-domain.bitrix24.com/rest/{}.json", m.name),
        ),
    ] {
        let _ = writeln!(out, "- {tab}\n\n    ```bash\n    curl -X POST \\");
        let _ = writeln!(out, "      -H \"Content-Type: application/json\" \\");
        let _ = writeln!(out, "      -H \"Accept: application/json\" \\");
        let _ = writeln!(out, "      -d '{}' \\", data.replace('\'', "'\\''"));
        let _ = writeln!(out, "      {url}\n    ```\n");
    }
    let _ = writeln!(out, "{{% endlist %}}\n");
}

/// `restrictions`, `entity-link`: the anchor of an object's section.
fn anchor(struct_name: &str) -> String {
    let mut out = String::new();
    for (i, c) in struct_name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The object a value of `ty` holds, if any (through arrays, `null` and `""`).
fn object_of(ty: &ir::Ty) -> Option<&str> {
    match ty {
        ir::Ty::Local(name) | ir::Ty::Shared(name) => Some(name),
        ir::Ty::Array(inner) | ir::Ty::Nullable(inner) | ir::Ty::EmptyIsNone(inner) => {
            object_of(inner)
        }
        _ => None,
    }
}

fn field_text(f: &ir::Field, lang: Lang, w: &Words) -> String {
    let mut text = pick(&f.description, lang).to_string();
    match &f.ty {
        ir::Ty::Nullable(_) => {
            text.push(' ');
            text.push_str(w.nullable);
        }
        ir::Ty::EmptyIsNone(_) => {
            text.push(' ');
            text.push_str(w.empty_is_none);
        }
        _ => {}
    }
    if let Some(absent) = &f.absent {
        let _ = write!(text, " {} {}", w.absent, pick(absent, lang));
    }
    text.push_str(&since(f.since.as_ref(), w));
    if let Some(name) = object_of(&f.ty).filter(|n| *n != "Time") {
        let _ = write!(text, " [{}](#{})", w.detailed, anchor(name));
    }
    text
}

fn response(out: &mut String, api: &ir::Api, m: &ir::Method, lang: Lang, w: &Words, l: &Links) {
    let _ = writeln!(out, "## {}\n", w.response);
    let _ = writeln!(out, "{}: **200**\n", w.http_status);
    let _ = writeln!(out, "### {}\n", w.returned);
    table_head(out, w);
    let mut result_text = pick(&m.result_description, lang).to_string();
    if object_of(&m.result).is_some() {
        let _ = write!(result_text, " [{}](#result)", w.detailed);
    }
    row(out, l, "result", false, &m.result, false, &result_text);
    row(
        out,
        l,
        "time",
        false,
        &ir::Ty::Shared("Time".to_string()),
        false,
        w.time,
    );
    let _ = writeln!(out, "|#\n");
    // Objects in the order a reader meets them, each once.
    let mut queue: Vec<(String, String)> = Vec::new();
    if let Some(name) = object_of(&m.result) {
        queue.push((name.to_string(), "result".to_string()));
    }
    let mut done: Vec<String> = Vec::new();
    while let Some((name, anchor_name)) = (!queue.is_empty()).then(|| queue.remove(0)) {
        if done.contains(&name) {
            continue;
        }
        let Some(s) = find_struct(api, m, &name) else {
            continue;
        };
        done.push(name.clone());
        let title = match lang {
            _ if anchor_name == "result" => w.result_object.to_string(),
            Lang::En => format!("{} Object", words_of(&name)),
            Lang::Ru => format!("Объект {}", lower_first(&name)),
        };
        let _ = writeln!(out, "### {title} {{#{anchor_name}}}\n");
        table_head(out, w);
        for f in &s.fields {
            row(
                out,
                l,
                &f.wire,
                false,
                &f.ty,
                false,
                &field_text(f, lang, w),
            );
            if let Some(inner) = object_of(&f.ty).filter(|n| *n != "Time") {
                queue.push((inner.to_string(), anchor(inner)));
            }
        }
        let _ = writeln!(out, "|#\n");
    }
}

/// The struct `name` of the method's module or of `common`.
pub(crate) fn find_struct<'a>(
    api: &'a ir::Api,
    m: &'a ir::Method,
    name: &str,
) -> Option<&'a ir::Struct> {
    m.structs
        .iter()
        .chain(&api.objects)
        .find(|s| s.name == name)
}

/// `EntityLink` → `Entity Link`.
fn words_of(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn errors(out: &mut String, m: &ir::Method, lang: Lang, w: &Words, l: &Links) {
    let _ = writeln!(out, "## {}\n", w.errors);
    if let Some(first) = m.errors.first() {
        let _ = writeln!(out, "{}: **{}**\n", w.http_status, first.status);
    }
    let _ = writeln!(
        out,
        "{{% include notitle [{}]({}/error-info.md) %}}\n",
        w.error_info, l.includes
    );
    let _ = writeln!(out, "### {}\n", w.codes);
    if m.errors.is_empty() {
        let _ = writeln!(out, "{}\n", w.no_codes);
    } else {
        let _ = writeln!(
            out,
            "#|\n|| **{}** | **{}** | **{}** | **{}** ||",
            w.status, w.code, w.description, w.value
        );
        for e in &m.errors {
            let _ = writeln!(
                out,
                "|| `{}` | `{}` | {} | {} {} ||",
                e.status,
                e.code,
                cell(pick(&e.message, lang)),
                cell(pick(&e.meaning, lang)),
                class_text(e, w)
            );
        }
        let _ = writeln!(out, "|#\n");
    }
    let _ = writeln!(
        out,
        "{{% include [{}]({}/system-errors.md) %}}\n",
        w.system_errors, l.includes
    );
}

/// "Retry later (after 60 s)." and the like, from the error's class.
fn class_text(e: &ir::ErrorCode, w: &Words) -> String {
    let index = match e.class {
        "RetryLater" => 0,
        "RefreshToken" => 1,
        "Reauthorize" => 2,
        "FixRequest" => 3,
        _ => 4,
    };
    let label = w.classes.get(index).copied().unwrap_or_default();
    match e.retry_after {
        Some(secs) => format!("**{label} ({}{secs}{}).**", w.after.0, w.after.1),
        None => format!("**{label}.**"),
    }
}

/// Every recorded page-vs-server difference, with where it applies.
fn differences(out: &mut String, api: &ir::Api, m: &ir::Method, lang: Lang, w: &Words) {
    let mut items: Vec<(String, &ir::Difference)> = Vec::new();
    for p in &m.params {
        items.extend(p.differs.iter().map(|d| (format!("`{}`", p.wire), d)));
    }
    items.extend(m.result_differs.iter().map(|d| ("`result`".to_string(), d)));
    let mut stack: Vec<(String, &ir::Ty)> = vec![("result".to_string(), &m.result)];
    while let Some((path, ty)) = stack.pop() {
        let Some(name) = object_of(ty) else { continue };
        let Some(s) = find_struct(api, m, name) else {
            continue;
        };
        for f in s.fields.iter().rev() {
            let at = format!("{path}.{}", f.wire);
            stack.push((at.clone(), &f.ty));
        }
        for f in &s.fields {
            items.extend(
                f.differs
                    .iter()
                    .map(|d| (format!("`{path}.{}`", f.wire), d)),
            );
        }
    }
    for e in &m.errors {
        items.extend(e.differs.iter().map(|d| (format!("`{}`", e.code), d)));
    }
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n\n{}\n", w.differences, w.differences_intro);
    for (at, d) in items {
        let (docs, server) = match lang {
            Lang::En => (&d.docs, &d.server),
            Lang::Ru => (&d.docs_ru, &d.server_ru),
        };
        let _ = writeln!(
            out,
            "- {at}: {} — {}; {} {} ({}: {}).",
            page_name(&d.page, d.lang.is_some()),
            para(docs),
            w.server_does,
            para(server),
            w.source,
            para(&d.source)
        );
    }
    out.push('\n');
}

/// A page a difference names, as code: an official page as `repository` and `path` apart, so
/// no code span runs past the 100 characters yfm's lint allows (YFM001).
/// `official`: the difference is about a current official page (`repository/path`).
fn page_name(page: &str, official: bool) -> String {
    let mut parts = page.splitn(3, '/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(owner), Some(repo), Some(path)) if official => {
            format!("`{owner}/{repo}`, `{path}`")
        }
        _ => format!("`{page}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::{cell, page_name, para};

    #[test]
    fn official_page_names_are_split_into_repository_and_path() {
        assert_eq!(
            page_name("bitrix24/b24restdocs/api-reference/a/b.md", true),
            "`bitrix24/b24restdocs`, `api-reference/a/b.md`"
        );
        assert_eq!(page_name("seeds/a/004.txt", false), "`seeds/a/004.txt`");
    }

    #[test]
    fn cells_escape_what_yfm_reads_as_structure() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("`a|b|c`"), "`a`\\|`b`\\|`c`");
        assert_eq!(cell("`imol|` prefix"), "`imol`\\| prefix");
        assert_eq!(cell("`|`"), "\\|");
        assert_eq!(cell("x |# y"), "x &#124;# y");
        assert_eq!(cell("two\nlines"), "two lines");
        assert_eq!(cell("chat<ID> and `chat<ID>`"), "chat\\<ID> and `chat<ID>`");
        assert_eq!(cell("{{ var }} {% tag %}"), "&#123;{ var }} &#123;% tag %}");
    }

    #[test]
    fn paragraphs_keep_bars_and_code() {
        assert_eq!(para("a|b `x<y>` <b>"), "a|b `x<y>` \\<b>");
    }
}

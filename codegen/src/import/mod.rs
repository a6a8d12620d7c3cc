//! Import: a spec draft from an official method page, so a new method starts from what its
//! page says instead of from a blank file.
//!
//! The draft holds only what the page says, in the page's language; the other language is left
//! out so that `check` reports each missing text at its line. What a page cannot say (one-of
//! groups, nullable, `absent`, error classes, `safe_to_repeat`, `since`) keeps its default and
//! gets a `# TODO(import): …` line at the top of the draft.

mod yaml;

use std::fmt;
use std::path::Path;

use heck::ToUpperCamelCase;

use crate::Lang;
use crate::drift::yfm;
use yaml::Out;

/// A spec draft for one method.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Draft {
    /// The method name (the draft's file is `methods/<method>.yaml`).
    pub method: String,
    /// The page's language: the only language the draft's texts are in.
    pub lang: Lang,
    /// The YAML text, `# TODO(import): …` lines first.
    pub yaml: String,
    /// The decisions left to the editor, as in the TODO lines.
    pub todos: Vec<String>,
}

/// Why a page gave no draft, at a 1-based line (0: the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportError {
    /// 1-based line the problem concerns; 0 for the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

impl std::error::Error for ImportError {}

/// An [`ImportError`] at `line`.
fn fail(line: usize, message: impl Into<String>) -> ImportError {
    ImportError {
        line,
        message: message.into(),
    }
}

/// Reads the official method page `bytes`, found at `path` (the `pages` paths are taken from
/// its `api-reference/` folder on), and writes its spec draft.
pub fn draft(path: &Path, bytes: &[u8]) -> Result<Draft, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        fail(
            line,
            format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })?;
    // A byte order mark would hide the H1; it is no part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let h1 = yfm::heading(text).ok_or_else(|| {
        let line = text
            .lines()
            .position(|l| l.starts_with("# "))
            .map_or(1, |i| i + 1);
        fail(
            line,
            "no `# Title method.name` heading: not a method page (its H1 must end in the method name)",
        )
    })?;
    let page = yfm::read_at(text, &h1)
        .map_err(|(line, why)| fail(line, format!("cannot read this table: {why}")))?;
    let lang = h1.lang();
    let mut d = Writer {
        lang,
        out: Out::default(),
        todos: Vec::new(),
        prefix: method_prefix(&h1.method),
    };
    d.method(path, text, &h1, &page);
    let mut yaml = format!(
        "# Draft of `{}` imported from its {} page by `b24-spec-docs import`; texts are in {} only.\n",
        h1.method,
        lang.code(),
        lang.code()
    );
    for t in &d.todos {
        yaml.push_str("# TODO(import): ");
        yaml.push_str(&one_line(t));
        yaml.push('\n');
    }
    yaml.push_str(&d.out.text);
    Ok(Draft {
        method: h1.method,
        lang,
        yaml,
        todos: d.todos,
    })
}

/// `imopenlines.session.open` → `SessionOpen`: the start of every struct name, so names do
/// not clash with other methods' in the same area.
fn method_prefix(method: &str) -> String {
    let rest: Vec<&str> = method.split('.').skip(1).collect();
    let rest = if rest.is_empty() {
        method.to_string()
    } else {
        rest.join("_")
    };
    rest.to_upper_camel_case()
}

/// The draft being written: YAML lines in order, and the TODO lines that go above them.
struct Writer {
    lang: Lang,
    out: Out,
    todos: Vec<String>,
    prefix: String,
}

/// A result row with the rows below it.
struct Node<'a> {
    row: &'a yfm::Row,
    children: Vec<Node<'a>>,
}

impl Writer {
    /// A decision left to the editor.
    fn todo(&mut self, text: String) {
        self.todos.push(text);
    }

    /// The whole method, in the spec format's key order.
    fn method(&mut self, path: &Path, text: &str, h1: &yfm::Heading, page: &yfm::Page) {
        let other = match self.lang {
            Lang::En => "ru",
            Lang::Ru => "en",
        };
        self.todo(format!(
            "add the `{other}` texts (title, access, description and every description, message and meaning): `cargo spec check` points at each in turn"
        ));
        self.todo(
            "`safe_to_repeat` is left out (false): set `true` if the method only reads".to_string(),
        );
        self.todo(
            "no `since`: add it to parameters and fields that appeared in a later revision"
                .to_string(),
        );
        self.out.scalar(0, "method", &yaml::quote(&h1.method));
        let head = Head::read(text, h1.line);
        match &head.scope {
            Some(scope) => self.out.scalar(0, "scope", &yaml::quote(scope)),
            None => self.todo("the page has no `> Scope:` line: add `scope`".to_string()),
        }
        let page_path = page_path(path);
        if !page_path.starts_with("api-reference/") {
            self.todo(format!(
                "the page is not in an `api-reference/` folder: check `pages` (`{page_path}`)"
            ));
        }
        self.out.key(0, "pages");
        self.out.scalar(2, "en", &yaml::quote(&page_path));
        self.out.scalar(2, "ru", &yaml::quote(&page_path));
        let title = h1
            .title
            .trim_end()
            .strip_suffix(h1.method.as_str())
            .unwrap_or(&h1.title)
            .trim();
        self.text(0, "title", title);
        match &head.access {
            Some(access) => self.text(0, "access", access),
            None => self.todo("the page does not say who can call the method: add `access`".into()),
        }
        match &head.description {
            Some(description) => self.text(0, "description", description),
            None => self.todo("the page has no description paragraph: add `description`".into()),
        }
        self.params(&page.params);
        self.result(&page.result);
        self.errors(&page.errors);
    }

    /// The first row of each name: a name listed twice is the editor's to merge, and
    /// following both would repeat whole subtrees.
    fn unique(&mut self, rows: &[yfm::Row], what: &str) -> Vec<yfm::Row> {
        let mut out: Vec<yfm::Row> = Vec::new();
        for r in rows {
            match out.iter().find(|o| o.name == r.name) {
                Some(first) => {
                    let line = first.line;
                    self.todo(format!(
                        "{what} `{}` is listed again on page line {}: only the first (line {line}) is written",
                        r.name, r.line
                    ));
                }
                None => out.push(r.clone()),
            }
        }
        out
    }

    /// `key:` with the page's language only.
    fn text(&mut self, indent: usize, key: &str, markdown: &str) {
        self.out.key(indent, key);
        self.out
            .scalar(indent + 2, self.lang.code(), &yaml::quote(&clean(markdown)));
    }

    /// Flat parameters: nested rows (`FIELDS.NAME`) have no place in the spec's params.
    fn params(&mut self, rows: &[yfm::Row]) {
        let rows = &self.unique(rows, "parameter");
        let mut optional = 0;
        let mut written = false;
        for row in rows {
            let name = unescape(&row.name);
            if !plain(&name) {
                self.todo(format!(
                    "parameter row `{name}` (page line {}) is not a plain name (a nested or placeholder key): describe it in its parent",
                    row.line
                ));
                continue;
            }
            if !written {
                self.out.key(0, "params");
                written = true;
            }
            self.out.item(2, "name", &yaml::quote(&name));
            let at = format!("parameter `{name}` (page line {})", row.line);
            self.ty(4, &at, &row.ty);
            if row.required {
                self.out.scalar(4, "required", "true");
            } else {
                optional += 1;
            }
            self.text(4, "description", &row.description);
        }
        if optional > 1 {
            self.todo(format!(
                "{optional} optional parameters: if exactly one of some must be sent, make them a `one_of` group"
            ));
        }
    }

    /// The `result` row and the rows below it, as one inline object tree.
    fn result(&mut self, rows: &[yfm::Row]) {
        let rows = &self.unique(rows, "result row");
        let Some(top) = rows.iter().find(|r| r.name == "result") else {
            self.todo(
                "the page has no `result` row in a table under a `## Response…`/`## …ответ…` heading (the only place the reader looks): add `result`".to_string(),
            );
            return;
        };
        for r in rows {
            if r.name != "result"
                && !r.name.starts_with("result.")
                && !r.name.starts_with("result[]")
            {
                self.todo(format!(
                    "`{}` (page line {}) is outside `result`: the spec has no place for it",
                    r.name, r.line
                ));
            }
        }
        let node = tree(top, rows, 0);
        self.out.key(0, "result");
        let struct_name = format!("{}Result", self.prefix);
        self.shape(2, &node, &struct_name);
        self.todo(
            "every result field is written as required: give fields some answers lack `required: false` and `absent:`"
                .to_string(),
        );
    }

    /// `type:` (and `struct`/`fields` or `items`) and `description` of a result node.
    fn shape(&mut self, indent: usize, node: &Node, struct_name: &str) {
        let row = node.row;
        let name = unescape(&row.name);
        if row.nullable {
            self.todo(format!(
                "`{name}` (page line {}): the page mentions null: decide `nullable: true`",
                row.line
            ));
        }
        let at = format!("`{name}` (page line {})", row.line);
        if node.children.is_empty() {
            self.ty(indent, &at, &row.ty);
            self.text(indent, "description", &row.description);
            return;
        }
        if let Some(bad) = node
            .children
            .iter()
            .map(|c| last_segment(&c.row.name))
            .find(|n| !plain(n))
        {
            self.out.scalar(
                indent,
                "type",
                "json  # keys are placeholders (a map): the spec has no map type",
            );
            self.todo(format!(
                "{at} has placeholder keys (`{bad}`): written as `json`"
            ));
            self.text(indent, "description", &row.description);
            return;
        }
        let is_array = row.ty == "array" || row.ty.ends_with("[]");
        let fields_at = if is_array {
            self.out.scalar(indent, "type", "array");
            self.text(indent, "description", &row.description);
            self.out.key(indent, "items");
            self.out.scalar(indent + 2, "type", "object");
            self.out.scalar(
                indent + 2,
                "struct",
                &yaml::quote(&format!("{struct_name}Item")),
            );
            indent + 2
        } else {
            self.out.scalar(indent, "type", "object");
            self.out.scalar(indent, "struct", &yaml::quote(struct_name));
            self.text(indent, "description", &row.description);
            indent
        };
        self.out.key(fields_at, "fields");
        let item_struct = if is_array {
            format!("{struct_name}Item")
        } else {
            struct_name.to_string()
        };
        for child in &node.children {
            let field = last_segment(&child.row.name);
            self.out.item(fields_at + 2, "name", &yaml::quote(&field));
            let child_struct = format!("{item_struct}{}", field.to_upper_camel_case());
            self.shape(fields_at + 4, child, &child_struct);
        }
    }

    /// `type:` for a page type without rows below it.
    fn ty(&mut self, indent: usize, at: &str, page_ty: &str) {
        let page_ty = page_ty.trim();
        if let Some(inner) = page_ty.strip_suffix("[]") {
            if let Some(item) = scalar(inner) {
                self.out.scalar(indent, "type", "array");
                self.out.key(indent, "items");
                self.out.scalar(indent + 2, "type", item);
                return;
            }
        }
        match (scalar(page_ty), page_ty) {
            (Some(t), _) => self.out.scalar(indent, "type", t),
            (None, "object" | "array") => {
                self.out.scalar(
                    indent,
                    "type",
                    &format!("json  # the page says `{page_ty}` but gives no shape"),
                );
                self.todo(format!(
                    "{at}: the page says `{page_ty}` without its fields: written as `json`"
                ));
            }
            (None, other) => {
                self.out.scalar(
                    indent,
                    "type",
                    &format!(
                        "json  # the page's type `{}` has no spec type",
                        one_line(other)
                    ),
                );
                self.todo(format!(
                    "{at}: the page's type `{other}` has no spec type: written as `json`"
                ));
            }
        }
    }

    /// One entry per code: the spec keys errors by code.
    fn errors(&mut self, rows: &[yfm::ErrorRow]) {
        if rows.is_empty() {
            return;
        }
        self.out.key(0, "errors");
        for (i, e) in rows.iter().enumerate() {
            // The spec has one entry per code; a page may list a code once per message.
            if rows.iter().take(i).any(|earlier| earlier.code == e.code) {
                continue;
            }
            let again: Vec<String> = rows
                .iter()
                .skip(i + 1)
                .filter(|r| r.code == e.code)
                .map(|r| r.line.to_string())
                .collect();
            if !again.is_empty() {
                self.todo(format!(
                    "error `{}` is listed again on page line(s) {} with other texts: only the first (line {}) is written; merge its message and meaning",
                    e.code,
                    again.join(", "),
                    e.line
                ));
            }
            self.out.item(2, "code", &yaml::quote(&e.code));
            match e.status {
                Some(s) => self.out.scalar(4, "status", &s.to_string()),
                None => self.todo(format!(
                    "error `{}` (page line {}): the page gives no status: add `status`",
                    e.code, e.line
                )),
            }
            match &e.message {
                Some(m) => self.text(4, "message", m),
                None => self.todo(format!(
                    "error `{}` (page line {}): the page gives no message",
                    e.code, e.line
                )),
            }
            match &e.meaning {
                Some(m) => self.text(4, "meaning", m),
                None => self.todo(format!(
                    "error `{}` (page line {}): the page gives no meaning",
                    e.code, e.line
                )),
            }
        }
        self.todo(
            "no error has a `class`: the default goes by status; set `class` (and `retry_after`) where that is wrong"
                .to_string(),
        );
    }
}

/// The rows below `row` (by path: `a.b`, `a[].b`), each with its own.
fn tree<'a>(row: &'a yfm::Row, rows: &'a [yfm::Row], depth: usize) -> Node<'a> {
    let children = if depth > 32 {
        Vec::new()
    } else {
        let object = format!("{}.", row.name);
        let items = format!("{}[].", row.name);
        rows.iter()
            .filter(|r| {
                [&object, &items].iter().any(|p| {
                    r.name
                        .strip_prefix(p.as_str())
                        .is_some_and(|rest| !rest.is_empty() && !rest.contains('.'))
                })
            })
            .map(|r| tree(r, rows, depth + 1))
            .collect()
    };
    Node { row, children }
}

/// `text` fit for a YAML comment: line breaks and other control characters become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The last path segment of a row name, unescaped.
fn last_segment(name: &str) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    unescape(last)
}

/// A name the spec can hold as a field or parameter.
fn plain(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The spec type of a page's scalar type.
fn scalar(page_ty: &str) -> Option<&'static str> {
    Some(match page_ty {
        "integer" | "int" => "integer",
        "string" | "text" => "string",
        "boolean" | "bool" => "boolean",
        "datetime" => "datetime",
        "number" | "double" | "float" => "number",
        _ => return None,
    })
}

/// The page's path from its `api-reference/` folder on, with `/` separators.
fn page_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.find("api-reference/") {
        Some(at) => text.get(at..).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// Markdown escapes in names (`\<userId\>`) removed.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| "<>_*[]()#|`\\".contains(*n)) {
            continue;
        }
        out.push(c);
    }
    out
}

/// A page text as a spec text: links become their text (links to the page's own sections are
/// dropped), lines are joined, escapes removed.
fn clean(markdown: &str) -> String {
    let joined: Vec<&str> = markdown
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let text = joined.join(" ").replace("<br>", " ").replace("<br/>", " ");
    let text = unlink(&text);
    let text = unescape(&text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[text](target)` → `text`; `[(detailed description)](#anchor)` → nothing.
fn unlink(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let link = after.find("](").and_then(|close| {
            let label = after.get(..close)?;
            let target_start = close + 2;
            let target_len = after.get(target_start..)?.find(')')?;
            let target = after.get(target_start..target_start + target_len)?;
            let next = after.get(target_start + target_len + 1..)?;
            (!label.contains('[')).then_some((label, target, next))
        });
        match link {
            Some((label, target, next)) => {
                if !(target.starts_with('#') && label.starts_with('(')) {
                    out.push_str(label);
                }
                rest = next;
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first paragraph of `lines` before the next heading, past notes (`{% note %}` …
/// `{% endnote %}`), includes and other `{% … %}` lines.
fn paragraph<'a>(lines: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    let mut in_note = false;
    for line in lines {
        let t = line.trim();
        if t.starts_with('#') {
            break;
        }
        if in_note {
            in_note = !t.starts_with("{% endnote");
            continue;
        }
        if t.starts_with("{% note") {
            if !out.is_empty() {
                break;
            }
            in_note = true;
            continue;
        }
        if t.is_empty() || t.starts_with("{%") {
            if out.is_empty() {
                continue;
            }
            break;
        }
        out.push(line);
    }
    (!out.is_empty()).then(|| out.join("\n"))
}

/// The text of a `> …` line.
fn quoted(line: &str) -> Option<&str> {
    line.trim_start().strip_prefix('>').map(str::trim)
}

/// What the lines between the H1 and the first section say: scope, who can call, description.
#[derive(Default)]
struct Head {
    scope: Option<String>,
    access: Option<String>,
    description: Option<String>,
}

impl Head {
    fn read(text: &str, h1_line: usize) -> Head {
        let lines: Vec<&str> = text.lines().skip(h1_line).collect();
        let mut head = Head::default();
        let Some(scope_at) = lines
            .iter()
            .take_while(|l| !l.starts_with("## "))
            .position(|l| l.trim_start().starts_with('>') && l.contains("Scope"))
        else {
            return head;
        };
        let block: Vec<&str> = lines
            .iter()
            .skip(scope_at)
            .map_while(|l| quoted(l))
            .collect();
        if let Some(first) = block.first() {
            head.scope = first
                .split('`')
                .nth(1)
                .or_else(|| first.split_once(':').map(|(_, s)| s.trim()))
                .map(str::to_string)
                .filter(|s| !s.is_empty());
        }
        head.access = block
            .iter()
            .skip(1)
            .find(|l| !l.is_empty())
            .map(|l| l.split_once(':').map_or(*l, |(_, s)| s).trim().to_string())
            .filter(|s| !s.is_empty());
        head.description = paragraph(lines.iter().skip(scope_at + block.len()).copied());
        head
    }
}

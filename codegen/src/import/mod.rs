//! Import: a spec draft from an official method page, so a new method starts from what its
//! page says instead of from a blank file.
//!
//! The draft holds only what the method's pages say: from one page, in its language (the other
//! is left out so that `check` reports each missing text at its line); from its en and ru
//! pages, both texts, following the ru page where they disagree. What a page cannot say
//! (one-of groups, `absent`, error classes, `safe_to_repeat`, `since`), each guess (nullable
//! from a mention of null) and each disagreement between the pages gets a
//! `# TODO(import): …` line at the top of the draft.

mod yaml;

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use heck::ToUpperCamelCase;

use crate::Lang;
use crate::drift::yfm;
use crate::lower::naming::default_field_name;
use yaml::Out;

/// A spec draft for one method.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Draft {
    /// The method name (the draft's file is `methods/<method>.yaml`).
    pub method: String,
    /// The language of the page the draft follows (the ru page of a pair).
    pub lang: Lang,
    /// The other page's language, when the draft was made from both: its texts are in too.
    pub other_lang: Option<Lang>,
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

/// An official method page, read: what a draft is made from.
#[derive(Debug, Clone)]
pub struct MethodPage {
    /// The `pages` path: from the `api-reference/` folder on.
    path: String,
    lang: Lang,
    h1: yfm::Heading,
    page: yfm::Page,
    head: Head,
}

impl MethodPage {
    /// The method its H1 names.
    pub fn method(&self) -> &str {
        &self.h1.method
    }

    /// Its language: the one given to [`read`], or told from the H1.
    pub fn lang(&self) -> Lang {
        self.lang
    }
}

/// Whether `text` is a method page: an H1 naming a method. Other pages of a docs folder
/// (indexes, guides, events) are skipped, not errors.
pub fn names_a_method(text: &str) -> bool {
    yfm::heading(text.strip_prefix('\u{feff}').unwrap_or(text)).is_some()
}

/// Reads the official method page `bytes`, found at `path` (the `pages` path is taken from
/// its `api-reference/` folder on). `lang` says its language; `None` tells it from the H1.
pub fn read(path: &Path, bytes: &[u8], lang: Option<Lang>) -> Result<MethodPage, ImportError> {
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
    Ok(MethodPage {
        path: page_path(path),
        lang: lang.unwrap_or_else(|| h1.lang()),
        head: Head::read(text, h1.line),
        h1,
        page,
    })
}

/// Reads the official method page `bytes`, found at `path`, and writes its spec draft, in the
/// page's language only.
pub fn draft(path: &Path, bytes: &[u8]) -> Result<Draft, ImportError> {
    draft_of(&read(path, bytes, None)?, None)
}

/// The draft of one method from its page, or from its pages in both languages. With two, the
/// draft holds both texts and follows the ru page where they disagree, each disagreement a
/// `# TODO(import): the en page says …` line. Two pages of different methods, or of one
/// language, are an error.
pub fn draft_of(first: &MethodPage, second: Option<&MethodPage>) -> Result<Draft, ImportError> {
    let (main, other) = match second {
        None => (first, None),
        Some(second) => {
            if second.method() != first.method() {
                return Err(fail(
                    second.h1.line,
                    format!(
                        "this page is of `{}`, the other of `{}`: one draft holds one method",
                        second.method(),
                        first.method()
                    ),
                ));
            }
            if second.lang == first.lang {
                return Err(fail(
                    second.h1.line,
                    format!(
                        "both pages of `{}` are {}: a draft pairs an en page with a ru page",
                        first.method(),
                        first.lang.code()
                    ),
                ));
            }
            // The ru page leads: it is the docs team's own and the more complete one.
            if second.lang == Lang::Ru {
                (second, Some(first))
            } else {
                (first, Some(second))
            }
        }
    };
    let mut d = Writer {
        main,
        other,
        out: Out::default(),
        todos: Vec::new(),
        prefix: method_prefix(main.method()),
    };
    d.method();
    let m = main.lang.code();
    let mut yaml = match other {
        None => format!(
            "# Draft of `{}` imported from its {m} page by `b24-spec-docs import`; texts are in {m} only.\n",
            main.method(),
        ),
        Some(o) => format!(
            "# Draft of `{}` imported from its {m} and {} pages by `b24-spec-docs import`; where they disagree it follows the {m} page.\n",
            main.method(),
            o.lang.code()
        ),
    };
    for t in &d.todos {
        yaml.push_str("# TODO(import): ");
        yaml.push_str(&one_line(t));
        yaml.push('\n');
    }
    yaml.push_str(&d.out.text);
    Ok(Draft {
        method: main.method().to_string(),
        lang: main.lang,
        other_lang: other.map(|o| o.lang),
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
struct Writer<'a> {
    /// The page the draft follows.
    main: &'a MethodPage,
    /// The other language's page, whose texts are added and whose disagreements are TODOs.
    other: Option<&'a MethodPage>,
    out: Out,
    todos: Vec<String>,
    prefix: String,
}

/// A result row with the rows below it.
struct Node<'a> {
    row: &'a yfm::Row,
    children: Vec<Node<'a>>,
}

/// What two pages' rows of one name say differently (type; star for parameters, a mention of
/// null for result rows): (what the other says, what the main one says).
fn row_differences(a: &yfm::Row, b: &yfm::Row, stars: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if a.ty.trim() != b.ty.trim() {
        let ty = |r: &yfm::Row| format!("is `{}`", r.ty.trim());
        out.push((ty(b), ty(a)));
    }
    let say = |r: bool| if r { "is required" } else { "is optional" };
    if stars && a.required != b.required {
        out.push((say(b.required).to_string(), say(a.required).to_string()));
    }
    let null = |n: bool| if n { "may be null" } else { "is never null" };
    if !stars && a.nullable != b.nullable {
        out.push((null(b.nullable).to_string(), null(a.nullable).to_string()));
    }
    out
}

impl Writer<'_> {
    /// A decision left to the editor.
    fn todo(&mut self, text: String) {
        self.todos.push(text);
    }

    /// `page line N` of the main page (`ru page line N` when there are two).
    fn at(&self, line: usize) -> String {
        format!("{} line {line}", self.page_of(self.main.lang))
    }

    /// `at` of a main page's row, with the other page's line of the same row when it has one:
    /// what a TODO about the row says of both pages.
    fn at_both(&self, line: usize, theirs: Option<&yfm::Row>) -> String {
        match (self.other, theirs) {
            (Some(o), Some(t)) => {
                format!("{}, {} page line {}", self.at(line), o.lang.code(), t.line)
            }
            _ => self.at(line),
        }
    }

    /// The main and the other page's language codes.
    fn codes(&self) -> (&'static str, &'static str) {
        let m = self.main.lang.code();
        let o = self.other.map_or(
            match self.main.lang {
                Lang::En => "ru",
                Lang::Ru => "en",
            },
            |o| o.lang.code(),
        );
        (m, o)
    }

    /// The whole method, in the spec format's key order.
    fn method(&mut self) {
        let (main, other) = (self.main, self.other);
        let (m, o) = self.codes();
        if other.is_none() {
            self.todo(format!(
                "add the `{o}` texts (title, access, description and every description, message and meaning): `cargo spec check` points at each in turn"
            ));
        }
        self.todo(
            "`safe_to_repeat` is left out (false): set `true` if the method only reads".to_string(),
        );
        self.todo(
            "no `since`: add it to parameters and fields that appeared in a later revision"
                .to_string(),
        );
        self.out.scalar(0, "method", &yaml::quote(main.method()));
        let other_scope = other.and_then(|p| p.head.scope.as_deref());
        match (main.head.scope.as_deref(), other_scope) {
            (Some(scope), theirs) => {
                self.out.scalar(0, "scope", &yaml::quote(scope));
                if let Some(theirs) = theirs.filter(|t| *t != scope) {
                    self.todo(format!(
                        "the {o} page says scope `{theirs}` at line {} ({m} page line {}: `{scope}`): written as the {m} page says",
                        other.map_or(0, |p| p.head.scope_line),
                        main.head.scope_line
                    ));
                }
            }
            (None, Some(scope)) => self.out.scalar(0, "scope", &yaml::quote(scope)),
            (None, None) => self.todo("the page has no `> Scope:` line: add `scope`".to_string()),
        }
        self.out.key(0, "pages");
        let pages: Vec<&MethodPage> = [Some(main), other].into_iter().flatten().collect();
        for p in &pages {
            if !p.path.starts_with("api-reference/") {
                let path = p.path.clone();
                self.todo(format!(
                    "the {} page is not in an `api-reference/` folder: check `pages` (`{path}`)",
                    p.lang.code()
                ));
            }
        }
        for lang in Lang::ALL {
            let path = pages
                .iter()
                .find(|p| p.lang == lang)
                .map_or(&main.path, |p| &p.path);
            self.out.scalar(2, lang.code(), &yaml::quote(path));
        }
        let title = |p: &MethodPage| {
            p.h1.title
                .trim_end()
                .strip_suffix(p.h1.method.as_str())
                .unwrap_or(&p.h1.title)
                .trim()
                .to_string()
        };
        self.texts(
            0,
            "title",
            "the H1",
            Some(&title(main)),
            other.map(title).as_deref(),
        );
        let access: fn(&MethodPage) -> Option<&str> = |p| p.head.access.as_deref();
        let description: fn(&MethodPage) -> Option<&str> = |p| p.head.description.as_deref();
        for (key, get, why) in [
            ("access", access, "does not say who can call the method"),
            ("description", description, "has no description paragraph"),
        ] {
            let theirs = other.and_then(get);
            match (get(main), theirs) {
                (None, None) => self.todo(format!("the page {why}: add `{key}`")),
                (mine, theirs) => {
                    self.texts(0, key, "the method", mine, theirs);
                    let missing = if mine.is_none() { m } else { o };
                    if other.is_some() && (mine.is_none() || theirs.is_none()) {
                        self.todo(format!(
                            "the {missing} page {why}: add the `{missing}` text of `{key}`"
                        ));
                    }
                }
            }
        }
        self.params();
        self.result();
        self.errors();
    }

    /// `page`, or `ru page` when the draft has two: how TODOs name a page.
    fn page_of(&self, lang: Lang) -> String {
        match self.other {
            Some(_) => format!("{} page", lang.code()),
            None => "page".to_string(),
        }
    }

    /// The first row of each name: a name listed twice is the editor's to merge, and
    /// following both would repeat whole subtrees. `lang` is the page's.
    fn unique(&mut self, rows: &[yfm::Row], what: &str, lang: Lang) -> Vec<yfm::Row> {
        let page = self.page_of(lang);
        let mut out: Vec<yfm::Row> = Vec::new();
        for r in rows {
            match out.iter().find(|o| o.name == r.name) {
                Some(first) => {
                    let line = first.line;
                    self.todo(format!(
                        "{what} `{}` is listed again on {page} line {}: only the first (line {line}) is written",
                        r.name, r.line
                    ));
                }
                None => out.push(r.clone()),
            }
        }
        out
    }

    /// `key:` with a text per language (`en` first); a language without one (or with an
    /// empty one) is left out, for `check` to point at. `of` names the item for the TODO
    /// when no page has a text.
    fn texts(
        &mut self,
        indent: usize,
        key: &str,
        of: &str,
        mine: Option<&str>,
        theirs: Option<&str>,
    ) {
        let main = self.main.lang;
        let mut texts: Vec<(Lang, String)> = mine.map(|t| (main, clean(t))).into_iter().collect();
        if let (Some(o), Some(t)) = (self.other, theirs) {
            texts.push((o.lang, clean(t)));
        }
        texts.retain(|(_, t)| !t.is_empty());
        texts.sort_by_key(|(l, _)| l.code());
        if texts.is_empty() {
            self.todo(format!("{of}: the page gives no text: add its `{key}`"));
            return;
        }
        self.out.key(indent, key);
        for (lang, text) in texts {
            self.out
                .scalar(indent + 2, lang.code(), &yaml::quote(&text));
        }
    }

    /// `rust_name:` where the wire name's own Rust name is a keyword, not an identifier, or
    /// already taken in this list (`seen`): the loader would refuse the draft otherwise.
    fn rust_name(&mut self, indent: usize, wire: &str, at: &str, seen: &mut BTreeSet<String>) {
        let (name, usable) = default_field_name(wire);
        if usable && seen.insert(name.clone()) {
            return;
        }
        let base = if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            format!("{name}_value")
        } else {
            format!("field_{name}")
        };
        let mut pick = base.clone();
        for n in 2.. {
            if seen.insert(pick.clone()) {
                break;
            }
            pick = format!("{base}_{n}");
        }
        let why = if usable {
            "is the Rust name of another item here"
        } else {
            "cannot name a Rust field"
        };
        self.out.scalar(indent, "rust_name", &yaml::quote(&pick));
        self.todo(format!(
            "{at}: its Rust name `{name}` {why}: written as `rust_name: {pick}`; pick a better one"
        ));
    }

    /// The other page's rows: deduplicated, with a TODO for each repeat.
    fn other_rows(&mut self, what: &str, get: fn(&yfm::Page) -> &[yfm::Row]) -> Vec<yfm::Row> {
        match self.other {
            Some(o) => self.unique(get(&o.page), what, o.lang),
            None => Vec::new(),
        }
    }

    /// What `theirs` (the other page's row of the same name) gives differently from `mine`,
    /// one TODO each; a row the other page lacks is a TODO too.
    fn compare(&mut self, what: &str, mine: &yfm::Row, theirs: Option<&yfm::Row>, stars: bool) {
        let Some(o) = self.other else {
            return;
        };
        let (m, oc) = (self.main.lang.code(), o.lang.code());
        let name = &mine.name;
        match theirs {
            None => self.todo(format!(
                "the {oc} page does not list {what} `{name}` ({m} page line {}): written as the {m} page says",
                mine.line
            )),
            Some(t) => {
                for (says, ours) in row_differences(mine, t, stars) {
                    self.todo(format!(
                        "the {oc} page says {what} `{name}` {says} at line {} ({m} page line {}: {ours}): written as the {m} page says",
                        t.line, mine.line
                    ));
                }
            }
        }
    }

    /// The other page's rows of no name in `mine`: not written, a TODO each.
    fn only_theirs(&mut self, what: &str, mine: &[yfm::Row], theirs: &[yfm::Row]) {
        let (m, o) = self.codes();
        for t in theirs {
            if !mine.iter().any(|r| r.name == t.name) {
                self.todo(format!(
                    "the {o} page says {what} `{}` at line {}; the {m} page does not list it: not written",
                    t.name, t.line
                ));
            }
        }
    }

    /// Flat parameters: nested rows (`FIELDS.NAME`) have no place in the spec's params.
    fn params(&mut self) {
        let rows = &self.unique(&self.main.page.params, "parameter", self.main.lang);
        let theirs = &self.other_rows("parameter", |p| &p.params);
        let mut optional = 0;
        let mut written = false;
        let mut rust_names = BTreeSet::new();
        for row in rows {
            let name = unescape(&row.name);
            let their = theirs.iter().find(|t| t.name == row.name);
            if !plain(&name) {
                let also = match (self.other, their) {
                    (Some(o), Some(t)) => {
                        format!(" (the {} page's: line {})", o.lang.code(), t.line)
                    }
                    _ => String::new(),
                };
                self.todo(format!(
                    "parameter row `{}` ({}){also} is not a plain name (a nested or placeholder key): describe it in its parent",
                    row.name,
                    self.at(row.line)
                ));
                continue;
            }
            if !written {
                self.out.key(0, "params");
                written = true;
            }
            self.compare("parameter", row, their, true);
            self.out.item(2, "name", &yaml::quote(&name));
            let at = format!("parameter `{name}` ({})", self.at_both(row.line, their));
            self.rust_name(4, &name, &at, &mut rust_names);
            self.ty(4, &at, &row.ty, true);
            if row.required {
                self.out.scalar(4, "required", "true");
            } else {
                optional += 1;
            }
            self.texts(
                4,
                "description",
                &at,
                Some(&row.description),
                their.map(|t| t.description.as_str()),
            );
        }
        self.only_theirs("parameter", rows, theirs);
        if optional > 1 {
            self.todo(format!(
                "{optional} optional parameters: if exactly one of some must be sent, make them a `one_of` group"
            ));
        }
    }

    /// The `result` row and the rows below it, as one inline object tree.
    fn result(&mut self) {
        let rows = &self.unique(&self.main.page.result, "result row", self.main.lang);
        let theirs = &self.other_rows("result row", |p| &p.result);
        let Some(top) = rows.iter().find(|r| r.name == "result") else {
            self.todo(
                "the page has no `result` row in a table under a `## Response…`/`## …ответ…` heading (the only place the reader looks): add `result`".to_string(),
            );
            self.only_theirs("result row", rows, theirs);
            return;
        };
        for r in rows {
            if r.name != "result"
                && !r.name.starts_with("result.")
                && !r.name.starts_with("result[]")
            {
                self.todo(format!(
                    "`{}` ({}) is outside `result`: the spec has no place for it",
                    r.name,
                    self.at(r.line)
                ));
            }
        }
        let node = tree(top, rows, 0);
        self.out.key(0, "result");
        let struct_name = format!("{}Result", self.prefix);
        let mut placed = Vec::new();
        self.shape(2, &node, &struct_name, theirs, &mut placed);
        // Rows below `result` whose parent row is missing (`result.a.b` without `result.a`).
        for r in rows {
            let under = r.name.starts_with("result.") || r.name.starts_with("result[]");
            if under && !placed.contains(&r.name) {
                self.todo(format!(
                    "`{}` ({}) has no parent row on the page: not written",
                    r.name,
                    self.at(r.line)
                ));
            }
        }
        self.only_theirs("result row", rows, theirs);
        self.todo(
            "every result field is written as required: give fields some answers lack `required: false` and `absent:`"
                .to_string(),
        );
    }

    /// `type:` (and `struct`/`fields` or `items`) and `description` of a result node;
    /// `placed` gathers the names written (or kept inside a `json` node).
    fn shape(
        &mut self,
        indent: usize,
        node: &Node,
        struct_name: &str,
        theirs: &[yfm::Row],
        placed: &mut Vec<String>,
    ) {
        let row = node.row;
        placed.push(row.name.clone());
        let their = theirs.iter().find(|t| t.name == row.name);
        self.compare("result row", row, their, false);
        let description = their.map(|t| t.description.as_str());
        let name = unescape(&row.name);
        let at = format!("`{name}` ({})", self.at_both(row.line, their));
        // The page's word, as drift reads it: the editor checks it against the server.
        if row.nullable {
            self.out.scalar(indent, "nullable", "true");
            self.todo(format!(
                "{at}: the page mentions null: written `nullable: true`; check it"
            ));
        }
        if node.children.is_empty() {
            self.ty(indent, &at, &row.ty, false);
            self.texts(
                indent,
                "description",
                &at,
                Some(&row.description),
                description,
            );
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
            self.texts(
                indent,
                "description",
                &at,
                Some(&row.description),
                description,
            );
            // Everything below is kept as any JSON: drift counts those rows, never compares.
            let below = [format!("{}.", row.name), format!("{}[]", row.name)];
            for r in &self.main.page.result {
                if below.iter().any(|p| r.name.starts_with(p.as_str())) {
                    placed.push(r.name.clone());
                }
            }
            return;
        }
        let is_array = row.ty == "array" || row.ty.ends_with("[]");
        let fields_at = if is_array {
            self.out.scalar(indent, "type", "array");
            self.texts(
                indent,
                "description",
                &at,
                Some(&row.description),
                description,
            );
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
            self.texts(
                indent,
                "description",
                &at,
                Some(&row.description),
                description,
            );
            indent
        };
        self.out.key(fields_at, "fields");
        let item_struct = if is_array {
            format!("{struct_name}Item")
        } else {
            struct_name.to_string()
        };
        let mut rust_names = BTreeSet::new();
        for child in &node.children {
            let field = last_segment(&child.row.name);
            self.out.item(fields_at + 2, "name", &yaml::quote(&field));
            let at = format!(
                "`{}` ({})",
                unescape(&child.row.name),
                self.at(child.row.line)
            );
            self.rust_name(fields_at + 4, &field, &at, &mut rust_names);
            let child_struct = format!("{item_struct}{}", field.to_upper_camel_case());
            self.shape(fields_at + 4, child, &child_struct, theirs, placed);
        }
    }

    /// `type:` for a page type without rows below it (`param`: a request parameter).
    fn ty(&mut self, indent: usize, at: &str, page_ty: &str, param: bool) {
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
            // `Y`/`N` flags: a boolean, which reads "Y"/"N" in answers and, with
            // `send_as_yes_no`, sends them in requests.
            (None, "char") => {
                self.out.scalar(indent, "type", "boolean");
                if param {
                    self.out.scalar(indent, "send_as_yes_no", "true");
                }
            }
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

    /// The first row of each code, with a TODO for each repeat: the spec keys errors by code,
    /// a page may list a code once per message.
    fn first_errors(&mut self, rows: &[yfm::ErrorRow], lang: Lang) -> Vec<yfm::ErrorRow> {
        let page = self.page_of(lang);
        let mut out: Vec<yfm::ErrorRow> = Vec::new();
        for e in rows {
            if out.iter().any(|o| o.code == e.code) {
                continue;
            }
            let again: Vec<String> = rows
                .iter()
                .filter(|r| r.code == e.code && r.line != e.line)
                .map(|r| r.line.to_string())
                .collect();
            if !again.is_empty() {
                self.todo(format!(
                    "error `{}` is listed again on {page} line(s) {} with other texts: only the first (line {}) is written; merge its message and meaning",
                    e.code,
                    again.join(", "),
                    e.line
                ));
            }
            out.push(e.clone());
        }
        out
    }

    /// One entry per code, in the main page's order.
    fn errors(&mut self) {
        let (m, o) = self.codes();
        let rows = self.first_errors(&self.main.page.errors, self.main.lang);
        let theirs = match self.other {
            Some(p) => self.first_errors(&p.page.errors, p.lang),
            None => Vec::new(),
        };
        if !rows.is_empty() {
            self.out.key(0, "errors");
        }
        for e in &rows {
            let their = theirs.iter().find(|t| t.code == e.code);
            match (self.other, their) {
                (Some(_), None) => self.todo(format!(
                    "the {o} page does not list error `{}` ({m} page line {}): written as the {m} page says",
                    e.code, e.line
                )),
                (Some(_), Some(t)) => {
                    if let (Some(a), Some(b)) = (e.status, t.status)
                        && a != b
                    {
                        self.todo(format!(
                            "the {o} page says error `{}` has status {b} at line {} ({m} page line {}: {a}): written as the {m} page says",
                            e.code, t.line, e.line
                        ));
                    }
                }
                (None, _) => {}
            }
            self.out.item(2, "code", &yaml::quote(&e.code));
            // A status only the other page gives is no disagreement.
            match e.status.or(their.and_then(|t| t.status)) {
                Some(s) => self.out.scalar(4, "status", &s.to_string()),
                None => self.todo(format!(
                    "error `{}` ({}): the page gives no status: add `status`",
                    e.code,
                    self.at(e.line)
                )),
            }
            for (key, mine, theirs) in [
                (
                    "message",
                    e.message.as_deref(),
                    their.and_then(|t| t.message.as_deref()),
                ),
                (
                    "meaning",
                    e.meaning.as_deref(),
                    their.and_then(|t| t.meaning.as_deref()),
                ),
            ] {
                let of = format!("error `{}` ({})", e.code, self.at(e.line));
                self.texts(4, key, &of, mine, theirs);
                if mine.is_none() {
                    self.todo(format!(
                        "error `{}` ({}): the page gives no {key}",
                        e.code,
                        self.at(e.line)
                    ));
                }
                if let (Some(t), None) = (their, theirs) {
                    self.todo(format!(
                        "error `{}` (the {o} page's line {}): the {o} page gives no {key}",
                        e.code, t.line
                    ));
                }
            }
        }
        for t in &theirs {
            if !rows.iter().any(|r| r.code == t.code) {
                self.todo(format!(
                    "the {o} page says error `{}` at line {}; the {m} page does not list it: not written",
                    t.code, t.line
                ));
            }
        }
        if !rows.is_empty() {
            self.todo(
                "no error has a `class`: the default goes by status; set `class` (and `retry_after`) where that is wrong"
                    .to_string(),
            );
        }
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
#[derive(Debug, Clone, Default)]
struct Head {
    scope: Option<String>,
    /// 1-based line of the `> Scope:` line (0: none).
    scope_line: usize,
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
        head.scope_line = h1_line + scope_at + 1;
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

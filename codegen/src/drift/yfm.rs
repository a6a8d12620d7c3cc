//! Reading an official method page (Diplodoc/YFM markdown): its H1, and the rows of its
//! parameter, result and error tables with the line each starts on.
//!
//! The pages vary: required marked `*`, `***` or `^*^`; nested objects as `{#anchor}` sections
//! linked from the parent row, or dotted rows (`result.rest`); error tables with or without a
//! Status column. A table this reader cannot make sense of is an error at its line.

use std::collections::BTreeMap;

/// A parameter or result row.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// Parameter name, or result path (`result.readed_list[].date`).
    pub(crate) name: String,
    /// The type the page gives (`integer`, `string`, …), lower case.
    pub(crate) ty: String,
    pub(crate) required: bool,
    /// The description mentions `null`.
    pub(crate) nullable: bool,
    /// 1-based line the row starts on.
    pub(crate) line: usize,
    /// The description cell as written (markdown, line breaks kept).
    pub(crate) description: String,
}

/// An error-table row.
#[derive(Debug, Clone)]
pub(crate) struct ErrorRow {
    pub(crate) code: String,
    pub(crate) status: Option<u16>,
    pub(crate) line: usize,
    /// The description cell (the `error_description` portals send), if the table has one.
    pub(crate) message: Option<String>,
    /// The value cell (what the error means), if the table has one.
    pub(crate) meaning: Option<String>,
}

/// What a method page says.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub(crate) h1_line: usize,
    pub(crate) params: Vec<Row>,
    pub(crate) result: Vec<Row>,
    pub(crate) errors: Vec<ErrorRow>,
}

/// A table the reader could not read: line and why.
pub(crate) type Unreadable = (usize, String);

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Other,
    Params,
    Response,
    Errors,
}

/// One `#| … |#` table: its rows' cells and start lines, and the heading anchor above it.
struct Table {
    rows: Vec<(usize, Vec<String>)>,
    anchor: Option<String>,
    section: Section,
    line: usize,
}

/// A method page's H1: its line, the method name ending it, and the whole title.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    pub(crate) line: usize,
    pub(crate) method: String,
    pub(crate) title: String,
}

impl Heading {
    /// The page's language, told from the title: Russian when it holds Cyrillic letters.
    pub(crate) fn lang(&self) -> crate::Lang {
        if self
            .title
            .chars()
            .any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
        {
            crate::Lang::Ru
        } else {
            crate::Lang::En
        }
    }
}

/// The H1 of a method page; `None` when `text` has no H1 naming a method. The name usually
/// ends the title; some titles have it inside ("Send … in the imopenlines.bot.session.message.send
/// Dialog"), which counts when it is the only method-like word there.
pub(crate) fn heading(text: &str) -> Option<Heading> {
    text.lines().enumerate().find_map(|(i, l)| {
        let title = l.strip_prefix("# ")?;
        let last = title.split_whitespace().last()?;
        let method = if is_method_name(last) {
            last
        } else {
            let mut inside = title.split_whitespace().filter(|w| is_method_name(w));
            match (inside.next(), inside.next()) {
                (Some(only), None) => only,
                _ => return None,
            }
        };
        Some(Heading {
            line: i + 1,
            method: method.to_string(),
            title: title.to_string(),
        })
    })
}

/// `imopenlines.dialog.get`: dotted words of ASCII letters, digits and `_`, starting with a
/// lower-case letter.
fn is_method_name(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && word.split('.').count() > 1
        && word.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// Reads the tables of the page whose H1 is `h1`.
pub(crate) fn read_at(text: &str, h1: &Heading) -> Result<Page, Unreadable> {
    let lines: Vec<&str> = text.lines().collect();
    parse(&lines, h1.line)
}

fn parse(lines: &[&str], h1_line: usize) -> Result<Page, Unreadable> {
    let tables = tables(lines)?;
    let mut page = Page {
        h1_line,
        ..Page::default()
    };
    let mut anchored: BTreeMap<String, &Table> = BTreeMap::new();
    for t in &tables {
        if let Some(a) = &t.anchor {
            anchored.insert(a.clone(), t);
        }
    }
    for t in &tables {
        let header = t
            .rows
            .first()
            .map(|(_, cells)| cells.join(" ").to_lowercase());
        let header = header.unwrap_or_default();
        match t.section {
            Section::Params if t.anchor.is_none() && page.params.is_empty() => {
                page.params = rows(t, "")?.0;
            }
            Section::Response if t.anchor.is_none() && header.contains("**") => {
                let (mut top, mut links) = rows(t, "")?;
                // Some pages list `result`'s fields beside `time` with no `result` row
                // (imconnector.send.messages: SUCCESS, DATA, time): they are read as
                // `result.SUCCESS`, … under a `result` object row.
                if !top
                    .iter()
                    .any(|r| r.name == "result" || r.name.starts_with("result."))
                {
                    let fields = top.iter().any(|r| r.name != "time");
                    for row in top.iter_mut().filter(|r| r.name != "time") {
                        if let Some(anchor) = links.remove(&row.name) {
                            links.insert(format!("result.{}", row.name), anchor);
                        }
                        row.name = format!("result.{}", row.name);
                    }
                    if fields {
                        top.insert(
                            0,
                            Row {
                                name: "result".to_string(),
                                ty: "object".to_string(),
                                required: false,
                                nullable: false,
                                line: t.line,
                                description: String::new(),
                            },
                        );
                    }
                }
                for row in top.into_iter().filter(|r| r.name != "time") {
                    let link = links.get(&row.name).cloned();
                    let prefix = item_prefix(&row);
                    page.result.push(row);
                    if let Some(anchor) = link {
                        follow(&anchored, &anchor, &prefix, &mut page.result, 0)?;
                    }
                }
            }
            Section::Errors if header.contains("code") || header.contains("код") => {
                page.errors = error_rows(t, &header)?;
            }
            _ => {}
        }
    }
    Ok(page)
}

/// `name.` for an object row, `name[].` for an array row: the prefix of its children.
fn item_prefix(row: &Row) -> String {
    if row.ty == "array" {
        format!("{}[]", row.name)
    } else {
        row.name.clone()
    }
}

/// Rows of the table at `anchor`, below `prefix`, following their own links.
fn follow(
    anchored: &BTreeMap<String, &Table>,
    anchor: &str,
    prefix: &str,
    out: &mut Vec<Row>,
    depth: usize,
) -> Result<(), Unreadable> {
    let Some(table) = anchored.get(anchor) else {
        return Ok(()); // a link to a section without a table (or another page)
    };
    if depth > 16 {
        return Err((
            table.line,
            format!("`{{#{anchor}}}` tables link in a cycle"),
        ));
    }
    let (children, links) = rows(table, prefix)?;
    for row in children {
        let link = links.get(&row.name).cloned();
        let next = item_prefix(&row);
        out.push(row);
        if let Some(a) = link {
            follow(anchored, &a, &next, out, depth + 1)?;
        }
    }
    Ok(())
}

/// Name/type/description rows below `prefix`, and the `(#anchor)` each row links to.
fn rows(t: &Table, prefix: &str) -> Result<(Vec<Row>, BTreeMap<String, String>), Unreadable> {
    let mut out = Vec::new();
    let mut links = BTreeMap::new();
    for (line, cells) in t.rows.iter().skip(1) {
        let (Some(first), Some(description)) = (cells.first(), cells.get(1)) else {
            return Err((
                *line,
                "a row needs a name/type cell and a description".to_string(),
            ));
        };
        let (name, required) = name_of(first).ok_or_else(|| {
            (
                *line,
                format!("no **name** in the row's first cell: {first:?}"),
            )
        })?;
        let ty = first
            .split('`')
            .nth(1)
            .map(|t| t.trim().to_lowercase())
            .ok_or_else(|| {
                (
                    *line,
                    format!("no `type` in the row's first cell: {first:?}"),
                )
            })?;
        // Dotted rows (`result.rest`) already carry their path.
        let name = if prefix.is_empty() || name.starts_with(&format!("{prefix}.")) {
            name
        } else {
            format!("{prefix}.{name}")
        };
        if let Some(anchor) = link_anchor(description) {
            links.insert(name.clone(), anchor);
        }
        let lower = description.to_lowercase();
        out.push(Row {
            nullable: lower.contains("`null`") || lower.contains(" null"),
            name,
            ty,
            required,
            line: *line,
            description: description.clone(),
        });
    }
    Ok((out, links))
}

/// `**NAME***`, `**NAME**^*^`: the name and whether it is marked required.
fn name_of(cell: &str) -> Option<(String, bool)> {
    let start = cell.find("**")? + 2;
    let len = cell.get(start..)?.find("**")?;
    let name = cell.get(start..start + len)?.trim().to_string();
    let rest = cell.get(start + len + 2..)?.lines().next().unwrap_or("");
    let required = rest.trim_start().starts_with('*') || rest.contains("^*^");
    (!name.is_empty()).then_some((name, required))
}

/// The first `(#anchor)` link of a description.
fn link_anchor(text: &str) -> Option<String> {
    let start = text.find("(#")? + 2;
    let len = text.get(start..)?.find(')')?;
    Some(text.get(start..start + len)?.to_string())
}

fn error_rows(t: &Table, header: &str) -> Result<Vec<ErrorRow>, Unreadable> {
    let has_status = header.contains("status") || header.contains("статус");
    let mut out = Vec::new();
    for (line, cells) in t.rows.iter().skip(1) {
        let unquote = |c: &String| c.trim().trim_matches('`').trim().to_string();
        let (status, code) = if has_status {
            (cells.first().map(unquote), cells.get(1).map(unquote))
        } else {
            (None, cells.first().map(unquote))
        };
        let texts = if has_status { 2 } else { 1 };
        let Some(code) = code.filter(|c| !c.is_empty()) else {
            return Err((*line, "an error row without a code".to_string()));
        };
        let status = match status {
            Some(s) => Some(
                s.parse::<u16>()
                    .map_err(|_| (*line, format!("`{s}` is not an HTTP status")))?,
            ),
            None => None,
        };
        out.push(ErrorRow {
            code,
            status,
            line: *line,
            message: cells.get(texts).cloned(),
            meaning: cells.get(texts + 1).cloned(),
        });
    }
    Ok(out)
}

/// Every `#| … |#` table with its section and the `{#anchor}` of the heading right above it.
fn tables(lines: &[&str]) -> Result<Vec<Table>, Unreadable> {
    let mut out = Vec::new();
    let mut section = Section::Other;
    let mut anchor: Option<String> = None;
    let mut fence = false;
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            fence = !fence;
        }
        if fence {
            i += 1;
            continue;
        }
        if let Some(h) = trimmed.strip_prefix("## ") {
            let h = h.to_lowercase();
            section = if h.contains("parameter") || h.contains("параметр") {
                Section::Params
            } else if h.contains("response")
                || h.contains("ответ")
                || h.contains("returned data")
                || h.contains("возвращаемые данные")
            {
                Section::Response
            } else if h.contains("error") || h.contains("ошиб") {
                Section::Errors
            } else {
                Section::Other
            };
            anchor = None;
        } else if trimmed.starts_with("###") {
            anchor = trimmed
                .find("{#")
                .and_then(|s| trimmed.get(s + 2..))
                .and_then(|rest| rest.split('}').next())
                .map(str::to_string);
        }
        if trimmed.starts_with("#|") {
            let start = i + 1;
            let mut body = Vec::new();
            i += 1;
            loop {
                let Some(l) = lines.get(i) else {
                    return Err((
                        start,
                        "table opened with `#|` is never closed with `|#`".into(),
                    ));
                };
                if l.trim_start().starts_with("|#") {
                    break;
                }
                body.push((i + 1, *l));
                i += 1;
            }
            out.push(Table {
                rows: table_rows(&body),
                anchor: anchor.take(),
                section,
                line: start,
            });
        }
        i += 1;
    }
    Ok(out)
}

/// Rows `|| a | b ||`, possibly over several lines, split into cells outside backticks.
fn table_rows(body: &[(usize, &str)]) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (n, line) in body {
        let t = line.trim();
        if current.is_none() {
            if let Some(rest) = t.strip_prefix("||") {
                current = Some((*n, rest.to_string()));
            } else {
                continue;
            }
        } else if let Some((_, text)) = current.as_mut() {
            text.push('\n');
            text.push_str(t);
        }
        let done = current.as_ref().is_some_and(|(_, text)| {
            text.trim_end().ends_with("||") && !text.trim_end().ends_with("|||")
        });
        if done {
            if let Some((start, text)) = current.take() {
                let inner = text.trim_end().trim_end_matches("||").to_string();
                rows.push((start, split_cells(&inner)));
            }
        }
    }
    rows
}

/// Splits on `|` outside inline code; `\|` is a `|` inside the cell.
fn split_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut in_code = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '`' => {
                in_code = !in_code;
                cell.push(c);
            }
            '|' if !in_code => cells.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

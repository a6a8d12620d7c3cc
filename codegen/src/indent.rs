//! Indentation slips in hand-edited YAML, named from the text around an error.
//!
//! After an indentation slip the parser and serde notice the problem late or vaguely: serde's
//! `missing field` points at the entry's last key (the line above the slip), and parser errors
//! talk about keys, `-` indicators or tabs inside scalars. These helpers read the lines around
//! the reported place and point at the mis-indented line instead, saying where its neighbours
//! are. They only read text, so any input is safe: a shape they do not recognise gives `None`.

use std::ops::Range;

/// How far past the reported line a missing key is looked for: "near that mapping".
const NEARBY_LINES: usize = 40;

/// A mis-indented line: where it is and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slip {
    /// 1-based line.
    pub(crate) line: u32,
    /// 1-based column, in characters.
    pub(crate) column: u32,
    /// Byte range of the offending text.
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// What a parser error says about the text, as far as indentation is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseProblem {
    /// A `:` where no key may start (`mapping values are not allowed in this context`).
    ValueIndicator,
    /// A key or `-` the parser did not expect at this indentation.
    Structure,
    /// A tab where YAML wants spaces.
    Tab,
}

/// One line of a text, its leading spaces counted.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 1-based line number.
    number: usize,
    /// Byte offset of the line's start in the text.
    start: usize,
    /// The line without its line break.
    text: &'a str,
    /// Leading spaces (tabs are not indentation in YAML, so they end the count).
    indent: usize,
}

/// A block mapping key written on a line: `name: …` or `- name: …`.
#[derive(Debug, Clone, Copy)]
struct Key<'a> {
    /// 0-based column of the key's first character.
    column: usize,
    name: &'a str,
    /// What follows the `:`, trimmed.
    rest: &'a str,
}

impl<'a> Line<'a> {
    /// The text after the leading spaces.
    fn content(&self) -> &'a str {
        self.text.get(self.indent..).unwrap_or_default()
    }

    /// Whether the line holds YAML (not blank, not only a comment).
    fn significant(&self) -> bool {
        let c = self.text.trim_start_matches([' ', '\t']);
        !c.is_empty() && !c.starts_with('#')
    }

    /// Whether the line is a list item (`- …`).
    fn is_item(&self) -> bool {
        let c = self.content();
        c == "-" || c.starts_with("- ")
    }

    /// The block key the line starts with, if any (plain keys only: the spec's keys are).
    fn key(&self) -> Option<Key<'a>> {
        let content = self.content();
        let (offset, after) = if self.is_item() {
            let after_dash = content.get(1..)?;
            let keyed = after_dash.trim_start_matches(' ');
            (1 + after_dash.len() - keyed.len(), keyed)
        } else {
            (0, content)
        };
        let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || "_-.".contains(c)))?;
        let name = after.get(..end).filter(|n| !n.is_empty())?;
        let rest = after.get(end..)?.strip_prefix(':')?;
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        Some(Key {
            column: self.indent + offset,
            name,
            rest: rest.trim(),
        })
    }
}

impl Key<'_> {
    /// Whether the key's value is written on its line, so more-indented lines below cannot
    /// belong to it.
    fn inline_value(&self) -> bool {
        let r = self.rest;
        let bare_prop = (r.starts_with('&') || r.starts_with('!')) && !r.contains(' ');
        !(r.is_empty()
            || r.starts_with('#')
            || r.starts_with('|')
            || r.starts_with('>')
            || bare_prop)
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut start = 0;
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            let indent = line.len() - line.trim_start_matches(' ').len();
            let l = Line {
                number: i + 1,
                start,
                text: line,
                indent,
            };
            start += raw.len() + 1;
            l
        })
        .collect()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// "1 space", "4 spaces".
fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".to_string()
    } else {
        format!("{n} spaces")
    }
}

/// Line `line` (1-based, as diagnostics count) of `lines`.
fn line_at<'t, 'a>(lines: &'t [Line<'a>], line: u32) -> Option<&'t Line<'a>> {
    lines.get(usize::try_from(line).ok()?.checked_sub(1)?)
}

/// The block key starting at 1-based `column` of `line`: where serde-saphyr locates a key.
fn key_at<'a>(line: &Line<'a>, column: u32) -> Option<Key<'a>> {
    line.key().filter(|k| to_u32(k.column + 1) == column)
}

/// The significant lines before line `number`, nearest first.
fn above<'t, 'a>(lines: &'t [Line<'a>], number: usize) -> impl Iterator<Item = &'t Line<'a>> {
    lines
        .get(..number.saturating_sub(1))
        .unwrap_or_default()
        .iter()
        .rev()
        .filter(|l| l.significant())
}

/// The significant lines after line `number`, nearest first.
fn below<'t, 'a>(lines: &'t [Line<'a>], number: usize) -> impl Iterator<Item = &'t Line<'a>> {
    lines
        .get(number..)
        .unwrap_or_default()
        .iter()
        .filter(|l| l.significant())
}

/// `key` on `line` sits at the wrong column: its entry's keys are at `keys_at`, like `like`.
fn key_slip(line: &Line<'_>, key: &Key<'_>, keys_at: usize, like: (&Line<'_>, &Key<'_>)) -> Slip {
    let start = line.start + key.column;
    Slip {
        line: to_u32(line.number),
        column: to_u32(key.column + 1),
        span: start..start + key.name.len(),
        message: format!(
            "`{}` is on line {} but indented {}, where this entry's keys are at {}",
            key.name,
            line.number,
            spaces(key.column),
            keys_at
        ),
        hint: format!(
            "indent `{}` like `{}` on line {}",
            key.name, like.1.name, like.0.number
        ),
    }
}

/// serde found no `field` in the mapping whose last key is at `line`:`column` (serde-saphyr
/// reports a missing field there). If `field` is written just below at another indentation, or
/// a dedented line cut the entry short before it, that line is the mistake.
pub(crate) fn missing_field(text: &str, line: u32, column: u32, field: &str) -> Option<Slip> {
    let lines = lines(text);
    let last = line_at(&lines, line)?;
    let last_key = key_at(last, column)?;
    let keys_at = last_key.column;
    // Deeper lines after a key whose value is not on its line are that value, not slips.
    let inline = last_key.inline_value();
    let mut cut: Option<(&Line<'_>, Key<'_>)> = None;
    for l in below(&lines, last.number).take(NEARBY_LINES) {
        let dedented = l.indent < keys_at;
        if l.is_item() {
            if dedented {
                break; // the next entry, or an outer list: the entry is over
            }
            continue;
        }
        if !dedented && !inline && cut.is_none() {
            continue;
        }
        let key = l.key();
        if dedented && cut.is_none() {
            cut = Some((l, key?));
        }
        let Some(key) = key.filter(|k| k.name == field) else {
            continue;
        };
        return match cut {
            Some((c, ck)) if c.number != l.number => {
                let mut slip = key_slip(c, &ck, keys_at, (last, &last_key));
                slip.message.push_str(&format!(
                    ", so `{field}` on line {} is not part of it",
                    l.number
                ));
                Some(slip)
            }
            Some(_) => Some(key_slip(l, &key, keys_at, (last, &last_key))),
            None if key.column != keys_at => Some(key_slip(l, &key, keys_at, (last, &last_key))),
            None => None,
        };
    }
    None
}

/// A key serde did not expect at `line`:`column`, when the line above opens a nested mapping:
/// the key may belong one level up, next to that line's key. Returns the hint to add.
pub(crate) fn one_level_up(text: &str, line: u32, column: u32) -> Option<String> {
    let lines = lines(text);
    let here = line_at(&lines, line)?;
    let key = key_at(here, column)?;
    let parent = above(&lines, here.number).find(|l| l.indent < key.column)?;
    let parent_key = parent.key().filter(|k| !k.inline_value())?;
    Some(format!(
        "if `{}` belongs next to `{}`, indent it like `{}` on line {}",
        key.name, parent_key.name, parent_key.name, parent.number
    ))
}

/// serde wanted a value other than the mapping whose first key is at `line`:`column` (saying
/// `what`), and the line above is a key with no value: that key was meant to sit next to it.
pub(crate) fn under_empty_key(text: &str, line: u32, column: u32, what: &str) -> Option<Slip> {
    let lines = lines(text);
    let here = line_at(&lines, line).filter(|l| !l.is_item())?;
    let key = key_at(here, column)?;
    let parent = above(&lines, here.number).next()?;
    let parent_key = parent
        .key()
        .filter(|k| !k.inline_value() && k.column < key.column)?;
    let mut slip = key_slip(here, &key, parent_key.column, (parent, &parent_key));
    slip.message = format!(
        "`{}` is on line {} but indented {}, so it became the value of `{}` on line {} ({what})",
        key.name,
        here.number,
        spaces(key.column),
        parent_key.name,
        parent.number
    );
    slip.hint
        .push_str(&format!(", and give `{}` its value", parent_key.name));
    Some(slip)
}

/// Names the mis-indented line behind a parser error reported at `line`:`column`.
pub(crate) fn parse_slip(
    text: &str,
    line: u32,
    column: u32,
    problem: ParseProblem,
) -> Option<Slip> {
    let lines = lines(text);
    let here = line_at(&lines, line)?;
    if let Some(tab) = tab_in_indentation(&lines, here, problem == ParseProblem::Tab) {
        return Some(tab);
    }
    match problem {
        ParseProblem::Tab => None,
        // Only when the `:` is this line's own key's: a second `:` in a value needs quotes.
        ParseProblem::ValueIndicator => {
            let key = here.key().filter(|_| !here.is_item())?;
            if to_u32(key.column + key.name.len() + 1) != column {
                return None;
            }
            over_indented(&lines, here, &key)
        }
        ParseProblem::Structure if here.is_item() => dedented_item(&lines, here),
        ParseProblem::Structure => {
            let key = here.key()?;
            over_indented(&lines, here, &key).or_else(|| under_indented(&lines, here, &key))
        }
    }
}

/// A tab in the indentation of line `here`, or (when the parser said "tab", which it may say
/// at the start of the scalar before it) of the next lines up to the first with content.
fn tab_in_indentation(lines: &[Line<'_>], here: &Line<'_>, look_ahead: bool) -> Option<Slip> {
    for l in lines.get(here.number.checked_sub(1)?..)? {
        if l.significant() {
            let content = l.text.trim_start_matches([' ', '\t']);
            let lead = l.text.get(..l.text.len() - content.len())?;
            if let Some(tab) = lead.find('\t') {
                let start = l.start + tab;
                return Some(Slip {
                    line: to_u32(l.number),
                    column: to_u32(tab + 1),
                    span: start..start + 1,
                    message: "tabs are not allowed for indentation in YAML".to_string(),
                    hint: "indent with spaces, lining keys up with the keys next to them"
                        .to_string(),
                });
            }
        }
        if !look_ahead || (l.number > here.number && l.significant()) {
            break;
        }
    }
    None
}

/// `key` is deeper than the key above it, whose value is on its own line; or that key is the
/// slip, dedented between two lines that line up.
fn over_indented(lines: &[Line<'_>], here: &Line<'_>, key: &Key<'_>) -> Option<Slip> {
    let prev = above(lines, here.number).next()?;
    let prev_key = prev.key()?;
    if !(prev_key.inline_value() && key.column > prev_key.column) {
        return None;
    }
    let before = above(lines, prev.number)
        .next()
        .and_then(|l| Some((l, l.key()?)))
        .filter(|(_, k)| k.column == key.column);
    Some(match before {
        Some((b, bk)) if !prev.is_item() => key_slip(prev, &prev_key, key.column, (b, &bk)),
        _ => key_slip(here, key, prev_key.column, (prev, &prev_key)),
    })
}

/// `key` is left of the keys above it but not at the column of an enclosing mapping's keys.
fn under_indented(lines: &[Line<'_>], here: &Line<'_>, key: &Key<'_>) -> Option<Slip> {
    let prev = above(lines, here.number).next()?;
    let prev_key = prev.key()?;
    if key.column >= prev_key.column {
        return None;
    }
    // The columns of the enclosing mappings' keys: a key there is not the slip.
    let mut level = prev_key.column;
    for l in above(lines, prev.number) {
        let Some(k) = l.key() else { continue };
        if k.column < level {
            if k.column == key.column {
                return None;
            }
            level = k.column;
        }
    }
    Some(key_slip(here, key, prev_key.column, (prev, &prev_key)))
}

/// A `- ` item left of the list the lines above it belong to.
fn dedented_item(lines: &[Line<'_>], here: &Line<'_>) -> Option<Slip> {
    // The outermost list between this item and the line it should hang under.
    let mut sibling: Option<&Line<'_>> = None;
    let mut parent = None;
    for l in above(lines, here.number) {
        if l.indent <= here.indent {
            parent = Some(l);
            break;
        }
        if l.is_item() && sibling.is_none_or(|s| l.indent < s.indent) {
            sibling = Some(l);
        }
    }
    let sibling = sibling?;
    if parent.is_some_and(Line::is_item) {
        return None; // an item of a list at this column: the indentation is not the problem
    }
    let list = match parent.and_then(Line::key).filter(|k| !k.inline_value()) {
        Some(k) => format!("the items of `{}`", k.name),
        None => "the items of this list".to_string(),
    };
    let start = here.start + here.indent;
    let (span, hint) = match (here.key(), sibling.key()) {
        (Some(k), Some(s)) => (
            start..here.start + k.column + k.name.len(),
            format!(
                "indent `- {}` like `- {}` on line {}",
                k.name, s.name, sibling.number
            ),
        ),
        _ => (
            start..start + 1,
            format!("indent the `-` like the one on line {}", sibling.number),
        ),
    };
    Some(Slip {
        line: to_u32(here.number),
        column: to_u32(here.indent + 1),
        span,
        message: format!(
            "this list item is indented {}, where {list} are at {}",
            spaces(here.indent),
            sibling.indent
        ),
        hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_outside_the_text_give_nothing() {
        for text in ["", "\n", "a: b", "- \t", "é: ё\n  :"] {
            for line in [0, 1, 2, 3, u32::MAX] {
                for column in [0, 1, 2, 40, u32::MAX] {
                    assert_eq!(missing_field(text, line, column, "a"), None);
                    assert_eq!(one_level_up(text, line, column), None);
                    assert_eq!(under_empty_key(text, line, column, "x"), None);
                    for p in [
                        ParseProblem::ValueIndicator,
                        ParseProblem::Structure,
                        ParseProblem::Tab,
                    ] {
                        let _ = parse_slip(text, line, column, p);
                    }
                }
            }
        }
    }

    #[test]
    fn crlf_lines_keep_byte_spans() {
        let text = "a:\r\n  - code: X\r\n    status: 1\r\n   message: m\r\n";
        let slip = parse_slip(text, 4, 4, ParseProblem::Structure).unwrap();
        assert_eq!(&text[slip.span.clone()], "message");
        assert_eq!((slip.line, slip.column), (4, 4));
    }

    #[test]
    fn a_key_at_an_enclosing_mappings_column_is_not_a_slip() {
        let text = "a:\n  b:\n    c: 1\n  d: 2\n";
        assert_eq!(parse_slip(text, 4, 3, ParseProblem::Structure), None);
    }

    #[test]
    fn a_missing_key_written_deeper_inside_the_last_keys_value_is_not_a_slip() {
        // `description` of the nested fields belongs to them; the object's own is missing.
        let text = "result:\n  type: object\n  fields:\n    - name: a\n      description: d\n";
        assert_eq!(missing_field(text, 3, 3, "description"), None);
    }
}

//! Located spec problems, printed the way compilers print them.
//!
//! A problem carries the byte span the YAML parser gave the offending value, and the problems
//! of a run carry the texts that were parsed, so rendering never re-reads a file (which may
//! have changed since) or guesses where a token ends.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One problem in a spec file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    file: PathBuf,
    line: u32,
    column: u32,
    /// Byte range `(start, end)` in the file's text.
    span: Option<(usize, usize)>,
    message: String,
    hint: Option<String>,
}

impl Diagnostic {
    /// A problem at a place in a file (`line` 0: the whole file).
    pub(crate) fn new(file: &Path, line: u32, column: u32, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line,
            column,
            span: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a fix hint.
    #[must_use]
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds the byte range of the offending text, for underlining.
    #[must_use]
    pub(crate) fn with_span(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span.filter(|s| s.start <= s.end).map(|s| (s.start, s.end));
        self
    }

    pub(crate) fn set_hint(&mut self, hint: String) {
        self.hint = Some(hint);
    }

    /// The file, as given to the loader (so messages match what the user typed).
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// 1-based line; 0 when the problem concerns the whole file.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// 1-based column; 0 when unknown.
    pub fn column(&self) -> u32 {
        self.column
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it, where there is something useful to say.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// Renders the problem the way rustc does, underlining the span in `source` (the text the
    /// problem was found in); without a source or a span, the `error: … --> file:line:col` form.
    pub fn render(&self, source: Option<&str>) -> String {
        let path = self.file.display().to_string();
        let span = match (source, self.span) {
            (Some(text), Some((start, end))) if text.get(start..end).is_some() => {
                Some(widen_empty(text, start..end))
            }
            // A parser error knows its line and column only: point at that character.
            (Some(text), None) => {
                point_at(text, self.line, self.column).map(|at| widen_empty(text, at..at))
            }
            _ => None,
        };
        let (Some(text), Some(span)) = (source, span) else {
            let mut out = format!("error: {}\n  --> {path}", self.message);
            if self.line > 0 {
                out.push_str(&format!(":{}:{}", self.line, self.column.max(1)));
            }
            if let Some(hint) = &self.hint {
                out.push_str(&format!("\n  = help: {hint}"));
            }
            return out;
        };
        self.render_snippet(&path, text, span)
    }

    /// With a snippet: annotate-snippets (the `render` feature, which the CLI turns on).
    #[cfg(feature = "render")]
    fn render_snippet(&self, path: &str, text: &str, span: Range<usize>) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

        let snippet = Snippet::source(text)
            .path(path)
            .fold(true)
            .annotation(AnnotationKind::Primary.span(span));
        let mut report = vec![
            Level::ERROR
                .primary_title(self.message.as_str())
                .element(snippet),
        ];
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(
                Level::HELP.secondary_title(hint.as_str()),
            ));
        }
        Renderer::plain().render(&report)
    }

    #[cfg(not(feature = "render"))]
    fn render_snippet(&self, path: &str, text: &str, span: Range<usize>) -> String {
        self.render_plain(path, text, span)
    }

    /// With a snippet, in a build script: the same layout for the span's first line, written
    /// here so that a downstream build does not compile a renderer (no folding of long lines,
    /// columns counted in characters).
    #[cfg_attr(feature = "render", allow(dead_code))]
    fn render_plain(&self, path: &str, text: &str, span: Range<usize>) -> String {
        let line_start = text
            .get(..span.start)
            .and_then(|before| before.rfind('\n'))
            .map_or(0, |i| i + 1);
        let rest = text.get(line_start..).unwrap_or_default();
        let line_text = rest.split('\n').next().unwrap_or(rest);
        let lead = text.get(line_start..span.start).unwrap_or_default();
        let marked = text
            .get(span.start..span.end.min(line_start + line_text.len()))
            .unwrap_or_default();
        let number = self.line.max(1).to_string();
        let pad = " ".repeat(number.len());
        let mut out = format!(
            "error: {}\n{pad}--> {path}:{}:{}\n{pad} |\n{number} | {line_text}\n{pad} | {}{}\n{pad} |",
            self.message,
            self.line,
            self.column.max(1),
            " ".repeat(lead.chars().count()),
            "^".repeat(marked.chars().count().max(1)),
        );
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\nhelp: {hint}"));
        }
        out
    }
}

/// Byte offset of 1-based `line` and `column` (columns count characters).
fn point_at(text: &str, line: u32, column: u32) -> Option<usize> {
    let line_index = usize::try_from(line.checked_sub(1)?).ok()?;
    let line_start = if line_index == 0 {
        0
    } else {
        text.match_indices('\n').nth(line_index - 1)?.0 + 1
    };
    let rest = text.get(line_start..)?;
    let line_text = rest.split('\n').next().unwrap_or(rest);
    let skip = usize::try_from(column.max(1) - 1).ok()?;
    let offset = line_text
        .char_indices()
        .nth(skip)
        .map_or(line_text.len(), |(i, _)| i);
    Some(line_start + offset)
}

/// An empty span (a missing value) underlines the character it points at, if any.
fn widen_empty(text: &str, span: Range<usize>) -> Range<usize> {
    if span.start < span.end {
        return span;
    }
    let len = text
        .get(span.start..)
        .and_then(|rest| rest.chars().next())
        .filter(|c| *c != '\n')
        .map_or(0, char::len_utf8);
    span.start..span.start + len
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// The texts a run parsed, by file, shared by the problems found in them.
pub(crate) type Sources = BTreeMap<PathBuf, Arc<str>>;

/// Every problem found in a spec folder, sorted by file and position, with the texts they were
/// found in. Every stage reports problems as `Result<_, Diagnostics>`.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    sources: Sources,
}

impl Diagnostics {
    pub(crate) fn new(mut list: Vec<Diagnostic>, sources: Sources) -> Self {
        list.sort();
        list.dedup();
        Self { list, sources }
    }

    /// One problem that is not in any parsed text.
    pub(crate) fn one(d: Diagnostic) -> Self {
        Self::new(vec![d], Sources::new())
    }

    /// The problems, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none (never true for a returned error).
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every problem rendered like rustc, against the text it was found in.
    pub fn render(&self) -> String {
        self.list
            .iter()
            .map(|d| d.render(self.sources.get(&d.file).map(|s| &**s)))
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

impl PartialEq for Diagnostics {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.list.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Best-effort "did you mean" among known names.
pub(crate) fn did_you_mean<'a>(
    got: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(got, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_script_rendering_underlines_the_span_like_rustc() {
        let text = "method: x\nscope: кто\n";
        let d = Diagnostic::new(Path::new("m.yaml"), 2, 8, "unknown scope `кто`")
            .with_hint("write a scope")
            .with_span(Some(17..23));
        let out = d.render_plain("m.yaml", text, 17..23);
        let want = "error: unknown scope `кто`\n --> m.yaml:2:8\n  |\n2 | scope: кто\n  |        ^^^\n  |\nhelp: write a scope";
        assert_eq!(out, want);
    }
}

//! Located spec problems, printed the way compilers print them.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in a spec file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// File the problem is in, as given to the loader (so messages match what the user typed).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: u32,
    /// 1-based column; 0 when unknown.
    pub column: u32,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem at a place in a file.
    pub fn new(file: &Path, line: u32, column: u32, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a fix hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
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

/// Every problem found in a spec folder, sorted by file and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The problems, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (never true for a returned error).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
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

impl Diagnostic {
    /// Renders the problem the way rustc does, with the offending line underlined, when
    /// `source` (the file's text) is given and the problem has a position; otherwise the
    /// one-line `file:line:col: message` form.
    pub fn render(&self, source: Option<&str>) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

        let path = self.file.display().to_string();
        let span = source.and_then(|text| span_at(text, self.line, self.column));
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
        let snippet = Snippet::source(text)
            .path(path.as_str())
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
}

impl Diagnostics {
    /// Every problem rendered like rustc, reading each file's text from disk (invalid UTF-8
    /// shown as U+FFFD); a file that cannot be read falls back to the one-line form.
    pub fn render(&self) -> String {
        self.0
            .iter()
            .map(|d| {
                let source = std::fs::read(&d.file)
                    .ok()
                    .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
                d.render(source.as_deref())
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Byte range of the token at 1-based `line`/`column` (columns count characters).
fn span_at(text: &str, line: u32, column: u32) -> Option<std::ops::Range<usize>> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        let mut newlines = 0u32;
        text.char_indices()
            .find(|(_, c)| {
                if *c == '\n' {
                    newlines += 1;
                }
                newlines + 1 == line && *c == '\n'
            })
            .map(|(i, _)| i + 1)?
    };
    let rest = text.get(line_start..)?;
    let line_text = rest.split('\n').next().unwrap_or(rest);
    let skip = usize::try_from(column.max(1) - 1).ok()?;
    let start = line_text
        .char_indices()
        .nth(skip)
        .map_or(line_text.len(), |(i, _)| i);
    let token = line_text.get(start..).unwrap_or_default();
    let len = token
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | '}' | ']' | ':'))
        .map_or(token.len(), |(i, _)| i)
        .max(token.chars().next().map_or(0, char::len_utf8));
    Some(line_start + start..line_start + start + len)
}

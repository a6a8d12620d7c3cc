//! Reading a spec folder: files in a fixed order, YAML parsed with locations.
//!
//! Layout: `methods/*.yaml` hold one method each, `shared/*.yaml` hold objects and system
//! errors shared by all methods. Files are read in name order so output never depends on the
//! file system's listing order. The texts are kept so diagnostics can show them later.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics, Sources};
use crate::indent;
use crate::model::{MethodFile, SharedFile};
use crate::yaml::{self, FromNode, Problem, ProblemKind, Spanned};

/// A parsed spec folder, not yet lowered.
#[derive(Debug, Default)]
pub(crate) struct LoadedSpec {
    /// Method files with their paths.
    pub(crate) methods: Vec<(PathBuf, MethodFile)>,
    /// Shared files with their paths.
    pub(crate) shared: Vec<(PathBuf, SharedFile)>,
    /// Every file and folder read, for `cargo:rerun-if-changed`.
    pub(crate) inputs: Vec<PathBuf>,
    /// The text of every file parsed.
    pub(crate) sources: Sources,
}

/// Which kind of spec file a text is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FileKind {
    Method,
    Shared,
}

/// One file parsed, not yet added to a spec: parsing runs on several threads, adding in file
/// order.
enum ParsedFile {
    Method(Box<MethodFile>),
    Shared(SharedFile),
}

/// A file's text (when it could be read) and what parsing it gave.
type Outcome = (Option<String>, Result<ParsedFile, Diagnostic>);

/// Reads and parses one file: its text (for diagnostics; lossy when not UTF-8) and its model.
fn parse_file(file: &Path, kind: FileKind) -> Outcome {
    match read_text(file) {
        Ok(text) => {
            let parsed = match kind {
                FileKind::Method => {
                    parse_str::<MethodFile>(file, &text).map(|m| ParsedFile::Method(Box::new(m)))
                }
                FileKind::Shared => parse_str::<SharedFile>(file, &text).map(ParsedFile::Shared),
            };
            (Some(text), parsed)
        }
        Err(failed) => {
            let (problem, lossy) = *failed;
            (lossy, Err(problem))
        }
    }
}

/// [`parse_file`] over `files` in parallel ([`crate::parallel::map`]: YAML parsing is most of
/// a build script's run time in a debug build), results in `files`' order.
fn parse_files(files: &[PathBuf], kind: FileKind) -> Vec<Outcome> {
    crate::parallel::map(files, |f| parse_file(f, kind)).unwrap_or_else(|| {
        // A parser panic: report it on every file, never abort the build.
        files
            .iter()
            .map(|f| {
                let problem = "the YAML reader failed on this folder (a bug, please report it)";
                (None, Err(Diagnostic::new(f, 0, 0, problem)))
            })
            .collect()
    })
}

impl LoadedSpec {
    /// Parses one text into the spec, or returns its problem.
    pub(crate) fn add_text(
        &mut self,
        file: &Path,
        kind: FileKind,
        text: &str,
    ) -> Result<(), Diagnostic> {
        self.sources.insert(file.to_path_buf(), Arc::from(text));
        match kind {
            FileKind::Method => {
                let m = parse_str::<MethodFile>(file, text)?;
                self.methods.push((file.to_path_buf(), m));
            }
            FileKind::Shared => {
                let s = parse_str::<SharedFile>(file, text)?;
                self.shared.push((file.to_path_buf(), s));
            }
        }
        Ok(())
    }
}

/// Loads `dir`, collecting every file's problems instead of stopping at the first; the inputs
/// read are returned either way, so a build can re-run once the problems are fixed.
///
/// `keep_area` says which method files to read, by the area their name starts with
/// (`imopenlines` for `imopenlines.dialog.get.yaml`); the others are not read at all.
pub(crate) fn load_dir(
    dir: &Path,
    keep_area: &dyn Fn(&str) -> bool,
) -> (Result<LoadedSpec, Diagnostics>, Vec<PathBuf>) {
    let mut spec = LoadedSpec::default();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        let d = Diagnostic::new(dir, 0, 0, "spec folder not found")
            .with_hint("pass the folder holding `methods/` and `shared/`");
        return (Err(Diagnostics::one(d)), vec![dir.to_path_buf()]);
    }
    spec.inputs.push(dir.to_path_buf());
    for sub in ["methods", "shared"] {
        let folder = dir.join(sub);
        spec.inputs.push(folder.clone());
        let mut files = match yaml_files(&folder) {
            Ok(files) => files,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let kind = if sub == "methods" {
            FileKind::Method
        } else {
            FileKind::Shared
        };
        if matches!(kind, FileKind::Method) {
            if files.is_empty() {
                problems.push(
                    Diagnostic::new(&folder, 0, 0, "no method files found")
                        .with_hint("add `methods/<method name>.yaml`"),
                );
            }
            files.retain(|f| {
                let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                keep_area(stem.split('.').next().unwrap_or_default())
            });
        }
        let parsed = parse_files(&files, kind);
        for (file, (text, result)) in files.into_iter().zip(parsed) {
            spec.inputs.push(file.clone());
            if let Some(text) = text {
                spec.sources.insert(file.clone(), Arc::from(text));
            }
            match result {
                Ok(ParsedFile::Method(m)) => spec.methods.push((file, *m)),
                Ok(ParsedFile::Shared(s)) => spec.shared.push((file, s)),
                Err(p) => problems.push(p),
            }
        }
    }
    let inputs = spec.inputs.clone();
    if problems.is_empty() {
        (Ok(spec), inputs)
    } else {
        (Err(Diagnostics::new(problems, spec.sources)), inputs)
    }
}

/// `*.yaml` files directly in `folder`, sorted by name.
fn yaml_files(folder: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = fs::read_dir(folder).map_err(|e| {
        Diagnostic::new(folder, 0, 0, format!("cannot read folder: {e}"))
            .with_hint("a spec folder holds `methods/` and `shared/` sub-folders")
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| Diagnostic::new(folder, 0, 0, format!("cannot list folder: {e}")))?;
        let path = entry.path();
        let is_yaml = path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml");
        if is_yaml && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads a file as UTF-8, locating the first bad byte; the error carries the text with bad
/// bytes replaced (same length up to the first one), for showing the place.
fn read_text(file: &Path) -> Result<String, Box<(Diagnostic, Option<String>)>> {
    let bytes = fs::read(file).map_err(|e| {
        let d = Diagnostic::new(file, 0, 0, format!("cannot read file: {e}"));
        Box::new((d, None))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, column) = position_of_byte(e.as_bytes(), at);
        let d = Diagnostic::new(file, line, column, "file is not valid UTF-8")
            .with_hint("save the file as UTF-8");
        Box::new((d, Some(String::from_utf8_lossy(e.as_bytes()).into_owned())))
    })
}

/// Parses YAML text that came from `file`.
fn parse_str<T: FromNode>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::new(file, 0, 0, "file is empty")
            .with_hint("write the spec entry or delete the file"));
    }
    yaml::parse(text)
        .and_then(|node| T::from_node(&node))
        .map_err(|e| yaml_error(file, text, &e))
}

/// Line, column and byte span of a parsed value.
pub(crate) fn position<T>(s: &Spanned<T>) -> (u32, u32, Option<Range<usize>>) {
    (s.at.line, s.at.column, s.at.range())
}

/// A parser or shape problem as a diagnostic, its hint chosen by the problem's kind; an
/// indentation slip found in `text` around the reported place is named at its own line.
fn yaml_error(file: &Path, text: &str, e: &Problem) -> Diagnostic {
    let (line, column, span) = (e.at.line, e.at.column, e.at.range());
    let slip = |s: indent::Slip| {
        Diagnostic::new(file, s.line, s.column, s.message)
            .with_hint(s.hint)
            .with_span(Some(s.span))
    };
    let (message, hint) = match &e.kind {
        ProblemKind::UnknownField { field, expected } => {
            let hint = match crate::diagnostic::did_you_mean(field, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => {
                    let allowed = format!("allowed keys here: {}", expected.join(", "));
                    match indent::one_level_up(text, line, column) {
                        Some(up) => format!("{allowed}; {up}"),
                        None => allowed,
                    }
                }
            };
            (format!("unknown field `{field}`"), hint)
        }
        ProblemKind::MissingField { field } => {
            if let Some(s) = indent::missing_field(text, line, column, field) {
                return slip(s);
            }
            (
                format!("missing field `{field}`"),
                "add the key; see the spec format in README.md".to_string(),
            )
        }
        ProblemKind::DuplicateKey { key } => (
            format!("`{key}` is written twice in this mapping"),
            "keep one of them".to_string(),
        ),
        ProblemKind::WrongShape { expected, found } => {
            let message = format!("expected {expected}, found {found}");
            if let Some(s) = indent::under_empty_key(text, line, column, &message) {
                return slip(s);
            }
            (
                message,
                "see the spec format in README.md for what this key takes".to_string(),
            )
        }
        ProblemKind::NotWholeNumber => (
            "expected a non-negative whole number".to_string(),
            "write a number such as `2`".to_string(),
        ),
        ProblemKind::Unsupported(message) => (
            message.clone(),
            "see the spec format in README.md".to_string(),
        ),
        ProblemKind::Syntax(scan) => {
            let problem = parse_problem(scan);
            if let Some(s) = problem.and_then(|p| indent::parse_slip(text, line, column, p)) {
                return slip(s);
            }
            let hint = match problem {
                Some(indent::ParseProblem::Structure) => {
                    "the YAML does not parse here; check the indentation of this line and the \
                     ones above: keys of one mapping, and the `-` of one list, line up"
                }
                Some(indent::ParseProblem::Tab) => "indent with spaces: YAML does not allow tabs",
                _ => {
                    "the YAML does not parse here; the mistake may be just before (an unclosed \
                     `{` or `[`, or text with `,` `:` `#` that needs quotes)"
                }
            };
            (first_line(&scan.info()), hint.to_string())
        }
    };
    Diagnostic::new(file, line, column, message)
        .with_hint(hint)
        .with_span(span)
}

/// What a parser error says about indentation, from its kind.
fn parse_problem(scan: &granit_parser::ScanError) -> Option<indent::ParseProblem> {
    use granit_parser::ErrorKind as K;

    match scan.kind() {
        K::MappingValueNotAllowed => Some(indent::ParseProblem::ValueIndicator),
        K::ExpectedBlockMappingKey
        | K::ExpectedBlockSequenceEntry
        | K::BlockSequenceEntryNotAllowed
        | K::InvalidIndentation
        | K::InvalidBlockScalarIndent
        | K::InvalidQuotedScalarIndent
        | K::InvalidFlowScalarIndent => Some(indent::ParseProblem::Structure),
        K::TabNotAllowed
        | K::TabInIndentation
        | K::TabInBlockIndentation
        | K::TabInPlainScalar
        | K::TabAtBlockScalarStart => Some(indent::ParseProblem::Tab),
        _ => None,
    }
}

/// The message without the snippet, location suffix or prefix the parser adds.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    let line = line.trim_start_matches("error: ");
    let line = match line.rfind(" at line ") {
        Some(i) => line.get(..i).unwrap_or(line),
        None => line,
    };
    line.to_string()
}

/// 1-based line and column of a byte offset.
fn position_of_byte(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let column = offset.saturating_sub(line_start) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

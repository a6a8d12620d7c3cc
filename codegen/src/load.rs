//! Reading a spec folder: files in a fixed order, YAML parsed with locations.
//!
//! Layout: `methods/*.yaml` hold one method each, `shared/*.yaml` hold objects and system
//! errors shared by all methods. Files are read in name order so output never depends on the
//! file system's listing order.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::model::{MethodFile, SharedFile};

/// A parsed spec folder, not yet validated.
#[derive(Debug, Default)]
pub struct LoadedSpec {
    /// Method files with their paths.
    pub methods: Vec<(PathBuf, MethodFile)>,
    /// Shared files with their paths.
    pub shared: Vec<(PathBuf, SharedFile)>,
    /// Every file and folder read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

/// Loads `dir`, collecting every file's problems instead of stopping at the first.
pub fn load_dir(dir: &Path) -> (LoadedSpec, Vec<Diagnostic>) {
    let mut spec = LoadedSpec::default();
    let mut problems = Vec::new();
    if !dir.is_dir() {
        problems.push(
            Diagnostic::new(dir, 0, 0, "spec folder not found")
                .with_hint("pass the folder holding `methods/` and `shared/`"),
        );
        return (spec, problems);
    }
    spec.inputs.push(dir.to_path_buf());
    for sub in ["methods", "shared"] {
        let folder = dir.join(sub);
        spec.inputs.push(folder.clone());
        let files = match yaml_files(&folder) {
            Ok(files) => files,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        for file in files {
            spec.inputs.push(file.clone());
            if sub == "methods" {
                match parse_file::<MethodFile>(&file) {
                    Ok(m) => spec.methods.push((file, m)),
                    Err(p) => problems.push(p),
                }
            } else {
                match parse_file::<SharedFile>(&file) {
                    Ok(s) => spec.shared.push((file, s)),
                    Err(p) => problems.push(p),
                }
            }
        }
    }
    if spec.methods.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::new(&dir.join("methods"), 0, 0, "no method files found")
                .with_hint("add `methods/<method name>.yaml`"),
        );
    }
    (spec, problems)
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

/// Parses one YAML file into `T`, turning every failure into a located diagnostic.
pub fn parse_file<T: DeserializeOwned>(file: &Path) -> Result<T, Diagnostic> {
    let bytes = fs::read(file)
        .map_err(|e| Diagnostic::new(file, 0, 0, format!("cannot read file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = position_of_byte(e.as_bytes(), e.utf8_error().valid_up_to());
        Diagnostic::new(file, line, column, "file is not valid UTF-8")
            .with_hint("save the file as UTF-8")
    })?;
    parse_str(file, &text)
}

/// Parses YAML text that came from `file`.
pub fn parse_str<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::new(file, 0, 0, "file is empty")
            .with_hint("write the spec entry or delete the file"));
    }
    serde_saphyr::from_str::<T>(text).map_err(|e| yaml_error(file, &e))
}

fn yaml_error(file: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = e
        .location()
        .map(|l| (l.line() as u32, l.column() as u32))
        .unwrap_or((0, 0));
    let message = first_line(&e.without_snippet().to_string());
    let hint = hint_for(&message);
    let d = Diagnostic::new(file, line, column, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
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
    match line {
        "invalid u32" | "invalid u16" | "invalid u64" => {
            "expected a non-negative whole number".to_string()
        }
        other => other.to_string(),
    }
}

/// Hints for serde's standard messages; `unknown field` gets a "did you mean".
fn hint_for(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (got, rest) = rest.split_once('`')?;
        let expected: Vec<&str> = rest
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        return match crate::diagnostic::did_you_mean(got, expected.iter().copied()) {
            Some(best) => Some(format!("did you mean `{best}`?")),
            None => Some(format!("allowed keys here: {}", expected.join(", "))),
        };
    }
    if message.starts_with("missing field `") {
        return Some("add the key; see the spec format in README.md".to_string());
    }
    if message == "expected a non-negative whole number" {
        return Some("write a number such as `2`".to_string());
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        return Some("see the spec format in README.md for what this key takes".to_string());
    }
    // Anything else comes from the YAML parser itself.
    Some(
        "the YAML does not parse here; the mistake may be just before (an unclosed `{` or `[`, \
         or text with `,` `:` `#` that needs quotes)"
            .to_string(),
    )
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

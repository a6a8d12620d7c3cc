//! Spec model, loading, validation and Rust emission for `b24-spec`.
//!
//! Data flows one way: YAML files ([`load`]) → [`model`] → [`validate`] → [`ir`] → [`emit`].
//! `build.rs` of `b24-spec` calls [`generate`]; tests and the CLI call the same function, so
//! what they check is exactly what the build compiles.
#![forbid(unsafe_code)]

pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod load;
pub mod model;
pub mod naming;
pub mod validate;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics};

/// The result of a successful run.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Formatted Rust source, starting with the `@generated` header.
    pub code: String,
    /// Every file and folder read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The validated spec, for tools that want more than code.
    pub api: ir::Api,
}

/// A failed run: the problems, and the inputs so a build can re-run once they are fixed.
#[derive(Debug, Clone)]
pub struct Failed {
    /// What is wrong.
    pub diagnostics: Diagnostics,
    /// Every file and folder read.
    pub inputs: Vec<PathBuf>,
}

/// Loads and validates `spec_dir` without generating code.
pub fn check(spec_dir: &Path) -> Result<(ir::Api, Vec<PathBuf>), Failed> {
    let (spec, mut problems) = load::load_dir(spec_dir);
    let inputs = spec.inputs.clone();
    match validate::validate(&spec) {
        Ok(api) if problems.is_empty() => Ok((api, inputs)),
        Ok(_) => {
            problems.sort();
            Err(Failed {
                diagnostics: Diagnostics(problems),
                inputs,
            })
        }
        Err(more) => {
            problems.extend(more);
            problems.sort();
            problems.dedup();
            Err(Failed {
                diagnostics: Diagnostics(problems),
                inputs,
            })
        }
    }
}

/// What to generate beyond the defaults.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Emit only methods whose name starts with one of these segments (`crm`, `imopenlines`,
    /// …); `None` emits everything. Large catalogues compile in a fraction of the time when a
    /// crate needs a few areas.
    pub only_modules: Option<Vec<String>>,
}

/// Loads, validates and emits `spec_dir` as one formatted Rust file.
pub fn generate(spec_dir: &Path) -> Result<Generated, Failed> {
    generate_with(spec_dir, &Options::default())
}

/// [`generate`] with [`Options`].
pub fn generate_with(spec_dir: &Path, options: &Options) -> Result<Generated, Failed> {
    let (mut api, inputs) = check(spec_dir)?;
    if let Some(only) = &options.only_modules {
        let unknown: Vec<&String> = only
            .iter()
            .filter(|m| !api.methods.iter().any(|x| x.module.first() == Some(*m)))
            .collect();
        if !unknown.is_empty() {
            let names: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
            return Err(Failed {
                diagnostics: Diagnostics(vec![
                    Diagnostic::new(
                        spec_dir,
                        0,
                        0,
                        format!("no methods start with `{}`", names.join("`, `")),
                    )
                    .with_hint("name the first segment of method names, e.g. `imopenlines`"),
                ]),
                inputs,
            });
        }
        api.methods
            .retain(|m| m.module.first().is_some_and(|first| only.contains(first)));
    }
    match emit::rust(&api) {
        Ok(code) => Ok(Generated { code, inputs, api }),
        Err(message) => Err(Failed {
            diagnostics: Diagnostics(vec![Diagnostic::new(spec_dir, 0, 0, message)]),
            inputs,
        }),
    }
}

/// Writes `contents` to `path` unless it already holds exactly that, so unchanged output keeps
/// its timestamp and does not trigger rebuilds. Writes a temporary file and renames it, so a
/// reader never sees half a file. Returns whether the file was written.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    let mut tmp_name = file_name.to_os_string();
    tmp_name.push(format!(".tmp{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    fs::write(&tmp, contents)?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_if_changed_skips_identical_content() {
        let dir = std::env::temp_dir().join(format!("b24-write-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.rs");
        assert!(write_if_changed(&path, "a").unwrap());
        assert!(!write_if_changed(&path, "a").unwrap());
        assert!(write_if_changed(&path, "b").unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "b");
        let leftovers = fs::read_dir(&dir).unwrap().count();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}

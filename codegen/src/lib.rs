//! Spec loading, checking and Rust emission for `b24-spec` (used by its `build.rs` and CLI).
//!
//! Data flows one way: YAML files (`load`) → spec model (`model`) → checks and lowering
//! (`lower`) → IR (`ir`) → emitted code (`emit`). Only the entry points below are public, as
//! prost-build exposes a `Config` and typify read-only views: the model and IR can change
//! without a breaking release.
//!
//! ```no_run
//! let generated = b24_spec_codegen::generate(std::path::Path::new("spec"))?;
//! std::fs::write("out.rs", &generated.code)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]

mod builtin;
#[cfg(feature = "cli")]
pub mod cli;
mod diagnostic;
#[cfg(feature = "docs")]
mod drift;
mod emit;
#[cfg(feature = "docs")]
pub mod import;
mod indent;
mod ir;
mod json;
mod load;
mod lower;
mod model;
#[cfg(feature = "docs")]
mod pages;
mod parallel;
mod view;
mod yaml;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics};
#[cfg(feature = "docs")]
pub use drift::{DocsTree, Drift, DriftItem, Skipped, read_tree};
pub use emit::HEADER;
#[cfg(feature = "docs")]
pub use pages::{LINK_TARGETS, Lang, relative_link};
pub use view::{FieldInfo, MethodInfo};

use load::{FileKind, LoadedSpec};

/// A spec folder that loaded and passed every check, ready to emit.
#[derive(Debug, Clone)]
pub struct Spec {
    api: ir::Api,
    inputs: Vec<PathBuf>,
}

/// A failed run: the problems, and the inputs so a build can re-run once they are fixed.
#[derive(Debug, Clone)]
pub struct Failed {
    /// What is wrong.
    pub diagnostics: Diagnostics,
    /// Every file and folder read.
    pub inputs: Vec<PathBuf>,
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.diagnostics.fmt(f)
    }
}

impl std::error::Error for Failed {}

/// The result of a successful run.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Formatted Rust source, starting with [`HEADER`].
    pub code: String,
    /// Every file and folder read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

/// What to generate beyond the defaults.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// Emit only these areas (`crm`, `imopenlines`, …: the first segment of method names, as
    /// [`Spec::areas`] lists them); `None` emits every area.
    pub only_areas: Option<Vec<String>>,
    /// Leave the code as the token stream prints it (one long line per item) instead of
    /// formatting it with prettyplease: what the build script wants, since rustc does not care
    /// and formatting is most of the script's run time in a debug build. Readers get the
    /// formatted file from `cargo spec generate` or the snapshot tests. Without the `format`
    /// feature the code is always unformatted.
    pub unformatted: bool,
}

impl Options {
    /// Skip formatting (see [`Options::unformatted`]).
    #[must_use]
    pub fn unformatted(mut self) -> Self {
        self.unformatted = true;
        self
    }

    /// Emit only these areas.
    #[must_use]
    pub fn only_areas(mut self, areas: Vec<String>) -> Self {
        self.only_areas = Some(areas);
        self
    }
}

impl Spec {
    /// Loads and checks the spec folder `dir` (`methods/*.yaml`, `shared/*.yaml`).
    pub fn load(dir: &Path) -> Result<Spec, Failed> {
        Self::load_areas(dir, &|_| true)
    }

    /// Like [`Spec::load`], reading only the method files of the areas `keep` accepts (by
    /// the first segment of the file name): what a build script wants, since the YAML of
    /// disabled areas is parsed for nothing. Checks that span areas (no two methods on one
    /// page) then see only these; `check` loads the whole folder.
    pub fn load_areas(dir: &Path, keep: &dyn Fn(&str) -> bool) -> Result<Spec, Failed> {
        let (loaded, inputs) = load::load_dir(dir, keep);
        let loaded = loaded.map_err(|diagnostics| Failed {
            diagnostics,
            inputs: inputs.clone(),
        })?;
        Self::lower(loaded, inputs)
    }

    /// Checks spec files given as text: `methods` are method files, `shared` shared files,
    /// each with the path diagnostics should name.
    pub fn from_texts(methods: &[(&Path, &str)], shared: &[(&Path, &str)]) -> Result<Spec, Failed> {
        let mut loaded = LoadedSpec::default();
        let mut problems = Vec::new();
        let files = methods
            .iter()
            .map(|f| (f, FileKind::Method))
            .chain(shared.iter().map(|f| (f, FileKind::Shared)));
        for ((path, text), kind) in files {
            if let Err(p) = loaded.add_text(path, kind, text) {
                problems.push(p);
            }
        }
        if !problems.is_empty() {
            return Err(Failed {
                diagnostics: Diagnostics::new(problems, loaded.sources),
                inputs: Vec::new(),
            });
        }
        Self::lower(loaded, Vec::new())
    }

    fn lower(loaded: LoadedSpec, inputs: Vec<PathBuf>) -> Result<Spec, Failed> {
        match lower::lower(loaded) {
            Ok(api) => Ok(Spec { api, inputs }),
            Err(diagnostics) => Err(Failed {
                diagnostics,
                inputs,
            }),
        }
    }

    /// Every file and folder read.
    pub fn inputs(&self) -> &[PathBuf] {
        &self.inputs
    }

    /// The methods, sorted by name.
    pub fn methods(&self) -> impl Iterator<Item = MethodInfo<'_>> {
        self.api
            .methods
            .iter()
            .map(|m| MethodInfo::new(m, &self.api))
    }

    /// The areas the methods belong to (the Rust module of each method name's first segment:
    /// `imopenlines` for `imopenlines.dialog.get`), sorted, without duplicates. `b24-spec`
    /// compiles each behind a cargo feature of the same name.
    pub fn areas(&self) -> Vec<String> {
        let mut areas: Vec<String> = self
            .api
            .methods
            .iter()
            .filter_map(|m| m.module.first().cloned())
            .collect();
        areas.dedup();
        areas
    }

    /// How many shared objects the spec defines.
    pub fn shared_object_count(&self) -> usize {
        self.api.objects.len()
    }

    /// How many system errors the spec lists.
    pub fn system_error_count(&self) -> usize {
        self.api.system_errors.len()
    }

    /// The fields of the shared object whose Rust struct is `struct_name`, flattened.
    pub fn shared_object_fields(&self, struct_name: &str) -> Option<Vec<FieldInfo>> {
        view::shared_object_fields(&self.api, struct_name)
    }

    #[cfg(feature = "docs")]
    /// One docs page per method in `lang`, in the official pages' YFM format:
    /// `(path in the official repository, text)`, sorted by path. Links and includes are
    /// relative to the page's own folder.
    pub fn pages(&self, lang: Lang) -> Vec<(String, String)> {
        let mut pages: Vec<(String, String)> = self
            .api
            .methods
            .iter()
            .map(|m| {
                (
                    pages::page_path(m, lang).to_string(),
                    pages::page(&self.api, m, lang),
                )
            })
            .collect();
        pages.sort();
        pages
    }

    #[cfg(feature = "docs")]
    /// Compares official method pages `(path, text)` with the spec. Pages are matched to
    /// methods by the method name ending their H1 and by language (`lang`, or told from each
    /// H1 when `None`); only the spec's methods are compared, every difference at its page
    /// line, `recorded` when the spec's `differs_from_docs` records it for that language.
    /// Paths are best given relative to the repository root: a page away from the spec's
    /// `pages` path is itself a difference.
    pub fn drift(&self, pages: &[(PathBuf, String)], lang: Option<Lang>) -> Drift {
        drift::drift(&self.api, pages, lang)
    }

    /// Emits the spec as one formatted Rust file.
    pub fn emit(&self, options: &Options) -> Result<Generated, Failed> {
        let failed = |diagnostics| Failed {
            diagnostics,
            inputs: self.inputs.clone(),
        };
        let mut api = self.api.clone();
        if let Some(only) = &options.only_areas {
            let unknown: Vec<&str> = only
                .iter()
                .filter(|m| !api.methods.iter().any(|x| x.module.first() == Some(*m)))
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                let at = self
                    .inputs
                    .first()
                    .map_or(Path::new("spec"), PathBuf::as_path);
                let d = Diagnostic::new(
                    at,
                    0,
                    0,
                    format!("no methods start with `{}`", unknown.join("`, `")),
                )
                .with_hint("name the first segment of method names, e.g. `imopenlines`");
                return Err(failed(Diagnostics::one(d)));
            }
            api.methods
                .retain(|m| m.module.first().is_some_and(|first| only.contains(first)));
        }
        #[cfg(feature = "format")]
        let code = if options.unformatted {
            emit::rust_unformatted(&api).map_err(failed)?
        } else {
            emit::rust(&api).map_err(failed)?
        };
        #[cfg(not(feature = "format"))]
        let code = emit::rust_unformatted(&api).map_err(failed)?;
        Ok(Generated {
            code,
            inputs: self.inputs.clone(),
        })
    }
}

/// Loads and checks `spec_dir` without generating code.
pub fn check(spec_dir: &Path) -> Result<Spec, Failed> {
    Spec::load(spec_dir)
}

/// Loads, checks and emits `spec_dir` as one formatted Rust file.
pub fn generate(spec_dir: &Path) -> Result<Generated, Failed> {
    generate_with(spec_dir, &Options::default())
}

/// [`generate`] with [`Options`].
pub fn generate_with(spec_dir: &Path, options: &Options) -> Result<Generated, Failed> {
    Spec::load(spec_dir)?.emit(options)
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

//! The docs team's commands, shared by the `b24-spec-docs` binary (which never compiles the
//! spec, so it works while the spec is broken) and the `b24-spec` tool: `check`, `docs`,
//! `drift`, `import`, each a clap [`Args`](clap::Args) struct and a `run` giving the exit code.
//!
//! Exit codes: 0 success; 1 problems found; 2 wrong arguments (clap's own).

mod check;
mod docs;
mod drift;
pub mod files;
mod import;

use std::path::PathBuf;

use clap::Args;

pub use check::load;

/// Exit code for "problems found".
pub const PROBLEMS: u8 = 1;

/// `check [SPEC_DIR] [--manifest CARGO_TOML]`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The spec folder (holding methods/ and shared/).
    #[arg(value_name = "SPEC_DIR", default_value = "spec")]
    pub spec_dir: PathBuf,
    /// The Cargo.toml whose features must match the spec's areas [default: the one next to
    /// SPEC_DIR, if any].
    #[arg(long, value_name = "CARGO_TOML")]
    pub manifest: Option<PathBuf>,
}

/// `docs --out DIR [--lang en|ru|all] [--spec SPEC_DIR] [--check]`.
#[derive(Debug, Clone, Args)]
pub struct DocsArgs {
    /// Where to write. With one `--lang`, pages go to their official paths under DIR (point
    /// it at a checkout of that language's docs repository); with `all`, under DIR/en/ and
    /// DIR/ru/.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Which language(s) to write.
    #[arg(long, value_parser = ["en", "ru", "all"], default_value = "all")]
    pub lang: String,
    /// The spec folder.
    #[arg(long, value_name = "SPEC_DIR", default_value = "spec")]
    pub spec: PathBuf,
    /// Write nothing; list missing, stale and extra pages and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

/// `drift DOCS_DIR [--spec SPEC_DIR] [--lang en|ru] [--verbose]`.
#[derive(Debug, Clone, Args)]
pub struct DriftArgs {
    /// A checkout of an official docs repository, or any folder of pages (searched
    /// recursively for `*.md`).
    #[arg(value_name = "DOCS_DIR")]
    pub docs_dir: PathBuf,
    /// The spec folder.
    #[arg(long, value_name = "SPEC_DIR", default_value = "spec")]
    pub spec: PathBuf,
    /// The pages' language [default: told from each page's title].
    #[arg(long, value_parser = ["en", "ru"])]
    pub lang: Option<String>,
    /// Also list what was not compared: other methods' unreadable tables, duplicate pages,
    /// files that could not be read cleanly.
    #[arg(long)]
    pub verbose: bool,
}

/// `import [PAGE|DIR]... [--en PAGE|DIR]... [--ru PAGE|DIR]... [--lang en|ru] [--out DIR]
/// [--force]`.
#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("input").required(true).multiple(true).args(["pages", "en", "ru"])))]
pub struct ImportArgs {
    /// Official method pages (YFM), or folders searched recursively for them (`*.md` whose H1
    /// names a method; other files are skipped and counted). Each page's language is told
    /// from its H1, or given by --lang. The en and ru pages of one method, in any order, make
    /// one draft with both languages.
    #[arg(value_name = "PAGE|DIR")]
    pub pages: Vec<PathBuf>,
    /// English pages or folders (repeatable): for a checkout of bitrix24/b24restdocs.
    #[arg(long = "en", value_name = "PAGE|DIR")]
    pub en: Vec<PathBuf>,
    /// Russian pages or folders (repeatable): for a checkout of bitrix-tools/b24-rest-docs.
    #[arg(long = "ru", value_name = "PAGE|DIR")]
    pub ru: Vec<PathBuf>,
    /// The language of the pages named without --en/--ru [default: told from each H1].
    #[arg(long, value_parser = ["en", "ru"])]
    pub lang: Option<String>,
    /// The spec folder: drafts go to DIR/methods/<method>.yaml.
    #[arg(long, value_name = "DIR", default_value = "spec")]
    pub out: PathBuf,
    /// Replace a method file that already exists.
    #[arg(long)]
    pub force: bool,
}

/// `generate [SPEC_DIR] [--out FILE] [--areas a,b]`.
#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// The spec folder.
    #[arg(value_name = "SPEC_DIR", default_value = "spec")]
    pub spec_dir: PathBuf,
    /// Where to write the formatted Rust file [default: standard output].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only these areas (comma-separated, e.g. `imopenlines`) [default: every area].
    #[arg(long, value_delimiter = ',', value_name = "AREA")]
    pub areas: Option<Vec<String>>,
}

impl GenerateArgs {
    /// Runs `generate`; returns the exit code.
    pub fn run(&self) -> u8 {
        let Some(spec) = load(&self.spec_dir) else {
            return PROBLEMS;
        };
        let mut options = crate::Options::default();
        if let Some(areas) = &self.areas {
            options = options.only_areas(areas.clone());
        }
        let generated = match spec.emit(&options) {
            Ok(g) => g,
            Err(failed) => {
                println!("{}", failed.diagnostics.render());
                return PROBLEMS;
            }
        };
        match &self.out {
            None => {
                print!("{}", generated.code);
                0
            }
            Some(path) => match crate::write_if_changed(path, &generated.code) {
                Ok(_) => {
                    println!("wrote {}", path.display());
                    0
                }
                Err(e) => {
                    eprintln!("cannot write {}: {e}", path.display());
                    PROBLEMS
                }
            },
        }
    }
}

impl CheckArgs {
    /// Runs `check`; returns the exit code.
    pub fn run(&self) -> u8 {
        check::run(&self.spec_dir, self.manifest.as_deref())
    }
}

impl DocsArgs {
    /// Runs `docs`; returns the exit code.
    pub fn run(&self) -> u8 {
        docs::run(self)
    }
}

impl DriftArgs {
    /// Runs `drift`; returns the exit code.
    pub fn run(&self) -> u8 {
        drift::run(self)
    }
}

impl ImportArgs {
    /// Runs `import`; returns the exit code.
    pub fn run(&self) -> u8 {
        import::run(self)
    }
}

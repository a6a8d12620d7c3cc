//! `b24-spec-docs`: the docs team's commands on a spec folder (`check`, `docs`, `drift`,
//! `import`), without compiling the spec into Rust, so a broken spec gets its located problems
//! and exit 1.
//!
//! Exit codes: 0 success; 1 problems found (spec errors, stale pages, unrecorded drift, I/O);
//! 2 wrong arguments.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use b24_spec_codegen::cli::{CheckArgs, DocsArgs, DriftArgs, GenerateArgs, ImportArgs};
use clap::{Parser, Subcommand};

/// Check the b24-spec YAML spec, write its docs pages, compare it with the official pages.
#[derive(Debug, Parser)]
#[command(name = "b24-spec-docs", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 success, 1 problems found (spec errors, stale pages, unrecorded drift, I/O), 2 wrong arguments.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a spec folder; print every problem as file:line:col.
    ///
    /// Also checks that each spec area (first segment of method names) has a cargo feature in
    /// the crate's Cargo.toml, and each area feature (`name = []`) an area.
    Check(CheckArgs),
    /// Write one docs page per method per language (official YFM format) at its official path.
    Docs(DocsArgs),
    /// Compare official method pages with the spec: exit 1 on differences the spec has not
    /// recorded; recorded ones are listed as notes.
    Drift(DriftArgs),
    /// Draft spec files from official method pages: one `methods/<method>.yaml` per method.
    ///
    /// A draft holds what the method's pages say: from one page, in its language; from its en
    /// and ru pages (matched by the method their H1 names), both texts, following the ru page
    /// where they disagree. What the pages cannot say, and each disagreement with the other
    /// page's line, is listed in `# TODO(import):` lines at its top. Folders are searched for
    /// method pages. Existing files are kept unless `--force`.
    ///
    /// Examples: `import --ru b24-rest-docs/api-reference/imopenlines --en
    /// b24restdocs/api-reference/imopenlines`; `import ru/page.md en/page.md`.
    Import(ImportArgs),
    /// Write the Rust code the build generates, formatted, for reading (the build writes the
    /// same items unformatted into OUT_DIR).
    Generate(GenerateArgs),
}

fn main() -> ExitCode {
    let code = match Cli::parse().command {
        Command::Check(args) => args.run(),
        Command::Docs(args) => args.run(),
        Command::Drift(args) => args.run(),
        Command::Import(args) => args.run(),
        Command::Generate(args) => args.run(),
    };
    ExitCode::from(code)
}

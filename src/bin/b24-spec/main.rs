//! `b24-spec`: schema export and spec checks for the docs team, response decoding for
//! integrators.
//!
//! Exit codes: 0 success; 1 problems found (spec errors, stale schemas, malformed body, I/O);
//! 2 wrong arguments; 3 the body is a portal error.
#![forbid(unsafe_code)]

mod decode;
mod decode_batch;
mod methods;
mod schema;

use std::path::PathBuf;
use std::process::ExitCode;

use b24_spec_codegen::cli::{CheckArgs, DocsArgs, DriftArgs};
use clap::{Parser, Subcommand};

/// Typed Bitrix24 open-lines REST spec: schemas, checks and response decoding.
#[derive(Debug, Parser)]
#[command(name = "b24-spec", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 success, 1 problems found (spec errors, stale schemas, malformed body, I/O), 2 wrong arguments, 3 the body is a portal error.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Write one JSON Schema file per method and kind, plus index.json.
    Schema {
        /// Folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Write nothing; list missing, stale and extra files and exit 1 if there are any.
        #[arg(long)]
        check: bool,
    },
    /// Write one docs page per method per language (official YFM format) at its official path.
    Docs(DocsArgs),
    /// Compare official method pages (YFM) with the spec: exit 1 on differences the spec has
    /// not recorded; recorded ones are listed as notes.
    Drift(DriftArgs),
    /// Validate a spec folder; print every problem as file:line:col.
    ///
    /// Also checks that each spec area (first segment of method names) has a cargo feature in
    /// the crate's Cargo.toml, and each area feature (`name = []`) an area. This tool compiles
    /// the repository's own spec, so on a broken spec use `cargo spec check` (b24-spec-docs).
    Check(CheckArgs),
    /// List the methods in the registry.
    Methods {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Decode a `batch` answer: each command's outcome through its own method's types.
    ///
    /// Exit 0 when every command succeeded, 3 when any answered an error or was not executed.
    DecodeBatch {
        /// A command as KEY=METHOD, in batch order (repeat for each command).
        #[arg(long = "cmd", value_name = "KEY=METHOD", required = true)]
        commands: Vec<String>,
        /// HTTP status the body came with.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u16).range(100..=599))]
        status: u16,
        /// File holding the body; `-` or nothing reads standard input.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Decode a portal response body through the generated types and print it normalized.
    ///
    /// Values that do not fit the spec are corrected (kept as sent) and reported as
    /// `warning:` lines on stderr; `--strict` makes them errors.
    Decode {
        /// Method name, e.g. imopenlines.dialog.get.
        method: String,
        /// HTTP status the body came with.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u16).range(100..=599))]
        status: u16,
        /// File holding the body; `-` or nothing reads standard input.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// Fail (exit 1) on the first value that does not fit the spec, naming its JSON path.
        #[arg(long)]
        strict: bool,
    },
}

/// Exit code for "problems found".
const PROBLEMS: u8 = b24_spec_codegen::cli::PROBLEMS;
/// Exit code for wrong arguments (also clap's).
const USAGE: u8 = 2;
/// Exit code for a decoded portal error.
const PORTAL_ERROR: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Schema { out, check } => schema::run(&out, check),
        Command::Check(args) => args.run(),
        Command::Methods { json } => methods::run(json),
        Command::DecodeBatch {
            commands,
            status,
            file,
        } => decode_batch::run(&commands, status, file.as_deref()),
        Command::Drift(args) => args.run(),
        Command::Docs(args) => args.run(),
        Command::Decode {
            method,
            status,
            file,
            strict,
        } => decode::run(&method, status, file.as_deref(), strict),
    };
    ExitCode::from(code)
}

//! `schema --out DIR [--check]`: write or verify the published schema files.

use std::path::Path;

use b24_spec::schema::schema_files;

use b24_spec_codegen::cli::files;

use crate::PROBLEMS;

pub fn run(out: &Path, check: bool) -> u8 {
    let schemas = schema_files();
    if check {
        let problems = files::compare(out, &schemas, ".json");
        if problems.is_empty() {
            println!(
                "{} schema files in {} are up to date",
                schemas.len(),
                out.display()
            );
            return 0;
        }
        for p in &problems {
            println!("{p}");
        }
        println!(
            "{} problem(s); run `cargo run --features cli -- schema --out {}`",
            problems.len(),
            out.display()
        );
        return PROBLEMS;
    }
    let written = match files::write(out, &schemas) {
        Ok(written) => written,
        Err(e) => {
            eprintln!("error: {e}");
            return PROBLEMS;
        }
    };
    for name in files::extra(out, &schemas, ".json").unwrap_or_default() {
        println!(
            "note: {} is not produced by the spec any more; delete it",
            out.join(name).display()
        );
    }
    println!(
        "{} schema files in {} ({} written, {} unchanged)",
        schemas.len(),
        out.display(),
        written,
        schemas.len() - written
    );
    0
}

//! `schema --out DIR [--check]`: write or verify the published schema files.

use std::path::Path;

use b24_spec::schema::schema_files;

use crate::{PROBLEMS, files};

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
    let done = match files::write(out, &schemas, ".json") {
        Ok(done) => done,
        Err(e) => {
            eprintln!("error: {e}");
            return PROBLEMS;
        }
    };
    for name in &done.extra {
        println!(
            "note: {} is not produced by the spec any more; delete it",
            out.join(name).display()
        );
    }
    println!(
        "{} schema files in {} ({} written, {} unchanged)",
        schemas.len(),
        out.display(),
        done.written,
        schemas.len() - done.written
    );
    0
}

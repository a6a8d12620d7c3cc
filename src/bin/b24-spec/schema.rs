//! `schema --out DIR [--check]`: write or verify the published schema files.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use b24_spec::schema::schema_files;

use crate::PROBLEMS;

pub fn run(out: &Path, check: bool) -> u8 {
    let files = schema_files();
    if check {
        return verify(out, &files);
    }
    if let Err(e) = fs::create_dir_all(out) {
        eprintln!("error: cannot create {}: {e}", out.display());
        return PROBLEMS;
    }
    let mut written = 0;
    for (name, text) in &files {
        let path = out.join(name);
        match b24_spec_codegen::write_if_changed(&path, text) {
            Ok(true) => {
                written += 1;
                println!("wrote {}", path.display());
            }
            Ok(false) => {}
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return PROBLEMS;
            }
        }
    }
    let stale = match extra_files(out, &files) {
        Ok(extra) => extra,
        Err(e) => {
            eprintln!("error: cannot list {}: {e}", out.display());
            return PROBLEMS;
        }
    };
    for name in &stale {
        println!(
            "note: {} is not produced by the spec any more; delete it",
            out.join(name).display()
        );
    }
    println!(
        "{} schema files in {} ({written} written, {} unchanged)",
        files.len(),
        out.display(),
        files.len() - written
    );
    0
}

/// `--check`: compare without writing.
fn verify(out: &Path, files: &[(String, String)]) -> u8 {
    let mut problems = Vec::new();
    for (name, text) in files {
        let path = out.join(name);
        match fs::read(&path) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => problems.push(format!("stale: {}", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                problems.push(format!("missing: {}", path.display()));
            }
            Err(e) => problems.push(format!("unreadable: {}: {e}", path.display())),
        }
    }
    match extra_files(out, files) {
        Ok(extra) => {
            problems.extend(
                extra
                    .iter()
                    .map(|n| format!("extra: {}", out.join(n).display())),
            );
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => problems.push(format!("unreadable: {}: {e}", out.display())),
    }
    if problems.is_empty() {
        println!(
            "{} schema files in {} are up to date",
            files.len(),
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
    PROBLEMS
}

/// `*.json` files in `out` that the spec does not produce.
fn extra_files(out: &Path, files: &[(String, String)]) -> io::Result<Vec<String>> {
    let expected: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let mut extra = Vec::new();
    for entry in fs::read_dir(out)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") && !expected.contains(name.as_str()) {
            extra.push(name);
        }
    }
    extra.sort();
    Ok(extra)
}

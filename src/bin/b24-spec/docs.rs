//! `docs --out DIR [--lang en|ru|all] [--spec SPEC_DIR] [--check]`: write or verify the method
//! pages the docs team publishes, one per method per language (`DIR/en/…`, `DIR/ru/…`).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use b24_spec_codegen::Lang;

use crate::PROBLEMS;

pub fn run(spec_dir: &Path, out: &Path, langs: &[Lang], check: bool) -> u8 {
    let spec = match b24_spec_codegen::check(spec_dir) {
        Ok(spec) => spec,
        Err(failed) => {
            println!("{}\n", failed.diagnostics.render());
            println!(
                "{}: {} problem(s)",
                spec_dir.display(),
                failed.diagnostics.len()
            );
            return PROBLEMS;
        }
    };
    let mut problems = Vec::new();
    let mut written = 0;
    let mut total = 0;
    for &lang in langs {
        let dir = out.join(lang.code());
        let pages = spec.pages(lang);
        total += pages.len();
        if !check {
            if let Err(e) = fs::create_dir_all(&dir) {
                eprintln!("error: cannot create {}: {e}", dir.display());
                return PROBLEMS;
            }
        }
        for (name, text) in &pages {
            let path = dir.join(name);
            if check {
                match fs::read(&path) {
                    Ok(bytes) if bytes == text.as_bytes() => {}
                    Ok(_) => problems.push(format!("stale: {}", path.display())),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {
                        problems.push(format!("missing: {}", path.display()));
                    }
                    Err(e) => problems.push(format!("unreadable: {}: {e}", path.display())),
                }
                continue;
            }
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
        match extra_pages(&dir, &pages) {
            Ok(extra) if check => problems.extend(
                extra
                    .iter()
                    .map(|n| format!("extra: {}", dir.join(n).display())),
            ),
            Ok(extra) => {
                for name in extra {
                    println!(
                        "note: {} is not produced by the spec any more; delete it",
                        dir.join(name).display()
                    );
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => problems.push(format!("unreadable: {}: {e}", dir.display())),
        }
    }
    if !check {
        println!(
            "{total} pages in {} ({written} written, {} unchanged)",
            out.display(),
            total - written
        );
        return if problems.is_empty() { 0 } else { PROBLEMS };
    }
    if problems.is_empty() {
        println!("{total} pages in {} are up to date", out.display());
        return 0;
    }
    for p in &problems {
        println!("{p}");
    }
    println!(
        "{} problem(s); run `cargo run --features cli -- docs --out {}`",
        problems.len(),
        out.display()
    );
    PROBLEMS
}

/// `*.md` files in `dir` that the spec does not produce.
fn extra_pages(dir: &Path, pages: &[(String, String)]) -> io::Result<Vec<String>> {
    let expected: BTreeSet<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    let mut extra = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !expected.contains(name.as_str()) {
            extra.push(name);
        }
    }
    extra.sort();
    Ok(extra)
}

//! `docs --out DIR [--lang en|ru|all] [--spec SPEC_DIR] [--check]`: write or verify the method
//! pages the docs team publishes, one per method per language (`DIR/en/…`, `DIR/ru/…`).

use std::path::Path;

use b24_spec_codegen::Lang;

use crate::{PROBLEMS, check, files};

pub fn run(spec_dir: &Path, out: &Path, langs: &[Lang], check_only: bool) -> u8 {
    let Some(spec) = check::load(spec_dir) else {
        return PROBLEMS;
    };
    let mut problems = Vec::new();
    let (mut written, mut total) = (0, 0);
    for &lang in langs {
        let dir = out.join(lang.code());
        let pages = spec.pages(lang);
        total += pages.len();
        if check_only {
            problems.extend(files::compare(&dir, &pages, ".md"));
            continue;
        }
        match files::write(&dir, &pages, ".md") {
            Ok(done) => {
                written += done.written;
                for name in done.extra {
                    println!(
                        "note: {} is not produced by the spec any more; delete it",
                        dir.join(name).display()
                    );
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return PROBLEMS;
            }
        }
    }
    if !check_only {
        println!(
            "{total} pages in {} ({written} written, {} unchanged)",
            out.display(),
            total - written
        );
        return 0;
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

//! `drift DOCS_DIR [--spec SPEC_DIR]`: compare official method pages with the spec.

use std::fs;
use std::path::{Path, PathBuf};

use crate::{PROBLEMS, check};

pub fn run(docs_dir: &Path, spec_dir: &Path) -> u8 {
    let Some(spec) = check::load(spec_dir) else {
        return PROBLEMS;
    };
    let mut pages = Vec::new();
    if let Err(e) = collect(docs_dir, &mut pages) {
        eprintln!("error: cannot read {}: {e}", docs_dir.display());
        return PROBLEMS;
    }
    let items = spec.drift(&pages);
    let (recorded, new): (Vec<_>, Vec<_>) = items.iter().partition(|i| i.recorded);
    for i in &new {
        println!("{}:{}: {}", i.file.display(), i.line, i.message);
    }
    for i in &recorded {
        println!(
            "{}:{}: note: recorded in the spec: {}",
            i.file.display(),
            i.line,
            i.message
        );
    }
    println!(
        "{} file(s) read: {} unrecorded difference(s), {} recorded",
        pages.len(),
        new.len(),
        recorded.len()
    );
    if new.is_empty() { 0 } else { PROBLEMS }
}

/// Every `*.md` file under `dir`, sorted by path, with its text (invalid UTF-8 replaced).
fn collect(dir: &Path, out: &mut Vec<(PathBuf, String)>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            let text = String::from_utf8_lossy(&fs::read(&path)?).into_owned();
            out.push((path, text));
        }
    }
    Ok(())
}

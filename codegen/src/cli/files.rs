//! Published output folders (`schemas/`, `docs/<lang>/`): write only what changed, or compare
//! without writing and list missing, stale and extra files.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `files` (path relative to `dir`, text), each atomically and only when its bytes
/// change, creating folders as needed; prints each file written and returns how many.
pub fn write(dir: &Path, files: &[(String, String)]) -> Result<usize, String> {
    let mut written = 0;
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        match crate::write_if_changed(&path, text) {
            Ok(true) => {
                written += 1;
                println!("wrote {}", path.display());
            }
            Ok(false) => {}
            Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
        }
    }
    Ok(written)
}

/// Files ending in `ext` right in `dir` that `files` does not name.
pub fn extra(dir: &Path, files: &[(String, String)], ext: &str) -> io::Result<Vec<String>> {
    let expected: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let mut extra = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(ext) && !expected.contains(name.as_str()) {
            extra.push(name);
        }
    }
    extra.sort();
    Ok(extra)
}

/// `missing: …`, `stale: …`, `extra: …` and `unreadable: …` lines for the files right in `dir`;
/// empty when up to date.
pub fn compare(dir: &Path, files: &[(String, String)], ext: &str) -> Vec<String> {
    let mut problems = compare_files(dir, files);
    match extra(dir, files, ext) {
        Ok(extra) => problems.extend(
            extra
                .iter()
                .map(|n| format!("extra: {}", dir.join(n).display())),
        ),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => problems.push(format!("unreadable: {}: {e}", dir.display())),
    }
    problems
}

/// [`compare`] for files at paths below `dir`: extra files are looked for in every folder
/// below it.
pub fn compare_tree(dir: &Path, files: &[(String, String)], ext: &str) -> Vec<String> {
    let mut problems = compare_files(dir, files);
    let expected: BTreeSet<PathBuf> = files.iter().map(|(n, _)| dir.join(n)).collect();
    let mut found = Vec::new();
    if let Err(e) = list(dir, ext, &mut found)
        && e.kind() != io::ErrorKind::NotFound
    {
        problems.push(format!("unreadable: {}: {e}", dir.display()));
    }
    found.sort();
    problems.extend(
        found
            .iter()
            .filter(|p| !expected.contains(*p))
            .map(|p| format!("extra: {}", p.display())),
    );
    problems
}

fn compare_files(dir: &Path, files: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        match fs::read(&path) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => problems.push(format!("stale: {}", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                problems.push(format!("missing: {}", path.display()));
            }
            Err(e) => problems.push(format!("unreadable: {}: {e}", path.display())),
        }
    }
    problems
}

/// Every file ending in `ext` below `dir` (symlinks not followed).
fn list(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            list(&path, ext, out)?;
        } else if kind.is_file() && path.to_string_lossy().ends_with(ext) {
            out.push(path);
        }
    }
    Ok(())
}

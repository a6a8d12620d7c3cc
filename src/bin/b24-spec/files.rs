//! Published output folders (`schemas/`, `docs/<lang>/`): write only what changed, or compare
//! without writing and list missing, stale and extra files.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

/// What writing a folder did: files written, and files there that the spec no longer produces.
pub struct Written {
    pub written: usize,
    pub extra: Vec<String>,
}

/// Writes `files` (name, text) into `dir`, each atomically and only when its bytes change.
pub fn write(dir: &Path, files: &[(String, String)], ext: &str) -> Result<Written, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = 0;
    for (name, text) in files {
        let path = dir.join(name);
        match b24_spec_codegen::write_if_changed(&path, text) {
            Ok(true) => {
                written += 1;
                println!("wrote {}", path.display());
            }
            Ok(false) => {}
            Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
        }
    }
    let extra =
        extra(dir, files, ext).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    Ok(Written { written, extra })
}

/// `missing: …`, `stale: …`, `extra: …` and `unreadable: …` lines; empty when up to date.
pub fn compare(dir: &Path, files: &[(String, String)], ext: &str) -> Vec<String> {
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
    match extra(dir, files, ext) {
        Ok(extra) => {
            problems.extend(
                extra
                    .iter()
                    .map(|n| format!("extra: {}", dir.join(n).display())),
            );
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => problems.push(format!("unreadable: {}: {e}", dir.display())),
    }
    problems
}

/// Files ending in `ext` in `dir` that `files` does not name.
fn extra(dir: &Path, files: &[(String, String)], ext: &str) -> io::Result<Vec<String>> {
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

//! `import PAGE... [--out DIR] [--force]`: a spec draft per official method page, written to
//! `DIR/methods/<method>.yaml`. A page that gives no draft is reported at its line and the
//! others are still imported; an existing draft is never overwritten without `--force`.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{ImportArgs, PROBLEMS};
use crate::import;

pub(super) fn run(args: &ImportArgs) -> u8 {
    let dir = args.out.join("methods");
    let mut failed = false;
    // method → the page it was imported from in this run: a second page of it is refused.
    let mut done: BTreeMap<String, PathBuf> = BTreeMap::new();
    for page in &args.pages {
        let bytes = match fs::read(page) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{}: cannot read: {e}", page.display());
                failed = true;
                continue;
            }
        };
        let draft = match import::draft(page, &bytes) {
            Ok(draft) => draft,
            Err(e) => {
                eprintln!("{}:{}: {}", page.display(), e.line, e.message);
                failed = true;
                continue;
            }
        };
        if let Some(first) = done.get(&draft.method) {
            eprintln!(
                "{}:1: `{}` was already imported from {} in this run; not written",
                page.display(),
                draft.method,
                first.display()
            );
            failed = true;
            continue;
        }
        let target = dir.join(format!("{}.yaml", draft.method));
        match write(&target, &draft.yaml, args.force) {
            Ok(()) => {
                println!(
                    "wrote {} from {} ({} TODO(import) line(s))",
                    target.display(),
                    page.display(),
                    draft.todos.len()
                );
                done.insert(draft.method, page.clone());
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                eprintln!(
                    "{}:1: `{}` already has a spec file, {}: not overwritten (pass --force to replace it)",
                    page.display(),
                    draft.method,
                    target.display()
                );
                failed = true;
            }
            Err(e) => {
                eprintln!("{}: cannot write: {e}", target.display());
                failed = true;
            }
        }
    }
    if failed { PROBLEMS } else { 0 }
}

/// Writes `text` to `path`; without `force`, only if no file is there (checked by the create
/// itself, so nothing written meanwhile is lost).
fn write(path: &Path, text: &str, force: bool) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    if force {
        crate::write_if_changed(path, text).map(|_| ())
    } else {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        file.write_all(text.as_bytes())
    }
}

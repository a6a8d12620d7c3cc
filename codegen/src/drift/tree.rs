//! Reading a docs tree (a checkout of an official docs repository, or any folder of pages)
//! without trusting it: unreadable files and folders, text that is not UTF-8 and symlink loops
//! are noted and skipped past, never fatal.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::Skipped;

/// The pages of a docs tree and what could not be read cleanly.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct DocsTree {
    /// `*.md` files: path relative to the tree's root, and text (invalid UTF-8 replaced).
    pub pages: Vec<(PathBuf, String)>,
    /// Files and folders skipped or read with replacements, and why.
    pub problems: Vec<Skipped>,
}

/// Reads every `*.md` file under `root` (hidden folders and `node_modules` left out), sorted by
/// path. Symlinked folders are followed once: a folder reached again is skipped.
pub fn read_tree(root: &Path) -> std::io::Result<DocsTree> {
    let (files, problems) = markdown_files(root)?;
    let mut tree = DocsTree {
        pages: Vec::new(),
        problems,
    };
    for rel_path in files {
        match fs::read(root.join(&rel_path)) {
            Ok(bytes) => {
                let text = match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        let why = format!("not UTF-8 (byte {at}); read with replacements");
                        problem(&mut tree.problems, rel_path.clone(), why);
                        String::from_utf8_lossy(e.as_bytes()).into_owned()
                    }
                };
                tree.pages.push((rel_path, text));
            }
            Err(e) => problem(&mut tree.problems, rel_path, format!("cannot read: {e}")),
        }
    }
    tree.problems.sort();
    Ok(tree)
}

/// The `*.md` files under `root` (paths relative to it, sorted), as [`read_tree`] finds them,
/// and the folders and files that could not be listed. Import reads the files itself, to
/// report a page that is not UTF-8 at its line instead of reading it with replacements.
pub(crate) fn markdown_files(root: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<Skipped>)> {
    // The root itself must be readable: anything wrong below it is only noted.
    fs::read_dir(root)?;
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    walk(root, Path::new(""), &mut seen, &mut files, &mut problems);
    files.sort();
    problems.sort();
    Ok((files, problems))
}

fn problem(problems: &mut Vec<Skipped>, file: PathBuf, why: String) {
    problems.push(Skipped { file, line: 0, why });
}

fn walk(
    dir: &Path,
    rel: &Path,
    seen: &mut BTreeSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Skipped>,
) {
    match fs::canonicalize(dir) {
        Ok(real) if !seen.insert(real.clone()) => {
            let why = format!(
                "folder already read as {} (a symlink loop?)",
                real.display()
            );
            return problem(problems, rel.to_path_buf(), why);
        }
        Ok(_) => {}
        Err(e) => return problem(problems, rel.to_path_buf(), format!("cannot resolve: {e}")),
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return problem(problems, rel.to_path_buf(), format!("cannot list: {e}")),
    };
    let mut names: Vec<std::ffi::OsString> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => names.push(entry.file_name()),
            Err(e) => problem(problems, rel.to_path_buf(), format!("cannot list: {e}")),
        }
    }
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let rel_path = rel.join(&name);
        let text_name = name.to_string_lossy();
        // `fs::metadata` follows symlinks: a dangling one is an error here.
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                problem(problems, rel_path, format!("cannot read: {e}"));
                continue;
            }
        };
        if meta.is_dir() {
            if !text_name.starts_with('.') && text_name != "node_modules" {
                walk(&path, &rel_path, seen, files, problems);
            }
        } else if text_name.ends_with(".md") {
            files.push(rel_path);
        }
    }
}

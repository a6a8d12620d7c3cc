//! `import [PAGE|DIR]... [--en PAGE|DIR]... [--ru PAGE|DIR]...`: a spec draft per method,
//! written to `OUT/methods/<method>.yaml`, from its page or from its en and ru pages together.
//! A page that gives no draft is reported at its line and the others are still imported; an
//! existing draft is never overwritten without `--force`, and a draft is written whole or not
//! at all.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{ImportArgs, PROBLEMS};
use crate::Lang;
use crate::drift::markdown_files;
use crate::import::{self, MethodPage};

/// A file to import: its path, the language it was given, and whether it was found in a
/// folder (where a page without a method H1 is skipped, not an error).
struct Input {
    path: PathBuf,
    lang: Option<Lang>,
    in_folder: bool,
}

/// What the run did, for the summary line.
#[derive(Default)]
struct Tally {
    written: usize,
    both: usize,
    skipped: usize,
    problems: usize,
}

pub(super) fn run(args: &ImportArgs) -> u8 {
    let mut tally = Tally::default();
    let default = args.lang.as_deref().and_then(Lang::parse);
    let named = args
        .pages
        .iter()
        .map(|p| (p, default))
        .chain(args.en.iter().map(|p| (p, Some(Lang::En))))
        .chain(args.ru.iter().map(|p| (p, Some(Lang::Ru))));
    let mut inputs = Vec::new();
    for (path, lang) in named {
        expand(path, lang, &mut inputs, &mut tally);
    }
    // method → its pages, one per language, in the order given.
    let mut methods: BTreeMap<String, Vec<(PathBuf, MethodPage)>> = BTreeMap::new();
    for input in inputs {
        let Some(page) = read(&input, &mut tally) else {
            continue;
        };
        let pages = methods.entry(page.method().to_string()).or_default();
        if let Some((first, _)) = pages.iter().find(|(_, p)| p.lang() == page.lang()) {
            eprintln!(
                "{}:1: another {} page of `{}` is already imported in this run ({}): not used",
                input.path.display(),
                page.lang().code(),
                page.method(),
                first.display()
            );
            tally.problems += 1;
            continue;
        }
        pages.push((input.path, page));
    }
    let dir = args.out.join("methods");
    for (method, pages) in &methods {
        let (Some((first_path, first)), second) = (pages.first(), pages.get(1)) else {
            continue;
        };
        let draft = match import::draft_of(first, second.map(|(_, p)| p)) {
            Ok(draft) => draft,
            Err(e) => {
                let path = second.map_or(first_path, |(p, _)| p);
                eprintln!("{}:{}: {}", path.display(), e.line, e.message);
                tally.problems += 1;
                continue;
            }
        };
        let from: Vec<String> = pages.iter().map(|(p, _)| p.display().to_string()).collect();
        let from = from.join(" and ");
        let target = dir.join(format!("{method}.yaml"));
        match write(&target, &draft.yaml, args.force) {
            Ok(()) => {
                println!(
                    "wrote {} from {from} ({} TODO(import) line(s))",
                    target.display(),
                    draft.todos.len()
                );
                tally.written += 1;
                if draft.other_lang.is_some() {
                    tally.both += 1;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                eprintln!(
                    "{}:1: `{method}` already has a spec file, {}: not overwritten (pass --force to replace it)",
                    first_path.display(),
                    target.display()
                );
                tally.problems += 1;
            }
            Err(e) => {
                eprintln!("{}: cannot write: {e}", target.display());
                tally.problems += 1;
            }
        }
    }
    println!(
        "{} draft(s) written ({} from both languages); {} file(s) in folders skipped (no method H1); {} problem(s)",
        tally.written, tally.both, tally.skipped, tally.problems
    );
    if tally.problems == 0 { 0 } else { PROBLEMS }
}

/// `path` itself, or every `*.md` file under it when it is a folder.
fn expand(path: &Path, lang: Option<Lang>, inputs: &mut Vec<Input>, tally: &mut Tally) {
    if !path.is_dir() {
        inputs.push(Input {
            path: path.to_path_buf(),
            lang,
            in_folder: false,
        });
        return;
    }
    match markdown_files(path) {
        Ok((files, problems)) => {
            for p in problems {
                eprintln!("{}: {}", path.join(&p.file).display(), p.why);
                tally.problems += 1;
            }
            inputs.extend(files.into_iter().map(|f| Input {
                path: path.join(f),
                lang,
                in_folder: true,
            }));
        }
        Err(e) => {
            eprintln!("{}: cannot read: {e}", path.display());
            tally.problems += 1;
        }
    }
}

/// The method page at `input`; `None` when it is skipped or reported.
fn read(input: &Input, tally: &mut Tally) -> Option<MethodPage> {
    let bytes = match fs::read(&input.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", input.path.display());
            tally.problems += 1;
            return None;
        }
    };
    if input.in_folder && !import::names_a_method(&String::from_utf8_lossy(&bytes)) {
        tally.skipped += 1;
        return None;
    }
    match import::read(&input.path, &bytes, input.lang) {
        Ok(page) => Some(page),
        Err(e) => {
            eprintln!("{}:{}: {}", input.path.display(), e.line, e.message);
            tally.problems += 1;
            None
        }
    }
}

/// Writes `text` to `path` whole (a temporary file renamed or linked into place, so a failed
/// write leaves nothing behind); without `force`, only if no file is there (checked by the
/// link itself, so nothing written meanwhile is lost).
fn write(path: &Path, text: &str, force: bool) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    if force {
        return crate::write_if_changed(path, text).map(|_| ());
    }
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".tmp{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    fs::write(&tmp, text).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    let placed = match fs::hard_link(&tmp, path) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists && !path.exists() => {
            // A file system without hard links: rename (not atomic against a racing writer).
            fs::rename(&tmp, path)
        }
        other => other,
    };
    let _ = fs::remove_file(&tmp);
    placed
}

//! `drift DOCS_DIR`: compare the official pages of the spec's methods with the spec. Prints
//! each unrecorded difference, each recorded one as a note, and one summary line; exit 1 only
//! for unrecorded differences on the spec's own pages.

use std::path::Path;

use super::{DriftArgs, PROBLEMS, check};
use crate::{Lang, Skipped, read_tree};

pub(super) fn run(args: &DriftArgs) -> u8 {
    let Some(spec) = check::load(&args.spec) else {
        return PROBLEMS;
    };
    let root = &args.docs_dir;
    let tree = match read_tree(root) {
        Ok(tree) => tree,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", root.display());
            return PROBLEMS;
        }
    };
    let lang = args.lang.as_deref().and_then(Lang::parse);
    let drift = spec.drift(&tree.pages, lang);
    let at = |file: &Path| root.join(file).display().to_string();
    let (recorded, new): (Vec<_>, Vec<_>) = drift.items.iter().partition(|i| i.recorded);
    for i in &new {
        println!("{}:{}: {}", at(&i.file), i.line, i.message);
    }
    for i in &recorded {
        println!(
            "{}:{}: note: recorded in the spec: {}",
            at(&i.file),
            i.line,
            i.message
        );
    }
    if args.verbose {
        let lists: [(&str, &[Skipped]); 4] = [
            (
                "not compared (another method's table)",
                &drift.unreadable_elsewhere,
            ),
            ("not compared (duplicate page)", &drift.duplicates),
            ("not compared (inside a `json` item)", &drift.inside_json),
            ("read with a problem", &tree.problems),
        ];
        for (what, list) in lists {
            for s in list {
                println!("{}:{}: {what}: {}", at(&s.file), s.line, s.why);
            }
        }
        for (method, lang) in &drift.missing {
            println!("{}: no {} page of `{method}`", root.display(), lang.code());
        }
    }
    let compared: Vec<String> = drift
        .compared
        .iter()
        .map(|(m, l, _)| format!("{m} ({})", l.code()))
        .collect();
    println!(
        "{} page(s) read, {} compared{}: {} unrecorded difference(s), {} recorded; not compared: \
         {} other method page(s) ({} with tables this reader cannot follow), {} non-method \
         page(s), {} duplicate(s), {} row(s) inside `json` items, {} file(s) with read problems, \
         {} spec page(s) not found{}",
        drift.pages_read,
        compared.len(),
        // Name the methods when they fit on a line (or when asked).
        if compared.is_empty() || (compared.len() > 5 && !args.verbose) {
            String::new()
        } else {
            format!(" [{}]", compared.join(", "))
        },
        new.len(),
        recorded.len(),
        drift.other_methods,
        drift.unreadable_elsewhere.len(),
        drift.not_method_pages,
        drift.duplicates.len(),
        drift.inside_json.len(),
        tree.problems.len(),
        drift.missing.len(),
        if args.verbose {
            ""
        } else {
            " (--verbose lists them)"
        }
    );
    if new.is_empty() { 0 } else { PROBLEMS }
}

//! `docs`: write or verify the method pages the docs team publishes, each at its path in the
//! official repository of its language. Only the spec's pages are written; nothing else in
//! the folder is touched, so `--out` may point at a checkout of the docs repository.

use std::path::PathBuf;

use super::{DocsArgs, PROBLEMS, check, files};
use crate::Lang;

pub(super) fn run(args: &DocsArgs) -> u8 {
    let Some(spec) = check::load(&args.spec) else {
        return PROBLEMS;
    };
    // One language: its official paths right under DIR; both: under DIR/en/ and DIR/ru/.
    let targets: Vec<(Lang, PathBuf)> = match Lang::parse(&args.lang) {
        Some(one) => vec![(one, args.out.clone())],
        None => Lang::ALL
            .iter()
            .map(|&lang| (lang, args.out.join(lang.code())))
            .collect(),
    };
    let out = args.out.display();
    let mut problems = Vec::new();
    let (mut written, mut total) = (0, 0);
    for (lang, dir) in &targets {
        let pages = spec.pages(*lang);
        total += pages.len();
        if args.check {
            problems.extend(files::compare_tree(dir, &pages, ".md"));
            continue;
        }
        match files::write(dir, &pages) {
            Ok(done) => written += done,
            Err(e) => {
                eprintln!("error: {e}");
                return PROBLEMS;
            }
        }
    }
    if !args.check {
        println!(
            "{total} pages in {out} ({written} written, {} unchanged)",
            total - written
        );
        return 0;
    }
    if problems.is_empty() {
        println!("{total} pages in {out} are up to date");
        return 0;
    }
    for p in &problems {
        println!("{p}");
    }
    println!(
        "{} problem(s); run `cargo spec docs --out {out}`",
        problems.len()
    );
    PROBLEMS
}

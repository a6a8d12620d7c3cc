//! Every folder in `tests/fixtures/bad-specs/` holds one spec mistake. Each gives exactly one
//! located diagnostic through the same codegen entry point build.rs uses, rendered like rustc.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new("tests/fixtures/bad-specs");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn each_bad_spec_gives_one_located_diagnostic() {
    let cases = cases();
    assert!(cases.len() >= 14, "expected the full set of bad specs");
    for dir in cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let failed = match b24_spec_codegen::generate(&dir) {
            Ok(_) => panic!("{name}: the bad spec was accepted"),
            Err(failed) => failed,
        };
        assert_eq!(
            failed.diagnostics.len(),
            1,
            "{name}: {}",
            failed.diagnostics
        );
        let d = failed.diagnostics.iter().next().unwrap();
        assert!(
            d.file().starts_with(&dir),
            "{name}: located in {}",
            d.file().display()
        );
        let empty = name == "empty-file";
        assert_eq!(d.line() > 0, !empty, "{name}: has a line number");
        assert!(d.hint().is_some(), "{name}: has a fix hint");
        // What build.rs prints as `cargo::error=` and what `b24-spec check` prints.
        let text = format!("{}\n\n{}\n", d, failed.diagnostics.render());
        insta::assert_snapshot!(name, text);
    }
}

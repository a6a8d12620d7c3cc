//! Docs pages from the golden spec (every param, result and error shape), pinned per language.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use b24_spec_codegen::{Lang, Spec};

#[test]
fn golden_spec_pages_in_both_languages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/golden-spec");
    let spec = Spec::load(&dir).unwrap();
    for lang in Lang::ALL {
        let pages = spec.pages(lang);
        assert_eq!(pages.len(), 5);
        for (name, text) in pages {
            assert!(
                name.starts_with("golden-") && name.ends_with(".md"),
                "{name}"
            );
            // No empty cells: every table row ends with text before `||`.
            for line in text.lines().filter(|l| l.ends_with("||")) {
                assert!(
                    !line.contains("|  ||") && !line.contains("| ||"),
                    "{name}: {line}"
                );
            }
            insta::assert_snapshot!(format!("{}-{name}", lang.code()), text);
        }
    }
}

#[test]
fn pages_are_deterministic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let a = Spec::load(&dir).unwrap().pages(Lang::Ru);
    let b = Spec::load(&dir).unwrap().pages(Lang::Ru);
    assert_eq!(a, b);
}

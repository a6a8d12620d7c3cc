//! Drift and links against the whole `api-reference/` tree of the Russian official docs
//! repository (`tests/fixtures/official-trees/`, MIT), as the docs team has it checked out:
//! drift compares only the spec's pages and finds exactly the recorded differences, and every
//! link and include of the generated pages (both languages: the English repository has the
//! same layout) resolves to a file the repository holds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

mod common;

use b24_spec_codegen::Lang;
use common::{root, spec};

/// Every file path of the official repository (`tests/fixtures/official-tree/ru/files.txt`).
fn repository_files() -> BTreeSet<String> {
    let list = root().join("tests/fixtures/official-tree/ru/files.txt");
    std::fs::read_to_string(list)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn drift_summary(lang: &str) -> String {
    // Tables this reader cannot follow on other methods' pages are only counted.
    let pages = common::official_tree(lang);
    assert!(
        pages.len() > 2000,
        "{lang}: the whole tree ({})",
        pages.len()
    );
    let drift = spec().drift(&pages, None);
    assert_eq!(
        drift.compared.len(),
        spec().methods().count(),
        "{lang}: each of the spec's pages"
    );
    assert!(drift.missing.is_empty(), "{lang}: {:?}", drift.missing);
    assert!(
        drift.duplicates.is_empty(),
        "{lang}: {:?}",
        drift.duplicates
    );
    // The other pages are read (their tables too) but only counted.
    assert!(
        drift.other_methods > 1000,
        "{lang}: {}",
        drift.other_methods
    );
    let mut out = String::new();
    for (method, l, file) in &drift.compared {
        assert_eq!(l.code(), lang);
        out.push_str(&format!("compared {method}: {}\n", file.display()));
    }
    for i in &drift.items {
        out.push_str(&format!(
            "note {}:{}: {}\n",
            i.file.display(),
            i.line,
            i.message
        ));
    }
    out
}

#[test]
fn drift_on_the_whole_russian_tree_gives_only_recorded_differences() {
    insta::assert_snapshot!(drift_summary("ru"));
}

#[test]
fn every_link_of_the_generated_pages_resolves_in_the_official_repository() {
    let spec = spec();
    let files = repository_files();
    for lang in Lang::ALL {
        for (path, text) in spec.pages(lang) {
            assert!(
                files.contains(&path),
                "{path}: not a page of the repository"
            );
            let links = common::relative_links(&text);
            for link in &links {
                let target = common::resolve(&path, link);
                assert!(
                    target.as_ref().is_some_and(|t| files.contains(t)),
                    "{} {path}: `{link}` resolves to {target:?}, not a file of the repository",
                    lang.code()
                );
            }
            let links = links.len();
            assert!(links >= 4, "{path}: {links} links");
        }
    }
}

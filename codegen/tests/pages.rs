//! Docs pages from the golden spec (every param, result and error shape), pinned per language.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use b24_spec_codegen::{Lang, Spec};

#[test]
fn golden_spec_pages_in_both_languages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/golden-spec");
    let spec = Spec::load(&dir).unwrap();
    for lang in Lang::ALL {
        let pages = spec.pages(lang);
        assert_eq!(pages.len(), 5);
        for (path, text) in pages {
            // Pages sit at the spec's paths, at different depths.
            assert!(path.starts_with("api-reference/"), "{path}");
            let name = Path::new(&path).file_name().unwrap().to_string_lossy();
            assert!(
                name.starts_with("golden-") && name.ends_with(".md"),
                "{name}"
            );
            tables_keep_their_columns(&path, &text);
            links_fit_the_depth(&path, &text);
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

/// Cells of a `#|` table row: split at `|` that is not escaped as `\|` (YFM splits inside
/// backticks too).
fn cells(row: &str) -> usize {
    let inner = row.trim().trim_start_matches("||").trim_end_matches("||");
    let mut count = 1;
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '\\' => escaped = !escaped,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}

/// Every row of every table has as many cells as the table's header.
fn tables_keep_their_columns(path: &str, text: &str) {
    let mut header: Option<usize> = None;
    let mut row = String::new();
    for line in text.lines() {
        if line.starts_with("#|") {
            header = None;
            continue;
        }
        if line.starts_with("|#") {
            continue;
        }
        if line.starts_with("||") || !row.is_empty() {
            row.push_str(line);
            row.push('\n');
            if line.ends_with("||") && row.trim() != "||" {
                let n = cells(&row);
                match header {
                    None => header = Some(n),
                    Some(h) => assert_eq!(n, h, "{path}: row has {n} cells, header {h}: {row}"),
                }
                row.clear();
            }
        }
    }
}

/// Every relative link and include resolves, from the page's own folder, to one of the files
/// the pages may link to (which the official repositories hold).
fn links_fit_the_depth(path: &str, text: &str) {
    let links = common::relative_links(text);
    for link in &links {
        let target = common::resolve(path, link);
        assert!(
            target
                .as_deref()
                .is_some_and(|t| b24_spec_codegen::LINK_TARGETS.contains(&t)),
            "{path}: `{link}` resolves to {target:?}"
        );
    }
    let links = links.len();
    assert!(links >= 4, "{path}: only {links} links");
}

#[test]
fn relative_links_follow_the_page_depth() {
    use b24_spec_codegen::relative_link;
    let page = "api-reference/imopenlines/openlines/sessions/x.md";
    assert_eq!(
        relative_link(page, "api-reference/data-types.md"),
        "../../../data-types.md"
    );
    assert_eq!(
        relative_link(page, "_includes/examples.md"),
        "../../../../_includes/examples.md"
    );
    let page = "api-reference/imopenlines/openlines/x.md";
    assert_eq!(
        relative_link(page, "api-reference/data-types.md"),
        "../../data-types.md"
    );
    assert_eq!(
        relative_link(page, "api-reference/scopes/permissions.md"),
        "../../scopes/permissions.md"
    );
    assert_eq!(
        relative_link("api-reference/x.md", "api-reference/data-types.md"),
        "data-types.md"
    );
    assert_eq!(relative_link("x.md", "_includes/a.md"), "_includes/a.md");
}

#[test]
fn a_bar_in_a_cell_is_escaped() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/golden-spec");
    let spec = Spec::load(&dir).unwrap();
    let pages = spec.pages(Lang::En);
    let (_, page) = pages
        .iter()
        .find(|(p, _)| p.ends_with("golden-item-get.md"))
        .unwrap();
    assert!(
        page.contains(r"`<connector>`\|`<line>`\|`<chat>`\|`<user>`; a bare \| too."),
        "{page}"
    );
}

#[test]
fn pages_are_deterministic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let a = Spec::load(&dir).unwrap().pages(Lang::Ru);
    let b = Spec::load(&dir).unwrap().pages(Lang::Ru);
    assert_eq!(a, b);
}

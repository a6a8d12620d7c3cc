//! `Spec::drift` against the official pages in `tests/fixtures/official-pages/` (MIT): the
//! repo's spec gives exactly its recorded differences, and each kind of page change is found
//! at the right line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use b24_spec_codegen::{DriftItem, Spec};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec() -> Spec {
    Spec::load(&root().join("spec")).unwrap()
}

fn official(lang: &str, page: &str) -> (PathBuf, String) {
    let path = PathBuf::from(format!("official-pages/{lang}/{page}"));
    let text = std::fs::read_to_string(root().join("tests/fixtures").join(&path)).unwrap();
    (path, text)
}

fn all_pages() -> Vec<(PathBuf, String)> {
    let mut pages = Vec::new();
    for lang in ["en", "ru"] {
        for page in ["imopenlines-dialog-get.md", "imopenlines-session-open.md"] {
            pages.push(official(lang, page));
        }
    }
    pages
}

fn render(items: &[DriftItem]) -> String {
    items
        .iter()
        .map(|i| {
            let kind = if i.recorded { "recorded" } else { "NEW" };
            format!("{}:{}: [{kind}] {}", i.file.display(), i.line, i.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_spec_against_the_official_pages_gives_only_recorded_differences() {
    let items = spec().drift(&all_pages());
    assert!(
        !items.is_empty(),
        "the pages are known to differ (background_id, public)"
    );
    assert!(items.iter().all(|i| i.recorded), "{}", render(&items));
    insta::assert_snapshot!(render(&items));
}

/// Drift of the English dialog.get page after `edit`, without the recorded items.
fn new_after(edit: impl Fn(&str) -> String) -> Vec<String> {
    let (path, text) = official("en", "imopenlines-dialog-get.md");
    let edited = edit(&text);
    assert_ne!(edited, text, "the mutation changed nothing");
    spec()
        .drift(&[(path, edited)])
        .into_iter()
        .filter(|i| !i.recorded)
        .map(|i| format!("{}: {}", i.line, i.message))
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.starts_with(needle)).unwrap() + 1
}

#[test]
fn a_removed_row_is_missing_at_the_title() {
    let found = new_after(|t| {
        t.replace(
            "|| **owner**\n[`integer`](../../../data-types.md) | Identifier of the chat owner ||\n",
            "",
        )
    });
    assert_eq!(
        found,
        ["1: result field `result.owner`: in the spec, not on the page"]
    );
}

#[test]
fn a_changed_type_is_found_at_its_row() {
    let (_, text) = official("en", "imopenlines-dialog-get.md");
    let row = line_of(&text, "|| **extranet**");
    let found = new_after(|t| {
        t.replace(
            "|| **extranet**\n[`boolean`]",
            "|| **extranet**\n[`string`]",
        )
    });
    assert_eq!(
        found,
        [format!(
            "{row}: result field `result.extranet`: the page says `string`, the spec `boolean`"
        )]
    );
}

#[test]
fn a_changed_status_is_found_at_its_row() {
    let (_, text) = official("en", "imopenlines-dialog-get.md");
    let row = line_of(&text, "|| `400` | `IM_NOT_INSTALLED`");
    let found = new_after(|t| {
        t.replace(
            "|| `400` | `IM_NOT_INSTALLED`",
            "|| `500` | `IM_NOT_INSTALLED`",
        )
    });
    assert_eq!(
        found,
        [format!(
            "{row}: error `IM_NOT_INSTALLED`: the page gives status 500, the spec 400"
        )]
    );
}

#[test]
fn a_removed_nested_table_loses_its_fields() {
    let found = new_after(|t| {
        let start = t.find("### Restrictions Object {#restrictions}").unwrap();
        let end = start + t[start..].find("|#").unwrap() + 2;
        format!("{}{}", &t[..start], &t[end..])
    });
    assert_eq!(found.len(), 9, "{found:?}");
    assert!(
        found
            .iter()
            .all(|f| f.starts_with("1: result field `result.restrictions.")),
        "{found:?}"
    );
}

#[test]
fn a_row_only_the_page_has_is_found_at_its_line() {
    let (_, text) = official("en", "imopenlines-dialog-get.md");
    let row = line_of(&text, "|| **extranet**");
    let found = new_after(|t| {
        t.replace(
            "|| **extranet**",
            "|| **brand_new**\n[`string`](../../../data-types.md) | New ||\n|| **extranet**",
        )
    });
    assert_eq!(
        found,
        [format!(
            "{row}: result field `result.brand_new`: on the page, not in the spec"
        )]
    );
}

#[test]
fn a_table_that_cannot_be_read_is_located_and_nothing_panics() {
    let (path, text) = official("en", "imopenlines-dialog-get.md");
    let last = text.rfind("|#").unwrap();
    let unclosed = format!("{}{}", &text[..last], &text[last + 2..]);
    let items = spec().drift(&[(path.clone(), unclosed)]);
    assert_eq!(items.len(), 1, "{}", render(&items));
    assert!(
        items[0].message.starts_with("cannot read this table"),
        "{}",
        render(&items)
    );
    assert!(!items[0].recorded);
    // Every prefix of every page is read without a panic.
    let spec = spec();
    for (path, text) in all_pages() {
        for cut in (0..text.len())
            .step_by(97)
            .filter(|c| text.is_char_boundary(*c))
        {
            let _ = spec.drift(&[(path.clone(), text[..cut].to_string())]);
        }
    }
}

#[test]
fn page_variants_dotted_rows_caret_stars_and_no_status_column() {
    let page = "# Open a session imopenlines.session.open\n\n## Method Parameters\n\n#|\n|| **Name**\n`type` | **Description** ||\n|| **USER_CODE**^*^\n[`string`](x.md) | The code `a|b|c|d` ||\n|#\n\n## Response Handling\n\n### Returned Data\n\n#|\n|| **Name**\n`type` | **Description** ||\n|| **result**\n[`object`](x.md) | Result ||\n|| **result.chatId**\n[`integer`](x.md) | Chat id ||\n|#\n\n## Error Handling\n\n#|\n|| **Code** | **Description** | **Value** ||\n|| `ACCESS_DENIED` | No | No access ||\n|#\n";
    let items = spec().drift(&[(
        PathBuf::from("variants/imopenlines-session-open.md"),
        page.to_string(),
    )]);
    assert!(items.is_empty(), "{}", render(&items));
    let optional = page.replace("**USER_CODE**^*^", "**USER_CODE**");
    let items = spec().drift(&[(
        PathBuf::from("variants/imopenlines-session-open.md"),
        optional,
    )]);
    assert_eq!(
        render(&items),
        "variants/imopenlines-session-open.md:8: [NEW] parameter `USER_CODE`: the page says optional, the spec required"
    );
}

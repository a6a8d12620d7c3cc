//! `Spec::drift` against the official pages in `tests/fixtures/official-pages/` (MIT, at their
//! paths in the official repositories): the repo's spec gives exactly its recorded
//! differences, and each kind of page change is found at the right line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

mod common;

use b24_spec_codegen::{DriftItem, Lang};
use common::{root, spec};

const SESSIONS: &str = "api-reference/imopenlines/openlines/sessions";

/// An official page by file name: its path in the repository, and its text.
fn official(lang: &str, page: &str) -> (PathBuf, String) {
    let path = if page == "imopenlines-revision-get.md" {
        PathBuf::from(format!("api-reference/imopenlines/openlines/{page}"))
    } else {
        PathBuf::from(format!("{SESSIONS}/{page}"))
    };
    let file = root()
        .join("tests/fixtures/official-pages")
        .join(lang)
        .join(&path);
    (path, std::fs::read_to_string(file).unwrap())
}

fn all_pages(lang: &str) -> Vec<(PathBuf, String)> {
    [
        "imopenlines-dialog-get.md",
        "imopenlines-session-open.md",
        "imopenlines-revision-get.md",
    ]
    .into_iter()
    .map(|page| official(lang, page))
    .collect()
}

fn render(items: &[DriftItem]) -> String {
    items
        .iter()
        .map(|i| {
            let kind = if i.recorded { "recorded" } else { "NEW" };
            let lang = i.lang.code();
            format!(
                "{lang} {}:{}: [{kind}] {}",
                i.file.display(),
                i.line,
                i.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_spec_against_the_official_pages_gives_only_recorded_differences() {
    let mut items = Vec::new();
    for lang in ["en", "ru"] {
        let drift = spec().drift(&all_pages(lang), None);
        assert_eq!(drift.compared.len(), 3, "{lang}: every page is compared");
        assert!(
            drift.compared.iter().all(|(_, l, _)| l.code() == lang),
            "{lang}: the language is told from the title"
        );
        items.extend(drift.items);
    }
    assert!(
        !items.is_empty(),
        "the pages are known to differ (background_id, public)"
    );
    // Today every difference is recorded ([recorded] in the snapshot); a spec edit the pages
    // do not have yet shows up as [NEW] lines when its snapshots are accepted.
    insta::assert_snapshot!(render(&items));
}

#[test]
fn the_language_given_overrides_the_title() {
    // The Russian pages read as English: every difference the spec records is recorded for
    // both languages, so the same items come out, now for `en`.
    let pages = all_pages("ru");
    let as_ru = spec().drift(&pages, Some(Lang::Ru));
    let as_en = spec().drift(&pages, Some(Lang::En));
    assert_eq!(as_ru.items.len(), as_en.items.len());
    assert!(as_en.items.iter().all(|i| i.lang == Lang::En && i.recorded));
    assert!(as_ru.items.iter().all(|i| i.lang == Lang::Ru && i.recorded));
}

#[test]
fn a_page_away_from_the_spec_path_is_a_difference() {
    let (_, text) = official("en", "imopenlines-session-open.md");
    let moved = PathBuf::from("api-reference/imopenlines/moved/imopenlines-session-open.md");
    let drift = spec().drift(&[(moved, text)], None);
    let new: Vec<&DriftItem> = drift.unrecorded().collect();
    assert_eq!(new.len(), 1, "{}", render(&drift.items));
    assert!(
        new[0].message.contains("the spec's `pages.en` says"),
        "{}",
        new[0].message
    );
}

#[test]
fn other_pages_are_counted_not_compared() {
    let other = "# Some other method crm.item.get\n\n## Parameters\n\n#|\n|| broken\n";
    let index = "# Open lines\n\nNo method here.\n";
    let mut pages = all_pages("en");
    pages.push((
        PathBuf::from("api-reference/crm/crm-item-get.md"),
        other.to_string(),
    ));
    pages.push((PathBuf::from("api-reference/index.md"), index.to_string()));
    // A second page of one of the spec's methods, elsewhere: not compared, listed.
    let (_, dup) = official("en", "imopenlines-dialog-get.md");
    pages.push((PathBuf::from("outdated/imopenlines-dialog-get.md"), dup));
    let drift = spec().drift(&pages, None);
    assert!(
        drift.unrecorded().next().is_none(),
        "{}",
        render(&drift.items)
    );
    assert_eq!(drift.pages_read, 6);
    assert_eq!(drift.other_methods, 1);
    assert_eq!(drift.unreadable_elsewhere.len(), 1);
    assert_eq!(drift.not_method_pages, 1);
    assert_eq!(drift.duplicates.len(), 1);
    assert_eq!(
        drift.duplicates[0].file,
        PathBuf::from("outdated/imopenlines-dialog-get.md")
    );
    // Only methods without an official page among the fixtures are missing.
    assert_eq!(drift.missing.len(), spec().methods().count() - 3);
}

/// Drift of the English dialog.get page after `edit`, without the recorded items.
fn new_after(edit: impl Fn(&str) -> String) -> Vec<String> {
    let (path, text) = official("en", "imopenlines-dialog-get.md");
    let edited = edit(&text);
    assert_ne!(edited, text, "the mutation changed nothing");
    spec()
        .drift(&[(path, edited)], None)
        .items
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
    let items = spec().drift(&[(path.clone(), unclosed)], None).items;
    assert_eq!(items.len(), 1, "{}", render(&items));
    assert!(
        items[0].message.starts_with("cannot read this table"),
        "{}",
        render(&items)
    );
    assert!(!items[0].recorded);
    // Every prefix of every page is read without a panic.
    let spec = spec();
    for (path, text) in all_pages("en").into_iter().chain(all_pages("ru")) {
        for cut in (0..text.len())
            .step_by(97)
            .filter(|c| text.is_char_boundary(*c))
        {
            let _ = spec.drift(&[(path.clone(), text[..cut].to_string())], None);
        }
    }
}

#[test]
fn page_variants_dotted_rows_caret_stars_and_no_status_column() {
    let page = "# Open a session imopenlines.session.open\n\n## Method Parameters\n\n#|\n|| **Name**\n`type` | **Description** ||\n|| **USER_CODE**^*^\n[`string`](x.md) | The code `a|b|c|d` ||\n|#\n\n## Response Handling\n\n### Returned Data\n\n#|\n|| **Name**\n`type` | **Description** ||\n|| **result**\n[`object`](x.md) | Result ||\n|| **result.chatId**\n[`integer`](x.md) | Chat id ||\n|#\n\n## Error Handling\n\n#|\n|| **Code** | **Description** | **Value** ||\n|| `ACCESS_DENIED` | No | No access ||\n|#\n";
    let path = PathBuf::from(format!("{SESSIONS}/imopenlines-session-open.md"));
    let items = spec()
        .drift(&[(path.clone(), page.to_string())], None)
        .items;
    assert!(items.is_empty(), "{}", render(&items));
    let optional = page.replace("**USER_CODE**^*^", "**USER_CODE**");
    let items = spec().drift(&[(path, optional)], None).items;
    assert_eq!(
        render(&items),
        format!(
            "en {SESSIONS}/imopenlines-session-open.md:8: [NEW] parameter `USER_CODE`: the page says optional, the spec required"
        )
    );
}

#[test]
fn generated_pages_read_back_with_no_difference() {
    // The repo's spec and the golden spec (every param, result and error shape): drift of the
    // pages `docs` writes finds nothing, so the reader and the writer agree on the format.
    let golden = b24_spec_codegen::Spec::load(&root().join("tests/fixtures/golden-spec")).unwrap();
    for spec in [spec(), golden] {
        for lang in Lang::ALL {
            let pages: Vec<(PathBuf, String)> = spec
                .pages(lang)
                .into_iter()
                .map(|(path, text)| (PathBuf::from(path), text))
                .collect();
            let drift = spec.drift(&pages, None);
            assert_eq!(drift.compared.len(), pages.len(), "{lang:?}");
            assert!(drift.items.is_empty(), "{lang:?}: {}", render(&drift.items));
        }
    }
}

//! `import`: a spec draft from an official page holds what the page says, in its language; after
//! the editor adds the other language it loads, and drift of the same page against it finds
//! nothing. Bad pages are reported at their line without stopping the others.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use b24_spec_codegen::import::{Draft, draft};
use b24_spec_codegen::{Lang, Spec};
use common::{root, scratch};

const BIN: &str = env!("CARGO_BIN_EXE_b24-spec-docs");
const OPENLINES: &str = "api-reference/imopenlines/openlines";

/// A fixture page's path relative to the repository root, as drift is given it.
fn fixture(lang: &str, page: &str) -> PathBuf {
    PathBuf::from(format!(
        "tests/fixtures/official-pages/{lang}/{OPENLINES}/{page}"
    ))
}

fn import(path: &Path) -> Draft {
    let bytes = std::fs::read(root().join(path)).unwrap();
    draft(path, &bytes).unwrap()
}

/// What an editor does first: the missing language's texts, here copied from the page's.
fn fill_other_language(yaml: &str, lang: Lang) -> String {
    let (have, missing) = match lang {
        Lang::En => ("en: ", "ru: "),
        Lang::Ru => ("ru: ", "en: "),
    };
    let lines: Vec<&str> = yaml.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let indent = line.len() - line.trim_start().len();
        // `pages` already has both languages.
        let next_is_missing = [i.wrapping_sub(1), i + 1].iter().any(|j| {
            lines
                .get(*j)
                .is_some_and(|n| n.trim_start().starts_with(missing))
        });
        if let Some(value) = line.trim_start().strip_prefix(have)
            && !next_is_missing
        {
            out.push_str(&" ".repeat(indent));
            out.push_str(missing);
            out.push_str(value);
            out.push('\n');
        }
    }
    out
}

/// The repository's shared files, as `Spec::from_texts` takes them.
fn shared() -> Vec<(PathBuf, String)> {
    let dir = root().join("spec/shared");
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    files.sort();
    files
}

fn load(method: &str, yaml: &str) -> Result<Spec, b24_spec_codegen::Failed> {
    let path = PathBuf::from(format!("spec/methods/{method}.yaml"));
    let shared = shared();
    let shared: Vec<(&Path, &str)> = shared
        .iter()
        .map(|(p, t)| (p.as_path(), t.as_str()))
        .collect();
    Spec::from_texts(&[(path.as_path(), yaml)], &shared)
}

#[test]
fn draft_of_session_open() {
    let d = import(&fixture("en", "sessions/imopenlines-session-open.md"));
    assert_eq!(d.method, "imopenlines.session.open");
    assert_eq!(d.lang, Lang::En);
    insta::assert_snapshot!(d.yaml);
}

/// Import, fill the other language, load, write pages, and compare the original page with the
/// spec: every difference drift finds is one listed here.
fn round_trip(page: &Path, lang: Lang, expected: &[&str]) {
    let d = import(page);
    let yaml = fill_other_language(&d.yaml, lang);
    let spec = load(&d.method, &yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    let pages = spec.pages(lang);
    assert_eq!(pages.len(), 1);
    assert!(
        page.to_string_lossy().ends_with(&pages[0].0),
        "the generated page goes where the official one is: {}",
        pages[0].0
    );
    let text = std::fs::read_to_string(root().join(page)).unwrap();
    let drift = spec.drift(&[(page.to_path_buf(), text)], None);
    assert_eq!(drift.compared.len(), 1, "{drift:?}");
    let found: Vec<String> = drift.unrecorded().map(|i| i.message.clone()).collect();
    assert_eq!(found, expected, "{yaml}");
    // The generated page reads back the same way.
    let generated = spec.drift(&[(PathBuf::from(&pages[0].0), pages[0].1.clone())], None);
    let found: Vec<String> = generated.unrecorded().map(|i| i.message.clone()).collect();
    assert_eq!(found, expected, "{}", pages[0].1);
}

#[test]
fn revision_get_round_trips_through_drift() {
    round_trip(&fixture("en", "imopenlines-revision-get.md"), Lang::En, &[]);
}

#[test]
fn session_open_round_trips_through_drift() {
    round_trip(
        &fixture("en", "sessions/imopenlines-session-open.md"),
        Lang::En,
        &[],
    );
}

#[test]
fn a_russian_page_gives_russian_texts() {
    let page = fixture("ru", "sessions/imopenlines-session-open.md");
    let d = import(&page);
    assert_eq!(d.lang, Lang::Ru);
    assert!(d.yaml.contains("  ru: \""), "{}", d.yaml);
    assert!(!d.yaml.contains("  en: \"Get"), "{}", d.yaml);
    round_trip(&page, Lang::Ru, &[]);
}

#[test]
fn the_missing_language_is_reported_by_check_at_its_line() {
    let d = import(&fixture("en", "imopenlines-revision-get.md"));
    let e = load(&d.method, &d.yaml).unwrap_err().to_string();
    assert!(
        e.contains("spec/methods/imopenlines.revision.get.yaml:"),
        "{e}"
    );
    assert!(e.contains("ru"), "{e}");
    assert!(
        d.yaml.starts_with("# Draft of `imopenlines.revision.get`")
            && d.yaml.contains("# TODO(import): add the `ru` texts"),
        "{}",
        d.yaml
    );
    assert!(
        !d.yaml.to_lowercase().contains("todo\""),
        "no TODO as a text"
    );
}

/// A page whose texts hold everything a plain YAML scalar would misread.
const TRICKY: &str = r#"# Tricky: "Quotes" & {braces} imopenlines.tricky.get

> Scope: [`imopenlines`](../scopes/permissions.md)
>
> Who can execute the method: anyone: really # not a comment

Text with `a: b`, # hash, "quotes", 'single', | pipe, {brace}, [bracket], \ backslash, tab	here.

## Method Parameters

#|
|| **Name**
`type` | **Description** ||
|| **ID***
[`integer`](../data-types.md) | Line one: a
line two # b "c" ||
|| **DATA**
[`object`](../data-types.md) | Some data ||
|#

## Response Handling

#|
|| **Name**
`type` | **Description** ||
|| **result**
[`object`](../data-types.md) | The result [(detailed description)](#result) ||
|| **time**
[`time`](../data-types.md#time) | Time ||
|#

### Object result {#result}

#|
|| **Name**
`type` | **Description** ||
|| **items**
[`array`](../data-types.md) | Items [(detailed description)](#item) ||
|| **owner**
[`object`](../data-types.md) | Owner or `null` [(detailed description)](#owner) ||
|| **list**
[`integer[]`](../data-types.md) | Ids ||
|#

### Object item {#item}

#|
|| **Name**
`type` | **Description** ||
|| **id**
[`integer`](../data-types.md) | Id \| pipe ||
|| **when**
[`datetime`](../data-types.md) | When ||
|#

### Object owner {#owner}

#|
|| **Name**
`type` | **Description** ||
|| **name**
[`string`](../data-types.md) | {name} ||
|#

## Error Handling

#|
|| **Status** | **Code** | **Description** | **Value** ||
|| `400` | `BAD_ID` | Wrong "id": {x} | The ID # is wrong ||
|| `400` | `BAD_ID` | Another text | Another meaning ||
|| `400` | `NO_MEANING` | Only a message ||
|#
"#;

#[test]
fn texts_are_quoted_and_nested_objects_become_inline_structs() {
    let path = Path::new("docs/en/api-reference/imopenlines/tricky.md");
    let d = draft(path, TRICKY.as_bytes()).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&d.yaml).unwrap();
    assert_eq!(value["title"]["en"], r#"Tricky: "Quotes" & {braces}"#);
    assert_eq!(value["access"]["en"], "anyone: really # not a comment");
    assert_eq!(
        value["description"]["en"],
        "Text with `a: b`, # hash, \"quotes\", 'single', | pipe, {brace}, [bracket], \\ backslash, tab here."
    );
    assert_eq!(value["pages"]["ru"], "api-reference/imopenlines/tricky.md");
    assert_eq!(
        value["params"][0]["description"]["en"],
        r#"Line one: a line two # b "c""#
    );
    assert_eq!(value["params"][0]["required"], true);
    assert_eq!(value["params"][1]["type"], "json");
    assert!(
        d.yaml
            .contains("type: json  # the page says `object` but gives no shape")
    );
    let result = &value["result"];
    assert_eq!(result["struct"], "TrickyGetResult");
    assert_eq!(result["description"]["en"], "The result");
    let items = &result["fields"][0];
    assert_eq!(items["type"], "array");
    assert_eq!(items["items"]["struct"], "TrickyGetResultItemsItem");
    assert_eq!(
        items["items"]["fields"][0]["description"]["en"],
        "Id | pipe"
    );
    assert_eq!(items["items"]["fields"][1]["type"], "datetime");
    assert_eq!(result["fields"][1]["struct"], "TrickyGetResultOwner");
    assert_eq!(result["fields"][2]["items"]["type"], "integer");
    assert_eq!(value["errors"][0]["code"], "BAD_ID");
    assert_eq!(value["errors"][0]["message"]["en"], r#"Wrong "id": {x}"#);
    assert_eq!(value["errors"][0]["meaning"]["en"], "The ID # is wrong");
    assert_eq!(
        value["errors"][1]["code"], "NO_MEANING",
        "one entry per code"
    );
    assert!(value["errors"][1].get("meaning").is_none());
    for todo in [
        "`result.owner` (page line 39): the page mentions null: decide `nullable: true`",
        "error `BAD_ID` is listed again on page line(s) 70",
        "error `NO_MEANING` (page line 71): the page gives no meaning",
        "parameter `DATA` (page line 17): the page says `object` without its fields",
    ] {
        assert!(
            d.todos.iter().any(|t| t.contains(todo)),
            "{todo}: {:?}",
            d.todos
        );
        assert!(d.yaml.contains(&format!("# TODO(import): {todo}")));
    }
    // With the other language and the missing meaning added it loads as a spec.
    let yaml = fill_other_language(&d.yaml, Lang::En).replace(
        "    status: 400\n    message:\n      en: \"Only a message\"\n      ru: \"Only a message\"\n",
        "    status: 400\n    message:\n      en: \"Only a message\"\n      ru: \"Only a message\"\n    meaning: {en: m, ru: m}\n",
    );
    load(&d.method, &yaml).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
}

#[test]
fn bad_pages_are_errors_at_their_line() {
    let no_h1 = draft(Path::new("x.md"), b"Intro\n\n# Overview\n").unwrap_err();
    assert_eq!(no_h1.line, 3);
    assert!(no_h1.message.contains("not a method page"), "{no_h1:?}");
    let bytes = b"# Get imopenlines.x.get\n\nok\n\xff\xfe\n";
    let not_utf8 = draft(Path::new("x.md"), bytes).unwrap_err();
    assert_eq!(not_utf8.line, 4);
    assert!(not_utf8.message.contains("UTF-8"), "{not_utf8:?}");
    let unreadable =
        "# Get imopenlines.x.get\n\n## Parameters\n\n#|\n|| **Name** | **Description** ||\n";
    let e = draft(Path::new("x.md"), unreadable.as_bytes()).unwrap_err();
    assert_eq!(e.line, 5, "the unclosed table's `#|`");
    assert!(e.message.contains("cannot read this table"), "{e:?}");
    let no_type = "# Get imopenlines.x.get\n\n## Parameters\n\n#|\n|| **Name** | **Description** ||\n|| **ID** | no type ||\n|#\n";
    let e = draft(Path::new("x.md"), no_type.as_bytes()).unwrap_err();
    assert_eq!(e.line, 7, "{e:?}");
}

/// Runs the tool in `dir`; returns the exit code, stdout and stderr.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    common::output(Command::new(BIN).args(args).current_dir(dir))
}

#[test]
fn cli_reports_bad_pages_and_imports_the_others() {
    let dir = scratch("bad");
    std::fs::write(dir.join("index.md"), "# Open lines\n\nNo method here.\n").unwrap();
    std::fs::write(dir.join("binary.md"), b"# T imopenlines.a.get\n\xff\n").unwrap();
    std::fs::write(
        dir.join("table.md"),
        "# T imopenlines.b.get\n\n## Parameters\n\n#|\n|| **Name** ||\n",
    )
    .unwrap();
    let good = root().join(fixture("en", "imopenlines-revision-get.md"));
    let good = good.to_str().unwrap();
    let (code, stdout, stderr) = run(
        &dir,
        &[
            "import",
            "index.md",
            "binary.md",
            good,
            "table.md",
            "--out",
            "out",
        ],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("index.md:1: no `# Title method.name` heading"),
        "{stderr}"
    );
    assert!(stderr.contains("binary.md:2: not UTF-8"), "{stderr}");
    assert!(
        stderr.contains("table.md:5: cannot read this table"),
        "{stderr}"
    );
    let written = dir.join("out/methods/imopenlines.revision.get.yaml");
    assert!(written.is_file(), "{stdout}{stderr}");
    assert!(
        stdout.contains("wrote out/methods/imopenlines.revision.get.yaml"),
        "{stdout}"
    );
    let (code, _, stderr) = run(&dir, &["import", "missing.md"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("missing.md: cannot read"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_never_overwrites_without_force() {
    let dir = scratch("force");
    let page = root().join(fixture("en", "sessions/imopenlines-session-open.md"));
    let page = page.to_str().unwrap();
    let target = dir.join("spec/methods/imopenlines.session.open.yaml");
    let (code, stdout, stderr) = run(&dir, &["import", page]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    std::fs::write(&target, "edited\n").unwrap();
    let (code, _, stderr) = run(&dir, &["import", page]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("already has a spec file") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "edited\n");
    let (code, _, stderr) = run(&dir, &["import", page, "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("method: \"imopenlines.session.open\"")
    );
    // The same method twice in one run: the second page is refused.
    let (code, _, stderr) = run(&dir, &["import", page, page, "--force"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already imported"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

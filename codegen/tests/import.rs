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
        "`result.owner` (page line 39): the page mentions null: written `nullable: true`; check it",
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

/// The mechanical fill: what the TODO lines say must be filled, and nothing else (each fill
/// asserts a TODO asked for it). Texts missing in one language are copied from the other;
/// missing required keys get placeholders. The result is JSON, which the loader reads as YAML.
fn fill_from_todos(d: &Draft) -> String {
    use serde_json::{Value, json};
    let mut value: Value =
        serde_saphyr::from_str(&d.yaml).unwrap_or_else(|e| panic!("{e}\n{}", d.yaml));
    let asked = |what: &str| {
        assert!(
            d.todos.iter().any(|t| t.contains(what)),
            "`{}`: filled `{what}` without a TODO asking for it: {:#?}",
            d.method,
            d.todos
        );
    };
    let top = value.as_object_mut().unwrap();
    if !top.contains_key("scope") {
        asked("`scope`");
        let area = d.method.split('.').next().unwrap();
        top.insert("scope".into(), json!(area));
    }
    for key in ["access", "description"] {
        if !top.contains_key(key) {
            asked(&format!("`{key}`"));
            top.insert(key.into(), json!({"en": "-", "ru": "-"}));
        }
    }
    if !top.contains_key("result") {
        asked("`result`");
        top.insert(
            "result".into(),
            json!({"type": "json", "description": {"en": "-", "ru": "-"}}),
        );
    }
    let result = top["result"].as_object_mut().unwrap();
    if !result.contains_key("description") {
        asked("`result` (");
        asked("add its `description`");
        result.insert("description".into(), json!({"en": "-", "ru": "-"}));
    }
    if let Some(errors) = top.get_mut("errors").and_then(Value::as_array_mut) {
        for e in errors {
            let e = e.as_object_mut().unwrap();
            let code = e["code"].as_str().unwrap().to_string();
            if !e.contains_key("status") {
                asked(&format!("error `{code}`"));
                e.insert("status".into(), json!(400));
            }
            for key in ["message", "meaning"] {
                if !e.contains_key(key) {
                    asked(&format!("gives no {key}"));
                    e.insert(key.into(), json!({"en": "-", "ru": "-"}));
                }
            }
        }
    }
    fill_texts(&mut value, "", d);
    serde_json::to_string_pretty(&value).unwrap()
}

/// Adds the missing language of every text below `value`; `owner` names the item it is in.
fn fill_texts(value: &mut serde_json::Value, owner: &str, d: &Draft) {
    use serde_json::Value;
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| fill_texts(v, owner, d)),
        Value::Object(map) => {
            let name = ["name", "code"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))
                .unwrap_or(owner)
                .to_string();
            // A parameter or field without a description: its page row has no text.
            if map.contains_key("name")
                && map.contains_key("type")
                && !map.contains_key("description")
            {
                assert!(
                    d.todos
                        .iter()
                        .any(|t| t.contains(&format!("{name}`"))
                            && t.contains("add its `description`")),
                    "{}: `{name}` has no description and no TODO says why: {:#?}",
                    d.method,
                    d.todos
                );
                map.insert(
                    "description".into(),
                    serde_json::json!({"en": "-", "ru": "-"}),
                );
            }
            for (key, v) in map.iter_mut() {
                if key == "pages" {
                    continue;
                }
                let text = v.as_object_mut().filter(|t| {
                    !t.is_empty()
                        && t.keys().all(|k| k == "en" || k == "ru")
                        && t.values().all(Value::is_string)
                });
                let Some(text) = text else {
                    fill_texts(v, &name, d);
                    continue;
                };
                for t in text.values() {
                    assert!(
                        !t.as_str().unwrap().is_empty(),
                        "{}: empty `{key}` of `{name}`",
                        d.method
                    );
                }
                if text.len() == 2 {
                    continue;
                }
                let (have, copy) = text
                    .iter()
                    .next()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .unwrap();
                let missing = if have == "en" { "ru" } else { "en" };
                let single = format!("add the `{missing}` texts");
                // A method text's TODO names its key; an item's names the item.
                let about = if name.is_empty() {
                    format!("`{key}`")
                } else {
                    format!("{name}`")
                };
                assert!(
                    d.todos
                        .iter()
                        .any(|t| t.contains(&single) || t.contains(&about)),
                    "{}: `{key}` of `{name}` has no {missing} text and no TODO says why: {:#?}",
                    d.method,
                    d.todos
                );
                text.insert(missing.to_string(), copy);
            }
        }
        _ => {}
    }
}

/// Whether `todo` names page line `n` (`line 12`, `line(s) 3, 12`).
fn mentions_line(todo: &str, n: usize) -> bool {
    todo.match_indices("line").any(|(i, _)| {
        let rest = todo[i + 4..].trim_start_matches("(s)").trim_start();
        rest.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == ' '))
            .next()
            .unwrap_or("")
            .split(',')
            .any(|d| d.trim() == n.to_string())
    })
}

/// Drift of `page` (path, text, language) against `spec`: the unrecorded differences, split
/// into those no TODO line of the draft names (by the item's name, its page line and, for a
/// pair, the page's language) and those one does.
fn unrecorded_by_todos(
    spec: &Spec,
    d: &Draft,
    page: &(PathBuf, String),
    lang: Lang,
) -> (Vec<String>, Vec<String>) {
    let drift = spec.drift(std::slice::from_ref(page), Some(lang));
    assert_eq!(drift.compared.len(), 1, "{}: {drift:?}", d.method);
    let (named, unnamed): (Vec<_>, Vec<_>) = drift.unrecorded().partition(|i| {
        let name = i.message.split('`').nth(1).unwrap_or_default();
        let names = [format!("`{name}`"), format!("`{}`", name.replace('\\', ""))];
        d.todos.iter().any(|t| {
            names.iter().any(|n| t.contains(n.as_str()))
                && (d.other_lang.is_none() || t.contains(&format!("{} page", lang.code())))
                && (i.message.contains("in the spec, not on the page") || mentions_line(t, i.line))
        })
    });
    let show = |items: Vec<&b24_spec_codegen::DriftItem>| -> Vec<String> {
        items
            .iter()
            .map(|i| format!("{}:{}: {}", i.file.display(), i.line, i.message))
            .collect()
    };
    (show(unnamed), show(named))
}

/// What importing one method gave: the draft, drift findings no TODO names, and findings the
/// TODOs name.
struct RoundTrip {
    draft: Draft,
    unnamed: Vec<String>,
    named: Vec<String>,
}

/// Import one method from `pages` (path, text; one or both languages), fill it, load it and
/// drift each page.
fn import_round_trip(pages: &[(PathBuf, String)]) -> Result<RoundTrip, String> {
    let read: Vec<_> = pages
        .iter()
        .map(|(p, t)| b24_spec_codegen::import::read(p, t.as_bytes(), None))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("import: {e}"))?;
    let d = b24_spec_codegen::import::draft_of(&read[0], read.get(1))
        .map_err(|e| format!("import: {e}"))?;
    let filled = fill_from_todos(&d);
    let spec = load(&d.method, &filled).map_err(|e| format!("load: {e}\n{filled}"))?;
    let (mut unnamed, mut named) = (Vec::new(), Vec::new());
    for (page, r) in pages.iter().zip(&read) {
        let (u, n) = unrecorded_by_todos(&spec, &d, page, r.lang());
        unnamed.extend(u);
        named.extend(n);
    }
    Ok(RoundTrip {
        draft: d,
        unnamed,
        named,
    })
}

fn fixture_page(lang: &str, page: &str) -> (PathBuf, String) {
    let path = fixture(lang, page);
    let text = std::fs::read_to_string(root().join(&path)).unwrap();
    (path, text)
}

#[test]
fn every_fixture_pair_makes_one_draft_in_both_languages_that_round_trips() {
    for page in [
        "imopenlines-revision-get.md",
        "sessions/imopenlines-session-open.md",
        "sessions/imopenlines-dialog-get.md",
    ] {
        // Either order: the ru page leads.
        let en = fixture_page("en", page);
        let ru = fixture_page("ru", page);
        let RoundTrip {
            draft: d,
            unnamed,
            named,
        } = import_round_trip(&[en.clone(), ru.clone()]).unwrap();
        assert!(unnamed.is_empty(), "{page}: {unnamed:#?}\n{}", d.yaml);
        assert!(
            named.is_empty(),
            "{page}: the pages agree with each other: {named:#?}"
        );
        assert_eq!((d.lang, d.other_lang), (Lang::Ru, Some(Lang::En)));
        let again = import_round_trip(&[ru, en]).unwrap().draft;
        assert_eq!(again.yaml, d.yaml, "the order of the pages does not matter");
        let value: serde_json::Value = serde_saphyr::from_str(&d.yaml).unwrap();
        assert!(value["title"]["en"].is_string() && value["title"]["ru"].is_string());
        assert!(value["description"]["en"].is_string() && value["description"]["ru"].is_string());
        for lang in ["en", "ru"] {
            assert_eq!(
                value["pages"][lang],
                format!("api-reference/imopenlines/openlines/{page}")
            );
        }
        assert!(
            !d.yaml.contains("add the `"),
            "no language is missing: {}",
            d.yaml
        );
    }
}

/// A ru page and an en page of one method that disagree on structure.
const RU_PAGE: &str = "# Получить imopenlines.x.get

> Scope: [`imopenlines`](../scopes/permissions.md)
>
> Кто может выполнять метод: любой пользователь

Метод возвращает x.

## Параметры метода

#|
|| **Название**
`тип` | **Описание** ||
|| **ID***
[`integer`](../data-types.md) | Идентификатор ||
|| **MODE**
[`string`](../data-types.md) | Режим ||
|| **ONLY_RU**
[`string`](../data-types.md) | Только здесь ||
|#

## Обработка ответа

#|
|| **Название**
`тип` | **Описание** ||
|| **result**
[`object`](../data-types.md) | Корень [(подробное описание)](#result) ||
|| **time**
[`time`](../data-types.md#time) | Время ||
|#

### Объект result {#result}

#|
|| **Название**
`тип` | **Описание** ||
|| **count**
[`integer`](../data-types.md) | Сколько ||
|#

## Обработка ошибок

#|
|| **Статус** | **Код** | **Описание** | **Значение** ||
|| `400` | `BAD_ID` | Неверный ID | ID неверен ||
|| `400` | `RU_ONLY` | Только в ru | Только в ru ||
|#
";

const EN_PAGE: &str = "# Get imopenlines.x.get

> Scope: [`im`](../scopes/permissions.md)
>
> Who can execute the method: any user

The method returns x.

## Method Parameters

#|
|| **Name**
`type` | **Description** ||
|| **ID**
[`string`](../data-types.md) | Identifier ||
|| **MODE***
[`string`](../data-types.md) | Mode ||
|| **ONLY_EN**
[`integer`](../data-types.md) | Only here ||
|#

## Response Handling

#|
|| **Name**
`type` | **Description** ||
|| **result**
[`object`](../data-types.md) | Root [(detailed description)](#result) ||
|| **time**
[`time`](../data-types.md#time) | Time ||
|#

### Object result {#result}

#|
|| **Name**
`type` | **Description** ||
|| **count**
[`string`](../data-types.md) | How many, or `null` ||
|| **extra**
[`string`](../data-types.md) | Only in en ||
|#

## Error Handling

#|
|| **Status** | **Code** | **Description** | **Value** ||
|| `403` | `BAD_ID` | Wrong ID | The ID is wrong ||
|| `400` | `EN_ONLY` | Only in en | Only in en ||
|#
";

#[test]
fn where_the_pages_disagree_the_draft_follows_the_ru_page_and_says_so() {
    let en = (
        PathBuf::from("en/api-reference/imopenlines/x-get.md"),
        EN_PAGE.to_string(),
    );
    let ru = (
        PathBuf::from("ru/api-reference/imopenlines/x-get.md"),
        RU_PAGE.to_string(),
    );
    let RoundTrip {
        draft: d,
        unnamed,
        named,
    } = import_round_trip(&[en, ru]).unwrap();
    assert!(
        unnamed.is_empty(),
        "every drift finding has its TODO: {unnamed:#?}\n{}",
        d.yaml
    );
    assert_eq!(
        named.len(),
        11,
        "drift of the en page finds each of the 11 disagreements: {named:#?}"
    );
    for todo in [
        "the en page says scope `im` at line 3 (ru page line 3: `imopenlines`)",
        "the en page says parameter `ID` is `string` at line 14 (ru page line 14: is `integer`)",
        "the en page says parameter `ID` is optional at line 14 (ru page line 14: is required)",
        "the en page says parameter `MODE` is required at line 16 (ru page line 16: is optional)",
        "the en page does not list parameter `ONLY_RU` (ru page line 18)",
        "the en page says parameter `ONLY_EN` at line 18; the ru page does not list it: not written",
        "the en page says result row `result.count` is `string` at line 38 (ru page line 38: is `integer`)",
        "the en page says result row `result.count` may be null at line 38 (ru page line 38: is never null)",
        "the en page says result row `result.extra` at line 40; the ru page does not list it",
        "the en page says error `BAD_ID` has status 403 at line 48 (ru page line 46: 400)",
        "the en page does not list error `RU_ONLY` (ru page line 47)",
        "the en page says error `EN_ONLY` at line 49; the ru page does not list it: not written",
    ] {
        assert!(
            d.todos.iter().any(|t| t.starts_with(todo)),
            "{todo}: {:#?}",
            d.todos
        );
    }
    let value: serde_json::Value = serde_saphyr::from_str(&d.yaml).unwrap();
    assert_eq!(value["pages"]["en"], "api-reference/imopenlines/x-get.md");
    assert_eq!(value["params"][0]["type"], "integer", "the ru page's");
    assert_eq!(value["params"][0]["description"]["en"], "Identifier");
    assert_eq!(value["params"][0]["description"]["ru"], "Идентификатор");
    assert!(
        value["params"][2]["description"].get("en").is_none(),
        "ONLY_RU has no en text"
    );
    assert_eq!(value["errors"][0]["status"], 400);
    assert_eq!(value["errors"][0]["message"]["en"], "Wrong ID");
    assert_eq!(value["params"].as_array().unwrap().len(), 3);
    // Two pages of one language, or of two methods, make no draft.
    let ru_page = |text: &str| {
        b24_spec_codegen::import::read(Path::new("x.md"), text.as_bytes(), None).unwrap()
    };
    let e =
        b24_spec_codegen::import::draft_of(&ru_page(RU_PAGE), Some(&ru_page(RU_PAGE))).unwrap_err();
    assert!(e.message.contains("both pages"), "{e:?}");
    let other = RU_PAGE.replace("imopenlines.x.get", "imopenlines.y.get");
    let e =
        b24_spec_codegen::import::draft_of(&ru_page(RU_PAGE), Some(&ru_page(&other))).unwrap_err();
    assert!(e.message.contains("one draft holds one method"), "{e:?}");
}

/// Every `imopenlines.*` and `imconnector.*` page of the Russian tree: how many import,
/// load after the fill and drift with no finding their draft's TODO lines do not name.
#[test]
fn every_open_lines_page_of_the_russian_tree_round_trips() {
    let pages: Vec<(PathBuf, String)> = common::official_tree("ru")
        .into_iter()
        .filter(|(p, t)| {
            p.starts_with("api-reference/imopenlines")
                && b24_spec_codegen::import::names_a_method(t)
        })
        .collect();
    assert_eq!(
        pages.len(),
        50,
        "38 imopenlines.* and 12 imconnector.* pages"
    );
    let mut report = Vec::new();
    let mut named_only = Vec::new();
    for page in &pages {
        // A fill assertion names what the draft leaves unexplained: one reason per page.
        let outcome = std::panic::catch_unwind(|| import_round_trip(std::slice::from_ref(page)));
        let at = page.0.display();
        match outcome {
            Ok(Ok(r)) if r.unnamed.is_empty() => {
                if !r.named.is_empty() {
                    named_only.push(format!("{at}: {:?}", r.named));
                }
            }
            Ok(Ok(r)) => report.push(format!("{at}: {:#?}", r.unnamed)),
            Ok(Err(e)) => report.push(format!("{at}: {e}")),
            Err(panic) => report.push(format!(
                "{at}: {}",
                panic.downcast_ref::<String>().cloned().unwrap_or_default()
            )),
        }
    }
    assert!(
        report.is_empty(),
        "{} of 50 pages leave findings no TODO names:\n{}",
        report.len(),
        report.join("\n")
    );
    // `char` flags import as `boolean` + `send_as_yes_no`, which drift reads as `char`: no
    // page leaves a finding at all.
    assert!(named_only.is_empty(), "{named_only:#?}");
}

#[test]
fn cli_pairs_the_en_and_ru_pages_of_folders() {
    let dir = scratch("pairs");
    let pages = root().join("tests/fixtures/official-pages");
    let pages = pages.to_str().unwrap();
    // One folder holding both languages (50 ru pages, 3 of them with their en page):
    // README.md has no method H1 and is skipped.
    let (code, stdout, stderr) = run(&dir, &["import", pages, "--out", "a"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains(
            "50 draft(s) written (3 from both languages); 1 file(s) in folders skipped (no method H1); 0 problem(s)"
        ),
        "{stdout}"
    );
    let draft =
        std::fs::read_to_string(dir.join("a/methods/imopenlines.session.open.yaml")).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&draft).unwrap();
    assert_eq!(value["title"]["en"], "Get Chat by User Code");
    assert_eq!(value["title"]["ru"], "Получить чат по коду пользователя");
    // The same from the two language folders named with --ru and --en.
    let (code, stdout, stderr) = run(
        &dir,
        &[
            "import",
            "--ru",
            &format!("{pages}/ru"),
            "--en",
            &format!("{pages}/en"),
            "--out",
            "b",
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("b/methods/imopenlines.session.open.yaml")).unwrap(),
        draft
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("b/methods"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".yaml"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files: {leftovers:?}");
    // --lang says the language of every page named without --en/--ru: two "ru" pages of one
    // method are one too many.
    let (code, stdout, stderr) = run(
        &dir,
        &[
            "import",
            "--lang",
            "ru",
            &format!("{pages}/en"),
            &format!("{pages}/ru"),
            "--out",
            "c",
        ],
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("another ru page of `imopenlines.session.open` is already imported"),
        "{stderr}"
    );
    assert!(
        stdout.contains("50 draft(s) written (0 from both languages)"),
        "{stdout}"
    );
    // No page at all is a usage error.
    let (code, _, stderr) = run(&dir, &["import", "--out", "d"]);
    assert_eq!(code, 2, "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

//! Spec mistakes give located diagnostics; a valid spec gives none.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use b24_spec_codegen::{Options, Spec};

const SHARED: &str = r#"
objects:
  - name: time
    struct: Time
    description: {en: Timing, ru: Время}
    fields:
      - {name: start, type: number, required: false, description: {en: s, ru: s}}
system_errors:
  - code: QUERY_LIMIT_EXCEEDED
    status: 503
    message: {en: Too many requests, ru: Too many requests}
    meaning: {en: Rate limit, ru: Лимит}
revision_counters:
  - {name: imopenlines.rest, read_with: imopenlines.revision.get, key: rest, description: {en: r, ru: r}}
"#;

const METHOD: &str = r#"
method: imopenlines.dialog.get
scope: imopenlines
title: {en: Get a dialog, ru: Получить диалог}
access: {en: Any user, ru: Любой}
description: {en: Gets a dialog, ru: Получает}
params:
  - {name: CHAT_ID, type: id, one_of: selector, since: {revision: 2, counter: imopenlines.rest, source: old page}, description: {en: c, ru: c}}
  - {name: USER_CODE, type: user_code, one_of: selector, description: {en: c, ru: c}}
one_of:
  - {name: selector, rust_name: DialogGetParams, description: {en: pick, ru: pick}}
result:
  type: object
  struct: DialogGetResult
  description: {en: The dialog, ru: Диалог}
  fields:
    - {name: id, type: id, description: {en: i, ru: i}}
    - {name: time_block, type: time, required: false, description: {en: t, ru: t}}
errors:
  - {code: ACCESS_ERROR, status: 400, message: {en: no, ru: no}, meaning: {en: no, ru: no}}
pages: {en: api-reference/imopenlines/dialog-get.md, ru: api-reference/imopenlines/dialog-get.md}
"#;

/// Checks in-memory files the way `Spec::load` would, returning every diagnostic as text.
fn check(method: &str) -> String {
    let method_path = Path::new("spec/methods/imopenlines.dialog.get.yaml");
    let shared_path = Path::new("spec/shared/common.yaml");
    match Spec::from_texts(&[(method_path, method)], &[(shared_path, SHARED)]) {
        Ok(_) => String::new(),
        Err(failed) => failed.diagnostics.to_string(),
    }
}

#[test]
fn valid_spec_has_no_diagnostics() {
    assert_eq!(check(METHOD), "");
}

#[test]
fn unknown_key_is_located_with_a_suggestion() {
    let text = METHOD.replace("scope: imopenlines", "scope: imopenlines\nscopes: x");
    insta::assert_snapshot!(check(&text));
}

#[test]
fn unknown_type_suggests_the_closest() {
    let text = METHOD.replace("{name: id, type: id,", "{name: id, type: idd,");
    insta::assert_snapshot!(check(&text));
}

#[test]
fn undefined_shared_object() {
    let text = METHOD.replace("type: time,", "type: timing,");
    insta::assert_snapshot!(check(&text));
}

#[test]
fn one_of_member_marked_required() {
    let text = METHOD.replace(
        "type: id, one_of: selector,",
        "type: id, one_of: selector, required: true,",
    );
    insta::assert_snapshot!(check(&text));
}

#[test]
fn keyword_field_and_collisions() {
    let text = METHOD.replace(
        "    - {name: id, type: id, description: {en: i, ru: i}}",
        "    - {name: id, type: id, description: {en: i, ru: i}}\n    - {name: type, type: string, description: {en: t, ru: t}}\n    - {name: chatId, type: id, description: {en: c, ru: c}}\n    - {name: chat_id, type: id, description: {en: c, ru: c}}",
    );
    insta::assert_snapshot!(check(&text));
}

#[test]
fn one_of_names_that_cannot_become_rust_names() {
    // A group whose field would be a keyword, a group whose field collides with a parameter,
    // and a member whose variant would start with a digit: located, never a build panic.
    let text = METHOD
        .replace(
            "one_of:\n  - {name: selector,",
            "one_of:\n  - {name: type, rust_name: Kind, description: {en: k, ru: k}}\n  - {name: chat_id, rust_name: Other, description: {en: o, ru: o}}\n  - {name: selector,",
        )
        .replace(
            "params:\n",
            "params:\n  - {name: CHAT_ID_X, rust_name: chat_id, type: id, description: {en: c, ru: c}}\n  - {name: 2ND, type: id, one_of: selector, description: {en: c, ru: c}}\n",
        );
    insta::assert_snapshot!(check(&text));
}

#[test]
fn duplicates_are_reported() {
    let text = METHOD
        .replace(
            "  - {name: USER_CODE,",
            "  - {name: CHAT_ID, type: id, one_of: selector, description: {en: c, ru: c}}\n  - {name: USER_CODE,",
        )
        .replace(
            "errors:\n",
            "errors:\n  - {code: ACCESS_ERROR, status: 403, message: {en: no, ru: no}, meaning: {en: no, ru: no}}\n",
        );
    insta::assert_snapshot!(check(&text));
}

#[test]
fn non_integer_revision_and_missing_english() {
    let text = METHOD.replace("revision: 2,", "revision: two,");
    insta::assert_snapshot!("non_integer_revision", check(&text));
    let text = METHOD.replace(
        "description: {en: Gets a dialog, ru: Получает}",
        "description: {ru: Получает}",
    );
    insta::assert_snapshot!("missing_english", check(&text));
}

#[test]
fn yaml_syntax_error_and_empty_file() {
    insta::assert_snapshot!("yaml_syntax", check("method: [unclosed\nscope: x\n"));
    assert_eq!(
        check("  \n"),
        "spec/methods/imopenlines.dialog.get.yaml: file is empty (hint: write the spec entry or delete the file)"
    );
}

#[test]
fn load_dir_reports_missing_folder_and_non_utf8() {
    let problems = Spec::load(Path::new("no/such/dir"))
        .unwrap_err()
        .diagnostics;
    assert_eq!(problems.len(), 1);
    assert!(problems.to_string().contains("spec folder not found"));

    let dir = std::env::temp_dir().join(format!("b24-codegen-test-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("methods")).unwrap();
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(dir.join("methods/a.b.yaml"), b"method: a.b\nscope: \xff\n").unwrap();
    let problems = Spec::load(&dir).unwrap_err().diagnostics;
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(problems.len(), 1);
    let text = problems.to_string();
    assert!(
        text.ends_with("a.b.yaml:2:8: file is not valid UTF-8 (hint: save the file as UTF-8)"),
        "{text}"
    );
}

#[test]
fn only_areas_filters_and_rejects_unknown_areas() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let all = b24_spec_codegen::generate(&spec).unwrap();
    let options = Options::default().only_areas(vec!["imopenlines".to_string()]);
    let some = b24_spec_codegen::generate_with(&spec, &options).unwrap();
    assert!(all.code.contains("pub mod imconnector"));
    assert!(!some.code.contains("pub mod imconnector"));
    assert!(some.code.contains("pub mod imopenlines"));
    let spec = Spec::load(&spec).unwrap();
    assert_eq!(spec.areas(), ["imconnector", "imopenlines"]);
    let none = spec
        .emit(&Options::default().only_areas(Vec::new()))
        .unwrap();
    assert!(!none.code.contains("pub mod imopenlines"));
    let options = Options::default().only_areas(vec!["crm".to_string()]);
    let err = spec.emit(&options).unwrap_err();
    assert!(
        err.diagnostics
            .to_string()
            .contains("no methods start with `crm`")
    );
}

#[test]
fn method_prefixes_that_were_crate_items_now_work_and_reserved_ones_are_located() {
    let rename =
        |name: &str| METHOD.replace("method: imopenlines.dialog.get", &format!("method: {name}"));
    // `method.get` (in the real catalogue) once collided with the runtime's `method` module.
    let shared = [(Path::new("spec/shared/common.yaml"), SHARED)];
    let text = rename("method.get");
    let spec = Spec::from_texts(
        &[(Path::new("spec/methods/method.get.yaml"), &text)],
        &shared,
    )
    .unwrap();
    let code = spec.emit(&Options::default()).unwrap().code;
    assert!(code.contains("pub mod method {"));

    let text = rename("common.get");
    let problems = Spec::from_texts(
        &[(Path::new("spec/methods/common.get.yaml"), &text)],
        &shared,
    )
    .unwrap_err()
    .diagnostics;
    insta::assert_snapshot!(problems.to_string());
}

/// [`METHOD`] with a parameter and the error entry written as block mappings, the way the docs
/// team writes them, so lines can be mis-indented one at a time.
fn block_method() -> String {
    METHOD
        .replace(
            "  - {name: USER_CODE, type: user_code, one_of: selector, description: {en: c, ru: c}}\n",
            "  - name: USER_CODE\n    type: user_code\n    one_of: selector\n    description: {en: c, ru: c}\n",
        )
        .replace(
            "  - {code: ACCESS_ERROR, status: 400, message: {en: no, ru: no}, meaning: {en: no, ru: no}}\n",
            "  - code: ACCESS_ERROR\n    status: 400\n    class: fix_request\n    message: {en: no, ru: no}\n    meaning: {en: no, ru: no}\n",
        )
}

/// Like [`check`], with each problem also rendered, so the snapshot shows the column.
fn check_rendered(method: &str) -> String {
    let path = Path::new("spec/methods/imopenlines.dialog.get.yaml");
    match Spec::from_texts(
        &[(path, method)],
        &[(Path::new("spec/shared/common.yaml"), SHARED)],
    ) {
        Ok(_) => String::new(),
        Err(failed) => format!("{}\n\n{}", failed.diagnostics, failed.diagnostics.render()),
    }
}

#[test]
fn block_style_method_is_valid() {
    assert_eq!(check(&block_method()), "");
}

#[test]
fn misindented_message_in_an_error_entry() {
    let method = block_method();
    let entry = "    message: {en: no, ru: no}\n    meaning: {en: no, ru: no}\n";
    let with = |lines: &str| method.replace(entry, lines);
    // A level short: the entry ends at `class`; serde said `missing field message` there.
    insta::assert_snapshot!(
        "message_dedented",
        check_rendered(&with(
            "  message: {en: no, ru: no}\n    meaning: {en: no, ru: no}\n"
        ))
    );
    insta::assert_snapshot!(
        "message_a_space_short",
        check(&with(
            "   message: {en: no, ru: no}\n    meaning: {en: no, ru: no}\n"
        ))
    );
    // A level too far after a key with a value: the parser's error got a hint about quotes.
    insta::assert_snapshot!(
        "message_too_far",
        check_rendered(&with(
            "      message: {en: no, ru: no}\n    meaning: {en: no, ru: no}\n"
        ))
    );
    // At column 0 between the entry's keys, and at column 0 after them (valid YAML: a
    // top-level key, so serde's `missing field` was all there was).
    insta::assert_snapshot!(
        "message_at_column_0",
        check(&with(
            "message: {en: no, ru: no}\n    meaning: {en: no, ru: no}\n"
        ))
    );
    insta::assert_snapshot!(
        "message_at_column_0_last",
        check_rendered(&with(
            "    meaning: {en: no, ru: no}\nmessage: {en: no, ru: no}\n"
        ))
    );
    // Under a key whose value is a block mapping, or under a key left without a value.
    insta::assert_snapshot!(
        "message_under_meaning",
        check(&with(
            "    meaning:\n      en: no\n      ru: no\n      message: {en: no, ru: no}\n"
        ))
    );
    insta::assert_snapshot!(
        "message_under_an_empty_key",
        check(&method.replace(
            "    class: fix_request\n    message:",
            "    class:\n      message:"
        ))
    );
    // Really missing: as before.
    insta::assert_snapshot!(
        "message_missing",
        check(&with("    meaning: {en: no, ru: no}\n"))
    );
}

#[test]
fn inconsistently_indented_key_in_a_param() {
    let method = block_method();
    let with = |line: &str| {
        method.replace(
            "    one_of: selector\n    description: {en: c, ru: c}\n",
            &format!("    one_of: selector\n{line}"),
        )
    };
    // A space too far: `mapping values are not allowed` with a hint about quotes, at the `:`.
    insta::assert_snapshot!(
        "param_key_a_space_too_far",
        check_rendered(&with("     description: {en: c, ru: c}\n"))
    );
    // A space short: `missing field description` at `one_of`, the line above.
    insta::assert_snapshot!(
        "param_key_a_space_short",
        check(&with("   description: {en: c, ru: c}\n"))
    );
    // A colon inside a value still gets the quoting hint.
    insta::assert_snapshot!(
        "colon_in_a_value",
        check(&method.replace("one_of: selector\n    desc", "one_of: sel: ector\n    desc"))
    );
}

#[test]
fn dedented_list_item_and_tab() {
    let method = block_method();
    insta::assert_snapshot!(
        "list_item_dedented",
        check_rendered(&method.replace("  - name: USER_CODE\n", "- name: USER_CODE\n"))
    );
    // The parser said "while scanning a plain scalar, found a tab" on the line above.
    insta::assert_snapshot!(
        "tab_indentation",
        check_rendered(&method.replace("    type: user_code\n", "\ttype: user_code\n"))
    );
    insta::assert_snapshot!(
        "tab_after_spaces",
        check(&method.replace("    class: fix_request\n", "  \t  class: fix_request\n"))
    );
}

/// Every line dedented, indented, tab-indented, made a list item or cut short, in this file's
/// block-style method (and a few of these in the real spec's params and errors): never a panic.
#[test]
fn indentation_mistakes_anywhere_never_panic() {
    let real = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/methods/imopenlines.dialog.get.yaml"),
    )
    .unwrap();
    // The real file parses slowly in a debug build: keep its block-style parts only.
    let section = |from: &str, to: &str| {
        let start = real.find(from).unwrap();
        let end = real[start..].find(to).map_or(real.len(), |e| start + e);
        real[start..end].to_string()
    };
    let head = &METHOD[..METHOD.find("params:").unwrap()];
    let real_parts = format!(
        "{head}{}{}",
        section("params:\n", "one_of:\n"),
        section("errors:\n", "\u{0}")
    );
    for (text, all) in [(block_method(), true), (real_parts, false)] {
        let lines: Vec<&str> = text.split('\n').collect();
        for (i, line) in lines.iter().enumerate() {
            let mut mutations = vec![
                format!(" {line}"),
                line.strip_prefix(' ').unwrap_or(line).to_string(),
                format!("\t{line}"),
            ];
            if all {
                mutations.extend([
                    line.strip_prefix("  ").unwrap_or(line).to_string(),
                    line.replacen("  ", "\t", 1),
                    format!("- {}", line.trim_start()),
                    line.trim_start().to_string(),
                ]);
            }
            for m in mutations {
                let mut changed = lines.clone();
                changed[i] = &m;
                let _ = check_rendered(&changed.join("\n"));
            }
        }
    }
    // Cut inside the indentation of each line, or just after it.
    let text = block_method();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        for cut in 1..=line.len().min(6) {
            if let Some(part) = text.get(..start + cut) {
                let _ = check_rendered(part);
            }
        }
        start += line.len();
    }
}

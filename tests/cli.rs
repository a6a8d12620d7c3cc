//! The `b24-spec` command line: outputs, error messages and exit codes, snapshotted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_b24-spec");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs the tool in `dir` with `args` and optional stdin; renders exit code and both streams.
fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The tool may exit before reading (e.g. an unknown method): a broken pipe is expected.
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    let out = child.wait_with_output().unwrap();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run(args: &[&str]) -> String {
    run_in(Path::new(ROOT), args, None)
}

/// A fresh, empty working folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("b24-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn methods_lists_the_registry() {
    insta::assert_snapshot!("methods_text", run(&["methods"]));
    insta::assert_snapshot!("methods_json", run(&["methods", "--json"]));
}

#[test]
fn committed_docs_pages_are_up_to_date() {
    let out = run(&["docs", "--out", "docs", "--check"]);
    assert!(
        out.starts_with("exit: 0\n"),
        "{out}\nrun `cargo spec docs --out docs`"
    );
}

#[test]
fn docs_writes_once_and_check_lists_missing_stale_and_extra_pages() {
    let dir = scratch("docs");
    let out = dir.to_str().unwrap();
    let spec = format!("{ROOT}/spec");
    // One page per method of the spec.
    let n = b24_spec::methods().len();
    let first = run(&["docs", "--out", out, "--spec", &spec, "--lang", "en"]);
    assert!(
        first.contains(&format!("{n} pages in"))
            && first.contains(&format!("({n} written, 0 unchanged)")),
        "{first}"
    );
    let second = run(&["docs", "--out", out, "--spec", &spec, "--lang", "en"]);
    assert!(
        second.contains(&format!("(0 written, {n} unchanged)")),
        "{second}"
    );
    // One language: the pages sit at their official paths right under OUT.
    let sessions = dir.join("api-reference/imopenlines/openlines/sessions");
    std::fs::write(
        sessions.join("imopenlines-session-open.md"),
        "edited by hand",
    )
    .unwrap();
    std::fs::remove_file(sessions.join("imopenlines-dialog-get.md")).unwrap();
    std::fs::write(dir.join("api-reference/old-method.md"), "x").unwrap();
    let check = run(&[
        "docs", "--out", out, "--spec", &spec, "--lang", "en", "--check",
    ])
    .replace(out, "OUT");
    insta::assert_snapshot!("docs_check_problems", check);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn drift_lists_recorded_differences_and_fails_on_new_ones() {
    insta::assert_snapshot!(
        "drift_official_pages",
        run(&["drift", "tests/fixtures/official-pages"])
    );
    let dir = scratch("drift");
    let sessions = "api-reference/imopenlines/openlines/sessions";
    let page = std::fs::read_to_string(format!(
        "{ROOT}/tests/fixtures/official-pages/en/{sessions}/imopenlines-session-open.md"
    ))
    .unwrap();
    std::fs::create_dir_all(dir.join(sessions)).unwrap();
    std::fs::write(
        dir.join(sessions).join("imopenlines-session-open.md"),
        page.replace(
            "|| **USER_CODE***\n[`string`]",
            "|| **USER_CODE***\n[`integer`]",
        ),
    )
    .unwrap();
    let spec = format!("{ROOT}/spec");
    let out = run(&["drift", dir.to_str().unwrap(), "--spec", &spec]);
    assert!(out.starts_with("exit: 1\n"), "{out}");
    assert!(
        out.contains(
            "imopenlines-session-open.md:22: parameter `USER_CODE`: the page says `integer`, the spec `string`"
        ),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn decode_batch_prints_each_command_and_exits_by_the_worst() {
    let cmds = [
        "--cmd",
        "open=imopenlines.session.open",
        "--cmd",
        "dialog=imopenlines.dialog.get",
    ];
    let with = |extra: &[&str]| {
        let mut args = vec!["decode-batch"];
        args.extend(cmds);
        args.extend(extra);
        run(&args)
    };
    insta::assert_snapshot!(
        "decode_batch_ok",
        with(&["tests/fixtures/batch/all-ok.json"])
    );
    insta::assert_snapshot!(
        "decode_batch_error_and_halted",
        with(&[
            "--cmd",
            "later=imopenlines.dialog.get",
            "tests/fixtures/batch/one-error-one-halted.json"
        ])
    );
    let malformed = run_in(
        Path::new(ROOT),
        &["decode-batch", "--cmd", "a=imopenlines.dialog.get", "-"],
        Some(b"<html>"),
    );
    assert!(malformed.starts_with("exit: 1\n"), "{malformed}");
    for (args, why) in [
        (
            vec!["decode-batch", "--cmd", "a=not a method", "x.json"],
            "method name such as",
        ),
        (
            vec![
                "decode-batch",
                "--cmd",
                "a=imopenlines.dialog.get",
                "--cmd",
                "a=imopenlines.dialog.get",
                "x.json",
            ],
            "given twice",
        ),
        (
            vec!["decode-batch", "--cmd", "nokey", "x.json"],
            "KEY=METHOD",
        ),
    ] {
        let out = run(&args);
        assert!(out.starts_with("exit: 2\n") && out.contains(why), "{out}");
    }
    let many: Vec<String> = (0..51)
        .flat_map(|i| ["--cmd".to_string(), format!("c{i}=imopenlines.dialog.get")])
        .collect();
    let mut args = vec!["decode-batch"];
    args.extend(many.iter().map(String::as_str));
    args.push("x.json");
    let out = run(&args);
    assert!(
        out.starts_with("exit: 2\n") && out.contains("at most 50"),
        "{out}"
    );
}

#[test]
fn decode_batch_shows_unattributed_errors_and_foreign_methods_as_sent() {
    let out = run(&[
        "decode-batch",
        "--cmd",
        "35943=crm.deal.get",
        "--cmd",
        "35944=crm.deal.get",
        "--cmd",
        "35945=imopenlines.dialog.get",
        "tests/fixtures/batch-captures/batch__fastb24-mix-success-errors__1.json",
    ]);
    insta::assert_snapshot!("decode_batch_unattributed", out);
}

#[test]
fn committed_schemas_are_up_to_date() {
    let out = run(&["schema", "--out", "schemas", "--check"]);
    assert!(out.starts_with("exit: 0\n"), "{out}");
}

#[test]
fn schema_writes_checks_and_reports_drift() {
    let dir = scratch("schema");
    insta::assert_snapshot!(
        "schema_first_run",
        run_in(&dir, &["schema", "--out", "out"], None)
    );
    insta::assert_snapshot!(
        "schema_second_run",
        run_in(&dir, &["schema", "--out", "out"], None)
    );
    assert!(run_in(&dir, &["schema", "--out", "out", "--check"], None).starts_with("exit: 0\n"));
    let names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.ends_with(".json")),
        "temporary files left: {names:?}"
    );

    std::fs::write(dir.join("out/index.json"), "{}").unwrap();
    std::fs::remove_file(dir.join("out/imopenlines.session.open.params.schema.json")).unwrap();
    std::fs::write(dir.join("out/old.result.schema.json"), "{}").unwrap();
    insta::assert_snapshot!(
        "schema_check_drift",
        run_in(&dir, &["schema", "--out", "out", "--check"], None)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_reports_located_problems() {
    insta::assert_snapshot!("check_ok", run(&["check"]));
    insta::assert_snapshot!(
        "check_unknown_type",
        run(&["check", "tests/fixtures/bad-specs/unknown-type"])
    );
    insta::assert_snapshot!("check_missing_dir", run(&["check", "no/such/spec"]));
}

#[test]
fn check_compares_spec_areas_with_cargo_features() {
    // The repo's own manifest is found next to `spec/` and matches (in `check_ok`).
    let out = run(&["check", "spec", "--manifest", "Cargo.toml"]);
    assert!(out.starts_with("exit: 0\n"), "{out}");
    insta::assert_snapshot!(
        "check_area_features_differ",
        run(&[
            "check",
            "spec",
            "--manifest",
            "tests/fixtures/manifests/missing-area.Cargo.toml"
        ])
    );
    insta::assert_snapshot!(
        "check_manifest_not_toml",
        run(&[
            "check",
            "spec",
            "--manifest",
            "tests/fixtures/manifests/not-toml.Cargo.toml"
        ])
    );
}

#[test]
fn decode_prints_normalized_json_or_the_typed_error() {
    insta::assert_snapshot!(
        "decode_ok",
        run(&[
            "decode",
            "imopenlines.session.open",
            "tests/fixtures/docs/session-open.en.json"
        ])
    );
    insta::assert_snapshot!(
        "decode_known_error",
        run(&[
            "decode",
            "imopenlines.dialog.get",
            "--status",
            "400",
            "tests/fixtures/docs/dialog-get.error.json"
        ])
    );
    let unknown = br#"{"error":"SOMETHING_NEW","error_description":"new"}"#;
    insta::assert_snapshot!(
        "decode_unknown_error_on_200",
        run_in(
            Path::new(ROOT),
            &["decode", "imopenlines.dialog.get", "-"],
            Some(unknown)
        )
    );
    // Values that do not fit are corrected: printed as sent, one warning each, exit 0 ...
    let odd = br#"{"result":{"chatId":"17x","extra_key":1},"time":{"start":"soon","finish":2}}"#;
    insta::assert_snapshot!(
        "decode_corrected",
        run_in(
            Path::new(ROOT),
            &["decode", "imopenlines.session.open"],
            Some(odd)
        )
    );
    // ... and errors naming the path with --strict.
    insta::assert_snapshot!(
        "decode_strict",
        run_in(
            Path::new(ROOT),
            &["decode", "--strict", "imopenlines.session.open", "-"],
            Some(odd)
        )
    );
    // The issue's example: a background colour set, as servers send it, decodes cleanly.
    let mut answer: serde_json::Value = serde_json::from_slice(
        &std::fs::read(Path::new(ROOT).join("tests/fixtures/docs/dialog-get.en.json")).unwrap(),
    )
    .unwrap();
    answer["result"]["background_id"] = serde_json::json!("azure");
    answer["result"]["public"] = serde_json::json!({"code": "support", "link": "https://example.bitrix24.com/online/support"});
    let answer = serde_json::to_vec(&answer).unwrap();
    let out = run_in(
        Path::new(ROOT),
        &["decode", "--strict", "imopenlines.dialog.get"],
        Some(&answer),
    );
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(out.contains("\"background_id\": \"azure\""), "{out}");
    assert!(out.ends_with("--- stderr\n"), "no warnings: {out}");
    let not_an_object = br#"[{"result":1}]"#;
    insta::assert_snapshot!(
        "decode_malformed",
        run_in(
            Path::new(ROOT),
            &["decode", "imopenlines.dialog.get"],
            Some(not_an_object)
        )
    );
    insta::assert_snapshot!(
        "decode_html_502",
        run_in(
            Path::new(ROOT),
            &["decode", "imopenlines.dialog.get", "--status", "502"],
            Some(b"<html>502 Bad Gateway</html>")
        )
    );
}

#[test]
fn wrong_arguments_exit_2_with_usage() {
    insta::assert_snapshot!("no_command", run(&[]));
    insta::assert_snapshot!(
        "bad_status",
        run(&["decode", "imopenlines.dialog.get", "--status", "abc"])
    );
    insta::assert_snapshot!(
        "status_out_of_range",
        run(&["decode", "imopenlines.dialog.get", "--status", "99"])
    );
    insta::assert_snapshot!(
        "unknown_method",
        run_in(
            Path::new(ROOT),
            &["decode", "imopenlines.nope"],
            Some(b"{}")
        )
    );
    insta::assert_snapshot!("schema_without_out", run(&["schema"]));
    insta::assert_snapshot!(
        "missing_file",
        run(&["decode", "imopenlines.dialog.get", "no-such-file.json"])
    );
}

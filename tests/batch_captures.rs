//! Real `batch` answers (`tests/fixtures/batch-captures/`, recorded by public SDK test suites):
//! every command's outcome pinned, nothing attributed to a command it may not belong to, every
//! entry accounted for, and the body re-serialized as sent.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::Path;

use b24_spec::imopenlines::revision_get::RevisionGet;
use b24_spec::{ApiError, BatchAnswer, ErrorClass, Outcome, RawOutcome};
use serde_json::Value;

const DIR: &str = "tests/fixtures/batch-captures";

/// A capture: its file, HTTP status and commands `(key, method)`.
type Case = (String, u16, Vec<(String, String)>);

/// The cases of `cases.json`.
fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(Path::new(DIR).join("cases.json")).unwrap();
    let cases: serde_json::Map<String, Value> = serde_json::from_str(&text).unwrap();
    cases
        .into_iter()
        .map(|(file, case)| {
            let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
            let commands = case["commands"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    (
                        c[0].as_str().unwrap().to_string(),
                        c[1].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            (file, status, commands)
        })
        .collect()
}

fn decode(file: &str, status: u16, keys: &[&str]) -> (BatchAnswer, Value) {
    let body = std::fs::read(Path::new(DIR).join(file)).unwrap();
    let answer = BatchAnswer::decode(status, &body, keys).unwrap();
    (answer, serde_json::from_slice(&body).unwrap())
}

fn outcome(answer: &BatchAnswer, key: &str) -> String {
    match answer.get_raw(key) {
        RawOutcome::Done { result, time } => format!(
            "done: {} (time: {})",
            short(&result),
            time.map_or("none".to_string(), |t| short(&t))
        ),
        RawOutcome::Failed {
            code, description, ..
        } => format!("failed: code {code:?}, {description:?}"),
        RawOutcome::NotExecuted => "not executed".to_string(),
        RawOutcome::Unattributed => "unattributed".to_string(),
        other => format!("{other:?}"),
    }
}

/// A value's JSON, cut to keep snapshots readable.
fn short(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}… ({} bytes)", &text[..cut], text.len()),
        None => text,
    }
}

#[test]
fn every_capture_decodes_with_every_entry_accounted_for() {
    let cases = cases();
    assert_eq!(cases.len(), 4, "every capture has a case");
    for (file, status, commands) in cases {
        let keys: Vec<&str> = commands.iter().map(|(k, _)| k.as_str()).collect();
        let (answer, sent) = decode(&file, status, &keys);
        // Nothing lost: the answer serializes back to the body as sent.
        assert_eq!(serde_json::to_value(&answer).unwrap(), sent, "{file}");
        assert!(answer.unknown_keys(&keys).is_empty(), "{file}");
        let mut out = String::new();
        for (key, method) in &commands {
            writeln!(out, "{key} ({method}): {}", outcome(&answer, key)).unwrap();
        }
        for e in answer.unattributed_errors() {
            writeln!(out, "unattributed error: {e}").unwrap();
        }
        for r in answer.unattributed_results() {
            writeln!(out, "unattributed result: {}", short(r)).unwrap();
        }
        let name = file.trim_end_matches(".json").to_string();
        insta::assert_snapshot!(name, out);
    }
}

#[test]
fn a_renumbered_error_list_is_attributed_to_no_command() {
    let keys = ["35943", "35944", "35945"];
    let (answer, _) = decode("batch__fastb24-mix-success-errors__1.json", 200, &keys);
    assert!(matches!(answer.get_raw("35943"), RawOutcome::Done { .. }));
    // The two errors belong to 35944 and 35945 in some order, or to neither: no command is
    // told it failed with one, none is called "not executed".
    for key in ["35944", "35945"] {
        assert_eq!(answer.get_raw(key), RawOutcome::Unattributed, "{key}");
        assert!(matches!(
            answer.get_key::<RevisionGet>(key),
            Outcome::Unattributed
        ));
    }
    assert_eq!(answer.unattributed_errors().len(), 2);
    assert_eq!(answer.failed_keys().count(), 0);
    // Empty codes are kept as sent.
    assert_eq!(answer.unattributed_errors()[0]["error"], "");
}

#[test]
fn keys_0_1_with_one_error_listed_are_not_read_by_position() {
    // Before: the list's first entry was taken for command "0", and "1" was "not executed".
    let body = br#"{"result":{"result":{"1":{"ID":"5"}},"result_error":[{"error":"","error_description":"Not found"}],
        "result_total":[],"result_next":[],"result_time":[]}}"#;
    let answer = BatchAnswer::decode(200, body, &["0", "1", "2"]).unwrap();
    assert_eq!(answer.get_raw("0"), RawOutcome::Unattributed);
    assert!(matches!(answer.get_raw("1"), RawOutcome::Done { .. }));
    assert_eq!(answer.get_raw("2"), RawOutcome::Unattributed);
    // One entry per command, all integer keys: the list is read by position.
    let body = br#"{"result":{"result":[{"a":1},{"b":2}],"result_error":[],"result_time":[{"start":1},{"start":2}]}}"#;
    let answer = BatchAnswer::decode(200, body, &["0", "1"]).unwrap();
    assert_eq!(
        answer.get_raw("1"),
        RawOutcome::Done {
            result: serde_json::json!({"b": 2}),
            time: Some(serde_json::json!({"start": 2}))
        }
    );
    // The same list for string keys names no command.
    let answer = BatchAnswer::decode(200, body, &["a", "b"]).unwrap();
    assert_eq!(answer.get_raw("a"), RawOutcome::Unattributed);
    assert_eq!(answer.unattributed_results().len(), 2);
}

#[test]
fn an_operation_time_limit_under_a_uuid_is_that_commands_typed_error() {
    let key = "f26b4ebc-3a82-4fe6-8d26-595d6eaf029b";
    let (answer, _) = decode("batch__b24phpsdk-operation-time-limit__9.json", 200, &[key]);
    match answer.get_key::<RevisionGet>(key) {
        Outcome::Failed(e) => {
            assert_eq!(e.error.code(), "OPERATION_TIME_LIMIT");
            assert_eq!(e.error.class(), ErrorClass::RetryLater);
            assert_eq!(e.error.status(), 200);
        }
        other => panic!("{other:?}"),
    }
    let time = answer.time.as_ref().unwrap();
    assert_eq!(time.operating_reset_at, Some(1_681_570_067.0));
}

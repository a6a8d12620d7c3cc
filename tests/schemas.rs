//! Published JSON Schemas: valid draft 2020-12, in step with the types, and committed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use b24_spec::imopenlines::dialog_get::DialogGet;
use b24_spec::imopenlines::session_open::SessionOpen;
use b24_spec::schema::{method_schemas, schema_files};
use b24_spec::{CallError, Method, decode, decode_strict};
use common::fixture;
use serde_json::{Value, json};

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_schema_is_valid_draft_2020_12() {
    for (name, text) in schema_files() {
        let schema: Value = serde_json::from_str(&text).unwrap();
        if name == "index.json" {
            continue;
        }
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn schema_files_are_deterministic_and_committed() {
    let files = schema_files();
    assert_eq!(files, schema_files());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for (name, text) in &files {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            committed == *text,
            "schemas/{name} is missing or stale: run `cargo run --features cli -- schema --out schemas`"
        );
    }
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        on_disk,
        files.len(),
        "schemas/ holds files the spec no longer produces"
    );
}

/// Checks a body against the method's response or error schema and against `decode`.
fn agree<M: Method>(body: &Value, status: u16) -> (bool, bool) {
    let schemas = method_schemas::<M>();
    let schema_ok = if body.get("error").is_some() {
        validator(schemas.error.as_value()).is_valid(body)
    } else {
        validator(schemas.response.as_value()).is_valid(body)
    };
    let bytes = serde_json::to_vec(body).unwrap();
    // The schema describes the spec, so it agrees with strict decoding; lenient decoding
    // accepts every one of these bodies (corrections are reported, not fatal).
    let strict_ok = match decode_strict::<M>(status, &bytes) {
        Ok(_) | Err(CallError::Api(_)) => true,
        Err(CallError::Malformed(_)) => false,
    };
    let is_answer = body.get("result").is_some() || body.get("error").is_some();
    assert_eq!(
        !matches!(decode::<M>(status, &bytes), Err(CallError::Malformed(_))),
        is_answer,
        "lenient decoding accepts every answer, and only answers: {body}"
    );
    (schema_ok, strict_ok)
}

#[test]
fn documentation_examples_validate_and_decode() {
    for rel in [
        "docs/session-open.en.json",
        "docs/session-open.ru.json",
        "docs/session-open.seed.json",
        "docs/session-open.error.json",
        "docs/session-open.error.ru.json",
    ] {
        let body: Value = serde_json::from_slice(&fixture(rel)).unwrap();
        assert_eq!(agree::<SessionOpen>(&body, 200), (true, true), "{rel}");
    }
    for rel in [
        "docs/dialog-get.en.json",
        "docs/dialog-get.ru.json",
        "docs/dialog-get.error.json",
        "docs/dialog-get.error.ru.json",
        "docs/dialog-get.error.seed.json",
    ] {
        let body: Value = serde_json::from_slice(&fixture(rel)).unwrap();
        assert_eq!(agree::<DialogGet>(&body, 200), (true, true), "{rel}");
    }
    // The seed page's shortened example with `"dialog_id": null` is not what servers send:
    // neither the schema nor strict decoding accept it (lenient decoding does, with warnings).
    let seed: Value = serde_json::from_slice(&fixture("docs/dialog-get.seed.json")).unwrap();
    assert_eq!(agree::<DialogGet>(&seed, 200), (false, false));
}

/// Today's `dialog.get` example with one key replaced.
fn dialog_with(key: &str, value: Value) -> Value {
    let mut body: Value = serde_json::from_slice(&fixture("docs/dialog-get.en.json")).unwrap();
    body["result"][key] = value;
    body
}

#[test]
fn schema_and_types_agree_on_hand_made_payloads() {
    let accepted = [
        dialog_with("id", json!("1364")),
        dialog_with("extranet", json!("N")),
        dialog_with("restrictions", json!([])),
        dialog_with("restrictions", json!({"avatar": "Y", "new_flag": 1})),
        dialog_with("manager_list", json!(["1", 2])),
        dialog_with("brand_new_field", json!({"x": [1]})),
        dialog_with("background_id", json!("azure")),
        dialog_with("background_id", json!("7")),
        dialog_with("background_id", json!("lagoon")),
        dialog_with("public", json!({"code": "c", "link": "https://x/online/c"})),
        dialog_with(
            "readed_list",
            json!([{"user_id": "1", "user_name": "a", "message_id": 2, "date": null}]),
        ),
    ];
    for body in &accepted {
        assert_eq!(agree::<DialogGet>(body, 200), (true, true), "{body}");
    }
    let rejected = [
        dialog_with("id", json!(-1)),
        dialog_with("id", json!("12a")),
        dialog_with("id", json!(null)),
        dialog_with("name", json!(null)),
        dialog_with("name", json!(5)),
        dialog_with("extranet", json!("yes")),
        dialog_with("restrictions", json!([1])),
        dialog_with("manager_list", json!({"a": 1})),
        dialog_with("date_create", json!("12.05.2020")),
        dialog_with("readed_list", json!([{"user_id": 1}])),
        dialog_with("background_id", json!(3)),
        dialog_with("public", json!("Y")),
        dialog_with("dialog_id", json!(null)),
        json!({"result": {"chatId": 1.5}}),
        json!({"time": {}}),
    ];
    for body in &rejected[..rejected.len() - 2] {
        assert_eq!(agree::<DialogGet>(body, 200), (false, false), "{body}");
    }
    for body in &rejected[rejected.len() - 2..] {
        assert_eq!(agree::<SessionOpen>(body, 200), (false, false), "{body}");
    }
    // Unknown error codes are accepted by both.
    let unknown = json!({"error": "SOMETHING_NEW"});
    assert_eq!(agree::<DialogGet>(&unknown, 500), (true, true));
}

#[test]
fn params_schemas_match_serialization() {
    let schemas = method_schemas::<DialogGet>();
    let v = validator(schemas.params.as_value());
    assert!(v.is_valid(&json!({"CHAT_ID": 13})));
    assert!(v.is_valid(&json!({"USER_CODE": "imol|livechat|1|1373|211"})));
    assert!(v.is_valid(&json!({"DIALOG_ID": "chat29"})));
    assert!(!v.is_valid(&json!({})), "a selector is required");
    assert!(
        !v.is_valid(&json!({"CHAT_ID": 13, "SESSION_ID": 1})),
        "only one selector"
    );
    assert!(
        !v.is_valid(&json!({"USER_CODE": "livechat|x"})),
        "user code pattern"
    );
    let open = validator(method_schemas::<SessionOpen>().params.as_value());
    assert!(open.is_valid(&json!({"USER_CODE": "livechat|22|1761|587"})));
    assert!(!open.is_valid(&json!({})));
}

#[test]
fn schema_snapshots() {
    for (name, text) in schema_files() {
        insta::assert_snapshot!(name.clone(), text);
    }
}

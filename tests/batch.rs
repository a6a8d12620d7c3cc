//! Typed `batch`: the request body the page specifies (PHP query encoding, `$result`
//! references), limits, and answers decoded per command (results, errors, not executed), over
//! the page's own answers and answers for our two methods, plus an HTTP round trip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use b24_spec::common::SystemError;
use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetError, DialogGetParams};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenError, SessionOpenParams};
use b24_spec::{ApiError, Batch, BatchError, MAX_COMMANDS, Method, Outcome};
use proptest::prelude::*;
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn open_params(code: &str) -> SessionOpenParams {
    SessionOpenParams::new(code.parse().unwrap())
}

/// session.open, then dialog.get of the chat it opened, by reference.
fn linked() -> (
    Batch,
    b24_spec::Handle<SessionOpen>,
    b24_spec::Handle<DialogGet>,
) {
    let mut batch = Batch::new().halt(true);
    let open = batch
        .add::<SessionOpen>("open", &open_params("imol|livechat|1|1373|211"))
        .unwrap();
    let dialog = batch
        .add_with::<DialogGet>(
            "dialog",
            &DialogGetParams::ChatId(0),
            &[("CHAT_ID", open.field("chatId").unwrap())],
        )
        .unwrap();
    (batch, open, dialog)
}

#[test]
fn commands_are_written_as_the_page_specifies() {
    let (batch, _, _) = linked();
    // The imol| prefix is stripped for session.open; `|` is percent-encoded; the reference is
    // written raw so the portal can substitute it; commands keep their order.
    assert_eq!(
        batch.body(),
        r#"{"halt":1,"cmd":{"open":"imopenlines.session.open?USER_CODE=livechat%7C1%7C1373%7C211","dialog":"imopenlines.dialog.get?CHAT_ID=$result[open][chatId]"}}"#
    );
    // The page's linked example (`$result[get_user][UF_DEPARTMENT][0]`), with a list field of
    // our spec: references are checked, so the field must exist.
    let mut batch = Batch::new();
    let user = batch
        .add::<DialogGet>("get_user", &DialogGetParams::ChatId(1))
        .unwrap();
    let reference = user.field("mute_list[0]").unwrap();
    assert_eq!(reference.as_str(), "$result[get_user][mute_list][0]");
    let body: serde_json::Value = serde_json::from_str(&batch.body()).unwrap();
    assert_eq!(body["halt"], json!(0));
}

#[test]
fn limits_are_checked_before_any_round_trip() {
    let mut batch = Batch::new();
    for i in 0..MAX_COMMANDS {
        batch
            .add::<SessionOpen>(&format!("c{i}"), &open_params("a|1|2|3"))
            .unwrap();
    }
    assert_eq!(
        batch
            .add::<SessionOpen>("c50", &open_params("a|1|2|3"))
            .unwrap_err(),
        BatchError::TooMany
    );
    let mut batch = Batch::new();
    batch
        .add::<SessionOpen>("x", &open_params("a|1|2|3"))
        .unwrap();
    assert_eq!(
        batch
            .add::<DialogGet>("x", &DialogGetParams::ChatId(1))
            .unwrap_err(),
        BatchError::DuplicateKey("x".to_string())
    );
    for bad in ["", "a b", "a[0]", "a&b", "$x"] {
        assert!(matches!(
            batch.add::<DialogGet>(bad, &DialogGetParams::ChatId(1)),
            Err(BatchError::BadKey(_))
        ));
    }
    assert_eq!(batch.len(), 1);

    /// A method that claims to be `batch`: refused, not sent.
    #[derive(Debug)]
    struct Nested;
    impl Method for Nested {
        const NAME: &'static str = "batch";
        type Params = <SessionOpen as Method>::Params;
        type Result = <SessionOpen as Method>::Result;
        type ResultWire = <SessionOpen as Method>::ResultWire;
        type Error = <SessionOpen as Method>::Error;
        fn descriptor() -> &'static b24_spec::MethodDescriptor {
            SessionOpen::descriptor()
        }
    }
    assert_eq!(
        batch
            .add::<Nested>("inner", &open_params("a|1|2|3"))
            .unwrap_err(),
        BatchError::Nested
    );
}

#[test]
fn an_answer_with_every_kind_of_outcome() {
    let (batch, open, dialog) = linked();
    let mut other = Batch::new();
    let halted = other
        .add::<DialogGet>("later", &DialogGetParams::ChatId(5))
        .unwrap();
    let body = json!({
        "result": {
            "result": {"open": {"chatId": "1763"}},
            "result_error": {"dialog": {"error": "ACCESS_ERROR", "error_description": "No access"}},
            "result_total": [],
            "result_next": [],
            "result_time": {"open": {"start": 1.5, "duration": "x"}},
            "undocumented": 1
        },
        "time": {"start": 1.0},
        "extra_top": true
    });
    let answer = batch.decode(200, body.to_string().as_bytes()).unwrap();
    match answer.get(&open) {
        Outcome::Done(r) => {
            assert_eq!(r.result.chat_id, Some(1763));
            // The command's own time, corrected where it did not fit.
            assert_eq!(r.time.as_ref().unwrap().start, Some(1.5));
            assert_eq!(b24_spec::Corrected::deviations(&r).len(), 1);
        }
        other => panic!("{other:?}"),
    }
    match answer.get(&dialog) {
        Outcome::Failed(e) => {
            assert!(matches!(e.error, DialogGetError::AccessError(_)));
            assert_eq!(e.error.status(), 200, "a command has no status of its own");
            assert_eq!(e.error.error_description(), Some("No access"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(answer.get(&halted), Outcome::NotExecuted));
    assert_eq!(answer.failed_keys().collect::<Vec<_>>(), ["dialog"]);
    assert_eq!(answer.result_extra["undocumented"], json!(1));
    assert_eq!(answer.extra["extra_top"], json!(true));
    assert_eq!(answer.time.as_ref().unwrap().start, Some(1.0));
}

#[test]
fn the_pages_error_answers_with_empty_php_parts() {
    // batch.md, "Error example (halt = 0)": every part but result_error is `[]`.
    let body = br#"{"result":{"result":[],"result_error":{"get_user":{"error":"insufficient_scope","error_description":""},"get_department":{"error":"insufficient_scope","error_description":""}},"result_total":[],"result_next":[],"result_time":[]},"time":{"start":1724916638.077564,"finish":1724916638.132399,"duration":0.05483508110046387,"processing":0.0017969608306884766,"date_start":"2024-08-29T10:30:38+03:00","date_finish":"2024-08-29T10:30:38+03:00"}}"#;
    let mut batch = Batch::new();
    let user = batch
        .add::<SessionOpen>("get_user", &open_params("a|1|2|3"))
        .unwrap();
    let dept = batch
        .add::<DialogGet>("get_department", &DialogGetParams::ChatId(1))
        .unwrap();
    let answer = batch.decode(200, body).unwrap();
    match answer.get(&user) {
        Outcome::Failed(e) => assert!(matches!(
            e.error,
            SessionOpenError::System(SystemError::InsufficientScope(_))
        )),
        other => panic!("{other:?}"),
    }
    assert!(matches!(answer.get(&dept), Outcome::Failed(_)));
    // "Error example (halt = 1)": the second command was not executed.
    let halted = br#"{"result":{"result":[],"result_error":{"get_user":{"error":"insufficient_scope","error_description":""}},"result_total":[],"result_next":[],"result_time":[]}}"#;
    let answer = batch.decode(200, halted).unwrap();
    assert!(matches!(answer.get(&dept), Outcome::NotExecuted));
}

#[test]
fn numeric_keys_arrive_as_arrays() {
    // `Batch` refuses such keys (tests/batch_references.rs); batches built elsewhere have them.
    let body = br#"{"result":{"result":[{"chatId":"5"},{"chatId":6}],"result_error":[],"result_total":[],"result_next":[],"result_time":[]}}"#;
    let answer = b24_spec::BatchAnswer::decode(200, body, &["0", "1"]).unwrap();
    for (key, id) in [("0", 5), ("1", 6)] {
        match answer.get_key::<SessionOpen>(key) {
            Outcome::Done(r) => assert_eq!(r.result.chat_id, Some(id)),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_whole_call_can_fail_and_bad_bodies_are_malformed() {
    let (batch, _, _) = linked();
    match batch.decode(401, br#"{"error":"expired_token","error_description":"x"}"#) {
        Err(b24_spec::CallError::Api(e)) => assert_eq!(e.code(), "expired_token"),
        other => panic!("{other:?}"),
    }
    for body in [&b""[..], b"<html>", b"[1]", b"{}", br#"{"result":5}"#] {
        assert!(
            matches!(
                batch.decode(200, body),
                Err(b24_spec::CallError::Malformed(_))
            ),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn any_batch_answer_body_never_panics(body in any::<Vec<u8>>(), json_like in "[\\[\\]{}\":,a-z0-9 ]{0,80}") {
        let (batch, open, dialog) = linked();
        for bytes in [body.as_slice(), json_like.as_bytes()] {
            if let Ok(answer) = batch.decode(200, bytes) {
                let _ = answer.get(&open);
                let _ = answer.get(&dialog);
            }
        }
        let wrapped = format!(r#"{{"result":{{"result":{{"open":{json_like}}},"result_error":{{"dialog":{json_like}}}}}}}"#);
        if let Ok(answer) = batch.decode(200, wrapped.as_bytes()) {
            let _ = answer.get(&open);
            let _ = answer.get(&dialog);
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn http_round_trip_checks_the_exact_request_body() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let server = MockServer::start().await;
    let (batch, open, dialog) = linked();
    Mock::given(method("POST"))
        .and(path("/rest/batch.json"))
        .and(header("content-type", "application/json"))
        .and(body_string(
            r#"{"halt":1,"cmd":{"open":"imopenlines.session.open?USER_CODE=livechat%7C1%7C1373%7C211","dialog":"imopenlines.dialog.get?CHAT_ID=$result[open][chatId]"}}"#,
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"result":{"result":{"open":{"chatId":"1763"},"dialog":{"id":1763,"name":"Support","dialog_id":"chat1763"}},"result_error":[],"result_total":[],"result_next":[],"result_time":[]},"time":{"start":1}}"#,
            "application/json; charset=utf-8",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let reply = reqwest::Client::new()
        .post(format!("{}/rest/batch.json", server.uri()))
        .header("Content-Type", "application/json")
        .body(batch.body())
        .send()
        .await
        .unwrap();
    let status = reply.status().as_u16();
    let answer = batch.decode(status, &reply.bytes().await.unwrap()).unwrap();
    match (answer.get(&open), answer.get(&dialog)) {
        (Outcome::Done(o), Outcome::Done(d)) => {
            assert_eq!(o.result.chat_id, Some(1763));
            assert_eq!(d.result.name.as_deref(), Some("Support"));
            // A partial result decodes, its missing fields reported.
            assert!(!b24_spec::Corrected::deviations(&d).is_empty());
        }
        other => panic!("{other:?}"),
    }
    server.verify().await;
}

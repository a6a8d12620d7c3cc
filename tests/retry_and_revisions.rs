//! Error classes and waits, the retry policy (never repeating unsafe calls by accident), and
//! revision gating of parameters, with wiremock round trips for the retry paths.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetError, DialogGetParams};
use b24_spec::imopenlines::revision_get::{RevisionGet, RevisionGetResult};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenParams};
use b24_spec::{
    ApiError, CallError, ErrorClass, Method, Response, RetryPolicy, Revisions, check_params, decode,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

fn error(status: u16, body: serde_json::Value) -> DialogGetError {
    match decode::<DialogGet>(status, body.to_string().as_bytes()) {
        Err(CallError::Api(e)) => e,
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_system_code_has_a_class_in_the_spec() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/spec/shared/system-errors.yaml"
    ))
    .unwrap();
    let codes = text.matches("- code:").count();
    assert_eq!(codes, b24_spec::SYSTEM_ERRORS.len());
    assert_eq!(
        text.matches("\n    class: ").count(),
        codes,
        "each system error names its class"
    );
    let class = |code: &str| {
        let e = b24_spec::SYSTEM_ERRORS
            .iter()
            .find(|e| e.code == code)
            .unwrap();
        (e.class, e.retry_after)
    };
    assert_eq!(
        class("QUERY_LIMIT_EXCEEDED"),
        (ErrorClass::RetryLater, Some(1))
    );
    assert_eq!(
        class("OPERATION_TIME_LIMIT"),
        (ErrorClass::RetryLater, Some(60))
    );
    assert_eq!(class("expired_token"), (ErrorClass::RefreshToken, None));
    assert_eq!(class("NO_AUTH_FOUND"), (ErrorClass::Reauthorize, None));
    assert_eq!(class("PORTAL_DELETED"), (ErrorClass::GiveUp, None));
    for m in b24_spec::methods() {
        for e in m.errors {
            assert_ne!(
                e.class,
                ErrorClass::RetryLater,
                "{}: method codes are not limits",
                e.code
            );
        }
    }
}

#[test]
fn classes_and_waits_on_the_error_types() {
    let e = error(
        503,
        json!({"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"}),
    );
    assert_eq!(
        (e.class(), e.retry_after()),
        (ErrorClass::RetryLater, Some(Duration::from_secs(1)))
    );
    let e = error(401, json!({"error": "expired_token"}));
    assert_eq!(
        (e.class(), e.retry_after()),
        (ErrorClass::RefreshToken, None)
    );
    let e = error(400, json!({"error": "ACCESS_ERROR"}));
    assert_eq!(e.class(), ErrorClass::FixRequest);
    // The answer's operating_reset_at wins over the documented 60 s.
    let e = error(
        429,
        json!({"error": "OPERATION_TIME_LIMIT", "time": {"operating_reset_at": now() + 5.0}}),
    );
    let wait = e.retry_after().unwrap();
    assert!(
        wait > Duration::from_secs(3) && wait <= Duration::from_secs(5),
        "{wait:?}"
    );
    // Codes the spec does not list fall back by status.
    for (status, code, class) in [
        (502, "SOMETHING", ErrorClass::RetryLater),
        (429, "SLOW_DOWN", ErrorClass::RetryLater),
        (401, "invalid_token", ErrorClass::Reauthorize),
        (401, "WRONG_AUTH_TYPE", ErrorClass::Reauthorize),
        (418, "TEAPOT", ErrorClass::FixRequest),
        (302, "MOVED", ErrorClass::GiveUp),
    ] {
        assert_eq!(
            error(status, json!({"error": code})).class(),
            class,
            "{code}"
        );
    }
}

#[test]
fn the_policy_repeats_only_what_is_safe_and_only_limits() {
    let policy = RetryPolicy::new(3);
    let limit = CallError::Api(error(503, json!({"error": "QUERY_LIMIT_EXCEEDED"})));
    assert_eq!(
        policy.next_wait::<DialogGet>(1, &limit),
        Some(Duration::from_secs(1))
    );
    assert_eq!(
        policy.next_wait::<DialogGet>(3, &limit),
        None,
        "three calls in all"
    );
    let fix = CallError::Api(error(400, json!({"error": "ACCESS_ERROR"})));
    assert_eq!(policy.next_wait::<DialogGet>(1, &fix), None);
    // An HTML page from a proxy at 502 is worth another try.
    let html = decode::<DialogGet>(502, b"<html>Bad Gateway</html>").unwrap_err();
    assert_eq!(
        policy.next_wait::<DialogGet>(1, &html),
        Some(Duration::from_secs(1))
    );
    // session.open may create a session: never repeated unless the caller says so.
    let write = match decode::<SessionOpen>(503, br#"{"error":"QUERY_LIMIT_EXCEEDED"}"#) {
        Err(e) => e,
        Ok(r) => panic!("{r:?}"),
    };
    assert!(!SessionOpen::descriptor().safe_to_repeat);
    assert_eq!(policy.next_wait::<SessionOpen>(1, &write), None);
    assert_eq!(
        policy
            .clone()
            .allow_unsafe()
            .next_wait::<SessionOpen>(1, &write),
        Some(Duration::from_secs(1))
    );
    // A wait longer than the policy accepts is not waited for.
    let long = CallError::Api(error(429, json!({"error": "OPERATION_TIME_LIMIT"})));
    let short = RetryPolicy::new(3).waits(Duration::from_secs(1), Duration::from_secs(10));
    assert_eq!(short.next_wait::<DialogGet>(1, &long), None);
}

#[test]
fn a_call_without_an_answer_is_repeated_only_when_safe() {
    let policy = RetryPolicy::new(3);
    // A read (or a request that never left) waits the fallback, under the same cap.
    assert_eq!(
        policy.next_wait_unanswered(true, 1),
        Some(Duration::from_secs(1))
    );
    assert_eq!(policy.next_wait_unanswered(true, 3), None);
    // A write whose request may have reached the portal is not sent again.
    assert_eq!(policy.next_wait_unanswered(false, 1), None);
    assert_eq!(
        policy.clone().allow_unsafe().next_wait_unanswered(false, 1),
        Some(Duration::from_secs(1))
    );
}

#[test]
fn parameters_are_gated_by_the_portals_revision() {
    let mut answer = RevisionGetResult::default();
    answer.rest = Some(1);
    answer.web = Some(1);
    let old = Revisions::new().read(RevisionGet::NAME, &answer);
    assert_eq!(old.get("imopenlines.rest"), Some(1));
    let params = DialogGetParams::DialogId("chat5".parse().unwrap());
    let needs = check_params::<DialogGet>(&params, &old).unwrap_err();
    assert_eq!(needs.len(), 1);
    assert_eq!(
        (needs[0].param, needs[0].since.revision, needs[0].have),
        ("DIALOG_ID", 2, Some(1))
    );
    assert_eq!(
        needs[0].to_string(),
        "`DIALOG_ID` needs revision 2 of `imopenlines.rest`, the portal reports 1"
    );
    // At the revision itself, and above, the parameter is understood.
    for rest in [2, 3] {
        answer.rest = Some(rest);
        let revisions = Revisions::new().read(RevisionGet::NAME, &answer);
        assert_eq!(check_params::<DialogGet>(&params, &revisions), Ok(()));
    }
    // Without the counter there is no telling: reported, with where to read it.
    let unknown = check_params::<DialogGet>(&params, &Revisions::new()).unwrap_err();
    assert!(
        unknown[0].to_string().contains("imopenlines.revision.get"),
        "{}",
        unknown[0]
    );
    // Parameters without a revision are never gated.
    let open = SessionOpenParams::new("livechat|1|2|3".parse().unwrap());
    assert_eq!(
        check_params::<SessionOpen>(&open, &Revisions::new()),
        Ok(())
    );
}

/// Calls `M` until it succeeds or the policy stops, sleeping the policy's waits; returns the
/// outcome and the waits taken.
async fn call_with_retry<M: Method>(
    base: &str,
    params: &M::Params,
    policy: &RetryPolicy,
) -> (
    Result<Response<M::Result>, CallError<M::Error>>,
    Vec<Duration>,
) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::new();
    let mut waits = Vec::new();
    let mut attempt = 1;
    loop {
        let reply = client
            .post(format!("{base}/rest/{}.json", M::NAME))
            .header("Content-Type", "application/json")
            .body(serde_json::to_vec(params).unwrap())
            .send()
            .await
            .unwrap();
        let status = reply.status().as_u16();
        let outcome = decode::<M>(status, &reply.bytes().await.unwrap());
        let wait = match &outcome {
            Err(e) => policy.next_wait::<M>(attempt, e),
            Ok(_) => None,
        };
        let Some(wait) = wait else {
            return (outcome, waits);
        };
        tokio::time::sleep(wait).await;
        waits.push(wait);
        attempt += 1;
    }
}

async fn answers(
    server: &MockServer,
    name: &str,
    first: ResponseTemplate,
    then: Option<ResponseTemplate>,
) {
    Mock::given(method("POST"))
        .and(path(format!("/rest/{name}.json")))
        .respond_with(first)
        .up_to_n_times(1)
        .expect(1)
        .mount(server)
        .await;
    if let Some(then) = then {
        Mock::given(method("POST"))
            .and(path(format!("/rest/{name}.json")))
            .respond_with(then)
            .expect(1)
            .mount(server)
            .await;
    }
}

fn json_reply(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.to_string(), "application/json")
}

#[tokio::test(flavor = "current_thread")]
async fn a_503_is_retried_once_after_the_documented_wait() {
    let server = MockServer::start().await;
    answers(
        &server,
        DialogGet::NAME,
        json_reply(
            503,
            json!({"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"}),
        ),
        Some(json_reply(
            200,
            json!({"result": {"id": 5, "dialog_id": "chat5"}}),
        )),
    )
    .await;
    let (outcome, waits) = call_with_retry::<DialogGet>(
        &server.uri(),
        &DialogGetParams::ChatId(5),
        &RetryPolicy::new(3),
    )
    .await;
    assert_eq!(outcome.unwrap().result.id, Some(5));
    assert_eq!(waits, [Duration::from_secs(1)]);
    server.verify().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_429_waits_until_operating_reset_at() {
    let server = MockServer::start().await;
    answers(
        &server,
        DialogGet::NAME,
        json_reply(
            429,
            json!({"error": "OPERATION_TIME_LIMIT", "time": {"operating_reset_at": now() + 1.0}}),
        ),
        Some(json_reply(
            200,
            json!({"result": {"id": 7, "dialog_id": "chat7"}}),
        )),
    )
    .await;
    let (outcome, waits) = call_with_retry::<DialogGet>(
        &server.uri(),
        &DialogGetParams::ChatId(7),
        &RetryPolicy::new(3),
    )
    .await;
    assert_eq!(outcome.unwrap().result.id, Some(7));
    assert_eq!(waits.len(), 1);
    assert!(
        waits[0] <= Duration::from_secs(1),
        "the answer's reset time, not 60 s: {waits:?}"
    );
    server.verify().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_write_that_fails_is_not_retried() {
    let server = MockServer::start().await;
    answers(
        &server,
        SessionOpen::NAME,
        json_reply(503, json!({"error": "QUERY_LIMIT_EXCEEDED"})),
        None,
    )
    .await;
    let params = SessionOpenParams::new("livechat|1|2|3".parse().unwrap());
    let (outcome, waits) =
        call_with_retry::<SessionOpen>(&server.uri(), &params, &RetryPolicy::new(3)).await;
    assert!(matches!(outcome, Err(CallError::Api(ref e)) if e.class() == ErrorClass::RetryLater));
    assert!(waits.is_empty());
    server.verify().await;
}

//! A real HTTP round trip, the way a downstream crate calls a portal: one generic
//! `call<M: Method>` (the README's shape) posts the serialized params with reqwest to a local
//! wiremock server that answers like a portal, with real statuses and content types, and
//! `b24_spec::decode` reads the answer.
//!
//! Every mock matches the path (`POST /rest/<method>.json`), the JSON content type and the exact
//! request body, so a hit proves the params serialized to the documented wire JSON; every mock
//! expects exactly one hit. A request nothing matches gets wiremock's empty 404, which decodes to
//! `CallError::Malformed` with status 404 and fails the assertions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use b24_spec::common::SystemError;
use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetError, DialogGetParams};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenError, SessionOpenParams};
use b24_spec::{ApiError, CallError, ChatDialogId, Corrected, Method, Response, UserCode};
use common::{fixture, fixture_json};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const JSON: &str = "application/json; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";

/// One call for every method: serialize the params, post them, decode the answer.
/// Transport errors are not the subject here, so they panic.
/// A client as a downstream crate builds one: reqwest with rustls on the ring provider.
fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

async fn call<M: Method>(
    client: &reqwest::Client,
    base: &str,
    params: &M::Params,
) -> Result<Response<M::Result>, CallError<M::Error>> {
    let body = serde_json::to_vec(params).unwrap();
    let answer = client
        .post(format!("{base}/rest/{}.json", M::NAME))
        .header("Content-Type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{}: transport error: {e}", M::NAME));
    let status = answer.status().as_u16();
    let bytes = answer.bytes().await.unwrap();
    b24_spec::decode::<M>(status, &bytes)
}

/// Mounts one portal answer for `POST /rest/<M::NAME>.json` with exactly `request` as its JSON
/// body, expected to be hit once.
async fn answer<M: Method>(
    server: &MockServer,
    request: Value,
    status: u16,
    content_type: &str,
    body: Vec<u8>,
) {
    Mock::given(method("POST"))
        .and(path(format!("/rest/{}.json", M::NAME)))
        .and(header("content-type", "application/json"))
        .and(body_json(&request))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body, content_type))
        .named(format!("{} {request} -> {status}", M::NAME))
        .expect(1)
        .mount(server)
        .await;
}

fn user_code(s: &str) -> UserCode {
    s.parse().unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn session_open_then_dialog_get_like_the_readme() {
    let server = MockServer::start().await;
    let client = client();
    // The request body is the docs' cURL example, byte for byte as a JSON value.
    let open_request = fixture_json("docs/session-open.request.json");
    assert_eq!(open_request, json!({"USER_CODE": "livechat|22|1761|587"}));
    answer::<SessionOpen>(
        &server,
        open_request,
        200,
        JSON,
        fixture("docs/session-open.en.json"),
    )
    .await;
    answer::<DialogGet>(
        &server,
        json!({"CHAT_ID": 1763}),
        400,
        JSON,
        fixture("docs/dialog-get.error.json"),
    )
    .await;

    let params = SessionOpenParams::new(user_code("livechat|22|1761|587"));
    let opened = call::<SessionOpen>(&client, &server.uri(), &params)
        .await
        .unwrap();
    // `chatId` arrives as the string "1763" and decodes to a number.
    assert_eq!(opened.result.chat_id, Some(1763));
    // The portal's offset is kept.
    let started = opened.time.and_then(|t| t.date_start).unwrap();
    assert_eq!(started.to_rfc3339(), "2026-03-16T16:06:56+01:00");

    let params = DialogGetParams::ChatId(opened.result.chat_id.unwrap());
    match call::<DialogGet>(&client, &server.uri(), &params).await {
        Err(CallError::Api(DialogGetError::AccessError(details))) => {
            assert_eq!(details.status, 400);
            assert_eq!(
                details.description.as_deref(),
                Some("You do not have access to the specified dialog")
            );
        }
        other => panic!("expected ACCESS_ERROR, got {other:?}"),
    }
    server.verify().await;
}

#[tokio::test(flavor = "current_thread")]
async fn dialog_get_by_each_selector() {
    let server = MockServer::start().await;
    let client = client();
    answer::<DialogGet>(
        &server,
        json!({"CHAT_ID": 1777}),
        200,
        JSON,
        fixture("docs/dialog-get.en.json"),
    )
    .await;
    // The docs' cURL and PHP examples as the request bodies.
    answer::<DialogGet>(
        &server,
        fixture_json("docs/dialog-get.request.json"),
        200,
        JSON,
        fixture("docs/dialog-get.ru.json"),
    )
    .await;
    answer::<DialogGet>(
        &server,
        fixture_json("docs/dialog-get.request.dialog-id.json"),
        200,
        JSON,
        fixture("docs/dialog-get.seed.json"),
    )
    .await;

    let by_chat = call::<DialogGet>(&client, &server.uri(), &DialogGetParams::ChatId(1777))
        .await
        .unwrap();
    assert_eq!(by_chat.result.id, Some(1777));
    assert_eq!(
        by_chat.result.name.as_deref(),
        Some("Green Guest #17 - Bitrix24 Documentation")
    );
    assert_eq!(by_chat.result.chat_type.as_deref(), Some("lines"));

    let by_user_code = DialogGetParams::UserCode(user_code("livechat|1|1373|211"));
    let by_user_code = call::<DialogGet>(&client, &server.uri(), &by_user_code)
        .await
        .unwrap();
    assert_eq!(by_user_code.result.id, Some(1777));
    assert_eq!(
        by_user_code.result.name.as_deref(),
        Some("Салатовый гость №17 - Документация Битрикс24")
    );

    let dialog_id: ChatDialogId = "chat29".parse().unwrap();
    let by_dialog_id = call::<DialogGet>(
        &client,
        &server.uri(),
        &DialogGetParams::DialogId(dialog_id),
    )
    .await
    .unwrap();
    assert_eq!(by_dialog_id.result.id, Some(1364));
    // The seed page's `"dialog_id": null` is a correction, not a failure.
    assert_eq!(by_dialog_id.result.dialog_id, None);
    assert!(
        by_dialog_id
            .deviations()
            .iter()
            .any(|d| d.path == "result.dialog_id")
    );
    server.verify().await;
}

#[tokio::test(flavor = "current_thread")]
async fn session_open_errors_by_variant() {
    let server = MockServer::start().await;
    let client = client();
    // Different users' chats get different answers from the same portal.
    let denied = "livechat|22|1761|587";
    let no_auth = "livechat|22|1761|588";
    let plan = "livechat|22|1761|589";
    answer::<SessionOpen>(
        &server,
        json!({"USER_CODE": denied}),
        400,
        JSON,
        fixture("docs/session-open.error.json"),
    )
    .await;
    answer::<SessionOpen>(
        &server,
        json!({"USER_CODE": no_auth}),
        401,
        JSON,
        br#"{"error":"NO_AUTH_FOUND","error_description":"Wrong authorization data"}"#.to_vec(),
    )
    .await;
    answer::<SessionOpen>(
        &server,
        json!({"USER_CODE": plan}),
        403,
        JSON,
        br#"{"error":"ACCESS_DENIED","error_description":"REST API is available only on commercial plans"}"#
            .to_vec(),
    )
    .await;

    let base = server.uri();
    let open = |code: &str| SessionOpenParams::new(user_code(code));

    match call::<SessionOpen>(&client, &base, &open(denied)).await {
        Err(CallError::Api(SessionOpenError::AccessDenied(details))) => {
            assert_eq!(details.status, 400);
            assert_eq!(
                details.description.as_deref(),
                Some(
                    "You cannot open this conversation because you do not have sufficient permissions"
                )
            );
        }
        other => panic!("expected ACCESS_DENIED, got {other:?}"),
    }

    match call::<SessionOpen>(&client, &base, &open(no_auth)).await {
        Err(CallError::Api(SessionOpenError::System(SystemError::NoAuthFound(details)))) => {
            assert_eq!(details.status, 401);
        }
        other => panic!("expected NO_AUTH_FOUND, got {other:?}"),
    }

    // The system ACCESS_DENIED (403) has the method's code, so the method's variant wins; the
    // status it actually came with tells them apart.
    match call::<SessionOpen>(&client, &base, &open(plan)).await {
        Err(CallError::Api(e @ SessionOpenError::AccessDenied(_))) => {
            assert_eq!(e.status(), 403);
            assert_eq!(e.documented_status(), Some(400));
            assert_eq!(
                e.error_description(),
                Some("REST API is available only on commercial plans")
            );
        }
        other => panic!("expected ACCESS_DENIED, got {other:?}"),
    }
    server.verify().await;
}

#[tokio::test(flavor = "current_thread")]
async fn dialog_get_errors_by_variant() {
    let server = MockServer::start().await;
    let client = client();
    answer::<DialogGet>(
        &server,
        json!({"CHAT_ID": 1}),
        503,
        JSON,
        br#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#.to_vec(),
    )
    .await;
    answer::<DialogGet>(
        &server,
        json!({"CHAT_ID": 2}),
        403,
        JSON,
        br#"{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the webhook token"}"#
            .to_vec(),
    )
    .await;
    // Portals send some errors with 200: the `error` key decides, not the status.
    answer::<DialogGet>(
        &server,
        json!({"CHAT_ID": 3}),
        200,
        JSON,
        fixture("docs/dialog-get.error.json"),
    )
    .await;
    answer::<DialogGet>(
        &server,
        json!({"CHAT_ID": 4}),
        400,
        JSON,
        br#"{"error":"SOMETHING_NEW","error_description":"Not in any docs yet","trace":7}"#
            .to_vec(),
    )
    .await;

    let base = server.uri();
    let get = |id: u64| DialogGetParams::ChatId(id);

    match call::<DialogGet>(&client, &base, &get(1)).await {
        Err(CallError::Api(DialogGetError::System(SystemError::QueryLimitExceeded(details)))) => {
            assert_eq!(details.status, 503);
            assert_eq!(details.description.as_deref(), Some("Too many requests"));
        }
        other => panic!("expected QUERY_LIMIT_EXCEEDED, got {other:?}"),
    }

    match call::<DialogGet>(&client, &base, &get(2)).await {
        Err(CallError::Api(DialogGetError::System(SystemError::InsufficientScope(details)))) => {
            assert_eq!(details.status, 403);
        }
        other => panic!("expected insufficient_scope, got {other:?}"),
    }

    match call::<DialogGet>(&client, &base, &get(3)).await {
        Err(CallError::Api(DialogGetError::AccessError(details))) => {
            assert_eq!(details.status, 200);
        }
        other => panic!("expected ACCESS_ERROR, got {other:?}"),
    }

    match call::<DialogGet>(&client, &base, &get(4)).await {
        Err(CallError::Api(e @ DialogGetError::Unknown(_))) => {
            assert_eq!(b24_spec::ApiError::code(&e), "SOMETHING_NEW");
            let details = b24_spec::ApiError::details(&e);
            assert_eq!(details.status, 400);
            assert_eq!(details.extra.get("trace"), Some(&json!(7)));
        }
        other => panic!("expected an unknown code, got {other:?}"),
    }
    server.verify().await;
}

#[tokio::test(flavor = "current_thread")]
async fn bodies_that_are_not_answers_are_malformed() {
    let server = MockServer::start().await;
    let client = client();
    // A proxy in front of the portal answers with its own HTML page.
    answer::<DialogGet>(
        &server,
        json!({"CHAT_ID": 1777}),
        502,
        HTML,
        b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            .to_vec(),
    )
    .await;
    answer::<SessionOpen>(
        &server,
        json!({"USER_CODE": "livechat|22|1761|587"}),
        200,
        JSON,
        Vec::new(),
    )
    .await;

    let base = server.uri();
    match call::<DialogGet>(&client, &base, &DialogGetParams::ChatId(1777)).await {
        Err(CallError::Malformed(e)) => {
            assert_eq!(e.status, 502);
            assert_eq!(e.path, "");
            assert!(e.message.starts_with("not valid JSON"), "{e}");
        }
        other => panic!("expected a malformed answer, got {other:?}"),
    }

    let params = SessionOpenParams::new(user_code("livechat|22|1761|587"));
    match call::<SessionOpen>(&client, &base, &params).await {
        Err(CallError::Malformed(e)) => {
            assert_eq!(e.status, 200);
            assert_eq!(e.message, "the body is empty");
        }
        other => panic!("expected a malformed answer, got {other:?}"),
    }
    server.verify().await;
}

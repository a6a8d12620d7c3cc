//! Every response example in the reference pages decodes and re-serializes without losing a
//! field; every request example serializes to the same wire JSON.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetParams};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenParams};
use b24_spec::{ApiError, CallError, ChatDialogId, Corrected, Method, UserCode, decode};
use common::{fixture, fixture_json, lost_or_changed};

/// Decodes a success fixture for `M`, re-serializes it and compares with the original JSON.
fn round_trip<M: Method>(rel: &str) -> b24_spec::Response<M::Result> {
    let response = match decode::<M>(200, &fixture(rel)) {
        Ok(r) => r,
        Err(e) => panic!("{rel}: {e}"),
    };
    let again = serde_json::to_value(&response).unwrap();
    let mut problems = Vec::new();
    lost_or_changed(&fixture_json(rel), &again, "", &mut problems);
    assert!(problems.is_empty(), "{rel}: {problems:#?}");
    response
}

#[test]
fn session_open_examples_round_trip() {
    for rel in [
        "docs/session-open.en.json",
        "docs/session-open.ru.json",
        "docs/session-open.seed.json",
    ] {
        round_trip::<SessionOpen>(rel);
    }
    // `chatId` is documented as integer but sent as "1763": it decodes to the number.
    let r = round_trip::<SessionOpen>("docs/session-open.en.json");
    assert_eq!(r.result.chat_id, Some(1763));
    assert!(
        r.time
            .is_some_and(|t| t.operating_reset_at == Some(1_773_667_016.0))
    );
}

#[test]
fn dialog_get_examples_round_trip() {
    let today = round_trip::<DialogGet>("docs/dialog-get.en.json");
    assert!(today.deviations().is_empty(), "{:?}", today.deviations());
    let today = today.result;
    assert_eq!(today.id, Some(1777));
    assert_eq!(today.dialog_id, Some("chat1777".to_string()));
    assert_eq!(today.description, Some(None), "sent as null");
    assert_eq!(today.manager_list, Some(vec![27]));
    let readed = today.readed_list.expect("today's page sends readed_list");
    assert_eq!(
        readed.first().map(|r| r.date),
        Some(Some(None)),
        "readed_list[0].date is null"
    );
    let ru = round_trip::<DialogGet>("docs/dialog-get.ru.json");
    assert!(ru.deviations().is_empty(), "{:?}", ru.deviations());

    // The seed page's example is shortened (servers of its era sent more fields) and shows
    // `"dialog_id": null`, which no server sends: it decodes, and says so field by field.
    let seed = round_trip::<DialogGet>("docs/dialog-get.seed.json");
    let paths: Vec<String> = seed.deviations().into_iter().map(|d| d.path).collect();
    assert_eq!(
        paths,
        [
            "result.dialog_id",
            "result.counter",
            "result.user_counter",
            "result.message_count",
            "result.unread_id",
            "result.last_message_id",
            "result.disk_folder_id",
            "result.mute_list",
            "result.public",
            "result.readed_list",
        ]
    );
    let seed = seed.result;
    assert_eq!(seed.dialog_id, None);
    assert_eq!(seed.description, None, "absent on old portals");
    assert!(seed.restrictions.is_none());
    assert_eq!(
        seed.date_create.map(|d| d.to_rfc3339()).as_deref(),
        Some("2020-05-12T17:40:55+02:00")
    );
}

#[test]
fn error_examples_decode_to_typed_errors() {
    let cases: [(&str, u16, &str); 2] = [
        ("docs/session-open.error.json", 400, "ACCESS_DENIED"),
        ("docs/session-open.error.ru.json", 400, "ACCESS_DENIED"),
    ];
    for (rel, status, code) in cases {
        match decode::<SessionOpen>(status, &fixture(rel)) {
            Err(CallError::Api(e)) => {
                assert_eq!(e.code(), code);
                assert!(e.is_known());
                assert_eq!(e.status(), status);
                assert!(matches!(
                    e,
                    b24_spec::imopenlines::session_open::SessionOpenError::AccessDenied(_)
                ));
            }
            other => panic!("{rel}: {other:?}"),
        }
    }
    for (rel, code) in [
        ("docs/dialog-get.error.json", "ACCESS_ERROR"),
        ("docs/dialog-get.error.seed.json", "DIALOG_ID_EMPTY"),
    ] {
        match decode::<DialogGet>(400, &fixture(rel)) {
            Err(CallError::Api(e)) => {
                assert_eq!(e.code(), code);
                assert_eq!(e.documented_status(), Some(400));
            }
            other => panic!("{rel}: {other:?}"),
        }
    }
}

#[test]
fn requests_serialize_to_the_documented_wire_json() {
    let user_code: UserCode = "livechat|22|1761|587".parse().unwrap();
    let open = SessionOpenParams::new(user_code);
    assert_eq!(
        serde_json::to_value(&open).unwrap(),
        fixture_json("docs/session-open.request.json")
    );

    let by_code = DialogGetParams::UserCode("livechat|1|1373|211".parse().unwrap());
    assert_eq!(
        serde_json::to_value(&by_code).unwrap(),
        fixture_json("docs/dialog-get.request.json")
    );
    let by_dialog = DialogGetParams::DialogId(ChatDialogId::new(29));
    assert_eq!(
        serde_json::to_value(&by_dialog).unwrap(),
        fixture_json("docs/dialog-get.request.dialog-id.json")
    );
    assert_eq!(
        serde_json::to_string(&DialogGetParams::ChatId(13)).unwrap(),
        r#"{"CHAT_ID":13}"#
    );
    assert_eq!(
        serde_json::to_string(&DialogGetParams::SessionId(1743)).unwrap(),
        r#"{"SESSION_ID":1743}"#
    );
    let prefixed = DialogGetParams::UserCode("imol|livechat|1|1373|211".parse().unwrap());
    assert_eq!(
        serde_json::to_string(&prefixed).unwrap(),
        r#"{"USER_CODE":"imol|livechat|1|1373|211"}"#
    );
}

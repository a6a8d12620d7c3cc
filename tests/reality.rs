//! What real portals send beyond the documentation: each case is one test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use b24_spec::common::SystemError;
use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetError};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenError};
use b24_spec::{ApiError, CallError, decode};
use serde_json::json;

/// A minimal seed-era `dialog.get` result with `patch` merged in.
fn dialog(patch: serde_json::Value) -> Vec<u8> {
    let mut result = json!({
        "avatar": "", "color": "#4ba984", "date_create": "2020-05-12T17:40:55+02:00",
        "dialog_id": "chat1364", "entity_data_1": "", "entity_data_2": "", "entity_data_3": "",
        "entity_id": "livechat|1|1363|203", "entity_type": "LINES", "extranet": false,
        "id": 1364, "manager_list": [], "message_type": "L", "name": "n", "owner": 0,
        "type": "lines"
    });
    for (k, v) in patch.as_object().unwrap() {
        result[k] = v.clone();
    }
    serde_json::to_vec(&json!({ "result": result })).unwrap()
}

fn malformed<M: b24_spec::Method>(status: u16, body: &[u8]) -> b24_spec::DecodeError {
    match decode::<M>(status, body) {
        Err(CallError::Malformed(e)) => e,
        other => panic!("expected a malformed-body error, got {other:?}"),
    }
}

#[test]
fn ids_arrive_as_numbers_or_numeric_strings() {
    let as_string = decode::<SessionOpen>(200, br#"{"result":{"chatId":"1763"}}"#).unwrap();
    let as_number = decode::<SessionOpen>(200, br#"{"result":{"chatId":1763}}"#).unwrap();
    assert_eq!(as_string.result.chat_id, 1763);
    assert_eq!(as_string.result, as_number.result);
    let r = decode::<DialogGet>(
        200,
        &dialog(json!({"id": "1364", "owner": "27", "manager_list": ["27", 28]})),
    )
    .unwrap();
    assert_eq!((r.result.id, r.result.owner), (1364, 27));
    assert_eq!(r.result.manager_list, vec![27, 28]);
}

#[test]
fn unknown_fields_are_kept_at_every_level_and_re_serialized() {
    let body =
        br#"{"result":{"chatId":"1","sessionId":5},"time":{"start":1,"zone":"x"},"total":1}"#;
    let r = decode::<SessionOpen>(200, body).unwrap();
    assert_eq!(r.result.extra.get("sessionId"), Some(&json!(5)));
    assert_eq!(r.extra.get("total"), Some(&json!(1)));
    let again = serde_json::to_value(&r).unwrap();
    assert_eq!(again["result"]["sessionId"], json!(5));
    assert_eq!(again["time"]["zone"], json!("x"));
    assert_eq!(again["total"], json!(1));

    let r = decode::<DialogGet>(
        200,
        &dialog(json!({"restrictions": {"avatar": true, "react": false}})),
    )
    .unwrap();
    let restrictions = r.result.restrictions.unwrap();
    assert_eq!(restrictions.avatar, Some(true));
    assert_eq!(restrictions.extra.get("react"), Some(&json!(false)));
}

#[test]
fn null_is_accepted_where_portals_send_it() {
    let r = decode::<DialogGet>(
        200,
        &dialog(json!({"dialog_id": null, "description": null, "background_id": null})),
    )
    .unwrap();
    assert_eq!(r.result.dialog_id, None);
    assert_eq!(r.result.description, Some(None));
    assert_eq!(r.result.background_id, Some(None));
    // Re-serializing keeps the explicit nulls.
    let again = serde_json::to_value(&r).unwrap();
    assert_eq!(again["result"]["description"], serde_json::Value::Null);
    assert!(
        again["result"].get("is_new").is_none(),
        "absent stays absent"
    );
}

#[test]
fn php_empty_array_is_read_as_an_empty_object() {
    let r = decode::<DialogGet>(
        200,
        &dialog(json!({"restrictions": [], "permissions": [], "entity_link": []})),
    )
    .unwrap();
    let restrictions = r.result.restrictions.unwrap();
    assert_eq!(restrictions.avatar, None);
    assert!(restrictions.extra.is_empty());
    assert!(r.result.permissions.is_some() && r.result.entity_link.is_some());
    // A non-empty array where an object belongs is still an error, located.
    let e = malformed::<DialogGet>(200, &dialog(json!({"restrictions": [1]})));
    assert_eq!(e.path, "result.restrictions");
}

#[test]
fn older_portals_without_new_fields_decode() {
    let r = decode::<DialogGet>(200, &dialog(json!({}))).unwrap();
    assert!(r.result.readed_list.is_none() && r.result.last_message_views.is_none());
    assert!(r.time.is_none());
}

#[test]
fn errors_decode_at_any_status_by_code() {
    let body = br#"{"error":"ACCESS_DENIED","error_description":"no"}"#;
    for status in [200, 400, 403, 500] {
        match decode::<SessionOpen>(status, body) {
            Err(CallError::Api(SessionOpenError::AccessDenied(d))) => {
                assert_eq!(d.status, status);
                assert_eq!(d.description.as_deref(), Some("no"));
            }
            other => panic!("status {status}: {other:?}"),
        }
    }
    // The same code is a system error for a method that does not document it.
    match decode::<DialogGet>(403, body) {
        Err(CallError::Api(DialogGetError::System(SystemError::AccessDenied(_)))) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn system_and_unknown_errors_and_missing_description() {
    match decode::<DialogGet>(
        503,
        br#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#,
    ) {
        Err(CallError::Api(e)) => {
            assert!(matches!(
                e,
                DialogGetError::System(SystemError::QueryLimitExceeded(_))
            ));
            assert_eq!(
                e.to_string(),
                "QUERY_LIMIT_EXCEEDED (HTTP 503): Too many requests"
            );
        }
        other => panic!("{other:?}"),
    }
    match decode::<DialogGet>(401, br#"{"error":"expired_token"}"#) {
        Err(CallError::Api(e)) => {
            assert_eq!(e.code(), "expired_token");
            assert_eq!(e.error_description(), None);
            assert_eq!(e.to_string(), "expired_token (HTTP 401)");
        }
        other => panic!("{other:?}"),
    }
    match decode::<DialogGet>(
        418,
        br#"{"error":"BRAND_NEW","error_description":"x","hint":1}"#,
    ) {
        Err(CallError::Api(DialogGetError::Unknown { code, details })) => {
            assert_eq!(code, "BRAND_NEW");
            assert_eq!(details.status, 418);
            assert_eq!(details.extra.get("hint"), Some(&json!(1)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_bodies_name_the_json_path() {
    let e = malformed::<DialogGet>(200, &dialog(json!({"manager_list": [27, "x"]})));
    assert_eq!(e.path, "result.manager_list[1]");
    assert!(e.message.contains("an ID"), "{e}");
    let e = malformed::<DialogGet>(
        200,
        &dialog(
            json!({"readed_list": [{"user_id": 1, "user_name": "a", "message_id": -4, "date": null}]}),
        ),
    );
    assert_eq!(e.path, "result.readed_list[0].message_id");
    let e = malformed::<DialogGet>(200, &dialog(json!({"date_create": "yesterday"})));
    assert_eq!(e.path, "result.date_create");
    let e = malformed::<SessionOpen>(200, br#"{"result":{}}"#);
    assert!(e.message.contains("missing field `chatId`"), "{e}");
    let e = malformed::<SessionOpen>(502, b"<html>Bad Gateway</html>");
    assert_eq!(e.status, 502);
    assert!(e.message.starts_with("not valid JSON"), "{e}");
    let e = malformed::<SessionOpen>(200, b"");
    assert_eq!(e.message, "the body is empty");
    let e = malformed::<SessionOpen>(200, br#"{"result":{"chatId":"1"#);
    assert!(e.message.starts_with("the body ends early"), "{e}");
    let e = malformed::<SessionOpen>(200, br#"{"time":{}}"#);
    assert_eq!(e.message, "the body has neither `result` nor `error`");
}

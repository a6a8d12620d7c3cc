//! What real portals send beyond the documentation: each case is one test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use b24_spec::common::SystemError;
use b24_spec::imopenlines::dialog_get::{
    BackgroundId, DialogGet, DialogGetError, DialogGetParams, DialogGetResult,
};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenError, SessionOpenParams};
use b24_spec::{
    ApiError, CallError, ChatDialogId, Corrected, Deviation, Response, UserCode, decode,
    decode_strict,
};
use serde_json::{Value, json};

/// A seed-era `dialog.get` result (every field old servers sent) with `patch` merged in;
/// `null` in the patch removes the key.
fn dialog(patch: Value) -> Vec<u8> {
    let mut result = json!({
        "avatar": "", "color": "#4ba984", "date_create": "2020-05-12T17:40:55+02:00",
        "dialog_id": "chat1364", "entity_data_1": "", "entity_data_2": "", "entity_data_3": "",
        "entity_id": "livechat|1|1363|203", "entity_type": "LINES", "extranet": false,
        "id": 1364, "manager_list": [], "message_type": "L", "name": "n", "owner": 0,
        "type": "lines", "counter": 0, "user_counter": 0, "message_count": 3, "unread_id": 0,
        "last_message_id": 9, "disk_folder_id": 0, "mute_list": [], "public": "",
        "readed_list": []
    });
    for (k, v) in patch.as_object().unwrap() {
        result[k] = v.clone();
    }
    serde_json::to_vec(&json!({ "result": result })).unwrap()
}

/// Decodes leniently and returns the response with its deviations.
fn lenient(body: &[u8]) -> (Response<DialogGetResult>, Vec<Deviation>) {
    let r = decode::<DialogGet>(200, body).unwrap();
    let d = r.deviations();
    (r, d)
}

/// The one deviation of a response, checked to be at `path`.
fn one_at(deviations: &[Deviation], path: &str) -> Deviation {
    assert_eq!(deviations.len(), 1, "{deviations:#?}");
    assert_eq!(deviations[0].path, path, "{deviations:#?}");
    deviations[0].clone()
}

fn malformed<M: b24_spec::Method>(status: u16, body: &[u8]) -> b24_spec::DecodeError {
    match decode::<M>(status, body) {
        Err(CallError::Malformed(e)) => e,
        other => panic!("expected a malformed-body error, got {other:?}"),
    }
}

fn strict_error(body: &[u8]) -> b24_spec::DecodeError {
    match decode_strict::<DialogGet>(200, body) {
        Err(CallError::Malformed(e)) => e,
        other => panic!("strict decoding must fail, got {other:?}"),
    }
}

#[test]
fn ids_arrive_as_numbers_or_numeric_strings() {
    let as_string = decode::<SessionOpen>(200, br#"{"result":{"chatId":"1763"}}"#).unwrap();
    let as_number = decode::<SessionOpen>(200, br#"{"result":{"chatId":1763}}"#).unwrap();
    assert_eq!(as_string.result.chat_id, Some(1763));
    assert_eq!(as_string.result, as_number.result);
    let (r, d) = lenient(&dialog(
        json!({"id": "1364", "owner": "27", "manager_list": ["27", 28]}),
    ));
    assert!(d.is_empty(), "{d:?}");
    assert_eq!((r.result.id, r.result.owner), (Some(1364), Some(27)));
    assert_eq!(r.result.manager_list, Some(vec![27, 28]));
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
fn null_is_accepted_where_the_spec_allows_it() {
    let (r, d) = lenient(&dialog(json!({"description": null, "background_id": null})));
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(r.result.description, Some(None));
    assert_eq!(r.result.background_id, Some(None));
    // Re-serializing keeps the explicit nulls.
    let again = serde_json::to_value(&r).unwrap();
    assert_eq!(again["result"]["description"], Value::Null);
    assert!(
        again["result"].get("is_new").is_none(),
        "absent stays absent"
    );
}

#[test]
fn php_empty_array_is_read_as_an_empty_object() {
    let (r, d) = lenient(&dialog(
        json!({"restrictions": [], "permissions": [], "entity_link": []}),
    ));
    assert!(d.is_empty(), "{d:?}");
    let restrictions = r.result.restrictions.unwrap();
    assert_eq!(restrictions.avatar, None);
    assert!(restrictions.extra.is_empty());
    assert!(r.result.permissions.is_some() && r.result.entity_link.is_some());
}

#[test]
fn older_portals_without_new_fields_decode_cleanly() {
    let (r, d) = lenient(&dialog(json!({})));
    assert!(d.is_empty(), "{d:?}");
    assert!(r.result.last_message_views.is_none() && r.result.role.is_none());
    assert!(r.time.is_none());
}

// ---- Section 1: the spec follows the server -------------------------------------------------

#[test]
fn background_id_is_an_open_set_of_names() {
    for (sent, expected) in [
        ("azure", BackgroundId::Azure),
        ("martaAI", BackgroundId::MartaAi),
        ("collabV2", BackgroundId::CollabV2),
        ("aiAssistantWidget", BackgroundId::AiAssistantWidget),
    ] {
        let (r, d) = lenient(&dialog(json!({ "background_id": sent })));
        assert!(d.is_empty(), "{sent}: {d:?}");
        assert_eq!(r.result.background_id, Some(Some(expected.clone())));
        assert_eq!(expected.as_str(), sent);
        let again = serde_json::to_value(&r).unwrap();
        assert_eq!(again["result"]["background_id"], json!(sent));
    }
    // A name this crate does not know is kept, opaque, and goes back out as sent.
    let (r, d) = lenient(&dialog(json!({"background_id": "lagoon"})));
    assert!(d.is_empty(), "{d:?}");
    let bg = r.result.background_id.clone().unwrap().unwrap();
    assert!(matches!(bg, BackgroundId::Unknown(_)));
    assert_eq!((bg.as_str(), bg.known()), ("lagoon", None));
    assert_eq!(
        serde_json::to_value(&r).unwrap()["result"]["background_id"],
        json!("lagoon")
    );
}

#[test]
fn legacy_numeric_backgrounds_are_kept_as_sent_and_mapped_where_known() {
    for (sent, known) in [
        ("1", Some(BackgroundId::Azure)),
        ("7", Some(BackgroundId::Sky)),
        ("9", Some(BackgroundId::Peach)),
        ("11", Some(BackgroundId::Frost)),
        ("8", None),
        ("10", None),
    ] {
        let (r, d) = lenient(&dialog(json!({ "background_id": sent })));
        assert!(d.is_empty(), "{sent}: {d:?}");
        let bg = r.result.background_id.clone().unwrap().unwrap();
        assert_eq!(bg, BackgroundId::Legacy(sent), "{sent}");
        assert_eq!(bg.known(), known, "{sent}");
        assert_eq!(
            serde_json::to_value(&r).unwrap()["result"]["background_id"],
            json!(sent),
            "kept as sent"
        );
    }
    // The page's integer is not what servers send: corrected, kept, reported.
    let (r, d) = lenient(&dialog(json!({"background_id": 3})));
    let dev = one_at(&d, "result.background_id");
    assert_eq!(dev.got, Some(json!(3)));
    assert_eq!(r.result.background_id, None);
    assert_eq!(
        serde_json::to_value(&r).unwrap()["result"]["background_id"],
        json!(3)
    );
}

#[test]
fn public_is_an_empty_string_or_an_alias_object() {
    let (r, d) = lenient(&dialog(json!({"public": ""})));
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(r.result.public, Some(None));
    assert_eq!(
        serde_json::to_value(&r).unwrap()["result"]["public"],
        json!("")
    );
    let alias = json!({"code": "support", "link": "https://example.bitrix24.com/online/support"});
    let (r, d) = lenient(&dialog(json!({ "public": alias })));
    assert!(d.is_empty(), "{d:?}");
    let public = r.result.public.clone().unwrap().unwrap();
    assert_eq!(public.code.as_deref(), Some("support"));
    assert_eq!(serde_json::to_value(&r).unwrap()["result"]["public"], alias);
    // What the page claims (a flag) is not what servers send.
    let (_, d) = lenient(&dialog(json!({"public": "Y"})));
    assert_eq!(one_at(&d, "result.public").got, Some(json!("Y")));
}

#[test]
fn dialog_id_selector_is_the_chat_form_only() {
    assert!("256".parse::<ChatDialogId>().is_err());
    let params = DialogGetParams::DialogId("chat29".parse().unwrap());
    assert_eq!(
        serde_json::to_string(&params).unwrap(),
        r#"{"DIALOG_ID":"chat29"}"#
    );
    // The result's dialog_id is always `chat<ID>` on real servers; the old page's null is a
    // correction, visible at the field.
    let (r, d) = lenient(&dialog(json!({"dialog_id": null})));
    assert_eq!(r.result.dialog_id, None);
    assert_eq!(one_at(&d, "result.dialog_id").got, Some(Value::Null));
}

#[test]
fn session_open_sends_user_codes_without_the_imol_prefix() {
    let code: UserCode = "imol|livechat|22|1761|587".parse().unwrap();
    let params = SessionOpenParams::new(code);
    assert_eq!(
        serde_json::to_string(&params).unwrap(),
        r#"{"USER_CODE":"livechat|22|1761|587"}"#
    );
    // dialog.get strips the prefix itself, so it is sent as given there.
    let code: UserCode = "imol|livechat|1|1373|211".parse().unwrap();
    assert_eq!(
        serde_json::to_string(&DialogGetParams::UserCode(code)).unwrap(),
        r#"{"USER_CODE":"imol|livechat|1|1373|211"}"#
    );
}

#[test]
fn the_registry_carries_revisions_and_recorded_differences() {
    let d = b24_spec::find_method("imopenlines.dialog.get").unwrap();
    let since = d.param("CHAT_ID").unwrap().since.unwrap();
    assert_eq!(
        (since.revision, since.counter, since.read_with, since.key),
        (2, "imopenlines.rest", "imopenlines.revision.get", "rest")
    );
    assert!(since.source.contains("seeds/004"), "{}", since.source);
    let at: Vec<&str> = d.differences.iter().map(|x| x.at).collect();
    for expected in [
        "param DIALOG_ID",
        "result.background_id",
        "result.public",
        "result.dialog_id",
        "error ACCESS_ERROR",
        "error DIALOG_ID_EMPTY",
    ] {
        assert!(at.contains(&expected), "{expected} missing from {at:?}");
    }
    assert!(d.differences.iter().all(|x| !x.source.is_empty()));
    let empty = d
        .errors
        .iter()
        .find(|e| e.code == "DIALOG_ID_EMPTY")
        .unwrap();
    assert!(empty.meaning.en.contains("im.dialog.get"));
    let access = d.errors.iter().find(|e| e.code == "ACCESS_ERROR").unwrap();
    assert!(access.meaning.en.contains("No selector"));
    let open = b24_spec::find_method("imopenlines.session.open").unwrap();
    assert!(open.differences.iter().any(|x| x.at == "result.chatId"));
}

#[test]
fn extranet_users_get_an_error_with_empty_code() {
    match decode::<SessionOpen>(200, br#"{"error":"","error_description":""}"#) {
        Err(CallError::Api(e)) => {
            assert!(matches!(e, SessionOpenError::Unknown { .. }));
            assert_eq!(e.code(), "");
        }
        other => panic!("{other:?}"),
    }
}

// ---- Section 2: client error correction -----------------------------------------------------

#[test]
fn the_issue_example_decodes_with_one_warning() {
    let mut body = common_fixture("docs/dialog-get.en.json");
    body["result"]["background_id"] = json!({"id": 5});
    let bytes = serde_json::to_vec(&body).unwrap();
    let r = decode::<DialogGet>(200, &bytes).unwrap();
    let d = r.deviations();
    let dev = one_at(&d, "result.background_id");
    assert_eq!(dev.got, Some(json!({"id": 5})));
    assert!(dev.expected.contains("or null"), "{}", dev.expected);
    assert_eq!(r.result.id, Some(1777), "the rest of the answer is typed");
    assert_eq!(
        serde_json::to_value(&r).unwrap()["result"]["background_id"],
        json!({"id": 5})
    );
    let e = strict_error(&bytes);
    assert_eq!(e.path, "result.background_id");
}

fn common_fixture(rel: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn corrections_at_every_level_are_reported_kept_and_strict_rejects_them() {
    let cases: Vec<(Value, &str, Value)> = vec![
        // result level: null where a string belongs, an object where an ID belongs
        (json!({"name": null}), "result.name", Value::Null),
        (
            json!({"owner": {"id": 1}}),
            "result.owner",
            json!({"id": 1}),
        ),
        (
            json!({"extranet": "maybe"}),
            "result.extranet",
            json!("maybe"),
        ),
        (
            json!({"date_create": "yesterday"}),
            "result.date_create",
            json!("yesterday"),
        ),
        (json!({"date_create": 0}), "result.date_create", json!(0)),
        (json!({"counter": 1e30}), "result.counter", json!(1e30)),
        (json!({"id": -1}), "result.id", json!(-1)),
        (
            json!({"id": "18446744073709551616"}),
            "result.id",
            json!("18446744073709551616"),
        ),
        // nested object
        (
            json!({"restrictions": {"avatar": "sometimes"}}),
            "result.restrictions.avatar",
            json!("sometimes"),
        ),
        (
            json!({"restrictions": [1]}),
            "result.restrictions",
            json!([1]),
        ),
        (
            json!({"entity_link": "none"}),
            "result.entity_link",
            json!("none"),
        ),
        // array items
        (
            json!({"manager_list": [27, "x"]}),
            "result.manager_list[1]",
            json!("x"),
        ),
        (
            json!({"mute_list": {"0": 27}}),
            "result.mute_list",
            json!({"0": 27}),
        ),
        (
            json!({"readed_list": [{"user_id": 1, "user_name": "a", "message_id": -4, "date": null}]}),
            "result.readed_list[0].message_id",
            json!(-4),
        ),
        (
            json!({"readed_list": [5]}),
            "result.readed_list[0]",
            json!(5),
        ),
    ];
    for (patch, path, raw) in cases {
        let body = dialog(patch.clone());
        let (r, d) = lenient(&body);
        let dev = one_at(&d, path);
        assert_eq!(dev.got, Some(raw.clone()), "{patch}");
        // The value goes back out exactly as it came.
        let again = serde_json::to_value(&r).unwrap();
        assert_eq!(pointer(&again, path), Some(&raw), "{patch}: re-serialized");
        // Strict decoding names the same path.
        let e = strict_error(&body);
        assert_eq!(e.path, path, "{patch}");
    }
}

/// The value at a deviation path such as `result.readed_list[0].date`.
fn pointer<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut ptr = String::new();
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, rest)) => (k, Some(rest.trim_end_matches(']'))),
            None => (part, None),
        };
        ptr.push('/');
        ptr.push_str(key);
        if let Some(i) = index {
            ptr.push('/');
            ptr.push_str(i);
        }
    }
    v.pointer(&ptr)
}

#[test]
fn envelope_and_time_corrections() {
    let body = br#"{"result":{"chatId":"5"},"time":{"start":"soon","finish":2.5}}"#;
    let r = decode::<SessionOpen>(200, body).unwrap();
    let d = r.deviations();
    assert_eq!(one_at(&d, "time.start").got, Some(json!("soon")));
    assert_eq!(r.time.as_ref().unwrap().finish, Some(2.5));
    let body = br#"{"result":{"chatId":"5"},"time":7}"#;
    let r = decode::<SessionOpen>(200, body).unwrap();
    assert_eq!(one_at(&r.deviations(), "time").got, Some(json!(7)));
    assert!(r.time.is_none());
    assert_eq!(serde_json::to_value(&r).unwrap()["time"], json!(7));
    // A result that is not an object: one deviation at `result`, the value kept.
    let r = decode::<SessionOpen>(200, br#"{"result":"1763"}"#).unwrap();
    assert_eq!(one_at(&r.deviations(), "result").got, Some(json!("1763")));
    assert_eq!(r.result.chat_id, None);
    assert_eq!(serde_json::to_value(&r).unwrap()["result"], json!("1763"));
}

#[test]
fn missing_required_fields_read_as_none_and_are_reported() {
    let r = decode::<SessionOpen>(200, br#"{"result":{}}"#).unwrap();
    let dev = one_at(&r.deviations(), "result.chatId");
    assert_eq!(dev.got, None);
    assert!(dev.to_string().contains("required field missing"), "{dev}");
    let e = match decode_strict::<SessionOpen>(200, br#"{"result":{}}"#) {
        Err(CallError::Malformed(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(e.path, "result.chatId");
}

#[test]
fn third_party_mocks_with_a_few_fields_decode_with_the_rest_reported() {
    let body = br#"{"result":{"entity_type":"LINES","entity_data_1":"Y|DEAL|1","entity_data_2":"LEAD|0"}}"#;
    let r = decode::<DialogGet>(200, body).unwrap();
    assert_eq!(r.result.entity_type.as_deref(), Some("LINES"));
    let d = r.deviations();
    assert!(
        d.iter().all(|x| x.got.is_none()),
        "only missing fields: {d:?}"
    );
    assert!(d.iter().any(|x| x.path == "result.id"));
    assert!(
        !d.iter().any(|x| x.path == "result.role"),
        "optional fields are not missing"
    );
    // Nothing is added on the way back out.
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::from_slice::<Value>(body).unwrap()
    );
}

#[test]
fn a_later_valid_duplicate_key_clears_the_correction() {
    let body = br#"{"result":{"chatId":"x","chatId":"5"}}"#;
    let r = decode::<SessionOpen>(200, body).unwrap();
    assert_eq!(r.result.chat_id, Some(5));
    assert!(r.deviations().is_empty());
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
        Err(CallError::Api(e @ DialogGetError::Unknown(_))) => {
            assert_eq!(b24_spec::ApiError::code(&e), "BRAND_NEW");
            let details = b24_spec::ApiError::details(&e);
            assert_eq!(details.status, 418);
            assert_eq!(details.extra.get("hint"), Some(&json!(1)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_bodies_are_still_errors() {
    let e = malformed::<SessionOpen>(502, b"<html>Bad Gateway</html>");
    assert_eq!(e.status, 502);
    assert!(e.message.starts_with("not valid JSON"), "{e}");
    let e = malformed::<SessionOpen>(200, b"");
    assert_eq!(e.message, "the body is empty");
    let e = malformed::<SessionOpen>(200, br#"{"result":{"chatId":"1"#);
    assert!(e.message.starts_with("the body ends early"), "{e}");
    let e = malformed::<SessionOpen>(200, br#"{"time":{}}"#);
    assert_eq!(e.message, "the body has neither `result` nor `error`");
    let e = malformed::<SessionOpen>(200, b"[1]");
    assert!(e.message.contains("response object"), "{e}");
}

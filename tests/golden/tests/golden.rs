//! The golden spec's generated code, pinned and exercised from outside the crate that holds
//! it, as a downstream user sees it.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use b24_spec::{ApiError, CallError, Corrected, decode, decode_strict};
use b24_spec_golden::golden::flag_check::{FlagCheck, FlagCheckParams};
use b24_spec_golden::golden::item_add::{
    AddOwner, AddTarget, ItemAdd, ItemAddError, ItemAddParams,
};
use b24_spec_golden::golden::item_get::{
    Colour, ItemGet, ItemGetError, ItemGetParams, ItemGetResult,
};
use b24_spec_golden::golden::items_list::ItemsList;
use b24_spec_golden::golden::revision_get::RevisionGet;
use serde_json::{Value, json};

fn spec_dir() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/golden-spec"
    ))
}

#[test]
fn generated_code_snapshot() {
    let generated = b24_spec_codegen::generate(spec_dir()).unwrap();
    insta::assert_snapshot!(generated.code);
}

/// An `item.get` answer with a value of every shape the spec describes.
fn item() -> Value {
    json!({
        "result": {
            "id": "7", "count": -3, "ratio": "0.5", "title": "Golden", "active": "Y",
            "created": "2026-03-16T20:50:37+01:00", "user_code": "livechat|1|2|3",
            "dialog_id": "chat12", "chat": "chat12", "payload": {"any": [1, "x"]},
            "type": "plain", "parent_id": null, "closed": null, "colour": "1",
            "alias": {"code": "gold"}, "nickname": "",
            "owner": {"id": 5, "balance": {"amount": 10.5, "currency": null}, "tier": "platinum"},
            "settings": {"limits": {"max": 9}, "tags": ["a", "b"]},
            "matrix": [[1, 2], ["3"]], "nullable_ids": [1, null, "2"],
            "rows": [{"n": 1, "cells": [{"value": true}, {"value": null, "money": {"amount": 1, "currency": "EUR"}}]}],
            "undocumented": {"kept": true}
        },
        "time": {"start": 1.5}
    })
}

#[test]
fn every_shape_decodes_strictly_and_round_trips() {
    let body = serde_json::to_vec(&item()).unwrap();
    let answer = decode_strict::<ItemGet>(200, &body).unwrap();
    let r: &ItemGetResult = &answer.result;
    assert_eq!(r.id, Some(7));
    assert_eq!(r.count, Some(-3));
    assert_eq!(r.ratio, Some(0.5));
    assert_eq!(r.active, Some(true));
    assert_eq!(r.item_type.as_deref(), Some("plain"));
    assert_eq!(r.parent_id, Some(None));
    assert_eq!(r.colour, Some(Some(Colour::Legacy("1"))));
    assert_eq!(
        r.colour.clone().flatten().and_then(|c| c.known()),
        Some(Colour::Red)
    );
    assert_eq!(r.nickname, Some(None), "`\"\"` is the server's none");
    assert_eq!(
        r.alias.clone().flatten().unwrap().code.as_deref(),
        Some("gold")
    );
    let owner = r.owner.clone().unwrap();
    assert_eq!(owner.balance.unwrap().currency, Some(None));
    let tier = owner.tier.unwrap();
    assert_eq!((tier.as_str(), tier.known()), ("platinum", None));
    assert_eq!(r.matrix, Some(vec![vec![1, 2], vec![3]]));
    assert_eq!(r.nullable_ids, Some(vec![Some(1), None, Some(2)]));
    let rows = r.rows.clone().unwrap();
    assert_eq!(rows[0].cells.as_ref().unwrap().len(), 2);
    assert!(r.extra.contains_key("undocumented"));

    let again = serde_json::to_value(&answer).unwrap();
    let mut expected = item();
    // Lenient forms come back in their typed form.
    for (key, value) in [
        ("id", json!(7)),
        ("ratio", json!(0.5)),
        ("active", json!(true)),
    ] {
        expected["result"][key] = value;
    }
    expected["result"]["matrix"] = json!([[1, 2], [3]]);
    expected["result"]["nullable_ids"] = json!([1, null, 2]);
    expected["result"]["rows"][0]["cells"][1]["money"]["amount"] = json!(1.0);
    assert_eq!(again, expected);
}

#[test]
fn odd_values_at_every_depth_are_corrected_and_kept() {
    let mut body = item();
    body["result"]["rows"][0]["cells"][1]["money"]["amount"] = json!("lots");
    body["result"]["settings"]["limits"]["max"] = json!([1]);
    body["result"]["colour"] = json!({"not": "a name"});
    body["result"]["matrix"][1] = json!("x");
    let bytes = serde_json::to_vec(&body).unwrap();
    let answer = decode::<ItemGet>(200, &bytes).unwrap();
    let mut paths: Vec<String> = answer.deviations().into_iter().map(|d| d.path).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "result.colour",
            "result.matrix[1]",
            "result.rows[0].cells[1].money.amount",
            "result.settings.limits.max",
        ]
    );
    let again = serde_json::to_value(&answer).unwrap();
    assert_eq!(again["result"]["colour"], body["result"]["colour"]);
    assert_eq!(again["result"]["settings"]["limits"]["max"], json!([1]));
    assert_eq!(
        again["result"]["rows"][0]["cells"][1]["money"]["amount"],
        json!("lots")
    );
    let strict = decode_strict::<ItemGet>(200, &bytes).unwrap_err();
    assert!(strict.to_string().contains("result."), "{strict}");
}

#[test]
fn params_of_every_shape_serialize_as_the_wire_expects() {
    let selector = ItemGetParams::UserCode("imol|livechat|1|2|3".parse().unwrap());
    assert_eq!(
        serde_json::to_value(&selector).unwrap(),
        json!({"USER_CODE": "livechat|1|2|3"})
    );
    assert_eq!(
        serde_json::to_value(ItemGetParams::SecondCode("x".to_string())).unwrap(),
        json!({"2ND_CODE": "x"})
    );
    let params = ItemAddParams::new(
        "Hello".to_string(),
        "imol|livechat|1|2|3".parse().unwrap(),
        AddTarget::ChatDialog("chat5".parse().unwrap()),
        AddOwner::OwnerCode("imol|telegram|2|3|4".parse().unwrap()),
    )
    .with_alt_code("imol|viber|1|1|1".parse().unwrap())
    .with_plain_code("imol|viber|1|1|1".parse().unwrap())
    .with_count(-1)
    .with_ids(vec![1, 2])
    .with_extra_data(json!({"k": [1]}))
    .with_starts("2026-03-16T20:50:37+01:00".parse().unwrap());
    assert_eq!(
        serde_json::to_value(&params).unwrap(),
        json!({
            "TITLE": "Hello", "USER_CODE": "livechat|1|2|3", "ALT_CODE": "viber|1|1|1",
            "PLAIN_CODE": "imol|viber|1|1|1", "COUNT": -1, "EXTRA": {"k": [1]},
            "IDS": [1, 2], "STARTS": "2026-03-16T20:50:37+01:00",
            "CHAT_DIALOG": "chat5", "OWNER_CODE": "telegram|2|3|4"
        })
    );
    assert_eq!(
        serde_json::to_value(FlagCheckParams::default()).unwrap(),
        json!({})
    );
    // A flag sent the way Bitrix flags are: "Y"/"N", in JSON and in batch alike.
    let mut flag = FlagCheckParams::default();
    flag.strict = Some(false);
    assert_eq!(serde_json::to_value(&flag).unwrap(), json!({"STRICT": "N"}));
    flag.strict = Some(true);
    assert_eq!(serde_json::to_value(&flag).unwrap(), json!({"STRICT": "Y"}));
}

#[test]
fn scalar_array_and_small_results_decode() {
    let id = decode::<ItemAdd>(200, br#"{"result":"42"}"#).unwrap();
    assert_eq!(id.result, Some(42));
    let flag = decode::<FlagCheck>(200, br#"{"result":true}"#).unwrap();
    assert_eq!(flag.result, Some(true));
    let list = decode::<ItemsList>(
        200,
        br#"{"result":[{"id":1,"title":null},{"id":"2","title":"b"}]}"#,
    )
    .unwrap();
    let items = list.result.unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].id, Some(2));
    let revision = decode::<RevisionGet>(200, br#"{"result":{"rest":2}}"#).unwrap();
    assert_eq!(revision.result.rest, Some(2));
}

/// A `result` that is not an object and does not fit (PHP's `false` for "failed", text where
/// an id belongs, an object where a list belongs) is `None`, listed at `result`, and sent
/// back as it came: the answer still decodes, as it does for a misfit inside an object.
#[test]
fn a_scalar_or_list_result_that_does_not_fit_is_corrected_not_fatal() {
    for (body, expected) in [
        (r#"{"result":false,"time":{"start":1}}"#, "an ID"),
        (r#"{"result":"abc"}"#, "an ID"),
    ] {
        let id = decode::<ItemAdd>(200, body.as_bytes()).unwrap();
        assert_eq!(id.result, None);
        let deviations = id.deviations();
        assert_eq!(deviations.len(), 1, "{deviations:?}");
        assert_eq!(deviations[0].path, "result");
        assert!(deviations[0].expected.contains(expected), "{deviations:?}");
        let back: serde_json::Value = serde_json::to_value(&id).unwrap();
        let sent: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(back["result"], sent["result"]);
        assert!(decode_strict::<ItemAdd>(200, body.as_bytes()).is_err());
    }
    let flag = decode::<FlagCheck>(200, br#"{"result":"maybe"}"#).unwrap();
    assert_eq!(flag.result, None);
    assert_eq!(flag.deviations()[0].path, "result");
    let list = decode::<ItemsList>(200, br#"{"result":{"5":{"id":5}}}"#).unwrap();
    assert_eq!(list.result, None);
    assert_eq!(list.deviations()[0].path, "result");
    assert_eq!(
        serde_json::to_value(&list).unwrap()["result"],
        json!({"5": {"id": 5}})
    );
}

#[test]
fn errors_pick_own_system_and_opaque_unknown_variants() {
    match decode::<ItemGet>(
        403,
        br#"{"error":"403_FORBIDDEN","error_description":"no"}"#,
    ) {
        Err(CallError::Api(ItemGetError::Forbidden(details))) => assert_eq!(details.status, 403),
        other => panic!("{other:?}"),
    }
    match decode::<ItemAdd>(401, br#"{"error":"expired_token"}"#) {
        Err(CallError::Api(e @ ItemAddError::System(_))) => {
            assert_eq!(e.code(), "expired_token");
            assert_eq!(e.documented_status(), Some(401));
        }
        other => panic!("{other:?}"),
    }
    match decode::<ItemGet>(400, br#"{"error":"BRAND_NEW"}"#) {
        Err(CallError::Api(e)) => {
            assert!(matches!(e, ItemGetError::Unknown(_)));
            assert_eq!(e.code(), "BRAND_NEW");
            assert!(!e.is_known());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn registry_lists_every_method_with_revisions_and_differences() {
    let names: Vec<&str> = b24_spec_golden::METHODS.iter().map(|m| m.name).collect();
    assert_eq!(
        names,
        [
            "golden.flag.check",
            "golden.item.add",
            "golden.item.get",
            "golden.items.list",
            "golden.revision.get"
        ]
    );
    let get = b24_spec_golden::METHODS[2];
    let since = get.param("ID").unwrap().since.unwrap();
    assert_eq!((since.revision, since.counter), (2, "golden.rest"));
    let at: Vec<&str> = get.differences.iter().map(|d| d.at).collect();
    assert_eq!(
        at,
        ["param CHAT_DIALOG_ID", "result.rows", "error 403_FORBIDDEN"]
    );
    assert_eq!(b24_spec_golden::SYSTEM_ERRORS.len(), 3);
}

#[cfg(feature = "schema")]
#[test]
fn schemas_are_built_for_every_method() {
    let get = b24_spec::schema::method_schemas::<ItemGet>();
    let text = serde_json::to_string(&get.result).unwrap();
    assert!(text.contains("x-differs-from-docs"));
    let add = b24_spec::schema::method_schemas::<ItemAdd>();
    let params = serde_json::to_value(&add.params).unwrap();
    assert_eq!(params["required"], json!(["TITLE", "USER_CODE"]));
    let list = b24_spec::schema::method_schemas::<ItemsList>();
    assert!(
        serde_json::to_string(&list.result)
            .unwrap()
            .contains("ListedItem")
    );
}

//! Batch keys the portal keeps, references checked against the registry before any round trip
//! (parameter wire names, result field paths), and whole `batch` calls through `RetryPolicy`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::time::Duration;

use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetParams};
use b24_spec::imopenlines::revision_get::RevisionGet;
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenParams};
use b24_spec::{
    Batch, BatchError, CallError, Handle, Method, MethodDescriptor, Reference, RetryPolicy,
};

/// A batch holding `open` (session.open), for later commands to reference.
fn with_open() -> (Batch, Handle<SessionOpen>) {
    let mut batch = Batch::new();
    let params = SessionOpenParams::new("livechat|1|1373|211".parse().unwrap());
    let open = batch.add::<SessionOpen>("open", &params).unwrap();
    (batch, open)
}

/// Adds dialog.get under `key`, its `wire` parameter taken from `open`'s chat id (the typed
/// params hold the placeholder `CHAT_ID=0`).
fn add_dialog_of(
    batch: &mut Batch,
    open: &Handle<SessionOpen>,
    key: &str,
    wire: &str,
) -> Result<Handle<DialogGet>, BatchError> {
    let chat = open.field("chatId").unwrap();
    batch.add_with::<DialogGet>(key, &DialogGetParams::ChatId(0), &[(wire, chat)])
}

/// A batch holding `d` (dialog.get), for references into its nested and list fields.
fn with_dialog() -> (Batch, Handle<DialogGet>) {
    let mut batch = Batch::new();
    let dialog = batch
        .add::<DialogGet>("d", &DialogGetParams::ChatId(1777))
        .unwrap();
    (batch, dialog)
}

/// A method this crate's registry does not hold (as if generated in another crate), whose
/// result is a list of objects: `[]`, `[].id`, `[].tags`, `[].tags[]`.
#[derive(Debug)]
struct ItemsList;

static ITEMS_LIST: MethodDescriptor = MethodDescriptor::__new(
    "test.items.list",
    "test",
    b24_spec::LocalizedText::__new("", ""),
    b24_spec::LocalizedText::__new("", ""),
    &[],
    &[],
    &[],
    true,
    &[],
    &["[]", "[].id", "[].tags", "[].tags[]"],
);

impl Method for ItemsList {
    const NAME: &'static str = "test.items.list";
    type Params = <RevisionGet as Method>::Params;
    type Result = <RevisionGet as Method>::Result;
    type ResultWire = <RevisionGet as Method>::ResultWire;
    type Error = <RevisionGet as Method>::Error;
    fn descriptor() -> &'static MethodDescriptor {
        &ITEMS_LIST
    }
}

#[test]
fn numeric_keys_are_refused_with_the_reason() {
    let mut batch = Batch::new();
    for key in ["12", "-3", "0", "007", "9223372036854775808"] {
        let error = batch
            .add::<DialogGet>(key, &DialogGetParams::ChatId(1))
            .unwrap_err();
        assert_eq!(error, BatchError::NumericKey(key.to_string()));
        assert_eq!(
            error.to_string(),
            format!(
                "`{key}` cannot be a batch key: PHP turns a key of digits into an integer and \
                 renumbers such keys, so the answer could not say which command failed; start \
                 it with a letter (`c{key}`)"
            )
        );
    }
    // Characters the portal's query parsing would change in `$result[key]`, and control ones.
    for key in ["a+b", "a%41", "a\u{0}b", "tab\there"] {
        assert_eq!(
            batch
                .add::<DialogGet>(key, &DialogGetParams::ChatId(1))
                .unwrap_err(),
            BatchError::BadKey(key.to_string()),
            "{key:?}"
        );
    }
    assert!(batch.is_empty());
    // Numbers with something else in them stay strings in PHP: accepted.
    for key in ["c12", "1.5", "-", "12a", "get_user", "ключ"] {
        batch
            .add::<DialogGet>(key, &DialogGetParams::ChatId(1))
            .unwrap();
    }
    assert_eq!(batch.len(), 6);
}

#[test]
fn a_wrong_wire_name_is_refused_with_the_parameters_and_the_closest() {
    let (mut batch, open) = with_open();
    let error = add_dialog_of(&mut batch, &open, "d", "CHATID").unwrap_err();
    assert_eq!(
        error,
        BatchError::UnknownParam {
            method: "imopenlines.dialog.get",
            name: "CHATID".to_string(),
            suggestion: Some("CHAT_ID"),
            known: vec!["CHAT_ID", "DIALOG_ID", "SESSION_ID", "USER_CODE"],
        }
    );
    assert_eq!(
        error.to_string(),
        "`imopenlines.dialog.get` has no parameter `CHATID` (did you mean `CHAT_ID`?); its \
         parameters: `CHAT_ID`, `DIALOG_ID`, `SESSION_ID`, `USER_CODE`"
    );
    // Nothing close: the list alone.
    let error = add_dialog_of(&mut batch, &open, "d", "FOO").unwrap_err();
    assert_eq!(
        error.to_string(),
        "`imopenlines.dialog.get` has no parameter `FOO`; its parameters: `CHAT_ID`, \
         `DIALOG_ID`, `SESSION_ID`, `USER_CODE`"
    );
    assert_eq!(batch.len(), 1, "a refused command is not added");
}

#[test]
fn the_issue_s_chatid_case_fails_at_both_names() {
    // The issue: `("CHATID", open.field("chatid"))` was sent as `CHAT_ID=0&CHATID=$result[open][chatid]`.
    let (_, open) = with_open();
    let error = open.field("chatid").unwrap_err();
    assert_eq!(
        error,
        BatchError::UnknownField {
            method: "imopenlines.session.open",
            path: "chatid".to_string(),
            suggestion: Some("chatId"),
            known: vec!["chatId"],
        }
    );
    assert_eq!(
        error.to_string(),
        "the result of `imopenlines.session.open` has no field `chatid` (did you mean \
         `chatId`?); its fields: `chatId`"
    );
}

#[test]
fn field_paths_are_checked_against_the_result() {
    let (_, dialog) = with_dialog();
    let ok = |path: &str| dialog.field(path).unwrap().as_str().to_string();
    assert_eq!(ok("id"), "$result[d][id]");
    assert_eq!(
        ok("restrictions.avatar"),
        "$result[d][restrictions][avatar]"
    );
    assert_eq!(ok("mute_list[0]"), "$result[d][mute_list][0]");
    assert_eq!(ok("mute_list[12]"), "$result[d][mute_list][12]");
    assert_eq!(
        ok("readed_list[0].user_id"),
        "$result[d][readed_list][0][user_id]"
    );
    assert_eq!(
        ok("last_message_views.first_viewers[2].date"),
        "$result[d][last_message_views][first_viewers][2][date]"
    );
    assert_eq!(ok("public.code"), "$result[d][public][code]");
    assert_eq!(dialog.field("id").unwrap().key(), "d");

    // An unknown nested field: named with its closest sibling.
    let error = dialog.field("restrictions.avatr").unwrap_err();
    let BatchError::UnknownField {
        method,
        suggestion,
        known,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*method, "imopenlines.dialog.get");
    assert_eq!(*suggestion, Some("restrictions.avatar"));
    assert!(known.contains(&"restrictions.avatar") && known.contains(&"mute_list[]"));
    let text = error.to_string();
    // Every field the registry lists, in its order (derived, so a spec edit needs no change).
    let fields: Vec<String> = DialogGet::descriptor()
        .result_fields
        .iter()
        .map(|f| format!("`{f}`"))
        .collect();
    assert!(
        text.starts_with(&format!(
            "the result of `imopenlines.dialog.get` has no field `restrictions.avatr` (did you \
             mean `restrictions.avatar`?); its fields: {}",
            fields.join(", ")
        )),
        "{text}"
    );
    assert!(
        text.ends_with(" (`[]` takes an index: `list[0]`)"),
        "{text}"
    );

    // A list needs an index, a non-list takes none, an index is digits without a leading 0.
    for bad in [
        "mute_list.x",
        "mute_list[]",
        "mute_list[x]",
        "mute_list[01]",
        "mute_list[-1]",
        "readed_list[0].user",
        "id[0]",
        "[0]",
        "restrictions..avatar",
        "restrictions.",
        ".id",
        "",
        "restrictions.avatar.x",
        "chatId",
    ] {
        assert!(
            matches!(dialog.field(bad), Err(BatchError::UnknownField { .. })),
            "{bad:?}"
        );
    }
}

#[test]
fn a_result_that_is_a_list_takes_an_index_first() {
    let mut batch = Batch::new();
    let items = batch
        .add::<ItemsList>("items", &Default::default())
        .unwrap();
    assert_eq!(
        items.field("[0].id").unwrap().as_str(),
        "$result[items][0][id]"
    );
    assert_eq!(items.field("[0]").unwrap().as_str(), "$result[items][0]");
    assert_eq!(
        items.field("[3].tags[1]").unwrap().as_str(),
        "$result[items][3][tags][1]"
    );
    for bad in ["id", "[0]id", "[0].name", "[0].tags.x", "0.id"] {
        assert!(items.field(bad).is_err(), "{bad:?}");
    }
    // A scalar or unknown result has no fields at all.
    let error = BatchError::UnknownField {
        method: "x.add",
        path: "id".to_string(),
        suggestion: None,
        known: Vec::new(),
    };
    assert_eq!(
        error.to_string(),
        "the result of `x.add` has no field `id`; it has no fields"
    );
}

#[test]
fn a_referenced_batch_sends_the_reference_and_not_the_placeholder() {
    // dialog.get by the chat session.open returns, then session.open by the dialog's user code.
    let (mut batch, open) = with_open();
    let dialog = add_dialog_of(&mut batch, &open, "dialog", "CHAT_ID").unwrap();
    batch
        .add_with::<SessionOpen>(
            "again",
            &SessionOpenParams::new("placeholder|0|0|0".parse().unwrap()),
            &[("USER_CODE", dialog.field("entity_id").unwrap())],
        )
        .unwrap();
    let body = batch.body();
    assert_eq!(
        body,
        r#"{"halt":0,"cmd":{"open":"imopenlines.session.open?USER_CODE=livechat%7C1%7C1373%7C211","dialog":"imopenlines.dialog.get?CHAT_ID=$result[open][chatId]","again":"imopenlines.session.open?USER_CODE=$result[dialog][entity_id]"}}"#
    );
    assert!(!body.contains("CHAT_ID=0") && !body.contains("placeholder"));
}

#[test]
fn references_must_fit_the_command_they_go_into() {
    let (mut batch, open) = with_open();
    let chat = open.field("chatId").unwrap();
    let mut refused = |references: &[(&str, Reference)]| {
        batch
            .add_with::<DialogGet>("d", &DialogGetParams::ChatId(0), references)
            .unwrap_err()
    };
    // Another member of the one-of group would be sent next to the reference.
    let error = refused(&[("DIALOG_ID", chat.clone())]);
    assert_eq!(
        error,
        BatchError::OneOfClash {
            method: "imopenlines.dialog.get",
            referenced: "DIALOG_ID",
            sent: "CHAT_ID",
            group: "selector",
        }
    );
    let text = error.to_string();
    assert!(
        text.contains("use the params' `DIALOG_ID` variant"),
        "{text}"
    );
    // One parameter, two references.
    assert_eq!(
        refused(&[("CHAT_ID", chat.clone()), ("CHAT_ID", chat.clone())]),
        BatchError::DuplicateParam {
            method: "imopenlines.dialog.get",
            name: "CHAT_ID".to_string(),
        }
    );
    // A handle of another batch: that batch's `d` is not a command of this one.
    let (_, elsewhere) = with_dialog();
    assert_eq!(
        refused(&[("CHAT_ID", elsewhere.field("id").unwrap())]),
        BatchError::ForeignReference("$result[d][id]".to_string())
    );
    assert_eq!(batch.len(), 1);
}

#[test]
fn result_fields_are_the_spec_s_flattened_fields() {
    let spec =
        b24_spec_codegen::Spec::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")).unwrap();
    let mut seen = 0;
    for info in spec.methods() {
        let descriptor = b24_spec::find_method(info.name()).unwrap();
        let expected: Vec<String> = info
            .result_fields()
            .into_iter()
            .map(|f| {
                let below = f.path.strip_prefix("result").unwrap();
                below.strip_prefix('.').unwrap_or(below).to_string()
            })
            .collect();
        assert_eq!(descriptor.result_fields, expected, "{}", info.name());
        seen += 1;
    }
    assert_eq!(seen, b24_spec::methods().len());
    let fields = DialogGet::descriptor().result_fields;
    for path in [
        "restrictions",
        "restrictions.avatar",
        "mute_list[]",
        "public.link",
    ] {
        assert!(fields.contains(&path), "{path}");
    }
    assert_eq!(SessionOpen::descriptor().result_fields, ["chatId"]);
}

/// `batch.decode` of a whole-call error: what a caller passes to `next_wait_batch`.
fn call_error(batch: &Batch, status: u16, body: &str) -> CallError<b24_spec::common::AnyError> {
    batch.decode(status, body.as_bytes()).unwrap_err()
}

#[test]
fn a_batch_of_reads_is_retried_after_a_limit_and_capped() {
    let mut reads = Batch::new();
    let dialog = reads
        .add::<DialogGet>("d", &DialogGetParams::ChatId(1777))
        .unwrap();
    reads
        .add::<RevisionGet>("rev", &Default::default())
        .unwrap();
    reads
        .add_with::<DialogGet>(
            "again",
            &DialogGetParams::ChatId(0),
            &[("CHAT_ID", dialog.field("id").unwrap())],
        )
        .unwrap();
    assert!(reads.safe_to_repeat());
    let limit = call_error(
        &reads,
        503,
        r#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#,
    );
    let policy = RetryPolicy::new(3);
    assert_eq!(
        policy.next_wait_batch(&reads, 1, &limit),
        Some(Duration::from_secs(1))
    );
    assert_eq!(
        policy.next_wait_batch(&reads, 2, &limit),
        Some(Duration::from_secs(1))
    );
    assert_eq!(
        policy.next_wait_batch(&reads, 3, &limit),
        None,
        "three calls in all"
    );
    // A proxy's 5xx page is retried with the fallback wait; an expired token is not a wait.
    let html = call_error(&reads, 502, "<html>Bad Gateway</html>");
    let policy = RetryPolicy::new(3).waits(Duration::from_millis(250), Duration::from_secs(10));
    assert_eq!(
        policy.next_wait_batch(&reads, 1, &html),
        Some(Duration::from_millis(250))
    );
    let expired = call_error(&reads, 401, r#"{"error":"expired_token"}"#);
    assert_eq!(policy.next_wait_batch(&reads, 1, &expired), None);
}

#[test]
fn a_batch_with_a_write_is_retried_only_when_allowed() {
    let (mut batch, open) = with_open();
    add_dialog_of(&mut batch, &open, "d", "CHAT_ID").unwrap();
    assert!(!batch.safe_to_repeat(), "session.open may create a session");
    let limit = call_error(&batch, 503, r#"{"error":"QUERY_LIMIT_EXCEEDED"}"#);
    assert_eq!(RetryPolicy::new(3).next_wait_batch(&batch, 1, &limit), None);
    assert_eq!(
        RetryPolicy::new(3)
            .allow_unsafe()
            .next_wait_batch(&batch, 1, &limit),
        Some(Duration::from_secs(1))
    );
    // A method generated elsewhere (not in this crate's registry) counts by its own descriptor.
    let mut foreign = Batch::new();
    foreign
        .add::<ItemsList>("items", &Default::default())
        .unwrap();
    assert!(b24_spec::find_method(ItemsList::NAME).is_none());
    assert!(ItemsList::descriptor().safe_to_repeat);
    assert!(foreign.safe_to_repeat());
    assert_eq!(
        RetryPolicy::new(3).next_wait_batch(&foreign, 1, &limit),
        Some(Duration::from_secs(1))
    );
    // An empty batch repeats nothing harmful.
    assert!(Batch::new().safe_to_repeat());
}

#[test]
fn an_unbounded_batch_splits_keeping_linked_commands_together() {
    let mut batch = Batch::unbounded();
    let code = || SessionOpenParams::new("livechat|1|1373|211".parse().unwrap());
    // 60 reads, then an open with two dialogs reading its chat id: 63 commands.
    for i in 0..60 {
        batch
            .add::<RevisionGet>(&format!("r{i}"), &Default::default())
            .unwrap();
    }
    let open = batch.add::<SessionOpen>("open", &code()).unwrap();
    add_dialog_of(&mut batch, &open, "d1", "CHAT_ID").unwrap();
    add_dialog_of(&mut batch, &open, "d2", "CHAT_ID").unwrap();
    assert_eq!(batch.len(), 63);

    let parts = batch.split(50).unwrap();
    let keys: Vec<Vec<&str>> = parts
        .iter()
        .map(|p| p.commands().map(|(k, _)| k).collect())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0].len(), 50);
    // The linked three stay together, in order, after the reads that did not fit.
    assert_eq!(&keys[1][10..], ["open", "d1", "d2"]);
    assert!(parts.iter().all(|p| p.len() <= 50));
    // Every command is in exactly one part.
    let mut all: Vec<&str> = keys.concat();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), 63);

    // A group larger than one request is refused, naming its commands.
    let err = batch.split(2).unwrap_err();
    assert_eq!(
        err,
        BatchError::GroupTooLarge {
            keys: vec!["open".into(), "d1".into(), "d2".into()],
            max: 2
        }
    );
    assert!(err.to_string().contains("open, d1, d2"), "{err}");
    // A bounded batch still stops at 50.
    let mut bounded = Batch::new();
    for i in 0..50 {
        bounded
            .add::<RevisionGet>(&format!("r{i}"), &Default::default())
            .unwrap();
    }
    let more = bounded.add::<RevisionGet>("r50", &Default::default());
    assert_eq!(more.unwrap_err(), BatchError::TooMany);
}

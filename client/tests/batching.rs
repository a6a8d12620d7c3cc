//! Typed batches past 50 commands against a mock portal: split into requests of at most 50,
//! linked commands in one request, one pacing slot per request, and refused before sending
//! when a linked group cannot fit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/portal.rs"]
mod portal;

use b24_client::{Client, ClientError};
use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetParams};
use b24_spec::imopenlines::revision_get::{RevisionGet, RevisionGetParams};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenParams};
use b24_spec::{Batch, BatchError, Outcome};
use portal::{Config, Portal};

fn open_params(i: usize) -> SessionOpenParams {
    SessionOpenParams::new(format!("livechat|1|{i}|1").parse().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_batch_is_split_with_linked_commands_together() {
    let portal = Portal::start(Config::default());
    let client = Client::webhook(&portal.webhook()).build().unwrap();
    let mut batch = Batch::unbounded();
    let mut reads = Vec::new();
    let mut dialogs = Vec::new();
    // 100 reads and 10 open → dialog pairs, interleaved: 120 commands.
    for i in 0..110 {
        if i % 11 == 10 {
            let open = batch
                .add::<SessionOpen>(&format!("open{i}"), &open_params(i))
                .unwrap();
            let dialog = batch
                .add_with::<DialogGet>(
                    &format!("dialog{i}"),
                    &DialogGetParams::ChatId(0),
                    &[("CHAT_ID", open.field("chatId").unwrap())],
                )
                .unwrap();
            dialogs.push(dialog);
        } else {
            reads.push(
                batch
                    .add::<RevisionGet>(&format!("r{i}"), &RevisionGetParams::new())
                    .unwrap(),
            );
        }
    }
    assert_eq!(batch.len(), 120);
    let results = client.batch(&batch).await.unwrap();
    assert!(results.failure().is_none());
    let sizes = portal.seen(|s| s.batch_sizes.clone());
    assert_eq!(sizes.len(), 3, "{sizes:?}");
    assert!(sizes.iter().all(|n| *n <= 50), "{sizes:?}");
    assert_eq!(sizes.iter().sum::<usize>(), 120);
    assert_eq!(client.stats().requests, 3, "one slot per request");
    assert!(
        portal.seen(|s| s.violations.is_empty()),
        "references stayed in their request"
    );
    for read in &reads {
        assert!(matches!(results.get(read), Outcome::Done(r) if r.result.rest == Some(1)));
    }
    for dialog in &dialogs {
        assert!(matches!(results.get(dialog), Outcome::Done(r) if r.result.id == Some(29)));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_linked_group_larger_than_a_request_is_refused_before_sending() {
    let portal = Portal::start(Config::default());
    let client = Client::webhook(&portal.webhook()).build().unwrap();
    let mut batch = Batch::unbounded();
    let open = batch.add::<SessionOpen>("open", &open_params(1)).unwrap();
    for i in 0..50 {
        batch
            .add_with::<DialogGet>(
                &format!("d{i}"),
                &DialogGetParams::ChatId(0),
                &[("CHAT_ID", open.field("chatId").unwrap())],
            )
            .unwrap();
    }
    match client.batch(&batch).await {
        Err(ClientError::Batch(BatchError::GroupTooLarge { keys, max })) => {
            assert_eq!((keys.len(), max), (51, 50));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(portal.seen(|s| s.received.len()), 0, "nothing was sent");
}

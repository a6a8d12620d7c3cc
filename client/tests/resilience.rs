//! Faults a portal and its OAuth server produce, against a mock portal on 127.0.0.1: random
//! faults under concurrency, token refresh (single flight, refused, stored before use),
//! operating holds per method, and what the client promises about its own type.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/portal.rs"]
mod portal;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use b24_client::{AppCredentials, Client, ClientError, Pacing, StoreError, TokenStore, Tokens};
use b24_spec::imopenlines::dialog_get::{DialogGet, DialogGetParams};
use b24_spec::imopenlines::revision_get::{RevisionGet, RevisionGetParams};
use b24_spec::imopenlines::session_open::{SessionOpen, SessionOpenParams};
use b24_spec::{ApiError, ErrorClass, RetryPolicy};
use portal::{Config, FIRST_ACCESS, FIRST_REFRESH, Fault, Portal};

/// A store that records every access token it was given, and can be made to fail.
#[derive(Clone, Default)]
struct Recorder {
    saved: Arc<Mutex<Vec<String>>>,
    failing: Arc<Mutex<bool>>,
}

impl TokenStore for Recorder {
    fn save(&self, tokens: &Tokens) -> Result<(), StoreError> {
        if *self.failing.lock().unwrap() {
            return Err(StoreError("disk full".into()));
        }
        self.saved.lock().unwrap().push(tokens.access_token.clone());
        Ok(())
    }

    fn load(&self) -> Result<Option<Tokens>, StoreError> {
        Ok(None)
    }
}

fn oauth_client(portal: &Portal, store: Recorder, policy: RetryPolicy) -> Client {
    Client::oauth(
        &portal.endpoint(),
        Tokens::new(FIRST_ACCESS, FIRST_REFRESH),
        AppCredentials::new("app.1", "secret"),
        store,
    )
    .oauth_server(&portal.oauth_server())
    .pacing(Pacing::new(1_000, 1_000.0))
    .retry(policy)
    .build()
    .unwrap()
}

fn quick_policy() -> RetryPolicy {
    RetryPolicy::new(8).waits(Duration::from_millis(20), Duration::from_secs(2))
}

#[test]
fn the_client_is_clone_send_sync() {
    fn check<T: Clone + Send + Sync + 'static>() {}
    check::<Client>();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_faults_end_in_results_or_typed_errors() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("fault seed {seed} (set FAULT_SEED to repeat)");
    let seed = std::env::var("FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(seed);
    let portal = Portal::start(Config {
        fault_rate: 0.2,
        faults: vec![
            Fault::QueryLimit,
            Fault::OperationLimit,
            Fault::BadGateway,
            Fault::Reset,
            Fault::ExpiredToken,
        ],
        seed,
        reset_in: 0.2,
        oauth: true,
        ..Config::default()
    });
    let store = Recorder::default();
    portal.check_store(Arc::clone(&store.saved));
    let client = oauth_client(&portal, store.clone(), quick_policy());
    // Each kind at least once, whatever the seed.
    for fault in [
        Fault::QueryLimit,
        Fault::OperationLimit,
        Fault::BadGateway,
        Fault::Reset,
        Fault::ExpiredToken,
    ] {
        portal.force("imopenlines.revision.get", fault);
    }

    let start = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..16u32 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut outcomes = Vec::new();
            for i in 0..12 {
                let outcome = match i % 4 {
                    0 | 1 => client
                        .call::<RevisionGet>(&RevisionGetParams::new())
                        .await
                        .map(|_| ())
                        .map_err(|e| describe(&e)),
                    2 => client
                        .call::<DialogGet>(&DialogGetParams::ChatId(29))
                        .await
                        .map(|_| ())
                        .map_err(|e| describe(&e)),
                    _ => {
                        let code = format!("livechat|1|{t}|{i}").parse().unwrap();
                        let opened = client
                            .call::<SessionOpen>(&SessionOpenParams::new(code))
                            .await;
                        // Not safe to repeat: any failure is returned, typed.
                        outcomes.push((false, opened.map(|_| ()).map_err(|e| describe(&e))));
                        continue;
                    }
                };
                outcomes.push((true, outcome));
            }
            outcomes
        }));
    }
    let mut safe_ok = 0;
    let mut safe_failed = Vec::new();
    for task in tasks {
        let outcomes = tokio::time::timeout(Duration::from_secs(30), task).await;
        for (safe, outcome) in outcomes.expect("bounded: 30 s").unwrap() {
            match (safe, outcome) {
                (true, Ok(())) => safe_ok += 1,
                (true, Err(e)) => safe_failed.push(e),
                (false, _) => {}
            }
        }
    }
    let stats = client.stats();
    let (injected, refreshes, violations, opens, early) = portal.seen(|s| {
        (
            s.injected.clone(),
            s.refreshes,
            s.violations.clone(),
            s.opens.clone(),
            s.early,
        )
    });
    eprintln!(
        "{:.2} s; safe ok {safe_ok}, failed {safe_failed:?}; injected {injected:?}; {stats:?}",
        start.elapsed().as_secs_f64()
    );
    assert_eq!(injected.len(), 5, "{injected:?}");
    // A read fails only after the policy's eight tries or a fourth expiry while it is
    // retried, both rare even at 20 % faults; the failures are typed (`describe`).
    assert!(safe_failed.len() * 20 <= 16 * 9, "{safe_failed:?}");
    assert_eq!(safe_ok + safe_failed.len(), 16 * 9);
    // session.open: never sent again once it may have run.
    assert!(opens.values().all(|(_, ran)| *ran <= 1), "{opens:?}");
    // Each expiry caused exactly one refresh, and no token was used before it was stored.
    assert_eq!(
        refreshes,
        injected.get("ExpiredToken").copied().unwrap_or(0)
    );
    assert_eq!(stats.refreshes, refreshes);
    assert!(violations.is_empty(), "{violations:?}");
    // Calls already on their way when a hold began meet it too; each is counted.
    assert_eq!(stats.operation_limit, injected["OperationLimit"] + early);
}

/// The error as a line, after checking it is one of the typed kinds a fault may leave.
fn describe<E: ApiError>(e: &ClientError<E>) -> String {
    match e {
        ClientError::Api(api) => {
            assert!(
                matches!(
                    api.class(),
                    ErrorClass::RetryLater | ErrorClass::RefreshToken
                ),
                "{api}"
            );
        }
        ClientError::Malformed(m) => assert_eq!(m.status, 502),
        ClientError::Transport(_) => {}
        other => panic!("unexpected {other}"),
    }
    e.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_expired_calls_share_one_refresh() {
    let portal = Portal::start(Config {
        oauth: true,
        refresh_delay: Duration::from_millis(150),
        ..Config::default()
    });
    let store = Recorder::default();
    portal.check_store(Arc::clone(&store.saved));
    let client = oauth_client(&portal, store.clone(), RetryPolicy::default());
    client
        .call::<RevisionGet>(&RevisionGetParams::new())
        .await
        .unwrap();
    portal.expire_token();
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.call::<RevisionGet>(&RevisionGetParams::new()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(portal.seen(|s| s.refreshes), 1);
    assert_eq!(client.stats().refreshes, 1);
    assert_eq!(*store.saved.lock().unwrap(), ["a2"]);
    assert!(portal.seen(|s| s.violations.is_empty()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_refresh_is_reauthorize_and_is_not_repeated() {
    let portal = Portal::start(Config {
        oauth: true,
        refuse_refresh: true,
        refresh_delay: Duration::from_millis(50),
        ..Config::default()
    });
    let client = oauth_client(&portal, Recorder::default(), RetryPolicy::default());
    portal.expire_token();
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.call::<RevisionGet>(&RevisionGetParams::new()).await })
        })
        .collect();
    for call in calls {
        match call.await.unwrap() {
            Err(ClientError::Reauthorize { code, .. }) => assert_eq!(code, "invalid_grant"),
            other => panic!("{other:?}"),
        }
    }
    // A later call gets the same answer without asking the OAuth server again.
    let later = client.call::<RevisionGet>(&RevisionGetParams::new()).await;
    assert!(
        matches!(later, Err(ClientError::Reauthorize { .. })),
        "{later:?}"
    );
    assert_eq!(portal.seen(|s| s.refreshes), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refreshed_pair_is_stored_before_it_is_used() {
    let portal = Portal::start(Config {
        oauth: true,
        ..Config::default()
    });
    let store = Recorder::default();
    portal.check_store(Arc::clone(&store.saved));
    let client = oauth_client(&portal, store.clone(), RetryPolicy::default());

    // The store fails: the new pair is not used, and the call says why.
    *store.failing.lock().unwrap() = true;
    portal.expire_token();
    let failed = client.call::<RevisionGet>(&RevisionGetParams::new()).await;
    assert!(matches!(failed, Err(ClientError::Store(_))), "{failed:?}");
    let again = client.call::<RevisionGet>(&RevisionGetParams::new()).await;
    assert!(matches!(again, Err(ClientError::Store(_))), "{again:?}");
    assert_eq!(
        portal.seen(|s| s.received.get("imopenlines.revision.get").copied()),
        Some(1)
    );

    // The store works again: the kept pair is saved, then used; no second refresh.
    *store.failing.lock().unwrap() = false;
    client
        .call::<RevisionGet>(&RevisionGetParams::new())
        .await
        .unwrap();
    assert_eq!(*store.saved.lock().unwrap(), ["a2"]);
    assert_eq!(portal.seen(|s| s.refreshes), 1);
    assert!(portal.seen(|s| s.violations.is_empty()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operating_limit_holds_only_its_method() {
    let portal = Portal::start(Config {
        reset_in: 0.6,
        ..Config::default()
    });
    let client = Client::webhook(&portal.webhook())
        .pacing(Pacing::new(1_000, 1_000.0))
        .build()
        .unwrap();
    portal.force("imopenlines.revision.get", Fault::OperationLimit);
    let start = Instant::now();
    let held = {
        let client = client.clone();
        tokio::spawn(async move {
            let r = client.call::<RevisionGet>(&RevisionGetParams::new()).await;
            (r.map(|_| ()), start.elapsed())
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Held: the method is known to be over its limit until the reset.
    let state = client.operating("imopenlines.revision.get").unwrap();
    assert!(state.blocked_for.is_some(), "{state:?}");
    // Another method goes on meanwhile.
    for _ in 0..5 {
        client
            .call::<DialogGet>(&DialogGetParams::ChatId(29))
            .await
            .unwrap();
    }
    let other_done = start.elapsed();
    let (result, held_for) = held.await.unwrap();
    result.unwrap();
    assert!(other_done < Duration::from_millis(500), "{other_done:?}");
    assert!(held_for >= Duration::from_millis(590), "{held_for:?}");
    assert_eq!(portal.seen(|s| s.early), 0, "no call before the reset");
    // The answer after the hold updated what the client knows.
    let state = client.operating("imopenlines.revision.get").unwrap();
    assert_eq!(state.operating, Some(0.25));
    assert_eq!(client.stats().operation_limit, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_is_not_sent_again_after_it_may_have_run() {
    let portal = Portal::start(Config::default());
    let client = Client::webhook(&portal.webhook())
        .retry(quick_policy())
        .build()
        .unwrap();
    for (i, fault) in [Fault::Reset, Fault::BadGateway].into_iter().enumerate() {
        portal.force("imopenlines.session.open", fault);
        let code = format!("livechat|1|1|{i}").parse().unwrap();
        let opened = client
            .call::<SessionOpen>(&SessionOpenParams::new(code))
            .await;
        assert!(
            matches!(
                opened,
                Err(ClientError::Transport(_) | ClientError::Malformed(_))
            ),
            "{opened:?}"
        );
    }
    // A read after the same faults is repeated and succeeds.
    portal.force("imopenlines.revision.get", Fault::Reset);
    portal.force("imopenlines.revision.get", Fault::BadGateway);
    client
        .call::<RevisionGet>(&RevisionGetParams::new())
        .await
        .unwrap();
    assert_eq!(portal.seen(|s| s.received["imopenlines.session.open"]), 2);
    assert_eq!(portal.seen(|s| s.received["imopenlines.revision.get"]), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_call_frees_its_slot() {
    let portal = Portal::start(Config::default());
    let client = Client::webhook(&portal.webhook())
        .pacing(Pacing::new(2, 2.0))
        .build()
        .unwrap();
    client
        .call::<RevisionGet>(&RevisionGetParams::new())
        .await
        .unwrap();
    // The next call waits for a slot (capacity 1, half a second a slot); drop it while it waits.
    let params = RevisionGetParams::new();
    for _ in 0..5 {
        let waiting = client.call::<RevisionGet>(&params);
        assert!(
            tokio::time::timeout(Duration::from_millis(20), waiting)
                .await
                .is_err()
        );
    }
    // Five dropped calls left no debt: the next waits about one slot, not six.
    let start = Instant::now();
    client
        .call::<RevisionGet>(&RevisionGetParams::new())
        .await
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_millis(800),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(portal.seen(|s| s.received["imopenlines.revision.get"]), 2);
}

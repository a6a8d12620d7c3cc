//! The leaky bucket: a mock portal enforcing a scaled-down limit (burst 10, 50 a second) gets
//! 300 calls from 16 tasks and never answers `QUERY_LIMIT_EXCEEDED`, and the calls take the
//! time the limit allows, not much more.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/portal.rs"]
mod portal;

use std::time::{Duration, Instant};

use b24_client::{Client, Pacing};
use b24_spec::imopenlines::revision_get::{RevisionGet, RevisionGetParams};
use portal::{Config, Portal};

const CALLS: usize = 300;
const TASKS: usize = 16;
const BURST: u32 = 10;
const RATE: f64 = 50.0;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_wait_for_a_slot_instead_of_hitting_the_limit() {
    let portal = Portal::start(Config {
        bucket: Some((BURST, RATE)),
        ..Config::default()
    });
    let client = Client::webhook(&portal.webhook())
        .pacing(Pacing::new(BURST, RATE))
        .build()
        .unwrap();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..TASKS {
        let client = client.clone();
        let share = CALLS / TASKS + usize::from(t < CALLS % TASKS);
        tasks.push(tokio::spawn(async move {
            for _ in 0..share {
                client
                    .call::<RevisionGet>(&RevisionGetParams::new())
                    .await
                    .unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let ideal = (CALLS as f64 - f64::from(BURST)) / RATE;
    let stats = client.stats();
    eprintln!("elapsed {elapsed:.3} s, ideal {ideal:.3} s, {stats:?}");

    assert_eq!(portal.seen(|s| s.query_limit), 0, "the portal refused none");
    assert_eq!(stats.query_limit, 0);
    assert_eq!(
        stats.requests, CALLS as u64,
        "no call needed a second request"
    );
    // The client keeps one slot of headroom, so it is one slot (20 ms) slower than ideal.
    let off = (elapsed - ideal).abs() / ideal;
    assert!(
        off <= 0.15,
        "elapsed {elapsed:.3} s is {:.1} % off the ideal {ideal:.3} s",
        off * 100.0
    );
    // The portal's own view: no window of one second held more than burst + rate arrivals.
    let arrivals = portal.seen(|s| s.arrivals.clone());
    let most = arrivals
        .iter()
        .map(|a| {
            arrivals
                .iter()
                .filter(|b| **b >= *a && **b < *a + Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap();
    assert!(
        most <= BURST as usize + RATE as usize,
        "{most} in one second"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_limit_answer_fills_the_bucket() {
    // The portal's bucket (2) is smaller than the client believes (30): its third call is
    // refused; the client then treats its bucket as full, so the next call waits for a slot
    // (a tenth of a second at 10 a second) and gets through.
    let portal = Portal::start(Config {
        bucket: Some((2, 10.0)),
        ..Config::default()
    });
    let client = Client::webhook(&portal.webhook())
        .pacing(Pacing::new(30, 10.0))
        .retry(b24_spec::RetryPolicy::new(1))
        .build()
        .unwrap();
    let params = RevisionGetParams::new();
    client.call::<RevisionGet>(&params).await.unwrap();
    client.call::<RevisionGet>(&params).await.unwrap();
    let refused = client.call::<RevisionGet>(&params).await;
    assert!(
        matches!(refused, Err(b24_client::ClientError::Api(_))),
        "{refused:?}"
    );
    assert_eq!(client.stats().paced, 0);
    client.call::<RevisionGet>(&params).await.unwrap();
    let stats = client.stats();
    assert_eq!((stats.query_limit, stats.paced), (1, 1), "{stats:?}");
    assert!(stats.paced_max >= Duration::from_millis(80), "{stats:?}");
}

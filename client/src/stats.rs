//! Counters of what the client did, for load reports and tests.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// What a client (all its clones) has done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Stats {
    /// HTTP requests sent to the portal (a batch part is one).
    pub requests: u64,
    /// `QUERY_LIMIT_EXCEEDED` answers.
    pub query_limit: u64,
    /// `OPERATION_TIME_LIMIT` answers.
    pub operation_limit: u64,
    /// Requests sent again after a retry-later error or no answer.
    pub retries: u64,
    /// Token refreshes asked of the OAuth server.
    pub refreshes: u64,
    /// Requests that waited for a pacing slot.
    pub paced: u64,
    /// Time spent waiting for pacing slots, summed over requests.
    pub paced_total: Duration,
    /// The longest wait for a pacing slot.
    pub paced_max: Duration,
}

#[derive(Debug, Default)]
pub(crate) struct Counter(AtomicU64);

impl Counter {
    pub(crate) fn add(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) requests: Counter,
    pub(crate) query_limit: Counter,
    pub(crate) operation_limit: Counter,
    pub(crate) retries: Counter,
    pub(crate) refreshes: Counter,
    paced: Counter,
    paced_micros: AtomicU64,
    paced_max_micros: AtomicU64,
}

impl Counters {
    pub(crate) fn paced(&self, wait: Duration) {
        if wait.is_zero() {
            return;
        }
        let micros = u64::try_from(wait.as_micros()).unwrap_or(u64::MAX);
        self.paced.add();
        self.paced_micros.fetch_add(micros, Ordering::Relaxed);
        self.paced_max_micros.fetch_max(micros, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> Stats {
        Stats {
            requests: self.requests.get(),
            query_limit: self.query_limit.get(),
            operation_limit: self.operation_limit.get(),
            retries: self.retries.get(),
            refreshes: self.refreshes.get(),
            paced: self.paced.get(),
            paced_total: Duration::from_micros(self.paced_micros.load(Ordering::Relaxed)),
            paced_max: Duration::from_micros(self.paced_max_micros.load(Ordering::Relaxed)),
        }
    }
}

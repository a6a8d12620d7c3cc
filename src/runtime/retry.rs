//! When to call again after an error: the error's class and wait, and whether the method is
//! safe to repeat at all.

use std::time::Duration;

use crate::common::AnyError;
use crate::runtime::batch::Batch;
use crate::runtime::error::{ApiError, ErrorClass};
use crate::runtime::method::{CallError, Method};

/// Decides whether and when to repeat a failed call.
///
/// Only [`ErrorClass::RetryLater`] errors (and answers that were not answers at all with a 5xx
/// status: a proxy's HTML page) are repeated, at most `max_attempts` calls in all, and only for
/// methods the spec marks safe to repeat, unless [`RetryPolicy::allow_unsafe`] is set: a write
/// that may have happened must not be sent twice by accident.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    allow_unsafe: bool,
    fallback: Duration,
    max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            allow_unsafe: false,
            fallback: Duration::from_secs(1),
            max_wait: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// At most `max_attempts` calls in all (the first included).
    pub fn new(max_attempts: u32) -> Self {
        Self {
            max_attempts,
            ..Self::default()
        }
    }

    /// Also repeat methods the spec does not mark safe to repeat (writes): only when the caller
    /// knows a repeat does no harm.
    #[must_use]
    pub fn allow_unsafe(mut self) -> Self {
        self.allow_unsafe = true;
        self
    }

    /// The wait when neither the answer nor the spec gives one (default 1 s), and the longest
    /// wait this policy accepts (default 120 s; a longer one is not retried).
    #[must_use]
    pub fn waits(mut self, fallback: Duration, max_wait: Duration) -> Self {
        self.fallback = fallback;
        self.max_wait = max_wait;
        self
    }

    /// After call number `attempt` (1 for the first) failed with `error`: how long to wait
    /// before the next call, or `None` to stop.
    pub fn next_wait<M: Method>(
        &self,
        attempt: u32,
        error: &CallError<M::Error>,
    ) -> Option<Duration> {
        self.wait(M::descriptor().safe_to_repeat, attempt, error)
    }

    /// [`RetryPolicy::next_wait`] for a whole `batch` call that failed with `error` (what
    /// [`Batch::decode`] returns): the same errors, waits and attempt cap, and the batch counts
    /// as safe to repeat only when every command's method is ([`Batch::safe_to_repeat`]), since
    /// the portal may have run some commands before the call failed.
    ///
    /// A command's own error inside a successful answer is not the call's error: send the
    /// commands to repeat in a new batch.
    pub fn next_wait_batch(
        &self,
        batch: &Batch,
        attempt: u32,
        error: &CallError<AnyError>,
    ) -> Option<Duration> {
        self.wait(batch.safe_to_repeat(), attempt, error)
    }

    /// After call number `attempt` got no answer at all (the connection was reset, timed out,
    /// or closed before a status came): the fallback wait, under the same attempt cap, or
    /// `None` to stop. `safe_to_repeat` is the method's (or [`Batch::safe_to_repeat`]); pass
    /// `true` when the request certainly never left (the connection was never made), since
    /// then the portal cannot have run it.
    pub fn next_wait_unanswered(&self, safe_to_repeat: bool, attempt: u32) -> Option<Duration> {
        if attempt >= self.max_attempts || !(safe_to_repeat || self.allow_unsafe) {
            return None;
        }
        (self.fallback <= self.max_wait).then_some(self.fallback)
    }

    fn wait<E: ApiError>(
        &self,
        safe: bool,
        attempt: u32,
        error: &CallError<E>,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        if !safe && !self.allow_unsafe {
            return None;
        }
        let wait = match error {
            CallError::Api(e) if e.class() == ErrorClass::RetryLater => {
                e.retry_after().unwrap_or(self.fallback)
            }
            CallError::Malformed(e) if (500..=599).contains(&e.status) => self.fallback,
            _ => return None,
        };
        (wait <= self.max_wait).then_some(wait)
    }
}

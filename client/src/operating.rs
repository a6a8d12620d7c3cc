//! Operating limits (limits.md): the portal sums each method's run time over ten one-minute
//! buckets (`time.operating`); past its limit the method answers `OPERATION_TIME_LIMIT` (429)
//! until `operating_reset_at`, while other methods go on. The client remembers both per method
//! and holds that one method's calls until the reset.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use b24_spec::common::Time;

/// What the client knows of one method's operating time.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct Operating {
    /// `time.operating` of the last answer: seconds of run time counted against the limit.
    pub operating: Option<f64>,
    /// `time.operating_reset_at` of the last answer (Unix seconds): when the oldest minute
    /// leaves the sum.
    pub reset_at: Option<f64>,
    /// How long calls of the method still wait after an `OPERATION_TIME_LIMIT`.
    pub blocked_for: Option<Duration>,
}

#[derive(Debug, Default)]
struct MethodState {
    operating: Option<f64>,
    reset_at: Option<f64>,
    blocked_until: Option<Instant>,
}

/// Every method's state, shared by every clone of a client.
#[derive(Debug, Default)]
pub(crate) struct Limits {
    methods: Mutex<HashMap<String, MethodState>>,
}

impl Limits {
    fn with<T>(&self, method: &str, f: impl FnOnce(&mut MethodState) -> T) -> T {
        let mut methods = self.methods.lock().unwrap_or_else(PoisonError::into_inner);
        f(methods.entry(method.to_string()).or_default())
    }

    /// Notes `time.operating` and `operating_reset_at` of an answer.
    pub(crate) fn record(&self, method: &str, time: &Time) {
        if time.operating.is_none() && time.operating_reset_at.is_none() {
            return;
        }
        self.with(method, |s| {
            s.operating = time.operating.or(s.operating);
            s.reset_at = time.operating_reset_at.or(s.reset_at);
        });
    }

    /// After `OPERATION_TIME_LIMIT`: hold the method for `wait` (the error's own reset time),
    /// or, when the error gave none, until the last answer's `operating_reset_at` (what
    /// limits.md advises for the first try), else `fallback`. Returns the hold.
    pub(crate) fn block(
        &self,
        method: &str,
        wait: Option<Duration>,
        fallback: Duration,
    ) -> Duration {
        self.with(method, |s| {
            let wait = wait
                .or_else(|| s.reset_at.and_then(until))
                .unwrap_or(fallback);
            let until = Instant::now() + wait;
            s.blocked_until = Some(s.blocked_until.map_or(until, |b| b.max(until)));
            wait
        })
    }

    /// Waits while the method is held.
    pub(crate) async fn wait(&self, method: &str) {
        loop {
            let until = self.with(method, |s| s.blocked_until);
            match until {
                Some(until) if until > Instant::now() => {
                    tokio::time::sleep_until(until.into()).await;
                }
                _ => return,
            }
        }
    }

    pub(crate) fn get(&self, method: &str) -> Option<Operating> {
        let methods = self.methods.lock().unwrap_or_else(PoisonError::into_inner);
        let s = methods.get(method)?;
        let now = Instant::now();
        Some(Operating {
            operating: s.operating,
            reset_at: s.reset_at,
            blocked_for: s
                .blocked_until
                .filter(|u| *u > now)
                .map(|u| u.duration_since(now)),
        })
    }
}

/// Time from now until the Unix time `at`, if it is ahead.
fn until(at: f64) -> Option<Duration> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_secs_f64();
    let wait = at - now;
    (wait.is_finite() && wait > 0.0).then(|| Duration::from_secs_f64(wait.min(3_600.0)))
}

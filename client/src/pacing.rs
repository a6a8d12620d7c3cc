//! Pacing under the portal's leaky bucket (limits.md): every request adds one to a counter
//! that drains at `per_second`; past `burst` the portal answers `QUERY_LIMIT_EXCEEDED`. The
//! client keeps the same counter and makes a call wait for its slot instead.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The portal's request-rate limit: the counter's size and how fast it drains.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pacing {
    burst: u32,
    per_second: f64,
}

impl Pacing {
    /// Every plan but Enterprise: 50 requests at once, then 2 a second.
    pub const STANDARD: Pacing = Pacing {
        burst: 50,
        per_second: 2.0,
    };
    /// Enterprise: 250 at once, then 5 a second.
    pub const ENTERPRISE: Pacing = Pacing {
        burst: 250,
        per_second: 5.0,
    };

    /// `burst` requests at once, then `per_second` (at least one request, and a rate above
    /// zero: a zero would stop every call).
    pub fn new(burst: u32, per_second: f64) -> Self {
        let per_second = if per_second.is_finite() && per_second > 0.0 {
            per_second
        } else {
            f64::MIN_POSITIVE
        };
        Self {
            burst: burst.max(1),
            per_second,
        }
    }

    /// The counter's size.
    pub fn burst(&self) -> u32 {
        self.burst
    }

    /// How many requests a second drain from it.
    pub fn per_second(&self) -> f64 {
        self.per_second
    }

    /// What the client fills up to: one slot below the portal's burst, so a request that
    /// reaches the portal later than another sent after it (the portal counts arrivals) still
    /// finds room.
    fn capacity(&self) -> f64 {
        f64::from(self.burst.saturating_sub(1).max(1))
    }
}

impl Default for Pacing {
    fn default() -> Self {
        Self::STANDARD
    }
}

/// One portal's counter, shared by every clone of a client.
#[derive(Debug)]
pub(crate) struct Bucket {
    pacing: Pacing,
    state: Mutex<Level>,
}

#[derive(Debug)]
struct Level {
    /// Requests in the counter, including reservations still waiting for their moment.
    level: f64,
    at: Instant,
}

impl Level {
    fn drain(&mut self, per_second: f64) {
        let now = Instant::now();
        let drained = now.duration_since(self.at).as_secs_f64() * per_second;
        self.level = (self.level - drained).max(0.0);
        self.at = now;
    }
}

impl Bucket {
    pub(crate) fn new(pacing: Pacing) -> Self {
        Self {
            pacing,
            state: Mutex::new(Level {
                level: 0.0,
                at: Instant::now(),
            }),
        }
    }

    fn level(&self) -> std::sync::MutexGuard<'_, Level> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.drain(self.pacing.per_second);
        state
    }

    /// Waits for a slot and takes it; returns how long it waited. Slots are handed out in
    /// the order calls ask (each reserves the moment the counter will have room); a call
    /// dropped while it waits gives its slot back.
    pub(crate) async fn acquire(&self) -> Duration {
        let wait = {
            let mut state = self.level();
            state.level += 1.0;
            let over = state.level - self.pacing.capacity();
            Duration::from_secs_f64((over / self.pacing.per_second).clamp(0.0, 86_400.0))
        };
        let reservation = Reservation {
            bucket: self,
            kept: false,
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        reservation.keep();
        wait
    }

    /// The portal said `QUERY_LIMIT_EXCEEDED`: its counter is full whatever ours says.
    pub(crate) fn fill(&self) {
        let mut state = self.level();
        state.level = state.level.max(self.pacing.capacity());
    }
}

/// A slot taken but not yet used: dropped unused, it goes back.
struct Reservation<'a> {
    bucket: &'a Bucket,
    kept: bool,
}

impl Reservation<'_> {
    fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if !self.kept {
            let mut state = self.bucket.level();
            state.level = (state.level - 1.0).max(0.0);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn calls_past_the_burst_wait_their_turn() {
        let bucket = Bucket::new(Pacing::new(5, 10.0));
        // Capacity 4 (one below the burst): four go at once.
        for _ in 0..4 {
            assert_eq!(bucket.acquire().await, Duration::ZERO);
        }
        let waited = bucket.acquire().await;
        assert!((waited.as_secs_f64() - 0.1).abs() < 0.01, "{waited:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_wait_gives_its_slot_back() {
        let bucket = Bucket::new(Pacing::new(2, 1.0));
        assert_eq!(bucket.acquire().await, Duration::ZERO);
        {
            let waiting = bucket.acquire();
            let timed_out = tokio::time::timeout(Duration::from_millis(10), waiting).await;
            assert!(timed_out.is_err());
        }
        // The dropped call's slot is free again: the next one waits one slot, not two.
        let waited = bucket.acquire().await;
        assert!(waited <= Duration::from_secs(1), "{waited:?}");
    }
}

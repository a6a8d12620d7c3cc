//! The loop every request goes through: wait out the method's operating hold, take a pacing
//! slot, send, read; then refresh the token once, or wait and send again when the
//! [`RetryPolicy`](b24_spec::RetryPolicy) says so.

use std::hash::{BuildHasher, RandomState};
use std::time::Duration;

use b24_spec::common::Time;
use b24_spec::{ApiError, CallError, ErrorClass};

use crate::auth::Auth;
use crate::client::Inner;
use crate::error::ClientError;
use crate::transport;

/// The documented wait after `OPERATION_TIME_LIMIT` when neither the error nor an earlier
/// answer gives `operating_reset_at`.
const OPERATING_FALLBACK: Duration = Duration::from_secs(60);

/// Token refreshes one call may wait for.
const MAX_REFRESHES: u32 = 3;

/// Reads an answer's status and body for one method (or batch).
pub(crate) type Decode<'a, T, E> = &'a (dyn Fn(u16, &[u8]) -> Result<T, CallError<E>> + Sync);

/// One request to send (again) until it has an answer to return.
pub(crate) struct Request<'a, T, E> {
    /// Method name: the URL's last part and the operating-limit key.
    pub(crate) method: &'a str,
    pub(crate) body: Vec<u8>,
    /// Whether the method (every command, for a batch) may run twice.
    pub(crate) safe_to_repeat: bool,
    /// Whether the method's operating hold applies (the outer `batch` call has none).
    pub(crate) held: bool,
    pub(crate) decode: Decode<'a, T, E>,
    pub(crate) next_wait: &'a (dyn Fn(u32, &CallError<E>) -> Option<Duration> + Sync),
    pub(crate) time: fn(&T) -> Option<&Time>,
}

impl Inner {
    pub(crate) async fn send<T, E: ApiError>(
        &self,
        request: Request<'_, T, E>,
    ) -> Result<T, ClientError<E>> {
        let mut attempt: u32 = 1;
        let mut refreshes = 0;
        loop {
            if request.held {
                self.limits.wait(request.method).await;
            }
            let credential = self
                .auth
                .credential(request.method)
                .map_err(ClientError::Store)?;
            let waited = self.bucket.acquire().await;
            self.counters.paced(waited);
            self.counters.requests.add();
            let answer =
                transport::post_json(&self.http, &credential.url, request.body.clone()).await;
            let error = match answer {
                Err(e) => {
                    // A request that never left cannot have run: repeating it is safe.
                    let safe = request.safe_to_repeat || !e.may_have_reached();
                    match self.policy.next_wait_unanswered(safe, attempt) {
                        Some(wait) => {
                            self.pause(wait).await;
                            attempt += 1;
                            continue;
                        }
                        None => return Err(ClientError::Transport(e)),
                    }
                }
                Ok((status, body)) => match (request.decode)(status, &body) {
                    Ok(value) => {
                        if let Some(time) = (request.time)(&value) {
                            self.limits.record(request.method, time);
                        }
                        return Ok(value);
                    }
                    Err(e) => e,
                },
            };
            if let CallError::Api(api) = &error {
                match api.code() {
                    "QUERY_LIMIT_EXCEEDED" => {
                        self.counters.query_limit.add();
                        self.bucket.fill();
                    }
                    "OPERATION_TIME_LIMIT" => {
                        self.counters.operation_limit.add();
                        let own = reset_time_in(api).then(|| api.retry_after()).flatten();
                        self.limits.block(request.method, own, OPERATING_FALLBACK);
                    }
                    _ => {}
                }
                // The portal refused the token before running anything: after the refresh
                // the call goes again, whatever the method. A token can expire again while a
                // call is retried, so a call may wait for up to three refreshes; a fourth
                // expiry is returned rather than looped on.
                if api.class() == ErrorClass::RefreshToken && refreshes < MAX_REFRESHES {
                    if let Auth::OAuth(oauth) = &self.auth {
                        oauth
                            .refresh(&self.http, &self.counters, credential.generation)
                            .await?;
                        refreshes += 1;
                        continue;
                    }
                }
            }
            match (request.next_wait)(attempt, &error) {
                Some(wait) => {
                    // A method on hold waits in `limits.wait`, not here as well.
                    let held =
                        matches!(&error, CallError::Api(a) if a.code() == "OPERATION_TIME_LIMIT");
                    self.pause(if held { Duration::ZERO } else { wait }).await;
                    attempt += 1;
                }
                None => {
                    return Err(match error {
                        CallError::Api(e) => ClientError::Api(e),
                        CallError::Malformed(e) => ClientError::Malformed(e),
                    });
                }
            }
        }
    }

    /// Waits `wait` plus up to a quarter more, so callers that failed together do not all
    /// come back in the same instant.
    async fn pause(&self, wait: Duration) {
        self.counters.retries.add();
        let spread = RandomState::new().hash_one(wait.as_nanos()) % 1_000;
        let jitter = wait.mul_f64(0.25 * spread as f64 / 1_000.0);
        tokio::time::sleep(wait + jitter).await;
    }
}

/// Whether an error body carries its own `time.operating_reset_at`.
fn reset_time_in<E: ApiError>(error: &E) -> bool {
    error
        .details()
        .extra
        .get("time")
        .and_then(|t| t.get("operating_reset_at"))
        .is_some()
}

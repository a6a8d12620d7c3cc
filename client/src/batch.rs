//! Typed batches of any size: split into requests of at most 50 commands (linked commands
//! together), sent one after another, and read back as one set of outcomes.

use b24_spec::common::AnyError;
use b24_spec::{Batch, BatchAnswer, Handle, MAX_COMMANDS, Method, Outcome, RawOutcome};

use crate::client::Client;
use crate::error::ClientError;
use crate::retry::Request;

/// The outcomes of a [`Client::batch`]: each part's answer, and the part whose request
/// failed, if one did.
#[derive(Debug)]
pub struct BatchResults {
    parts: Vec<(Vec<String>, BatchAnswer)>,
    failure: Option<PartFailure>,
}

/// A part of a split batch whose request got no usable answer (a later part, so earlier
/// parts' commands did run), and the commands it and the parts after it held.
#[derive(Debug)]
#[non_exhaustive]
pub struct PartFailure {
    /// The commands not answered: the failed part's and every later part's.
    pub keys: Vec<String>,
    /// Why the failed part got no answer. With a transport error its commands may have run.
    pub error: ClientError<AnyError>,
}

impl BatchResults {
    /// The outcome of `handle`'s command; [`Outcome::NotExecuted`] for a command of a part
    /// that was not sent or not answered (see [`BatchResults::failure`]).
    pub fn get<M: Method>(&self, handle: &Handle<M>) -> Outcome<M> {
        match self.answer_of(handle.key()) {
            Some(answer) => answer.get(handle),
            None => Outcome::NotExecuted,
        }
    }

    /// The outcome of the command under `key` without a method's types.
    pub fn get_raw(&self, key: &str) -> RawOutcome {
        match self.answer_of(key) {
            Some(answer) => answer.get_raw(key),
            None => RawOutcome::NotExecuted,
        }
    }

    /// Each part's command keys and answer, in the order they were sent.
    pub fn answers(&self) -> impl Iterator<Item = (&[String], &BatchAnswer)> {
        self.parts
            .iter()
            .map(|(keys, answer)| (keys.as_slice(), answer))
    }

    /// The part that got no answer, if any.
    pub fn failure(&self) -> Option<&PartFailure> {
        self.failure.as_ref()
    }

    fn answer_of(&self, key: &str) -> Option<&BatchAnswer> {
        self.parts
            .iter()
            .find(|(keys, _)| keys.iter().any(|k| k == key))
            .map(|(_, answer)| answer)
    }
}

impl Client {
    /// Sends `batch` (build it with `Batch::unbounded()` to go past 50 commands): one request
    /// per part of at most 50, each costing one pacing slot, commands linked by `$result`
    /// references in the same part. With `halt`, a part with a failed command stops the parts
    /// after it. A group of linked commands larger than 50 is refused before anything is sent
    /// ([`ClientError::Batch`]); so is a first part that gets no answer. A later part's failure
    /// is in [`BatchResults::failure`], with the answers of the parts before it.
    pub async fn batch(&self, batch: &Batch) -> Result<BatchResults, ClientError<AnyError>> {
        let parts = batch.split(MAX_COMMANDS).map_err(ClientError::Batch)?;
        let keys_of = |part: &Batch| -> Vec<String> {
            part.commands().map(|(key, _)| key.to_string()).collect()
        };
        let mut results = BatchResults {
            parts: Vec::new(),
            failure: None,
        };
        let policy = &self.inner.policy;
        for (i, part) in parts.iter().enumerate() {
            let sent = self
                .inner
                .send(Request {
                    method: "batch",
                    body: part.body().into_bytes(),
                    safe_to_repeat: part.safe_to_repeat(),
                    held: false,
                    decode: &|status, body| part.decode(status, body),
                    next_wait: &|attempt, error| policy.next_wait_batch(part, attempt, error),
                    time: |answer: &BatchAnswer| answer.time.as_ref(),
                })
                .await;
            let answer = match sent {
                Ok(answer) => answer,
                Err(error) if i == 0 => return Err(error),
                Err(error) => {
                    let keys = parts.iter().skip(i).flat_map(keys_of).collect();
                    results.failure = Some(PartFailure { keys, error });
                    break;
                }
            };
            let keys = keys_of(part);
            let failed = keys
                .iter()
                .any(|k| matches!(answer.get_raw(k), RawOutcome::Failed { .. }))
                || !answer.unattributed_errors().is_empty();
            results.parts.push((keys, answer));
            if part.halts() && failed {
                break;
            }
        }
        Ok(results)
    }
}

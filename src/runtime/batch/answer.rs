//! Reading a `batch` answer: `result.result`, `result_error`, `result_total`, `result_next`
//! and `result_time`, each keyed by command.
//!
//! PHP sends `[]` for an empty part. It also stores all-digit command keys as integers, and
//! when a part's keys then run `0, 1, 2…` (or `array_merge` renumbered them) the part arrives
//! as a JSON list whose positions need not say which command an entry belongs to. A list is
//! read by position only when it has one entry per command and the command keys are such
//! integers; any other list's entries are unattributed: no command is told it failed with an
//! error that may not be its own, and none is called "not executed" while an unattributed
//! entry may be its own. The body is kept as sent, so re-serializing loses nothing.

use serde_json::{Map, Value};

use super::Handle;
use crate::runtime::error::{ApiError, ErrorDetails};
use crate::runtime::method::{self, CallError, DecodeError, Method};
use crate::{Response, common};

/// One command's outcome.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome<M: Method> {
    /// The command's typed result, with its own `time` (from `result_time`) and the client
    /// error corrections of a single call.
    Done(Response<M::Result>),
    /// The command's error, typed by its method.
    Failed(CommandError<M::Error>),
    /// Neither a result nor an error: the batch halted before it (`halt: 1`), or the portal
    /// skipped it.
    NotExecuted,
    /// No entry names this command, but the answer holds entries that name no command (a
    /// renumbered list): one of them may be this command's error or result.
    /// [`BatchAnswer::unattributed_errors`] lists the errors.
    Unattributed,
    /// A result that cannot be read as the method's result type.
    Malformed(DecodeError),
}

/// A command's error inside a batch answer.
///
/// A command has no HTTP status of its own: the batch answer came with one status for all
/// (normally 200), and that is what `error`'s details carry.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandError<E> {
    /// The method's error (`ApiError::code()`, `details()`, …).
    pub error: E,
}

/// A decoded `batch` answer.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchAnswer {
    status: u16,
    results: Part,
    errors: Part,
    totals: Part,
    nexts: Part,
    times: Part,
    /// The whole call's `time` block.
    pub time: Option<common::Time>,
    /// Other top-level keys, and a `time` that was not an object, as sent.
    pub extra: Map<String, Value>,
    /// Other keys inside `result`, as sent.
    pub result_extra: Map<String, Value>,
    /// The body as sent: what serializing the answer writes back.
    raw: Value,
}

/// One keyed part of the answer: entries by command key, and entries that name no command.
#[derive(Debug, Clone, PartialEq, Default)]
struct Part {
    keyed: Map<String, Value>,
    unattributed: Vec<Value>,
}

/// One command's outcome read without a method's types (a method this crate does not
/// describe): the values as sent.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RawOutcome {
    /// The command's result and its `result_time` entry.
    Done {
        /// `result.result[key]`.
        result: Value,
        /// `result.result_time[key]`, when sent.
        time: Option<Value>,
    },
    /// `result.result_error[key]`: the error code (`""` when the portal sent none or not a
    /// string), its description and the entry as sent.
    Failed {
        /// The `error` code.
        code: String,
        /// `error_description`.
        description: Option<String>,
        /// The whole entry.
        entry: Value,
    },
    /// See [`Outcome::NotExecuted`].
    NotExecuted,
    /// See [`Outcome::Unattributed`].
    Unattributed,
}

impl serde::Serialize for BatchAnswer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(s)
    }
}

impl BatchAnswer {
    /// The outcome of `handle`'s command.
    pub fn get<M: Method>(&self, handle: &Handle<M>) -> Outcome<M> {
        self.get_key::<M>(handle.key())
    }

    /// The outcome of the command under `key`, read as `M` (for answers to batches built
    /// elsewhere: tools, logs).
    pub fn get_key<M: Method>(&self, key: &str) -> Outcome<M> {
        if let Some(error) = self.errors.keyed.get(key) {
            let (code, description, extra) = error_parts(error);
            let mut details = ErrorDetails::new(self.status, description);
            details.extra = extra;
            return Outcome::Failed(CommandError {
                error: M::Error::from_parts(code, details),
            });
        }
        let Some(result) = self.results.keyed.get(key) else {
            return if self.has_unattributed() {
                Outcome::Unattributed
            } else {
                Outcome::NotExecuted
            };
        };
        let mut envelope = Map::new();
        envelope.insert("result".to_string(), result.clone());
        if let Some(time) = self.times.keyed.get(key) {
            envelope.insert("time".to_string(), time.clone());
        }
        let bytes = serde_json::to_vec(&Value::Object(envelope)).unwrap_or_default();
        match method::decode::<M>(self.status, &bytes) {
            Ok(response) => Outcome::Done(response),
            Err(CallError::Malformed(mut e)) => {
                e.path = format!(
                    "result.result.{key}{}",
                    e.path.strip_prefix("result").unwrap_or(&e.path)
                );
                Outcome::Malformed(e)
            }
            Err(CallError::Api(error)) => Outcome::Failed(CommandError { error }),
        }
    }

    /// The outcome of the command under `key` without a method's types.
    pub fn get_raw(&self, key: &str) -> RawOutcome {
        if let Some(entry) = self.errors.keyed.get(key) {
            let (code, description, _) = error_parts(entry);
            return RawOutcome::Failed {
                code,
                description,
                entry: entry.clone(),
            };
        }
        match self.results.keyed.get(key) {
            Some(result) => RawOutcome::Done {
                result: result.clone(),
                time: self.times.keyed.get(key).cloned(),
            },
            None if self.has_unattributed() => RawOutcome::Unattributed,
            None => RawOutcome::NotExecuted,
        }
    }

    /// Errors that name no command (a renumbered `result_error` list), as sent: one of them
    /// may belong to any command whose outcome is [`Outcome::Unattributed`].
    pub fn unattributed_errors(&self) -> &[Value] {
        &self.errors.unattributed
    }

    /// Results that name no command (a renumbered `result` list), as sent.
    pub fn unattributed_results(&self) -> &[Value] {
        &self.results.unattributed
    }

    fn has_unattributed(&self) -> bool {
        !self.errors.unattributed.is_empty() || !self.results.unattributed.is_empty()
    }

    /// Keys the answer names that are not among `keys` (a command of another batch, or a key
    /// PHP rewrote), in answer order, each once.
    pub fn unknown_keys<'a>(&'a self, keys: &[&str]) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for part in [
            &self.results,
            &self.errors,
            &self.totals,
            &self.nexts,
            &self.times,
        ] {
            for k in part.keyed.keys() {
                if !keys.contains(&k.as_str()) && !out.contains(&k.as_str()) {
                    out.push(k);
                }
            }
        }
        out
    }

    /// `result_total` of the command: how many records a list method found.
    pub fn total<M>(&self, handle: &Handle<M>) -> Option<u64> {
        number(self.totals.keyed.get(handle.key()))
    }

    /// `result_next` of the command: the `start` of the next page, when there is one.
    pub fn next<M>(&self, handle: &Handle<M>) -> Option<u64> {
        number(self.nexts.keyed.get(handle.key()))
    }

    /// Keys of the commands that answered an error, in answer order (unattributed errors
    /// name no key: see [`BatchAnswer::unattributed_errors`]).
    pub fn failed_keys(&self) -> impl Iterator<Item = &str> {
        self.errors.keyed.keys().map(String::as_str)
    }

    /// Reads a `batch` answer to the commands `keys` (in the order they were sent), for
    /// batches built elsewhere: tools, logs. [`crate::Batch::decode`] passes its own keys.
    pub fn decode(
        status: u16,
        body: &[u8],
        keys: &[&str],
    ) -> Result<BatchAnswer, CallError<common::AnyError>> {
        decode(status, body, keys)
    }
}

/// The code, description and other keys of an error entry. A code that is not a string (or
/// is missing) reads as its JSON text (or `""`), so it is never lost.
fn error_parts(entry: &Value) -> (String, Option<String>, Map<String, Value>) {
    match entry {
        Value::Object(map) => {
            let mut extra = map.clone();
            let code = match extra.remove("error") {
                Some(Value::String(code)) => code,
                Some(other) => other.to_string(),
                None => String::new(),
            };
            let description = match extra.remove("error_description") {
                Some(Value::String(d)) => Some(d),
                _ => None,
            };
            (code, description, extra)
        }
        other => (other.to_string(), None, Map::new()),
    }
}

/// Whether PHP stores `key` as an integer array key (a canonical decimal integer), the keys
/// whose parts can arrive as lists.
pub(crate) fn php_integer_key(key: &str) -> bool {
    let digits = key.strip_prefix('-').unwrap_or(key);
    digit_key(key)
        && (digits == "0" || !digits.starts_with('0'))
        && key != "-0"
        && key.parse::<i64>().is_ok()
}

/// Digits, with or without a leading `-`: the keys PHP may store as integers (those it does
/// are [`php_integer_key`]s), which [`crate::Batch`] refuses outright.
pub(crate) fn digit_key(key: &str) -> bool {
    let digits = key.strip_prefix('-').unwrap_or(key);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn number(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A keyed part: an object as it is; a list by position when it has one entry per command
/// and every command key is a PHP integer key (what `json_encode` turns into a list), else its
/// entries unattributed; anything else (absent, `null`, a scalar) empty, kept in the raw body.
fn part(value: Option<&Value>, keys: &[&str]) -> Part {
    match value {
        Some(Value::Object(map)) => Part {
            keyed: map.clone(),
            unattributed: Vec::new(),
        },
        Some(Value::Array(items))
            if items.len() == keys.len() && keys.iter().all(|k| php_integer_key(k)) =>
        {
            Part {
                keyed: keys
                    .iter()
                    .zip(items)
                    .map(|(k, v)| ((*k).to_string(), v.clone()))
                    .collect(),
                unattributed: Vec::new(),
            }
        }
        Some(Value::Array(items)) => Part {
            keyed: Map::new(),
            unattributed: items.clone(),
        },
        _ => Part::default(),
    }
}

pub(super) fn decode(
    status: u16,
    body: &[u8],
    keys: &[&str],
) -> Result<BatchAnswer, CallError<common::AnyError>> {
    let malformed = |path: &str, message: String| {
        CallError::Malformed(DecodeError {
            status,
            path: path.to_string(),
            message,
        })
    };
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(malformed("", "the body is empty".to_string()));
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| malformed("", format!("not valid JSON: {e}")))?;
    let raw = value.clone();
    let Value::Object(mut top) = value else {
        return Err(malformed("", "the body is not a JSON object".to_string()));
    };
    if let Some(error) = top.remove("error") {
        let Value::String(code) = error else {
            return Err(malformed(
                "error",
                format!("expected an error code string, got {error}"),
            ));
        };
        let description = match top.remove("error_description") {
            Some(Value::String(d)) => Some(d),
            _ => None,
        };
        let mut details = ErrorDetails::new(status, description);
        details.extra = top;
        return Err(CallError::Api(common::AnyError::from_parts(code, details)));
    }
    let mut result = match top.remove("result") {
        Some(Value::Object(map)) => map,
        Some(Value::Array(items)) if items.is_empty() => Map::new(),
        Some(other) => {
            return Err(malformed(
                "result",
                format!("expected the batch result object, got {other}"),
            ));
        }
        None => {
            return Err(malformed(
                "",
                "the body has neither `result` nor `error`".to_string(),
            ));
        }
    };
    let time = match top.remove("time") {
        Some(t @ Value::Object(_)) => serde_json::from_value(t).ok(),
        Some(other) => {
            top.insert("time".to_string(), other);
            None
        }
        None => None,
    };
    let mut take = |name: &str| part(result.remove(name).as_ref(), keys);
    let (results, errors, totals, nexts, times) = (
        take("result"),
        take("result_error"),
        take("result_total"),
        take("result_next"),
        take("result_time"),
    );
    Ok(BatchAnswer {
        status,
        results,
        errors,
        totals,
        nexts,
        times,
        time,
        extra: top,
        result_extra: result,
        raw,
    })
}

//! Reading a `batch` answer: `result.result`, `result_error`, `result_total`, `result_next`
//! and `result_time`, each keyed by command. PHP sends `[]` for an empty part, and a JSON array
//! when the keys were `0`, `1`, `2`…; both read as keyed maps here.

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
    results: Map<String, Value>,
    errors: Map<String, Value>,
    totals: Map<String, Value>,
    nexts: Map<String, Value>,
    times: Map<String, Value>,
    /// The whole call's `time` block.
    pub time: Option<common::Time>,
    /// Other top-level keys, and a `time` that was not an object, as sent.
    pub extra: Map<String, Value>,
    /// Other keys inside `result`, as sent.
    pub result_extra: Map<String, Value>,
}

impl BatchAnswer {
    /// The outcome of `handle`'s command.
    pub fn get<M: Method>(&self, handle: &Handle<M>) -> Outcome<M> {
        self.get_key::<M>(handle.key())
    }

    /// The outcome of the command under `key`, read as `M` (for answers to batches built
    /// elsewhere: tools, logs).
    pub fn get_key<M: Method>(&self, key: &str) -> Outcome<M> {
        if let Some(error) = self.errors.get(key) {
            let (code, description, extra) = match error {
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
            };
            let mut details = ErrorDetails::new(self.status, description);
            details.extra = extra;
            return Outcome::Failed(CommandError {
                error: M::Error::from_parts(code, details),
            });
        }
        let Some(result) = self.results.get(key) else {
            return Outcome::NotExecuted;
        };
        let mut envelope = Map::new();
        envelope.insert("result".to_string(), result.clone());
        if let Some(time) = self.times.get(key) {
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

    /// `result_total` of the command: how many records a list method found.
    pub fn total<M>(&self, handle: &Handle<M>) -> Option<u64> {
        number(self.totals.get(handle.key()))
    }

    /// `result_next` of the command: the `start` of the next page, when there is one.
    pub fn next<M>(&self, handle: &Handle<M>) -> Option<u64> {
        number(self.nexts.get(handle.key()))
    }

    /// Keys of the commands that answered an error, in answer order.
    pub fn failed_keys(&self) -> impl Iterator<Item = &str> {
        self.errors.keys().map(String::as_str)
    }
}

fn number(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A keyed part: an object as it is, a PHP list (`[]`, or keys `0`, `1`, … sent as an array)
/// keyed by position, anything else (absent, `null`) empty.
fn part(value: Option<Value>) -> Map<String, Value> {
    match value {
        Some(Value::Object(map)) => map,
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Map::new(),
    }
}

pub(super) fn decode(status: u16, body: &[u8]) -> Result<BatchAnswer, CallError<common::AnyError>> {
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
    Ok(BatchAnswer {
        status,
        results: part(result.remove("result")),
        errors: part(result.remove("result_error")),
        totals: part(result.remove("result_total")),
        nexts: part(result.remove("result_next")),
        times: part(result.remove("result_time")),
        time,
        extra: top,
        result_extra: result,
    })
}

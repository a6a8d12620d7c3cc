//! The `Method` trait and the one generic decode of a portal answer.

use std::fmt;

use serde::Serialize;

use crate::runtime::corrections::Corrected;
use crate::runtime::envelope::{Envelope, Response, rejected_result};
use crate::runtime::error::{ApiError, ErrorDetails};
use crate::runtime::registry::MethodDescriptor;
use crate::runtime::wire::{Got, Wire};

/// A REST method: its name, parameter, result and error types, and its registry entry.
///
/// Write one generic `call<M: Method>` against this trait and every generated method works
/// with it; see the crate docs for an example.
pub trait Method: 'static {
    /// Wire name, e.g. `imopenlines.dialog.get`.
    const NAME: &'static str;
    /// Request parameters; serialize them as the JSON body.
    type Params: Serialize + fmt::Debug + Clone + MaybeSchema;
    /// The `result` of a successful answer.
    type Result: Serialize + fmt::Debug + Clone + Corrected;
    /// How `Result` is read leniently off the wire. Not part of the public API.
    #[doc(hidden)]
    type ResultWire: Wire<Value = Self::Result> + MaybeSchema;
    /// Errors this method can answer with.
    type Error: ApiError + fmt::Debug + Clone + MaybeSchema;

    /// The method's registry entry.
    fn descriptor() -> &'static MethodDescriptor;
}

/// `schemars::JsonSchema` when the `schema` feature is on, nothing otherwise, so generic code
/// over [`Method`] can ask for schemas without every user compiling schemars.
#[cfg(feature = "schema")]
pub trait MaybeSchema: schemars::JsonSchema {}
#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema + ?Sized> MaybeSchema for T {}
/// `schemars::JsonSchema` when the `schema` feature is on, nothing otherwise.
#[cfg(not(feature = "schema"))]
pub trait MaybeSchema {}
#[cfg(not(feature = "schema"))]
impl<T: ?Sized> MaybeSchema for T {}

/// Code that works for any method, run by name with [`crate::with_method`].
pub trait MethodVisitor {
    /// What the visit returns.
    type Output;
    /// Called with the method whose name was looked up.
    fn visit<M: Method>(self) -> Self::Output;
}

/// Why a call did not produce a result.
#[derive(Debug, Clone, PartialEq)]
pub enum CallError<E> {
    /// The portal answered with an error body.
    Api(E),
    /// The body is not a valid answer for this method.
    Malformed(DecodeError),
}

impl<E: fmt::Display> fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Api(e) => write!(f, "portal error {e}"),
            CallError::Malformed(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for CallError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallError::Api(e) => Some(e),
            CallError::Malformed(e) => Some(e),
        }
    }
}

/// A body that could not be read, with the JSON path where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// HTTP status the body came with.
    pub status: u16,
    /// Where in the JSON the problem is, e.g. `result.manager_list[0]`; empty for the whole body.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed response (HTTP {})", self.status)?;
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a portal answer for method `M` from its HTTP status and body.
///
/// An `error` key makes it an error answer at any status (portals send some with 200). A
/// success needs `result`. A value that does not fit the spec does not fail the call: the
/// field reads as `None`, the value is kept for re-serialization, and
/// [`Corrected::deviations`] on the response lists it. Bodies that are not a JSON object with
/// `result` or `error` are [`CallError::Malformed`], naming the JSON path.
pub fn decode<M: Method>(
    status: u16,
    body: &[u8],
) -> Result<Response<M::Result>, CallError<M::Error>> {
    let malformed = |path: String, message: String| {
        CallError::Malformed(DecodeError {
            status,
            path,
            message,
        })
    };
    // Some PHP setups emit a UTF-8 byte order mark before the JSON; it carries no data.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(malformed(String::new(), "the body is empty".to_string()));
    }
    // Fast path without path tracking; errors are rare, so only they pay for a second pass.
    // A body that is valid UTF-8 as a whole (nearly all) is read as `str`: one validation of
    // the whole buffer instead of one per string; other bodies take the byte reader, which
    // says where the bad bytes are.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str::<Envelope<M::ResultWire>>(text),
        Err(_) => serde_json::from_slice::<Envelope<M::ResultWire>>(body),
    };
    let envelope = match parsed {
        Ok(envelope) => envelope,
        Err(first) => {
            let (path, message) = locate::<M::ResultWire>(body, &first);
            return Err(malformed(path, message));
        }
    };
    if let Some(code) = &envelope.error {
        let mut details = ErrorDetails::new(status, envelope.error_description.clone());
        let time = envelope.time_value();
        details.extra = envelope.extra;
        if let Some(time) = time {
            details.extra.insert("time".to_string(), time);
        }
        return Err(CallError::Api(M::Error::from_parts(code.clone(), details)));
    }
    match envelope.result {
        Some(Got::Value(result)) => Ok(Response {
            result,
            time: envelope.time,
            extra: envelope.extra,
            corrections: envelope.corrections,
        }),
        // Only results that are not objects get here: an object result keeps a misfit as a
        // correction of its own.
        Some(Got::Rejected(r)) => Err(malformed("result".to_string(), rejected_result(&r))),
        None => Err(malformed(
            String::new(),
            "the body has neither `result` nor `error`".to_string(),
        )),
    }
}

/// Like [`decode`], but any deviation from the spec is an error naming its JSON path: for
/// tests and CI that want to know the moment a portal stops matching the spec.
pub fn decode_strict<M: Method>(
    status: u16,
    body: &[u8],
) -> Result<Response<M::Result>, CallError<M::Error>> {
    let response = decode::<M>(status, body)?;
    let deviations = response.deviations();
    match deviations.first() {
        None => Ok(response),
        Some(first) => {
            let more = match deviations.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let message = format!("{}{more}", first.problem());
            Err(CallError::Malformed(DecodeError {
                status,
                path: first.path.clone(),
                message,
            }))
        }
    }
}

/// Re-reads a failed body with path tracking to say where it broke.
fn locate<W: Wire>(body: &[u8], first: &serde_json::Error) -> (String, String) {
    let mut de = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, Envelope<W>>(&mut de) {
        Err(e) => {
            let path = path_text(e.path());
            (path, describe(e.inner()))
        }
        Ok(_) => (String::new(), describe(first)),
    }
}

/// `result.manager_list[1]`; segments serde could not name (the input ended inside them) are
/// left out rather than shown as `?`.
fn path_text(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

/// serde_json's message, with the position phrased for a human.
fn describe(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text.get(..i).unwrap_or(&text).to_string(),
        None => text,
    };
    if e.line() > 0 {
        let what = match e.classify() {
            serde_json::error::Category::Syntax => "not valid JSON: ",
            serde_json::error::Category::Eof => "the body ends early: ",
            _ => "",
        };
        format!("{what}{text} (line {}, column {})", e.line(), e.column())
    } else {
        text
    }
}

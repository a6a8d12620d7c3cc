//! What every error answer carries, and the trait the generated error enums implement.

use std::fmt;

use serde_json::{Map, Value};

/// One error answer from a portal: `{"error": …, "error_description": …}` at some HTTP status.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ErrorDetails {
    /// HTTP status the answer came with. Portals send the same code with different statuses
    /// (and sometimes with 200), so this is information, not identity.
    pub status: u16,
    /// `error_description`, when the portal sent one.
    pub description: Option<String>,
    /// Any other keys of the error body, as sent.
    pub extra: Map<String, Value>,
}

impl ErrorDetails {
    /// Details with no extra keys.
    pub fn new(status: u16, description: Option<String>) -> Self {
        Self {
            status,
            description,
            extra: Map::new(),
        }
    }
}

/// An error code the spec does not list, kept as sent.
///
/// Opaque on purpose (like smithy's `Unhandled`): code cannot match on its text, so it keeps
/// working when a later release adds the code as a variant of its own. Read it through
/// [`ApiError::code`] and [`ApiError::details`] on the error enum, or the methods here.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownCode {
    code: String,
    details: ErrorDetails,
}

impl UnknownCode {
    #[doc(hidden)]
    pub fn new(code: String, details: ErrorDetails) -> Self {
        Self { code, details }
    }

    /// The `error` value as sent.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Status, description and extra keys of this answer.
    pub fn details(&self) -> &ErrorDetails {
        &self.details
    }
}

/// What a caller can do about an error, from the spec (or, for codes it does not list, from the
/// HTTP status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorClass {
    /// A limit or a passing failure: call again after [`ApiError::retry_after`].
    RetryLater,
    /// The access token expired: refresh it, then call again.
    RefreshToken,
    /// The credentials are not valid (or lack a scope): authorize again.
    Reauthorize,
    /// The request itself is wrong (parameters, access to the object): repeating it as it is
    /// gives the same answer.
    FixRequest,
    /// Nothing the caller can do (the portal is deleted, the method is missing).
    GiveUp,
}

impl ErrorClass {
    /// The class a status suggests: 429 and 5xx retry later, 401 re-authorize, other 4xx fix
    /// the request, anything else give up.
    pub fn for_status(status: u16) -> Self {
        match status {
            429 | 500..=599 => Self::RetryLater,
            401 => Self::Reauthorize,
            400..=499 => Self::FixRequest,
            _ => Self::GiveUp,
        }
    }

    /// The spec's name for it: `retry_later`, `refresh_token`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RetryLater => "retry_later",
            Self::RefreshToken => "refresh_token",
            Self::Reauthorize => "reauthorize",
            Self::FixRequest => "fix_request",
            Self::GiveUp => "give_up",
        }
    }
}

/// Seconds until `time.operating_reset_at` of an error body, when it has one (the moment the
/// method's resource limit frees up).
fn operating_reset_in(details: &ErrorDetails) -> Option<std::time::Duration> {
    let time = details.extra.get("time")?;
    let reset_at = time.get("operating_reset_at")?;
    let reset_at = reset_at
        .as_f64()
        .or_else(|| reset_at.as_str().and_then(|s| s.parse().ok()))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs_f64();
    let wait = (reset_at - now).max(0.0);
    wait.is_finite()
        .then(|| std::time::Duration::from_secs_f64(wait.min(86_400.0)))
}

/// A method's error enum: one variant per documented code, system errors, and `Unknown`.
pub trait ApiError: std::error::Error + Send + Sync + 'static {
    /// Picks the variant for `code`. Never fails: unknown codes become `Unknown`.
    fn from_parts(code: String, details: ErrorDetails) -> Self
    where
        Self: Sized;

    /// The `error` code as sent.
    fn code(&self) -> &str;

    /// Status, description and extra keys of this answer.
    fn details(&self) -> &ErrorDetails;

    /// The status the documentation gives for this code; `None` for unknown codes.
    fn documented_status(&self) -> Option<u16>;

    /// The HTTP status the answer actually came with.
    fn status(&self) -> u16 {
        self.details().status
    }

    /// `error_description`, when sent. (Not `description`, which would clash with the
    /// deprecated `std::error::Error::description` in generic code.)
    fn error_description(&self) -> Option<&str> {
        self.details().description.as_deref()
    }

    /// Whether the spec documents this code (for this method or as a system error).
    fn is_known(&self) -> bool {
        self.documented_status().is_some()
    }

    /// What to do about it: the spec's class for a known code, the status's for others.
    fn class(&self) -> ErrorClass {
        ErrorClass::for_status(self.status())
    }

    /// For a known retry-later code, the wait the spec documents, in seconds.
    fn documented_retry_after(&self) -> Option<u32> {
        None
    }

    /// How long to wait before calling again, for [`ErrorClass::RetryLater`] errors: until the
    /// answer's `time.operating_reset_at` when it has one, else the documented wait, else
    /// `None` (the caller's own back-off).
    fn retry_after(&self) -> Option<std::time::Duration> {
        if self.class() != ErrorClass::RetryLater {
            return None;
        }
        operating_reset_in(self.details()).or_else(|| {
            self.documented_retry_after()
                .map(|s| std::time::Duration::from_secs(u64::from(s)))
        })
    }
}

/// `CODE (HTTP 400): description` — shared by every generated `Display`.
#[doc(hidden)]
pub fn fmt_error(f: &mut fmt::Formatter<'_>, code: &str, details: &ErrorDetails) -> fmt::Result {
    write!(f, "{code} (HTTP {})", details.status)?;
    match &details.description {
        Some(d) if !d.is_empty() => write!(f, ": {d}"),
        _ => Ok(()),
    }
}

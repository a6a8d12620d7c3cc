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

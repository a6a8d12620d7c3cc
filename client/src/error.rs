//! What a call through the client can end with, besides a result.

use std::fmt;

use b24_spec::{BatchError, DecodeError};

/// Why a call produced no result, after the client's own retries and token refresh.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<E> {
    /// The portal answered with an error body (typed by the method).
    Api(E),
    /// The answer is not a valid answer for the method (a proxy's HTML page, say).
    Malformed(DecodeError),
    /// No answer came: the connection failed, was reset or timed out.
    Transport(TransportError),
    /// The OAuth server refused to refresh the tokens (`invalid_grant`, `invalid_client`,
    /// `PAYMENT_REQUIRED`, …): the app must be authorized again and given new tokens
    /// ([`crate::Client::set_tokens`]). Calls fail with this until then; the refresh is not
    /// tried again with the same refresh token.
    Reauthorize {
        /// The OAuth server's `error`.
        code: String,
        /// Its `error_description`.
        description: Option<String>,
    },
    /// The OAuth server could not be reached or gave no answer: the refresh is not repeated
    /// blindly (it may have used up the refresh token); the next call that finds the token
    /// expired tries once more.
    Refresh(TransportError),
    /// The token store could not save a refreshed pair; the pair is kept and saved again
    /// before it is first used.
    Store(StoreError),
    /// The batch cannot be sent: linked commands that do not fit in one request.
    Batch(BatchError),
}

impl<E: fmt::Display> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Api(e) => write!(f, "portal error {e}"),
            Self::Malformed(e) => e.fmt(f),
            Self::Transport(e) => write!(f, "no answer from the portal: {e}"),
            Self::Reauthorize { code, description } => {
                write!(f, "the OAuth server refused the refresh token: {code}")?;
                match description {
                    Some(d) if !d.is_empty() => write!(f, ": {d}"),
                    _ => Ok(()),
                }
            }
            Self::Refresh(e) => write!(f, "the token refresh got no answer: {e}"),
            Self::Store(e) => write!(f, "the refreshed tokens could not be saved: {e}"),
            Self::Batch(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Api(e) => Some(e),
            Self::Malformed(e) => Some(e),
            Self::Transport(e) | Self::Refresh(e) => Some(e),
            Self::Store(e) => Some(e),
            Self::Batch(e) => Some(e),
            Self::Reauthorize { .. } => None,
        }
    }
}

/// An HTTP exchange that produced no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    message: String,
    reached: bool,
}

impl TransportError {
    pub(crate) fn new(message: String, reached: bool) -> Self {
        Self { message, reached }
    }

    /// Whether the request may have reached the server (anything but a failed connect): a
    /// method that is not safe to repeat is then not sent again.
    pub fn may_have_reached(&self) -> bool {
        self.reached
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

/// A [`crate::TokenStore`] that could not read or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

/// A client that cannot be built: a URL that does not parse, or no TLS setup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError(pub(crate) String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BuildError {}

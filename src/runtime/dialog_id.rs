//! Dialog identifiers: `chat<ID>` for a chat, a bare number for a private dialog with a user.

use std::fmt;
use std::str::FromStr;

/// A dialog identifier as the messenger writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DialogId {
    /// `chat<ID>`: a group or open-lines chat.
    Chat(u64),
    /// `<ID>`: the private dialog with this user.
    User(u64),
}

/// Why a string is not a dialog id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDialogIdError(String);

impl fmt::Display for ParseDialogIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a dialog id; expected `chat<ID>` or a user id",
            self.0
        )
    }
}

impl std::error::Error for ParseDialogIdError {}

fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl FromStr for DialogId {
    type Err = ParseDialogIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parsed = match s.strip_prefix("chat") {
            Some(id) => digits(id).map(DialogId::Chat),
            None => digits(s).map(DialogId::User),
        };
        parsed.ok_or_else(|| ParseDialogIdError(s.to_string()))
    }
}

impl fmt::Display for DialogId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DialogId::Chat(id) => write!(f, "chat{id}"),
            DialogId::User(id) => write!(f, "{id}"),
        }
    }
}

serde_via_str!(DialogId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!("chat29".parse::<DialogId>().ok(), Some(DialogId::Chat(29)));
        assert_eq!("256".parse::<DialogId>().ok(), Some(DialogId::User(256)));
        assert_eq!(DialogId::Chat(1777).to_string(), "chat1777");
        for bad in ["", "chat", "chatx", "-1", "chat-1", "Chat1"] {
            assert!(bad.parse::<DialogId>().is_err(), "{bad:?}");
        }
    }
}

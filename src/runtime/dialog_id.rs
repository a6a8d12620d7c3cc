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
            "`{}` is not a dialog id of the expected form (`chat<ID>`, or a user id where allowed)",
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

impl crate::runtime::scalars::Described for DialogId {
    const EXPECTED: &'static str = "a dialog id (`chat<ID>` or a user id)";
}

/// A chat's dialog identifier, `chat<ID>`: the only form `imopenlines.dialog.get` accepts
/// (the server answers `ACCESS_ERROR` for a plain user id), so the only one this type can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChatDialogId(u64);

impl ChatDialogId {
    /// `chat<chat_id>`.
    pub fn new(chat_id: u64) -> Self {
        Self(chat_id)
    }

    /// The chat id.
    pub fn chat_id(self) -> u64 {
        self.0
    }
}

impl From<ChatDialogId> for DialogId {
    fn from(id: ChatDialogId) -> Self {
        DialogId::Chat(id.0)
    }
}

impl TryFrom<DialogId> for ChatDialogId {
    type Error = ParseDialogIdError;
    fn try_from(id: DialogId) -> Result<Self, Self::Error> {
        match id {
            DialogId::Chat(chat) => Ok(Self(chat)),
            DialogId::User(_) => Err(ParseDialogIdError(id.to_string())),
        }
    }
}

impl FromStr for ChatDialogId {
    type Err = ParseDialogIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.strip_prefix("chat")
            .and_then(digits)
            .map(Self)
            .ok_or_else(|| ParseDialogIdError(s.to_string()))
    }
}

impl fmt::Display for ChatDialogId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "chat{}", self.0)
    }
}

serde_via_str!(ChatDialogId);

impl crate::runtime::scalars::Described for ChatDialogId {
    const EXPECTED: &'static str = "a chat dialog id `chat<ID>`";
}

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
            assert!(bad.parse::<ChatDialogId>().is_err(), "{bad:?}");
        }
        assert!("256".parse::<ChatDialogId>().is_err());
        assert_eq!(
            "chat29".parse::<ChatDialogId>().ok(),
            Some(ChatDialogId::new(29))
        );
        assert_eq!(ChatDialogId::new(7).to_string(), "chat7");
        assert_eq!(DialogId::from(ChatDialogId::new(7)), DialogId::Chat(7));
        assert!(ChatDialogId::try_from(DialogId::User(3)).is_err());
    }
}

//! The open-lines user code: `<connector>|<LINE_ID>|<CONNECTOR_CHAT_ID>|<CONNECTOR_USER_ID>`.

use std::fmt;
use std::str::FromStr;

/// A user code identifying an open-lines conversation, e.g. `livechat|22|1761|587`.
///
/// Portals also write it with an `imol|` prefix (`imol|livechat|1|1373|211`); the prefix is
/// kept so [`Display`](fmt::Display) gives back exactly what was parsed. Connectors are not
/// checked against a list: portals add new ones (`telegram`, `whatsapp`, custom ones).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserCode {
    imol_prefix: bool,
    connector: String,
    line_id: u64,
    chat_id: String,
    user_id: String,
}

/// Why a string is not a user code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseUserCodeError {
    input: String,
    reason: &'static str,
}

impl fmt::Display for ParseUserCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a user code ({}); expected `<connector>|<LINE_ID>|<CONNECTOR_CHAT_ID>|<CONNECTOR_USER_ID>`",
            self.input, self.reason
        )
    }
}

impl std::error::Error for ParseUserCodeError {}

impl UserCode {
    /// A code without the `imol|` prefix. Fails when a part is empty or contains `|`.
    pub fn new(
        connector: impl Into<String>,
        line_id: u64,
        chat_id: impl Into<String>,
        user_id: impl Into<String>,
    ) -> Result<Self, ParseUserCodeError> {
        let code = Self {
            imol_prefix: false,
            connector: connector.into(),
            line_id,
            chat_id: chat_id.into(),
            user_id: user_id.into(),
        };
        let bad = [&code.connector, &code.chat_id, &code.user_id]
            .iter()
            .any(|p| p.is_empty() || p.contains('|'));
        if bad {
            return Err(ParseUserCodeError {
                input: code.to_string(),
                reason: "a part is empty or contains `|`",
            });
        }
        Ok(code)
    }

    /// Connector identifier, e.g. `livechat` or `telegram`.
    pub fn connector(&self) -> &str {
        &self.connector
    }

    /// Open line identifier.
    pub fn line_id(&self) -> u64 {
        self.line_id
    }

    /// Chat identifier inside the channel.
    pub fn chat_id(&self) -> &str {
        &self.chat_id
    }

    /// User identifier inside the channel.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// Whether the code was written with the `imol|` prefix.
    pub fn has_imol_prefix(&self) -> bool {
        self.imol_prefix
    }

    /// The same code without the `imol|` prefix.
    #[must_use]
    pub fn without_prefix(mut self) -> Self {
        self.imol_prefix = false;
        self
    }
}

impl FromStr for UserCode {
    type Err = ParseUserCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fail = |reason| ParseUserCodeError {
            input: s.to_string(),
            reason,
        };
        let parts: Vec<&str> = s.split('|').collect();
        let (imol_prefix, parts) = match parts.as_slice() {
            ["imol", rest @ ..] if rest.len() == 4 => (true, rest),
            all => (false, all),
        };
        let [connector, line, chat, user] = parts else {
            return Err(fail("it needs four `|`-separated parts"));
        };
        if [connector, chat, user].iter().any(|p| p.is_empty()) {
            return Err(fail("a part is empty"));
        }
        if line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail("LINE_ID is not a number"));
        }
        let line_id = line.parse().map_err(|_| fail("LINE_ID is too large"))?;
        Ok(Self {
            imol_prefix,
            connector: (*connector).to_string(),
            line_id,
            chat_id: (*chat).to_string(),
            user_id: (*user).to_string(),
        })
    }
}

impl fmt::Display for UserCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.imol_prefix {
            f.write_str("imol|")?;
        }
        write!(
            f,
            "{}|{}|{}|{}",
            self.connector, self.line_id, self.chat_id, self.user_id
        )
    }
}

serde_via_str!(UserCode);

impl crate::runtime::scalars::Described for UserCode {
    const EXPECTED: &'static str =
        "a user code `<connector>|<LINE_ID>|<CONNECTOR_CHAT_ID>|<CONNECTOR_USER_ID>`";
}

/// Serializes a user code without its `imol|` prefix, for methods where the server does not
/// strip it (`imopenlines.session.open` answers `ACCESS_DENIED` for a prefixed code).
#[doc(hidden)]
pub fn without_imol_prefix<S: serde::Serializer>(code: &UserCode, s: S) -> Result<S::Ok, S::Error> {
    if code.has_imol_prefix() {
        s.collect_str(&code.clone().without_prefix())
    } else {
        s.collect_str(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_both_forms() {
        for text in [
            "livechat|22|1761|587",
            "imol|livechat|1|1373|211",
            "my_bot|3|a-b|x",
        ] {
            let code: UserCode = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(code.to_string(), text);
        }
        let code: UserCode = "imol|telegram|1|1373|211"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(code.connector(), "telegram");
        assert_eq!(code.line_id(), 1);
        assert!(code.has_imol_prefix());
        assert_eq!(code.without_prefix().to_string(), "telegram|1|1373|211");
    }

    #[test]
    fn rejects_malformed_codes() {
        for bad in [
            "",
            "livechat",
            "livechat|1|2",
            "livechat|x|2|3",
            "|1|2|3",
            "a|1|2|3|4|5",
            "livechat|1||3",
        ] {
            assert!(bad.parse::<UserCode>().is_err(), "{bad:?} must be rejected");
        }
        assert!(UserCode::new("a|b", 1, "2", "3").is_err());
    }

    #[test]
    fn serializes_as_plain_string() {
        let code = UserCode::new("livechat", 22, "1761", "587").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            serde_json::to_string(&code).ok().as_deref(),
            Some("\"livechat|22|1761|587\"")
        );
    }
}

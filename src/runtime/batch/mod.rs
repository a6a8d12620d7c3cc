//! `batch`: up to 50 calls in one request, each answer typed by its own method.
//!
//! [`Batch`] collects commands by key and hands back a typed [`Handle`] for each; its JSON body
//! is what the `batch` page specifies (`{"halt": 0, "cmd": {"key": "method?query"}}`).
//! [`Batch::decode`] reads the answer; [`BatchAnswer::get`] gives each handle's typed result,
//! its method's typed error, or "not executed".

mod answer;
mod query;

use std::fmt;
use std::marker::PhantomData;

use serde_json::{Map, Value};

pub use answer::{BatchAnswer, CommandError, Outcome, RawOutcome};

use crate::runtime::method::Method;

/// The most commands one `batch` call may carry.
pub const MAX_COMMANDS: usize = 50;

/// A batch being built: commands in the order they were added.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    halt: bool,
    commands: Vec<Command>,
}

#[derive(Debug, Clone)]
struct Command {
    key: String,
    method: &'static str,
    query: String,
}

/// A command added to a [`Batch`]: read its outcome from the answer with [`BatchAnswer::get`],
/// or pass its results to a later command with [`Handle::field`].
#[derive(Debug)]
pub struct Handle<M> {
    key: String,
    method: PhantomData<fn() -> M>,
}

impl<M> Clone for Handle<M> {
    fn clone(&self) -> Self {
        Self {
            key: self.key.clone(),
            method: PhantomData,
        }
    }
}

impl<M> Handle<M> {
    /// The command's key in the batch.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// A reference to this command's result for a later command's parameter:
    /// `$result[key][path…]`, which the portal replaces with the value.
    pub fn field(&self, path: &str) -> Reference {
        Reference(format!("$result[{}][{}]", self.key, path))
    }
}

/// `$result[key][field]…`: a value from an earlier command's result, filled in by the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference(String);

impl Reference {
    /// A deeper part of the referenced value: `$result[key][field][0]`.
    #[must_use]
    pub fn at(mut self, part: impl fmt::Display) -> Self {
        self.0.push_str(&format!("[{part}]"));
        self
    }

    /// The reference as the portal reads it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a command cannot be added.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BatchError {
    /// The batch already holds [`MAX_COMMANDS`]; the portal would refuse the 51st.
    TooMany,
    /// Another command already uses this key.
    DuplicateKey(String),
    /// A key must be non-empty and free of `[`, `]`, `&`, `=`, `?`, `#` and spaces, so that
    /// `$result[key]` and the query stay readable to the portal.
    BadKey(String),
    /// `batch` cannot be called inside `batch`.
    Nested,
    /// The params did not serialize to a JSON object.
    Params(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooMany => write!(f, "a batch holds at most {MAX_COMMANDS} commands"),
            Self::DuplicateKey(k) => write!(f, "the key `{k}` is used twice"),
            Self::BadKey(k) => write!(
                f,
                "`{k}` cannot be a batch key (use letters, digits, `_`, `-` or `.`)"
            ),
            Self::Nested => write!(f, "`batch` cannot be called inside `batch`"),
            Self::Params(why) => write!(f, "the params are not an object: {why}"),
        }
    }
}

impl std::error::Error for BatchError {}

impl Batch {
    /// An empty batch that runs every command (`halt: 0`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the portal stops at the first command that fails (`halt: 1`); later commands
    /// are then [`Outcome::NotExecuted`].
    #[must_use]
    pub fn halt(mut self, halt: bool) -> Self {
        self.halt = halt;
        self
    }

    /// How many commands the batch holds.
    pub fn len(&self) -> usize {
        self.commands.len()
    }

    /// Whether the batch holds no command.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    /// Adds `M` with `params` under `key`.
    pub fn add<M: Method>(
        &mut self,
        key: &str,
        params: &M::Params,
    ) -> Result<Handle<M>, BatchError> {
        self.add_with(key, params, &[])
    }

    /// Adds `M` with `params`, each `(wire name, reference)` replacing (or adding) that
    /// parameter with a value from an earlier command: typed params for everything else, and a
    /// placeholder where the reference goes (`DialogGetParams::ChatId(0)` with
    /// `("CHAT_ID", open.field("chatId"))`).
    pub fn add_with<M: Method>(
        &mut self,
        key: &str,
        params: &M::Params,
        references: &[(&str, Reference)],
    ) -> Result<Handle<M>, BatchError> {
        if self.commands.len() >= MAX_COMMANDS {
            return Err(BatchError::TooMany);
        }
        let bad =
            |c: char| matches!(c, '[' | ']' | '&' | '=' | '?' | '#' | '$') || c.is_whitespace();
        if key.is_empty() || key.chars().any(bad) {
            return Err(BatchError::BadKey(key.to_string()));
        }
        if self.commands.iter().any(|c| c.key == key) {
            return Err(BatchError::DuplicateKey(key.to_string()));
        }
        if M::NAME == "batch" {
            return Err(BatchError::Nested);
        }
        let params = match serde_json::to_value(params) {
            Ok(Value::Object(map)) => map,
            Ok(other) => return Err(BatchError::Params(format!("got {other}"))),
            Err(e) => return Err(BatchError::Params(e.to_string())),
        };
        self.commands.push(Command {
            key: key.to_string(),
            method: M::NAME,
            query: query_of(&params, references),
        });
        Ok(Handle {
            key: key.to_string(),
            method: PhantomData,
        })
    }

    /// The request body as JSON text: `{"halt":0,"cmd":{"key":"method?query",…}}`, commands in
    /// the order they were added (later commands can use earlier results). `Batch` also
    /// implements `Serialize` with the same output.
    pub fn body(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The keys and method names, in order.
    pub fn commands(&self) -> impl Iterator<Item = (&str, &'static str)> {
        self.commands.iter().map(|c| (c.key.as_str(), c.method))
    }

    /// Reads a `batch` answer (always HTTP 200 from the portal). The whole call's own error
    /// (an expired token, say) is `Err(CallError::Api)`; per-command errors are in the answer.
    pub fn decode(
        &self,
        status: u16,
        body: &[u8],
    ) -> Result<BatchAnswer, crate::CallError<crate::common::AnyError>> {
        let keys: Vec<&str> = self.commands.iter().map(|c| c.key.as_str()).collect();
        answer::decode(status, body, &keys)
    }
}

impl serde::Serialize for Batch {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Commands<'a>(&'a [Command]);
        impl serde::Serialize for Commands<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(self.0.len()))?;
                for c in self.0 {
                    if c.query.is_empty() {
                        map.serialize_entry(&c.key, c.method)?;
                    } else {
                        map.serialize_entry(&c.key, &format!("{}?{}", c.method, c.query))?;
                    }
                }
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("halt", &u8::from(self.halt))?;
        map.serialize_entry("cmd", &Commands(&self.commands))?;
        map.end()
    }
}

/// `a=1&b[0]=x…` for the params, references written in place of their parameters (raw: the
/// portal substitutes `$result[…]` before it parses the query).
fn query_of(params: &Map<String, Value>, references: &[(&str, Reference)]) -> String {
    let mut pairs = Vec::new();
    for (key, value) in params {
        if references.iter().any(|(k, _)| *k == key) {
            continue;
        }
        query::encode_pairs(key, value, &mut pairs);
    }
    for (key, reference) in references {
        pairs.push(format!("{}={}", query::urlencode(key), reference.as_str()));
    }
    pairs.join("&")
}

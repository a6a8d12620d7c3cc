//! `batch`: up to 50 calls in one request, each answer typed by its own method.
//!
//! [`Batch`] collects commands by key and hands back a typed [`Handle`] for each; its JSON body
//! is what the `batch` page specifies (`{"halt": 0, "cmd": {"key": "method?query"}}`).
//! Keys the portal would renumber or change, and references to parameters or result fields the
//! spec does not have, are refused when a command is added, not found out from an answer.
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
    /// Made by [`Batch::unbounded`]: more than [`MAX_COMMANDS`] commands, for a client that
    /// sends it in parts ([`Batch::split`]).
    unbounded: bool,
    commands: Vec<Command>,
}

#[derive(Debug, Clone)]
struct Command {
    key: String,
    method: &'static str,
    query: String,
    /// The method's `safe_to_repeat`, taken from its own descriptor when added (so methods
    /// generated in another crate count too).
    safe_to_repeat: bool,
    /// Keys of the earlier commands its references read: they must go in the same request.
    reads: Vec<String>,
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
}

impl<M: Method> Handle<M> {
    /// A reference to a field of this command's result, for a later command's parameter
    /// (see [`Batch::add_with`]); the portal replaces `$result[key][…]` with the value.
    ///
    /// `path` is the field's wire path: `chatId`, nested `restrictions.avatar`, a list item
    /// `mute_list[0]` or `readed_list[0].user_id`, `[0].id` when the result is a list. It is
    /// checked against the spec's result fields of `M` (`MethodDescriptor::result_fields`), so
    /// a typo is an error naming the method and its fields, not a value the portal quietly
    /// leaves unreplaced.
    pub fn field(&self, path: &str) -> Result<Reference, BatchError> {
        let descriptor = M::descriptor();
        let unknown = || {
            let known = descriptor.result_fields.to_vec();
            BatchError::UnknownField {
                method: M::NAME,
                path: path.to_string(),
                suggestion: did_you_mean(path, known.iter().copied()),
                known,
            }
        };
        let (spec_path, parts) = split_path(path).ok_or_else(unknown)?;
        if !descriptor.result_fields.contains(&spec_path.as_str()) {
            return Err(unknown());
        }
        let mut text = format!("$result[{}]", self.key);
        for part in parts {
            text.push('[');
            text.push_str(part);
            text.push(']');
        }
        Ok(Reference {
            key: self.key.clone(),
            method: M::NAME,
            text,
        })
    }
}

/// `$result[key][field]…`: a value from an earlier command's result, filled in by the portal.
///
/// Made only by [`Handle::field`], so it always names a field the spec gives that command's
/// result. (There is no way to append parts afterwards: an index is part of the checked path,
/// `mute_list[0]`.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    key: String,
    method: &'static str,
    text: String,
}

impl Reference {
    /// The reference as the portal reads it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The key of the command it reads from.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// `readed_list[0].user_id` → (`readed_list[].user_id`, `[readed_list, 0, user_id]`): the
/// spec's path (indexes as `[]`) and the parts of `$result[key][…]`. `None` for anything else
/// (`a..b`, `a[x]`, `a[01]`, an empty path).
fn split_path(path: &str) -> Option<(String, Vec<&str>)> {
    let mut spec_path = String::new();
    let mut parts = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let (index, tail) = after.split_once(']')?;
            let canonical = index == "0" || !index.starts_with('0');
            if index.is_empty() || !canonical || !index.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            spec_path.push_str("[]");
            parts.push(index);
            rest = tail;
        } else {
            let named = if parts.is_empty() {
                rest
            } else {
                spec_path.push('.');
                rest.strip_prefix('.')?
            };
            let end = named.find(['.', '[', ']']).unwrap_or(named.len());
            let (name, tail) = named.split_at(end);
            if name.is_empty() {
                return None;
            }
            spec_path.push_str(name);
            parts.push(name);
            rest = tail;
        }
    }
    (!parts.is_empty()).then_some((spec_path, parts))
}

/// Why a command cannot be added, or a reference made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BatchError {
    /// The batch already holds [`MAX_COMMANDS`]; the portal would refuse the 51st.
    TooMany,
    /// [`Batch::split`]: these commands are linked by `$result` references, so they must go in
    /// one request, and they are more than one request may carry.
    GroupTooLarge {
        /// The linked commands' keys, in order.
        keys: Vec<String>,
        /// The most one request may carry.
        max: usize,
    },
    /// Another command already uses this key.
    DuplicateKey(String),
    /// A key must be non-empty and free of `[`, `]`, `&`, `=`, `?`, `#`, `$`, `%`, `+`,
    /// spaces and control characters: the portal parses a command's query (`%XX` and `+`
    /// decoded) before it looks `$result[key]` up, so such a key could not be referenced.
    BadKey(String),
    /// A key of digits (`12`, `-3`, `007`): PHP stores such keys as integers and renumbers
    /// them, so the answer could not say which command an entry belongs to.
    NumericKey(String),
    /// `batch` cannot be called inside `batch`.
    Nested,
    /// The params did not serialize to a JSON object.
    Params(String),
    /// A reference names a parameter the method does not have.
    UnknownParam {
        /// The method being added.
        method: &'static str,
        /// The wire name given.
        name: String,
        /// The closest parameter, if one is close.
        suggestion: Option<&'static str>,
        /// Every parameter of the method.
        known: Vec<&'static str>,
    },
    /// Two references for one parameter.
    DuplicateParam {
        /// The method being added.
        method: &'static str,
        /// The parameter.
        name: String,
    },
    /// A referenced parameter is one of a group (exactly one member is sent), and the params
    /// send another member of it: pick the params variant of the referenced one.
    OneOfClash {
        /// The method being added.
        method: &'static str,
        /// The referenced parameter.
        referenced: &'static str,
        /// The other member the params send.
        sent: &'static str,
        /// The group.
        group: &'static str,
    },
    /// The referenced command's result has no field at this path.
    UnknownField {
        /// The referenced command's method.
        method: &'static str,
        /// The path given.
        path: String,
        /// The closest field path, if one is close.
        suggestion: Option<&'static str>,
        /// Every field path of the result (`[]` stands for an index).
        known: Vec<&'static str>,
    },
    /// The reference reads a command this batch does not hold (a handle of another batch).
    ForeignReference(String),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooMany => write!(f, "a batch holds at most {MAX_COMMANDS} commands"),
            Self::GroupTooLarge { keys, max } => write!(
                f,
                "{} commands are linked by `$result` references ({}), more than the {max} one \
                 request may carry",
                keys.len(),
                keys.join(", ")
            ),
            Self::DuplicateKey(k) => write!(f, "the key `{k}` is used twice"),
            Self::BadKey(k) => write!(
                f,
                "`{k}` cannot be a batch key (use letters, digits, `_`, `-` or `.`)"
            ),
            Self::NumericKey(k) => write!(
                f,
                "`{k}` cannot be a batch key: PHP turns a key of digits into an integer and \
                 renumbers such keys, so the answer could not say which command failed; start \
                 it with a letter (`c{k}`)"
            ),
            Self::Nested => write!(f, "`batch` cannot be called inside `batch`"),
            Self::Params(why) => write!(f, "the params are not an object: {why}"),
            Self::UnknownParam {
                method,
                name,
                suggestion,
                known,
            } => {
                write!(f, "`{method}` has no parameter `{name}`")?;
                write_hint(f, *suggestion, known, "its parameters")
            }
            Self::DuplicateParam { method, name } => write!(
                f,
                "`{name}` of `{method}` is given two references; the portal would keep one"
            ),
            Self::OneOfClash {
                method,
                referenced,
                sent,
                group,
            } => write!(
                f,
                "`{referenced}` of `{method}` is referenced, but the params also send `{sent}` \
                 of the same one-of group `{group}` (exactly one is sent): use the params' \
                 `{referenced}` variant for the placeholder"
            ),
            Self::UnknownField {
                method,
                path,
                suggestion,
                known,
            } => {
                write!(f, "the result of `{method}` has no field `{path}`")?;
                if known.is_empty() {
                    return write!(f, "; it has no fields");
                }
                write_hint(f, *suggestion, known, "its fields")?;
                if known.iter().any(|k| k.contains("[]")) {
                    write!(f, " (`[]` takes an index: `list[0]`)")?;
                }
                Ok(())
            }
            Self::ForeignReference(reference) => write!(
                f,
                "`{reference}` reads a command this batch does not hold (a handle of another \
                 batch?)"
            ),
        }
    }
}

/// ` (did you mean `x`?); <what>: `a`, `b``.
fn write_hint(
    f: &mut fmt::Formatter<'_>,
    suggestion: Option<&str>,
    known: &[&str],
    what: &str,
) -> fmt::Result {
    if let Some(best) = suggestion {
        write!(f, " (did you mean `{best}`?)")?;
    }
    write!(f, "; {what}: ")?;
    for (i, name) in known.iter().enumerate() {
        if i > 0 {
            write!(f, ", ")?;
        }
        write!(f, "`{name}`")?;
    }
    Ok(())
}

impl std::error::Error for BatchError {}

/// The closest of `known` to `got`, if close: the codegen's rule for its own "did you mean"
/// (Jaro-Winkler above 0.8), without a dependency for it.
fn did_you_mean<'a>(got: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (jaro_winkler(got, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Jaro similarity with the Winkler bonus for a common prefix of up to 4 characters, as
/// `strsim::jaro_winkler` computes it.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() || b.is_empty() {
        return if a.len() == b.len() { 1.0 } else { 0.0 };
    }
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used = vec![false; b.len()];
    let mut a_matched = Vec::new();
    for (i, ca) in a.iter().enumerate() {
        let window = b_used
            .iter_mut()
            .zip(&b)
            .take(i + range + 1)
            .skip(i.saturating_sub(range));
        for (used, cb) in window {
            if !*used && ca == cb {
                *used = true;
                a_matched.push(*ca);
                break;
            }
        }
    }
    if a_matched.is_empty() {
        return 0.0;
    }
    let b_matched = b
        .iter()
        .zip(&b_used)
        .filter(|(_, used)| **used)
        .map(|(c, _)| c);
    let half_transpositions = a_matched
        .iter()
        .zip(b_matched)
        .filter(|(x, y)| x != y)
        .count();
    let m = a_matched.len() as f64;
    let t = (half_transpositions / 2) as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0;
    if jaro <= 0.7 {
        return jaro;
    }
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count();
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

impl Batch {
    /// An empty batch that runs every command (`halt: 0`).
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty batch without the [`MAX_COMMANDS`] cap, for a client that sends it in parts
    /// ([`Batch::split`]); its own [`Batch::body`] is only what one request would carry when
    /// it holds at most [`MAX_COMMANDS`].
    pub fn unbounded() -> Self {
        Self {
            unbounded: true,
            ..Self::default()
        }
    }

    /// Splits the commands into batches of at most `max` commands each (`max` 0 counts as 1),
    /// keeping commands linked by `$result` references (directly or through others) in one
    /// batch and every command after the ones it reads. Groups are packed in the order of
    /// their first command; each part keeps `halt`. A group larger than `max` is
    /// [`BatchError::GroupTooLarge`], found before anything is sent.
    pub fn split(&self, max: usize) -> Result<Vec<Batch>, BatchError> {
        let max = max.max(1);
        // Each command's group: the group of the first command it reads (union of groups).
        let mut group_of: Vec<usize> = (0..self.commands.len()).collect();
        let find = |group_of: &Vec<usize>, mut i: usize| {
            while let Some(&parent) = group_of.get(i) {
                if parent == i {
                    break;
                }
                i = parent;
            }
            i
        };
        for (i, command) in self.commands.iter().enumerate() {
            for read in &command.reads {
                let Some(j) = self.commands.iter().position(|c| &c.key == read) else {
                    continue;
                };
                let (a, b) = (find(&group_of, i), find(&group_of, j));
                let (low, high) = (a.min(b), a.max(b));
                if let Some(slot) = group_of.get_mut(high) {
                    *slot = low;
                }
            }
        }
        // Groups in the order of their first command, each with its commands in order.
        let mut groups: Vec<(usize, Vec<&Command>)> = Vec::new();
        for (i, command) in self.commands.iter().enumerate() {
            let root = find(&group_of, i);
            match groups.iter_mut().find(|(r, _)| *r == root) {
                Some((_, members)) => members.push(command),
                None => groups.push((root, vec![command])),
            }
        }
        let mut parts: Vec<Batch> = Vec::new();
        for (_, members) in groups {
            if members.len() > max {
                return Err(BatchError::GroupTooLarge {
                    keys: members.iter().map(|c| c.key.clone()).collect(),
                    max,
                });
            }
            // First fit: an earlier part with room keeps requests few.
            let fits = parts
                .iter_mut()
                .find(|p| p.commands.len() + members.len() <= max);
            let part = match fits {
                Some(part) => part,
                None => {
                    parts.push(Batch {
                        halt: self.halt,
                        unbounded: false,
                        commands: Vec::new(),
                    });
                    match parts.last_mut() {
                        Some(part) => part,
                        None => continue,
                    }
                }
            };
            part.commands.extend(members.into_iter().cloned());
        }
        Ok(parts)
    }

    /// Whether the portal stops at the first failing command (`halt: 1`).
    pub fn halts(&self) -> bool {
        self.halt
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
    ///
    /// A key is refused when the portal could not keep it: digits only (PHP makes it an
    /// integer and renumbers it), or characters a query or `$result[key]` would change.
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
    /// `("CHAT_ID", open.field("chatId")?)`); the placeholder is not sent.
    ///
    /// Checked before any round trip: each wire name is a parameter of `M` (else the error
    /// lists them, with the closest), given once, not a one-of sibling of a parameter the
    /// params send, and each reference reads an earlier command of this batch.
    pub fn add_with<M: Method>(
        &mut self,
        key: &str,
        params: &M::Params,
        references: &[(&str, Reference)],
    ) -> Result<Handle<M>, BatchError> {
        if self.commands.len() >= MAX_COMMANDS && !self.unbounded {
            return Err(BatchError::TooMany);
        }
        check_key(key)?;
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
        self.check_references::<M>(&params, references)?;
        self.commands.push(Command {
            key: key.to_string(),
            method: M::NAME,
            query: query_of(&params, references),
            safe_to_repeat: M::descriptor().safe_to_repeat,
            reads: references.iter().map(|(_, r)| r.key.clone()).collect(),
        });
        Ok(Handle {
            key: key.to_string(),
            method: PhantomData,
        })
    }

    /// The checks of [`Batch::add_with`] on its references.
    fn check_references<M: Method>(
        &self,
        params: &Map<String, Value>,
        references: &[(&str, Reference)],
    ) -> Result<(), BatchError> {
        let descriptor = M::descriptor();
        for (i, (name, reference)) in references.iter().enumerate() {
            let Some(param) = descriptor.param(name) else {
                let known: Vec<&'static str> =
                    descriptor.params.iter().map(|p| p.wire_name).collect();
                return Err(BatchError::UnknownParam {
                    method: M::NAME,
                    name: (*name).to_string(),
                    suggestion: did_you_mean(name, known.iter().copied()),
                    known,
                });
            };
            if references.iter().take(i).any(|(other, _)| other == name) {
                return Err(BatchError::DuplicateParam {
                    method: M::NAME,
                    name: (*name).to_string(),
                });
            }
            if let Some(group) = param.one_of {
                let referenced = |wire: &str| references.iter().any(|(n, _)| *n == wire);
                let sibling = descriptor.params.iter().find(|p| {
                    p.one_of == Some(group)
                        && params.get(p.wire_name).is_some_and(|v| !v.is_null())
                        && !referenced(p.wire_name)
                });
                if let Some(sibling) = sibling {
                    return Err(BatchError::OneOfClash {
                        method: M::NAME,
                        referenced: param.wire_name,
                        sent: sibling.wire_name,
                        group,
                    });
                }
            }
            let earlier = self
                .commands
                .iter()
                .any(|c| c.key == reference.key && c.method == reference.method);
            if !earlier {
                return Err(BatchError::ForeignReference(reference.text.clone()));
            }
        }
        Ok(())
    }

    /// Whether the whole batch may be sent again after a failed call: every command's method
    /// is marked safe to repeat (`Method::descriptor().safe_to_repeat`).
    pub fn safe_to_repeat(&self) -> bool {
        self.commands.iter().all(|c| c.safe_to_repeat)
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

/// A key the portal keeps as sent, in the answer and in `$result[key]`.
fn check_key(key: &str) -> Result<(), BatchError> {
    let bad = |c: char| {
        matches!(c, '[' | ']' | '&' | '=' | '?' | '#' | '$' | '%' | '+')
            || c.is_whitespace()
            || c.is_control()
    };
    if key.is_empty() || key.chars().any(bad) {
        return Err(BatchError::BadKey(key.to_string()));
    }
    if answer::digit_key(key) {
        return Err(BatchError::NumericKey(key.to_string()));
    }
    Ok(())
}

/// `a=1&b[0]=x…` for the params, references written in place of their parameters (the
/// placeholders left out). References are written raw: the portal parses the query, then
/// replaces `$result[…]` in the values (the page's GET example percent-encodes the `$` and
/// brackets once more, which only works that way), and `[`, `]`, `$` survive parsing.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closeness_is_strsim_s_jaro_winkler() {
        // strsim's own examples and the classic pairs, to three places.
        for (a, b, score) in [
            ("cheeseburger", "cheese fries", 0.866),
            ("MARTHA", "MARHTA", 0.961),
            ("DWAYNE", "DUANE", 0.840),
            ("DIXON", "DICKSONX", 0.813),
            ("", "", 1.0),
            ("a", "", 0.0),
            ("abc", "xyz", 0.0),
        ] {
            let got = jaro_winkler(a, b);
            assert!((got - score).abs() < 0.001, "{a} / {b}: {got}");
        }
        assert_eq!(
            did_you_mean("CHATID", ["CHAT_ID", "DIALOG_ID", "USER_CODE"]),
            Some("CHAT_ID")
        );
        assert_eq!(did_you_mean("FOO", ["CHAT_ID", "DIALOG_ID"]), None);
    }

    #[test]
    fn paths_split_into_the_spec_path_and_the_parts() {
        let split = |p: &str| split_path(p).map(|(s, parts)| (s, parts.join("|")));
        let some = |s: &str, parts: &str| Some((s.to_string(), parts.to_string()));
        assert_eq!(split("id"), some("id", "id"));
        assert_eq!(
            split("readed_list[0].user_id"),
            some("readed_list[].user_id", "readed_list|0|user_id")
        );
        assert_eq!(split("[0].id"), some("[].id", "0|id"));
        assert_eq!(split("a[1][20]"), some("a[][]", "a|1|20"));
        for bad in [
            "", ".", "a.", ".a", "a..b", "a[", "a[]", "a[x]", "a[01]", "a]", "a[0]b",
        ] {
            assert_eq!(split_path(bad), None, "{bad:?}");
        }
    }
}

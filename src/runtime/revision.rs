//! Which parameters a portal understands: the revisions it reports against the revisions the
//! spec gives each parameter.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::runtime::method::Method;
use crate::runtime::registry::{Since, methods};

/// Revision counters a portal reported, by counter name (`imopenlines.rest`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revisions(BTreeMap<String, u32>);

impl Revisions {
    /// No counters known.
    pub fn new() -> Self {
        Self::default()
    }

    /// `counter` is at `revision`.
    #[must_use]
    pub fn with(mut self, counter: &str, revision: u32) -> Self {
        self.0.insert(counter.to_string(), revision);
        self
    }

    /// Reads every counter the registry knows to be reported by `method` from its `result`
    /// (for `imopenlines.revision.get`: `rest` is `imopenlines.rest`). Keys that are missing or
    /// not whole numbers are left unknown.
    #[must_use]
    pub fn read<R: Serialize>(mut self, method: &str, result: &R) -> Self {
        let Ok(value) = serde_json::to_value(result) else {
            return self;
        };
        for m in methods() {
            let since = m
                .params
                .iter()
                .filter_map(|p| p.since)
                .chain(m.fields_since.iter().map(|(_, s)| *s));
            for s in since.filter(|s| s.read_with == method) {
                let number = match value.get(s.key) {
                    Some(Value::Number(n)) => n.as_u64(),
                    Some(Value::String(t)) => t.parse().ok(),
                    _ => None,
                };
                if let Some(n) = number.and_then(|n| u32::try_from(n).ok()) {
                    self.0.insert(s.counter.to_string(), n);
                }
            }
        }
        self
    }

    /// The revision of `counter`, when known.
    pub fn get(&self, counter: &str) -> Option<u32> {
        self.0.get(counter).copied()
    }
}

/// A parameter the portal may not understand.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NeedsRevision {
    /// The parameter's wire name.
    pub param: &'static str,
    /// The revision it needs, with its counter and source.
    pub since: Since,
    /// The portal's revision of that counter; `None` when it was not reported.
    pub have: Option<u32>,
}

impl fmt::Display for NeedsRevision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` needs revision {} of `{}`, ",
            self.param, self.since.revision, self.since.counter
        )?;
        match self.have {
            Some(have) => write!(f, "the portal reports {have}"),
            None => write!(
                f,
                "the portal did not report it (read it with `{}`)",
                self.since.read_with
            ),
        }
    }
}

/// Checks that the portal understands every parameter `params` sends: `Ok` when it does, else
/// each parameter that needs a newer revision (or one the portal did not report).
pub fn check_params<M: Method>(
    params: &M::Params,
    revisions: &Revisions,
) -> Result<(), Vec<NeedsRevision>> {
    let sent = match serde_json::to_value(params) {
        Ok(Value::Object(map)) => map,
        _ => return Ok(()),
    };
    let problems: Vec<NeedsRevision> = M::descriptor()
        .params
        .iter()
        .filter(|p| sent.contains_key(p.wire_name))
        .filter_map(|p| {
            let since = p.since?;
            let have = revisions.get(since.counter);
            (have.is_none_or(|h| h < since.revision)).then_some(NeedsRevision {
                param: p.wire_name,
                since,
                have,
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

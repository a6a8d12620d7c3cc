//! What lenient decoding corrected, kept next to the data it concerns.
//!
//! A value that does not fit its type never fails a decode: the typed field reads as absent
//! (`None`), the value is kept here exactly as sent and goes back out when the object is
//! serialized again, and [`Corrected::deviations`] reports it with its JSON path.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use crate::runtime::wire::Rejected;

/// The corrections made in one object, by wire name. Usually empty (and then allocation-free).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corrections {
    entries: Vec<Correction>,
}

/// One correction in an object.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Correction {
    /// Wire name of the field; `None` when the whole object was not an object.
    pub field: Option<&'static str>,
    /// Where below the field the misfit is: empty, or an index such as `[2]`.
    pub at: String,
    /// What the spec expected.
    pub expected: Cow<'static, str>,
    /// What arrived, exactly as sent; `None` when a required field was missing.
    pub raw: Option<Value>,
}

impl Corrections {
    /// Whether nothing was corrected in this object.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The corrections, in the order they were made.
    pub fn iter(&self) -> impl Iterator<Item = &Correction> {
        self.entries.iter()
    }

    /// The correction of one field, by wire name.
    pub fn get(&self, field: &str) -> Option<&Correction> {
        self.entries.iter().find(|c| c.field == Some(field))
    }

    /// The value a field arrived with when it did not fit its type.
    pub fn raw(&self, field: &str) -> Option<&Value> {
        self.get(field).and_then(|c| c.raw.as_ref())
    }

    /// The value that stood where this whole object belongs, when it was not an object.
    pub fn whole(&self) -> Option<&Value> {
        self.entries
            .iter()
            .find(|c| c.field.is_none())
            .and_then(|c| c.raw.as_ref())
    }

    /// Records that `field` arrived as a value that does not fit.
    pub(crate) fn reject(&mut self, field: &'static str, r: Rejected) {
        self.clear(field);
        self.entries.push(Correction {
            field: Some(field),
            at: r.at,
            expected: r.expected,
            raw: Some(r.raw),
        });
    }

    /// Records that a required `field` is missing.
    pub(crate) fn missing(&mut self, field: &'static str, expected: Cow<'static, str>) {
        self.entries.push(Correction {
            field: Some(field),
            at: String::new(),
            expected,
            raw: None,
        });
    }

    /// Records that the whole object arrived as something else.
    pub(crate) fn reject_whole(&mut self, r: Rejected) {
        self.entries.clear();
        self.entries.push(Correction {
            field: None,
            at: r.at,
            expected: r.expected,
            raw: Some(r.raw),
        });
    }

    /// Forgets an earlier correction of `field` (a later duplicate key fitted).
    pub(crate) fn clear(&mut self, field: &str) {
        if !self.entries.is_empty() {
            self.entries.retain(|c| c.field != Some(field));
        }
    }

    fn collect(&self, path: &str, out: &mut Vec<Deviation>) {
        for c in &self.entries {
            let mut full = path.to_string();
            if let Some(field) = c.field {
                push_key(&mut full, field);
            }
            full.push_str(&c.at);
            out.push(Deviation {
                path: full,
                expected: c.expected.clone(),
                got: c.raw.as_ref().map(|raw| element(raw, &c.at).clone()),
            });
        }
    }
}

/// The element `at` (`[2]`) points to inside a rejected list; the value itself when `at` is
/// empty or does not point into it.
fn element<'a>(raw: &'a Value, at: &str) -> &'a Value {
    at.strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|index| index.parse::<usize>().ok())
        .and_then(|index| raw.as_array().and_then(|items| items.get(index)))
        .unwrap_or(raw)
}

/// One place where an answer differs from the spec, and what was done about it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Deviation {
    /// JSON path, e.g. `result.background_id` or `result.manager_list[1]`.
    pub path: String,
    /// What the spec expected there.
    pub expected: Cow<'static, str>,
    /// What arrived (kept and re-serialized as sent); `None` when a required field was missing.
    pub got: Option<Value>,
}

impl Deviation {
    /// What is wrong, without the path: "expected …, got …".
    pub fn problem(&self) -> String {
        match &self.got {
            Some(raw) => format!("expected {}, got {}", self.expected, abbreviate(raw)),
            None => format!("required field missing (expected {})", self.expected),
        }
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        };
        write!(f, "`{path}`: {}", self.problem())
    }
}

/// A JSON value as text, cut at about 80 characters so one huge value cannot flood a log.
fn abbreviate(raw: &Value) -> String {
    let text = raw.to_string();
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or_default()),
        None => text,
    }
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// A decoded value that can say what decoding corrected in it (and in everything below it).
pub trait Corrected {
    /// Adds this value's corrections to `out`, with paths below `path`.
    fn collect_deviations(&self, path: &str, out: &mut Vec<Deviation>);

    /// Every correction in this value, with JSON paths relative to it.
    fn deviations(&self) -> Vec<Deviation> {
        let mut out = Vec::new();
        self.collect_deviations("", &mut out);
        out
    }
}

impl<T: Corrected> Corrected for Option<T> {
    fn collect_deviations(&self, path: &str, out: &mut Vec<Deviation>) {
        if let Some(v) = self {
            v.collect_deviations(path, out);
        }
    }
}

impl<T: Corrected> Corrected for Vec<T> {
    fn collect_deviations(&self, path: &str, out: &mut Vec<Deviation>) {
        for (i, item) in self.iter().enumerate() {
            item.collect_deviations(&format!("{path}[{i}]"), out);
        }
    }
}

macro_rules! nothing_to_correct {
    ($($ty:ty),*) => {$(
        impl Corrected for $ty {
            fn collect_deviations(&self, _: &str, _: &mut Vec<Deviation>) {}
        }
    )*};
}

nothing_to_correct!(
    u64,
    i64,
    f64,
    bool,
    String,
    Value,
    crate::DateTime,
    crate::UserCode,
    crate::DialogId,
    crate::ChatDialogId
);

/// A generated object's own corrections, then the corrections of one nested field.
#[doc(hidden)]
pub fn collect_own(corrections: &Corrections, path: &str, out: &mut Vec<Deviation>) {
    corrections.collect(path, out);
}

/// The corrections below one field of an object.
#[doc(hidden)]
pub fn collect_field<T: Corrected>(value: &T, field: &str, path: &str, out: &mut Vec<Deviation>) {
    let mut full = path.to_string();
    push_key(&mut full, field);
    value.collect_deviations(&full, out);
}

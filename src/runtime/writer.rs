//! Serializing generated objects and request parameters one call per key: [`Writer`] keeps
//! the first error and ignores later calls, so generated code needs no `?` per field (less
//! code for rustc to check in every struct) and no serde derive.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::UserCode;
use crate::runtime::corrections::Corrections;
use crate::runtime::user_code::without_imol_prefix;

/// The schema marker of a flag parameter sent as `"Y"` / `"N"` (see [`Writer::param_yes_no`]).
pub struct YesNo;

/// The entries of a params type (a struct, or a one-of enum that adds its one member).
pub trait Entries {
    /// Writes every entry that is set.
    fn write<M: SerializeMap>(&self, w: &mut Writer<'_, M>);
}

/// `Serialize` for any [`Entries`]: one JSON object.
pub fn serialize_entries<E: Entries + ?Sized, S: Serializer>(
    entries: &E,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut w = Writer::open(s, None, None);
    entries.write(&mut w);
    w.end()
}

/// Writes the keys of one JSON object; see the module docs.
pub struct Writer<'a, M: SerializeMap> {
    state: State<M>,
    /// The object's corrections: a field that did not fit is written back as it arrived.
    corrections: Option<&'a Corrections>,
    /// Keys the spec does not describe, written last.
    extra: Option<&'a Map<String, Value>>,
}

enum State<M: SerializeMap> {
    Open(M),
    Failed(M::Error),
    /// The object stood for a value that was not an object, and that value is written.
    Written(M::Ok),
}

impl<'a, M: SerializeMap> Writer<'a, M> {
    fn open<S>(
        s: S,
        corrections: Option<&'a Corrections>,
        extra: Option<&'a Map<String, Value>>,
    ) -> Self
    where
        S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>,
    {
        let state = match s.serialize_map(None) {
            Ok(map) => State::Open(map),
            Err(e) => State::Failed(e),
        };
        Writer {
            state,
            corrections,
            extra,
        }
    }

    /// Serializes a generated object: the value it stood for when it was not an object, or
    /// its fields (one call each) and then its unknown keys, at [`Writer::end`].
    pub fn record<S>(s: S, corrections: &'a Corrections, extra: &'a Map<String, Value>) -> Self
    where
        S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>,
    {
        match corrections.whole() {
            Some(raw) => Writer {
                state: match raw.serialize(s) {
                    Ok(ok) => State::Written(ok),
                    Err(e) => State::Failed(e),
                },
                corrections: None,
                extra: None,
            },
            None => Self::open(s, Some(corrections), Some(extra)),
        }
    }

    /// Writes one key, unless an earlier key failed.
    pub fn entry<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        if let State::Open(map) = &mut self.state {
            if let Err(e) = map.serialize_entry(key, value) {
                self.state = State::Failed(e);
            }
        }
    }

    /// A field of a generated object: its typed value, or the value it arrived with when that
    /// did not fit; nothing when it is absent.
    pub fn field<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        match value {
            Some(v) => self.entry(key, v),
            None => self.raw(key),
        }
    }

    /// A field whose "none" the server writes as `""` (see `none_as` in the spec).
    pub fn field_empty_if_none<T: Serialize>(
        &mut self,
        key: &'static str,
        value: &Option<Option<T>>,
    ) {
        match value {
            Some(Some(v)) => self.entry(key, v),
            Some(None) => self.entry(key, ""),
            None => self.raw(key),
        }
    }

    fn raw(&mut self, key: &'static str) {
        if let Some(raw) = self.corrections.and_then(|c| c.raw(key)) {
            self.entry(key, raw);
        }
    }

    /// A parameter that is always sent.
    pub fn param<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.entry(key, value);
    }

    /// An optional parameter: left out when unset.
    pub fn opt_param<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(v) = value {
            self.entry(key, v);
        }
    }

    /// A flag sent as `"Y"` / `"N"` (`send_as_yes_no` in the spec).
    pub fn param_yes_no(&mut self, key: &'static str, value: &bool) {
        self.entry(key, if *value { "Y" } else { "N" });
    }

    /// An optional flag sent as `"Y"` / `"N"`: left out when unset.
    pub fn opt_param_yes_no(&mut self, key: &'static str, value: &Option<bool>) {
        if let Some(v) = value {
            self.param_yes_no(key, v);
        }
    }

    /// A user code sent without its `imol|` prefix (for methods that do not strip it).
    pub fn param_without_imol(&mut self, key: &'static str, value: &UserCode) {
        self.entry(key, &WithoutImol(value));
    }

    /// An optional user code sent without its `imol|` prefix: left out when unset.
    pub fn opt_param_without_imol(&mut self, key: &'static str, value: &Option<UserCode>) {
        if let Some(code) = value {
            self.entry(key, &WithoutImol(code));
        }
    }

    /// Writes the unknown keys and ends the object, or gives the first error.
    pub fn end(mut self) -> Result<M::Ok, M::Error> {
        if let Some(extra) = self.extra {
            for (k, v) in extra {
                self.entry(k, v);
            }
        }
        match self.state {
            State::Open(map) => map.end(),
            State::Failed(e) => Err(e),
            State::Written(ok) => Ok(ok),
        }
    }
}

/// A user code sent without its `imol|` prefix.
struct WithoutImol<'a>(&'a UserCode);

impl Serialize for WithoutImol<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        without_imol_prefix(self.0, s)
    }
}

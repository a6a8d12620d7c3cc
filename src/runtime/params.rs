//! Serializing request parameters: generated params types list their entries one line each,
//! these helpers do the rest (so params need no derived serde code).

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::UserCode;
use crate::runtime::user_code::without_imol_prefix;

/// The entries of a params type (a struct, or a one-of enum that adds its one member).
pub trait Entries {
    /// Writes every entry that is set into `map`.
    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// `Serialize` for any [`Entries`]: one JSON object.
pub fn serialize_entries<E: Entries + ?Sized, S: Serializer>(
    entries: &E,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    entries.write(&mut map)?;
    map.end()
}

/// A parameter that is always sent.
pub fn param<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    map.serialize_entry(key, value)
}

/// An optional parameter: left out when unset.
pub fn opt_param<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(v) => map.serialize_entry(key, v),
        None => Ok(()),
    }
}

/// A user code sent without its `imol|` prefix (for methods that do not strip it).
pub struct WithoutImol<'a>(pub &'a UserCode);

impl Serialize for WithoutImol<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        without_imol_prefix(self.0, s)
    }
}

/// An optional user code sent without its `imol|` prefix: left out when unset.
pub fn opt_param_without_imol<M: SerializeMap>(
    map: &mut M,
    key: &'static str,
    value: &Option<UserCode>,
) -> Result<(), M::Error> {
    match value {
        Some(code) => map.serialize_entry(key, &WithoutImol(code)),
        None => Ok(()),
    }
}

//! The shared machinery of generated objects: one lenient map visitor per struct, and
//! [`Fields`], which its field arms call, so each field costs about one line. Writing them
//! back is `writer::Writer`'s job.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::runtime::corrections::Corrections;
use crate::runtime::wire::{Got, Key, Rejected, Seed, Wire};

/// A generated response object.
pub trait Record: Default {
    /// The struct name, for expectations ("a `Restrictions` object").
    const NAME: &'static str;
    /// Reads the object's keys into `self` (in place, so large list elements are not moved
    /// around); a value that does not fit becomes a correction.
    fn visit_map<'de, A: MapAccess<'de>>(&mut self, map: A) -> Result<(), A::Error>;
    /// What decoding corrected in this object.
    fn corrections_mut(&mut self) -> &mut Corrections;
}

fn expected<T: Record>() -> Cow<'static, str> {
    Cow::Owned(format!("a `{}` object", T::NAME))
}

/// Reads an object into the given place; PHP's `[]` counts as `{}`; anything else is
/// rejected (returned) with the value kept, and the place is left as it was.
struct RecordVisitor<'a, T>(&'a mut T);

type Misfit = Option<Box<Rejected>>;

impl<T: Record> RecordVisitor<'_, T> {
    fn reject<E>(raw: Value) -> Result<Misfit, E> {
        Ok(Some(Rejected::new(raw, expected::<T>())))
    }
}

impl<'de, T: Record> Visitor<'de> for RecordVisitor<'_, T> {
    type Value = Misfit;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", T::NAME)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Misfit, A::Error> {
        self.0.visit_map(map).map(|()| None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Misfit, A::Error> {
        let Some(first) = seq.next_element::<Value>()? else {
            // PHP's `[]` for `{}`: read as an empty map, so required fields are reported.
            let empty = de::value::MapDeserializer::<_, A::Error>::new(std::iter::empty::<(
                &'de str,
                &'de str,
            )>());
            return self.0.visit_map(empty).map(|()| None);
        };
        let mut items = vec![first];
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Self::reject(Value::Array(items))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Misfit, E> {
        Self::reject(Value::Bool(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Misfit, E> {
        Self::reject(Value::from(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Misfit, E> {
        Self::reject(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Misfit, E> {
        Self::reject(Value::from(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Misfit, E> {
        Self::reject(Value::String(v.to_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Misfit, E> {
        Self::reject(Value::Null)
    }
}

/// Reads an object into an existing place; a value that is not an object is kept there as the
/// object's own correction (see [`Whole`]).
struct InPlace<'a, T>(&'a mut T);

impl<'de, T: Record> de::DeserializeSeed<'de> for InPlace<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if let Some(r) = d.deserialize_any(RecordVisitor(&mut *self.0))? {
            self.0.corrections_mut().reject_whole(*r);
        }
        Ok(())
    }
}

/// A generated object in a field: a value that is not an object makes the field absent.
pub struct Object<T>(PhantomData<T>);

impl<T: Record> Wire for Object<T> {
    type Value = T;
    fn expected() -> Cow<'static, str> {
        expected::<T>()
    }
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Got<T>, D::Error> {
        let mut t = T::default();
        Ok(match d.deserialize_any(RecordVisitor(&mut t))? {
            None => Got::Value(t),
            Some(r) => Got::Rejected(r),
        })
    }
    fn from_json(v: &Value) -> Option<T> {
        match Self::decode(v) {
            Ok(Got::Value(t)) => Some(t),
            _ => None,
        }
    }
    /// List elements are read in place: an element that is not an object keeps its value as
    /// the element's own correction, so the rest of the list stays typed.
    fn decode_list<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Got<Vec<T>>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            out.push(T::default());
            let Some(slot) = out.last_mut() else { break };
            if seq.next_element_seed(InPlace(slot))?.is_none() {
                out.pop();
                break;
            }
        }
        Ok(Got::Value(out))
    }
}

/// A generated object where no field can be absent (a method's `result`, a list element):
/// a value that is not an object becomes an empty object holding that value as a correction.
pub struct Whole<T>(pub T);

impl<'de, T: Record> Deserialize<'de> for Whole<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_record(d).map(Whole)
    }
}

impl<T: Record> Wire for Whole<T> {
    type Value = T;
    fn expected() -> Cow<'static, str> {
        expected::<T>()
    }
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Got<T>, D::Error> {
        deserialize_record(d).map(Got::Value)
    }
    fn from_json(v: &Value) -> Option<T> {
        deserialize_record(v).ok()
    }
}

/// The public `Deserialize` of a generated object: never fails on a misfit, see [`Whole`].
pub fn deserialize_record<'de, T: Record, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let mut t = T::default();
    de::DeserializeSeed::deserialize(InPlace(&mut t), d)?;
    Ok(t)
}

/// The keys of one object being read into a generated struct: each known key is one
/// `take` call, anything else is kept in `extra`.
pub struct Fields<'a, A> {
    map: A,
    corrections: &'a mut Corrections,
    extra: &'a mut Map<String, Value>,
}

impl<'a, 'de, A: MapAccess<'de>> Fields<'a, A> {
    /// Reads `map` into the given corrections and unknown-key map.
    #[inline]
    pub fn new(
        map: A,
        corrections: &'a mut Corrections,
        extra: &'a mut Map<String, Value>,
    ) -> Self {
        Fields {
            map,
            corrections,
            extra,
        }
    }

    /// The next key, borrowed from the input where it can be.
    #[inline]
    pub fn next_key(&mut self) -> Result<Option<Key<'de>>, A::Error> {
        self.map.next_key::<Key<'de>>()
    }

    /// Reads the value of `field` into `slot` (see [`take`]).
    #[inline]
    pub fn take<W: Wire>(
        &mut self,
        slot: &mut Option<W::Value>,
        field: &'static str,
    ) -> Result<(), A::Error> {
        take::<W, A>(&mut self.map, slot, field, self.corrections)
    }

    /// Keeps the value of a key the spec does not describe, as sent.
    #[inline]
    pub fn keep(&mut self, key: Key<'de>) -> Result<(), A::Error> {
        self.extra.insert(key.into_string(), self.map.next_value()?);
        Ok(())
    }

    /// Records a required field that did not arrive at all.
    pub fn require<W: Wire, T>(&mut self, slot: &Option<T>, field: &'static str) {
        if slot.is_none() && self.corrections.get(field).is_none() {
            self.corrections.missing(field, W::expected());
        }
    }
}

/// Reads the value of `field` into `slot`, or records why it does not fit.
pub fn take<'de, W: Wire, A: MapAccess<'de>>(
    map: &mut A,
    slot: &mut Option<W::Value>,
    field: &'static str,
    corrections: &mut Corrections,
) -> Result<(), A::Error> {
    match map.next_value_seed(Seed::<W>::new())? {
        Got::Value(v) => {
            *slot = Some(v);
            corrections.clear(field);
        }
        Got::Rejected(r) => {
            *slot = None;
            corrections.reject(field, *r);
        }
    }
    Ok(())
}

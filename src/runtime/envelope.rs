//! The response envelope every method shares: `result`, `time`, and whatever else comes.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::common::Time;
use crate::runtime::corrections::{Corrected, Corrections, Deviation, collect_field, collect_own};
use crate::runtime::record::{Object, Whole};
use crate::runtime::wire::{Got, Key, Rejected, Seed, Wire};
use crate::runtime::writer::Writer;

/// A successful answer: the method's `result` plus the envelope around it.
///
/// Values that did not fit the spec were corrected, not fatal: [`Corrected::deviations`]
/// lists every one with its JSON path, and serializing gives them back as they arrived.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Response<T> {
    /// The method's result.
    pub result: T,
    /// Timing and limit information; absent on some portals (and `None` when it was not an
    /// object: see [`Response::corrections`]).
    pub time: Option<Time>,
    /// Other top-level keys (`total`, `next`, …), as sent.
    pub extra: Map<String, Value>,
    /// What decoding corrected in the envelope itself (a `time` that is not an object).
    pub corrections: Corrections,
}

impl<T> Response<T> {
    /// A response with just a result, e.g. for tests and mocks.
    pub fn new(result: T) -> Self {
        Self {
            result,
            time: None,
            extra: Map::new(),
            corrections: Corrections::default(),
        }
    }
}

impl<T: Corrected> Corrected for Response<T> {
    fn collect_deviations(&self, path: &str, out: &mut Vec<Deviation>) {
        collect_own(&self.corrections, path, out);
        collect_field(&self.result, "result", path, out);
        collect_field(&self.time, "time", path, out);
    }
}

impl<T: Serialize> Serialize for Response<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = Writer::record(s, &self.corrections, &self.extra);
        // A result that did not fit goes back out as it arrived.
        match self.corrections.raw("result") {
            Some(raw) => w.entry("result", raw),
            None => w.entry("result", &self.result),
        }
        w.field("time", &self.time);
        w.end()
    }
}

impl<'de, T: crate::runtime::record::Record> Deserialize<'de> for Response<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Envelope::<Whole<T>>::deserialize(d)?;
        match raw.result {
            Some(Got::Value(result)) => Ok(Response {
                result,
                time: raw.time,
                extra: raw.extra,
                corrections: raw.corrections,
            }),
            Some(Got::Rejected(r)) => Err(de::Error::custom(format_args!(
                "`result`: expected {}",
                r.expected
            ))),
            None => Err(de::Error::missing_field("result")),
        }
    }
}

/// Everything a body can hold, success or error, read in one pass.
#[derive(Debug)]
pub(crate) struct Envelope<W: Wire> {
    pub result: Option<Got<W::Value>>,
    pub time: Option<Time>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub extra: Map<String, Value>,
    pub corrections: Corrections,
}

impl<W: Wire> Envelope<W> {
    /// `time` as it arrived, for error details: typed when it fitted, raw otherwise.
    pub fn time_value(&self) -> Option<Value> {
        match &self.time {
            Some(time) => serde_json::to_value(time).ok(),
            None => self.corrections.raw("time").cloned(),
        }
    }
}

/// The rejection of a `result` that is not what the method returns.
pub(crate) fn rejected_result(r: &Rejected) -> String {
    format!("expected {}, got {}", r.expected, r.raw)
}

impl<'de, W: Wire> Deserialize<'de> for Envelope<W> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<W>(PhantomData<W>);
        impl<'de, W: Wire> Visitor<'de> for V<W> {
            type Value = Envelope<W>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Bitrix24 response object with `result` or `error`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope<W>, A::Error> {
                let mut out = Envelope {
                    result: None,
                    time: None,
                    error: None,
                    error_description: None,
                    extra: Map::new(),
                    corrections: Corrections::default(),
                };
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "result" => {
                            let got = map.next_value_seed(Seed::<W>::new())?;
                            out.result = Some(match (got, W::absorbed()) {
                                (Got::Rejected(r), Some(none)) => {
                                    out.corrections.reject("result", *r);
                                    Got::Value(none)
                                }
                                (got, _) => got,
                            });
                        }
                        "time" => crate::runtime::record::take::<Object<Time>, _>(
                            &mut map,
                            &mut out.time,
                            "time",
                            &mut out.corrections,
                        )?,
                        "error" => out.error = Some(map.next_value::<ErrorCodeText>()?.0),
                        "error_description" => {
                            out.error_description =
                                map.next_value::<Option<Value>>()?.map(|v| match v {
                                    Value::String(s) => s,
                                    other => other.to_string(),
                                });
                        }
                        _ => {
                            out.extra.insert(key.into_string(), map.next_value()?);
                        }
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// The `error` value: a string, though a number is taken as its text rather than rejected.
struct ErrorCodeText(String);

impl<'de> Deserialize<'de> for ErrorCodeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(ErrorCodeText(s)),
            Value::Number(n) => Ok(ErrorCodeText(n.to_string())),
            other => Err(de::Error::invalid_type(
                unexpected(&other),
                &"an error code string",
            )),
        }
    }
}

fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

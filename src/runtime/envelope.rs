//! The response envelope every method shares: `result`, `time`, and whatever else comes.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::common::Time;
use crate::runtime::wire::{Key, Plain, Wire};

/// A successful answer: the method's `result` plus the envelope around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Response<T> {
    /// The method's result.
    pub result: T,
    /// Timing and limit information; absent on some portals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<Time>,
    /// Other top-level keys (`total`, `next`, …), as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<T> Response<T> {
    /// A response with just a result, e.g. for tests and mocks.
    pub fn new(result: T) -> Self {
        Self {
            result,
            time: None,
            extra: Map::new(),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Response<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Envelope::<Plain<T>>::deserialize(d)?;
        match raw.result {
            Some(result) => Ok(Response {
                result,
                time: raw.time,
                extra: raw.extra,
            }),
            None => Err(de::Error::missing_field("result")),
        }
    }
}

/// Everything a body can hold, success or error, read in one pass.
#[derive(Debug)]
pub(crate) struct Envelope<W: Wire> {
    pub result: Option<W::Value>,
    pub time: Option<Time>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub extra: Map<String, Value>,
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
                };
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    match key.as_str() {
                        "result" => out.result = Some(map.next_value::<W>()?.into_value()),
                        // `"time": null` stays in `extra`, so re-serializing keeps the key.
                        "time" => match map.next_value::<Option<Time>>()? {
                            Some(time) => out.time = Some(time),
                            None => {
                                out.extra.insert(key.into_string(), Value::Null);
                            }
                        },
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

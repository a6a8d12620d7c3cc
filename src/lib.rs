//! Typed Bitrix24 REST requests, responses and errors for the open-lines (`imopenlines`)
//! methods, generated at build time from the YAML spec in `spec/`. The crate holds no HTTP
//! client: plug in the one you use.
//!
//! - Every method is a module (`imopenlines::dialog_get`) holding a marker type implementing
//!   [`Method`], its params, result structs and error enum; [`methods`] and [`find_method`]
//!   list and look them up in the registry.
//! - [`decode`] reads any answer, at any HTTP status, into a [`Response`] or a [`CallError`]:
//!   a value that does not fit reads as `None`, is kept as sent and is reported by
//!   [`Corrected::deviations`]; [`decode_strict`] makes that an error.
//! - [`Batch`] builds typed `batch` calls and reads their answers ([`BatchAnswer`],
//!   [`Outcome`]).
//! - [`ApiError::class`] and [`RetryPolicy`] say what to do after an error; [`Revisions`] and
//!   [`check_params`] what a portal supports.
//! - The `schema` feature adds JSON Schema (`schemars`) for every type.
//!
//! The README (the crate's front page on its repository) has the examples, the full table of
//! what the types accept and the spec format.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate self as b24_spec;

/// `Serialize` as the `Display` string and `Deserialize` through `FromStr`, for small value
/// types whose wire form is their text.
macro_rules! serde_via_str {
    ($ty:ty) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

mod runtime;

/// The README's examples, run as doctests (they use the repo's one area).
#[cfg(all(doctest, feature = "imopenlines"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub mod schema;

pub use chrono;
pub use runtime::batch::{
    Batch, BatchAnswer, BatchError, CommandError, Handle, MAX_COMMANDS, Outcome, RawOutcome,
    Reference,
};
pub use runtime::corrections::{Corrected, Correction, Corrections, Deviation};
pub use runtime::dialog_id::{ChatDialogId, DialogId, ParseDialogIdError};
pub use runtime::envelope::Response;
pub use runtime::error::{ApiError, ErrorClass, ErrorDetails, UnknownCode};
pub use runtime::method::{
    CallError, DecodeError, MaybeSchema, Method, MethodVisitor, decode, decode_strict,
};
pub use runtime::registry::{
    DocDifference, ErrorDescriptor, LocalizedText, MethodDescriptor, ParamDescriptor, Since,
    find_method, methods,
};
pub use runtime::retry::RetryPolicy;
pub use runtime::revision::{NeedsRevision, Revisions, check_params};
pub use runtime::scalars::UnknownValue;
pub use runtime::user_code::{ParseUserCodeError, UserCode};

/// Date-times as portals send them: RFC 3339 with the portal's offset kept.
pub type DateTime = chrono::DateTime<chrono::FixedOffset>;

/// Support for generated code. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::corrections::{collect_field, collect_own};
    pub use crate::runtime::error::fmt_error;
    pub use crate::runtime::record::*;
    pub use crate::runtime::scalars::*;
    pub use crate::runtime::wire::*;
    pub use crate::runtime::writer::*;
    pub use serde;
    pub use serde_json::Value;

    #[cfg(feature = "schema")]
    pub use crate::schema::{
        Props, described, error_body, object, one_of, open_enum, param_schema, with_since,
    };
    #[cfg(feature = "schema")]
    pub use schemars;

    /// Unknown keys of an object, kept as sent.
    pub type Map = serde_json::Map<String, serde_json::Value>;
}

include!(concat!(env!("OUT_DIR"), "/b24_spec.rs"));

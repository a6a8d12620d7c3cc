//! Hand-written support for the generated code, kept in one module so that generated
//! top-level modules (one per method-name prefix, such as `method` for `method.get`) cannot
//! collide with it.

pub(crate) mod batch;
pub(crate) mod corrections;
pub(crate) mod dialog_id;
pub(crate) mod envelope;
pub(crate) mod error;
pub(crate) mod method;
pub(crate) mod record;
pub(crate) mod registry;
pub(crate) mod retry;
pub(crate) mod revision;
pub(crate) mod scalars;
pub(crate) mod user_code;
pub(crate) mod wire;
pub(crate) mod writer;

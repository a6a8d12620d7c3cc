//! The golden fixture spec compiled as a downstream crate: a made-up `golden` area that uses
//! every builtin type, parameter shape and result shape the emitter supports, so a change to
//! the emitter that breaks any path fails to compile here (the real two-method spec leaves
//! some paths unused).
#![forbid(unsafe_code)]

include!(concat!(env!("OUT_DIR"), "/golden.rs"));

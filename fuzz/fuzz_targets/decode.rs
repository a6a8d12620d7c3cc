//! Arbitrary bytes as a portal answer: `decode` must return `Ok` or `Err`, never panic.
//!
//! The first two bytes pick the HTTP status (100..=599); the rest is the body.
#![no_main]

use b24_spec::decode;
use b24_spec::imopenlines::dialog_get::DialogGet;
use b24_spec::imopenlines::session_open::SessionOpen;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 500, rest),
        _ => (200, data),
    };
    let _ = decode::<SessionOpen>(status, body);
    let _ = decode::<DialogGet>(status, body);
});

//! Arbitrary text as a spec file: the loader must return a value or a diagnostic, never panic.
#![no_main]

use std::path::Path;

use b24_spec_codegen::load::parse_str;
use b24_spec_codegen::model::{MethodFile, SharedFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let file = Path::new("fuzz.yaml");
    if let Err(d) = parse_str::<MethodFile>(file, text) {
        // Rendering points into the text at the reported line and column.
        let _ = d.render(Some(text));
    }
    if let Err(d) = parse_str::<SharedFile>(file, text) {
        let _ = d.render(Some(text));
    }
});

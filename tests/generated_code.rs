//! The generated code: pinned by a snapshot, deterministic, and the same as what build.rs wrote.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

fn generate() -> String {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    match b24_spec_codegen::generate(&spec) {
        Ok(g) => g.code,
        Err(f) => panic!("{}", f.diagnostics),
    }
}

#[test]
fn generated_code_snapshot() {
    let code = generate();
    assert!(code.starts_with("// @generated"));
    assert!(code.contains("pub mod session_open") && code.contains("pub mod dialog_get"));
    insta::assert_snapshot!(code);
}

#[test]
fn generation_is_deterministic_and_matches_the_build() {
    let a = generate();
    let b = generate();
    assert_eq!(a, b);
    // build.rs writes the same items unformatted (codegen's tests check that formatting them
    // gives the snapshot's text), with every area this test build enables.
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let areas = [
        ("imconnector", cfg!(feature = "imconnector")),
        ("imopenlines", cfg!(feature = "imopenlines")),
    ];
    let enabled = areas.iter().filter(|(_, on)| *on);
    let options = b24_spec_codegen::Options::default()
        .only_areas(enabled.map(|(a, _)| a.to_string()).collect())
        .unformatted();
    let unformatted = b24_spec_codegen::generate_with(&spec, &options)
        .unwrap()
        .code;
    let built = include_str!(concat!(env!("OUT_DIR"), "/b24_spec.rs"));
    assert_eq!(
        unformatted, built,
        "build.rs and the library entry point disagree"
    );
}

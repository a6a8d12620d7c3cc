//! Generates `$OUT_DIR/golden.rs` from `tests/fixtures/golden-spec`, as a downstream crate's
//! build script would.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        println!("cargo::error=OUT_DIR is not set; build.rs must run under cargo");
        return ExitCode::FAILURE;
    };
    let spec = PathBuf::from("../fixtures/golden-spec");
    println!("cargo::rerun-if-changed=build.rs");
    match b24_spec_codegen::generate(&spec) {
        Ok(generated) => {
            for input in &generated.inputs {
                println!("cargo::rerun-if-changed={}", input.display());
            }
            let target = out_dir.join("golden.rs");
            match b24_spec_codegen::write_if_changed(&target, &generated.code) {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => {
                    println!("cargo::error=cannot write {}: {e}", target.display());
                    ExitCode::FAILURE
                }
            }
        }
        Err(failed) => {
            for input in &failed.inputs {
                println!("cargo::rerun-if-changed={}", input.display());
            }
            for d in failed.diagnostics.iter() {
                println!("cargo::error={}", d.to_string().replace('\n', " "));
            }
            ExitCode::FAILURE
        }
    }
}

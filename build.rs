//! Compiles `spec/` into `$OUT_DIR/b24_spec.rs`, which `src/lib.rs` includes.
//!
//! Spec mistakes fail the build with `file:line:col: message` lines, never a panic.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // `B24_SPEC_DIR` lets benches and experiments compile another spec folder.
    println!("cargo::rerun-if-env-changed=B24_SPEC_DIR");
    let spec_dir =
        std::env::var_os("B24_SPEC_DIR").map_or_else(|| PathBuf::from("spec"), PathBuf::from);
    let spec_dir = spec_dir.as_path();
    let out_dir = match std::env::var_os("OUT_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            println!("cargo::error=OUT_DIR is not set; build.rs must run under cargo");
            return ExitCode::FAILURE;
        }
    };
    // `B24_SPEC_MODULES=crm,im` compiles only those areas of a large spec (see README).
    println!("cargo::rerun-if-env-changed=B24_SPEC_MODULES");
    let mut options = b24_spec_codegen::Options::default();
    if let Ok(list) = std::env::var("B24_SPEC_MODULES") {
        options = options.only_modules(
            list.split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect(),
        );
    }
    match b24_spec_codegen::generate_with(spec_dir, &options) {
        Ok(generated) => {
            rerun_if_changed(&generated.inputs);
            let target = out_dir.join("b24_spec.rs");
            if let Err(e) = b24_spec_codegen::write_if_changed(&target, &generated.code) {
                println!("cargo::error=cannot write {}: {e}", target.display());
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(failed) => {
            rerun_if_changed(&failed.inputs);
            // One line per problem for cargo's summary, the rustc-style rendering on stderr.
            for d in failed.diagnostics.iter() {
                println!("cargo::error={}", d.to_string().replace('\n', " "));
            }
            eprintln!("{}", failed.diagnostics.render());
            ExitCode::FAILURE
        }
    }
}

fn rerun_if_changed(inputs: &[PathBuf]) {
    println!("cargo::rerun-if-changed=build.rs");
    for input in inputs {
        println!("cargo::rerun-if-changed={}", input.display());
    }
}

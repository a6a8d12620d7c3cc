//! Compiles `spec/` into `$OUT_DIR/b24_spec.rs`, which `src/lib.rs` includes: the areas whose
//! cargo feature is on (see `[features]` in Cargo.toml).
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
    let spec = match b24_spec_codegen::Spec::load(spec_dir) {
        Ok(spec) => spec,
        Err(failed) => return report(&failed),
    };
    let options = b24_spec_codegen::Options::default().only_areas(areas(&spec));
    match spec.emit(&options) {
        Ok(generated) => {
            rerun_if_changed(&generated.inputs);
            let target = out_dir.join("b24_spec.rs");
            if let Err(e) = b24_spec_codegen::write_if_changed(&target, &generated.code) {
                println!("cargo::error=cannot write {}: {e}", target.display());
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(failed) => report(&failed),
    }
}

/// The areas to compile: those whose cargo feature is on (`imopenlines` for the
/// `imopenlines.*` methods). With `B24_SPEC_DIR` (benches and experiments, whose areas have
/// no features in this crate) every area, or those `B24_SPEC_AREAS=crm,im` names.
fn areas(spec: &b24_spec_codegen::Spec) -> Vec<String> {
    println!("cargo::rerun-if-env-changed=B24_SPEC_AREAS");
    if std::env::var_os("B24_SPEC_DIR").is_some() {
        return match std::env::var("B24_SPEC_AREAS") {
            Ok(list) => list
                .split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            Err(_) => spec.areas(),
        };
    }
    spec.areas()
        .into_iter()
        .filter(|area| {
            let var = format!("CARGO_FEATURE_{}", area.to_uppercase().replace('-', "_"));
            std::env::var_os(var).is_some()
        })
        .collect()
}

/// Spec problems fail the build: one line per problem for cargo's summary, the rustc-style
/// rendering on stderr.
fn report(failed: &b24_spec_codegen::Failed) -> ExitCode {
    rerun_if_changed(&failed.inputs);
    for d in failed.diagnostics.iter() {
        println!("cargo::error={}", d.to_string().replace('\n', " "));
    }
    eprintln!("{}", failed.diagnostics.render());
    ExitCode::FAILURE
}

fn rerun_if_changed(inputs: &[PathBuf]) {
    println!("cargo::rerun-if-changed=build.rs");
    for input in inputs {
        println!("cargo::rerun-if-changed={}", input.display());
    }
}

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
    // Only the enabled areas' files are read: the YAML of the others would be parsed for
    // nothing (`cargo spec check` reads the whole folder).
    let wanted = wanted_areas();
    let keep = |area: &str| {
        wanted
            .as_ref()
            .is_none_or(|list| list.iter().any(|a| a == area))
    };
    let spec = match b24_spec_codegen::Spec::load_areas(spec_dir, &keep) {
        Ok(spec) => spec,
        Err(failed) => return report(&failed),
    };
    // Unformatted: formatting is most of this script's run time, and rustc does not need it
    // (`b24-spec generate` writes the formatted file for readers).
    let options = b24_spec_codegen::Options::default()
        .only_areas(spec.areas())
        .unformatted();
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
/// no features in this crate) every area (`None`), or those `B24_SPEC_AREAS=crm,im` names.
fn wanted_areas() -> Option<Vec<String>> {
    println!("cargo::rerun-if-env-changed=B24_SPEC_AREAS");
    if std::env::var_os("B24_SPEC_DIR").is_some() {
        return std::env::var("B24_SPEC_AREAS").ok().map(|list| {
            list.split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect()
        });
    }
    // Cargo sets CARGO_FEATURE_<NAME> for each enabled feature; area names are lower case.
    Some(
        std::env::vars_os()
            .filter_map(|(k, _)| {
                k.to_str()?
                    .strip_prefix("CARGO_FEATURE_")
                    .map(|f| f.to_lowercase().replace('_', "-"))
            })
            .collect(),
    )
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

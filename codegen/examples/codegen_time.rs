//! Times load + validate + emit for a spec folder, the work `build.rs` does before rustc starts.
//!
//! ```sh
//! cargo run --release -q -p b24-spec-codegen --example codegen_time -- DIR [RUNS]
//! ```
//!
//! Calls [`b24_spec_codegen::generate`] `RUNS` times (default 5), then prints one line of
//! `key=value` pairs: the number of methods, the median and minimum wall time in milliseconds,
//! the median time of load + check alone (`check_ms`, the rest is emission),
//! and the generated code's size in bytes and lines. Exits 1 with the diagnostics when the spec
//! does not validate, 2 on wrong arguments. `B24_SPEC_AREAS=crm,im` generates only those
//! areas, as the build script does for enabled features. `CODEGEN_OUT=FILE` also writes the
//! generated code there, to read what the catalogue costs. Used by `bench/scale.sh`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: codegen_time DIR [RUNS]");
        return ExitCode::from(2);
    };
    let runs = match args.next().map(|r| r.to_string_lossy().parse::<usize>()) {
        None => 5,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: codegen_time DIR [RUNS]  (RUNS is a positive integer)");
            return ExitCode::from(2);
        }
    };

    let mut options = b24_spec_codegen::Options::default();
    if let Ok(list) = std::env::var("B24_SPEC_AREAS") {
        options = options.only_areas(list.split(',').map(|a| a.trim().to_string()).collect());
    }
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let generated = match b24_spec_codegen::generate_with(&dir, &options) {
            Ok(generated) => generated,
            Err(failed) => {
                eprintln!("{}", failed.diagnostics.render());
                return ExitCode::FAILURE;
            }
        };
        times.push(start.elapsed());
        last = Some(generated);
    }
    let Some(generated) = last else {
        return ExitCode::FAILURE;
    };
    // Load + check alone, the part of the work before emission.
    let mut check_times: Vec<Duration> = Vec::with_capacity(runs);
    let mut checked = None;
    for _ in 0..runs {
        let start = Instant::now();
        checked = Some(b24_spec_codegen::check(&dir));
        check_times.push(start.elapsed());
    }
    check_times.sort();
    let methods = checked.and_then(Result::ok).map_or(0, |spec| {
        spec.methods()
            .filter(|m| match &options.only_areas {
                Some(areas) => areas
                    .iter()
                    .any(|a| m.module_path().starts_with(&format!("{a}::"))),
                None => true,
            })
            .count()
    });
    if let Some(out) = std::env::var_os("CODEGEN_OUT") {
        if let Err(e) = std::fs::write(&out, &generated.code) {
            eprintln!("cannot write {}: {e}", PathBuf::from(out).display());
            return ExitCode::FAILURE;
        }
    }
    times.sort();
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let median = ms(times.get(times.len() / 2));
    let min = ms(times.first());
    let check_ms = ms(check_times.get(check_times.len() / 2));
    println!(
        "methods={} runs={runs} median_ms={median:.1} min_ms={min:.1} check_ms={check_ms:.1} bytes={} lines={}",
        methods,
        generated.code.len(),
        generated.code.lines().count()
    );
    ExitCode::SUCCESS
}

//! `check [SPEC_DIR] [--manifest CARGO_TOML]`: validate a spec folder the way build.rs would,
//! and check that every spec area has a cargo feature (and every area feature an area).

use std::path::{Path, PathBuf};

use super::PROBLEMS;

/// Loads and checks a spec folder, printing its problems when it has any.
pub fn load(spec_dir: &Path) -> Option<crate::Spec> {
    match crate::check(spec_dir) {
        Ok(spec) => Some(spec),
        Err(failed) => {
            println!("{}\n", failed.diagnostics.render());
            println!(
                "{}: {} problem(s)",
                spec_dir.display(),
                failed.diagnostics.len()
            );
            None
        }
    }
}

pub(super) fn run(spec_dir: &Path, manifest: Option<&Path>) -> u8 {
    let Some(spec) = load(spec_dir) else {
        return PROBLEMS;
    };
    println!(
        "{}: ok ({} methods, {} shared objects, {} system errors)",
        spec_dir.display(),
        spec.methods().count(),
        spec.shared_object_count(),
        spec.system_error_count()
    );
    // The crate's manifest sits next to its spec folder, unless named.
    let next_to_spec = spec_dir
        .parent()
        .map_or_else(|| PathBuf::from("Cargo.toml"), |p| p.join("Cargo.toml"));
    let manifest = match manifest {
        Some(path) => path.to_path_buf(),
        None if next_to_spec.is_file() => next_to_spec,
        None => {
            println!("no Cargo.toml next to the spec folder: area features not checked");
            return 0;
        }
    };
    let problems = match feature_problems(&manifest, &spec.areas()) {
        Ok(problems) => problems,
        Err(problem) => vec![problem],
    };
    if problems.is_empty() {
        println!(
            "{}: ok (a feature for each of {} area(s))",
            manifest.display(),
            spec.areas().len()
        );
        return 0;
    }
    for p in &problems {
        println!("{p}");
    }
    println!("{}: {} problem(s)", manifest.display(), problems.len());
    PROBLEMS
}

/// Differences between the spec's areas and the manifest's area features (features that
/// enable nothing else, `area = []`), as `file:line:col: message (hint: …)` lines.
fn feature_problems(manifest: &Path, areas: &[String]) -> Result<Vec<String>, String> {
    let at = manifest.display();
    let text = std::fs::read_to_string(manifest).map_err(|e| format!("{at}: cannot read: {e}"))?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map_or(0, |span| {
            text.get(..span.start)
                .map_or(0, |before| before.lines().count().max(1))
        });
        format!("{at}:{line}:1: not valid TOML: {}", e.message().trim())
    })?;
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.trim_start().starts_with(needle))
            .map_or(0, |i| i + 1)
    };
    let Some(features) = table.get("features").and_then(toml::Value::as_table) else {
        let missing = areas.join("`, `");
        return Ok(vec![format!(
            "{at}: no [features] table, so the areas `{missing}` cannot be compiled (hint: add \
             `[features]` with `default = [\"{}\"]` and one `area = []` per area)",
            areas.first().map_or("", String::as_str)
        )]);
    };
    let mut problems = Vec::new();
    let features_line = line_of("[features]");
    for area in areas {
        if !features.contains_key(area) {
            problems.push(format!(
                "{at}:{features_line}:1: spec area `{area}` has no cargo feature, so its methods \
                 are never compiled (hint: add `{area} = []` under [features], and to `default` \
                 if it should be on by default)"
            ));
        }
    }
    for (name, value) in features {
        let enables_nothing = value.as_array().is_some_and(Vec::is_empty);
        if name != "default" && enables_nothing && !areas.contains(name) {
            problems.push(format!(
                "{at}:{}:1: feature `{name}` enables nothing and is not a spec area (hint: remove \
                 it, or add methods named `{name}.*` to the spec)",
                line_of(&format!("{name} ="))
            ));
        }
    }
    Ok(problems)
}

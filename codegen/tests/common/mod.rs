//! Helpers shared by the codegen crate's integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use b24_spec_codegen::Spec;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The repository's own spec.
pub fn spec() -> Spec {
    Spec::load(&root().join("spec")).unwrap()
}

/// Resolves `link` from the page at `page` (both relative to the repository root); `None`
/// when it climbs above the root.
pub fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop()?;
            }
            "." => {}
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The relative links and includes of a page (`](target)`, anchors and web links left out),
/// without their `#anchor`.
pub fn relative_links(text: &str) -> Vec<&str> {
    let mut links = Vec::new();
    for (i, _) in text.match_indices("](") {
        let Some(rest) = text.get(i + 2..) else {
            continue;
        };
        let Some(link) = rest.find(')').and_then(|end| rest.get(..end)) else {
            continue;
        };
        if link.starts_with('#') || link.starts_with("http") {
            continue;
        }
        links.extend(link.split('#').next());
    }
    links
}

/// Every page of the archived `api-reference/` tree of an official repository
/// (`tests/fixtures/official-trees/`): (path from the repository root, text).
pub fn official_tree(lang: &str) -> Vec<(PathBuf, String)> {
    use std::io::Read;
    let file = root().join(format!(
        "tests/fixtures/official-trees/{lang}-api-reference.tar.zst"
    ));
    let zst = std::fs::File::open(file).unwrap();
    let tar = ruzstd::decoding::StreamingDecoder::new(zst).unwrap();
    let mut archive = tar::Archive::new(tar);
    let mut pages = Vec::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry.path().unwrap().into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        pages.push((path, text));
    }
    pages
}

/// A fresh, empty working folder for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("b24-codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command to its end: exit code, stdout and stderr.
pub fn output(command: &mut std::process::Command) -> (i32, String, String) {
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

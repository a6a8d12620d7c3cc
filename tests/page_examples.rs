//! The official pages' own examples, read through the generated types: every method's example
//! answers decode strictly, every example error decodes to a code the method knows, and every
//! request body of the pages' curl examples is valid for the method's params schema.
//!
//! The pages are `tests/fixtures/official-pages/` (copied unchanged from the official
//! repositories); each is matched to its method by the method name in its H1, so a page added
//! there is checked without touching this file. Where a page's example is itself wrong, the
//! defect is listed in `PAGE_DEFECTS` and the test checks it is still there, so a fixed page
//! shows up as a failure to update.

#![cfg(all(feature = "imopenlines", feature = "imconnector", feature = "schema"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use b24_spec::{ApiError, CallError, Corrected, Method, MethodVisitor};
use serde_json::Value;

/// Examples on the pages that are not what a portal can send, and why: (method, what the
/// decoder says about it).
const PAGE_DEFECTS: &[(&str, &str)] = &[
    // The ru page's example answer elides a map entry with `... // описание …`, which is not
    // JSON; a portal never sends it.
    ("imopenlines.session.history.get", "not valid JSON"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pages() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for lang in ["en", "ru"] {
        walk(
            &root().join("tests/fixtures/official-pages").join(lang),
            &mut out,
        );
    }
    out
}

/// The registry method the page's H1 names.
fn method_of(text: &str, page: &Path) -> &'static str {
    let h1 = text
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or_else(|| panic!("{}: no H1", page.display()));
    h1.split_whitespace()
        .find_map(|w| b24_spec::find_method(w).map(|m| m.name))
        .unwrap_or_else(|| panic!("{}: the H1 names no method of the spec", page.display()))
}

/// Which part of a page an example sits in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Answer,
    Errors,
    Other,
}

/// One fenced example: where, which part, the HTTP status the page gives just above it.
struct Example {
    line: usize,
    part: Part,
    status: u16,
    body: String,
}

/// The ```json blocks of the answer and error sections, each with the status line above it.
fn json_examples(text: &str) -> Vec<Example> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut part = Part::Other;
    let mut status = None;
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        if let Some(h) = line.strip_prefix("## ") {
            let h = h.to_lowercase();
            part = if h.contains("ошиб") || h.contains("error") {
                Part::Errors
            } else if h.contains("ответ") || h.contains("response") {
                Part::Answer
            } else {
                Part::Other
            };
            status = None;
        }
        if let Some(rest) = line
            .strip_prefix("HTTP-статус: **")
            .or_else(|| line.strip_prefix("HTTP status: **"))
        {
            status = rest.split("**").next().and_then(|s| s.trim().parse().ok());
        }
        if line.trim_start().starts_with("```json") && part != Part::Other {
            let start = i + 1;
            let mut body = Vec::new();
            i += 1;
            while let Some(l) = lines.get(i) {
                if l.trim_start().starts_with("```") {
                    break;
                }
                body.push(*l);
                i += 1;
            }
            let default = if part == Part::Errors { 400 } else { 200 };
            out.push(Example {
                line: start,
                part,
                status: status.unwrap_or(default),
                body: body.join("\n"),
            });
        }
        i += 1;
    }
    out
}

/// What decoding one body through a method's types gave.
#[derive(Debug)]
enum Decoded {
    /// A success answer with no deviation from the spec.
    Strict,
    /// A success answer with deviations (JSON paths).
    Deviations(Vec<String>),
    /// An error answer: its code, and whether the method (or the system list) knows it.
    Error { code: String, known: bool },
    /// Not an answer at all.
    Malformed(String),
}

struct Decode<'a> {
    status: u16,
    body: &'a [u8],
}

impl MethodVisitor for Decode<'_> {
    type Output = Decoded;
    fn visit<M: Method>(self) -> Decoded {
        match b24_spec::decode::<M>(self.status, self.body) {
            Ok(response) => {
                let deviations: Vec<String> =
                    response.deviations().into_iter().map(|d| d.path).collect();
                if deviations.is_empty() {
                    Decoded::Strict
                } else {
                    Decoded::Deviations(deviations)
                }
            }
            Err(CallError::Api(e)) => Decoded::Error {
                code: e.code().to_string(),
                known: e.is_known(),
            },
            Err(CallError::Malformed(e)) => Decoded::Malformed(e.to_string()),
        }
    }
}

fn decode(method: &str, status: u16, body: &str) -> Decoded {
    b24_spec::with_method(
        method,
        Decode {
            status,
            body: body.as_bytes(),
        },
    )
    .unwrap_or_else(|| panic!("{method} is in the registry but not in with_method"))
}

#[test]
fn every_method_of_the_spec_has_its_russian_page_here() {
    let mut covered: Vec<&str> = pages()
        .iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "ru"))
        .map(|p| method_of(&std::fs::read_to_string(p).unwrap(), p))
        .collect();
    covered.sort_unstable();
    covered.dedup();
    let mut all: Vec<&str> = b24_spec::methods().iter().map(|m| m.name).collect();
    all.sort_unstable();
    assert_eq!(covered, all);
}

#[test]
fn the_pages_example_answers_and_errors_decode_through_the_spec() {
    let mut answers = 0;
    let mut errors = 0;
    let mut defects_seen = Vec::new();
    let mut problems = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let method = method_of(&text, &page);
        let descriptor = b24_spec::find_method(method).unwrap();
        let at = |e: &Example| format!("{}:{}", page.display(), e.line);
        for example in json_examples(&text) {
            let is_error = serde_json::from_str::<Value>(&example.body)
                .ok()
                .is_some_and(|v| v.get("error").is_some());
            match decode(method, example.status, &example.body) {
                Decoded::Strict => answers += 1,
                Decoded::Error { code, known } => {
                    errors += 1;
                    let own = descriptor.errors.iter().any(|e| e.code == code);
                    if !known || !own {
                        problems.push(format!(
                            "{}: error `{code}` is not one of {method}'s own codes",
                            at(&example)
                        ));
                    }
                    if example.part != Part::Errors {
                        problems.push(format!(
                            "{}: an error outside the errors part",
                            at(&example)
                        ));
                    }
                }
                Decoded::Deviations(paths) => problems.push(format!(
                    "{}: {method}'s example decodes with deviations at {paths:?}",
                    at(&example)
                )),
                Decoded::Malformed(why) => {
                    match PAGE_DEFECTS
                        .iter()
                        .find(|(m, what)| *m == method && why.contains(what))
                    {
                        Some(defect) => defects_seen.push(*defect),
                        None => problems.push(format!("{}: {why}", at(&example))),
                    }
                }
            }
            assert!(
                !(is_error && example.part == Part::Answer),
                "{}: an error body in the answer part",
                at(&example)
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        defects_seen, PAGE_DEFECTS,
        "a listed page defect is gone: the page was fixed, so remove it from PAGE_DEFECTS"
    );
    // Every method has an answer example and nearly every one an error example.
    assert!(
        answers >= b24_spec::methods().len() - PAGE_DEFECTS.len(),
        "{answers}"
    );
    assert!(errors >= 45, "{errors}");
}

/// The `-d '…'` bodies of the pages' curl examples, with their lines.
fn curl_bodies(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(i) = rest.find("-d '") {
        let start = i + 4;
        let Some(len) = rest.get(start..).and_then(|r| r.find('\'')) else {
            break;
        };
        let body = &rest[start..start + len];
        let line = text[..offset + start].lines().count();
        out.push((line, body.to_string()));
        offset += start + len;
        rest = &rest[start + len..];
    }
    out
}

#[test]
fn the_pages_request_bodies_fit_the_params_schemas() {
    let mut checked = 0;
    let mut quoted_numbers = 0;
    let mut problems = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let method = method_of(&text, &page);
        let descriptor = b24_spec::find_method(method).unwrap();
        let schema_file = root().join(format!("schemas/{method}.params.schema.json"));
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(&schema_file).unwrap()).unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        for (line, body) in curl_bodies(&text) {
            let at = format!("{}:{line}", page.display());
            let Ok(Value::Object(mut body)) = serde_json::from_str::<Value>(&body) else {
                problems.push(format!("{at}: the curl body is not a JSON object"));
                continue;
            };
            // OAuth examples add the token; it is transport, not a parameter.
            body.remove("auth");
            for (key, value) in body.iter_mut() {
                let Some(param) = descriptor.params.iter().find(|p| p.wire_name == key) else {
                    problems.push(format!("{at}: `{key}` is not a parameter of {method}"));
                    continue;
                };
                // The pages often quote numbers (`"LINE": "12"`); PHP reads both alike, and
                // the params send the number.
                if matches!(param.spec_type, "id" | "integer") {
                    if let Some(n) = value.as_str().and_then(|s| s.parse::<i64>().ok()) {
                        *value = Value::from(n);
                        quoted_numbers += 1;
                    }
                }
            }
            let body = Value::Object(body);
            for error in validator.iter_errors(&body) {
                problems.push(format!("{at}: {error} at {}", error.instance_path()));
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 2 * b24_spec::methods().len() - 20, "{checked}");
    // Seen on the imconnector.activate and imconnector.status pages.
    assert!(quoted_numbers > 0);
}

/// Every error the spec lists for a method (the pages' error tables, which drift keeps in
/// step) decodes to that method's own variant for it, at its documented status.
#[test]
fn every_documented_error_decodes_to_its_own_variant() {
    let mut checked = 0;
    for m in b24_spec::methods() {
        for e in m.errors {
            let body = serde_json::json!({"error": e.code, "error_description": e.message.en});
            match decode(m.name, e.status, &body.to_string()) {
                // In-answer errors (imconnector.register's `result.error`) come with 200.
                Decoded::Error { code, known } => {
                    assert_eq!(code, e.code, "{}", m.name);
                    assert!(known, "{} {}", m.name, e.code);
                }
                other => panic!("{} {}: {other:?}", m.name, e.code),
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "{checked}");
}

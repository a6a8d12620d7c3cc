//! `decode METHOD [--status N] [FILE|-]`: a portal body through the generated types.

use std::io::Read;
use std::path::Path;

use b24_spec::{ApiError, CallError, Corrected, Method, MethodVisitor};

use crate::{PORTAL_ERROR, PROBLEMS, USAGE};

/// Decodes with the method's types and prints the outcome; returns the exit code.
struct Decode<'a> {
    status: u16,
    body: &'a [u8],
    strict: bool,
}

impl MethodVisitor for Decode<'_> {
    type Output = u8;

    fn visit<M: Method>(self) -> u8 {
        let decoded = if self.strict {
            b24_spec::decode_strict::<M>(self.status, self.body)
        } else {
            b24_spec::decode::<M>(self.status, self.body)
        };
        match decoded {
            Ok(response) => match serde_json::to_string_pretty(&response) {
                Ok(text) => {
                    println!("{text}");
                    for deviation in response.deviations() {
                        eprintln!("warning: corrected {deviation}");
                    }
                    0
                }
                Err(e) => {
                    eprintln!("error: cannot print the decoded response: {e}");
                    PROBLEMS
                }
            },
            Err(CallError::Api(e)) => {
                let kind = if e.is_known() { "known" } else { "unknown" };
                let documented = e
                    .documented_status()
                    .map(|s| format!(", documented {s}"))
                    .unwrap_or_default();
                println!(
                    "portal error {} ({kind} code for {}; HTTP {}{documented})",
                    e.code(),
                    M::NAME,
                    e.status()
                );
                if let Some(d) = e.error_description() {
                    println!("description: {d}");
                }
                PORTAL_ERROR
            }
            Err(CallError::Malformed(e)) => {
                eprintln!("error: {e}");
                PROBLEMS
            }
        }
    }
}

pub fn run(method: &str, status: u16, file: Option<&Path>, strict: bool) -> u8 {
    // Check the name first, so a typo does not wait for standard input.
    if !known_method(method) {
        return USAGE;
    }
    let Some(body) = read_body(file) else {
        return PROBLEMS;
    };
    match b24_spec::with_method(
        method,
        Decode {
            status,
            body: &body,
            strict,
        },
    ) {
        Some(code) => code,
        None => {
            eprintln!("error: `{method}` is in the registry but has no types (a codegen bug)");
            PROBLEMS
        }
    }
}

/// Whether the registry has `method`; if not, says so with the known names.
pub fn known_method(method: &str) -> bool {
    if b24_spec::find_method(method).is_some() {
        return true;
    }
    let known: Vec<&str> = b24_spec::methods().iter().map(|m| m.name).collect();
    eprintln!(
        "error: unknown method `{method}`; known methods: {}",
        known.join(", ")
    );
    false
}

/// The body from `file` (or standard input); on failure says why and gives `None`.
pub fn read_body(file: Option<&Path>) -> Option<Vec<u8>> {
    read(file)
        .map_err(|message| eprintln!("error: {message}"))
        .ok()
}

fn read(file: Option<&Path>) -> Result<Vec<u8>, String> {
    match file {
        Some(path) if path != Path::new("-") => {
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
        }
        _ => {
            let mut body = Vec::new();
            std::io::stdin()
                .read_to_end(&mut body)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(body)
        }
    }
}

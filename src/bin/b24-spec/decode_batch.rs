//! `decode-batch --cmd KEY=METHOD … [--status N] [FILE|-]`: a `batch` answer, each command's
//! outcome through its own method's types (methods this crate does not describe: the values
//! as sent), then whatever the answer holds that names no command, so every entry is shown.

use std::collections::BTreeSet;
use std::path::Path;

use b24_spec::{
    ApiError, BatchAnswer, CallError, Corrected, MAX_COMMANDS, Method, MethodVisitor, Outcome,
    RawOutcome,
};

use crate::decode::read_body;
use crate::{PORTAL_ERROR, PROBLEMS, USAGE};

/// What one command came to, for the exit code.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Seen {
    Ok,
    ErrorOrSkipped,
    Malformed,
}

/// Prints one command's outcome.
struct Show<'a> {
    answer: &'a b24_spec::BatchAnswer,
    key: &'a str,
}

impl MethodVisitor for Show<'_> {
    type Output = Seen;

    fn visit<M: Method>(self) -> Seen {
        let key = self.key;
        match self.answer.get_key::<M>(key) {
            Outcome::Done(response) => {
                let text = serde_json::to_string(&response.result).unwrap_or_default();
                println!("{key} ({}): ok {text}", M::NAME);
                for deviation in response.deviations() {
                    eprintln!("warning: {key}: corrected {deviation}");
                }
                Seen::Ok
            }
            Outcome::Failed(e) => {
                let kind = if e.error.is_known() {
                    "known"
                } else {
                    "unknown"
                };
                let description = e.error.error_description().unwrap_or("");
                println!(
                    "{key} ({}): error {} ({kind}) {description}",
                    M::NAME,
                    e.error.code()
                );
                Seen::ErrorOrSkipped
            }
            Outcome::NotExecuted => {
                println!("{key} ({}): not executed", M::NAME);
                Seen::ErrorOrSkipped
            }
            Outcome::Unattributed => {
                println!("{key} ({}): {UNATTRIBUTED}", M::NAME);
                Seen::ErrorOrSkipped
            }
            Outcome::Malformed(e) => {
                println!("{key} ({}): malformed: {e}", M::NAME);
                Seen::Malformed
            }
            _ => Seen::Malformed,
        }
    }
}

const UNATTRIBUTED: &str = "unattributed: no entry names this command, and the answer holds entries that name none (one may be its own)";

/// One command of a method this crate does not describe: its values as sent.
fn show_raw(answer: &BatchAnswer, key: &str, method: &str) -> Seen {
    match answer.get_raw(key) {
        RawOutcome::Done { result, .. } => {
            println!("{key} ({method}, not in this crate): ok {result}");
            Seen::Ok
        }
        RawOutcome::Failed {
            code, description, ..
        } => {
            let code = if code.is_empty() { "\"\"" } else { &code };
            println!(
                "{key} ({method}, not in this crate): error {code} {}",
                description.unwrap_or_default()
            );
            Seen::ErrorOrSkipped
        }
        RawOutcome::NotExecuted => {
            println!("{key} ({method}, not in this crate): not executed");
            Seen::ErrorOrSkipped
        }
        _ => {
            println!("{key} ({method}, not in this crate): {UNATTRIBUTED}");
            Seen::ErrorOrSkipped
        }
    }
}

/// `scope.entity.action`: letters, digits, `_` and at least one `.`.
fn is_method_name(name: &str) -> bool {
    name.contains('.')
        && !name.starts_with('.')
        && !name.ends_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

pub fn run(commands: &[String], status: u16, file: Option<&Path>) -> u8 {
    let mut parsed = Vec::new();
    let mut keys = BTreeSet::new();
    for c in commands {
        let Some((key, method)) = c.split_once('=') else {
            eprintln!("error: `--cmd {c}` is not KEY=METHOD");
            return USAGE;
        };
        if key.is_empty() || !is_method_name(method) {
            eprintln!(
                "error: `--cmd {c}` needs a key and a method name such as `crm.deal.get` \
                 (methods this crate does not describe are shown as sent)"
            );
            return USAGE;
        }
        if !keys.insert(key.to_string()) {
            eprintln!("error: the key `{key}` is given twice");
            return USAGE;
        }
        parsed.push((key.to_string(), method.to_string()));
    }
    if parsed.is_empty() {
        eprintln!("error: name the commands with --cmd KEY=METHOD");
        return USAGE;
    }
    if parsed.len() > MAX_COMMANDS {
        eprintln!(
            "error: a batch holds at most {MAX_COMMANDS} commands, got {}",
            parsed.len()
        );
        return USAGE;
    }
    let Some(body) = read_body(file) else {
        return PROBLEMS;
    };
    let keys: Vec<&str> = parsed.iter().map(|(k, _)| k.as_str()).collect();
    let answer = match BatchAnswer::decode(status, &body, &keys) {
        Ok(answer) => answer,
        Err(CallError::Api(e)) => {
            println!(
                "portal error {} for the whole batch (HTTP {})",
                e.code(),
                e.status()
            );
            return PORTAL_ERROR;
        }
        Err(CallError::Malformed(e)) => {
            eprintln!("error: {e}");
            return PROBLEMS;
        }
    };
    let mut worst = Seen::Ok;
    for (key, method) in &parsed {
        let show = Show {
            answer: &answer,
            key,
        };
        let seen =
            b24_spec::with_method(method, show).unwrap_or_else(|| show_raw(&answer, key, method));
        if seen > worst {
            worst = seen;
        }
    }
    // What names no command: nothing in the answer goes unshown.
    for (i, error) in answer.unattributed_errors().iter().enumerate() {
        println!("unattributed error #{}: {error}", i + 1);
        worst = worst.max(Seen::ErrorOrSkipped);
    }
    for (i, result) in answer.unattributed_results().iter().enumerate() {
        println!("unattributed result #{}: {result}", i + 1);
        worst = worst.max(Seen::ErrorOrSkipped);
    }
    for key in answer.unknown_keys(&keys) {
        println!("{key}: in the answer, but no --cmd names it");
        worst = worst.max(Seen::ErrorOrSkipped);
    }
    match worst {
        Seen::Ok => 0,
        Seen::ErrorOrSkipped => PORTAL_ERROR,
        Seen::Malformed => PROBLEMS,
    }
}

//! `decode-batch --cmd KEY=METHOD … [--status N] [FILE|-]`: a `batch` answer, each command's
//! outcome through its own method's types.

use std::collections::BTreeSet;
use std::path::Path;

use b24_spec::{
    ApiError, Batch, CallError, Corrected, MAX_COMMANDS, Method, MethodVisitor, Outcome,
};

use crate::decode::{known_method, read_body};
use crate::{PORTAL_ERROR, PROBLEMS, USAGE};

/// What one command came to, for the exit code.
#[derive(PartialEq, PartialOrd)]
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
            Outcome::Malformed(e) => {
                println!("{key} ({}): malformed: {e}", M::NAME);
                Seen::Malformed
            }
            _ => Seen::Malformed,
        }
    }
}

pub fn run(commands: &[String], status: u16, file: Option<&Path>) -> u8 {
    let mut parsed = Vec::new();
    let mut keys = BTreeSet::new();
    for c in commands {
        let Some((key, method)) = c.split_once('=') else {
            eprintln!("error: `--cmd {c}` is not KEY=METHOD");
            return USAGE;
        };
        if !known_method(method) {
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
    let answer = match Batch::new().decode(status, &body) {
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
        let seen = b24_spec::with_method(
            method,
            Show {
                answer: &answer,
                key,
            },
        )
        .unwrap_or(Seen::Malformed);
        if seen > worst {
            worst = seen;
        }
    }
    match worst {
        Seen::Ok => 0,
        Seen::ErrorOrSkipped => PORTAL_ERROR,
        Seen::Malformed => PROBLEMS,
    }
}

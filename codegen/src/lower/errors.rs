//! Error codes: per-method lists and the shared system errors, each code and Rust variant
//! once per enum.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Lowerer;
use super::meta::note;
use super::naming::{RESERVED_VARIANTS, camel, is_identifier, is_keyword};
use crate::ir;
use crate::model;

/// Spec class names and the runtime `ErrorClass` variants they mean.
const CLASSES: &[(&str, &str)] = &[
    ("retry_later", "RetryLater"),
    ("refresh_token", "RefreshToken"),
    ("reauthorize", "Reauthorize"),
    ("fix_request", "FixRequest"),
    ("give_up", "GiveUp"),
];

/// The class a status suggests when the spec names none (the runtime's `ErrorClass::for_status`
/// applies the same rule to codes the spec does not list).
fn class_for_status(status: u16) -> &'static str {
    match status {
        429 | 500..=599 => "RetryLater",
        401 => "Reauthorize",
        400..=499 => "FixRequest",
        _ => "GiveUp",
    }
}

/// Error codes and variant names already used in one enum.
#[derive(Default)]
pub(super) struct Seen {
    codes: BTreeSet<String>,
    variants: BTreeMap<String, String>,
}

impl Lowerer {
    pub(super) fn errors(
        &mut self,
        file: &Path,
        errors: &[model::ErrorCode],
    ) -> Vec<ir::ErrorCode> {
        let mut codes = Seen::default();
        errors
            .iter()
            .filter_map(|e| self.error_code(file, e, &mut codes))
            .collect()
    }

    pub(super) fn error_code(
        &mut self,
        file: &Path,
        e: &model::ErrorCode,
        seen: &mut Seen,
    ) -> Option<ir::ErrorCode> {
        let code = e.code.value.clone();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.err(file, &e.code, format!("`{code}` is not an error code"))
                .hint("codes are made of Latin letters, digits and underscores");
            return None;
        }
        if !seen.codes.insert(code.clone()) {
            self.err(
                file,
                &e.code,
                format!("error code `{code}` is listed twice"),
            )
            .hint("remove the duplicate");
            return None;
        }
        if !(100..=599).contains(&e.status.value) {
            self.err(
                file,
                &e.status,
                format!("`{}` is not an HTTP status", e.status.value),
            )
            .hint("use the status the documentation gives, e.g. 400");
        }
        let message = self.text(file, &e.message, &format!("error `{code}` message"));
        let meaning = self.text(file, &e.meaning, &format!("error `{code}` meaning"));
        let (variant, at) = match &e.rust_name {
            Some(r) => (r.value.clone(), r),
            None => (camel(&code), &e.code),
        };
        if !is_identifier(&variant)
            || is_keyword(&variant)
            || RESERVED_VARIANTS.contains(&variant.as_str())
        {
            self.err(
                file,
                at,
                format!("`{code}` gives the Rust variant `{variant}`, which is not usable"),
            )
            .hint("add `rust_name:` with an UpperCamelCase name");
            return None;
        }
        if let Some(other) = seen.variants.insert(variant.clone(), code.clone()) {
            self.err(
                file,
                at,
                format!("`{code}` and `{other}` both become the Rust variant `{variant}`"),
            )
            .hint("add `rust_name:` to one of them");
            return None;
        }
        let class = match &e.class {
            None => class_for_status(e.status.value),
            Some(c) => match CLASSES.iter().find(|(name, _)| *name == c.value) {
                Some((_, variant)) => variant,
                None => {
                    let names: Vec<&str> = CLASSES.iter().map(|(n, _)| *n).collect();
                    self.err(file, c, format!("`{}` is not an error class", c.value))
                        .hint(format!("use one of: {}", names.join(", ")));
                    return None;
                }
            },
        };
        if let Some(r) = &e.retry_after {
            if class != "RetryLater" {
                self.err(
                    file,
                    r,
                    format!("`retry_after` only applies to `class: retry_later`, not to `{code}`"),
                )
                .hint("remove it, or set `class: retry_later`");
            }
        }
        Some(ir::ErrorCode {
            class,
            retry_after: e.retry_after.as_ref().map(|r| r.value),
            code,
            variant,
            status: e.status.value,
            message,
            meaning,
            note: note(e.note.as_ref()),
            differs: self.differences(file, &e.differs_from_docs),
        })
    }
}

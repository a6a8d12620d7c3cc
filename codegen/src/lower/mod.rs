//! Spec model → IR, checking while lowering (as typify's `convert` does): every rule of the
//! spec format is checked where the value is turned into IR, and lowering keeps going after a
//! problem so one run reports everything.
//!
//! - [`naming`]: wire names to Rust names, reserved names, the names derived from a method.
//! - [`method`]: the whole spec, one method at a time.
//! - [`params`]: parameters and one-of groups.
//! - [`types`]: type references, inline objects and open enums.
//! - [`enums`]: open enums.
//! - [`errors`]: error codes.
//! - [`meta`]: texts, revisions and recorded doc differences.

mod enums;
mod errors;
mod meta;
mod method;
pub(crate) mod naming;
mod params;
mod types;

use std::collections::BTreeMap;
use std::path::Path;

use crate::yaml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir;
use crate::load::{LoadedSpec, position};

/// Checks a loaded spec and lowers it to IR.
pub(crate) fn lower(spec: LoadedSpec) -> Result<ir::Api, Diagnostics> {
    let mut lowerer = Lowerer::default();
    let api = lowerer.api(&spec);
    if lowerer.problems.is_empty() {
        Ok(api)
    } else {
        Err(Diagnostics::new(lowerer.problems, spec.sources))
    }
}

/// State shared while lowering one spec: problems found so far and what `shared/` defines.
#[derive(Default)]
struct Lowerer {
    problems: Vec<Diagnostic>,
    /// Shared object name → Rust struct name.
    shared: BTreeMap<String, String>,
    /// Revision counters by name.
    counters: BTreeMap<String, ir::Counter>,
    /// The official page paths of the method being lowered (what `page: en` names).
    pages: Option<ir::Text>,
    /// (language, page path) → the method whose page it is.
    page_owners: BTreeMap<(&'static str, String), String>,
}

/// Lets a hint be added to the problem just reported.
struct Reported<'a>(&'a mut Vec<Diagnostic>);

impl Reported<'_> {
    fn hint(self, hint: impl Into<String>) {
        if let Some(last) = self.0.last_mut() {
            last.set_hint(hint.into());
        }
    }
}

impl Lowerer {
    /// Reports a problem at a spec value.
    fn err<T>(&mut self, file: &Path, at: &Spanned<T>, message: String) -> Reported<'_> {
        let (line, column, span) = position(at);
        self.problems
            .push(Diagnostic::new(file, line, column, message).with_span(span));
        Reported(&mut self.problems)
    }
}

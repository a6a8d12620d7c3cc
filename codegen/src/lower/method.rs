//! The whole spec: shared files first (objects, counters, system errors), then each method.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Lowerer;
use super::errors::Seen;
use super::meta::{self, note};
use super::naming::method_names;
use super::types::{Scope, Shape};
use crate::builtin::Builtin;
use crate::ir;
use crate::load::LoadedSpec;
use crate::model;

impl Lowerer {
    /// Lowers every file; problems are collected in `self`.
    pub(super) fn api(&mut self, spec: &LoadedSpec) -> ir::Api {
        self.shared_names(spec);
        let mut system_errors = Vec::new();
        let mut codes = Seen::default();
        for (file, shared) in &spec.shared {
            self.counters(file, &shared.revision_counters);
            for error in &shared.system_errors {
                system_errors.extend(self.error_code(file, error, &mut codes));
            }
        }
        let (objects, enums) = self.shared_types(spec);
        let mut methods = Vec::new();
        let mut seen_methods = BTreeSet::new();
        let mut seen_modules: BTreeMap<Vec<String>, String> = BTreeMap::new();
        for (file, m) in &spec.methods {
            if !seen_methods.insert(m.method.value.clone()) {
                self.err(
                    file,
                    &m.method,
                    format!("method `{}` is defined twice", m.method.value),
                )
                .hint("keep one file per method");
                continue;
            }
            let method = self.method(file, m);
            self.pages = None;
            let Some(method) = method else {
                continue;
            };
            if let Some(other) = seen_modules.insert(method.module.clone(), method.name.clone()) {
                self.err(
                    file,
                    &m.method,
                    format!(
                        "method `{}` maps to the same Rust module `{}` as `{other}`",
                        method.name,
                        method.module.join("::")
                    ),
                )
                .hint("rename one of the methods");
                continue;
            }
            methods.push(method);
        }
        methods.sort_by(|a, b| a.name.cmp(&b.name));
        ir::Api {
            methods,
            objects,
            enums,
            system_errors,
        }
    }

    /// Shared object names, known before any field refers to one.
    fn shared_names(&mut self, spec: &LoadedSpec) {
        for (file, shared) in &spec.shared {
            for object in &shared.objects {
                let name = &object.name.value;
                if self.shared.contains_key(name) {
                    self.err(
                        file,
                        &object.name,
                        format!("shared object `{name}` is defined twice"),
                    )
                    .hint("keep one definition");
                } else if Builtin::parse(name).is_some() {
                    self.err(
                        file,
                        &object.name,
                        format!("shared object `{name}` shadows a builtin type"),
                    )
                    .hint("pick another name");
                } else {
                    self.shared
                        .insert(name.clone(), object.struct_name.value.clone());
                }
            }
        }
    }

    /// The structs and open enums of `common`, each sorted by name.
    fn shared_types(&mut self, spec: &LoadedSpec) -> (Vec<ir::Struct>, Vec<ir::OpenEnum>) {
        let mut scope = Scope::shared();
        for (file, shared) in &spec.shared {
            for object in &shared.objects {
                self.text(file, &object.description, "shared object");
                self.structure(
                    file,
                    &object.struct_name,
                    Some(&object.description),
                    &object.fields,
                    &mut scope,
                );
            }
        }
        let mut structs = scope.structs;
        structs.sort_by(|a, b| a.name.cmp(&b.name));
        let mut enums = scope.enums;
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        (structs, enums)
    }

    fn method(&mut self, file: &Path, m: &model::MethodFile) -> Option<ir::Method> {
        let name = m.method.value.clone();
        let names = match method_names(&name) {
            Ok(names) => names,
            Err((message, hint)) => {
                self.err(file, &m.method, message).hint(hint);
                return None;
            }
        };
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem != name {
            self.err(
                file,
                &m.method,
                format!("file name `{stem}` does not match method `{name}`"),
            )
            .hint(format!("rename the file to `{name}.yaml`"));
        }
        if m.scope.value.trim().is_empty() {
            self.err(file, &m.scope, "scope is empty".to_string())
                .hint("write the OAuth scope, e.g. `imopenlines`");
        }
        let title = match &m.title {
            Some(t) => self.text(file, t, "`title`"),
            None => {
                self.err(file, &m.method, format!("method `{name}` has no `title`"))
                    .hint("add `title: {en: …, ru: …}`: the heading of its docs pages");
                meta::text_or_empty(None)
            }
        };
        let pages = self.pages(file, &name, m);
        self.pages = Some(pages.clone());
        let result_description = match &m.result.description {
            Some(t) => self.text(file, t, "the result's `description`"),
            None => {
                self.err(
                    file,
                    &m.result.ty,
                    "the result has no `description`".to_string(),
                )
                .hint("add `description: {en: …, ru: …}` under `result:` (the docs pages show it)");
                meta::text_or_empty(None)
            }
        };
        let access = self.text(file, &m.access, "`access`");
        let description = self.text(file, &m.description, "`description`");

        let mut scope = Scope::default();
        scope.names.insert(names.marker.clone());
        scope.names.insert(names.error.clone());
        let (params, shape) = self.params(file, m, &names, &mut scope);
        let result = self.resolve(
            file,
            &Shape::of_type(&m.result),
            Some(&names.result),
            &mut scope,
        );
        let errors = self.errors(file, &m.errors);
        Some(ir::Method {
            name,
            module: names.module,
            marker: names.marker,
            scope: m.scope.value.trim().to_string(),
            title,
            pages,
            safe_to_repeat: m.safe_to_repeat.as_ref().is_some_and(|s| s.value),
            result_description,
            access,
            description,
            notes: m.notes.iter().filter_map(|n| note(Some(n))).collect(),
            params,
            shape: shape?,
            result: result?,
            result_differs: self.differences(file, &m.result.differs_from_docs),
            structs: scope.structs,
            enums: scope.enums,
            errors,
            error_enum: names.error,
        })
    }
}

//! Request parameters and one-of groups: the params struct, or a selector enum when the method
//! takes exactly one of several parameters and nothing else.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Lowerer;
use super::meta::note;
use super::naming::{MethodNames, camel, is_identifier, is_keyword, is_type_name, snake};
use super::types::{Scope, Shape};
use crate::diagnostic::did_you_mean;
use crate::ir;
use crate::model;

impl Lowerer {
    /// The parameters in spec order and how they are shaped (`None` shape: a problem was
    /// reported).
    pub(super) fn params(
        &mut self,
        file: &Path,
        m: &model::MethodFile,
        names: &MethodNames,
        scope: &mut Scope,
    ) -> (Vec<ir::Param>, Option<ir::Params>) {
        // Group fields and plain parameters share the params struct's field names.
        let mut rust_seen = BTreeMap::new();
        let mut groups = self.groups(file, &m.one_of, &mut rust_seen, scope);
        let mut params = Vec::new();
        let mut wire_seen = BTreeSet::new();
        for p in &m.params {
            let wire = p.name.value.clone();
            if !wire_seen.insert(wire.clone()) {
                self.err(file, &p.name, format!("parameter `{wire}` is listed twice"))
                    .hint("remove the duplicate");
                continue;
            }
            if let Some(param) = self.param(file, p, &groups, &mut rust_seen, scope) {
                params.push(param);
            }
        }
        for group in &groups {
            let Some(spec) = m.one_of.iter().find(|g| g.name.value == group.group) else {
                continue;
            };
            let members = params
                .iter()
                .filter(|p| p.one_of.as_deref() == Some(group.group.as_str()))
                .count();
            if members < 2 {
                self.err(
                    file,
                    &spec.name,
                    format!("one-of group `{}` has {members} member(s)", group.group),
                )
                .hint("a one-of group needs at least two parameters");
            }
        }
        let only_a_selector = groups.len() == 1 && params.iter().all(|p| p.one_of.is_some());
        let shape = match groups.pop() {
            Some(group) if only_a_selector => ir::Params::Selector(group),
            last => {
                groups.extend(last);
                if !scope.names.insert(names.params.clone()) {
                    // A one-of enum already took the name; report against the method.
                    self.err(
                        file,
                        &m.method,
                        format!("type name `{}` is used twice", names.params),
                    )
                    .hint("rename the one-of group's `rust_name`");
                }
                ir::Params::Struct {
                    name: names.params.clone(),
                    groups,
                }
            }
        };
        (params, Some(shape))
    }

    /// The one-of groups, in spec order, without duplicates.
    fn groups(
        &mut self,
        file: &Path,
        list: &[model::OneOf],
        rust_seen: &mut BTreeMap<String, String>,
        scope: &mut Scope,
    ) -> Vec<ir::OneOf> {
        let mut groups: Vec<ir::OneOf> = Vec::new();
        for g in list {
            let key = g.name.value.clone();
            if groups.iter().any(|x| x.group == key) {
                self.err(
                    file,
                    &g.name,
                    format!("one-of group `{key}` is defined twice"),
                )
                .hint("give each group its own name");
                continue;
            }
            let enum_name = g.rust_name.value.clone();
            if !is_type_name(&enum_name) {
                self.err(
                    file,
                    &g.rust_name,
                    format!("`{enum_name}` is not a usable Rust type name"),
                )
                .hint("use UpperCamelCase, e.g. `DialogGetParams`");
            } else if !scope.names.insert(enum_name.clone()) {
                self.err(
                    file,
                    &g.rust_name,
                    format!("type name `{enum_name}` is already used in this method"),
                )
                .hint("pick another `rust_name`");
            }
            let description = self.text(file, &g.description, "one-of group");
            let field = snake(&key);
            if !is_identifier(&field) || is_keyword(&field) {
                self.err(
                    file,
                    &g.name,
                    format!(
                        "one-of group `{key}` gives the field name `{field}`, which is not usable"
                    ),
                )
                .hint("rename the group: its name becomes the params struct's field");
                continue;
            }
            if let Some(other) = rust_seen.insert(field.clone(), key.clone()) {
                self.err(
                    file,
                    &g.name,
                    format!(
                        "one-of group `{key}` and `{other}` both become the Rust field `{field}`"
                    ),
                )
                .hint("rename the group or give the parameter a `rust_name`");
                continue;
            }
            groups.push(ir::OneOf {
                field,
                group: key,
                name: enum_name,
                description,
            });
        }
        groups
    }

    fn param(
        &mut self,
        file: &Path,
        p: &model::Param,
        groups: &[ir::OneOf],
        rust_seen: &mut BTreeMap<String, String>,
        scope: &mut Scope,
    ) -> Option<ir::Param> {
        let wire = p.name.value.clone();
        let description = self.text(file, &p.description, &format!("parameter `{wire}`"));
        // One-of members are enum variants, not fields: their names are checked as such.
        let (rust, variant) = if p.one_of.is_some() {
            (Some(snake(&wire)), self.variant_name(file, p))
        } else {
            let rust = self.rust_field_name(file, &p.name, p.rust_name.as_ref(), rust_seen);
            (rust, Some(camel(&wire)))
        };
        let ty = self.resolve(file, &Shape::of_param(p), None, scope);
        if let (Some(group), Some(req)) = (&p.one_of, &p.required) {
            if req.value {
                self.err(
                    file,
                    req,
                    format!(
                        "parameter `{wire}` is in one-of group `{}` and cannot be required",
                        group.value
                    ),
                )
                .hint(
                    "remove `required: true`; the group itself makes exactly one member mandatory",
                );
            }
        }
        if let Some(group) = &p.one_of {
            if !groups.iter().any(|g| g.group == group.value) {
                let known = groups.iter().map(|g| g.group.as_str());
                let hint = match did_you_mean(&group.value, known) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "define it under `one_of:`".to_string(),
                };
                self.err(
                    file,
                    group,
                    format!("one-of group `{}` is not defined", group.value),
                )
                .hint(hint);
                return None;
            }
        }
        let strip_imol_prefix = self.strip_imol(file, p);
        let yes_no = self.yes_no(file, p);
        Some(ir::Param {
            variant: variant?,
            rust: rust?,
            spec_type: p.ty.value.clone(),
            ty: ty?,
            required: p.required.as_ref().is_some_and(|r| r.value),
            one_of: p.one_of.as_ref().map(|g| g.value.clone()),
            since: self.since(file, p.since.as_ref()),
            strip_imol_prefix,
            yes_no,
            examples: p.examples.iter().map(|e| e.to_string()).collect(),
            description,
            note: note(p.note.as_ref()),
            differs: self.differences(file, &p.differs_from_docs),
            wire,
        })
    }

    /// The variant name of a one-of member: from `rust_name` (snake case) or the wire name.
    fn variant_name(&mut self, file: &Path, p: &model::Param) -> Option<String> {
        let (from, at) = match &p.rust_name {
            Some(r) => (r.value.as_str(), r),
            None => (p.name.value.as_str(), &p.name),
        };
        let variant = camel(from);
        if is_identifier(&variant) && !is_keyword(&variant) {
            return Some(variant);
        }
        self.err(
            file,
            at,
            format!(
                "`{}` gives the Rust variant name `{variant}`, which is not usable",
                p.name.value
            ),
        )
        .hint("add `rust_name:` with a snake_case name that starts with a letter");
        None
    }

    /// `send_as_yes_no`, allowed on `boolean` parameters only.
    fn yes_no(&mut self, file: &Path, p: &model::Param) -> bool {
        match &p.send_as_yes_no {
            Some(flag) if flag.value && p.ty.value != "boolean" => {
                self.err(
                    file,
                    flag,
                    format!(
                        "`send_as_yes_no` applies to `boolean`, not `{}`",
                        p.ty.value
                    ),
                )
                .hint("make the parameter `type: boolean`, or remove `send_as_yes_no`");
                false
            }
            Some(flag) => flag.value,
            None => false,
        }
    }

    /// `send_without_imol_prefix`, allowed on `user_code` parameters only.
    fn strip_imol(&mut self, file: &Path, p: &model::Param) -> bool {
        match &p.send_without_imol_prefix {
            Some(flag) if flag.value && p.ty.value != "user_code" => {
                self.err(
                    file,
                    flag,
                    format!(
                        "`send_without_imol_prefix` applies to `user_code`, not `{}`",
                        p.ty.value
                    ),
                )
                .hint("remove it");
                false
            }
            Some(flag) => flag.value,
            None => false,
        }
    }
}

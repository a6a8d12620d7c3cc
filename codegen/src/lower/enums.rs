//! Open enums (`type: enum`): known names, old wire forms, and anything else kept as sent.

use std::collections::BTreeSet;
use std::path::Path;

use super::naming::{RESERVED_VARIANTS, camel, is_identifier};
use super::types::{Scope, Shape};
use super::{Lowerer, meta};
use crate::ir;

impl Lowerer {
    /// Registers the open enum of a `type: enum` shape and returns its Rust name.
    pub(super) fn open_enum(
        &mut self,
        file: &Path,
        shape: &Shape<'_>,
        scope: &mut Scope,
    ) -> Option<String> {
        let (Some(name), Some(values)) = (shape.enum_name, shape.values) else {
            self.err(
                file,
                shape.ty,
                "`type: enum` needs `enum: RustName` and `values`".to_string(),
            )
            .hint("e.g. `enum: BackgroundId` and `values: [azure, mint]`");
            return None;
        };
        let rust = self.claim_type_name(file, name, scope, "enum", "BackgroundId")?;
        let mut known = Vec::new();
        let mut variants = BTreeSet::new();
        for v in values {
            let variant = camel(&v.value);
            if v.value.is_empty()
                || !is_identifier(&variant)
                || RESERVED_VARIANTS.contains(&variant.as_str())
            {
                self.err(
                    file,
                    v,
                    format!("`{}` does not give a usable variant name", v.value),
                )
                .hint("enum values must start with a letter");
                continue;
            }
            if !variants.insert(variant.clone()) {
                self.err(
                    file,
                    v,
                    format!(
                        "value `{}` is listed twice (or maps to the same variant `{variant}`)",
                        v.value
                    ),
                )
                .hint("remove the duplicate");
                continue;
            }
            known.push((v.value.clone(), variant));
        }
        let mut legacy = Vec::new();
        for l in shape.legacy {
            let means = match &l.means {
                None => None,
                Some(m) => match known.iter().find(|(wire, _)| *wire == m.value) {
                    Some((_, variant)) => Some(variant.clone()),
                    None => {
                        self.err(
                            file,
                            m,
                            format!("`{}` is not one of this enum's values", m.value),
                        )
                        .hint("`means` names a value listed under `values`");
                        continue;
                    }
                },
            };
            if known.iter().any(|(wire, _)| *wire == l.value.value)
                || legacy.iter().any(|(w, _)| *w == l.value.value)
            {
                self.err(
                    file,
                    &l.value,
                    format!("`{}` is listed twice", l.value.value),
                )
                .hint("remove the duplicate");
                continue;
            }
            legacy.push((l.value.value.clone(), means));
        }
        let description = shape
            .description
            .map(meta::text)
            .unwrap_or_else(|| ir::Text {
                en: format!("`{rust}` values."),
                ru: format!("Значения `{rust}`."),
            });
        scope.enums.push(ir::OpenEnum {
            name: rust.clone(),
            description,
            values: known,
            legacy,
        });
        Some(rust)
    }
}

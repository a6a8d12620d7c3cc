//! Doc-comment text built from the spec's descriptions.

use crate::ir;

/// Module docs for a method: what it does, who may call it, and the spec's notes.
pub fn method(m: &ir::Method) -> String {
    let mut doc = format!(
        "`{}` — {}\n\nScope: `{}`. Who may call it: {}",
        m.name,
        m.description.en,
        m.scope,
        lower_first(&m.access.en)
    );
    if !m.notes.is_empty() {
        doc.push_str("\n\n# Spec notes\n");
        for note in &m.notes {
            doc.push_str("\n- ");
            doc.push_str(note);
        }
    }
    doc
}

/// Field docs: the description plus what the wire may send.
pub fn field(f: &ir::Field) -> String {
    let mut doc = f.description.en.clone();
    doc.push_str(&format!("\n\nWire name `{}`", f.wire));
    if let Some(accepts) = accepts(&f.ty) {
        doc.push_str("; ");
        doc.push_str(accepts);
    }
    doc.push('.');
    if !f.required {
        doc.push_str(" `None` when the portal did not send it (older portals omit it).");
    }
    if let Some(since) = f.since {
        doc.push_str(&format!(" Since API revision {since}."));
    }
    if let Some(note) = &f.note {
        doc.push_str("\n\nNote: ");
        doc.push_str(note);
    }
    doc
}

/// Parameter docs.
pub fn param(p: &ir::Param) -> String {
    let mut doc = p.description.en.clone();
    doc.push_str(&format!("\n\nSent as `{}`", p.wire));
    if let Some(example) = p.examples.first() {
        doc.push_str(&format!(", e.g. `{example}`"));
    }
    doc.push('.');
    if let Some(since) = p.since {
        doc.push_str(&format!(" Since API revision {since}."));
    }
    if let Some(note) = &p.note {
        doc.push_str("\n\nNote: ");
        doc.push_str(note);
    }
    doc
}

/// Error variant docs.
pub fn error(e: &ir::ErrorCode) -> String {
    let mut doc = format!(
        "`{}` (documented HTTP {}): {}\n\nPortal message: \"{}\"",
        e.code, e.status, e.meaning.en, e.message.en
    );
    if let Some(note) = &e.note {
        doc.push_str("\n\nNote: ");
        doc.push_str(note);
    }
    doc
}

/// What the decoder accepts beyond the plain JSON type, for the docs of a field.
fn accepts(ty: &ir::Ty) -> Option<&'static str> {
    match ty {
        ir::Ty::Id | ir::Ty::Integer | ir::Ty::Number => {
            Some("accepts a JSON number or a numeric string")
        }
        ir::Ty::Boolean => Some("accepts `true`/`false` or `\"Y\"`/`\"N\"`"),
        ir::Ty::DateTime => Some("RFC 3339 with offset"),
        ir::Ty::Local(_) | ir::Ty::Shared(_) => {
            Some("an empty array `[]` (PHP's empty object) reads as an empty object")
        }
        ir::Ty::Nullable(inner) => match accepts(inner) {
            Some(_) => Some("may be `null`; otherwise as documented on the type"),
            None => Some("may be `null`"),
        },
        ir::Ty::Array(inner) => match **inner {
            ir::Ty::Id | ir::Ty::Integer => Some("elements accept a number or a numeric string"),
            _ => None,
        },
        _ => None,
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

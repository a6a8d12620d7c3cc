//! Doc-comment text built from the spec's descriptions.

use crate::builtin::Scalar;
use crate::ir;

/// Module docs for a method: what it does, who may call it, and the spec's notes.
pub(super) fn method(m: &ir::Method) -> String {
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

/// Field docs, one paragraph: the description, the wire name where it differs from the
/// field's, what the wire may send, and why it may be missing.
pub(super) fn field(f: &ir::Field) -> String {
    let mut doc = f.description.en.clone();
    let mut sentence = |text: &str| {
        if !doc.is_empty() {
            doc.push(' ');
        }
        doc.push_str(text);
    };
    if f.wire != f.rust {
        sentence(&format!("Wire name `{}`.", f.wire));
    }
    if let Some(accepts) = accepts(&f.ty) {
        sentence(&format!("{}.", upper_first(accepts)));
    }
    match &f.ty {
        ir::Ty::Nullable(_) => sentence("`Some(None)` is an explicit `null`."),
        ir::Ty::EmptyIsNone(_) => sentence("`Some(None)` is `\"\"`, the server's \"none\"."),
        _ => {}
    }
    if f.required {
        sentence("Always sent.");
    } else if let Some(absent) = &f.absent {
        sentence(&format!("Optional: {}", absent.en));
    } else if f.since.is_none() {
        sentence("Optional.");
    }
    if let Some(s) = &f.since {
        sentence(&since_text(s));
        if !f.required {
            sentence("Older portals leave it out.");
        }
    }
    push_note(&mut doc, f.note.as_deref());
    push_differences(&mut doc, &f.differs);
    doc
}

/// Parameter docs.
pub(super) fn param(p: &ir::Param) -> String {
    let mut doc = p.description.en.clone();
    doc.push_str(&format!("\n\nSent as `{}`", p.wire));
    if let Some(example) = p.examples.first() {
        doc.push_str(&format!(", e.g. `{example}`"));
    }
    doc.push('.');
    if p.strip_imol_prefix {
        doc.push_str(
            " An `imol|` prefix is removed before sending: this method does not strip it itself.",
        );
    }
    if p.yes_no {
        doc.push_str(" `true` is sent as `\"Y\"`, `false` as `\"N\"`.");
    }
    push_since(&mut doc, p.since.as_ref());
    push_note(&mut doc, p.note.as_deref());
    push_differences(&mut doc, &p.differs);
    doc
}

/// Error variant docs.
pub(super) fn error(e: &ir::ErrorCode) -> String {
    let mut doc = format!(
        "`{}` (documented HTTP {}): {}\n\nPortal message: \"{}\"",
        e.code, e.status, e.meaning.en, e.message.en
    );
    push_note(&mut doc, e.note.as_deref());
    push_differences(&mut doc, &e.differs);
    doc
}

/// "Since revision 2 of `imopenlines.rest` …", naming the counter and where it comes from.
pub(super) fn since_text(s: &ir::Since) -> String {
    format!(
        "Since revision {} of `{}` (the `{}` key of `{}`); source: {}.",
        s.revision, s.counter.name, s.counter.key, s.counter.read_with, s.source
    )
}

fn push_since(doc: &mut String, since: Option<&ir::Since>) {
    if let Some(s) = since {
        doc.push(' ');
        doc.push_str(&since_text(s));
    }
}

fn push_note(doc: &mut String, note: Option<&str>) {
    if let Some(note) = note {
        doc.push_str("\n\nNote: ");
        doc.push_str(note);
    }
}

/// One line per recorded page-vs-server difference.
fn push_differences(doc: &mut String, differs: &[ir::Difference]) {
    for d in differs {
        doc.push_str(&format!(
            "\n\nThe docs differ: `{}` says {}; the server {} (source: {}).",
            d.page, d.docs, d.server, d.source
        ));
    }
}

/// What the decoder accepts beyond the plain JSON type, for the docs of a field.
fn accepts(ty: &ir::Ty) -> Option<&'static str> {
    match ty {
        ir::Ty::Scalar(s) => s.accepts(),
        ir::Ty::Local(_) | ir::Ty::Shared(_) => {
            Some("an empty array `[]` (PHP's empty object) reads as an empty object")
        }
        ir::Ty::Enum(_) => Some("any string: unknown names are kept as sent"),
        ir::Ty::EmptyIsNone(inner) => match accepts(inner) {
            Some(_) => Some("may be `\"\"`; otherwise as documented on the type"),
            None => Some("may be `\"\"`"),
        },
        ir::Ty::Nullable(inner) => match accepts(inner) {
            Some(_) => Some("may be `null`; otherwise as documented on the type"),
            None => Some("may be `null`"),
        },
        ir::Ty::Array(inner) => match **inner {
            ir::Ty::Scalar(Scalar::Id | Scalar::Integer | Scalar::Number) => {
                Some("elements accept a number or a numeric string")
            }
            _ => None,
        },
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

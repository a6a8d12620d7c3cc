//! The static registry: snapshot of what tools see, and lookups.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use b24_spec::imopenlines::dialog_get::DialogGet;
use b24_spec::{Method, find_method, methods};

/// A plain-text rendering of the registry, one line per fact, for the snapshot.
fn render() -> String {
    let mut out = String::new();
    for m in methods() {
        out.push_str(&format!("{} (scope {})\n", m.name, m.scope));
        for p in m.params {
            out.push_str(&format!(
                "  param {} : {}{}{}{}\n",
                p.wire_name,
                p.spec_type,
                if p.required { ", required" } else { "" },
                p.one_of
                    .map(|g| format!(", one of `{g}`"))
                    .unwrap_or_default(),
                p.since
                    .map(|s| format!(", since {} {} ({})", s.counter, s.revision, s.source))
                    .unwrap_or_default(),
            ));
        }
        for e in m.errors {
            out.push_str(&format!("  error {} ({})\n", e.code, e.status));
        }
        for d in m.differences {
            out.push_str(&format!(
                "  differs at {}: {} says {}; server {} [{}]\n",
                d.at, d.page, d.docs, d.server, d.source
            ));
        }
    }
    out.push_str("system errors\n");
    for e in b24_spec::SYSTEM_ERRORS {
        out.push_str(&format!("  error {} ({})\n", e.code, e.status));
    }
    out
}

#[test]
fn registry_snapshot() {
    insta::assert_snapshot!(render());
}

#[test]
fn lookup_by_name_matches_the_trait() {
    let d = find_method("imopenlines.dialog.get").unwrap();
    assert!(std::ptr::eq(d, DialogGet::descriptor()));
    assert_eq!(DialogGet::NAME, d.name);
    assert!(find_method("imopenlines.nope").is_none());
    let names: Vec<&str> = methods().iter().map(|m| m.name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
}

#[test]
fn access_denied_keeps_both_meanings() {
    let open = find_method("imopenlines.session.open").unwrap();
    let meanings: Vec<u16> = open
        .error_meanings("ACCESS_DENIED")
        .map(|e| e.status)
        .collect();
    assert_eq!(meanings, vec![400, 403]);
}

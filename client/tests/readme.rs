//! The workspace README's "Calling a portal: b24-client" example is this crate's README
//! example (run as a doctest of this crate, where b24-client is in scope), word for word.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

/// The first ```` ```rust ```` block after `after`, without the fence lines.
fn rust_block<'a>(text: &'a str, after: &str) -> &'a str {
    let from = text.find(after).unwrap_or_else(|| panic!("no `{after}`"));
    let rest = &text[from..];
    let start = rest.find("```rust").unwrap();
    let body = &rest[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    &body[..body.find("\n```").unwrap()]
}

#[test]
fn the_workspace_readme_shows_the_doctested_example() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let root = std::fs::read_to_string(format!("{dir}/../README.md")).unwrap();
    let own = std::fs::read_to_string(format!("{dir}/README.md")).unwrap();
    assert_eq!(
        rust_block(&root, "## Calling a portal: b24-client"),
        rust_block(&own, "# b24-client")
    );
}

//! The docs team's tool, `b24-spec-docs` (`cargo spec …`): it never compiles the spec, so a
//! broken spec gets its located problems and exit 1; drift on a messy docs tree counts what it
//! cannot read instead of failing; docs into a checkout touches only the spec's pages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{root, scratch};

const BIN: &str = env!("CARGO_BIN_EXE_b24-spec-docs");
const SESSIONS: &str = "api-reference/imopenlines/openlines/sessions";

/// Runs the tool; returns the exit code, stdout and stderr.
fn run(args: &[&str]) -> (i32, String, String) {
    common::output(Command::new(BIN).args(args).current_dir(root()))
}

fn official(lang: &str, page: &str) -> String {
    let path = root().join(format!(
        "tests/fixtures/official-pages/{lang}/{SESSIONS}/{page}"
    ));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn check_on_a_broken_spec_exits_1_with_only_the_located_problem() {
    let (code, stdout, stderr) = run(&["check", "tests/fixtures/bad-specs/unknown-type"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.is_empty(), "nothing but the problems: {stderr}");
    assert!(
        stdout.contains("methods/imopenlines.dialog.get.yaml:")
            && stdout.contains("unknown type `idd`"),
        "{stdout}"
    );
    assert!(stdout.contains("1 problem(s)"), "{stdout}");
    // docs and drift refuse a broken spec the same way, writing nothing.
    let out = scratch("broken");
    let (code, stdout, _) = run(&[
        "docs",
        "--out",
        out.to_str().unwrap(),
        "--spec",
        "tests/fixtures/bad-specs/unknown-type",
    ]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    let (code, stdout, _) = run(&[
        "drift",
        "tests/fixtures/official-pages",
        "--spec",
        "tests/fixtures/bad-specs/unknown-type",
    ]);
    assert_eq!(code, 1, "{stdout}");
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn check_on_the_repository_spec_passes() {
    let (code, stdout, stderr) = run(&["check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("spec: ok"), "{stdout}");
}

#[test]
fn wrong_arguments_exit_2() {
    let (code, _, stderr) = run(&["drift"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = run(&["docs", "--out", "x", "--lang", "de"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn docs_into_a_checkout_replaces_only_the_spec_pages() {
    let checkout = scratch("checkout");
    let sessions = checkout.join(SESSIONS);
    std::fs::create_dir_all(&sessions).unwrap();
    // The official pages of the spec's methods and of another method.
    let other = sessions.join("imopenlines-session-elsewhere.md");
    std::fs::write(&other, "# Not ours imopenlines.session.elsewhere\n").unwrap();
    let dialog = sessions.join("imopenlines-dialog-get.md");
    std::fs::write(&dialog, official("ru", "imopenlines-dialog-get.md")).unwrap();
    let (code, stdout, stderr) =
        run(&["docs", "--lang", "ru", "--out", checkout.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let n = common::spec().methods().count();
    assert!(stdout.contains(&format!("{n} pages in")), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "# Not ours imopenlines.session.elsewhere\n",
        "another method's page is never touched"
    );
    let written = std::fs::read_to_string(&dialog).unwrap();
    assert!(written.starts_with("# Получить диалог открытой линии imopenlines.dialog.get"));
    assert!(
        checkout
            .join("api-reference/imopenlines/openlines/imopenlines-revision-get.md")
            .is_file()
    );
    // The same pages as committed under docs/ru/.
    let committed = root()
        .join("docs/ru")
        .join(SESSIONS)
        .join("imopenlines-dialog-get.md");
    assert_eq!(written, std::fs::read_to_string(committed).unwrap());
    let _ = std::fs::remove_dir_all(&checkout);
}

#[test]
fn committed_docs_are_up_to_date() {
    let (code, stdout, _) = run(&["docs", "--out", "docs", "--check"]);
    assert_eq!(code, 0, "{stdout}\nrun `cargo spec docs --out docs`");
}

/// A docs tree with everything a real checkout may hold besides clean pages.
fn messy_tree() -> PathBuf {
    let tree = scratch("messy");
    let sessions = tree.join(SESSIONS);
    std::fs::create_dir_all(&sessions).unwrap();
    for page in ["imopenlines-dialog-get.md", "imopenlines-session-open.md"] {
        std::fs::write(sessions.join(page), official("en", page)).unwrap();
    }
    // A second page of one of the spec's methods, elsewhere.
    std::fs::create_dir_all(tree.join("outdated")).unwrap();
    std::fs::write(
        tree.join("outdated/imopenlines-dialog-get.md"),
        official("en", "imopenlines-dialog-get.md"),
    )
    .unwrap();
    // Another method's page with a table nobody can read, a page without a H1, text that is
    // not UTF-8, an empty page.
    let crm = tree.join("api-reference/crm");
    std::fs::create_dir_all(&crm).unwrap();
    std::fs::write(
        crm.join("crm-item-get.md"),
        "# Get crm.item.get\n\n## Parameters\n\n#|\n|| x\n",
    )
    .unwrap();
    std::fs::write(crm.join("index.md"), "Just text, no title.\n").unwrap();
    std::fs::write(crm.join("latin1.md"), b"# Caf\xe9 crm.cafe.get\n").unwrap();
    std::fs::write(crm.join("empty.md"), "").unwrap();
    // A symlink loop and a dangling link.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&tree, crm.join("loop")).unwrap();
        std::os::unix::fs::symlink(tree.join("nowhere.md"), crm.join("dangling.md")).unwrap();
    }
    tree
}

#[test]
fn drift_on_a_messy_tree_counts_what_it_does_not_compare() {
    let tree = messy_tree();
    let at = tree.to_str().unwrap();
    let (code, stdout, stderr) = run(&["drift", at]);
    assert_eq!(
        code, 0,
        "nothing outside the spec fails drift:\n{stdout}{stderr}"
    );
    let stdout = stdout.replace(at, "TREE");
    // Only notes and the summary: nothing per page outside the spec.
    for line in stdout.lines() {
        assert!(
            line.contains(": note: recorded in the spec: ") || line.contains("page(s) read"),
            "{line}"
        );
    }
    let summary = stdout.lines().last().unwrap();
    assert!(summary.contains("2 compared"), "{summary}");
    assert!(
        summary.contains("2 other method page(s) (1 with tables"),
        "{summary}"
    );
    assert!(summary.contains("1 duplicate(s)"), "{summary}");
    #[cfg(unix)]
    assert!(
        summary.contains("3 file(s) with read problems"),
        "{summary}"
    );
    let (code, verbose, _) = run(&["drift", at, "--verbose"]);
    assert_eq!(code, 0);
    let verbose = verbose.replace(at, "TREE");
    assert!(
        verbose
            .contains("TREE/outdated/imopenlines-dialog-get.md:0: not compared (duplicate page)"),
        "{verbose}"
    );
    assert!(
        verbose.contains(
            "TREE/api-reference/crm/crm-item-get.md:5: not compared (another method's table)"
        ),
        "{verbose}"
    );
    assert!(
        verbose.contains("TREE/api-reference/crm/latin1.md:0: read with a problem: not UTF-8"),
        "{verbose}"
    );
    #[cfg(unix)]
    {
        assert!(verbose.contains("a symlink loop?"), "{verbose}");
        assert!(
            verbose
                .contains("TREE/api-reference/crm/dangling.md:0: read with a problem: cannot read"),
            "{verbose}"
        );
    }
    assert!(
        verbose.contains("no en page of `imopenlines.revision.get`"),
        "{verbose}"
    );
    let _ = std::fs::remove_dir_all(&tree);
}

#[test]
fn drift_on_a_missing_folder_exits_1() {
    let (code, _, stderr) = run(&["drift", "no/such/folder"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot read no/such/folder"), "{stderr}");
}

#[test]
fn drift_finds_an_unrecorded_difference_on_a_real_layout() {
    let tree = scratch("changed");
    let sessions = tree.join(SESSIONS);
    std::fs::create_dir_all(&sessions).unwrap();
    let page = official("ru", "imopenlines-session-open.md").replace(
        "|| **USER_CODE***\n[`string`]",
        "|| **USER_CODE***\n[`integer`]",
    );
    std::fs::write(sessions.join("imopenlines-session-open.md"), page).unwrap();
    let (code, stdout, _) = run(&["drift", tree.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("parameter `USER_CODE`: the page says `integer`, the spec `string`"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&tree);
}

#[test]
fn generate_writes_the_formatted_code_of_the_areas_asked_for() {
    let (code, stdout, stderr) = run(&["generate", "--areas", "imconnector"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("// @generated"));
    assert!(
        stdout.contains("pub mod imconnector {\n"),
        "formatted, one item per line"
    );
    assert!(!stdout.contains("pub mod imopenlines"));
    // An area the spec does not have is a located problem, not an empty file.
    let (code, stdout, _) = run(&["generate", "--areas", "crm"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("no methods start with `crm`"), "{stdout}");
}

//! `termlint diff OLD NEW`: contracts paired by id, clauses by schema path, findings
//! by what they are about, across folders and git revisions.

mod common;

use std::path::Path;
use std::process::Command;

use common::{bundled_contract as bundled, harbor_amended, termlint};

const TODAY: &str = "2026-11-29";

/// A copy of the bundled contracts as `old/`, and as `new/` with the Harbor quote
/// amended, Acme's file renamed, and Sakura's blocks reordered.
fn two_versions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts")).unwrap()
    {
        // The contracts themselves; the quotes of `contracts/quotes/` play no part.
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().into_string().unwrap();
        let text = bundled(&name);
        std::fs::write(old.join(&name), &text).unwrap();
        let (name, text) = match name.as_str() {
            "harbor-travel-quote.terms" => (name.clone(), harbor_amended()),
            "acme-order-desk.terms" => ("acme-order-desk-renewed-2027.terms".to_string(), text),
            _ => (name.clone(), text),
        };
        std::fs::write(new.join(name), text).unwrap();
    }
    dir
}

fn diff_in(dir: &Path, extra: &[&str]) -> common::Run {
    let (old, new) = (dir.join("old"), dir.join("new"));
    let mut args = vec![
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    termlint(&args)
}

fn shown(run: &common::Run, dir: &Path) -> String {
    format!("exit {}\n{}{}", run.code, run.stdout, run.stderr).replace(dir.to_str().unwrap(), "DIR")
}

#[test]
fn an_amendment_a_rename_and_nothing_else_in_human_form() {
    let dir = two_versions();
    let run = diff_in(dir.path(), &[]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("human", shown(&run, dir.path()));
}

#[test]
fn the_markdown_fits_a_pull_request_comment() {
    let dir = two_versions();
    let run = diff_in(dir.path(), &["--format", "markdown"]);
    insta::assert_snapshot!("markdown", shown(&run, dir.path()));
}

#[test]
fn the_amendment_reads_in_japanese_in_both_forms() {
    let dir = two_versions();
    let run = diff_in(dir.path(), &["--lang", "ja"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("human_ja", shown(&run, dir.path()));
    let run = diff_in(dir.path(), &["--lang", "ja", "--format", "markdown"]);
    insta::assert_snapshot!("markdown_ja", shown(&run, dir.path()));
}

#[test]
fn json_lists_every_change_and_the_unchanged_count() {
    let dir = two_versions();
    let run = diff_in(dir.path(), &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["unchanged"], 39);
    let harbor = value["contracts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "harbor-travel-quote-2026-11")
        .unwrap();
    assert_eq!(harbor["status"], "changed");
    assert_eq!(harbor["introduced"].as_array().unwrap().len(), 1);
    assert_eq!(harbor["resolved"].as_array().unwrap().len(), 2);
    assert_eq!(
        harbor["clauses"][2],
        serde_json::json!({"path": "pricing.overage", "old": "tbd", "new": "250 JPY / call"})
    );
}

#[test]
fn fail_on_new_fails_only_on_what_the_change_introduced() {
    let dir = two_versions();
    assert_eq!(diff_in(dir.path(), &["--fail-on-new", "error"]).code, 1);
    // Old against old: many findings, none new.
    let old = dir.path().join("old");
    let same = termlint(&[
        "diff",
        old.to_str().unwrap(),
        old.to_str().unwrap(),
        "--fail-on-new",
        "info",
    ]);
    assert_eq!(same.code, 0, "{}", same.stdout);
    assert!(
        same.stdout
            .contains("0 contracts changed; findings: 0 introduced, 0 resolved"),
        "{}",
        same.stdout
    );
}

#[test]
fn a_reordered_reformatted_contract_is_unchanged() {
    let dir = two_versions();
    let new = dir.path().join("new/sakura-tsuhan.terms");
    let text = std::fs::read_to_string(&new).unwrap();
    // Every line indented twice as deep, and a comment added.
    let messy: String = text
        .lines()
        .map(|l| format!("{}{}\n", " ".repeat(l.len() - l.trim_start().len()), l))
        .collect();
    std::fs::write(&new, format!("// reviewed\n{messy}")).unwrap();
    let run = diff_in(dir.path(), &[]);
    assert!(
        run.stdout.contains("DIR/new/sakura-tsuhan.terms [sakura-tsuhan-2026] (moved or reformatted, nothing that counts changed)")
            || shown(&run, dir.path()).contains("DIR/new/sakura-tsuhan.terms [sakura-tsuhan-2026] (moved or reformatted, nothing that counts changed)"),
        "{}",
        shown(&run, dir.path())
    );
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn binary(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(dir)
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap())
        .env("LANG", "C")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn two_revisions_of_a_repository_are_compared_without_a_checkout() {
    let repo = tempfile::tempdir().unwrap();
    let contracts = repo.path().join("contracts");
    std::fs::create_dir_all(&contracts).unwrap();
    std::fs::write(
        contracts.join("harbor.terms"),
        bundled("harbor-travel-quote.terms"),
    )
    .unwrap();
    std::fs::write(repo.path().join("notes.terms"), "not a contract {").unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-qm", "first quote"]);
    std::fs::write(contracts.join("harbor.terms"), harbor_amended()).unwrap();
    git(repo.path(), &["commit", "-qam", "second quote"]);
    // An edit not committed: the revisions are read, not the work tree.
    std::fs::write(contracts.join("harbor.terms"), "broken {").unwrap();

    let (code, stdout, stderr) = binary(
        repo.path(),
        &[
            "diff",
            "HEAD~1",
            "HEAD",
            "--today",
            TODAY,
            "--",
            "contracts/",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("git", stdout);
    assert_eq!(
        std::fs::read_to_string(contracts.join("harbor.terms")).unwrap(),
        "broken {"
    );
}

#[test]
fn outside_a_repository_a_revision_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = binary(dir.path(), &["diff", "main", "HEAD"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    insta::assert_snapshot!("not_a_repository", stderr);
}

#[test]
fn a_waiver_moved_closer_to_its_expiry_is_pointed_out() {
    let dir = two_versions();
    let citrus = dir.path().join("new/citrus-help-desk.terms");
    let text = std::fs::read_to_string(&citrus).unwrap();
    assert!(text.contains("expires     2027-09-30"));
    std::fs::write(
        &citrus,
        text.replace("expires     2027-09-30", "expires     2026-12-20"),
    )
    .unwrap();
    let run = diff_in(dir.path(), &[]);
    let out = shown(&run, dir.path());
    assert!(
        out.contains(
            "DIR/new/citrus-help-desk.terms [citrus-help-desk-2026] (changed)\n  terms:\n    ~ waiver[long-lock-in].expires: 2027-09-30 → 2026-12-20\n  waiver long-lock-in expires 2026-12-20, in 21 days: extend it or fix the finding\n"
        ),
        "{out}"
    );
}

/// A quote whose call-over rate is cut from 250 to 160 JPY: at its forecast of 4,000
/// calls on a plan of 3,500, the month's bill falls by 500 × 90 = 45,000 JPY.
#[test]
fn a_price_change_states_what_it_does_to_the_monthly_cost() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    let quote = bundled("quotes/bayside-fixed-plan.terms");
    std::fs::write(old.join("bayside.terms"), &quote).unwrap();
    let cheaper = quote.replace("overage     250 JPY / call", "overage     160 JPY / call");
    assert_ne!(cheaper, quote);
    std::fs::write(new.join("bayside.terms"), cheaper).unwrap();
    let run = diff_in(dir.path(), &[]);
    assert!(
        run.stdout
            .contains("  monthly cost at the forecast: 725,000 JPY → 680,000 JPY (-45,000 JPY)\n"),
        "{}",
        run.stdout
    );
    let ja = diff_in(dir.path(), &["--lang", "ja"]);
    assert!(
        ja.stdout
            .contains("  想定件数での月額: 725,000円 → 680,000円（-45,000円）\n"),
        "{}",
        ja.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&diff_in(dir.path(), &["--format", "json"]).stdout).unwrap();
    assert_eq!(
        json["contracts"][0]["cost"],
        serde_json::json!({"currency": "JPY", "old": 725_000, "new": 680_000})
    );
}

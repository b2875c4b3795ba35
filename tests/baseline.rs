//! `check --write-baseline`, `--baseline` and `--prune-baseline`: findings are
//! matched by what they are about, so layout, order, comments and file names never
//! bring a baselined finding back, and a changed value does.

mod common;

use std::path::Path;

use common::termlint;

const TODAY: &str = "2026-11-29";

/// The bundled quote with the most findings, as the tests change it.
fn harbor() -> String {
    common::bundled_contract("harbor-travel-quote.terms")
}

fn check(folder: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["check", folder.to_str().unwrap(), "--today", TODAY];
    args.extend_from_slice(extra);
    termlint(&args)
}

/// A folder holding `text` as `name`, and the baseline of it written beside.
fn baselined(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let contracts = dir.path().join("contracts");
    std::fs::create_dir_all(contracts.join(Path::new(name).parent().unwrap())).unwrap();
    std::fs::write(contracts.join(name), text).unwrap();
    let baseline = dir.path().join("termlint-baseline.json");
    let run = check(
        &contracts,
        &["--write-baseline", baseline.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir, baseline)
}

/// Replaces the contract with `text` (as `name`) and checks against the baseline.
fn recheck(dir: &Path, baseline: &Path, name: &str, text: &str) -> common::Run {
    let contracts = dir.join("contracts");
    std::fs::remove_dir_all(&contracts).unwrap();
    std::fs::create_dir_all(contracts.join(Path::new(name).parent().unwrap())).unwrap();
    std::fs::write(contracts.join(name), text).unwrap();
    check(&contracts, &["--baseline", baseline.to_str().unwrap()])
}

fn shown(run: &common::Run, dir: &Path) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    )
    .replace(dir.to_str().unwrap(), "DIR")
}

/// Every line indented four spaces a level instead of two, alignment padding
/// collapsed, `/` written without spaces: what an author in a hurry writes.
fn reformatted(text: &str) -> String {
    text.lines()
        .map(|line| {
            let body = line.trim_start();
            let indent = (line.len() - body.len()) * 2;
            let mut collapsed = String::new();
            let mut in_string = false;
            let mut last_space = false;
            for c in body.chars() {
                if c == '"' {
                    in_string = !in_string;
                }
                if c == ' ' && !in_string {
                    if !last_space {
                        collapsed.push(' ');
                    }
                    last_space = true;
                } else {
                    collapsed.push(c);
                    last_space = false;
                }
            }
            format!("{}{}", " ".repeat(indent), collapsed.replace(" / ", "/"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `data` block moved to the top of the contract, the `service` block last.
fn reordered(text: &str) -> String {
    let cut = |text: &str, from: &str| -> (String, String) {
        let start = text.find(from).unwrap();
        let end = start + text[start..].find("\n  }\n").unwrap() + "\n  }\n".len();
        (
            format!("{}{}", &text[..start], &text[end..]),
            text[start..end].to_string(),
        )
    };
    let (rest, data) = cut(text, "  data {");
    let (rest, service) = cut(&rest, "  service inbound");
    let rest = rest.replacen("  status quote\n", &format!("  status quote\n\n{data}"), 1);
    let end = rest.rfind("}\n").unwrap();
    format!("{}\n{service}{}", &rest[..end], &rest[end..])
}

/// Comments added on lines of their own and after values.
fn commented(text: &str) -> String {
    text.replace(
        "  pricing {\n",
        "  // reviewed by procurement, 2026-12\n  pricing {  // v1 of the quote\n",
    )
    .replace(
        "    recording     yes\n",
        "    // calls are kept for training\n    recording     yes  // 90 days\n",
    )
}

#[test]
fn a_baseline_written_again_without_changes_is_byte_identical_and_sorted() {
    let (dir, baseline) = baselined("harbor.terms", &harbor());
    let first = std::fs::read_to_string(&baseline).unwrap();
    let contracts = dir.path().join("contracts");
    let again = check(
        &contracts,
        &["--write-baseline", baseline.to_str().unwrap()],
    );
    assert_eq!(again.code, 0);
    assert_eq!(std::fs::read_to_string(&baseline).unwrap(), first);
    insta::assert_snapshot!("baseline_file", first);
}

#[test]
fn layout_order_comments_and_file_names_never_bring_a_baselined_finding_back() {
    let text = harbor();
    let (dir, baseline) = baselined("harbor.terms", &text);
    for (what, name, changed) in [
        ("reformatted", "harbor.terms", reformatted(&text)),
        ("blocks reordered", "harbor.terms", reordered(&text)),
        (
            "moved to another file",
            "quotes/2026/seagull.terms",
            text.clone(),
        ),
        ("commented", "harbor.terms", commented(&text)),
    ] {
        assert!(
            changed != text || name != "harbor.terms",
            "{what}: the variant must differ"
        );
        let run = recheck(dir.path(), &baseline, name, &changed);
        assert_eq!(
            run.stdout.lines().last(),
            Some("1 file checked: 1 contract, 0 errors, 0 warnings, 0 infos"),
            "{what}: {}",
            shown(&run, dir.path())
        );
        assert_eq!(run.code, 0, "{what}");
        assert!(
            shown(&run, dir.path()).ends_with(
                "--- stderr\n12 findings matched the baseline DIR/termlint-baseline.json and are not shown\n"
            ),
            "{what}: {}",
            shown(&run, dir.path())
        );
    }
}

#[test]
fn an_amendment_shows_only_what_it_introduced_and_names_what_it_fixed() {
    let text = harbor();
    let (dir, baseline) = baselined("harbor.terms", &text);
    let amended = common::harbor_amended();
    let run = recheck(dir.path(), &baseline, "harbor.terms", &amended);
    insta::assert_snapshot!("amendment", shown(&run, dir.path()));
    let pruned = check(
        &dir.path().join("contracts"),
        &["--baseline", baseline.to_str().unwrap(), "--prune-baseline"],
    );
    assert!(
        pruned
            .stderr
            .contains("removed 2 baseline entries that no longer occur"),
        "{}",
        pruned.stderr
    );
    let after = check(
        &dir.path().join("contracts"),
        &["--baseline", baseline.to_str().unwrap()],
    );
    assert!(!after.stderr.contains("fixed:"), "{}", after.stderr);
}

#[test]
fn a_changed_value_is_a_new_finding() {
    let text = harbor();
    let (dir, baseline) = baselined("harbor.terms", &text);
    // The same open charge under another name: a different clause.
    let changed = text.replace("\"GDS booking tool licence\" tbd", "\"GDS licence\" tbd");
    let run = recheck(dir.path(), &baseline, "harbor.terms", &changed);
    insta::assert_snapshot!("changed_value", shown(&run, dir.path()));
}

#[test]
fn sarif_and_github_against_a_baseline_carry_only_new_findings() {
    let text = harbor();
    let (dir, baseline) = baselined("harbor.terms", &text);
    let amended = text.replace(
        "holiday_premium tbd",
        "holiday_premium 25%\n    night_premium   tbd",
    );
    recheck(dir.path(), &baseline, "harbor.terms", &amended);
    let contracts = dir.path().join("contracts");
    let b = baseline.to_str().unwrap();
    let sarif = check(&contracts, &["--baseline", b, "--format", "sarif"]);
    let value: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = value["runs"][0]["results"].as_array().unwrap();
    let got: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["baselineState"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let github = check(&contracts, &["--baseline", b, "--format", "github"]);
    insta::assert_snapshot!(
        "new_only",
        format!(
            "{got:?}\n{}",
            github.stdout.replace(dir.path().to_str().unwrap(), "DIR")
        )
    );
    // Without a baseline, SARIF says nothing about one.
    let plain = check(&contracts, &["--format", "sarif"]);
    assert!(!plain.stdout.contains("baselineState"));
}

#[test]
fn a_baseline_that_is_not_one_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("b.json");
    std::fs::write(&bad, "{\"version\": 1, \"findings\": [{\"rule\": 3}]}").unwrap();
    let run = termlint(&["check", "contracts/", "--baseline", bad.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(
        "not_a_baseline",
        run.stderr.replace(dir.path().to_str().unwrap(), "DIR")
    );
    let missing = termlint(&["check", "contracts/", "--baseline", "no-such-baseline.json"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains(
            "help: write one with `termlint check --write-baseline no-such-baseline.json`"
        ),
        "{}",
        missing.stderr
    );
}

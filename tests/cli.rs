//! The command line as a user drives it: exit codes, which stream says what, stable
//! JSON, languages, and the `schema`, `explain` and unknown commands.
//!
//! Everything runs in-process through `termlint::cli::run`, from the package root
//! (cargo's working folder for integration tests), so `contracts/` and `tests/data/`
//! are relative paths as a user would type them.

mod common;

use std::path::Path;

use common::{termlint, termlint_in_locale, termlint_with_stdin, Run};

const TODAY: &str = "2026-11-29";

/// `termlint check` with a fixed date, English and no colour, then `extra`.
fn check(extra: &[&str]) -> Run {
    let mut args = vec![
        "check", "--today", TODAY, "--lang", "en", "--color", "never",
    ];
    args.extend_from_slice(extra);
    termlint(&args)
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn diagnostics(run: &Run) -> Vec<serde_json::Value> {
    json(run)["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn rules(run: &Run) -> Vec<String> {
    diagnostics(run)
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

/// (file, offset, rule) of every diagnostic, in output order.
fn sort_keys(run: &Run) -> Vec<(String, u64, String)> {
    diagnostics(run)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["span"]["offset"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn assert_sorted(run: &Run) {
    let keys = sort_keys(run);
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "diagnostics sorted by file, offset, rule");
}

// =====================================================================================
//  Exit codes and streams
// =====================================================================================

#[test]
fn a_clean_file_exits_0() {
    let run = check(&["tests/data/clean.terms"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "1 file checked: 1 contract, 0 errors, 0 warnings, 0 infos\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn warnings_pass_by_default_and_fail_with_fail_on_warning() {
    let run = check(&["tests/data/warning-only.terms"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .ends_with("1 file checked: 1 contract, 0 errors, 1 warning, 0 infos\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("TL007 unused-waiver"), "{}", run.stdout);

    let strict = check(&["--fail-on", "warning", "tests/data/warning-only.terms"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    let strictest = check(&["--fail-on", "info", "tests/data/warning-only.terms"]);
    assert_eq!(strictest.code, 1);
    // The output itself does not depend on --fail-on.
    assert_eq!(strict.stdout, run.stdout);
}

#[test]
fn an_error_finding_exits_1() {
    let run = check(&["tests/data/error.terms"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("TL102 unclear-overage"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("1 error, 0 warnings, 0 infos\n"));
    assert_eq!(run.stderr, "");
}

#[test]
fn an_error_finding_exits_1_in_json_too() {
    let run = check(&["--format", "json", "tests/data/error.terms"]);
    assert_eq!(run.code, 1);
    assert_eq!(rules(&run), ["TL102"]);
    // The summary line goes to stderr so stdout stays one JSON object.
    assert_eq!(
        run.stderr,
        "1 file checked: 1 contract, 1 error, 0 warnings, 0 infos\n"
    );
    assert_eq!(
        json(&run)["diagnostics"][0]["file"],
        "tests/data/error.terms"
    );
}

#[test]
fn a_missing_path_exits_2_with_a_message_on_stderr() {
    let run = check(&["tests/data/no-such-contract.terms"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "nothing is reported as checked");
    assert!(
        run.stderr
            .contains("tests/data/no-such-contract.terms: no such file or folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_path_among_good_ones_still_exits_2() {
    let run = check(&[
        "tests/data/clean.terms",
        "tests/data/no-such-contract.terms",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no-such-contract.terms"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rule_file_with_a_syntax_error_exits_2() {
    let run = check(&[
        "--rules",
        "tests/data/bad-syntax.rules",
        "tests/data/clean.terms",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "no contract is checked");
    assert!(
        run.stderr.contains("tests/data/bad-syntax.rules:2:13"),
        "points into the rule file: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("the rules did not load (1 error); nothing was checked\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_rule_file_exits_2() {
    let run = check(&[
        "--rules",
        "tests/data/no-such.rules",
        "tests/data/clean.terms",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("no-such.rules"), "{}", run.stderr);
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["check", "--format", "xml", "tests/data/clean.terms"][..],
        &["check", "--today", "2026-13-01", "tests/data/clean.terms"],
        &["check", "--fail-on", "never", "tests/data/clean.terms"],
        &["check", "--lang", "fr", "tests/data/clean.terms"],
        &["check", "--no-such-flag"],
    ] {
        let run = termlint(args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn an_unknown_subcommand_exits_2() {
    let run = termlint(&["lint", "contracts"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("unrecognized subcommand 'lint'"),
        "{}",
        run.stderr
    );
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let help = termlint(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("check"), "{}", help.stdout);
    assert_eq!(help.stderr, "");
    let version = termlint(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(
        version.stdout.starts_with("termlint "),
        "{}",
        version.stdout
    );
}

// =====================================================================================
//  JSON: byte-identical and sorted
// =====================================================================================

#[test]
fn json_is_byte_identical_across_runs_and_thread_counts() {
    let args = |jobs: &'static str| ["--format", "json", "--jobs", jobs, "contracts"];
    let first = check(&["--format", "json", "contracts"]);
    let second = check(&["--format", "json", "contracts"]);
    let one = check(&args("1"));
    let two = check(&args("2"));
    assert!(
        !diagnostics(&first).is_empty(),
        "the bundled contracts have findings"
    );
    assert_eq!(first.stdout, second.stdout, "two runs");
    assert_eq!(one.stdout, two.stdout, "--jobs 1 vs --jobs 2");
    assert_eq!(first.stdout, one.stdout, "default parallelism vs --jobs 1");
    assert_eq!(first.code, one.code);
    assert_eq!(first.stderr, two.stderr);
}

/// A folder of several batches (more than `check::BATCH` files, nested), so the
/// walk hands over entries in chunks while batches are checked and written in
/// turn: the output is still one valid, sorted JSON document, the same for every
/// thread count and format run.
#[test]
fn many_files_stream_the_same_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let contracts: Vec<(String, String)> = std::fs::read_dir("contracts")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "terms"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    let total = termlint::check::BATCH * 2 + 37;
    for i in 0..total {
        let folder = dir
            .path()
            .join(format!("group-{}", i % 7))
            .join(format!("{}", i % 3));
        std::fs::create_dir_all(&folder).unwrap();
        let (name, text) = &contracts[i % contracts.len()];
        std::fs::write(folder.join(format!("{i:04}-{name}")), text).unwrap();
    }
    let root = dir.path().to_str().unwrap();
    let runs: Vec<Run> = ["1", "2", "3"]
        .iter()
        .map(|jobs| check(&["--format", "json", "--jobs", jobs, root]))
        .collect();
    for run in &runs[1..] {
        assert_eq!(run.stdout, runs[0].stdout);
        assert_eq!(run.stderr, runs[0].stderr);
        assert_eq!(run.code, runs[0].code);
    }
    assert_eq!(json(&runs[0])["summary"]["files"], total);
    assert_sorted(&runs[0]);
    // Every copy of a contract with findings is reported, once per finding.
    let of_contracts = check(&["--format", "json", "contracts"]);
    let per_contract = |name: &str| {
        diagnostics(&of_contracts)
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(&format!("/{name}")))
            .count()
    };
    let expected: usize = (0..total)
        .map(|i| per_contract(&contracts[i % contracts.len()].0))
        .sum();
    assert!(expected > total, "the bundled contracts have findings");
    assert_eq!(diagnostics(&runs[0]).len(), expected);
    // The binary writes through the real stdout, a batch at a time with `writev`
    // (into a pipe here): the same bytes as in-process.
    let piped = std::process::Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(["check", "--format", "json", "--jobs", "2", root])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), runs[0].stdout);
    assert_eq!(piped.status.code(), Some(runs[0].code));
}

#[test]
fn json_diagnostics_are_sorted_by_file_offset_and_rule() {
    let run = check(&["--format", "json", "contracts"]);
    assert_sorted(&run);
    let files: Vec<String> = sort_keys(&run).into_iter().map(|k| k.0).collect();
    assert!(
        files.iter().all(|f| f.starts_with("contracts/")),
        "{files:?}"
    );
    let mut distinct = files.clone();
    distinct.dedup();
    assert!(
        distinct.len() > 1,
        "findings from several files: {distinct:?}"
    );
}

#[test]
fn json_ties_on_offset_are_ordered_by_rule() {
    // A plan with `included` but no `overage` and no `initial_fee`: TL102 and TL105
    // both point at `pricing`; several files, given in reverse order, come out sorted.
    let dir = tempfile::tempdir().unwrap();
    let text = "contract \"c\" {\n  pricing { included 100 calls / month }\n  titel \"x\"\n}\n";
    let good = "contract \"c\" {\n  pricing { included 100 calls / month }\n}\n";
    for name in ["b.terms", "a.terms", "c.terms"] {
        std::fs::write(
            dir.path().join(name),
            if name == "b.terms" { text } else { good },
        )
        .unwrap();
    }
    let path = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    let (a, b, c) = (path("a.terms"), path("b.terms"), path("c.terms"));
    let run = check(&["--format", "json", &c, &b, &a]);
    assert_sorted(&run);
    let at_pricing: Vec<String> = diagnostics(&run)
        .iter()
        .filter(|d| d["file"].as_str().unwrap().ends_with("a.terms") && d["span"]["line"] == 2)
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(at_pricing, ["TL102", "TL105"], "{}", run.stdout);
    let files: Vec<String> = sort_keys(&run).into_iter().map(|k| k.0).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert!(
        rules(&run).contains(&"TL002".to_string()),
        "the broken file is reported too"
    );
}

#[test]
fn json_keeps_relative_paths_relative() {
    let run = check(&["--format", "json", "tests/data/error.terms"]);
    assert_eq!(diagnostics(&run)[0]["file"], "tests/data/error.terms");
    let run = check(&["--format", "json", "./tests/data/error.terms"]);
    assert_eq!(diagnostics(&run)[0]["file"], "./tests/data/error.terms");
}

// =====================================================================================
//  Languages
// =====================================================================================

#[test]
fn lang_ja_gives_japanese_messages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.terms");
    std::fs::write(&path, "contract \"c\" {\n  pricing { modle per_call }\n}\n").unwrap();
    let path = path.to_str().unwrap();
    let run = termlint(&[
        "check",
        "--no-builtin",
        "--lang",
        "ja",
        "--format",
        "json",
        path,
    ]);
    let found = diagnostics(&run);
    assert_eq!(found[0]["rule"], "TL002");
    assert_eq!(
        found[0]["message"],
        "`pricing` に `modle` という項目はありません"
    );
    assert_eq!(found[0]["help"], "`model` の書き誤りではありませんか。");

    // A built-in rule speaks Japanese too, in the human format.
    let rule = termlint(&[
        "check",
        "--today",
        TODAY,
        "--lang",
        "ja",
        "--color",
        "never",
        "tests/data/error.terms",
    ]);
    assert_eq!(rule.code, 1);
    assert!(
        rule.stdout.contains("TL102 unclear-overage"),
        "{}",
        rule.stdout
    );
    let english = check(&["tests/data/error.terms"]);
    let message = |text: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with('×'))
            .unwrap_or_default()
            .to_string()
    };
    assert_ne!(message(&rule.stdout), message(&english.stdout));
    assert!(
        message(&rule.stdout)
            .chars()
            .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "kana in the message: {}",
        rule.stdout
    );
}

// =====================================================================================
//  schema, explain
// =====================================================================================

#[test]
fn schema_prints_every_field_with_its_description() {
    let run = termlint(&["schema", "--lang", "en"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!("schema_en", run.stdout);
}

#[test]
fn schema_of_one_field() {
    let run = termlint(&["schema", "pricing.overage", "--lang", "en"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!("schema_pricing_overage_en", run.stdout);
    let ja = termlint(&["schema", "pricing.overage", "--lang", "ja"]);
    assert_eq!(ja.code, 0);
    insta::assert_snapshot!("schema_pricing_overage_ja", ja.stdout);
    let section = termlint(&["schema", "kpi", "--lang", "en"]);
    assert_eq!(section.code, 0);
    insta::assert_snapshot!("schema_kpi_en", section.stdout);
}

#[test]
fn schema_of_an_unknown_field_exits_2() {
    let run = termlint(&["schema", "pricing.overcharge", "--lang", "en"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("`pricing.overcharge` is not a field of the schema"),
        "{}",
        run.stderr
    );
}

#[test]
fn explain_prints_the_rule_and_its_doc_sections() {
    let run = termlint(&["explain", "TL102"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("TL102 unclear-overage\n"),
        "{}",
        run.stdout
    );
    for section in ["## What it does", "## Why it matters", "## Example"] {
        assert!(run.stdout.contains(section), "{section}: {}", run.stdout);
    }
    assert!(run.stdout.contains("severity  error"), "{}", run.stdout);
    // By slug, the same text.
    let by_slug = termlint(&["explain", "unclear-overage"]);
    assert_eq!(by_slug.code, 0);
    assert_eq!(by_slug.stdout, run.stdout);
}

/// The `when` line `explain` prints is the condition as the rule file has it: read
/// back into a rule of its own (with the same `each`), it compiles to exactly the
/// condition of the built-in rule, for every rule of the catalogue.
#[test]
fn explain_prints_every_condition_so_that_it_reads_back_as_the_same_rule() {
    let catalogue = termlint::rules::load_source("none.rules", "", true).expect("catalogue");
    assert_eq!(catalogue.rules().len(), 53);
    // `place` numbers a path within its whole rule set, so it is not compared.
    let places = regex::Regex::new(r"place: Some\(\d+\)").unwrap();
    for rule in catalogue.rules() {
        let run = termlint(&["explain", &rule.id]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let field = |name: &str| {
            run.stdout
                .lines()
                .find_map(|l| l.strip_prefix(&format!("  {name:<10}")))
                .map(str::to_string)
        };
        let when = field("when").unwrap_or_else(|| panic!("{}: no when", rule.id));
        let each = field("each").map_or(String::new(), |e| format!("each {e}\n"));
        let text = format!(
            "rule TX900 read-back {{\nseverity info\n{each}when {when}\nmessage \"m\"\n}}\n"
        );
        let read_back = termlint::rules::load_source("read-back.rules", &text, false)
            .unwrap_or_else(|e| panic!("{}: `{when}` does not load: {e:?}", rule.id));
        let shape =
            |ir: &termlint::rules::ir::Ir| places.replace_all(&format!("{ir:?}"), "").into_owned();
        assert_eq!(
            shape(&read_back.rules()[0].when),
            shape(&rule.when),
            "{}: `{when}` reads back as another condition",
            rule.id
        );
    }
}

/// `explain` cites what a reader can look up: every rule names public sources, and
/// none points at the project's internal notes.
#[test]
fn explain_cites_public_sources_only() {
    let catalogue = termlint::rules::load_source("none.rules", "", true).expect("catalogue");
    for rule in catalogue.rules() {
        let run = termlint(&["explain", &rule.id]);
        let text = run.stdout.to_lowercase();
        for internal in ["seed", "shared/"] {
            assert!(
                !text.contains(internal),
                "{}: {internal}\n{}",
                rule.id,
                run.stdout
            );
        }
        let sources = run.stdout.split("## Source").nth(1).unwrap_or("");
        assert!(
            sources.lines().any(|l| l.starts_with("- ")),
            "{}: no source listed\n{}",
            rule.id,
            run.stdout
        );
    }
}

#[test]
fn explain_an_unknown_rule_exits_2() {
    let run = termlint(&["explain", "TL999"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("TL999"), "{}", run.stderr);
}

// =====================================================================================
//  Walking folders
// =====================================================================================

/// A folder with a dangling link and a link loop between good and bad files: both
/// links are reported, and every real file is still checked.
#[cfg(unix)]
#[test]
fn a_walk_reports_unreadable_entries_and_goes_on() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::write(
        root.join("a-typo.terms"),
        "contract \"a\" {\n  titel \"x\"\n}\n",
    )
    .unwrap();
    symlink(root.join("gone.terms"), root.join("b-dangling.terms")).unwrap();
    symlink(root, root.join("sub").join("loop")).unwrap();
    std::fs::write(
        root.join("sub").join("z-typo.terms"),
        "contract \"z\" {\n  clinet \"x\"\n}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("y-clean.terms"),
        "contract \"y\" {\n  title \"y\"\n}\n",
    )
    .unwrap();
    let root_str = root.to_str().unwrap();

    let run = check(&["--no-builtin", "--format", "json", root_str]);
    assert_eq!(run.code, 1);
    let found = diagnostics(&run);
    let in_file = |suffix: &str| -> Vec<String> {
        found
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(suffix))
            .map(|d| {
                format!(
                    "{} {}",
                    d["rule"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        in_file("/a-typo.terms"),
        ["TL002 `titel` is not a field of `contract`"]
    );
    assert_eq!(
        in_file("/sub/z-typo.terms"),
        ["TL002 `clinet` is not a field of `contract`"]
    );
    let dangling = in_file("/b-dangling.terms");
    assert_eq!(dangling.len(), 1, "{dangling:?}");
    assert!(
        dangling[0].starts_with("TL001 cannot read ") && dangling[0].contains("b-dangling.terms"),
        "{dangling:?}"
    );
    // A folder link looping back is no contract: a note on stderr, not a finding.
    assert!(in_file("/sub/loop").is_empty(), "{found:?}");
    assert!(run.stderr.contains("loops back"), "{}", run.stderr);
    let summary = &json(&run)["summary"];
    assert_eq!(summary["contracts"], 3, "a, y and z were all read");
    assert_eq!(summary["not_audited"], 2);

    // The human format reports them as well, and the run is not stopped.
    let human = check(&["--no-builtin", root_str]);
    assert_eq!(human.code, 1);
    assert_eq!(human.stdout.matches("cannot read ").count(), 1);
    assert!(human.stderr.contains("loops back"), "{}", human.stderr);
    assert!(
        human.stdout.contains("`clinet` is not a field"),
        "{}",
        human.stdout
    );
}

/// A link to a folder elsewhere is walked in place, under the link's name; two
/// links leading into each other are followed until the walk would enter a folder
/// it is already in, then reported once — never walked for ever.
#[cfg(unix)]
#[test]
fn a_walk_follows_folder_links_and_stops_at_cycles() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let (outside, root) = (dir.path().join("outside"), dir.path().join("root"));
    for folder in [&outside, &root.join("a"), &root.join("b")] {
        std::fs::create_dir_all(folder).unwrap();
    }
    std::fs::write(
        outside.join("far.terms"),
        "contract \"far\" {\n  titel \"x\"\n}\n",
    )
    .unwrap();
    symlink(&outside, root.join("linked")).unwrap();
    // a/to-b -> b and b/to-a -> a: root/a/to-b/to-a is `a` again.
    symlink(root.join("b"), root.join("a").join("to-b")).unwrap();
    symlink(root.join("a"), root.join("b").join("to-a")).unwrap();
    std::fs::write(
        root.join("b").join("in-b.terms"),
        "contract \"b\" {\n  clinet \"x\"\n}\n",
    )
    .unwrap();

    let run = check(&["--no-builtin", "--format", "json", root.to_str().unwrap()]);
    let files: Vec<String> = diagnostics(&run)
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            file.strip_prefix(root.to_str().unwrap())
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        files,
        ["/a/to-b/in-b.terms", "/b/in-b.terms", "/linked/far.terms"]
    );
    let loops: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("loops back"))
        .collect();
    assert_eq!(loops.len(), 2, "{}", run.stderr);
    assert!(
        loops[0].contains("a/to-b/to-a: a folder link that loops back to")
            && loops[0].ends_with("/a"),
        "{loops:?}"
    );
}

/// A path with no size (a device) is read only up to the size limit, so
/// `termlint check /dev/zero` ends with a finding instead of reading for ever.
#[cfg(unix)]
#[test]
fn a_file_without_a_size_is_read_only_up_to_the_limit() {
    let run = check(&["--no-builtin", "--max-file-size", "100", "/dev/zero"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("above the limit of 100 bytes"),
        "{}",
        run.stdout
    );
}

/// §5.1: sorted by file.  Unreadable entries are sorted after every readable file
/// today (`Entry::File` < `Entry::Unreadable`), so `b-dangling.terms` comes after
/// `c-typo.terms`.
#[cfg(unix)]
#[test]
fn json_is_sorted_by_file_with_unreadable_entries() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::os::unix::fs::symlink(root.join("gone.terms"), root.join("b-dangling.terms")).unwrap();
    for name in ["a-typo.terms", "c-typo.terms"] {
        std::fs::write(root.join(name), "contract \"a\" {\n  titel \"x\"\n}\n").unwrap();
    }
    let run = check(&["--no-builtin", "--format", "json", root.to_str().unwrap()]);
    assert_sorted(&run);
}

/// An unreadable file is reported without a source, so miette shows no file name:
/// the human report says "cannot read this file" but not which one.
#[cfg(unix)]
#[test]
fn the_human_report_names_an_unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::os::unix::fs::symlink(root.join("gone.terms"), root.join("dangling.terms")).unwrap();
    let run = check(&["--no-builtin", root.to_str().unwrap()]);
    assert!(run.stdout.contains("dangling.terms"), "{}", run.stdout);
}

/// The walk looks for `*.terms`; a dangling link named `notes.txt` is none of its
/// business, yet today it is a TL001 error that fails the run.
#[cfg(unix)]
#[test]
fn a_walk_ignores_broken_links_to_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::os::unix::fs::symlink(root.join("gone.txt"), root.join("notes.txt")).unwrap();
    std::fs::write(
        root.join("ok.terms"),
        "contract \"y\" {\n  title \"y\"\n}\n",
    )
    .unwrap();
    let run = check(&["--no-builtin", root.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn an_explicit_file_is_checked_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contract.txt");
    std::fs::write(&path, "contract \"c\" {\n  titel \"x\"\n}\n").unwrap();
    let run = check(&["--no-builtin", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(rules(&run), ["TL002"]);
    // A folder walk only picks up *.terms.
    let walk = check(&["--no-builtin", dir.path().to_str().unwrap()]);
    assert_eq!(walk.code, 0);
    assert!(
        walk.stdout.starts_with("0 files checked"),
        "{}",
        walk.stdout
    );
}

#[test]
fn data_files_exist() {
    for name in [
        "clean.terms",
        "warning-only.terms",
        "error.terms",
        "bad-syntax.rules",
    ] {
        assert!(Path::new("tests/data").join(name).is_file(), "{name}");
    }
}

// ---------------------------------------------------------------------------------
//  --select, --ignore, --exit-zero
// ---------------------------------------------------------------------------------

#[test]
fn select_a_category_and_ignore_a_rule_of_it() {
    let all = rules(&check(&["--format", "json", "contracts/"]));
    let pricing = check(&["--format", "json", "--select", "pricing", "contracts/"]);
    let pricing = rules(&pricing);
    assert!(pricing.contains(&"TL106".to_string()), "{pricing:?}");
    assert!(pricing.iter().all(|r| r.starts_with("TL1")), "{pricing:?}");
    let expected: Vec<&String> = all.iter().filter(|r| r.starts_with("TL1")).collect();
    assert_eq!(pricing.iter().collect::<Vec<_>>(), expected);

    // Comma-separated, by slug and id; the ignored rule's waiver is not "unused".
    let run = check(&[
        "--format",
        "json",
        "--select",
        "pricing,TL201",
        "--ignore",
        "steep-overage",
        "contracts/",
    ]);
    let found = rules(&run);
    assert!(!found.contains(&"TL106".to_string()), "{found:?}");
    assert!(!found.contains(&"TL007".to_string()), "{found:?}");
    assert!(found.contains(&"TL201".to_string()), "{found:?}");
}

#[test]
fn select_never_hides_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.terms");
    std::fs::write(&file, "contract \"x\" {\n  title \"t\"\n").unwrap();
    let run = check(&[
        "--format",
        "json",
        "--select",
        "TL106",
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(rules(&run), ["TL001"]);
}

#[test]
fn an_unknown_selector_exits_2_with_a_suggestion() {
    let run = check(&["--select", "pricng", "contracts/"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: `--select pricng` names no loaded rule or category\n  help: did you mean `pricing`?\n"
    );
    let run = check(&["--ignore", "TL001", "contracts/"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("TL001 is a document check"),
        "{}",
        run.stderr
    );
}

#[test]
fn exit_zero_passes_a_run_with_errors_but_not_a_failed_run() {
    assert_eq!(check(&["contracts/"]).code, 1);
    let run = check(&["--exit-zero", "contracts/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("error"),
        "the findings are still printed"
    );
    assert_eq!(check(&["--exit-zero", "no/such/folder"]).code, 2);
}

#[test]
fn completions_for_bash_zsh_and_fish_know_the_commands_and_options() {
    for shell in ["bash", "zsh", "fish"] {
        let run = termlint(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        // Fish names a long option `-l select`; bash and zsh write `--select`.
        let option = |name: &str| {
            if shell == "fish" {
                format!("-l {name}")
            } else {
                format!("--{name}")
            }
        };
        let words = [
            "check".to_string(),
            "explain".to_string(),
            option("select"),
            option("exit-zero"),
            option("format"),
            "sarif".to_string(),
        ];
        for word in words {
            assert!(run.stdout.contains(&word), "{shell}: no {word}");
        }
    }
    // bash's script registers itself for the command.
    assert!(termlint(&["completions", "bash"])
        .stdout
        .contains("complete -F _termlint"));
    let run = termlint(&["completions", "tcsh"]);
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .contains("[possible values: bash, elvish, fish, powershell, zsh]"));
}

// ---------------------------------------------------------------------------------
//  Standard input
// ---------------------------------------------------------------------------------

/// `cat x.terms | termlint check -` reports what checking the file does; with
/// `--stdin-filename` even the JSON is the same, byte for byte.
#[test]
fn a_contract_on_standard_input_is_checked_as_the_file_is() {
    let file = "contracts/harbor-travel-quote.terms";
    let text = std::fs::read(file).unwrap();
    let args = [
        "check", "--today", TODAY, "--lang", "en", "--format", "json",
    ];
    let from_file = termlint(&[&args[..], &[file]].concat());
    let piped = termlint_with_stdin(
        &[&args[..], &["--stdin-filename", file, "-"]].concat(),
        &text,
    );
    assert_eq!(piped.code, from_file.code);
    assert_eq!(from_file.code, 1, "the example has errors");
    assert_eq!(piped.stdout, from_file.stdout);
    assert_eq!(piped.stderr, from_file.stderr);

    // Without a name, the findings point at `-`.
    let human = termlint_with_stdin(&["check", "--today", TODAY, "--color", "never", "-"], &text);
    assert!(human.stdout.contains("╭─[-:"), "{}", human.stdout);
    assert!(
        human
            .stdout
            .ends_with("1 file checked: 1 contract, 4 errors, 6 warnings, 2 infos\n"),
        "{}",
        human.stdout
    );
}

#[test]
fn standard_input_is_not_mixed_with_paths() {
    let run = termlint_with_stdin(&["check", "-", "contracts/"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run
        .stderr
        .starts_with("error: `-` (standard input) cannot be mixed with other paths"));
}

// ---------------------------------------------------------------------------------
//  --statistics
// ---------------------------------------------------------------------------------

#[test]
fn statistics_count_each_rules_open_findings_most_first() {
    let run = check(&[
        "--select",
        "pricing",
        "--ignore",
        "TL106",
        "--statistics",
        "contracts/",
    ]);
    assert_eq!(run.code, 1, "the selected rules still find errors");
    assert_eq!(
        run.stdout,
        "3  TL104    undecided-charge                 error\n\
         2  TL108    open-ended-price-increase        info\n\
         2  TL110    forecast-exceeds-plan            warning\n\
         1  TL101    pure-outcome-fees                warning\n\
         1  TL107    outcome-fee-without-quality-kpi  warning\n\
         1  TL109    after-hours-premium-unstated     info\n\
         1  TL111    cost-per-call-outside-market     info\n\
         9 files checked: 10 contracts, 3 errors, 4 warnings, 4 infos\n"
    );

    // In JSON, the same counts as the findings themselves (waived ones left out).
    let stats = check(&["--statistics", "--format", "json", "contracts/"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&stats.stdout).unwrap();
    let findings = diagnostics(&check(&["--format", "json", "contracts/"]));
    for row in &rows {
        let open = findings
            .iter()
            .filter(|d| d["rule"] == row["rule"] && d["waived"] != true)
            .count();
        assert_eq!(row["count"], open, "{row}");
    }
    let total: u64 = rows.iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(
        total as usize,
        findings.iter().filter(|d| d["waived"] != true).count()
    );
}

// =====================================================================================
//  Japanese output
// =====================================================================================

/// A Japanese report: values and labels in Japanese, and lines broken between
/// phrases, never inside a word or before a character that may not start a line.
#[test]
fn a_japanese_report_reads_in_japanese_and_breaks_lines_between_phrases() {
    let run = termlint(&[
        "check",
        "--lang",
        "ja",
        "--color",
        "never",
        "--today",
        "2026-12-05",
        "contracts/northwind-telesales.terms",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("japanese_report_northwind", run.stdout);
    assert!(!run.stdout.contains("help:"));
    assert!(run.stdout.contains("  ヒント: "));
    for value in ["月8件", "6時間", "年55%"] {
        assert!(run.stdout.contains(value), "{value}");
    }
    // The text of wrapped lines: a message's after `  │ `, a help's after its indent.
    let continued = run.stdout.lines().filter_map(|l| {
        l.strip_prefix("  │ ")
            .or_else(|| l.strip_prefix("          "))
            .filter(|rest| !rest.starts_with(' '))
    });
    let mut seen = 0;
    for text in continued {
        let first = text.chars().next().unwrap();
        assert!(
            !('\u{3041}'..='\u{309F}').contains(&first) && !"、。）」ーッャュョ%".contains(first),
            "a line starts with `{first}`: {text}"
        );
        seen += 1;
    }
    assert!(seen > 10, "too few wrapped lines: {seen}");
    for word in ["情報セキュリティ", "スーパーバイザー", "オペレーター"] {
        for line in run.stdout.lines() {
            for cut in 1..word.chars().count() {
                let head: String = word.chars().take(cut).collect();
                assert!(
                    !line.ends_with(&head) || line.ends_with(word),
                    "`{word}` cut: {line}"
                );
            }
        }
    }
}

#[test]
fn explain_and_rules_speak_japanese_with_lang_or_a_japanese_locale() {
    let by_flag = termlint(&["explain", "TL303", "--lang", "ja"]);
    assert_eq!(by_flag.code, 0, "{}", by_flag.stderr);
    let head: String = by_flag
        .stdout
        .lines()
        .take(10)
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("explain_tl303_ja", head);
    let by_locale = termlint_in_locale(termlint::lang::Lang::Ja, &["explain", "TL303"]);
    assert_eq!(by_locale.stdout, by_flag.stdout);
    // `--lang en` wins over the locale.
    let english = termlint_in_locale(
        termlint::lang::Lang::Ja,
        &["explain", "TL303", "--lang", "en"],
    );
    assert!(
        english.stdout.contains("  severity  warning\n"),
        "{}",
        english.stdout
    );

    let rules = termlint_in_locale(termlint::lang::Lang::Ja, &["rules"]);
    assert!(
        rules
            .stdout
            .starts_with("TL101    pure-outcome-fees                    警告     料金 (pricing)\n"),
        "{}",
        rules.stdout
    );
    assert!(
        rules.stdout.ends_with("53 件のルール\n"),
        "{}",
        rules.stdout
    );
    let json = termlint(&["rules", "--format", "json", "--lang", "ja"]);
    let listed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(
        listed[0]["message"].as_str().unwrap().contains("成果報酬"),
        "{}",
        listed[0]
    );
}

/// `--help` lists the values an option takes, for every option with a closed set.
#[test]
fn help_lists_the_accepted_values() {
    let check = termlint(&["check", "--help"]).stdout;
    for values in [
        "[possible values: info, warning, error]",
        "[possible values: en, ja]",
        "[possible values: human, json, sarif, github, html]",
        "[possible values: auto, always, never]",
    ] {
        let flat = check.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(values), "{values}\n{check}");
    }
    for command in ["explain", "rules", "schema"] {
        let help = termlint(&[command, "--help"]).stdout;
        let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("[possible values: en, ja]"),
            "{command}\n{help}"
        );
    }
}

// =====================================================================================
//  Walk filters and termlint.toml
// =====================================================================================

/// A folder of three contracts: one listed in its `.gitignore`, one in `old/`.
fn folder_with_ignored_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let contract = |id: &str| {
        format!(
            "contract \"{id}\" {{\n  pricing {{ model per_call; per_call 300 JPY / call }}\n}}\n"
        )
    };
    std::fs::create_dir(dir.path().join("old")).unwrap();
    std::fs::write(dir.path().join("kept.terms"), contract("kept")).unwrap();
    std::fs::write(dir.path().join("scratch.terms"), contract("scratch")).unwrap();
    std::fs::write(dir.path().join("old/2019.terms"), contract("old")).unwrap();
    std::fs::write(dir.path().join(".gitignore"), "scratch.terms\n").unwrap();
    dir
}

fn checked_files(run: &Run) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut files: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["file"]
                .as_str()
                .unwrap()
                .rsplit(['/', '\\'])
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    files.dedup();
    files
}

#[test]
fn a_walk_respects_gitignore_and_exclude_but_checks_a_file_given() {
    let dir = folder_with_ignored_files();
    let root = dir.path().to_str().unwrap();
    let all = termlint(&["check", "--format", "json", "--today", "2026-12-05", root]);
    assert_eq!(
        checked_files(&all),
        ["kept.terms", "2019.terms"],
        "{}",
        all.stderr
    );
    let excluded = termlint(&[
        "check",
        "--format",
        "json",
        "--today",
        "2026-12-05",
        "--exclude",
        "old/",
        root,
    ]);
    assert_eq!(checked_files(&excluded), ["kept.terms"]);
    assert!(
        excluded.stderr.contains("1 file checked"),
        "{}",
        excluded.stderr
    );
    // A file named on the command line is checked, ignored or not.
    let scratch = dir.path().join("scratch.terms");
    let given = termlint(&[
        "check",
        "--format",
        "json",
        "--today",
        "2026-12-05",
        scratch.to_str().unwrap(),
    ]);
    assert_eq!(checked_files(&given), ["scratch.terms"]);
    let bad = termlint(&["check", "--exclude", "[unclosed", root]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("`[unclosed` is not a glob"),
        "{}",
        bad.stderr
    );
}

#[test]
fn termlint_toml_gives_the_check_defaults_and_the_command_line_wins() {
    let dir = folder_with_ignored_files();
    let root = dir.path().to_str().unwrap();
    let config = dir.path().join("termlint.toml");
    std::fs::write(
        &config,
        "[check]\nexclude = [\"old/\"]\nselect = [\"kpi\"]\nfail-on = \"warning\"\nformat = \"json\"\nlang = \"ja\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let run = termlint(&["check", "--config", config, "--today", "2026-12-05", root]);
    assert_eq!(
        run.code, 1,
        "warnings fail with fail-on = warning: {}",
        run.stderr
    );
    assert_eq!(checked_files(&run), ["kept.terms"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for d in json["diagnostics"].as_array().unwrap() {
        assert_eq!(d["category"], "kpi", "{d}");
        assert!(
            !d["message"].as_str().unwrap().is_ascii(),
            "in Japanese: {d}"
        );
    }
    // Options on the command line replace the file's.
    let run = termlint(&[
        "check",
        "--config",
        config,
        "--today",
        "2026-12-05",
        "--fail-on",
        "error",
        "--select",
        "pricing",
        "--lang",
        "en",
        root,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for d in json["diagnostics"].as_array().unwrap() {
        assert_eq!(d["category"], "pricing", "{d}");
    }

    std::fs::write(
        dir.path().join("termlint.toml"),
        "[check]\nselec = [\"kpi\"]\n",
    )
    .unwrap();
    let bad = termlint(&["check", "--config", config, root]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown field `selec`"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("line 2"), "{}", bad.stderr);
}

//! `termlint fmt`: the canonical layout is a fixed point, and formatting never changes
//! what a file means.
//!
//! "Means" is what `check` reports: the JSON findings of a contract are equal before and
//! after formatting except for their positions, and each finding still points at the
//! same clause (its text equal but for spacing).  A rule file means its findings over
//! every bundled contract and fixture, and its `explain` text.
//!
//! The bundled files are already formatted (CI runs `fmt --check` on them), so each is
//! also "messed up" here, by taking the layout out of it, and must format back to
//! itself.  A property test does the same for generated contracts with random spacing,
//! comments, blank lines and one-line blocks.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use common::{termlint, termlint_with_stdin};
use proptest::prelude::*;
use serde_json::Value;
use termlint::check::{check_bytes, CheckOptions, FileReport, RunReport};
use termlint::lang::Lang;
use termlint::report::json;
use termlint::rules::{self, RuleConfig, RuleSet};
use termlint::value::Date;

// =====================================================================================
//  What a file means
// =====================================================================================

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every `.terms` or `.rules` file under the bundled folders.
fn bundled(extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["contracts", "rules", "tests/rules"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(repo(dir)))
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    assert!(files.len() > 5, "found only {files:?}");
    files
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The built-in rules and the example rule file, so that the example's fixture fires too.
fn rule_set() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        rules::load(&RuleConfig {
            builtin: true,
            files: vec![repo("rules/examples/acme.rules")],
        })
        .expect("the bundled rules load")
    })
}

fn check_text(text: &str, rules: &RuleSet) -> FileReport {
    let options = CheckOptions {
        today: Date::new(2026, 11, 29).unwrap(),
        lang: Lang::En,
        max_file_size: termlint::check::DEFAULT_MAX_FILE_SIZE,
    };
    check_bytes(
        "input.terms",
        text.as_bytes(),
        rules,
        &options,
        &AtomicBool::new(false),
    )
}

/// The JSON report with every position taken out.
fn findings_without_positions(report: &FileReport) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("span");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let run = RunReport {
        files: vec![report.clone()],
        notes: vec![],
    };
    let mut value: Value = serde_json::from_str(&json::render(&run)).unwrap();
    strip(&mut value);
    value
}

/// The clauses the findings point at, without their spacing.
fn clauses(report: &FileReport) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| {
            let clause = &report.text[f.span.start..f.span.end];
            clause.split_whitespace().collect::<String>()
        })
        .collect()
}

/// Asserts `formatted` checks as `original` does with `rules`.
fn assert_same_findings(name: &str, original: &str, formatted: &str, rules: &RuleSet) {
    let before = check_text(original, rules);
    let after = check_text(formatted, rules);
    assert_eq!(
        findings_without_positions(&before),
        findings_without_positions(&after),
        "{name}: formatting changed the findings"
    );
    assert_eq!(
        clauses(&before),
        clauses(&after),
        "{name}: a finding points at another clause"
    );
}

fn format_terms(name: &str, text: &str) -> String {
    termlint::fmt::terms(text).unwrap_or_else(|p| panic!("{name} does not format: {p:?}"))
}

fn format_rules(name: &str, text: &str) -> String {
    termlint::fmt::rules(name, text).unwrap_or_else(|e| panic!("{name} does not format: {e:?}"))
}

// =====================================================================================
//  Taking the layout out of a file
// =====================================================================================

/// A contract with its layout taken out: no indentation, and one space wherever there
/// were several, outside strings and comments.
fn messy_terms(text: &str) -> String {
    text.lines()
        .map(|line| collapse_spaces(line.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// `line` with runs of spaces made one, up to its comment; strings kept as written.
fn collapse_spaces(line: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !in_string && line[at..].starts_with("//") {
            out.push_str(&line[at..]);
            break;
        }
        match c {
            '"' => in_string = !in_string,
            '\\' if in_string => {
                out.push(c);
                if let Some((_, escaped)) = chars.next() {
                    out.push(escaped);
                }
                continue;
            }
            ' ' if !in_string && out.ends_with(' ') => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The statements whose value is padded to the rule's value column.
const PADDED: [&str; 6] = ["severity", "category", "each", "at", "message", "help"];

/// A rule file with its layout taken out: one level of indentation less, and one space
/// after each padded statement keyword.  `when` and `doc` keep their padding: their
/// continuation lines are placed relative to it.
fn messy_rules(text: &str) -> String {
    text.lines()
        .map(|line| {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let line = &line[indent.min(2)..];
            let body = line.trim_start();
            let keyword = body.split(' ').next().unwrap_or("");
            if PADDED.contains(&keyword) && body.len() > keyword.len() {
                let value = body[keyword.len()..].trim_start();
                format!("{}{keyword} {value}", &line[..line.len() - body.len()])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

// =====================================================================================
//  The bundled files
// =====================================================================================

#[test]
fn bundled_contracts_are_formatted_and_come_back_from_a_mess() {
    for path in bundled("terms") {
        let name = path.display().to_string();
        let text = read(&path);
        assert_eq!(format_terms(&name, &text), text, "{name} is not formatted");

        let messy = messy_terms(&text);
        assert_ne!(messy, text, "{name}: the mess changed nothing");
        let formatted = format_terms(&name, &messy);
        assert_eq!(formatted, text, "{name} does not format back from a mess");
        assert_same_findings(&name, &messy, &formatted, rule_set());
    }
}

#[test]
fn bundled_rule_files_are_formatted_and_come_back_from_a_mess() {
    for path in bundled("rules") {
        let name = path.display().to_string();
        let text = read(&path);
        assert_eq!(format_rules(&name, &text), text, "{name} is not formatted");

        let messy = messy_rules(&text);
        assert_ne!(messy, text, "{name}: the mess changed nothing");
        assert_eq!(
            format_rules(&name, &messy),
            text,
            "{name} does not format back from a mess"
        );
    }
}

/// The built-in rules loaded from `dir` (a copy of `rules/`, formatted or messy).
fn rules_from(dir: &Path) -> RuleSet {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    rules::load(&RuleConfig {
        builtin: false,
        files,
    })
    .unwrap_or_else(|e| panic!("the rules in {} do not load: {e:?}", dir.display()))
}

/// `explain RULE --no-builtin --rules FILE…`, less the line that says where the rule
/// is written (which formatting may move) and with spacing collapsed (a condition's
/// continuation lines are re-indented).
fn explain(rule: &str, dir: &Path) -> String {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    let mut args = vec!["explain", rule, "--no-builtin", "--lang", "en"];
    for file in &files {
        args.extend(["--rules", file]);
    }
    let run = termlint(&args);
    assert_eq!(run.code, 0, "explain {rule}: {}", run.stderr);
    run.stdout
        .lines()
        .filter(|line| !line.contains(dir.to_str().unwrap()))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn formatting_the_rules_keeps_their_findings_and_their_explanations() {
    let messy = tempfile::tempdir().unwrap();
    let formatted = tempfile::tempdir().unwrap();
    for path in std::fs::read_dir(repo("rules")).unwrap() {
        let path = path.unwrap().path();
        if path.extension().is_none_or(|e| e != "rules") {
            continue;
        }
        let file_name = path.file_name().unwrap();
        // Loaded as a user's files, the built-in ids need a prefix of their own.
        let mess = messy_rules(&read(&path).replace("\nrule TL", "\nrule XT"));
        std::fs::write(messy.path().join(file_name), &mess).unwrap();
        let name = path.display().to_string();
        std::fs::write(formatted.path().join(file_name), format_rules(&name, &mess)).unwrap();
    }
    let (messy_rules, formatted_rules) = (rules_from(messy.path()), rules_from(formatted.path()));
    assert_eq!(formatted_rules.rules().len(), messy_rules.rules().len());

    for contract in bundled("terms") {
        let text = read(&contract);
        let before = check_text(&text, &messy_rules);
        let after = check_text(&text, &formatted_rules);
        assert_eq!(
            findings_without_positions(&before),
            findings_without_positions(&after),
            "{}: the formatted rules report otherwise",
            contract.display()
        );
        assert_eq!(clauses(&before), clauses(&after));
    }
    let names: Vec<String> = messy_rules.names().map(str::to_string).collect();
    assert!(names.len() > 40, "{names:?}");
    for rule in names.iter().filter(|n| n.starts_with("XT")) {
        assert_eq!(explain(rule, messy.path()), explain(rule, formatted.path()));
    }
}

// =====================================================================================
//  Generated contracts
// =====================================================================================

/// One space or more, or a tab.
fn gap() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\t".to_string()),
        (2usize..8).prop_map(|n| " ".repeat(n)),
    ]
}

/// A line's end: nothing, or a comment after the value.
fn line_end() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        1 => gap().prop_map(|g| format!("{g}// 注記: note")),
    ]
}

/// Between nodes: nothing, a blank line or two, or a comment line.
fn between() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        1 => Just("\n".to_string()),
        1 => Just("\n\n\n".to_string()),
        1 => Just("// a comment line between nodes\n".to_string()),
    ]
}

/// A number as a person writes it: grouped or not.
fn amount() -> impl Strategy<Value = String> {
    (1u32..2_000_000, any::<bool>()).prop_map(|(n, grouped)| {
        if grouped && n >= 1_000 {
            format!("{}_{:03}", n / 1_000, n % 1_000)
        } else {
            n.to_string()
        }
    })
}

/// A node with a value, written with a random gap and line end.
fn node(
    name: &'static str,
    value: impl Strategy<Value = String>,
) -> impl Strategy<Value = Vec<String>> {
    (gap(), value, line_end(), between())
        .prop_map(move |(g, v, end, before)| vec![format!("{before}{name}{g}{v}{end}")])
}

/// A block of `nodes`, written over several lines or (without comments) on one line.
fn block(
    head: &'static str,
    nodes: impl Strategy<Value = Vec<Vec<String>>>,
) -> impl Strategy<Value = String> {
    (nodes, any::<bool>(), gap()).prop_map(move |(nodes, one_line, g)| {
        let lines: Vec<String> = nodes.into_iter().flatten().collect();
        if one_line {
            let plain: Vec<String> = lines
                .iter()
                .map(|l| {
                    l.split("//")
                        .next()
                        .unwrap()
                        .trim()
                        .trim_start_matches('\n')
                        .to_string()
                })
                .filter(|l| !l.starts_with("//") && !l.is_empty())
                .collect();
            format!("{head}{g}{{ {} }}\n", plain.join(&format!(";{g}")))
        } else {
            let indent = g.replace('\t', "  ");
            let body: String = lines.iter().map(|l| format!("{indent}{l}\n")).collect();
            format!("{head} {{\n{body}}}\n")
        }
    })
}

fn staff() -> impl Strategy<Value = String> {
    block(
        "staff",
        (
            node("operators", (1u32..60).prop_map(|n| n.to_string())),
            node("supervisors", (0u32..5).prop_map(|n| n.to_string())),
            node("training", (0u32..80).prop_map(|n| format!("{n}h"))),
        )
            .prop_map(|(a, b, c)| vec![a, b, c]),
    )
}

fn pricing() -> impl Strategy<Value = String> {
    block(
        "pricing",
        (
            node(
                "model",
                prop::sample::select(vec!["monthly_fixed", "per_call", "outcome", "hybrid"])
                    .prop_map(str::to_string),
            ),
            node(
                "base_fee",
                amount().prop_map(|n| format!("{n} JPY / month")),
            ),
            node(
                "included",
                amount().prop_map(|n| format!("{n} calls / month")),
            ),
            prop_oneof![
                amount().prop_map(|n| format!("{n} JPY/call")),
                Just("tbd".to_string()),
            ]
            .prop_flat_map(|v| node("overage", Just(v))),
            node("initial_fee", amount().prop_map(|n| format!("{n} JPY"))),
        )
            .prop_map(|(a, b, c, d, e)| vec![a, b, c, d, e]),
    )
}

fn contract() -> impl Strategy<Value = String> {
    (
        gap(),
        prop::sample::select(vec!["quote", "draft", "signed"]),
        staff(),
        pricing(),
        (100u32..20_000),
        line_end(),
        between(),
    )
        .prop_map(|(g, status, staff, pricing, volume, end, before)| {
            let indent = g.replace('\t', "    ");
            let staff = staff.replace('\n', &format!("\n{indent}{indent}"));
            format!(
                "// generated\ncontract \"gen-1\" {{\n{indent}title{g}\"生成された契約 🎧\"{end}\n\
                 {indent}status{g}{status}\n{before}\
                 {indent}vendor \"V\" {{\n{indent}{indent}sites{g}2\n{indent}{indent}{staff}}}\n\
                 {indent}service inbound order_taking {{ hours mon-fri 09:00-18:00; volume {volume} calls / month }}\n\
                 {pricing}}}\n"
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A generated contract formats to a fixed point and checks as it did.
    #[test]
    fn generated_contracts_format_idempotently_and_keep_their_findings(text in contract()) {
        let once = termlint::fmt::terms(&text)
            .unwrap_or_else(|p| panic!("the generator wrote a bad contract: {p:?}\n{text}"));
        let twice = termlint::fmt::terms(&once).unwrap();
        prop_assert_eq!(&twice, &once);
        assert_same_findings("generated", &text, &once, rule_set());
        // Every comment the generator wrote is still there.
        prop_assert_eq!(text.matches("//").count(), once.matches("//").count());
    }
}

// =====================================================================================
//  The command
// =====================================================================================

const MESSY: &str = r#"contract "c-1" {
      title "Messy"   // a note
  status quote


pricing {  model per_call ;per_call 300 JPY/call }
    vendor "V" {
sites 1
    staff {
  operators 3
        // supervisors to come
      supervisors    1
 }
}
}
"#;

#[test]
fn a_messy_contract_is_formatted_in_the_canonical_layout() {
    let run = termlint_with_stdin(&["fmt", "-"], MESSY.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn fmt_rewrites_files_in_place_and_leaves_formatted_ones_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let messy = dir.path().join("messy.terms");
    let tidy = dir.path().join("tidy.terms");
    std::fs::write(&messy, MESSY).unwrap();
    let canonical = termlint::fmt::terms(MESSY).unwrap();
    std::fs::write(&tidy, &canonical).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    std::fs::File::options()
        .write(true)
        .open(&tidy)
        .unwrap()
        .set_modified(old)
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&messy, std::fs::Permissions::from_mode(0o640)).unwrap();
    }

    let run = termlint(&["fmt", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&messy), canonical);
    assert_eq!(
        std::fs::metadata(&tidy).unwrap().modified().unwrap(),
        old,
        "an unchanged file was written"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&messy).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o640,
            "the rewrite lost the file's permissions"
        );
    }
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 2);
}

#[test]
fn fmt_check_names_the_files_that_would_change_and_changes_none() {
    let dir = tempfile::tempdir().unwrap();
    let messy = dir.path().join("messy.terms");
    std::fs::write(&messy, MESSY).unwrap();
    std::fs::write(
        dir.path().join("tidy.terms"),
        termlint::fmt::terms(MESSY).unwrap(),
    )
    .unwrap();

    let run = termlint(&["fmt", "--check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let shown = run.stdout.replace(dir.path().to_str().unwrap(), "DIR");
    assert!(shown.contains("would reformat DIR/messy.terms"), "{shown}");
    assert!(!shown.contains("tidy.terms"), "{shown}");
    assert_eq!(read(&messy), MESSY, "--check wrote the file");

    let formatted = termlint(&["fmt", "--check", "contracts/", "rules/", "tests/rules/"]);
    assert_eq!(
        formatted.code, 0,
        "{}{}",
        formatted.stdout, formatted.stderr
    );
}

#[test]
fn fmt_check_lists_files_in_path_order_however_many_are_formatted_at_once() {
    // More files than one batch of the walk (256), in folders, every third one
    // messy: the files are formatted in parallel, the list must still be sorted.
    let dir = tempfile::tempdir().unwrap();
    let tidy = termlint::fmt::terms(MESSY).unwrap();
    let mut expected = Vec::new();
    for i in 0..600 {
        let folder = dir.path().join(format!("vendor-{:02}", i % 7));
        std::fs::create_dir_all(&folder).unwrap();
        let name = format!("vendor-{:02}/quote-{i:03}.terms", i % 7);
        let messy = i % 3 == 0;
        std::fs::write(dir.path().join(&name), if messy { MESSY } else { &tidy }).unwrap();
        if messy {
            expected.push(format!("would reformat DIR/{name}"));
        }
    }
    expected.sort();

    let run = termlint(&["fmt", "--check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let shown = run.stdout.replace(dir.path().to_str().unwrap(), "DIR");
    assert_eq!(shown.lines().collect::<Vec<_>>(), expected);
    assert_eq!(
        run.stderr.trim_end(),
        "200 files would be reformatted, 400 files already formatted"
    );
}

#[test]
fn fmt_diff_prints_a_unified_diff_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let messy = dir.path().join("messy.terms");
    std::fs::write(&messy, MESSY).unwrap();
    let run = termlint(&["fmt", "--diff", messy.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let diff = run.stdout.replace(dir.path().to_str().unwrap(), "DIR");
    insta::assert_snapshot!(diff);
    assert_eq!(read(&messy), MESSY, "--diff wrote the file");
}

#[test]
fn fmt_reads_a_rule_file_from_standard_input_by_its_stdin_filename() {
    let messy =
        "rule X1 x {\nseverity warning\n  when pricing.model == outcome\nmessage \"m\"\n}\n";
    let run = termlint_with_stdin(
        &["fmt", "-", "--stdin-filename", "team.rules"],
        messy.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "rule X1 x {\n  severity  warning\n  when      pricing.model == outcome\n  message   \"m\"\n}\n"
    );
}

#[test]
fn a_file_with_syntax_errors_is_left_untouched_with_its_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.terms");
    let text = "contract \"c\" {\n  status   quote\n  pricing {\n    model per_call\n";
    std::fs::write(&broken, text).unwrap();
    let run = termlint(&["fmt", "--lang", "en", broken.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("TL001"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("broken.terms was left unchanged: fix the errors above first"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&broken), text, "a broken file was written");

    // A value the parser cannot read (a unit it does not know) leaves the meaning
    // unknown too: the file keeps its text and the message its fix.
    let yen = dir.path().join("yen.terms");
    let text = "contract \"c\" {\n  pricing {\n    per_call 300 ¥/call\n  }\n}\n";
    std::fs::write(&yen, text).unwrap();
    let run = termlint(&["fmt", "--lang", "en", yen.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("TL003"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `円`?"), "{}", run.stderr);
    assert_eq!(read(&yen), text, "a file with an unknown unit was written");

    let rules = dir.path().join("broken.rules");
    std::fs::write(&rules, "rule X1 x {\n  severity  warning\n").unwrap();
    let run = termlint(&["fmt", rules.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(read(&rules), "rule X1 x {\n  severity  warning\n");
}

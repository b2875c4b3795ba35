//! Hostile and huge input: termlint reports, it never panics, hangs or overflows.
//!
//! The property tests feed arbitrary bytes, arbitrary strings and a "token soup" of
//! terms-like pieces to `check_bytes` with the built-in rules, and render each report
//! in both formats (miette would panic on a span that is out of range or splits a
//! character).  The deterministic tests cover the shapes a fuzzer rarely finds:
//! 100,000 nested blocks, a 5 MB file, a 1 MB string, unbalanced quotes and braces.

use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use proptest::prelude::*;
use termlint::check::{check_bytes, CheckOptions, FileReport, RunReport};
use termlint::cli::{run, Io};
use termlint::lang::Lang;
use termlint::report::{human, json};
use termlint::rules::{self, RuleConfig, RuleSet};
use termlint::value::Date;

fn builtin() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        rules::load(&RuleConfig {
            builtin: true,
            files: vec![],
        })
        .expect("the built-in rules load")
    })
}

fn options(lang: Lang) -> CheckOptions {
    CheckOptions {
        today: Date::new(2026, 11, 29).unwrap(),
        lang,
        max_file_size: termlint::check::DEFAULT_MAX_FILE_SIZE,
    }
}

/// Checks `bytes` with the built-in rules, asserts every span is usable, and renders
/// the report in both formats.
fn check(bytes: &[u8]) -> FileReport {
    check_in(bytes, Lang::En)
}

fn check_in(bytes: &[u8], lang: Lang) -> FileReport {
    let report = check_bytes(
        "input.terms",
        bytes,
        builtin(),
        &options(lang),
        &AtomicBool::new(false),
    );
    for f in &report.findings {
        for span in std::iter::once(f.span).chain(f.related.as_ref().map(|r| r.0)) {
            assert!(
                span.start <= span.end && span.end <= report.text.len(),
                "{} span {span:?} outside a text of {} bytes",
                f.rule,
                report.text.len()
            );
            assert!(
                report.text.is_char_boundary(span.start) && report.text.is_char_boundary(span.end),
                "{} span {span:?} splits a character",
                f.rule
            );
        }
    }
    assert!(report.not_audited <= report.contracts);
    if report.findings.len() > 1_000 {
        // Rendering is tested on smaller reports: miette prints the source line of
        // every diagnostic, so many diagnostics on one long line are quadratic.
        return report;
    }
    let run = RunReport {
        files: vec![report.clone()],
        notes: vec![],
    };
    let shown = human::render(
        &run,
        human::Style {
            color: false,
            width: 100,
            quiet: false,
            show_waived: true,
            lang,
        },
    );
    assert!(shown.ends_with('\n'));
    let machine = json::render(&run);
    serde_json::from_str::<serde_json::Value>(&machine).expect("valid JSON");
    report
}

fn rule_ids(report: &FileReport) -> Vec<&str> {
    report.findings.iter().map(|f| &*f.rule).collect()
}

/// The CLI on a file holding `bytes`: exit code and JSON diagnostics.
fn cli_json(bytes: &[u8]) -> (i32, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.terms");
    std::fs::write(&path, bytes).unwrap();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = run(
        [
            "termlint",
            "check",
            "--today",
            "2026-11-29",
            "--lang",
            "en",
            "--format",
            "json",
            path.to_str().unwrap(),
        ],
        &mut Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            terminal: false,
            stdin: &mut std::io::empty(),
            lang: termlint::lang::Lang::En,
        },
    );
    let json = serde_json::from_slice(&stdout).expect("one JSON object on stdout");
    (code, json)
}

// =====================================================================================
//  Properties
// =====================================================================================

/// Pieces of `.terms` text, well-formed and not, so that random sequences reach the
/// schema and the rules instead of stopping at the first byte.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "contract",
        "\"c\"",
        "{",
        "}",
        "\n",
        "\r\n",
        ";",
        " ",
        "\t",
        "//",
        "\"",
        "\\",
        "tbd",
        "vendor",
        "\"V\"",
        "staff",
        "operators",
        "12",
        "turnover",
        "35%",
        "/",
        "year",
        "pricing",
        "model",
        "monthly_fixed",
        "outcome",
        "base_fee",
        "300_000",
        "JPY",
        "円",
        "month",
        "overage",
        "250",
        "call",
        "included",
        "2_000",
        "calls",
        "service",
        "inbound",
        "outbound",
        "support",
        "hours",
        "mon-fri",
        "sat",
        "09:00-18:00",
        "22:00-06:00",
        "00:00-24:00",
        "25:99-00:00",
        "kpi",
        "answer_rate",
        ">=",
        "<=",
        "<",
        "90%",
        "service_level",
        "80%",
        "within",
        "20",
        "s",
        "waiver",
        "TL102",
        "reason",
        "expires",
        "2026-11-28",
        "2027-02-30",
        "term",
        "renewal",
        "auto",
        "data",
        "retention",
        "x_ext",
        "\u{FEFF}",
        "\u{3042}",
        "-5",
        "1.5",
        "\\u{3042}",
        "\\q",
        "certifications",
        "iso27001",
        "fee",
        "\"setup\"",
        "yes",
        "no",
        "status",
        "signed",
        "@",
        "#",
        "0_",
        "_0",
        ">=5%",
        "40h",
    ])
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..200).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #[test]
    fn any_bytes_are_checked_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        check(&bytes);
    }

    #[test]
    fn any_string_is_checked_without_panicking(text in any::<String>()) {
        check(text.as_bytes());
    }

    #[test]
    fn any_token_soup_is_checked_without_panicking(text in soup()) {
        let report = check(text.as_bytes());
        check_in(text.as_bytes(), Lang::Ja);
        // Checking is a function of the input.
        let again = check(text.as_bytes());
        prop_assert_eq!(report.findings, again.findings);
    }

    /// The fast reader and the pest grammar read every input the same way: same
    /// tree when both accept it, and the fast reader never accepts what the grammar
    /// reports as a problem.  Validating straight from the fast reader gives what
    /// validating the grammar's tree gives.
    #[test]
    fn the_fast_path_agrees_with_the_grammar(text in soup(), separators in prop::collection::vec(prop::sample::select(vec![" ", "\n", "; ", " { ", " }\n", "\t"]), 0..40)) {
        let mut mixed = String::new();
        for (i, piece) in text.split(' ').enumerate() {
            mixed.push_str(piece);
            mixed.push_str(separators.get(i % separators.len().max(1)).copied().unwrap_or(" "));
        }
        for input in [text.clone(), mixed, format!("contract \"c\" {{\n{text}\n}}\n")] {
            let grammar = termlint::syntax::parse_with_grammar(&input);
            let either = termlint::syntax::parse(&input);
            let validated = termlint::schema::validate(&grammar.document, grammar.problems.clone(), &input);
            prop_assert_eq!(termlint::schema::read_and_validate(&input), validated, "{:?}", input);
            if grammar.problems.is_empty() {
                prop_assert_eq!(&either.document, &grammar.document, "{:?}", input);
                prop_assert!(either.problems.is_empty());
            } else {
                prop_assert_eq!(&either.problems, &grammar.problems, "{:?}", input);
            }
        }
    }

    #[test]
    fn soup_inside_a_contract_is_checked_without_panicking(text in soup()) {
        let wrapped = format!("contract \"fuzz\" {{\n{text}\n}}\n");
        check(wrapped.as_bytes());
    }
}

// =====================================================================================
//  Deep nesting
// =====================================================================================

#[test]
fn a_hundred_thousand_open_braces_give_one_tl001() {
    let input = "{".repeat(100_000);
    let report = check(input.as_bytes());
    assert_eq!(rule_ids(&report), ["TL001"]);
    assert_eq!(
        report.findings[0].message,
        "blocks nest deeper than 64 levels"
    );
    assert_eq!(report.findings[0].span.start, 64, "the 65th `{{`");

    let (code, json) = cli_json(input.as_bytes());
    assert_eq!(code, 1, "a normal exit with a finding");
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 1);
}

#[test]
fn a_hundred_thousand_nested_fields_give_one_tl001() {
    let mut input = String::from("contract \"deep\" {\n");
    input.push_str(&"x_a {\n".repeat(100_000));
    input.push_str(&"}\n".repeat(100_001));
    let report = check(input.as_bytes());
    assert_eq!(rule_ids(&report), ["TL001"]);
    let (code, json) = cli_json(input.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(json["diagnostics"][0]["span"]["line"], 65);
}

/// 100,000 stray `}`: the first 100 are reported one by one, the rest summed up in
/// one more TL001, so the report stays readable and the run ends normally.
#[test]
fn a_hundred_thousand_closing_braces_are_reported_not_fatal() {
    let input = format!("contract \"c\" {{\n}}\n{}", "}".repeat(100_000));
    let report = check(input.as_bytes());
    let syntax: Vec<_> = report
        .findings
        .iter()
        .filter(|f| &*f.rule == "TL001")
        .collect();
    assert_eq!(syntax.len(), termlint::syntax::MAX_SYNTAX_PROBLEMS + 1);
    // The braces stand after the contract's block, so the contract itself is read
    // and audited (its rule findings are the rest).
    assert_eq!(report.not_audited, 0);
    let last = syntax.last().unwrap();
    assert_eq!(
        last.message,
        format!(
            "{} more syntax errors from here on are not shown",
            100_000 - termlint::syntax::MAX_SYNTAX_PROBLEMS
        )
    );
}

#[test]
fn braces_in_strings_and_comments_do_not_count_towards_depth() {
    let input = format!(
        "contract \"c\" {{\n  title \"{}\"\n  // {}\n}}\n",
        "{".repeat(termlint::syntax::MAX_STRING_CHARS),
        "{".repeat(100_000)
    );
    let report = check(input.as_bytes());
    assert!(
        !rule_ids(&report).contains(&"TL001"),
        "{:?}",
        rule_ids(&report)
    );
}

/// A `"` inside a stray token (`a"b`) is a string for the depth pre-scan, which then
/// skips the rest of the line, but not for the grammar, which reads the `{` that
/// follow as blocks.  With 100,000 of them the parser gives up (pest's stack guard) and
/// its fallback reports one giant "`{{{…` is not a value" over an empty document.
#[test]
fn a_stray_quote_before_a_hundred_thousand_braces_does_not_panic() {
    let input = format!(
        "contract \"c\" {{\n  title a\"b{}\n}}\n",
        "{".repeat(100_000)
    );
    let report = check(input.as_bytes());
    assert!(rule_ids(&report).contains(&"TL001"));
}

#[test]
fn a_stray_quote_does_not_hide_deep_nesting() {
    let input = format!("contract \"c\" {{\n  title a\"b{}\n}}\n", "{".repeat(100));
    let report = check(input.as_bytes());
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(
        messages.contains(&"blocks nest deeper than 64 levels"),
        "{messages:?}"
    );
    assert!(messages.len() < 5, "{} diagnostics", messages.len());
}

// =====================================================================================
//  Size
// =====================================================================================

const CONTRACT: &str = include_str!("data/clean.terms");

#[test]
fn a_five_megabyte_file_of_valid_contracts_parses() {
    let mut input = String::with_capacity(5_300_000);
    let mut n = 0;
    while input.len() < 5 * 1024 * 1024 {
        n += 1;
        input.push_str(&CONTRACT.replace(
            "\"acme-order-desk-2026\"",
            &format!("\"acme-order-desk-{n}\""),
        ));
    }
    assert!(n > 1000, "{n} contracts");
    let parsed = termlint::syntax::parse(&input);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems.first());
    assert_eq!(parsed.document.nodes.len(), n);

    let report = check(input.as_bytes());
    assert_eq!(report.contracts, n);
    assert_eq!(report.not_audited, 0);
    assert_eq!(
        rule_ids(&report),
        Vec::<&str>::new(),
        "every copy lints clean"
    );
}

/// Strings up to the limit are read whole, escapes resolved; a 1 MB string (a
/// runaway quote, or not a contract) is one TL001 pointing at it, and the run goes on.
#[test]
fn a_string_up_to_the_limit_is_read_whole_and_a_megabyte_is_refused() {
    let unit = "受注代行 call-centre \\\"quoted\\\" ";
    let fits = unit.repeat(termlint::syntax::MAX_STRING_CHARS / unit.chars().count());
    let input = format!("contract \"c\" {{\n  title \"{fits}\"\n}}\n");
    let parsed = termlint::syntax::parse(&input);
    assert!(parsed.problems.is_empty());
    let title = &parsed.document.nodes[0].children()[0];
    match &title.args[0].value {
        termlint::syntax::tree::Value::Str(s) => {
            assert_eq!(s.len(), fits.len() - fits.matches("\\\"").count());
            assert!(s.starts_with("受注代行 call-centre \"quoted\" "));
        }
        other => panic!("{other:?}"),
    }

    let body = unit.repeat(1024 * 1024 / 30);
    let input = format!("contract \"c\" {{\n  title \"{body}\"\n}}\n");
    let report = check(input.as_bytes());
    assert_eq!(rule_ids(&report), ["TL001"]);
    assert_eq!(
        report.findings[0].message,
        format!(
            "this string is longer than {} characters",
            termlint::syntax::MAX_STRING_CHARS
        )
    );
    let at = input.find("title \"").unwrap() + "title ".len();
    assert_eq!(
        report.findings[0].span.start, at,
        "the label starts at the opening quote"
    );
}

#[test]
fn a_one_megabyte_unterminated_string_is_one_tl001() {
    let input = format!(
        "contract \"c\" {{\n  title \"{}\n}}\n",
        "x".repeat(1024 * 1024)
    );
    let report = check(input.as_bytes());
    assert_eq!(rule_ids(&report), ["TL001"]);
    assert_eq!(report.findings[0].message, "this string is not closed");
}

#[test]
fn a_file_above_max_file_size_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.terms");
    std::fs::write(&path, CONTRACT.repeat(10)).unwrap();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = run(
        [
            "termlint",
            "check",
            "--no-builtin",
            "--format",
            "json",
            "--max-file-size",
            "1000",
            path.to_str().unwrap(),
        ],
        &mut Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            terminal: false,
            stdin: &mut std::io::empty(),
            lang: termlint::lang::Lang::En,
        },
    );
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("above the limit of 1000 bytes"),
        "{message}"
    );
}

/// A 100 MB file under the default limit of 64 MiB: refused with one TL001 before it
/// is read (the file is sparse, so the test writes nothing to disk), and the other
/// files of the run are still checked.
#[test]
fn a_hundred_megabyte_file_is_refused_with_a_diagnostic_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let big = std::fs::File::create(dir.path().join("a-huge.terms")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap();
    std::fs::write(dir.path().join("b-fine.terms"), CONTRACT).unwrap();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = run(
        [
            "termlint",
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-29",
            dir.path().to_str().unwrap(),
        ],
        &mut Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            terminal: false,
            stdin: &mut std::io::empty(),
            lang: termlint::lang::Lang::En,
        },
    );
    assert_eq!(code, 1, "the refused file is an error finding");
    let json: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let first = &json["diagnostics"][0];
    assert!(first["file"].as_str().unwrap().ends_with("a-huge.terms"));
    assert_eq!(first["rule"], "TL001");
    assert_eq!(
        first["message"],
        format!(
            "the file is {} bytes, above the limit of {} bytes",
            100 * 1024 * 1024,
            termlint::check::DEFAULT_MAX_FILE_SIZE
        )
    );
    assert_eq!(json["summary"]["files"], 2);
    assert_eq!(
        json["summary"]["contracts"], 1,
        "the other file was read and audited"
    );
}

// =====================================================================================
//  Garbage
// =====================================================================================

/// A small deterministic generator (xorshift), so failures reproduce by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }
}

/// Text heavy in quotes, backslashes, braces and line ends, with words and numbers in
/// between.
fn garbage(seed: u64, len: usize) -> String {
    const PIECES: &[&str] = &[
        "\"",
        "\"",
        "\"",
        "{",
        "{",
        "{",
        "}",
        "}",
        "\\",
        "\\\"",
        "\n",
        "\n",
        "\r\n",
        "\r",
        ";",
        " ",
        " ",
        "\t",
        "//",
        "/",
        "contract",
        "pricing",
        "x_a",
        "tbd",
        "12",
        "300_000 JPY",
        "/ month",
        "09:00-",
        "2027-",
        "%",
        ">=",
        "円",
        "\u{3042}",
        "\u{FEFF}",
        "\u{0}",
        "\u{FFFD}",
        "é",
        "🙂",
    ];
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = String::new();
    while out.len() < len {
        out.push_str(PIECES[rng.below(PIECES.len())]);
    }
    out
}

#[test]
fn garbage_with_unbalanced_quotes_and_braces_is_reported() {
    for seed in 0..150 {
        let text = garbage(seed, 1 + (seed as usize * 37) % 2000);
        let report = check(text.as_bytes());
        assert!(
            report.findings.iter().all(|f| !f.message.is_empty()),
            "seed {seed}"
        );
    }
}

#[test]
fn garbage_through_the_cli_exits_normally() {
    for seed in 0..20 {
        let text = garbage(seed, 5_000);
        let (code, json) = cli_json(text.as_bytes());
        assert!(code == 0 || code == 1, "seed {seed}: exit {code}");
        assert_eq!(json["version"], 1);
    }
}

#[test]
fn edge_case_inputs_are_checked_without_panicking() {
    let cases: &[&[u8]] = &[
        b"",
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf\xef\xbb\xbf",
        b"\xef\xbb",
        b"\n\n\n",
        b"\r",
        b"\r\r\r",
        b"\0",
        b"\"",
        b"\"\\",
        b"contract \"c\" { title \"\\",
        b"contract \"c\" { title \"\\u{",
        b"contract \"c\" { title \"\\u{110000}\" }",
        b"contract \"c\" { title \"\\u{D800}\" }",
        b"contract \"c\" { title \"\\u{FFFFFFFFFFFFFFFF}\" }",
        b"contract \"c\" { title \"a\\\r\nb\" }",
        b"//",
        b"// \xff",
        b"contract",
        b"contract {",
        b"contract \"c\" {",
        b"contract \"c\" {}}}}",
        b"{}{}{}{}",
        b"}{",
        b";;;;",
        b"contract \"c\" { pricing { overage 99999999999999999999999999999999999999 JPY / call } }",
        b"contract \"c\" { pricing { overage 1.7976931348623157e308 JPY / call } }",
        b"contract \"c\" { pricing { base_fee 0 JPY / month; included 0 calls / month; overage 0 JPY / call } }",
        b"contract \"c\" { pricing { overage 1_ JPY / call } }",
        b"contract \"c\" { service inbound support { hours mon-fri 24:00-24:00 } }",
        b"contract \"c\" { service inbound support { hours fri-mon 99:99-00:00 } }",
        b"contract \"c\" { end 0000-00-00; start 9999-12-31 }",
        b"contract \"c\" { waiver TL001 { reason \"x\" } }",
        b"contract \"c\" { waiver tbd }",
        b"contract \"c\" { kpi { asa >= 20 s; answer_rate < 50 JPY } }",
        b"contract \"c\" \xff { }",
        b"contract \"\xe3\x81\" { }",
        b"x_a \"\"\"\"\"\"\"",
        b"contract \"c\" {\n  title \"\t\"\n  x_\xf0\x9f\x99\x82 1\n}",
    ];
    for (i, case) in cases.iter().enumerate() {
        let report = check(case);
        assert!(report.contracts <= 2, "case {i}");
    }
}

#[test]
fn japanese_messages_for_garbage_render_too() {
    for seed in 1000..1050 {
        let text = garbage(seed, 800);
        check_in(text.as_bytes(), Lang::Ja);
    }
}

/// Every `}` of every bundled contract, deleted or written twice, gives exactly one
/// document problem, a TL001 on a line next to the change, and the file still holds
/// all of its contracts (issue 15: one brace error hid the real problem).
#[test]
fn one_brace_too_many_or_too_few_is_one_diagnostic_near_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let mut cases = 0;
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "terms") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let contracts = termlint::syntax::parse(&text).document.nodes.len();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "}" {
                continue;
            }
            for doubled in [false, true] {
                let mut changed = lines.clone();
                if doubled {
                    changed.insert(i, line);
                } else {
                    changed.remove(i);
                }
                let changed = changed.join("\n");
                let parsed = termlint::syntax::parse(&changed);
                let what = format!(
                    "{} line {} {}",
                    path.display(),
                    i + 1,
                    if doubled { "doubled" } else { "deleted" }
                );
                assert_eq!(parsed.problems.len(), 1, "{what}: {:?}", parsed.problems);
                let problem = &parsed.problems[0];
                assert_eq!(problem.code, termlint::codes::DocCode::Syntax, "{what}");
                assert_eq!(parsed.document.nodes.len(), contracts, "{what}");
                if doubled {
                    // The extra brace is the one reported: the original or its copy.
                    let line_of = changed[..problem.span.start].matches('\n').count();
                    assert!(
                        line_of == i || line_of == i + 1,
                        "{what}: reported on line {}",
                        line_of + 1
                    );
                }
                cases += 1;
            }
        }
    }
    assert!(cases > 100, "too few cases: {cases}");
}

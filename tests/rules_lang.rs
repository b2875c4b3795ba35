//! The rules language (LANGUAGE.md §3): rule-file errors as the user sees them, and
//! the semantics of conditions, `each`, `at` and messages on real contracts.
//!
//! Rule-file errors are snapshotted as miette renders them (no colour, 100 columns),
//! so a change in wording or in where an error points shows up in review.  Semantic
//! tests compile a rule with [`load_source`] and run it on a contract with
//! [`check_bytes`].

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use termlint::check::{check_bytes, CheckOptions, FileReport, DEFAULT_MAX_FILE_SIZE};
use termlint::diagnostic::Finding;
use termlint::lang::Lang;
use termlint::rules::{load, load_source, RuleConfig, RuleError, RuleSet};
use termlint::span::LineIndex;
use termlint::value::Date;

// ---------------------------------------------------------------------------------
//  Helpers
// ---------------------------------------------------------------------------------

/// The rule-file errors of `text` (named `custom.rules`, no built-ins).
fn errors(text: &str) -> Vec<RuleError> {
    match load_source("custom.rules", text, false) {
        Ok(set) => panic!(
            "expected rule-file errors, but {} rule(s) compiled:\n{text}",
            set.rules().len()
        ),
        Err(errors) => errors,
    }
}

/// The only error of `text`.
fn error(text: &str) -> RuleError {
    let mut errs = errors(text);
    assert_eq!(
        errs.len(),
        1,
        "expected one error, got {}:\n{}",
        errs.len(),
        render_all(&errs)
    );
    errs.remove(0)
}

/// An error as `termlint` prints it, without colour.
fn render(error: &RuleError) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .with_links(false)
        .render_report(&mut out, error)
        .expect("render");
    out
}

fn render_all(errors: &[RuleError]) -> String {
    errors.iter().map(render).collect::<Vec<_>>().join("\n")
}

/// A complete custom rule around one `when` condition.
fn rule_when(when: &str) -> String {
    format!(
        "rule ACME-1 test-rule {{\n  severity warning\n  when     {when}\n  message  \"it fired\"\n}}\n"
    )
}

/// Compiles custom rules (no built-ins); panics with the rendered errors if they fail.
fn compile(text: &str) -> RuleSet {
    load_source("custom.rules", text, false)
        .unwrap_or_else(|errs| panic!("rules did not compile:\n{}\n{text}", render_all(&errs)))
}

fn today() -> Date {
    Date::parse("2026-11-29").expect("date")
}

/// Checks one contract file with `rules`; the contract must be auditable.
fn check_with(rules: &RuleSet, contract: &str) -> (FileReport, bool) {
    let options = CheckOptions {
        today: today(),
        lang: Lang::En,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    };
    let clash = AtomicBool::new(false);
    let report = check_bytes("test.terms", contract.as_bytes(), rules, &options, &clash);
    let doc: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("TL"))
        .collect();
    assert!(
        doc.is_empty() && report.not_audited == 0,
        "the test contract itself has problems: {doc:#?}"
    );
    (report, clash.load(Ordering::Relaxed))
}

/// Findings of custom `rules` on `contract`.
fn findings(rules: &str, contract: &str) -> Vec<Finding> {
    check_with(&compile(rules), contract).0.findings
}

/// Whether a rule with this `when` fires on `contract`.
fn fires(when: &str, contract: &str) -> bool {
    let found = findings(&rule_when(when), contract);
    assert!(found.len() <= 1, "{found:#?}");
    !found.is_empty()
}

/// 1-based line where each finding's label starts.
fn lines(report_text: &str, found: &[Finding]) -> Vec<usize> {
    let index = LineIndex::new(report_text);
    found.iter().map(|f| index.line_of(f.span.start)).collect()
}

/// The text a finding's label covers.
fn labelled<'a>(text: &'a str, f: &Finding) -> &'a str {
    f.span.text(text)
}

/// A small contract: valid, auditable, with three services.
const CONTRACT: &str = r#"contract "acme-2026" {
  title "ACME order line"
  vendor "Acme Call Co." {
    certifications iso27001
    staff {
      operators 12
      training  3 months
    }
  }
  service inbound order_taking {
    hours  mon-fri 09:00-18:00
    volume 100 calls / day
  }
  service outbound telemarketing {
    hours mon-fri 10:00-23:00
  }
  service inbound help_desk {
    channels email
  }
  pricing {
    model    monthly_fixed
    base_fee 300_000 JPY / month
    overage  250 JPY / call
    per_call tbd
  }
  term {
    minimum 3 months
    notice  tbd
  }
}
"#;

// ---------------------------------------------------------------------------------
//  Type errors (§3.2: checked when the rules load)
// ---------------------------------------------------------------------------------

#[test]
fn unknown_path_suggests_the_nearest_field() {
    let err = error(&rule_when("pricing.overag > 100 JPY / call"));
    assert_eq!(
        err.message,
        "unknown path `pricing.overag`: `pricing` has no field `overag`"
    );
    assert_eq!(err.help.as_deref(), Some("did you mean `overage`?"));
    insta::assert_snapshot!("unknown_path", render(&err));
}

#[test]
fn symbol_outside_its_set_suggests_the_nearest_symbol() {
    let err = error(&rule_when("pricing.model == outcom"));
    assert!(err.message.contains("`outcom`"), "{}", err.message);
    assert_eq!(err.help.as_deref(), Some("did you mean `outcome`?"));
    insta::assert_snapshot!("symbol_outside_set", render(&err));
}

#[test]
fn money_compared_with_a_percent() {
    let err = error(&rule_when("pricing.overage > 30%"));
    assert!(
        err.message.starts_with("cannot compare "),
        "{}",
        err.message
    );
    insta::assert_snapshot!("money_vs_percent", render(&err));
}

#[test]
fn days_plus_yen() {
    let err = error(&rule_when("term.notice + 100 JPY > 1 day"));
    assert!(err.message.starts_with("cannot add "), "{}", err.message);
    insta::assert_snapshot!("days_plus_yen", render(&err));
}

#[test]
fn unknown_function_suggests_the_nearest() {
    let err = error(&rule_when("presnt(pricing.overage)"));
    assert_eq!(err.message, "unknown function `presnt`");
    assert_eq!(err.help.as_deref(), Some("did you mean `present`?"));
    insta::assert_snapshot!("unknown_function", render(&err));
}

#[test]
fn wrong_arity() {
    let err = error(&rule_when("present(pricing.overage, pricing.model)"));
    assert_eq!(err.message, "`present` takes 1 argument, not 2");
    insta::assert_snapshot!("wrong_arity", render(&err));

    let err = error(&rule_when("has(vendor.certifications)"));
    assert_eq!(err.message, "`has` takes at least 2 arguments, not 1");
}

#[test]
fn comparison_error_span_ends_at_the_comparison() {
    let text = rule_when("pricing.overage > 30%");
    let err = error(&text);
    assert_eq!(err.span.text(&text), "pricing.overage > 30%");
}

#[test]
fn has_on_a_field_that_is_not_a_list() {
    let err = error(&rule_when("has(pricing.overage, iso27001)"));
    assert!(
        err.message.starts_with("`has` takes a list field"),
        "{}",
        err.message
    );
    insta::assert_snapshot!("has_not_a_list", render(&err));
}

#[test]
fn has_on_a_single_symbol_field() {
    let err = error(&rule_when("has(pricing.model, outcome)"));
    assert!(
        err.message.starts_with("`has` takes a list field"),
        "{}",
        err.message
    );
}

#[test]
fn invalid_regex_in_matches() {
    let err = error(&rule_when(r#"matches(vendor.name, "(K\\.K\\.")"#));
    assert!(
        err.message.starts_with("invalid regular expression"),
        "{}",
        err.message
    );
    insta::assert_snapshot!("invalid_regex", render(&err));
}

/// A backslash before a letter the language has no escape for is an error at the
/// escape, not a letter kept or a backslash dropped (`\d` reaching the regex as `d`).
#[test]
fn an_unknown_escape_in_a_string_is_an_error_at_the_escape() {
    let err = error(&rule_when(r#"matches(vendor.name, "K\\.K\\. \d")"#));
    assert_eq!(err.message, "`\\d` is not an escape of the rules language");
    insta::assert_snapshot!("unknown_escape", render(&err));
}

// ---------------------------------------------------------------------------------
//  Syntax and rule-shape errors
// ---------------------------------------------------------------------------------

#[test]
fn syntax_error_missing_closing_brace() {
    let text = "rule ACME-1 test-rule {\n  severity warning\n  when     present(pricing)\n  message  \"it fired\"\n";
    let err = error(text);
    insta::assert_snapshot!("syntax_missing_brace", render(&err));
}

#[test]
fn a_misspelt_statement_keyword_gets_a_did_you_mean() {
    let text = "rule ACME-1 test-rule {\n  severity warning\n  wen      present(pricing)\n  message  \"it fired\"\n}\n";
    let err = error(text);
    assert_eq!(
        err.help.as_deref(),
        Some("did you mean `when`? (docs/language.md §3 lists a rule's statements)")
    );
    insta::assert_snapshot!("syntax_misspelt_keyword", render(&err));
}

#[test]
fn syntax_error_stray_token() {
    let text = "rule ACME-1 test-rule {\n  severity warning\n  when     present(pricing) )\n  message  \"it fired\"\n}\n";
    let err = error(text);
    insta::assert_snapshot!("syntax_stray_token", render(&err));
}

#[test]
fn reserved_tl_prefix_in_a_custom_rule() {
    let text = "rule TL901 my-rule {\n  severity warning\n  when     present(pricing)\n  message  \"it fired\"\n}\n";
    let err = error(text);
    assert_eq!(
        err.message,
        "`TL901` uses the `TL` prefix, which is reserved for built-in rules"
    );
    insta::assert_snapshot!("reserved_prefix", render(&err));
}

#[test]
fn rule_without_when() {
    let text = "rule ACME-1 test-rule {\n  severity warning\n  message  \"it fired\"\n}\n";
    let err = error(text);
    assert_eq!(err.message, "rule `ACME-1` needs `when`");
    insta::assert_snapshot!("missing_when", render(&err));
}

#[test]
fn set_naming_an_unknown_rule() {
    let err = error("use builtin\nset high-turnvoer severity off\n");
    assert_eq!(
        err.message,
        "`set` names `high-turnvoer`, which is no loaded rule"
    );
    assert_eq!(err.help.as_deref(), Some("did you mean `high-turnover`?"));
    insta::assert_snapshot!("set_unknown_rule", render(&err));
}

// ---------------------------------------------------------------------------------
//  Files: duplicates, `use`, cycles
// ---------------------------------------------------------------------------------

/// Renders errors with a temporary folder's path replaced by `[tmp]`.
fn render_in(dir: &Path, errors: &[RuleError]) -> String {
    let shown = dir.display().to_string();
    render_all(errors).replace(&shown, "[tmp]")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write rule file");
    path
}

#[test]
fn duplicate_rule_id_across_two_files_shows_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(
        dir.path(),
        "a.rules",
        "rule ACME-1 first-rule {\n  severity warning\n  when     present(pricing)\n  message  \"first\"\n}\n",
    );
    let b = write(
        dir.path(),
        "b.rules",
        "// the same id as a.rules\nrule ACME-1 second-rule {\n  severity info\n  when     present(term)\n  message  \"second\"\n}\n",
    );
    let errs = load(&RuleConfig {
        builtin: false,
        files: vec![a, b],
    })
    .expect_err("duplicate ids must not load");
    assert_eq!(errs.len(), 1, "{}", render_all(&errs));
    let err = &errs[0];
    assert_eq!(err.message, "rule id `ACME-1` is already used");
    assert!(err.file().is_some_and(|f| f.ends_with("b.rules")));
    assert_eq!(err.elsewhere.len(), 1, "the first declaration is shown too");
    assert!(err.elsewhere[0]
        .file()
        .is_some_and(|f| f.ends_with("a.rules")));
    insta::assert_snapshot!("duplicate_id_two_files", render_in(dir.path(), &errs));
}

#[test]
fn use_of_a_missing_file() {
    let err = error("use \"policies/does-not-exist.rules\"\n");
    assert!(
        err.message.starts_with("cannot read rule file"),
        "{}",
        err.message
    );
    insta::assert_snapshot!("use_missing_file", render(&err));
}

#[test]
fn use_cycle_between_two_files_shows_both_uses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(
        dir.path(),
        "a.rules",
        "// a uses b\nuse \"b.rules\"\n\nrule ACME-1 first-rule {\n  severity warning\n  when     present(pricing)\n  message  \"first\"\n}\n",
    );
    write(
        dir.path(),
        "b.rules",
        "// b uses a: a cycle\nuse \"a.rules\"\n\nrule ACME-2 second-rule {\n  severity warning\n  when     present(term)\n  message  \"second\"\n}\n",
    );
    let errs = load(&RuleConfig {
        builtin: false,
        files: vec![a],
    })
    .expect_err("a cycle must not load");
    assert_eq!(errs.len(), 1, "{}", render_in(dir.path(), &errs));
    assert!(
        errs[0].message.starts_with("`use` cycle"),
        "{}",
        errs[0].message
    );
    insta::assert_snapshot!("use_cycle", render_in(dir.path(), &errs));
}

#[test]
fn a_diamond_of_uses_loads_each_file_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "common.rules",
        "rule ACME-1 common-rule {\n  severity warning\n  when     present(pricing)\n  message  \"common\"\n}\n",
    );
    write(dir.path(), "left.rules", "use \"common.rules\"\n");
    write(dir.path(), "right.rules", "use \"common.rules\"\n");
    let top = write(
        dir.path(),
        "top.rules",
        "use \"left.rules\"\nuse \"right.rules\"\nuse builtin\nuse builtin\n",
    );
    let set = load(&RuleConfig {
        builtin: true,
        files: vec![top],
    })
    .unwrap_or_else(|errs| panic!("{}", render_in(dir.path(), &errs)));
    let builtin = load(&RuleConfig {
        builtin: true,
        files: vec![],
    })
    .expect("built-ins");
    assert_eq!(set.rules().len(), builtin.rules().len() + 1);
}

// ---------------------------------------------------------------------------------
//  Multi-line `when`
// ---------------------------------------------------------------------------------

#[test]
fn multi_line_when_compiles_in_both_styles() {
    let operator_at_end = "rule ACME-1 at-end {\n  severity warning\n  when     pricing.model == monthly_fixed and\n           absent(pricing.included)\n  at       pricing.model\n  message  \"fixed plan without an allowance\"\n}\n";
    let operator_at_start = "rule ACME-2 at-start {\n  severity warning\n  each     service\n  when     service.direction == inbound\n           and not weekends(service)\n  message  \"weekday inbound\"\n}\n";
    let text = format!("{operator_at_end}\n{operator_at_start}");
    let set = compile(&text);
    assert_eq!(set.rules().len(), 2);
    let (report, _) = check_with(&set, CONTRACT);
    let ids: Vec<&str> = report.findings.iter().map(|f| &*f.rule).collect();
    // ACME-1: monthly_fixed, no `included`. ACME-2: two inbound weekday services.
    assert_eq!(ids, ["ACME-2", "ACME-2", "ACME-1"]);
}

// ---------------------------------------------------------------------------------
//  Messages
// ---------------------------------------------------------------------------------

#[test]
fn messages_interpolate_paths_and_escape_braces() {
    let rules = r#"rule ACME-1 message-test {
  severity warning
  when     present(pricing.overage)
  message  "{vendor.name} charges {pricing.overage} over {{the cap}}; base {pricing.base_fee}; included {pricing.included}"
  help     "model {pricing.model}, {{literal}} braces}}, notice {term.notice}"
}
"#;
    let found = findings(rules, CONTRACT);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "Acme Call Co. charges 250 JPY / call over {the cap}; base 300_000 JPY / month; included (not stated)"
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some("model monthly_fixed, {literal} braces}, notice tbd")
    );
}

#[test]
fn message_with_an_unknown_path() {
    let text = "rule ACME-1 test-rule {\n  severity warning\n  when     present(pricing)\n  message  \"overage is {pricing.overag}\"\n}\n";
    let err = error(text);
    assert_eq!(err.help.as_deref(), Some("did you mean `overage`?"));
    insta::assert_snapshot!("message_unknown_path", render(&err));
}

#[test]
fn message_with_an_unclosed_brace() {
    let text = "rule ACME-1 test-rule {\n  severity warning\n  when     present(pricing)\n  message  \"overage is {pricing.overage\"\n}\n";
    let err = error(text);
    assert_eq!(err.message, "a `{` in this message is never closed");
    insta::assert_snapshot!("message_unclosed_brace", render(&err));
}

// ---------------------------------------------------------------------------------
//  `each` and `at`
// ---------------------------------------------------------------------------------

#[test]
fn each_service_fires_once_per_service() {
    let rules = "rule ACME-1 per-service {\n  severity info\n  each     service\n  when     present(service)\n  message  \"{service.direction} {service.task}\"\n}\n";
    let (report, _) = check_with(&compile(rules), CONTRACT);
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "inbound order_taking",
            "outbound telemarketing",
            "inbound help_desk"
        ]
    );
    // Without `at`, each finding points at its own service's head.
    let heads: Vec<&str> = report
        .findings
        .iter()
        .map(|f| labelled(&report.text, f))
        .collect();
    assert_eq!(
        heads,
        [
            "service inbound order_taking",
            "service outbound telemarketing",
            "service inbound help_desk"
        ]
    );
}

#[test]
fn each_service_inside_is_that_service_without_it_any() {
    // With `each`, `service.hours` is that service's hours; without, any service's.
    let each = "rule ACME-1 per-service {\n  severity info\n  each     service\n  when     absent(service.hours)\n  message  \"no hours\"\n}\n";
    let (report, _) = check_with(&compile(each), CONTRACT);
    assert_eq!(report.findings.len(), 1);
    // No `at`, and the only path in `when` is absent: §3.2 sends the label to the
    // contract's header (not to the service the rule ran on).
    assert_eq!(
        labelled(&report.text, &report.findings[0]),
        "contract \"acme-2026\""
    );
    let with_at = each.replace("  message", "  at       service\n  message");
    let (report, _) = check_with(&compile(&with_at), CONTRACT);
    assert_eq!(
        labelled(&report.text, &report.findings[0]),
        "service inbound help_desk"
    );
    assert!(!fires("absent(service.hours)", CONTRACT));
    assert!(fires("service.direction == outbound", CONTRACT));
}

#[test]
fn at_falls_back_to_the_next_path_then_the_header() {
    let rule = |at: &str| {
        format!("rule ACME-1 at-test {{\n  severity info\n  when     present(pricing)\n  at       {at}\n  message  \"m\"\n}}\n")
    };
    let first = findings(&rule("pricing.overage, pricing.model"), CONTRACT);
    assert_eq!(labelled(CONTRACT, &first[0]), "overage  250 JPY / call");

    let second = findings(&rule("pricing.included, pricing.model"), CONTRACT);
    assert_eq!(labelled(CONTRACT, &second[0]), "model    monthly_fixed");

    let header = findings(&rule("pricing.included, kpi.report"), CONTRACT);
    assert_eq!(labelled(CONTRACT, &header[0]), "contract \"acme-2026\"");
    assert_eq!(lines(CONTRACT, &header), [1]);
}

#[test]
fn without_at_a_finding_points_at_the_first_present_path_of_when() {
    let found = findings(
        &rule_when("absent(kpi) and present(term.minimum)"),
        CONTRACT,
    );
    assert_eq!(labelled(CONTRACT, &found[0]), "minimum 3 months");
    let found = findings(&rule_when("absent(kpi)"), CONTRACT);
    assert_eq!(labelled(CONTRACT, &found[0]), "contract \"acme-2026\"");
}

// ---------------------------------------------------------------------------------
//  Absent values and `tbd` (§3.2)
// ---------------------------------------------------------------------------------

#[test]
fn comparisons_with_absent_or_tbd_are_false() {
    // absent
    assert!(!fires("pricing.included > 0 calls / month", CONTRACT));
    assert!(!fires(
        "pricing.included < 1_000_000 calls / month",
        CONTRACT
    ));
    assert!(!fires("pricing.included == 0 calls / month", CONTRACT));
    assert!(!fires("kpi.report != monthly", CONTRACT));
    assert!(!fires("data.personal_data == yes", CONTRACT));
    assert!(!fires("data.personal_data == no", CONTRACT));
    // tbd
    assert!(!fires("term.notice > 0 days", CONTRACT));
    assert!(!fires("term.notice <= 1000 days", CONTRACT));
    assert!(!fires("pricing.per_call > 0 JPY / call", CONTRACT));
    // arithmetic with an absent operand, and division by zero
    assert!(!fires(
        "pricing.base_fee / pricing.included > 0 JPY / call",
        CONTRACT
    ));
    assert!(!fires("term.notice + 1 day > 0 days", CONTRACT));
    assert!(!fires("pricing.base_fee / 0 > 0 JPY / month", CONTRACT));
    // ... and negating such a comparison is true
    assert!(fires("not (data.personal_data == yes)", CONTRACT));
    assert!(fires("not (term.notice > 0 days)", CONTRACT));
}

#[test]
fn present_absent_and_is_tbd() {
    assert!(fires("present(term.notice)", CONTRACT), "tbd is present");
    assert!(fires("is_tbd(term.notice)", CONTRACT));
    assert!(!fires("is_tbd(term.minimum)", CONTRACT));
    assert!(fires("is_tbd(pricing.*)", CONTRACT));
    assert!(fires("absent(data)", CONTRACT));
    assert!(!fires("absent(term)", CONTRACT));
    assert!(!fires("present(kpi.report)", CONTRACT));
}

// ---------------------------------------------------------------------------------
//  Units (§1 conversions)
// ---------------------------------------------------------------------------------

#[test]
fn durations_convert() {
    assert!(fires("term.minimum == 90 days", CONTRACT));
    assert!(fires("term.minimum == 3 months", CONTRACT));
    assert!(!fires("term.minimum > 90 days", CONTRACT));
    assert!(!fires("term.minimum < 90 days", CONTRACT));
    assert!(fires("vendor.staff.training >= 2160 hours", CONTRACT));
    assert!(fires("term.minimum < 1 year", CONTRACT));
    assert!(fires("term.minimum * 4 == 1 year", CONTRACT));
    // a year is 12 months of 30 days
    assert!(fires(
        "1 year == 12 months and 1 year == 360 days",
        CONTRACT
    ));
    assert!(fires("365 days > 1 year", CONTRACT));
    assert!(fires(
        "1 week == 168 hours and 1 h == 3600 s and 1 min == 60 sec",
        CONTRACT
    ));
}

#[test]
fn per_units_convert() {
    // `volume 100 calls / day` is 3000 calls a month.
    assert!(fires("service.volume == 3000 calls / month", CONTRACT));
    assert!(fires("service.volume == 100 calls / day", CONTRACT));
    assert!(!fires("service.volume < 3000 calls / month", CONTRACT));
    assert!(!fires("service.volume > 3000 calls / month", CONTRACT));
    assert!(fires("service.volume >= 36_000 calls / year", CONTRACT));
    // count units are labels: calls compare with contacts.
    assert!(fires("service.volume == 3000 contacts / month", CONTRACT));
    // money per month vs money per year
    assert!(fires("pricing.base_fee == 3_600_000 JPY / year", CONTRACT));
}

#[test]
fn money_of_two_currencies_never_compares() {
    let rules = RuleSet::default();
    let (_, clash) = check_with(&rules, CONTRACT);
    assert!(!clash);
    for when in [
        "pricing.overage > 1 USD / call",
        "pricing.overage < 1 USD / call",
        "pricing.overage == 250 USD / call",
        "pricing.overage >= 0 EUR / call",
        "pricing.overage != 250 USD / call",
        "pricing.overage in [250 USD / call, 1 EUR / call]",
    ] {
        let set = compile(&rule_when(when));
        let (report, clash) = check_with(&set, CONTRACT);
        assert!(report.findings.is_empty(), "{when} fired");
        assert!(clash, "{when}: the run must note the currency clash");
    }
    // Same currency, for contrast: no note.
    let set = compile(&rule_when("pricing.overage == 250 JPY / call"));
    let (report, clash) = check_with(&set, CONTRACT);
    assert_eq!(report.findings.len(), 1);
    assert!(!clash);
    // 円 and yen are JPY.
    assert!(fires("pricing.overage == 250 円 / call", CONTRACT));
    assert!(fires("pricing.overage == 250 yen / call", CONTRACT));
}

// ---------------------------------------------------------------------------------
//  The built-in catalogue
// ---------------------------------------------------------------------------------

#[test]
fn all_built_in_rules_compile_with_unique_ids_and_slugs() {
    let set = load(&RuleConfig {
        builtin: true,
        files: vec![],
    })
    .unwrap_or_else(|errs| panic!("{}", render_all(&errs)));
    let rules = set.rules();
    assert!(rules.len() >= 50, "only {} built-in rules", rules.len());
    let mut ids = HashSet::new();
    let mut slugs = HashSet::new();
    let mut listing = String::new();
    for rule in rules {
        assert!(ids.insert(rule.id.to_string()), "duplicate id {}", rule.id);
        assert!(
            slugs.insert(rule.slug.to_string()),
            "duplicate slug {}",
            rule.slug
        );
        assert!(!ids.contains(&*rule.slug) && !slugs.contains(&*rule.id));
        let severity = rule
            .severity
            .map_or_else(|| "off".to_string(), |s| s.to_string());
        listing.push_str(&format!(
            "{:<6} {:<36} {:<8} {}\n",
            rule.id, rule.slug, severity, rule.category
        ));
    }
    insta::assert_snapshot!("builtin_catalogue", listing);
}

#[test]
fn day_sets_and_time_ranges_are_literals_in_rules() {
    let rules = "rule ACME-1 weekday-office-hours {\n  severity info\n  each     service\n  when     service.hours.days == mon-fri and service.hours.time == 09:00-18:00\n  message  \"{service.task}\"\n}\nrule ACME-2 saturday {\n  severity info\n  each     service\n  when     service.hours.days == sat\n  message  \"{service.task}\"\n}\n";
    let contract = "contract \"c\" {\n  service inbound support { hours mon-fri 09:00-18:00 }\n  service inbound help_desk { hours mon-fri 09:00-17:00; hours sat 10:00-12:00 }\n}\n";
    let found = findings(rules, contract);
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (&*f.rule, f.message.as_str()))
        .collect();
    assert_eq!(got, [("ACME-1", "support"), ("ACME-2", "help_desk")]);
}

/// Findings carry names copied per worker thread (rules/names.rs).  Two rule sets
/// used in turn on one thread, and both on many threads at once, must each report
/// their own ids, slugs, categories and anchors — never the other set's.
#[test]
fn findings_carry_the_names_of_their_own_rule_set_on_any_thread() {
    let set = |id: &str, slug: &str, category: &str, at: &str| {
        compile(&format!(
            "rule {id} {slug} {{\n  severity warning\n  category {category}\n  when     present(pricing)\n  at       {at}\n  message  \"it fired\"\n}}\n"
        ))
    };
    let a = set("ACME-1", "first-rule", "pricing", "pricing.model");
    let b = set("ACME-2", "second-rule", "security", "pricing");
    let contract = "contract \"c\" {\n  title \"t\"\n  client \"k\"\n  start 2026-01-01\n  vendor \"v\" {}\n  pricing {\n    model monthly_fixed\n  }\n}\n";
    let names = |rules: &RuleSet| -> Vec<String> {
        check_with(rules, contract)
            .0
            .findings
            .iter()
            .map(|f| format!("{} {} {} {}", f.rule, f.slug, f.category, f.anchor))
            .collect()
    };
    let (want_a, want_b) = (
        ["ACME-1 first-rule pricing pricing.model"],
        ["ACME-2 second-rule security pricing"],
    );
    for _ in 0..3 {
        assert_eq!(names(&a), want_a);
        assert_eq!(names(&b), want_b);
    }
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..50 {
                    assert_eq!(names(&a), want_a);
                    assert_eq!(names(&b), want_b);
                }
            });
        }
    });
    // A set dropped and another made in its place is never mistaken for it.
    drop(a);
    let c = set("ACME-3", "third-rule", "staffing", "vendor");
    assert_eq!(names(&c), ["ACME-3 third-rule staffing vendor"]);
}

// ---------------------------------------------------------------------------------
//  Deep conditions: a diagnostic, never a stack overflow
// ---------------------------------------------------------------------------------

/// `count` copies of `op` joined into one condition, e.g. `not not … present(pricing)`
/// or `1 + 1 + … > 1`.
fn chain(count: usize, op: &str) -> String {
    match op {
        "not" => format!("{}present(pricing)", "not ".repeat(count)),
        _ => format!("{} > 1", vec!["2"; count + 1].join(&format!(" {op} "))),
    }
}

/// Runs `f` on a thread with a small stack, as a rayon worker or an editor's thread
/// may be: a condition that recursed once per operator would overflow here.
fn on_a_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no crash")
}

#[test]
fn three_thousand_operators_are_refused_where_the_limit_is_passed() {
    for op in ["not", "+", "*", "-"] {
        let text = rule_when(&chain(3000, op));
        let err = on_a_small_stack(move || error(&text));
        assert_eq!(
            err.message, "this condition is more than 64 operators deep",
            "{op}"
        );
        assert_eq!(err.label, "the limit is passed here", "{op}");
        assert!(err.help.as_deref().unwrap().contains("fewer operators"));
    }
}

#[test]
fn a_deep_condition_is_shown_at_the_operator_past_the_limit() {
    // One `not` a line, so the diagnostic reads as a user would see it.
    let when = format!("{}present(pricing)", "not\n   ".repeat(70));
    insta::assert_snapshot!("deep_not_chain", render(&error(&rule_when(&when))));
}

#[test]
fn a_condition_at_the_limit_loads_and_runs_on_a_small_stack() {
    for op in ["not", "+", "*"] {
        // 64 operators above the innermost value: a comparison and 63 arithmetic
        // operators, or 63 `not`s and the call `present(…)`.
        let when = chain(63, op);
        // 63 `not`s of a true `present(pricing)` are false; the sums and products
        // of 2s are above 1.
        let fired = on_a_small_stack(move || fires(&when, CONTRACT));
        assert_eq!(fired, op != "not", "{op}");
    }
}

#[test]
fn the_cli_reports_a_deep_rule_file_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("deep.rules");
    std::fs::write(&file, rule_when(&chain(3000, "not"))).unwrap();
    for command in ["check", "explain"] {
        let mut args = vec![command, "--rules", file.to_str().unwrap()];
        args.push(if command == "check" {
            "contracts/"
        } else {
            "ACME-1"
        });
        let (code, stdout, stderr) = common::termlint_parts(&args);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert_eq!(stdout, "", "{command}");
        assert!(
            stderr.contains("this condition is more than 64 operators deep"),
            "{command}: {stderr}"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any mix of `not`, `+`, `*` and brackets, of any depth, loads or is refused with
    /// a diagnostic; nothing overflows a 1 MiB stack.
    #[test]
    fn deep_random_conditions_never_crash(
        ops in proptest::collection::vec(0u8..4, 0..600),
    ) {
        let mut when = String::new();
        let mut open = 0;
        for op in &ops {
            match op {
                0 => when.push_str("not "),
                1 if open < 60 => { when.push('('); open += 1; }
                _ => {}
            }
        }
        when.push_str("pricing.base_fee");
        for op in &ops {
            match op {
                2 => when.push_str(" + pricing.base_fee"),
                3 => when.push_str(" * 2"),
                _ => {}
            }
        }
        when.push_str(&")".repeat(open));
        when.push_str(" > 1 JPY / month");
        let text = rule_when(&when);
        let result = on_a_small_stack(move || {
            load_source("custom.rules", &text, false).map(|_| ()).map_err(|e| e[0].message.clone())
        });
        // Loaded, or refused with a message (a type error where `not` meets money);
        // `on_a_small_stack` fails the test if the thread crashed.
        if let Err(message) = result {
            proptest::prop_assert!(!message.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------
//  Computed values in messages
// ---------------------------------------------------------------------------------

/// A hole may compute a number from the contract: money in whole yen, counts, a
/// duration in its largest whole unit, and `floor`, `ceil`, `round` as asked.
#[test]
fn a_message_hole_computes_numbers_from_the_contract() {
    let rules = r#"rule ACME-1 computed {
  severity info
  when     present(pricing.base_fee)
  message  "{pricing.base_fee / 7 calls}|{floor(pricing.base_fee / 7 calls)}|{ceil(vendor.staff.operators / 5)}|{round(vendor.staff.operators / 5)}|{vendor.staff.training * 2}|{pricing.base_fee * 2}"
  ja { message "{pricing.base_fee * 2}|`{pricing.base_fee * 2}`|{ceil(vendor.staff.operators / 5)}" }
}
"#;
    let found = findings(rules, CONTRACT);
    assert_eq!(
        found[0].message,
        "42_857 JPY / month|42_857 JPY / month|3|2|6 months|600_000 JPY / month"
    );
    let rules = compile(rules);
    let mut options = termlint::check::CheckOptions {
        today: today(),
        lang: termlint::lang::Lang::Ja,
        max_file_size: u64::MAX,
    };
    options.lang = termlint::lang::Lang::Ja;
    let clash = AtomicBool::new(false);
    let report =
        termlint::check::check_bytes("c.terms", CONTRACT.as_bytes(), &rules, &options, &clash);
    // In prose in Japanese words; in a code span as the contract writes it.
    assert_eq!(
        report.findings[0].message,
        "月600,000円|`600_000 JPY / month`|3"
    );
}

/// A hole whose figures the contract does not state says so, as a path hole does.
#[test]
fn a_computed_hole_without_its_figures_is_not_stated() {
    let rules = "rule ACME-1 computed {\n  severity info\n  when present(pricing)\n  message \"{pricing.base_fee / pricing.included}\"\n}\n";
    let found = findings(rules, CONTRACT);
    assert_eq!(found[0].message, "(not stated)");
}

#[test]
fn a_computed_hole_must_be_a_number_and_parse() {
    let not_a_number = "rule ACME-1 computed {\n  severity info\n  when present(pricing)\n  message \"{present(pricing.overage)}\"\n}\n";
    let err = error(not_a_number);
    assert!(
        err.message
            .starts_with("a computed value in a message must be a number"),
        "{}",
        err.message
    );
    let bad = "rule ACME-1 computed {\n  severity info\n  when present(pricing)\n  message \"fee {pricing.base_fee / }\"\n}\n";
    let err = error(bad);
    assert!(err.message.starts_with("syntax error"), "{}", err.message);
    // The error points into the hole, on the message's line.
    let rendered = render(&err);
    assert!(rendered.contains("custom.rules:4:"), "{rendered}");
    let unknown = "rule ACME-1 computed {\n  severity info\n  when present(pricing)\n  message \"{flor(pricing.overage)}\"\n}\n";
    let err = error(unknown);
    assert_eq!(err.help.as_deref(), Some("did you mean `floor`?"));
}

//! Helpers shared by the fuzz targets in `fuzz_targets/`: the run settings, the
//! invariants every result must keep, and the emitters the CLI would run next.
//!
//! Every check here panics with a message naming the broken invariant, so libFuzzer
//! reports it as a crash just like a panic inside termlint.

use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use termlint::check::{check_bytes, CheckOptions, FileReport, RunReport};
use termlint::diagnostic::Finding;
use termlint::lang::Lang;
use termlint::report::{github, human, json, sarif};
use termlint::rules::{load_source, RuleError, RuleSet};
use termlint::span::Span;
use termlint::value::Date;

/// A realistic contract from the repository, for the fuzzed rule sets to evaluate.
pub const NORTHWIND: &str = include_str!("../../contracts/northwind-telesales.terms");

/// One valid contract made by the generator of `benches/parse.rs` (contract 0): no
/// document problem, every block filled in.
pub const GENERATED: &str = include_str!("../fixtures/generated.terms");

/// The settings of every fuzzed run: a fixed date so runs reproduce.
#[must_use]
pub fn options() -> CheckOptions {
    CheckOptions {
        today: Date {
            year: 2026,
            month: 6,
            day: 1,
        },
        lang: Lang::En,
        max_file_size: 64 << 20,
    }
}

/// `check_bytes` with [`options`], its result checked with [`assert_report`].
#[must_use]
pub fn check(path: &str, bytes: &[u8], rules: &RuleSet) -> FileReport {
    let report = check_bytes(path, bytes, rules, &options(), &AtomicBool::new(false));
    assert_report(&report, bytes);
    report
}

/// Panics unless `span` lies inside `text` and starts and ends on char boundaries.
pub fn assert_span(span: Span, text: &str, what: &str) {
    assert!(
        span.start <= span.end,
        "{what}: span {span:?} is reversed (text of {} bytes)",
        text.len()
    );
    assert!(
        span.end <= text.len(),
        "{what}: span {span:?} ends past the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

/// The invariants of one checked file: every finding (and its related place) is
/// inside the shown text on char boundaries, findings are sorted by offset, and the
/// shown text has the file's length (invalid bytes are replaced one for one).
pub fn assert_report(report: &FileReport, bytes: &[u8]) {
    assert_eq!(
        report.text.len(),
        bytes.len(),
        "the shown text must keep every offset of the file"
    );
    for f in &report.findings {
        let what = format!("{} {}", f.rule, f.slug);
        assert_span(f.span, &report.text, &what);
        if let Some((related, _)) = &f.related {
            assert_span(*related, &report.text, &format!("{what} (related)"));
        }
    }
    assert!(
        report
            .findings
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        "findings are not sorted by offset"
    );
    assert!(report.not_audited <= report.contracts);
}

/// The invariants of rule-file errors: each points inside its own source, on char
/// boundaries, and so do its related place and its notes in other files.
pub fn assert_rule_error(error: &RuleError) {
    if let Some(source) = &error.source {
        let what = format!("rule error {:?} in {}", error.message, source.name);
        assert_span(error.span, &source.text, &what);
        if let Some((related, _)) = &error.related {
            assert_span(*related, &source.text, &format!("{what} (related)"));
        }
    }
    for note in &error.elsewhere {
        assert_rule_error(note);
    }
}

/// Renders rule errors as `termlint check` prints them (miette, 100 columns).
pub fn render_rule_errors(errors: &[RuleError]) {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100)
            .with_links(false);
    for error in errors {
        assert_rule_error(error);
        let mut out = String::new();
        let _ = handler.render_report(&mut out, error);
    }
}

/// The built-in rule set alone, loaded once per process: the same as
/// `load_source(name, "", true)`, which costs most of an input's time when repeated.
pub fn builtin() -> &'static RuleSet {
    static BUILTIN: OnceLock<RuleSet> = OnceLock::new();
    BUILTIN.get_or_init(|| match load_source("builtin", "", true) {
        Ok(rules) => rules,
        Err(errors) => panic!("the built-in rules do not load: {errors:?}"),
    })
}

/// What to render a checked run as.
#[derive(Clone, Copy)]
pub struct Formats {
    /// `--format sarif`: also renders every rule's descriptor (fuzzed rule text).
    pub sarif: bool,
    /// `--format human`: miette's drawing of each finding over the file's text.
    pub human: bool,
}

/// Renders a run as `--format json` and `--format github` (both turn every span into
/// lines and columns; both are written by hand), and as SARIF and human output if
/// asked.  The JSON must parse and give back every finding as it is
/// ([`assert_json`]); the GitHub output must be one workflow command per finding
/// ([`assert_github`]); SARIF must parse.  Human output only must not panic.
pub fn render(files: Vec<FileReport>, rules: &RuleSet, formats: Formats) {
    let run = RunReport {
        files,
        notes: Vec::new(),
    };
    assert_json(&run, &json::render(&run));
    assert_github(&run, &github::render(&run, true));
    if formats.sarif {
        let sarif = sarif::render(&run, rules);
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&sarif) {
            panic!("--format sarif is not JSON ({e}):\n{sarif}");
        }
    }
    if formats.human {
        let _ = human::render(
            &run,
            human::Style {
                color: false,
                width: 100,
                quiet: false,
                show_waived: true,
                lang: Lang::En,
            },
        );
    }
}

/// `--format json` parses, and its diagnostics are the run's findings, in order, with
/// every string as it was (the emitter escapes by hand) and the same offsets.
pub fn assert_json(run: &RunReport, out: &str) {
    let value: serde_json::Value = match serde_json::from_str(out) {
        Ok(v) => v,
        Err(e) => panic!("--format json is not JSON ({e}):\n{out}"),
    };
    let diagnostics = value["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("--format json has no diagnostics array:\n{out}"));
    let findings: Vec<(&FileReport, &Finding)> = run
        .files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |f| (file, f)))
        .collect();
    assert_eq!(
        diagnostics.len(),
        findings.len(),
        "--format json: one diagnostic per finding"
    );
    let text = |s: Option<&str>| s.map_or(serde_json::Value::Null, serde_json::Value::from);
    for (d, (file, f)) in diagnostics.iter().zip(findings) {
        let fields = [
            ("rule", text(Some(&f.rule))),
            ("slug", text(Some(&f.slug))),
            ("severity", text(Some(f.severity.as_str()))),
            ("category", text(Some(&f.category))),
            ("message", text(Some(&f.message))),
            ("help", text(f.help.as_deref())),
            ("file", text(Some(&file.path))),
            ("contract", text(f.contract.as_deref())),
            ("waived", serde_json::Value::from(f.waived.is_some())),
        ];
        for (key, want) in fields {
            assert_eq!(
                d[key], want,
                "--format json: `{key}` of {} {}",
                f.rule, f.slug
            );
        }
        assert_eq!(
            d["waiver_reason"],
            text(f.waived.as_ref().map(|w| w.reason.as_str())),
            "--format json: `waiver_reason`"
        );
        assert_eq!(d["span"]["offset"], f.span.start, "--format json: offset");
        assert_eq!(d["span"]["length"], f.span.len(), "--format json: length");
    }
}

/// `--format github` (waived findings shown): exactly one line per finding, each a
/// workflow command, so no contract text can end a command or start one.
pub fn assert_github(run: &RunReport, out: &str) {
    let findings: usize = run.files.iter().map(|f| f.findings.len()).sum();
    assert!(!out.contains('\r'), "--format github: a carriage return");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        findings,
        "--format github: one line per finding"
    );
    for line in lines {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|c| line.starts_with(c)),
            "--format github: not a workflow command: {line:?}"
        );
    }
}

/// False when a `use "…"` in the rule text could name a device or a kernel file
/// (`/dev/zero`, `/proc/self/fd/0`, `/sys/…`), or hides its path behind escapes:
/// reading such a "rule file" would block or never end, which is the fuzzing
/// machine's problem, not termlint's.  Any other path is fine: relative ones resolve
/// against the fuzzer's folder (`fuzz/`), and a missing file or one that is no rule
/// file is an error the loader reports.  Errs on the side of skipping: a `use "`
/// inside a comment or message counts too.
#[must_use]
pub fn safe_uses(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find("use") {
        let after = rest[at + 3..].trim_start();
        if let Some(body) = after.strip_prefix('"') {
            let end = body.find('"').unwrap_or(body.len());
            let path = &body[..end];
            if ["dev", "proc", "sys", "fd", "\\", "std", "tty", "fifo"]
                .iter()
                .any(|bad| path.contains(bad))
            {
                return false;
            }
        }
        rest = &rest[at + 3..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::safe_uses;

    #[test]
    fn uses() {
        assert!(safe_uses("use builtin"));
        assert!(safe_uses("use \"team.rules\" because"));
        assert!(!safe_uses("use \"/dev/zero\""));
        assert!(!safe_uses("use\n  \"../../proc/self/fd/0\""));
        assert!(!safe_uses("use \"\\u{2f}dev/zero\""));
        assert!(!safe_uses(
            "rule X y { message \"because\" } use \"/sys/x\""
        ));
    }
}

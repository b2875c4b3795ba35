//! `--format json`: the stable wire format of LANGUAGE.md §5.1.
//!
//! Keys are only ever added, never removed.  Diagnostics are sorted by file, offset
//! and rule id, so the output is byte-identical from run to run.

use serde::Serialize;

use super::{Emitter, FileReport, RunReport, Summary};
use crate::span::LineIndex;

#[derive(Serialize)]
struct Diagnostic<'a> {
    rule: &'a str,
    slug: &'a str,
    severity: &'a str,
    category: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    contract: Option<&'a str>,
    span: Span,
    waived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver_reason: Option<&'a str>,
}

#[derive(Serialize)]
struct Span {
    offset: usize,
    length: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

/// `--format json`.  Waived findings are always included, marked `"waived": true`,
/// so a consumer can audit what was accepted.  The summary comes after the
/// diagnostics: it is known only when every file has been checked, and writing it
/// last is what lets a run stream instead of holding every finding in memory.
pub struct Json;

impl Emitter for Json {
    fn begin(&self) -> String {
        "{\n  \"version\": 1,\n  \"diagnostics\": [".to_string()
    }

    fn file(&self, file: &FileReport) -> String {
        let index = LineIndex::new(&file.text);
        let mut out = String::new();
        for (i, f) in file.findings.iter().enumerate() {
            let start = index.line_col(&file.text, f.span.start);
            let end = index.line_col(&file.text, f.span.end);
            let diagnostic = Diagnostic {
                rule: &f.rule,
                slug: &f.slug,
                severity: f.severity.as_str(),
                category: &f.category,
                message: &f.message,
                help: f.help.as_deref(),
                file: &file.path,
                contract: f.contract.as_deref(),
                span: Span {
                    offset: f.span.start,
                    length: f.span.len(),
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                },
                waived: f.waived.is_some(),
                waiver_reason: f.waived.as_deref(),
            };
            if i > 0 {
                out.push(',');
            }
            out.push_str("\n    ");
            out.push_str(&indent(
                &serde_json::to_string_pretty(&diagnostic).unwrap_or_default(),
                "    ",
            ));
        }
        out
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, summary: &Summary) -> String {
        let summary = serde_json::to_string_pretty(summary).unwrap_or_default();
        format!("\n  ],\n  \"summary\": {}\n}}\n", indent(&summary, "  "))
    }
}

/// Indents every line but the first (which continues the current line).
fn indent(text: &str, by: &str) -> String {
    text.replace('\n', &format!("\n{by}"))
}

/// Renders a whole run as JSON.
#[must_use]
pub fn render(report: &RunReport) -> String {
    super::render(&Json, report)
}

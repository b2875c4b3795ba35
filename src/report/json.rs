//! `--format json`: the stable wire format of LANGUAGE.md §5.1.
//!
//! Keys are only ever added, never removed.  Diagnostics are sorted by file, offset
//! and rule id, so the output is byte-identical from run to run.

use serde::Serialize;

use super::RunReport;
use crate::check::Summary;
use crate::span::LineIndex;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<Diagnostic<'a>>,
}

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

/// Renders a run as JSON.  Waived findings are always included, marked
/// `"waived": true`, so a consumer can audit what was accepted.
#[must_use]
pub fn render(report: &RunReport) -> String {
    let mut diagnostics = Vec::new();
    for file in &report.files {
        let index = LineIndex::new(&file.text);
        for f in &file.findings {
            let start = index.line_col(&file.text, f.span.start);
            let end = index.line_col(&file.text, f.span.end);
            diagnostics.push(Diagnostic {
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
            });
        }
    }
    let output = Output {
        version: 1,
        summary: report.summary(),
        diagnostics,
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}

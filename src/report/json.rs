//! `--format json`: the stable wire format of LANGUAGE.md §5.1.
//!
//! Keys are only ever added, never removed.  Diagnostics are sorted by file, offset
//! and rule id, so the output is byte-identical from run to run.

use std::fmt::Write as _;

use super::{Emitter, FileReport, RunReport, Summary};
use crate::diagnostic::Finding;
use crate::span::LineIndex;

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
        if file.findings.is_empty() {
            return String::new();
        }
        let index = LineIndex::new(&file.text);
        let mut out = String::with_capacity(file.findings.len() * 640);
        for (i, f) in file.findings.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            diagnostic(&mut out, f, file, &index);
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

/// One diagnostic, laid out exactly as `serde_json::to_string_pretty` would at this
/// depth.  Written by hand: this runs once per finding, and a run over a large
/// corpus prints well over a hundred thousand of them.
fn diagnostic(out: &mut String, f: &Finding, file: &FileReport, index: &LineIndex) {
    let start = index.line_col(&file.text, f.span.start);
    let end = index.line_col(&file.text, f.span.end);
    let field = |out: &mut String, key: &str, value: Option<&str>| {
        let _ = write!(out, "\n      \"{key}\": ");
        match value {
            Some(v) => string(out, v),
            None => out.push_str("null"),
        }
        out.push(',');
    };
    out.push_str("\n    {");
    field(out, "rule", Some(&f.rule));
    field(out, "slug", Some(&f.slug));
    field(out, "severity", Some(f.severity.as_str()));
    field(out, "category", Some(&f.category));
    field(out, "message", Some(&f.message));
    field(out, "help", f.help.as_deref());
    field(out, "file", Some(&file.path));
    field(out, "contract", f.contract.as_deref());
    let _ = write!(
        out,
        "\n      \"span\": {{\n        \"offset\": {},\n        \"length\": {},\n        \"line\": {},\n        \"column\": {},\n        \"end_line\": {},\n        \"end_column\": {}\n      }},",
        f.span.start,
        f.span.len(),
        start.line,
        start.column,
        end.line,
        end.column
    );
    let _ = write!(out, "\n      \"waived\": {}", f.waived.is_some());
    if let Some(reason) = &f.waived {
        out.push_str(",\n      \"waiver_reason\": ");
        string(out, reason);
    }
    out.push_str("\n    }");
}

/// A JSON string literal, escaped as serde_json escapes it.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    // Messages rarely need escaping: copy the runs between escapes whole.
    while let Some(at) = rest
        .bytes()
        .position(|b| b < 0x20 || b == b'"' || b == b'\\')
    {
        out.push_str(&rest[..at]);
        let b = rest.as_bytes()[at];
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Renders a whole run as JSON.
#[must_use]
pub fn render(report: &RunReport) -> String {
    super::render(&Json, report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in [
            "plain",
            "quote \" and \\ back",
            "line\nfeed\r\ttab",
            "\u{0}\u{1f}\u{8}\u{c}",
            "受注 円 \u{3042}",
            "",
        ] {
            let mut out = String::new();
            super::string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }
}

//! `--format json`: the stable wire format of LANGUAGE.md §5.1.
//!
//! Keys are only ever added, never removed.  Diagnostics are sorted by file, offset
//! and rule id, so the output is byte-identical from run to run.

use std::fmt::Write as _;

use super::{Emitter, FileReport, RunReport, Summary};
use crate::diagnostic::Finding;
use crate::severity::Severity;
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

    fn file(&self, file: &FileReport, out: &mut String) {
        if file.findings.is_empty() {
            return;
        }
        let lines = LineIndex::new(&file.text);
        // The file's path, and each contract's id, are the same for many findings
        // in a row: quoted once, then copied.
        let mut path = String::with_capacity(file.path.len() + 2);
        string(&mut path, &file.path);
        let mut contract: (Option<&str>, String) = (None, "null".to_string());
        // Room for everything at once: growing a large buffer copies it each time.
        let text: usize = file
            .findings
            .iter()
            .map(|f| f.message.len() + f.help.as_ref().map_or(0, String::len))
            .sum();
        let room = text + file.findings.len() * (file.path.len() + 400);
        if out.is_empty() && out.capacity() < room {
            // A recycled buffer too small: a fresh one, not a grown one (growing
            // copies the old capacity's bytes, though none of them are kept).
            *out = String::with_capacity(room.next_power_of_two());
        } else {
            out.reserve(room);
        }
        for (i, f) in file.findings.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let id = f.contract.as_deref();
            if id != contract.0 {
                contract.1.clear();
                optional_string(&mut contract.1, id);
                contract.0 = id;
            }
            let quoted = Quoted {
                path: &path,
                contract: &contract.1,
            };
            diagnostic(out, f, &quoted, &file.text, &lines);
        }
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

/// A finding's file path and contract id, already quoted and escaped.
struct Quoted<'a> {
    path: &'a str,
    contract: &'a str,
}

/// One diagnostic, laid out exactly as `serde_json::to_string_pretty` would at this
/// depth.  Written by hand rather than through a derived `Serialize`: a large run
/// prints well over a hundred thousand findings, and serde_json's pretty printer
/// (its byte-at-a-time string escaping, its indentation writes) made the whole run
/// about a third slower (docs/performance.md).  The test below holds the escaping
/// to serde_json's.
fn diagnostic(out: &mut String, f: &Finding, quoted: &Quoted<'_>, text: &str, lines: &LineIndex) {
    let start = lines.line_col(text, f.span.start);
    let end = lines.line_col(text, f.span.end);
    out.push_str("\n    {\n      \"rule\": ");
    string(out, &f.rule);
    out.push_str(",\n      \"slug\": ");
    string(out, &f.slug);
    // A severity is one of three words: written with its neighbours in one piece.
    out.push_str(match f.severity {
        Severity::Error => ",\n      \"severity\": \"error\",\n      \"category\": ",
        Severity::Warning => ",\n      \"severity\": \"warning\",\n      \"category\": ",
        Severity::Info => ",\n      \"severity\": \"info\",\n      \"category\": ",
    });
    string(out, &f.category);
    out.push_str(",\n      \"message\": ");
    string(out, &f.message);
    out.push_str(",\n      \"help\": ");
    optional_string(out, f.help.as_deref());
    out.push_str(",\n      \"file\": ");
    out.push_str(quoted.path);
    out.push_str(",\n      \"contract\": ");
    out.push_str(quoted.contract);
    out.push_str(",\n      \"span\": {\n        \"offset\": ");
    number(out, f.span.start);
    out.push_str(",\n        \"length\": ");
    number(out, f.span.len());
    out.push_str(",\n        \"line\": ");
    number(out, start.line);
    out.push_str(",\n        \"column\": ");
    number(out, start.column);
    out.push_str(",\n        \"end_line\": ");
    number(out, end.line);
    out.push_str(",\n        \"end_column\": ");
    number(out, end.column);
    out.push_str("\n      },\n      \"waived\": ");
    out.push_str(if f.waived.is_some() { "true" } else { "false" });
    if let Some(waived) = &f.waived {
        out.push_str(",\n      \"waiver_reason\": ");
        string(out, &waived.reason);
        // Who accepted the risk and until when: what an audit of waivers asks.
        out.push_str(",\n      \"waiver_approved_by\": ");
        optional_string(out, waived.approved_by.as_deref());
        out.push_str(",\n      \"waiver_expires\": ");
        optional_string(out, waived.expires.map(|d| d.to_string()).as_deref());
    }
    out.push_str("\n    }");
}

fn optional_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// A decimal number, through `itoa` (what serde_json itself uses): `fmt`'s
/// machinery costs more here, where well over a hundred thousand findings of a
/// large run each write six numbers.
fn number(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Bytes JSON cannot hold between quotes as they are: control characters, `"`, `\\`.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

fn needs_escape(b: u8) -> bool {
    ESCAPED[usize::from(b)]
}

/// Whether `s` can be written between quotes as it is (nearly every string can).
fn is_clean(s: &str) -> bool {
    !s.bytes().any(needs_escape)
}

/// A JSON string literal, escaped as serde_json escapes it.
fn string(out: &mut String, s: &str) {
    out.push('"');
    if is_clean(s) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut rest = s;
    // Copy the runs between escapes whole.
    while let Some(at) = rest.bytes().position(needs_escape) {
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
            "a long message that is clean for more than thirty-two bytes, then \" a quote",
            "exactly thirty-two clean bytes!!",
        ] {
            let mut out = String::new();
            super::string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }
}

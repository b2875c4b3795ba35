//! `--format json`: the stable wire format of LANGUAGE.md §5.1.
//!
//! Keys are only ever added, never removed.  Diagnostics are sorted by file, offset
//! and rule id, so the output is byte-identical from run to run.

use std::fmt::Write as _;

use super::{Emitter, FileReport, RunReport, Summary};
use crate::diagnostic::Finding;
use crate::severity::Severity;
use crate::span::LineCursor;

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
        let mut lines = LineCursor::new(&file.text);
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
            diagnostic(out, f, &quoted, &mut lines);
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
/// depth.  Written by hand, without `fmt`: this runs once per finding, and a run over
/// a large corpus prints well over a hundred thousand of them.
fn diagnostic(out: &mut String, f: &Finding, quoted: &Quoted<'_>, lines: &mut LineCursor<'_>) {
    // Findings are sorted by start; the end is found from the start, so the cursor
    // only moves forward.
    let start = lines.line_col(f.span.start);
    let end = lines.clone().line_col(f.span.end);
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
    if let Some(reason) = &f.waived {
        out.push_str(",\n      \"waiver_reason\": ");
        string(out, reason);
    }
    out.push_str("\n    }");
}

fn optional_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// `0` to `99` written one after the other: a number below 100 is a slice of it.
const BELOW_100: &str = "0123456789101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// `00` to `99`: the last two digits of a larger number are a slice of it.
const PAIRS: &str = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

/// A decimal number, without going through `fmt`.  Lines, columns and lengths are
/// nearly always below 100, so those are copied from [`BELOW_100`]; a larger number
/// (an offset) is its leading digits, then its last two from [`PAIRS`].
fn number(out: &mut String, n: usize) {
    if n >= 100 {
        number(out, n / 100);
        let at = 2 * (n % 100);
        out.push_str(&PAIRS[at..at + 2]);
    } else if n >= 10 {
        let at = 10 + 2 * (n - 10);
        out.push_str(&BELOW_100[at..at + 2]);
    } else {
        out.push_str(&BELOW_100[n..=n]);
    }
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

/// Whether `s` can be written between quotes as it is.  Scans fixed-size blocks
/// without early exit inside a block, which the compiler turns into vector code;
/// a short string (an id, a slug) is checked eight bytes at a time in a `u64`, the
/// tail of a long one padded to a block.  Nearly every string is clean.
fn is_clean(s: &str) -> bool {
    const BLOCK: usize = 32;
    if s.len() < BLOCK {
        return is_clean_short(s.as_bytes());
    }
    let dirty = |block: &[u8; BLOCK]| {
        let mut dirty = false;
        for &b in block {
            dirty |= b < 0x20 || b == b'"' || b == b'\\';
        }
        dirty
    };
    let mut blocks = s.as_bytes().chunks_exact(BLOCK);
    for block in &mut blocks {
        if block.try_into().is_ok_and(&dirty) {
            return false;
        }
    }
    let tail = blocks.remainder();
    let mut padded = [b' '; BLOCK];
    padded[..tail.len()].copy_from_slice(tail);
    !dirty(&padded)
}

/// [`is_clean`] for a few bytes: eight at a time as one `u64`, the tail padded with
/// spaces.  A byte needs escaping if it is below 0x20 or equals `"` or `\\`; the
/// classic zero-byte test `(x - 0x01…) & !x & 0x80…` finds one in a word without
/// looking at its bytes one by one (it is exact about whether there is one).
fn is_clean_short(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let dirty = |word: u64| {
        let below_space = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let has_zero = |x: u64| x.wrapping_sub(ONES) & !x;
        (below_space | has_zero(quote) | has_zero(backslash)) & HIGH != 0
    };
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        if dirty(u64::from_le_bytes(eight)) {
            return false;
        }
    }
    let tail = words.remainder();
    let mut padded = [b' '; 8];
    padded[..tail.len()].copy_from_slice(tail);
    !dirty(u64::from_le_bytes(padded))
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

    /// The word-at-a-time check finds every byte that needs escaping, at every
    /// place in a word and in the padded tail, and nothing else.
    #[test]
    fn the_short_check_agrees_with_the_byte_table() {
        for len in 1..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    assert_eq!(
                        super::is_clean_short(&bytes),
                        !super::needs_escape(b),
                        "byte {b:#04x} at {at} of {len}"
                    );
                }
            }
        }
        assert!(super::is_clean_short(b""));
        assert!(super::is_clean_short("受注 \u{7f} ~".as_bytes()));
    }

    #[test]
    fn numbers_are_written_as_fmt_writes_them() {
        // Every pair of trailing digits, zeros inside (1005, 10_000), and the largest.
        for n in (0..20_000).chain([100_000, 1_000_001, usize::MAX]) {
            let mut out = String::new();
            super::number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}

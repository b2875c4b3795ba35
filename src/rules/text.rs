//! Scans of a rule file's text that need no grammar: the nesting pre-scan that runs
//! before pest, a condition printed on one line for `explain`, and the decoding of
//! strings and doc bodies.  The pest glue is `syntax.rs`.

use crate::span::Span;
use crate::syntax::lexeme::{comment_end, string_end};

/// Parentheses and brackets may nest this deep in an expression.
pub const MAX_NESTING: usize = 64;

/// Source text on one line: `//` comments dropped and each run of whitespace outside
/// a string literal made one space, so a condition written over several lines prints
/// as one and still parses to the same expression.
pub(crate) fn one_line(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if c == '/' && chars.peek() == Some(&'/') {
            // A comment runs to the end of its line; the line break is whitespace.
            for c in chars.by_ref() {
                if c == '\n' {
                    break;
                }
            }
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
        if c == '"' {
            // Copy the string literal untouched, escapes included.
            while let Some(c) = chars.next() {
                out.push(c);
                match c {
                    '\\' => out.extend(chars.next()),
                    '"' => break,
                    _ => {}
                }
            }
        }
    }
    out
}

/// Removes the common indentation of a `doc """…"""` body and its blank edges.
///
/// Docs are half of the built-in rules' text, converted on every run, so their lines
/// are found with one `memchr` pass (`str::lines` searches afresh for each line).
pub(super) fn dedent(body: &str) -> String {
    let lines = doc_lines(body);
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut text = String::with_capacity(body.len());
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        text.push_str(line.get(indent..).unwrap_or("").trim_end());
    }
    let kept = text.trim_end_matches('\n').len();
    text.truncate(kept);
    let blank_head = text.len() - text.trim_start_matches('\n').len();
    text.drain(..blank_head);
    text
}

/// The lines of `text` as [`str::lines`] gives them: split at `\n`, a `\r` before
/// it dropped, no empty line after a final `\n`.
fn doc_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::with_capacity(text.len() / 32);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// The first `(` or `[` past [`MAX_NESTING`], skipping strings and comments.
///
/// Docs and strings are most of a rule file's bytes (and the built-in files are read
/// on every run), so they are skipped with `memchr`, not looked at a byte at a time.
pub(super) fn too_deep(text: &str) -> Option<Span> {
    let b = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0);
    while i < b.len() {
        match b[i] {
            b'"' => {
                if b[i..].starts_with(b"\"\"\"") {
                    i = doc_end(b, i + 3) + 2;
                } else {
                    i = string_end(b, i + 1);
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => i = comment_end(b, i),
            b'(' | b'[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(Span::new(i, i + 1));
                }
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where the `"""` closing a doc body that starts at `from` begins (the end of the
/// text if there is none).
fn doc_end(b: &[u8], from: usize) -> usize {
    let rest = b.get(from..).unwrap_or_default();
    memchr::memmem::find(rest, b"\"\"\"").map_or(b.len().max(from), |n| from + n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::builtin;

    #[test]
    fn a_condition_over_several_lines_prints_on_one_keeping_strings_and_brackets() {
        let written = "(a.b == 1 // why\n    or  c)\n  and matches(d, \"x  //  \\\"y\")\n";
        assert_eq!(
            one_line(written),
            "(a.b == 1 or c) and matches(d, \"x  //  \\\"y\")"
        );
    }

    /// Openings inside strings, doc bodies and comments, and closings, do not count;
    /// an escaped quote does not end a string; a string ends at its line's end.
    #[test]
    fn too_deep_counts_only_the_openings_of_the_condition() {
        let past = MAX_NESTING + 1;
        let deep = |prefix: &str| format!("{prefix}{}", "(".repeat(past));
        for hidden in [
            "\"((((\" ",
            "\"a\\\"((\" ",
            "\"\"\" (( [[ \"\"\" ",
            "// (( [[\n",
            "\"open ((\n",
            "()[]",
            "あ ",
        ] {
            let text = deep(hidden);
            let at = text.len() - 1;
            assert_eq!(too_deep(&text), Some(Span::new(at, at + 1)), "{text:?}");
        }
        // One level short, whatever hides in the text.
        for text in [
            format!("{}\"(\"", "(".repeat(MAX_NESTING)),
            format!("\"\"\" unclosed {}", "(".repeat(past)),
            format!("// to the end {}", "(".repeat(past)),
            format!("{}){}", "(".repeat(MAX_NESTING), "["),
        ] {
            assert_eq!(too_deep(&text), None, "{text:?}");
        }
        for (_, text) in builtin::FILES {
            assert_eq!(too_deep(text), None);
        }
    }

    #[test]
    fn too_deep_finds_the_first_opening_past_the_limit() {
        let text = format!("\"(\" // (\n{}", "(".repeat(MAX_NESTING + 2));
        let at = text.len() - 2;
        assert_eq!(too_deep(&text), Some(Span::new(at, at + 1)));
    }

    #[test]
    fn dedent_removes_the_common_indentation_and_blank_edges() {
        for (body, want) in [
            ("", ""),
            ("\n\n  \n", ""),
            ("  one line  ", "one line"),
            (
                "\n  ## Title\n  text\n\n    indented\n  ",
                "## Title\ntext\n\n  indented",
            ),
            ("\r\n  crlf\r\n  lines\r\n", "crlf\nlines"),
            ("\n  日本語\n  　全角の空白\n", "日本語\n　全角の空白"),
            ("x\n  y", "x\n  y"),
            ("  bare\r\n  cr at the end\r", "bare\ncr at the end"),
        ] {
            assert_eq!(dedent(body), want, "{body:?}");
        }
    }
}

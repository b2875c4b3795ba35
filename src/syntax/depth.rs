//! A linear pre-scan that bounds block nesting before the recursive parser runs.
//!
//! pest descends once per nested block; a hostile file of 100,000 `{` would overflow
//! the stack.  Contracts nest 4 or 5 deep, the language allows 64 (§2.1), so this scan
//! finds the first `{` past the limit, skipping strings and comments exactly as the
//! grammar does, and the parser is not run on such a file.

use crate::span::Span;

/// Blocks may nest this deep (LANGUAGE.md §2.1).
pub const MAX_DEPTH: usize = 64;

/// The `{` that opens block number `MAX_DEPTH + 1`, if any.
#[must_use]
pub fn too_deep(text: &str) -> Option<Span> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            // As in the grammar, a quote opens a string only where a token starts; a
            // quote inside a stray token (`a"b`) is part of that token.
            b'"' if i == 0
                || matches!(
                    bytes[i - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b';' | b'{' | b'}'
                ) =>
            {
                // A string runs to its closing quote or, unterminated, to the line end.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(Span::new(i, i + 1));
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_in_strings_and_comments_do_not_count() {
        let text = format!("a \"{}\" // {}\n", "{".repeat(100), "{".repeat(100));
        assert_eq!(too_deep(&text), None);
    }

    #[test]
    fn finds_the_first_brace_past_the_limit() {
        let text = "a {".repeat(MAX_DEPTH + 2);
        let span = too_deep(&text).unwrap();
        assert_eq!(span.start, 3 * (MAX_DEPTH + 1) - 1);
    }
}

//! What lies between two tokens of a parsed `.terms` file: comments and blank lines.
//!
//! The syntax tree keeps only what a contract means, with the span of every name,
//! value and brace.  Everything between two of those spans is whitespace, `;` and
//! comments (a string is a value, so no quote can open in a gap), which is why the
//! formatter reads comments from the gaps instead of asking the grammar to keep them.

use crate::syntax::lexeme::comment_end;

/// One line of a gap worth keeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Trivia<'t> {
    /// An empty line between two things (several in a row count as one).
    Blank,
    /// A comment on a line of its own, `//` included, trailing spaces dropped.
    Comment(&'t str),
}

/// The gap `text[from..to]`, read.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Gap<'t> {
    /// A comment on the same line as the token before the gap.
    pub trailing: Option<&'t str>,
    /// The lines below it, in order; a blank line before the next token included.
    pub lines: Vec<Trivia<'t>>,
}

/// Reads the gap between two tokens.
pub(super) fn gap(text: &str, from: usize, to: usize) -> Gap<'_> {
    let bytes = text.as_bytes();
    let mut gap = Gap::default();
    let mut on_first_line = true;
    // Line breaks since the last token or comment: two or more leave an empty line.
    let mut breaks = 0;
    let mut i = from;
    while i < to {
        match bytes[i] {
            b'\n' => {
                breaks += 1;
                on_first_line = false;
                i += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = comment_end(bytes, i).min(to);
                let comment = text[i..end].trim_end();
                if on_first_line {
                    gap.trailing = Some(comment);
                } else {
                    if breaks >= 2 {
                        gap.lines.push(Trivia::Blank);
                    }
                    gap.lines.push(Trivia::Comment(comment));
                }
                breaks = 0;
                i = end;
            }
            _ => i += 1,
        }
    }
    if breaks >= 2 {
        gap.lines.push(Trivia::Blank);
    }
    gap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_gives_its_trailing_comment_blank_lines_and_comment_lines() {
        let text = "a 1  // same line \n\n\n  // own line\n// next\n\nb 2";
        let got = gap(text, 3, text.len() - 3);
        assert_eq!(got.trailing, Some("// same line"));
        assert_eq!(
            got.lines,
            vec![
                Trivia::Blank,
                Trivia::Comment("// own line"),
                Trivia::Comment("// next"),
                Trivia::Blank,
            ]
        );
    }

    #[test]
    fn semicolons_and_single_line_breaks_leave_nothing() {
        let text = "a 1;\n b 2";
        assert_eq!(gap(text, 3, 6), Gap::default());
    }
}

//! Which `}` closes which `{`, found by one linear scan before the parser runs.
//!
//! The scan skips strings and comments exactly as the grammar does, and has two jobs:
//!
//! - Bound nesting.  pest descends once per nested block, so a hostile file of
//!   100,000 `{` would overflow the stack.  Contracts nest 4 or 5 deep and the
//!   language allows 64 (§2.1); a deeper file is not parsed at all.
//! - Find the brace that does not match.  The grammar closes a block at the first
//!   `}`, so one extra `}` closes the wrong blocks from there on, and one missing `}`
//!   pulls everything after it, the next contract too, into the open block.  When the
//!   braces do not balance, this scan matches them the way a reader does, by
//!   indentation (rustc and taplo do the same for their diagnostics): a `}` that
//!   starts a line closes the open block whose line is indented as far, and a block
//!   left open ends before the first line indented no further than its own.  The
//!   parser nests nodes by these blocks, so a file gets one diagnostic at the brace
//!   that does not match, no cascade of misplaced fields, and every contract counts.
//!
//! A file whose braces balance is nested exactly as written, whatever its
//! indentation: indentation only decides where a mismatch is.

use super::lexeme::{comment_end, string_end};
use crate::problem::{Kind, Problem};
use crate::span::Span;

/// Blocks may nest this deep (LANGUAGE.md §2.1).
pub const MAX_DEPTH: usize = 64;

/// A tab indents to the next multiple of this many columns.
const TAB_WIDTH: u32 = 4;

/// Where each block of a file ends, and the problems with its braces.
#[derive(Debug, Default)]
pub struct Blocks {
    /// `(offset of a '{', end of its block)`, in text order.  The end is one past the
    /// `}` that closes the block, or where an unclosed block was cut.
    ends: Vec<(usize, usize)>,
    pub problems: Vec<Problem>,
}

impl Blocks {
    /// Where the block opened by the `{` at `open` ends; `None` for an offset the
    /// scan saw no `{` at.
    #[must_use]
    pub fn end_of(&self, open: usize) -> Option<usize> {
        let i = self.ends.binary_search_by_key(&open, |&(o, _)| o).ok()?;
        Some(self.ends[i].1)
    }
}

/// Scans `text`'s braces.
///
/// # Errors
/// The `{` that opens block number `MAX_DEPTH + 1`: the file is not to be parsed.
pub fn scan(text: &str) -> Result<Blocks, Span> {
    let lexed = lex(text);
    let plain = match_in_order(&lexed.braces)?;
    let matching = if plain.is_balanced() {
        plain
    } else {
        // Prefer the reader's matching unless it blames more braces than the plain
        // one: a file indented in a style of its own is then better served by the
        // plain count.
        let indented = match_by_indentation(&lexed.braces);
        if indented.problem_count() <= plain.problem_count() {
            indented
        } else {
            plain
        }
    };
    Ok(blocks(text, &lexed, &matching))
}

/// One `{` or `}` outside strings and comments.
struct Brace<'t> {
    at: usize,
    open: bool,
    /// Index of its line.
    line: usize,
    /// The indentation of its line, in columns.
    indent: u32,
    /// Nothing but spaces before it on its line.
    starts_line: bool,
    /// For a `{`: the name of the node it belongs to (`vendor`), if any.
    name: Option<&'t str>,
}

/// The first token of a line that holds one (not blank, not only a comment).
struct TokenLine {
    line: usize,
    at: usize,
    indent: u32,
}

struct Lexed<'t> {
    braces: Vec<Brace<'t>>,
    lines: Vec<TokenLine>,
}

fn lex(text: &str) -> Lexed<'_> {
    let bytes = text.as_bytes();
    let mut out = Lexed {
        braces: Vec::new(),
        lines: Vec::new(),
    };
    let mut line = 0;
    let mut indent = indentation(bytes, 0);
    let mut line_has_token = false;
    // Where the current statement (`name value* {`) starts: the name of a block.
    let mut statement: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let is_comment = b == b'/' && bytes.get(i + 1) == Some(&b'/');
        let starts_token = !(is_comment || matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b';'));
        let starts_line = starts_token && !line_has_token;
        if starts_line {
            line_has_token = true;
            out.lines.push(TokenLine {
                line,
                at: i,
                indent,
            });
        }
        match b {
            b'\n' => {
                line += 1;
                indent = indentation(bytes, i + 1);
                line_has_token = false;
                statement = None;
            }
            b';' => statement = None,
            // As in the grammar, a quote opens a string only where a token starts; a
            // quote inside a stray token (`a"b`) is part of that token.
            b'"' if i == 0
                || matches!(
                    bytes[i - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b';' | b'{' | b'}'
                ) =>
            {
                statement.get_or_insert(i);
                i = string_end(bytes, i + 1);
                if i < bytes.len() && bytes[i] == b'\n' {
                    continue; // an unterminated string: the newline ends the line as above
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                // Stop on the line break so that the arm above counts the line.
                i = comment_end(bytes, i);
                continue;
            }
            b'{' | b'}' => {
                let open = b == b'{';
                out.braces.push(Brace {
                    at: i,
                    open,
                    line,
                    indent,
                    starts_line,
                    name: statement
                        .filter(|_| open)
                        .and_then(|s| node_name(&text[s..])),
                });
                statement = None;
            }
            b' ' | b'\t' | b'\r' => {}
            _ => {
                statement.get_or_insert(i);
            }
        }
        i += 1;
    }
    out
}

/// The columns of spaces and tabs at `from`, the start of a line.
fn indentation(bytes: &[u8], from: usize) -> u32 {
    let mut columns = 0;
    for &b in bytes.get(from..).unwrap_or_default() {
        match b {
            b' ' => columns += 1,
            b'\t' => columns = (columns / TAB_WIDTH + 1) * TAB_WIDTH,
            _ => break,
        }
    }
    columns
}

/// The field name a statement starts with, if it starts with one.
fn node_name(statement: &str) -> Option<&str> {
    let end = statement
        .bytes()
        .position(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
        .unwrap_or(statement.len());
    let name = &statement[..end];
    name.starts_with(|c: char| c.is_ascii_lowercase())
        .then_some(name)
}

/// Which brace closes which, by index into the lexed braces.
#[derive(Default)]
struct Matching {
    pairs: Vec<(usize, usize)>,
    /// Each unmatched `}`, with the `}` matched last before it, if any.
    stray: Vec<(usize, Option<usize>)>,
    unclosed: Vec<usize>,
}

impl Matching {
    fn is_balanced(&self) -> bool {
        self.stray.is_empty() && self.unclosed.is_empty()
    }

    fn problem_count(&self) -> usize {
        self.stray.len() + self.unclosed.len()
    }

    fn close(&mut self, open: usize, close: usize) {
        self.pairs.push((open, close));
    }

    fn last_closed(&self) -> Option<usize> {
        self.pairs.last().map(|&(_, close)| close)
    }
}

/// Each `}` closes the innermost open `{`, as the grammar reads them.
fn match_in_order(braces: &[Brace<'_>]) -> Result<Matching, Span> {
    let mut matching = Matching::default();
    let mut open = Vec::new();
    for (i, brace) in braces.iter().enumerate() {
        if brace.open {
            open.push(i);
            if open.len() > MAX_DEPTH {
                return Err(Span::new(brace.at, brace.at + 1));
            }
        } else if let Some(o) = open.pop() {
            matching.close(o, i);
        } else {
            let last = matching.last_closed();
            matching.stray.push((i, last));
        }
    }
    matching.unclosed = open;
    Ok(matching)
}

/// Each `}` that starts a line closes the open `{` indented as far; a `}` after
/// other text on its line closes the innermost, as written.  Only called on a file
/// whose braces do not balance, and never nests deeper than [`match_in_order`]
/// allowed.
fn match_by_indentation(braces: &[Brace<'_>]) -> Matching {
    let mut matching = Matching::default();
    let mut open: Vec<usize> = Vec::new();
    for (i, brace) in braces.iter().enumerate() {
        if brace.open {
            open.push(i);
            continue;
        }
        let Some(&top) = open.last() else {
            let last = matching.last_closed();
            matching.stray.push((i, last));
            continue;
        };
        let inner = &braces[top];
        if !brace.starts_line || inner.line == brace.line || inner.indent == brace.indent {
            open.pop();
            matching.close(top, i);
            continue;
        }
        // The blocks above the one indented like this `}` were left open.
        let outer = open
            .iter()
            .rposition(|&o| braces[o].indent <= brace.indent)
            .filter(|&p| braces[open[p]].indent == brace.indent);
        if let Some(p) = outer {
            matching.unclosed.extend(open.drain(p + 1..));
            let o = open.pop().unwrap_or(top);
            matching.close(o, i);
        } else if inner.indent < brace.indent {
            // Indented deeper than any open block: its block was closed already.
            let last = matching.last_closed();
            matching.stray.push((i, last));
        } else {
            open.pop();
            matching.close(top, i);
        }
    }
    matching.unclosed.extend(open);
    matching.unclosed.sort_unstable();
    matching
}

/// The block ends and problems of a matching.
fn blocks(text: &str, lexed: &Lexed<'_>, matching: &Matching) -> Blocks {
    let braces = &lexed.braces;
    let mut out = Blocks::default();
    for &(open, close) in &matching.pairs {
        out.ends.push((braces[open].at, braces[close].at + 1));
    }
    for &(stray, last) in &matching.stray {
        let at = braces[stray].at;
        let closed = last.map(|close| {
            let open = matching
                .pairs
                .iter()
                .find(|&&(_, c)| c == close)
                .map(|&(o, _)| o);
            (close, open.and_then(|o| braces[o].name))
        });
        let kind = Kind::StrayClose {
            after: closed.and_then(|(_, name)| name).map(str::to_string),
        };
        let mut problem = Problem::new(Span::new(at, at + 1), kind);
        if let Some((close, _)) = closed {
            let at = braces[close].at;
            problem = problem.with_related(Span::new(at, at + 1));
        }
        out.problems.push(problem);
    }
    for &open in &matching.unclosed {
        let brace = &braces[open];
        // The block ends before the first later line indented no further than its own.
        let cut = lexed
            .lines
            .iter()
            .find(|l| l.line > brace.line && l.indent <= brace.indent);
        let end = cut.map_or(text.len(), |l| l.at);
        out.ends.push((brace.at, end));
        let kind = Kind::UnclosedBlock {
            name: brace.name.map(str::to_string),
            before_line: cut.map(|l| l.line + 1),
        };
        let mut problem = Problem::new(Span::new(brace.at, brace.at + 1), kind);
        if let Some(l) = cut {
            problem = problem.with_related(Span::new(l.at, token_end(text, l.at)));
        }
        out.problems.push(problem);
    }
    out.ends.sort_unstable();
    out
}

/// One past the token that starts at `at`.
fn token_end(text: &str, at: usize) -> usize {
    text[at..]
        .find([' ', '\t', '\r', '\n', ';'])
        .map_or(text.len(), |n| at + n.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(usize, Kind, Option<Span>)> {
        scan(text)
            .unwrap()
            .problems
            .into_iter()
            .map(|p| (p.span.start, p.kind, p.related))
            .collect()
    }

    #[test]
    fn braces_in_strings_and_comments_do_not_count() {
        let text = format!("a \"{}\" // {}\n", "{".repeat(100), "{".repeat(100));
        assert!(scan(&text).unwrap().problems.is_empty());
    }

    #[test]
    fn finds_the_first_brace_past_the_limit() {
        let text = "a {".repeat(MAX_DEPTH + 2);
        let span = scan(&text).unwrap_err();
        assert_eq!(span.start, 3 * (MAX_DEPTH + 1) - 1);
    }

    #[test]
    fn balanced_braces_nest_as_written_whatever_the_indentation() {
        let text = "a {\n      b 1\n        }\nc {\n}\n";
        let blocks = scan(text).unwrap();
        assert!(blocks.problems.is_empty());
        assert_eq!(blocks.end_of(2), Some(text.find("}\nc").unwrap() + 1));
    }

    #[test]
    fn an_extra_close_is_the_one_indented_deeper_than_any_open_block() {
        let text = "a {\n  b {\n    c 1\n  }\n  }\n  d 2\n}\n";
        let extra = text.find("  }\n  d").unwrap() + 2;
        let first = text.find("  }").unwrap() + 2;
        assert_eq!(
            kinds(text),
            [(
                extra,
                Kind::StrayClose {
                    after: Some("b".into())
                },
                Some(Span::new(first, first + 1))
            )]
        );
        assert_eq!(scan(text).unwrap().end_of(2), Some(text.len() - 1));
    }

    #[test]
    fn a_missing_close_ends_its_block_at_the_next_line_indented_as_far() {
        let text = "a {\n  b {\n    c 1\n  d 2\n}\ne {\n}\n";
        let b = text.find("b {").unwrap() + 2;
        let d = text.find("d 2").unwrap();
        assert_eq!(
            kinds(text),
            [(
                b,
                Kind::UnclosedBlock {
                    name: Some("b".into()),
                    before_line: Some(4)
                },
                Some(Span::new(d, d + 1))
            )]
        );
        let blocks = scan(text).unwrap();
        assert_eq!(blocks.end_of(b), Some(d));
        assert_eq!(blocks.end_of(2), Some(text.find("}\ne").unwrap() + 1));
    }

    #[test]
    fn a_block_open_at_the_end_of_the_file_ends_there() {
        let text = "a {\n  b 1\n";
        assert_eq!(
            kinds(text),
            [(
                2,
                Kind::UnclosedBlock {
                    name: Some("a".into()),
                    before_line: None
                },
                None
            )]
        );
        assert_eq!(scan(text).unwrap().end_of(2), Some(text.len()));
    }

    #[test]
    fn a_missing_contract_close_does_not_swallow_the_next_contract() {
        let text = "contract \"x\" {\n  a 1\ncontract \"y\" {\n  b 2\n}\n";
        let blocks = scan(text).unwrap();
        assert_eq!(
            blocks.end_of(13),
            Some(text.find("contract \"y\"").unwrap())
        );
    }
}

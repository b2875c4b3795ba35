//! Where the cursor is in a contract being typed: inside which blocks, and what of
//! the current node is written before it.
//!
//! Completion runs on half-typed text that often does not parse, so this reads
//! only what a prefix of the text says for sure: the `{` and `}` before the cursor
//! (strings and comments skipped as the parser skips them) and the words of the
//! current line.  It reads no values; the parser and schema do that.

use crate::syntax::lexeme::{comment_end, string_end};
use crate::syntax::tree::{Document, Node};

/// The cursor's surroundings in a `.terms` text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor<'t> {
    /// The names of the blocks the cursor is in, outermost first (`contract`,
    /// `vendor`, `staff`).
    pub blocks: Vec<&'t str>,
    /// The words of the current node before the word being typed.
    pub words: Vec<&'t str>,
    /// The word being typed, up to the cursor (empty after a space).
    pub partial: &'t str,
    /// Where `partial` starts.
    pub partial_start: usize,
    /// The cursor is in a string or a comment, where nothing is completed.
    pub in_text: bool,
}

/// Reads the surroundings of byte `offset` of `text`.
#[must_use]
pub fn at(text: &str, offset: usize) -> Cursor<'_> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let bytes = text.as_bytes();
    let mut blocks = Vec::new();
    let mut node_start = 0;
    let mut in_text = false;
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i + 1);
                if end >= offset {
                    in_text = true;
                    break;
                }
                i = end + 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = comment_end(bytes, i);
                if end >= offset {
                    in_text = true;
                    break;
                }
                i = end;
                continue;
            }
            b'{' => {
                blocks.push(first_word(&text[node_start..i]));
                node_start = i + 1;
            }
            b'}' => {
                blocks.pop();
                node_start = i + 1;
            }
            b'\n' | b';' => node_start = i + 1,
            _ => {}
        }
        i += 1;
    }
    let node = &text[node_start.min(offset)..offset];
    let partial_len = node
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    let partial_start = offset - partial_len;
    Cursor {
        blocks,
        words: node[..node.len() - partial_len]
            .split_whitespace()
            .collect(),
        partial: &text[partial_start..offset],
        partial_start,
        in_text,
    }
}

/// What of a node the cursor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Name,
    /// The argument at this position.
    Arg(usize),
}

/// The node whose name or argument is under `offset`, with its ancestors (outermost
/// first, the node last), in a parsed document.
#[must_use]
pub fn node_at<'d, 't>(
    document: &'d Document<'t>,
    offset: usize,
) -> Option<(Vec<&'d Node<'t>>, Part)> {
    let mut path = Vec::new();
    let mut nodes = document.nodes.as_slice();
    // The depth is bounded by the parser's nesting limit.
    loop {
        let node = nodes
            .iter()
            .find(|n| n.name_span.start <= offset && offset <= n.end())?;
        path.push(node);
        if node.name_span.start <= offset && offset <= node.name_span.end {
            return Some((path, Part::Name));
        }
        if let Some(i) = node
            .args
            .iter()
            .position(|a| a.span.start <= offset && offset <= a.span.end)
        {
            return Some((path, Part::Arg(i)));
        }
        nodes = node.children();
    }
}

/// The schema path of a node from its ancestors (`pricing.overage`; the contract
/// itself is the empty path).
#[must_use]
pub fn schema_path(path: &[&Node<'_>]) -> String {
    path.iter()
        .skip(1)
        .map(|n| n.name)
        .collect::<Vec<_>>()
        .join(".")
}

fn first_word(head: &str) -> &str {
    head.split_whitespace().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(text_with_bar: &str) -> Cursor<'_> {
        let offset = text_with_bar.find('|').unwrap();
        // The bar is not part of the text: everything before it is.
        at(&text_with_bar[..offset], offset)
    }

    #[test]
    fn reads_the_blocks_and_the_words_before_the_cursor() {
        let c = cursor("contract \"c\" {\n  vendor \"V { x\" {\n    staff { operators 3; supervi|");
        assert_eq!(c.blocks, ["contract", "vendor", "staff"]);
        assert!(c.words.is_empty());
        assert_eq!(c.partial, "supervi");

        let c = cursor("contract \"c\" {\n  pricing {\n    model |");
        assert_eq!(c.blocks, ["contract", "pricing"]);
        assert_eq!(c.words, ["model"]);
        assert_eq!(c.partial, "");

        let c =
            cursor("contract \"c\" {\n  vendor \"V\" { sites 2 }\n  // a } in a comment\n  ser|");
        assert_eq!(c.blocks, ["contract"]);
        assert_eq!(c.partial, "ser");
    }

    #[test]
    fn nothing_is_completed_inside_a_string_or_a_comment() {
        assert!(cursor("contract \"c\" {\n  title \"Acme |").in_text);
        assert!(cursor("contract \"c\" {\n  // note |").in_text);
        assert!(!cursor("contract \"c\" {\n  title \"Acme\" |").in_text);
    }
}

//! A `.terms` file as the layout's items, built node by node as the one parser reads
//! it: each node's line when its head is read, each block's body when it ends, and
//! the comments and blank lines from the gaps between the nodes' spans.  As in
//! `check`, no syntax tree is built on the way: it was only walked once and freed
//! (docs/performance.md has what that cost `fmt --check`).

use std::borrow::Cow;

use super::layout::{between, write_file, Align, Body, Item, Line, Placed};
use crate::problem::Problem;
use crate::span::Span;
use crate::syntax::lexeme::canonical_value;
use crate::syntax::sink::{replay, BlockEdges, Sink};
use crate::syntax::tree::{head_span, Arg, Node};

/// `text` in the canonical layout.
///
/// # Errors
/// The file's syntax problems, when it has any: a file that does not parse is never
/// rewritten, since what it means is not known.
pub fn format(text: &str) -> Result<String, Vec<Problem>> {
    let mut lines = Lines::new(text);
    if crate::syntax::read_well_formed(text, &mut lines).is_some() {
        return Ok(lines.written());
    }
    // The fast reader gave up: the grammar says what is wrong.  Should it say nothing
    // is (the two are held to agree, so this is a reader's bug), the file is laid out
    // from the grammar's tree instead of being refused unexplained.
    let parsed = crate::syntax::parse_with_grammar(text);
    if !parsed.problems.is_empty() {
        return Err(parsed.problems);
    }
    Ok(from_tree(text, &parsed.document.nodes))
}

/// The file laid out from a tree the grammar read.
fn from_tree(text: &str, nodes: &[Node<'_>]) -> String {
    let mut lines = Lines::new(text);
    replay(nodes, &mut lines);
    lines.written()
}

/// The [`Sink`] that lays a file out as it is read.
///
/// The nodes not yet placed in their block are on one stack: a node's line is
/// pushed when its head is read, its children go above it, and are moved out —
/// with the gaps between them read — when its block ends.
struct Lines<'t> {
    text: &'t str,
    nodes: Vec<Placed<'t>>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text,
            nodes: Vec::with_capacity(64),
        }
    }

    /// The file written out, once every node has ended.
    fn written(self) -> String {
        let (header, items) = between(self.text, self.nodes, 0..self.text.len());
        write_file(self.text, header, items, Align::Run)
    }
}

impl<'t> Sink<'t> for Lines<'t> {
    /// The node's place on the stack.
    type Mark = usize;

    fn head(&mut self, name: &'t str, name_span: Span, args: &mut Vec<Arg<'t>>) -> usize {
        let text = self.text;
        let at = self.nodes.len();
        self.nodes.push(Placed {
            start: name_span.start,
            end: head_span(name_span, args).end,
            line: Line {
                name,
                values: args.iter().map(|arg| value_text(text, arg)).collect(),
                continued: None,
                aligned: true,
                trailing: None,
                block: None,
            },
        });
        at
    }

    fn end(&mut self, at: usize, block: Option<BlockEdges>) {
        let Some(edges) = block else { return };
        let text = self.text;
        // A file without syntax problems closes every block with the `}` before `end`.
        let close = edges.end - 1;
        let (after_open, items) = between(text, self.nodes.drain(at + 1..), edges.open.end..close);
        let written_on_one_line = !text[edges.open.start..edges.end].contains('\n');
        let one_line = written_on_one_line
            && after_open.is_none()
            && items.iter().all(|item| match item {
                Item::Node(line) => line.block.is_none() && line.trailing.is_none(),
                Item::Trivia(_) => false,
            });
        let node = &mut self.nodes[at];
        node.end = edges.end;
        node.line.block = Some(Body {
            after_open,
            items,
            one_line,
            align: Align::Run,
        });
    }
}

/// A value as written, with its inner spacing made canonical (the same text a
/// message quotes).
fn value_text<'t>(text: &'t str, arg: &Arg<'_>) -> Cow<'t, str> {
    canonical_value(&text[arg.span.start..arg.span.end])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file laid out from the grammar's tree, as [`format`] does should the fast
    /// reader ever refuse a well-formed file.
    fn from_the_grammar(text: &str) -> String {
        let parsed = crate::syntax::parse_with_grammar(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        from_tree(text, &parsed.document.nodes)
    }

    #[test]
    fn the_grammars_tree_lays_a_file_out_as_the_fast_reader_does() {
        let text = "// header\ncontract \"A\"  {  // opens\n  vendor { name \"V\";  staff { operators 12 } }\n\n\n  pricing {\n    model per_call // why\n    per_call   300 JPY/call\n  }\n}\n";
        let fast = format(text).unwrap();
        assert_eq!(from_the_grammar(text), fast);
        assert_eq!(
            fast,
            "// header\ncontract \"A\" {  // opens\n  vendor {\n    name \"V\"\n    staff { operators 12 }\n  }\n\n  pricing {\n    model    per_call  // why\n    per_call 300 JPY / call\n  }\n}\n"
        );
    }

    #[test]
    fn every_bundled_contract_lays_out_alike_from_either_reader() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for folder in ["contracts", "tests"] {
            for entry in walkdir::WalkDir::new(root.join(folder)) {
                let path = entry.unwrap().into_path();
                if path.extension().is_none_or(|e| e != "terms") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                if crate::syntax::parse_with_grammar(&text).problems.is_empty() {
                    let fast = format(&text).unwrap();
                    assert_eq!(from_the_grammar(&text), fast, "{}", path.display());
                    seen += 1;
                }
            }
        }
        assert!(seen > 50, "only {seen} well-formed contracts found");
    }
}

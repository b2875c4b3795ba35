//! A `.terms` file's tree as the layout's items: nodes from the one parser's tree,
//! comments and blank lines from the gaps between its spans.

use std::borrow::Cow;

use super::layout::{between, write_file, Align, Body, Item, Line};
use crate::problem::Problem;
use crate::syntax::lexeme::canonical_value;
use crate::syntax::tree::{Arg, Block, Node};

/// `text` in the canonical layout.
///
/// # Errors
/// The file's syntax problems, when it has any: a file that does not parse is never
/// rewritten, since what it means is not known.
pub fn format(text: &str) -> Result<String, Vec<Problem>> {
    let parsed = crate::syntax::parse(text);
    if !parsed.problems.is_empty() {
        return Err(parsed.problems);
    }
    let (header, items) = nodes(text, &parsed.document.nodes, 0, text.len());
    Ok(write_file(text, header, items, Align::Run))
}

/// The nodes between `from` and `to` with the trivia around them.
fn nodes<'t>(
    text: &'t str,
    nodes: &[Node<'t>],
    from: usize,
    to: usize,
) -> (Option<&'t str>, Vec<Item<'t>>) {
    between(text, nodes, from..to, |node| {
        (node.name_span.start, node.end(), line(text, node))
    })
}

fn line<'t>(text: &'t str, node: &Node<'t>) -> Line<'t> {
    Line {
        name: node.name,
        values: node.args.iter().map(|arg| value_text(text, arg)).collect(),
        continued: None,
        aligned: true,
        trailing: None,
        block: node.block.as_ref().map(|block| body(text, block)),
    }
}

fn body<'t>(text: &'t str, block: &Block<'t>) -> Body<'t> {
    // A file without syntax problems closes every block with the `}` before `end`.
    let close = block.end - 1;
    let (after_open, items) = nodes(text, &block.children, block.open.end, close);
    let written_on_one_line = !text[block.open.start..block.end].contains('\n');
    let one_line = written_on_one_line
        && after_open.is_none()
        && items.iter().all(|item| match item {
            Item::Node(line) => line.block.is_none() && line.trailing.is_none(),
            Item::Trivia(_) => false,
        });
    Body {
        after_open,
        items,
        one_line,
        align: Align::Run,
    }
}

/// A value as written, with its inner spacing made canonical (the same text a
/// message quotes).
fn value_text<'t>(text: &'t str, arg: &Arg<'_>) -> Cow<'t, str> {
    canonical_value(&text[arg.span.start..arg.span.end])
}

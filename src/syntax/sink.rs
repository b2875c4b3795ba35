//! What the fast reader hands on as it reads: one node at a time, never a tree.
//!
//! `check` validates each file once and then drops its syntax tree, so building
//! that tree (a vector of arguments per node, one of children per block, all freed
//! again) was pure overhead: the fast reader instead reports each node to a
//! [`Sink`] — the schema's validator, which builds the typed model directly, or
//! [`TreeBuilder`], which builds the [`Document`] for [`super::parse`].

use super::tree::{Arg, Block, Document, Node};
use crate::span::Span;

/// Receives the nodes of a file in text order: a node's [`Sink::head`], then its
/// children (each a `head` … `end` of its own), then its [`Sink::end`].
pub trait Sink<'t> {
    /// What `head` returns and `end` gets back for the same node.
    type Mark;

    /// A node's name and arguments, read up to its block (if any).  The sink may
    /// take the arguments; the reader clears whatever it leaves.
    fn head(&mut self, name: &'t str, name_span: Span, args: &mut Vec<Arg<'t>>) -> Self::Mark;

    /// The node ends: after its block's `}` (given), or after its head (`None`).
    fn end(&mut self, mark: Self::Mark, block: Option<BlockEdges>);
}

/// Where a block was opened and where it ends (after its `}`).
#[derive(Debug, Clone, Copy)]
pub struct BlockEdges {
    pub open: Span,
    pub end: usize,
}

/// Builds the syntax tree, as [`super::parse`] returns it.
///
/// Nodes are collected on one stack: a node is pushed when its head is read, its
/// children go on the stack above it, and are moved out — into a vector of exactly
/// their number — when its block ends.  So each node is written once, where it
/// stays, and no list grows by reallocation.
#[derive(Default)]
pub struct TreeBuilder<'t> {
    nodes: Vec<Node<'t>>,
}

impl<'t> TreeBuilder<'t> {
    pub fn with_capacity(nodes: usize) -> Self {
        TreeBuilder {
            nodes: Vec::with_capacity(nodes),
        }
    }

    /// The document: every node read, once the last has ended.
    pub fn finish(self) -> Document<'t> {
        Document { nodes: self.nodes }
    }
}

impl<'t> Sink<'t> for TreeBuilder<'t> {
    /// The node's index on the stack.
    type Mark = usize;

    // `mem::take` would move the reader's argument buffer into the node, and the
    // reader grow a new one for the next node: drained, the buffer stays.
    #[allow(clippy::drain_collect)]
    fn head(&mut self, name: &'t str, name_span: Span, args: &mut Vec<Arg<'t>>) -> usize {
        let at = self.nodes.len();
        self.nodes.push(Node {
            name,
            name_span,
            args: args.drain(..).collect(),
            block: None,
        });
        at
    }

    fn end(&mut self, at: usize, block: Option<BlockEdges>) {
        if let Some(edges) = block {
            let children = self.nodes.drain(at + 1..).collect();
            self.nodes[at].block = Some(Block {
                open: edges.open,
                children,
                end: edges.end,
            });
        }
    }
}

/// Hands a tree to `sink` node by node, in the order the fast reader would: how a
/// file the grammar read (and the fast reader did not) reaches a sink.
pub fn replay<'t, S: Sink<'t>>(nodes: &[Node<'t>], sink: &mut S) {
    let mut args = Vec::new();
    for node in nodes {
        args.extend(node.args.iter().cloned());
        let mark = sink.head(node.name, node.name_span, &mut args);
        args.clear();
        replay(node.children(), sink);
        let edges = node.block.as_ref().map(|block| BlockEdges {
            open: block.open,
            end: block.end,
        });
        sink.end(mark, edges);
    }
}

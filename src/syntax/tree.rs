//! The typed syntax tree of a `.terms` file: nodes, arguments and values with spans.
//!
//! This is what the parser hands to the rest of termlint; no pest type appears here.
//! It says what was *written*; whether it is allowed where it stands is the schema's
//! question (`crate::schema`).

use std::borrow::Cow;

use crate::span::Span;
use crate::value::{BoundOp, Date, Quantity, TimeRange};

/// A parsed file: its top-level nodes (normally `contract` nodes).
///
/// The tree borrows from the text it was read from: names, words and strings
/// without escapes are slices of it, not copies (a file's tree is read once, by the
/// schema, and dropped; allocating and freeing each name was a good part of
/// parsing).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Document<'t> {
    pub nodes: Vec<Node<'t>>,
}

/// `name arg arg … { child… }`
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'t> {
    pub name: &'t str,
    pub name_span: Span,
    pub args: Vec<Arg<'t>>,
    pub block: Option<Block<'t>>,
}

impl<'t> Node<'t> {
    /// The node's head: its name and arguments, never its block.  Diagnostic labels
    /// cover this, so they start and end on the node's own line.
    #[must_use]
    pub fn head(&self) -> Span {
        head_span(self.name_span, &self.args)
    }

    /// Where the node ends: after its block, else after its head.
    #[must_use]
    pub fn end(&self) -> usize {
        self.block.as_ref().map_or(self.head().end, |b| b.end)
    }

    /// The child nodes (none without a block).
    #[must_use]
    pub fn children(&self) -> &[Node<'t>] {
        self.block.as_ref().map_or(&[], |b| &b.children)
    }
}

/// The head of a node with this name and these arguments (see [`Node::head`]).
#[must_use]
pub fn head_span(name_span: Span, args: &[Arg<'_>]) -> Span {
    args.last()
        .map_or(name_span, |arg| name_span.join(arg.span))
}

/// `{ … }` after a node's arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Block<'t> {
    pub open: Span,
    pub children: Vec<Node<'t>>,
    /// Where the block ends: after its `}`, or at the end of the file when unclosed.
    pub end: usize,
}

/// One argument with the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg<'t> {
    pub value: Value<'t>,
    pub span: Span,
}

/// A value as written (LANGUAGE.md §1).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'t> {
    /// A string with its escapes resolved (borrowed from the text when it has none).
    Str(Cow<'t, str>),
    /// A number, percent or quantity.
    Num(Quantity),
    /// `>= 90%`
    Bound(BoundOp, Quantity),
    /// `2027-03-31` (a real calendar date: impossible ones are reported by the parser).
    Date(Date),
    /// `09:00-18:00`, minutes since midnight; `end <= start` runs past midnight.
    TimeRange(TimeRange),
    /// A bare word: symbol, boolean, `tbd`, day set or rule reference.  Which one
    /// depends on the field, so the schema reads it.
    Word(Cow<'t, str>),
    /// A value the parser already reported as broken; the schema skips it silently so
    /// one mistake gives one diagnostic.
    Invalid,
}

impl Value<'_> {
    /// The same value owning its text, to keep past the text it was read from.
    #[must_use]
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Str(s) => Value::Str(Cow::Owned(s.into_owned())),
            Value::Word(w) => Value::Word(Cow::Owned(w.into_owned())),
            Value::Num(q) => Value::Num(q),
            Value::Bound(op, q) => Value::Bound(op, q),
            Value::Date(d) => Value::Date(d),
            Value::TimeRange(r) => Value::TimeRange(r),
            Value::Invalid => Value::Invalid,
        }
    }
}

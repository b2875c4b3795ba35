//! pest glue: turns the parse tree of `grammar/terms.pest` into [`tree`] types.
//!
//! One converter per grammar rule, named after it.  Rules that cannot appear where a
//! converter looks go through [`unexpected_rule`], which records a TL001 rather than
//! panicking: a grammar/converter mismatch must never crash a run.

use pest::iterators::Pair;
use pest::Parser as _;
use pest_derive::Parser;

use std::borrow::Cow;

use super::braces::Blocks;
use super::lexeme::{self, BadTimeRange};
use super::tree::{Arg, Block, Document, Node, Value};
use super::{Parsed, MAX_STRING_CHARS};
use crate::problem::{Kind, Problem};
use crate::span::Span;
use crate::units::Unit;
use crate::value::{BoundOp, Date, Quantity};

#[derive(Parser)]
#[grammar = "../grammar/terms.pest"]
struct TermsParser;

/// Parses a whole file whose braces `blocks` has matched.
///
/// The grammar closes a block at the first `}`, which is wrong when a brace is
/// missing or extra.  So the converter reads the grammar's nodes in text order, flat,
/// and nests them by the blocks the brace scan found (`super::braces`): the same
/// tree as the grammar's when the braces balance, and the intended one when they
/// do not.  The scan reports unmatched braces; the grammar's own view of them is
/// not.
pub(super) fn parse_file<'t>(text: &'t str, blocks: &Blocks) -> Parsed<'t> {
    let mut cx = Converter {
        problems: Vec::new(),
        flat: Vec::new(),
    };
    match TermsParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            if let Some(file) = pairs.next() {
                cx.items(file.into_inner());
            }
        }
        Err(error) => {
            // The grammar accepts every input; this is a safety net, not a path.
            let at = match error.location {
                pest::error::InputLocation::Pos(p) => p,
                pest::error::InputLocation::Span((s, _)) => s,
            };
            let found = text[at..]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            cx.problems.push(Problem::new(
                Span::new(at, at + found.len()),
                Kind::NotAValue { found },
            ));
        }
    }
    Parsed {
        document: Document {
            nodes: nest(cx.flat, blocks),
        },
        problems: cx.problems,
    }
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

/// One node of the file in text order, before nesting.
enum Flat<'t> {
    /// A node, and the `{` of its block, if it has one (with where the grammar
    /// ended that block, in case the scan saw no brace there).
    Node(Node<'t>, Option<(usize, usize)>),
    /// A block that belongs to no node (after a line that is not a field): its
    /// nodes are read for their errors, then dropped.
    Orphan(usize, usize),
}

/// Nests the flat nodes by the blocks' ends.
fn nest<'t>(flat: Vec<Flat<'t>>, blocks: &Blocks) -> Vec<Node<'t>> {
    /// A block being filled: its node (none for an orphan block), where it opens
    /// and ends, and the nodes in it so far.
    struct Open<'t> {
        node: Option<Node<'t>>,
        open: usize,
        end: usize,
        children: Vec<Node<'t>>,
    }
    fn close<'t>(stack: &mut Vec<Open<'t>>, top: &mut Vec<Node<'t>>) {
        let Some(done) = stack.pop() else { return };
        let Some(mut node) = done.node else { return };
        node.block = Some(Block {
            open: Span::new(done.open, done.open + 1),
            children: done.children,
            end: done.end,
        });
        stack.last_mut().map_or(top, |o| &mut o.children).push(node);
    }
    let mut top = Vec::new();
    let mut stack: Vec<Open<'t>> = Vec::new();
    for item in flat {
        let (start, node, brace) = match item {
            Flat::Node(node, brace) => (node.name_span.start, Some(node), brace),
            Flat::Orphan(open, end) => (open, None, Some((open, end))),
        };
        while stack.last().is_some_and(|o| o.end <= start) {
            close(&mut stack, &mut top);
        }
        match brace {
            Some((open, grammar_end)) => {
                let end = blocks.end_of(open).unwrap_or(grammar_end);
                // A block ends inside the one around it, whatever the scan said.
                let end = stack.last().map_or(end, |o| end.min(o.end));
                stack.push(Open {
                    node,
                    open,
                    end,
                    children: Vec::new(),
                });
            }
            None => {
                if let Some(node) = node {
                    stack
                        .last_mut()
                        .map_or(&mut top, |o| &mut o.children)
                        .push(node);
                }
            }
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}

struct Converter<'t> {
    problems: Vec<Problem>,
    flat: Vec<Flat<'t>>,
}

impl<'t> Converter<'t> {
    fn problem(&mut self, span: Span, kind: Kind) {
        self.problems.push(Problem::new(span, kind));
    }

    fn unexpected_rule(&mut self, pair: &Pair<'_, Rule>) {
        self.problem(
            span_of(pair),
            Kind::NotAValue {
                found: pair.as_str().to_string(),
            },
        );
    }

    /// The nodes of a file or block, flat; broken statements are reported and
    /// dropped.  Braces are the scan's to report.
    fn items(&mut self, pairs: impl Iterator<Item = Pair<'t, Rule>>) {
        for pair in pairs {
            match pair.as_rule() {
                Rule::node => self.node(pair),
                Rule::bad_statement => self.bad_statement(pair),
                Rule::EOI
                | Rule::open_brace
                | Rule::close_brace
                | Rule::unclosed
                | Rule::stray_close => {}
                _ => self.unexpected_rule(&pair),
            }
        }
    }

    fn node(&mut self, node: Pair<'t, Rule>) {
        let mut inner = node.into_inner();
        let name = inner.next().expect("grammar: node starts with ident");
        let mut out = Node {
            name: name.as_str(),
            name_span: span_of(&name),
            args: Vec::new(),
            block: None,
        };
        for pair in inner {
            if pair.as_rule() == Rule::block {
                let brace = block_brace(&pair);
                self.flat.push(Flat::Node(out, Some(brace)));
                self.items(pair.into_inner());
                return;
            } else if let Some(arg) = self.value(pair) {
                out.args.push(arg);
            }
        }
        self.flat.push(Flat::Node(out, None));
    }

    /// A block that belongs to no node.
    fn orphan_block(&mut self, block: Pair<'t, Rule>) {
        let (open, end) = block_brace(&block);
        self.flat.push(Flat::Orphan(open, end));
        self.items(block.into_inner());
    }

    fn bad_statement(&mut self, statement: Pair<'t, Rule>) {
        let mut inner = statement.into_inner();
        if let Some(first) = inner.next() {
            match first.as_rule() {
                Rule::lone_open => {
                    let span = span_of(&first);
                    self.problem(Span::new(span.start, span.start + 1), Kind::BlockOnOwnLine);
                    // Still read the block, so errors inside it are reported too.
                    for pair in first.into_inner() {
                        self.orphan_block(pair);
                    }
                }
                _ => self.problem(
                    span_of(&first),
                    Kind::ExpectedFieldName {
                        found: first.as_str().to_string(),
                    },
                ),
            }
        }
        for pair in inner {
            if pair.as_rule() == Rule::block {
                self.orphan_block(pair);
            } else {
                self.value(pair);
            }
        }
    }

    /// One argument; `None` for shapes that are reported and carry no value.
    fn value(&mut self, pair: Pair<'t, Rule>) -> Option<Arg<'t>> {
        let span = span_of(&pair);
        let value = match pair.as_rule() {
            Rule::string => self.string(pair),
            Rule::bad_string => {
                self.problem(span, Kind::UnterminatedString);
                Value::Invalid
            }
            Rule::bound => self.bound(pair),
            Rule::time_range => self.time_range(pair),
            Rule::date => self.date(&pair),
            Rule::quantity => self.quantity(pair).map_or(Value::Invalid, Value::Num),
            Rule::word => Value::Word(Cow::Borrowed(pair.as_str())),
            Rule::bad_token => {
                self.problem(
                    span,
                    Kind::NotAValue {
                        found: pair.as_str().to_string(),
                    },
                );
                Value::Invalid
            }
            _ => {
                self.unexpected_rule(&pair);
                return None;
            }
        };
        Some(Arg { value, span })
    }

    fn string(&mut self, string: Pair<'t, Rule>) -> Value<'t> {
        let span = span_of(&string);
        let value = self.string_value(string);
        match value {
            Value::Str(ref s) if s.chars().count() > MAX_STRING_CHARS => {
                self.problem(
                    span,
                    Kind::StringTooLong {
                        limit: MAX_STRING_CHARS,
                    },
                );
                Value::Invalid
            }
            other => other,
        }
    }

    fn string_value(&mut self, string: Pair<'t, Rule>) -> Value<'t> {
        let Some(body) = string.into_inner().next() else {
            return Value::Str(Cow::Borrowed(""));
        };
        let (raw, base) = (body.as_str(), body.as_span().start());
        let mut bad = Vec::new();
        let text = lexeme::unescape(raw, |range| bad.push(range));
        for range in &bad {
            self.problem(
                Span::new(base + range.start, base + range.end),
                Kind::BadEscape {
                    escape: raw[range.clone()].to_string(),
                },
            );
        }
        if bad.is_empty() {
            Value::Str(text)
        } else {
            Value::Invalid
        }
    }

    fn bound(&mut self, bound: Pair<'_, Rule>) -> Value<'static> {
        let mut inner = bound.into_inner();
        let op = match inner.next().map(|p| p.as_str()) {
            Some(">=") => BoundOp::Ge,
            Some("<=") => BoundOp::Le,
            Some(">") => BoundOp::Gt,
            _ => BoundOp::Lt,
        };
        match inner.next().and_then(|q| self.quantity(q)) {
            Some(q) => Value::Bound(op, q),
            None => Value::Invalid,
        }
    }

    fn time_range(&mut self, range: Pair<'_, Rule>) -> Value<'static> {
        let text = range.as_str();
        match lexeme::time_range(text) {
            Ok(range) => Value::TimeRange(range),
            Err(bad) => {
                let text = text.to_string();
                let kind = match bad {
                    BadTimeRange::Clock => Kind::BadClock { text },
                    BadTimeRange::Empty => Kind::EmptyTimeRange { text },
                };
                self.problem(span_of(&range), kind);
                Value::Invalid
            }
        }
    }

    fn date(&mut self, date: &Pair<'_, Rule>) -> Value<'static> {
        if let Some(d) = Date::parse(date.as_str()) {
            Value::Date(d)
        } else {
            self.problem(
                span_of(date),
                Kind::ImpossibleDate {
                    text: date.as_str().to_string(),
                },
            );
            Value::Invalid
        }
    }

    fn unknown_unit(&mut self, unit: &Pair<'_, Rule>) {
        let found = unit.as_str().to_string();
        let suggestion = Unit::suggest(&found);
        self.problem(span_of(unit), Kind::UnknownUnit { found, suggestion });
    }

    fn quantity(&mut self, quantity: Pair<'_, Rule>) -> Option<Quantity> {
        let mut q = Quantity {
            amount: 0.0,
            percent: false,
            unit: None,
            per: None,
        };
        for part in quantity.into_inner() {
            match part.as_rule() {
                Rule::number => q.amount = super::amount(part.as_str()).unwrap_or(f64::NAN),
                Rule::percent => q.percent = true,
                Rule::unit => q.unit = Unit::parse(part.as_str()),
                Rule::unknown_unit => {
                    self.unknown_unit(&part);
                    return None;
                }
                Rule::per => match Unit::parse(part.as_str()) {
                    Some(unit @ (Unit::Time(_) | Unit::Count(_))) => q.per = Some(unit),
                    _ => {
                        self.unknown_unit(&part);
                        return None;
                    }
                },
                _ => self.unexpected_rule(&part),
            }
        }
        Some(q)
    }
}

/// The offset of a block's `{`, and where the grammar ended the block.
fn block_brace(block: &Pair<'_, Rule>) -> (usize, usize) {
    let span = block.as_span();
    (span.start(), span.end())
}

//! The written layout of a rule file, for the formatter: every item and statement in
//! the order written, with the spans of its keyword, its arguments and its braces.
//!
//! [`super::parse`] keeps what a rule means and forgets the order of its statements;
//! the formatter needs the order and nothing else, so it gets this outline from the
//! same grammar instead of a second reader of the language.

use pest::iterators::Pair;
use pest::Parser as _;

use super::errors::syntax_error;
use super::{nesting_error, span_of, too_deep, Rule, RulesParser};
use crate::rules::error::{RuleError, RuleSource};
use crate::span::Span;

/// An item (`use`, `set`, `rule`) or a statement of a rule, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub keyword: Span,
    /// The words after the keyword: a rule's id and slug, a `when` condition whole
    /// (comments inside it included), each path of an `at`, a string, a `doc`'s text.
    pub args: Vec<Span>,
    pub block: Option<WrittenBlock>,
}

/// The braces of a `rule` or `ja` block and what stands between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenBlock {
    pub open: Span,
    pub children: Vec<Written>,
    pub close: Span,
}

impl Written {
    /// Where the item ends: after its `}` or its last argument.
    #[must_use]
    pub fn end(&self) -> usize {
        match &self.block {
            Some(block) => block.close.end,
            None => self.args.last().map_or(self.keyword.end, |a| a.end),
        }
    }
}

/// The items of a rule file in the order written.
///
/// # Errors
/// The first syntax error, as [`super::parse`] reports it.
pub fn outline(source: &RuleSource) -> Result<Vec<Written>, RuleError> {
    let text = &*source.text;
    if let Some(span) = too_deep(text) {
        return Err(nesting_error(source, span));
    }
    let file = RulesParser::parse(Rule::file, text).map_err(|e| syntax_error(source, &e))?;
    Ok(file
        .flat_map(Pair::into_inner)
        .filter(|p| matches!(p.as_rule(), Rule::use_item | Rule::set_item | Rule::rule))
        .map(|p| written(text, p))
        .collect())
}

fn written(text: &str, pair: Pair<'_, Rule>) -> Written {
    let whole = span_of(&pair);
    let is_ja = pair.as_rule() == Rule::ja_block;
    let mut inner = pair.into_inner();
    let keyword = inner.next().map_or(whole, |k| span_of(&k));
    let mut args = Vec::new();
    let mut children = Vec::new();
    let mut open = None;
    for part in inner {
        match part.as_rule() {
            Rule::open_brace => open = Some(span_of(&part)),
            Rule::close_brace => {}
            Rule::severity_stmt
            | Rule::category_stmt
            | Rule::each_stmt
            | Rule::when_stmt
            | Rule::at_stmt
            | Rule::message_stmt
            | Rule::help_stmt
            | Rule::ja_block
            | Rule::doc_stmt => children.push(written(text, part)),
            // The grammar's implicit whitespace and comments after a condition's last
            // operand belong to its span; they are the gap to the next statement.
            Rule::expr => args.push(without_trailing_trivia(text, span_of(&part))),
            _ => args.push(span_of(&part)),
        }
    }
    let block = (open.is_some() || is_ja).then(|| WrittenBlock {
        // `ja {` has no brace pair of its own in the grammar: its `{` is the first one
        // after the keyword outside a comment.
        open: open.unwrap_or_else(|| brace_after(text, keyword.end)),
        children,
        close: Span::new(whole.end - 1, whole.end),
    });
    Written {
        keyword,
        args,
        block,
    }
}

/// The first `{` at or after `from` that is not inside a `//` comment.
fn brace_after(text: &str, from: usize) -> Span {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => return Span::new(i, i + 1),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = crate::syntax::lexeme::comment_end(bytes, i);
            }
            _ => i += 1,
        }
    }
    Span::new(from, from)
}

/// `span` up to the end of its last character that is not whitespace or a comment.
fn without_trailing_trivia(text: &str, span: Span) -> Span {
    let bytes = &text.as_bytes()[..span.end];
    let mut end = span.start;
    let mut i = span.start;
    while i < span.end {
        match bytes[i] {
            b'"' => {
                i = (crate::syntax::lexeme::string_end(bytes, i + 1) + 1).min(span.end);
                end = i;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = crate::syntax::lexeme::comment_end(bytes, i);
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                i += 1;
                end = i;
            }
        }
    }
    Span::new(span.start, end)
}

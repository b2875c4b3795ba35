//! A `.rules` file's outline as the layout's items.
//!
//! The rule language has no `;` and no one-line blocks: every statement stands on a
//! line of its own, and in a rule every statement's value starts in one column, as the
//! built-in catalogue writes them (`severity  warning`, `when      …`, and in `ja`,
//! `message "…"`, all at the rule's indentation plus twelve).

use std::borrow::Cow;

use super::layout::{between, width, write_file, Align, Body, Continued, From, Item, Line, Placed};
use crate::rules::error::{RuleError, RuleSource};
use crate::rules::syntax::{outline, Written};
use crate::span::Span;

/// Where a rule statement's value starts, past the statement's indentation: two spaces
/// past the longest keyword (`severity`, `category`).
const RULE_COLUMN: usize = 10;

/// Where a `ja` block's `message` and `help` values start: one past `message`, which
/// puts them in the rule's value column.
const JA_COLUMN: usize = 8;

/// `text`, the rule file `name`, in the canonical layout.
///
/// # Errors
/// The file's first syntax error: a file that does not parse is never rewritten.
pub fn format(name: &str, text: &str) -> Result<String, RuleError> {
    let source = RuleSource::new(name, text);
    let items = outline(&source)?;
    let (header, items) = written(text, &items, 0..text.len());
    Ok(write_file(text, header, items, Align::None))
}

fn written<'t>(
    text: &'t str,
    nodes: &[Written],
    within: std::ops::Range<usize>,
) -> (Option<&'t str>, Vec<Item<'t>>) {
    let placed = nodes.iter().map(|node| Placed {
        start: node.keyword.start,
        end: node.end(),
        line: line(text, node),
    });
    between(text, placed, within)
}

fn line<'t>(text: &'t str, node: &Written) -> Line<'t> {
    let name = &text[node.keyword.start..node.keyword.end];
    let (values, continued) = values(text, name, node);
    let block = node.block.as_ref().map(|block| {
        let (after_open, items) = written(text, &block.children, block.open.end..block.close.start);
        Body {
            after_open,
            items,
            one_line: false,
            align: Align::Column(if name == "ja" { JA_COLUMN } else { RULE_COLUMN }),
        }
    });
    Line {
        name,
        values,
        continued,
        // A `doc` text is a block of prose, not a value to line up.
        aligned: name != "doc",
        trailing: None,
        block,
    }
}

/// The values of a statement: its words, one space apart (`at` paths a comma and a
/// space apart), or, where they run over several lines, the text as written.
fn values<'t>(
    text: &'t str,
    name: &str,
    node: &Written,
) -> (Vec<Cow<'t, str>>, Option<Continued<'t>>) {
    let (Some(first), Some(last)) = (node.args.first(), node.args.last()) else {
        return (Vec::new(), None);
    };
    let span = Span::new(first.start, last.end);
    let written = &text[span.start..span.end];
    if !written.contains('\n') {
        let words = node.args.iter().map(|a| &text[a.start..a.end]);
        return match name {
            "at" => (vec![Cow::Owned(words.collect::<Vec<_>>().join(", "))], None),
            // A condition's spacing is the author's: `a * (b + c)` reads as written.
            "when" => (vec![Cow::Borrowed(written)], None),
            _ => (words.map(Cow::Borrowed).collect(), None),
        };
    }
    let (from, origin) = if name == "doc" {
        (From::Name, node.keyword.start)
    } else {
        (From::Value, span.start)
    };
    let origin_column = column_of(text, origin);
    let mut lines = written.split('\n');
    let head = lines.next().unwrap_or("").trim_end();
    let lines = lines
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            // A `doc` text's trailing spaces are Markdown (a line break); a
            // condition's are nothing.
            let line = if name == "doc" { line } else { line.trim_end() };
            let content = line.trim_start();
            let indent = width(&line[..line.len() - content.len()]);
            (indent as isize - origin_column as isize, content)
        })
        .collect();
    (vec![Cow::Borrowed(head)], Some(Continued { from, lines }))
}

/// The column of byte `at` on its line, in the widths the layout counts.
fn column_of(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    width(&text[line_start..at])
}

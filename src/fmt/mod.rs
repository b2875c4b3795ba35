//! `termlint fmt`: one canonical layout of a `.terms` file.
//!
//! The file is read by the project's one parser ([`crate::syntax::parse`]); the layout
//! is built from its tree, the comments and blank lines from the gaps between the
//! tree's spans ([`trivia`]), and values are copied as written except for the spacing
//! inside them.  The style, and why, is in docs/formatting.md:
//!
//! - two spaces of indentation a block, one node a line, `}` on a line of its own;
//! - in a run of nodes without blocks (ended by a blank line, a comment line or a node
//!   with a block) the values start in one column, and trailing comments too;
//! - a block written on one line stays on one line while it fits in 100 columns and
//!   holds no block or comment of its own (`staff { operators 12; supervisors 1 }`);
//! - one space around `/` and after a bound's `>=`; numbers, units and strings as
//!   written (`6_000` stays `6_000`, `40h` stays `40h`);
//! - blank lines kept, several in a row made one, none at a block's edges.

pub mod file;
mod trivia;

use unicode_width::UnicodeWidthStr;

use crate::problem::Problem;
use crate::syntax::tree::{Arg, Block, Node};
use trivia::{gap, Trivia};

/// A block kept on one line may be this wide, indentation included.
const MAX_WIDTH: usize = 100;

/// One level of indentation.
const INDENT: &str = "  ";

/// `text` in the canonical layout.
///
/// # Errors
/// The file's syntax problems, when it has any: a file that does not parse is never
/// rewritten, since what it means is not known.
pub fn terms(text: &str) -> Result<String, Vec<Problem>> {
    let parsed = crate::syntax::parse(text);
    if !parsed.problems.is_empty() {
        return Err(parsed.problems);
    }
    let nodes = &parsed.document.nodes;
    let mut items = Vec::new();
    let mut at = 0;
    for node in nodes {
        let before = gap(text, at, node.name_span.start);
        attach_trailing(&mut items, before.trailing);
        items.extend(before.lines.into_iter().map(Item::Trivia));
        items.push(Item::Node(line(text, node)));
        at = node.end();
    }
    let after = gap(text, at, text.len());
    attach_trailing(&mut items, after.trailing);
    items.extend(after.lines.into_iter().map(Item::Trivia));

    let mut out = String::with_capacity(text.len() + text.len() / 8);
    if text.starts_with('\u{feff}') {
        out.push('\u{feff}');
    }
    write_items(&items, 0, &mut out);
    Ok(out)
}

/// A line of a block as the formatter lays it out.
enum Item<'t> {
    Trivia(Trivia<'t>),
    Node(Line<'t>),
}

/// A node: its head, the comment after it, and its block.
struct Line<'t> {
    name: &'t str,
    values: Vec<String>,
    /// After the head, or after the `}` of a block.
    trailing: Option<&'t str>,
    block: Option<Body<'t>>,
}

/// The inside of a block.
struct Body<'t> {
    /// A comment after the `{` on its line.
    after_open: Option<&'t str>,
    items: Vec<Item<'t>>,
    /// Written on one line with nothing that needs lines of its own.
    one_line: bool,
}

/// The first comment of a gap belongs to the node before it (the file's header has no
/// node before it, so there it is a comment line).
fn attach_trailing<'t>(items: &mut Vec<Item<'t>>, trailing: Option<&'t str>) {
    let Some(comment) = trailing else { return };
    match items.last_mut() {
        Some(Item::Node(line)) => line.trailing = Some(comment),
        _ => items.push(Item::Trivia(Trivia::Comment(comment))),
    }
}

fn line<'t>(text: &'t str, node: &Node<'t>) -> Line<'t> {
    Line {
        name: node.name,
        values: node.args.iter().map(|arg| value_text(text, arg)).collect(),
        trailing: None,
        block: node.block.as_ref().map(|block| body(text, block)),
    }
}

fn body<'t>(text: &'t str, block: &Block<'t>) -> Body<'t> {
    // A file without syntax problems closes every block with the `}` before `end`.
    let close = block.end - 1;
    let mut items = Vec::new();
    let mut after_open = None;
    let mut at = block.open.end;
    for (i, child) in block.children.iter().enumerate() {
        let before = gap(text, at, child.name_span.start);
        if i == 0 {
            after_open = before.trailing;
        } else {
            attach_trailing(&mut items, before.trailing);
        }
        items.extend(before.lines.into_iter().map(Item::Trivia));
        items.push(Item::Node(line(text, child)));
        at = child.end();
    }
    let last = gap(text, at, close);
    if block.children.is_empty() {
        after_open = last.trailing;
    } else {
        attach_trailing(&mut items, last.trailing);
    }
    items.extend(last.lines.into_iter().map(Item::Trivia));
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
    }
}

/// A value as written, with its inner spacing made canonical: one space around `/`
/// and after a bound's operator.  Strings are copied byte for byte, escapes included.
fn value_text(text: &str, arg: &Arg<'_>) -> String {
    let raw = &text[arg.span.start..arg.span.end];
    if raw.starts_with('"') {
        return raw.to_string();
    }
    let (op, rest) = [">=", "<=", ">", "<"]
        .iter()
        .find_map(|op| raw.strip_prefix(op).map(|rest| (*op, rest)))
        .unwrap_or(("", raw));
    let spaced = |part: &str| part.split_whitespace().collect::<Vec<_>>().join(" ");
    let quantity = rest.split('/').map(spaced).collect::<Vec<_>>().join(" / ");
    if op.is_empty() {
        quantity
    } else {
        format!("{op} {quantity}")
    }
}

/// Writes a block's items at `depth`, dropping blank lines at its edges and making
/// runs of them one.
fn write_items(items: &[Item<'_>], depth: usize, out: &mut String) {
    let mut lines: Vec<Rendered> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Trivia(Trivia::Blank) => {
                let at_edge = lines.is_empty() || i + 1 == items.len();
                let after_blank = matches!(lines.last(), Some(Rendered::Blank));
                let before_only_blanks = items[i + 1..]
                    .iter()
                    .all(|it| matches!(it, Item::Trivia(Trivia::Blank)));
                if !(at_edge || after_blank || before_only_blanks) {
                    lines.push(Rendered::Blank);
                }
            }
            Item::Trivia(Trivia::Comment(comment)) => lines.push(Rendered::Comment(comment)),
            Item::Node(line) => lines.push(render_node(line, depth, name_width(items, i))),
        }
    }
    align_comments(&mut lines);
    let indent = INDENT.repeat(depth);
    for line in lines {
        match line {
            Rendered::Blank => out.push('\n'),
            Rendered::Comment(comment) => {
                out.push_str(&indent);
                out.push_str(comment);
                out.push('\n');
            }
            Rendered::Code {
                head,
                comment,
                pad,
                rest,
                ..
            } => {
                out.push_str(&indent);
                out.push_str(&head);
                if let Some(comment) = comment {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(comment);
                }
                out.push('\n');
                out.push_str(&rest);
            }
        }
    }
}

/// A laid-out line of a block.
enum Rendered<'t> {
    Blank,
    Comment(&'t str),
    /// A node: its first line, the comment after it, and the lines that follow (a
    /// block's inside and its `}`, already written).
    Code {
        head: String,
        comment: Option<&'t str>,
        /// Spaces between the head and its comment.
        pad: usize,
        /// Nodes in one run of leaves align their comments; `None` for the others.
        group: Option<usize>,
        rest: String,
    },
}

/// The width the names of the run of leaf nodes around item `i` are padded to
/// (`None` for a node with a block, which starts no column).
fn name_width(items: &[Item<'_>], i: usize) -> Option<usize> {
    let leaf = |item: &Item<'_>| matches!(item, Item::Node(line) if line.block.is_none());
    if !leaf(&items[i]) {
        return None;
    }
    let start = items[..i]
        .iter()
        .rposition(|it| !leaf(it))
        .map_or(0, |p| p + 1);
    let end = items[i..]
        .iter()
        .position(|it| !leaf(it))
        .map_or(items.len(), |p| i + p);
    items[start..end]
        .iter()
        .filter_map(|it| match it {
            Item::Node(line) if !line.values.is_empty() => Some(line.name.len()),
            _ => None,
        })
        .max()
}

fn render_node<'t>(line: &Line<'t>, depth: usize, width: Option<usize>) -> Rendered<'t> {
    let mut head = String::from(line.name);
    if !line.values.is_empty() {
        let pad = width.unwrap_or(0).saturating_sub(line.name.len());
        head.push_str(&" ".repeat(pad + 1));
        head.push_str(&line.values.join(" "));
    }
    let mut rest = String::new();
    let mut comment = line.trailing;
    if let Some(body) = &line.block {
        let one_line = one_line_block(&head, body);
        match one_line {
            Some(text) if INDENT.len() * depth + text.width() <= MAX_WIDTH => head = text,
            _ if body.items.is_empty() && body.after_open.is_none() => head.push_str(" {}"),
            _ => {
                head.push_str(" {");
                if let Some(after_open) = body.after_open {
                    head.push_str("  ");
                    head.push_str(after_open);
                }
                write_items(&body.items, depth + 1, &mut rest);
                rest.push_str(&INDENT.repeat(depth));
                rest.push('}');
                if let Some(trailing) = comment.take() {
                    rest.push_str("  ");
                    rest.push_str(trailing);
                }
                rest.push('\n');
            }
        }
    }
    Rendered::Code {
        head,
        comment,
        pad: 1,
        group: width.map(|_| 0),
        rest,
    }
}

/// `head { a 1; b 2 }` for a block that may stay on one line.
fn one_line_block(head: &str, body: &Body<'_>) -> Option<String> {
    if !body.one_line || body.items.is_empty() {
        return None;
    }
    let children: Vec<String> = body
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Node(line) => Some(
                std::iter::once(line.name.to_string())
                    .chain(line.values.iter().cloned())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Item::Trivia(_) => None,
        })
        .collect();
    Some(format!("{head} {{ {} }}", children.join("; ")))
}

/// Trailing comments of a run of leaf nodes start in one column, two spaces past the
/// widest of those lines that carry one; a lone trailing comment gets two spaces.
fn align_comments(lines: &mut [Rendered<'_>]) {
    let mut i = 0;
    while i < lines.len() {
        let in_run = |line: &Rendered<'_>| matches!(line, Rendered::Code { group: Some(_), .. });
        if !in_run(&lines[i]) {
            if let Rendered::Code { pad, .. } = &mut lines[i] {
                *pad = 2;
            }
            i += 1;
            continue;
        }
        let end = lines[i..]
            .iter()
            .position(|l| !in_run(l))
            .map_or(lines.len(), |p| i + p);
        let column = lines[i..end]
            .iter()
            .filter_map(|line| match line {
                Rendered::Code {
                    head,
                    comment: Some(_),
                    ..
                } => Some(head.width()),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            + 2;
        for line in &mut lines[i..end] {
            if let Rendered::Code { head, pad, .. } = line {
                *pad = column - head.width().min(column);
            }
        }
        i = end;
    }
}

//! The layout both languages share: a block's lines indented, names padded so values
//! start in one column, comments aligned, blank lines tidied.  The language modules
//! ([`super::terms`], [`super::rules`]) turn their parser's tree into [`Item`]s; this
//! module writes them.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use super::trivia::{gap, Gap, Trivia};

/// How many columns `text` takes on screen (a kanji takes two).  ASCII text, nearly
/// every line of a contract, is as wide as it is long: counting it so skips
/// unicode-width's walk over each character, which was an eighth of `fmt --check`'s
/// time over a corpus.
pub(super) fn width(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.width()
    }
}

/// A block kept on one line may be this wide, indentation included.
const MAX_WIDTH: usize = 100;

/// One level of indentation.
pub(super) const INDENT: &str = "  ";

/// A line of a block as the formatter lays it out.
pub(super) enum Item<'t> {
    Trivia(Trivia<'t>),
    Node(Line<'t>),
}

/// A node: its name, its values, the comment after it, and its block.
pub(super) struct Line<'t> {
    pub name: &'t str,
    pub values: Vec<Cow<'t, str>>,
    /// Lines of the last value after its first, for a value written over several
    /// lines (a `when` condition, a `doc` text), kept as written but re-indented.
    pub continued: Option<Continued<'t>>,
    /// Whether the node's values start in the column of its block's other values.
    pub aligned: bool,
    /// After the head, or after the `}` of a block.
    pub trailing: Option<&'t str>,
    pub block: Option<Body<'t>>,
}

/// The further lines of a value, each with its indentation as written, measured
/// from the column of `from` as written.
pub(super) struct Continued<'t> {
    pub from: From,
    pub lines: Vec<(isize, &'t str)>,
}

/// What a value's further lines keep their place to.
#[derive(Clone, Copy)]
pub(super) enum From {
    /// The value's first character: a condition's second line stays under its first.
    Value,
    /// The node's name: a `doc` text's lines keep their indentation in the block.
    Name,
}

/// Where the values of a block's nodes start.
#[derive(Clone, Copy)]
pub(super) enum Align {
    /// One column for each run of nodes without blocks, past the run's longest name
    /// (the contracts' style).
    Run,
    /// One column, this far past the block's indentation.
    Column(usize),
    /// One space after the name.
    None,
}

/// The inside of a block (or of the file).
pub(super) struct Body<'t> {
    /// A comment after the `{` on its line.
    pub after_open: Option<&'t str>,
    pub items: Vec<Item<'t>>,
    /// Written on one line with nothing that needs lines of its own: kept on one
    /// line, its nodes joined by `;`.
    pub one_line: bool,
    pub align: Align,
}

/// A node's line with where the node starts and ends in the text: what
/// [`between`] reads the gaps between.
pub(super) struct Placed<'t> {
    pub start: usize,
    pub end: usize,
    pub line: Line<'t>,
}

/// The items of `nodes`, which lie in `within` in text order, with the comments and
/// blank lines around them.  The comment on the line of `within`'s start (after a
/// block's `{`, or a file's first line) comes back on its own, for the caller to
/// place.
pub(super) fn between<'t>(
    text: &'t str,
    nodes: impl IntoIterator<Item = Placed<'t>>,
    within: std::ops::Range<usize>,
) -> (Option<&'t str>, Vec<Item<'t>>) {
    let mut items = Vec::new();
    let mut first_trailing = None;
    let mut at = within.start;
    let mut first = true;
    // The first gap's trailing comment is on `within`'s first line, not a node's.
    let mut take = |items: &mut Vec<Item<'t>>, gap: Gap<'t>, before_any_node: bool| {
        if before_any_node {
            first_trailing = gap.trailing;
        } else {
            attach_trailing(items, gap.trailing);
        }
        items.extend(gap.lines.into_iter().map(Item::Trivia));
    };
    for Placed { start, end, line } in nodes {
        take(&mut items, gap(text, at, start), first);
        items.push(Item::Node(line));
        at = end;
        first = false;
    }
    take(&mut items, gap(text, at, within.end), first);
    (first_trailing, items)
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

/// Writes a file: its top-level `items`, after the comment on its first line
/// (`header`, as [`between`] hands it back), and the byte-order mark it began with.
pub(super) fn write_file<'t>(
    text: &str,
    header: Option<&'t str>,
    mut items: Vec<Item<'t>>,
    align: Align,
) -> String {
    if let Some(comment) = header {
        items.insert(0, Item::Trivia(Trivia::Comment(comment)));
    }
    let file = Body {
        after_open: None,
        items,
        one_line: false,
        align,
    };
    // The formatted file is about as long as the file: one allocation, no regrowing.
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    if text.starts_with('\u{feff}') {
        out.push('\u{feff}');
    }
    write_items(&file, 0, &mut out);
    out
}

/// Writes a block's items at `depth`, dropping blank lines at its edges and making
/// runs of them one.
fn write_items(body: &Body<'_>, depth: usize, out: &mut String) {
    // The lines are laid out before any is written, since a run's trailing
    // comments align to its widest line; a node's block is written afterwards,
    // straight into `out`, not into a string of its own copied in once per level.
    let items = &body.items;
    let last_not_blank = items
        .iter()
        .rposition(|it| !matches!(it, Item::Trivia(Trivia::Blank)));
    let columns = value_columns(body);
    let mut lines: Vec<Rendered<'_, '_>> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Trivia(Trivia::Blank) => {
                let after_blank = matches!(lines.last(), Some(Rendered::Blank));
                let before_only_blanks = last_not_blank.is_none_or(|last| i > last);
                if !(lines.is_empty() || after_blank || before_only_blanks) {
                    lines.push(Rendered::Blank);
                }
            }
            Item::Trivia(Trivia::Comment(comment)) => lines.push(Rendered::Comment(comment)),
            Item::Node(line) => lines.push(render_node(line, depth, columns[i])),
        }
    }
    align_comments(&mut lines);
    for line in lines {
        match line {
            Rendered::Blank => out.push('\n'),
            Rendered::Comment(comment) => {
                spaces(out, INDENT.len() * depth);
                out.push_str(comment);
                out.push('\n');
            }
            Rendered::Code {
                head,
                comment,
                pad,
                block,
                ..
            } => {
                spaces(out, INDENT.len() * depth);
                out.push_str(&head);
                if let Some(comment) = comment {
                    spaces(out, pad);
                    out.push_str(comment);
                }
                out.push('\n');
                if let Some((body, after_close)) = block {
                    write_items(body, depth + 1, out);
                    spaces(out, INDENT.len() * depth);
                    out.push('}');
                    if let Some(comment) = after_close {
                        out.push_str("  ");
                        out.push_str(comment);
                    }
                    out.push('\n');
                }
            }
        }
    }
}

fn spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A laid-out line of a block.
enum Rendered<'b, 't> {
    Blank,
    Comment(&'t str),
    /// A node: its first lines, the comment after them, and the block written on
    /// the lines after it (with the comment after its `}`).
    Code {
        head: String,
        comment: Option<&'t str>,
        /// How wide the head's last line is: where a comment after it would start.
        last_width: usize,
        /// Spaces between the head and its comment.
        pad: usize,
        /// In a run of nodes without blocks, whose comments align.
        in_run: bool,
        block: Option<(&'b Body<'t>, Option<&'t str>)>,
    },
}

/// Whether an item leaves a run of aligned nodes going: a node without a block, or a
/// comment line between two of them (fixtures' `// expect:` lines among others).
fn in_run(item: &Item<'_>) -> bool {
    match item {
        Item::Node(line) => line.block.is_none(),
        Item::Trivia(Trivia::Comment(_)) => true,
        Item::Trivia(Trivia::Blank) => false,
    }
}

/// How far past the block's indentation each item's values start (`None`: one space
/// after its name, or not a node).  Runs are measured once each, so a long block
/// costs one pass, not one pass per node.
fn value_columns(body: &Body<'_>) -> Vec<Option<usize>> {
    fn aligned<'a, 't>(item: &'a Item<'t>) -> Option<&'a Line<'t>> {
        match item {
            Item::Node(line) if line.aligned => Some(line),
            _ => None,
        }
    }
    let items = &body.items;
    let mut columns = vec![None; items.len()];
    match body.align {
        Align::None => {}
        Align::Column(column) => {
            for (slot, item) in columns.iter_mut().zip(items) {
                if aligned(item).is_some() {
                    *slot = Some(column);
                }
            }
        }
        Align::Run => {
            let mut start = 0;
            while start < items.len() {
                let end = items[start..]
                    .iter()
                    .position(|it| !in_run(it))
                    .map_or(items.len(), |p| start + p);
                let run = &items[start..end];
                let column = run
                    .iter()
                    .filter_map(aligned)
                    .filter(|line| !line.values.is_empty())
                    .map(|line| line.name.len() + 1)
                    .max();
                for (slot, item) in columns[start..end].iter_mut().zip(run) {
                    if aligned(item).is_some() {
                        *slot = column;
                    }
                }
                // The item that ended the run (a node with a block, a blank line)
                // is not aligned with anything.
                start = end + 1;
            }
        }
    }
    columns
}

fn render_node<'b, 't>(
    line: &'b Line<'t>,
    depth: usize,
    column: Option<usize>,
) -> Rendered<'b, 't> {
    let mut head = String::with_capacity(64);
    // Where the head's last line starts: a value's further lines move it on.
    let mut last_line_start = 0;
    head.push_str(line.name);
    if !line.values.is_empty() {
        let pad = column.unwrap_or(0).saturating_sub(line.name.len()).max(1);
        spaces(&mut head, pad);
        let last = line.values.len() - 1;
        for (i, value) in line.values.iter().enumerate() {
            if i == last {
                break;
            }
            head.push_str(value);
            head.push(' ');
        }
        let last_value_column = INDENT.len() * depth + width(&head);
        head.push_str(&line.values[last]);
        if let Some(continued) = &line.continued {
            let base = match continued.from {
                From::Value => last_value_column,
                From::Name => INDENT.len() * depth,
            };
            last_line_start = continue_lines(&mut head, continued, base, depth);
        }
    }
    let mut block = None;
    let mut comment = line.trailing;
    if let Some(body) = &line.block {
        let one_line = one_line_block(&head, body);
        match one_line {
            Some(text) if INDENT.len() * depth + width(&text) <= MAX_WIDTH => head = text,
            _ if body.items.is_empty() && body.after_open.is_none() => head.push_str(" {}"),
            _ => {
                head.push_str(" {");
                if let Some(after_open) = body.after_open {
                    head.push_str("  ");
                    head.push_str(after_open);
                }
                block = Some((body, comment.take()));
            }
        }
    }
    Rendered::Code {
        last_width: width(&head[last_line_start..]),
        head,
        comment,
        pad: 1,
        in_run: line.block.is_none() && column.is_some(),
        block,
    }
}

/// Appends a value's further lines, each at `base` plus its indentation as written,
/// and never left of the node's own indentation.  Empty lines stay empty.  Returns
/// where the last line starts in `head`.
fn continue_lines(
    head: &mut String,
    continued: &Continued<'_>,
    base: usize,
    depth: usize,
) -> usize {
    let floor = INDENT.len() * depth;
    let mut last_line_start = 0;
    for &(offset, text) in &continued.lines {
        head.push('\n');
        last_line_start = head.len();
        if text.is_empty() {
            continue;
        }
        let column = base.saturating_add_signed(offset).max(floor);
        spaces(head, column);
        head.push_str(text);
    }
    last_line_start
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
                    .chain(line.values.iter().map(|v| v.to_string()))
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
fn align_comments(lines: &mut [Rendered<'_, '_>]) {
    let in_run = |line: &Rendered<'_, '_>| {
        matches!(
            line,
            Rendered::Code { in_run: true, .. } | Rendered::Comment(_)
        )
    };
    let mut i = 0;
    while i < lines.len() {
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
                    last_width,
                    comment: Some(_),
                    ..
                } => Some(*last_width),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            + 2;
        for line in &mut lines[i..end] {
            if let Rendered::Code {
                last_width, pad, ..
            } = line
            {
                *pad = column - (*last_width).min(column);
            }
        }
        i = end;
    }
}

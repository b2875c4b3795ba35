//! Reading `.terms` text into a [`tree::Document`], or node by node into a [`Sink`]
//! (which is how `check` validates a well-formed file without building a tree).
//!
//! The pest grammar (`grammar/terms.pest`) and every pest type stay inside
//! [`parser`]; the rest of termlint sees only the typed tree and [`Problem`]s.

mod braces;
mod fast;
pub mod lexeme;
mod parser;
pub mod sink;
pub mod tree;

pub use braces::MAX_DEPTH;
pub use sink::{BlockEdges, Sink};

use crate::problem::{Kind, Problem};
use crate::span::Span;
use sink::TreeBuilder;
use tree::Document;

/// The result of parsing: the tree of everything that could be read, and every
/// syntax problem found (not only the first).
#[derive(Debug, Default)]
pub struct Parsed<'t> {
    pub document: Document<'t>,
    pub problems: Vec<Problem>,
}

/// Parses `.terms` text.  Never panics and never recurses deeper than
/// [`MAX_DEPTH`] blocks, whatever the input.
#[must_use]
pub fn parse(text: &str) -> Parsed<'_> {
    // Well-formed files (nearly all of them) take the fast path; anything else is
    // read by the pest grammar, which reports every problem.
    let mut tree = TreeBuilder::with_capacity(64);
    match read_well_formed(text, &mut tree) {
        Some(()) => Parsed {
            document: tree.finish(),
            problems: Vec::new(),
        },
        None => parse_with_grammar(text),
    }
}

/// Reads a well-formed file into `sink`, node by node, without building a tree:
/// the fast path of [`parse`].  `None` when the file has any syntax problem (the
/// sink has then seen part of it and is to be dropped; [`parse_with_grammar`]
/// reports what is wrong).
pub fn read_well_formed<'t, S: Sink<'t>>(text: &'t str, sink: &mut S) -> Option<()> {
    fast::read(text, sink)
}

/// Parses with the pest grammar alone, never the fast path: what [`parse`] falls
/// back to.  Public so tests and fuzzers can check the two agree.
#[must_use]
pub fn parse_with_grammar(text: &str) -> Parsed<'_> {
    let blocks = match braces::scan(text) {
        Ok(blocks) => blocks,
        Err(span) => {
            return Parsed {
                document: Document::default(),
                problems: vec![Problem::new(span, Kind::TooDeep { limit: MAX_DEPTH })],
            }
        }
    };
    let mut parsed = parser::parse_file(text, &blocks);
    parsed.problems.extend(blocks.problems);
    parsed.problems.sort_by_key(|p| p.span.start);
    if parsed.problems.len() > MAX_SYNTAX_PROBLEMS {
        // Past this many, the file is not a contract gone slightly wrong; more of the
        // same only floods the terminal (each is printed with its line).
        let hidden = parsed.problems.len() - MAX_SYNTAX_PROBLEMS;
        let span = parsed.problems[MAX_SYNTAX_PROBLEMS].span;
        parsed.problems.truncate(MAX_SYNTAX_PROBLEMS);
        parsed
            .problems
            .push(Problem::new(span, Kind::TooManyErrors { hidden }));
    }
    parsed
}

/// Strings longer than this (in characters) are a TL001: no clause is that long, and
/// a runaway quote should not hold megabytes as one value.
pub const MAX_STRING_CHARS: usize = 64 * 1024;

/// Syntax problems reported per file before the rest are summed up in one.
pub const MAX_SYNTAX_PROBLEMS: usize = 100;

/// A number as written (`300_000`, `21.5`), as both readers take it: digits, `_`
/// and at most one `.` (the grammar's `number`); `None` for anything else.  Most
/// amounts skip the float parser ([`short_decimal`]); the rest go to it.
pub(crate) fn amount(text: &str) -> Option<f64> {
    if let Some(value) = short_decimal(text) {
        return Some(value);
    }
    if text.contains('_') {
        text.replace('_', "").parse().ok()
    } else {
        text.parse().ok()
    }
}

/// `123` or `12.5`, digits on both sides of the point and at most 15 in all, read
/// bit-identically to `str::parse` without it: the digits as an integer are below
/// 10^15 < 2^53, so exact as an `f64`, and so is 10^k for k ≤ 15; one IEEE division
/// then rounds the exact quotient once, as the float parser's own fast path does.
/// `None` for any other shape.
#[allow(clippy::cast_precision_loss)] // below 2^53: exact
fn short_decimal(text: &str) -> Option<f64> {
    /// 10^k, each exact in `f64`.
    const POWERS_OF_TEN: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() > 16 {
        return None;
    }
    let mut digits = 0u64;
    let mut point = None;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => digits = digits * 10 + u64::from(b - b'0'),
            b'.' if point.is_none() && i > 0 && i + 1 < bytes.len() => point = Some(i),
            _ => return None,
        }
    }
    if bytes.len() - usize::from(point.is_some()) > 15 {
        return None;
    }
    Some(match point {
        None => digits as f64,
        Some(i) => digits as f64 / POWERS_OF_TEN[bytes.len() - i - 1],
    })
}

/// Decodes file bytes as UTF-8, or reports where they stop being UTF-8.
///
/// # Errors
/// A TL001 problem pointing at the first invalid byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let len = e.error_len().unwrap_or(bytes.len() - at).max(1);
        Problem::new(Span::new(at, at + len), Kind::InvalidUtf8)
    })
}

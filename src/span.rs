//! Byte-offset spans, the one position vocabulary of termlint.
//!
//! Everything inside the library speaks in byte offsets into a file's text.  Lines and
//! columns (1-based, columns counting Unicode scalar values, as §5.1 of the spec asks)
//! are computed only at the edges, by [`LineIndex`], when a diagnostic is printed.

use std::fmt;

/// A half-open byte range `start..end` into one source text.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    #[must_use]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers.  Out-of-range spans give an empty string rather
    /// than a panic, since diagnostics must never crash the run.
    #[must_use]
    pub fn text(self, source: &str) -> &str {
        source.get(self.start..self.end).unwrap_or("")
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets to lines and columns.  Built once per file, on demand.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        // Contract lines are short: memchr's iterator keeps its vector state between
        // hits, where a fresh search per line would pay its set-up cost every time.
        let mut line_starts = Vec::with_capacity(text.len() / 24 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { line_starts }
    }

    /// The line and column of `offset` in `text` (the text the index was built on).
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        LineCol {
            line: line + 1,
            column: column(text, self.line_starts[line], offset),
        }
    }

    /// The 1-based line holding `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }
}

/// Lines and columns of offsets met in increasing order (a file's findings), found
/// by scanning forward from the previous one: no index of every line is built, and
/// a file is scanned about once however many findings it has.  An offset behind
/// the previous one restarts from the top, so any order is still right.
#[derive(Debug, Clone)]
pub struct LineCursor<'t> {
    text: &'t str,
    /// 0-based line of `at`, and where that line starts.
    line: usize,
    line_start: usize,
    at: usize,
    /// The column last returned, that of `at`.
    column: usize,
}

impl<'t> LineCursor<'t> {
    #[must_use]
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            line: 0,
            line_start: 0,
            at: 0,
            column: 1,
        }
    }

    /// The line and column of `offset`, as [`LineIndex::line_col`] gives them.
    pub fn line_col(&mut self, offset: usize) -> LineCol {
        let text = self.text;
        let offset = offset.min(text.len());
        if offset < self.at {
            *self = Self::new(text);
        }
        let passed = &text.as_bytes()[self.at..offset];
        let run = scan(passed);
        if run.newlines > 0 {
            self.line += run.newlines;
            self.line_start = self.at + run.line_from;
        }
        self.column = match (run.ascii_tail, run.newlines) {
            // Along one line of ASCII (the common case, and always when `passed` is
            // empty) the column moves by the bytes passed: `at` and `offset` are then
            // character boundaries, and a byte-order mark is never in between.
            (true, 0) => self.column + passed.len(),
            // On a new line that is ASCII up to `offset`, a byte is a column.
            (true, _) => offset - self.line_start + 1,
            _ => column(text, self.line_start, offset),
        };
        self.at = offset;
        LineCol {
            line: self.line + 1,
            column: self.column,
        }
    }
}

/// The 1-based column of `offset` on the line starting at `line_start`, counting
/// Unicode scalar values (bytes, inside a broken character).
fn column(text: &str, line_start: usize, offset: usize) -> usize {
    // A leading byte-order mark is not a character the user sees.
    let start = match line_start {
        0 if text.starts_with('\u{feff}') => '\u{feff}'.len_utf8().min(offset),
        s => s,
    };
    let count = match text.as_bytes().get(start..offset) {
        // Most lines are ASCII up to the finding: a byte is a character.
        Some(bytes) if bytes.is_ascii() => bytes.len(),
        _ => text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count()),
    };
    count + 1
}

/// What the cursor passed over: its newlines, where the line after the last one
/// starts (0 without one), and whether every byte from there on is ASCII.
struct Run {
    newlines: usize,
    line_from: usize,
    ascii_tail: bool,
}

/// Reads `bytes` eight at a time as a `u64`, finding newlines and non-ASCII bytes
/// of a word at once.  A finding is a few lines past the one before, so the cursor
/// passes a hundred bytes or so: too few for a vector search per question (memchr,
/// `is_ascii`, a count) to pay its set-up, and one pass answers them all.
fn scan(bytes: &[u8]) -> Run {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut run = Run {
        newlines: 0,
        line_from: 0,
        ascii_tail: true,
    };
    // One past the last non-ASCII byte (0: none).
    let mut wide_end = 0;
    let mut word_at = |base: usize, word: u64| {
        // Newlines become zero bytes; the top bit of each byte then says whether it
        // is zero (exactly: no carry crosses from one byte to the next).
        let x = word ^ (ONES * u64::from(b'\n'));
        let newlines = !(((x & LOW7) + LOW7) | x | LOW7);
        if newlines != 0 {
            run.newlines += newlines.count_ones() as usize;
            run.line_from = base + (63 - newlines.leading_zeros() as usize) / 8 + 1;
        }
        let wide = word & HIGH;
        if wide != 0 {
            wide_end = base + (63 - wide.leading_zeros() as usize) / 8 + 1;
        }
    };
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        word_at(base, u64::from_le_bytes(eight));
        base += 8;
    }
    // The tail padded with zero bytes, which are neither newlines nor wide.
    let tail = words.remainder();
    if !tail.is_empty() {
        let mut eight = [0u8; 8];
        eight[..tail.len()].copy_from_slice(tail);
        word_at(base, u64::from_le_bytes(eight));
    }
    run.ascii_tail = wide_end <= run.line_from;
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_scalar_values_not_bytes() {
        let text = "a\n受注 x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 4 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
    }

    /// Forward by every stride from 1 to 40 bytes (whole words, tails, several
    /// lines at once, landing inside characters), backwards, and out of order.
    #[test]
    fn a_cursor_agrees_with_the_index_in_any_order() {
        let text = "\u{feff}contract \"受注\" {\n  title \"x\"\r\n\n  vendor \"y\" {}\n  \
                    staff { operators 99 } // 夜間\n  x_note \"𝄞 long line of plain words\"\n}";
        let index = LineIndex::new(text);
        let forward = (1..=40).flat_map(|stride| (0..=text.len() + 2).step_by(stride));
        let backward = (0..=text.len() + 2).rev();
        let mut cursor = LineCursor::new(text);
        for offset in forward.chain(backward).chain([3, 40, 7]) {
            assert_eq!(
                cursor.line_col(offset),
                index.line_col(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}ab";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 4), LineCol { line: 1, column: 2 });
    }
}

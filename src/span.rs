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

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}ab";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 4), LineCol { line: 1, column: 2 });
    }
}

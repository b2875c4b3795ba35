//! Byte offsets ↔ protocol positions.
//!
//! termlint speaks byte offsets; the protocol speaks (line, character) where a
//! character is a UTF-16 code unit unless client and server agree on UTF-8.  Japanese
//! contracts make the difference real: `受注` is two UTF-16 units and six bytes, an
//! emoji two units and four bytes.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::span::Span;

/// How a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion at all), else the protocol's
    /// default, UTF-16.
    #[must_use]
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    #[must_use]
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A document's line starts, to convert positions both ways.
#[derive(Debug, Clone)]
pub struct LineMap {
    line_starts: Vec<usize>,
    encoding: Encoding,
}

impl LineMap {
    #[must_use]
    pub fn new(text: &str, encoding: Encoding) -> LineMap {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineMap {
            line_starts,
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text and to a character start).
    #[must_use]
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let before = &text[self.line_starts[line]..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    #[must_use]
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of `position`: past the line's end is its end, past the last
    /// line is the end of the text, inside a character is that character's start (a
    /// client may send any of these).
    #[must_use]
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        let Some(&start) = self.line_starts.get(line) else {
            return text.len();
        };
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        let line_text = &text[start..end];
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, c) in line_text.char_indices() {
            if units >= wanted {
                return start + at;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > wanted {
                return start + at;
            }
        }
        end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_kanji_as_one_unit_and_an_emoji_as_two() {
        let text = "a\n  受注🎧 x\n";
        let x = text.find('x').unwrap();
        let utf16 = LineMap::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(text, x), Position::new(1, 7));
        assert_eq!(utf16.offset(text, Position::new(1, 7)), x);
        let utf8 = LineMap::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, x), Position::new(1, 13));
        assert_eq!(utf8.offset(text, Position::new(1, 13)), x);
    }

    #[test]
    fn positions_out_of_the_text_are_clamped() {
        let text = "ab\n🎧\n";
        let map = LineMap::new(text, Encoding::Utf16);
        assert_eq!(map.offset(text, Position::new(0, 99)), 2);
        assert_eq!(map.offset(text, Position::new(9, 0)), text.len());
        // Between the two halves of the emoji's surrogate pair: its start.
        assert_eq!(map.offset(text, Position::new(1, 1)), 3);
        assert_eq!(map.position(text, 4), Position::new(1, 0));
    }
}

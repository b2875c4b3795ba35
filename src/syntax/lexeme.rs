//! The tokens the two languages write alike: where a string or a comment ends, and
//! the decoding of string escapes and daily time ranges.  The nesting pre-scans of
//! both languages skip strings and comments with [`string_end`] and [`comment_end`];
//! the fast `.terms` reader, the pest converter of `.terms` and the `.rules`
//! converter decode here, so an escape or a clock time means one thing everywhere.

use std::borrow::Cow;
use std::ops::Range;

use crate::value::TimeRange;

/// A value's text in the one spacing both `fmt` and messages write: runs of spaces
/// made one, one space around `/` and after a bound's operator (`>=90%` is
/// `>= 90%`, `300 JPY/call` is `300 JPY / call`).  A string is its text as written.
/// So a finding's message is the same before and after `termlint fmt`.
#[must_use]
pub fn canonical_value(raw: &str) -> Cow<'_, str> {
    if raw.starts_with('"') || is_canonical(raw) {
        return Cow::Borrowed(raw);
    }
    let (op, rest) = [">=", "<=", ">", "<"]
        .iter()
        .find_map(|op| raw.strip_prefix(op).map(|rest| (*op, rest)))
        .unwrap_or(("", raw));
    let spaced = |part: &str| part.split_whitespace().collect::<Vec<_>>().join(" ");
    let quantity = rest.split('/').map(spaced).collect::<Vec<_>>().join(" / ");
    if op.is_empty() {
        Cow::Owned(quantity)
    } else {
        Cow::Owned(format!("{op} {quantity}"))
    }
}

/// Whether `raw` is already spaced as [`canonical_value`] writes it, which is how
/// nearly every value is written: the message then borrows it instead of a copy.
fn is_canonical(raw: &str) -> bool {
    let rest = match [">=", "<=", ">", "<"]
        .iter()
        .find_map(|op| raw.strip_prefix(op))
    {
        Some(rest) if !rest.starts_with(' ') => return false,
        Some(rest) => &rest[1..],
        None => raw,
    };
    // One pass over the bytes (this runs on every value `fmt` writes): no space
    // first, none doubled, no tab, and a space each side of every `/`.
    let b = rest.as_bytes();
    b.first() != Some(&b' ')
        && b.iter().enumerate().all(|(i, &c)| match c {
            b' ' => b.get(i + 1) != Some(&b' '),
            b'\t' => false,
            b'/' => i > 0 && b[i - 1] == b' ' && b.get(i + 1) == Some(&b' '),
            _ => true,
        })
}

/// Where a one-line string whose body starts at `from` stops: at its closing quote
/// or, unterminated, at the end of its line.  An escape's `\\` skips the byte after
/// it, whatever it is, as both grammars do.
#[must_use]
pub fn string_end(bytes: &[u8], mut from: usize) -> usize {
    // The pre-scans run over every file before it is parsed, and strings are most of
    // a rule file's bytes: memchr finds the next byte of interest a word at a time.
    while let Some(n) = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr3(b'"', b'\n', b'\\', rest))
    {
        if bytes[from + n] != b'\\' {
            return from + n;
        }
        from += n + 2;
    }
    from.max(bytes.len())
}

/// Where a `//` comment starting at `from` ends: at the line break after it, or the
/// end of the text.
#[must_use]
pub fn comment_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |n| from + n)
}

/// A string body with its escapes (`\" \\ \n \t \u{3042}`) resolved.  Each escape
/// the language does not have is given to `bad` as its byte range in `raw` (the
/// backslash and the character after it) and left out of the text.
pub fn unescape(raw: &str, mut bad: impl FnMut(Range<usize>)) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = match chars.next() {
            Some((_, '"')) => Some('"'),
            Some((_, '\\')) => Some('\\'),
            Some((_, 'n')) => Some('\n'),
            Some((_, 't')) => Some('\t'),
            Some((_, 'u')) => unicode_escape(&raw[at + 2..]).map(|(ch, len)| {
                // The `{`, the digits and the `}` are ASCII: one char a byte.
                for _ in 0..len {
                    chars.next();
                }
                ch
            }),
            _ => None,
        };
        match escaped {
            Some(ch) => out.push(ch),
            None => bad(at..chars.offset()),
        }
    }
    Cow::Owned(out)
}

/// The `{3042}` after `\u`: the character, and how many bytes the braces take.
fn unicode_escape(rest: &str) -> Option<(char, usize)> {
    let body = rest.strip_prefix('{')?;
    let close = body.find('}')?;
    Some((unicode_scalar(&body[..close])?, close + 2))
}

/// The character of a `\u{…}` escape body: one to six hex digits naming a Unicode
/// scalar value (no sign, no surrogate), as in Rust.
#[must_use]
pub fn unicode_scalar(hex: &str) -> Option<char> {
    if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

/// Why `HH:MM-HH:MM` is not a time range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadTimeRange {
    /// A clock past `24:00`, minutes over 59, or a range starting at `24:00`.
    Clock,
    /// It starts where it ends.
    Empty,
}

/// `09:00-18:00` as a [`TimeRange`].
///
/// # Errors
/// When either clock is impossible or the range is empty.
pub fn time_range(text: &str) -> Result<TimeRange, BadTimeRange> {
    let (start, end) = text.split_once('-').ok_or(BadTimeRange::Clock)?;
    match (clock_minutes(start), clock_minutes(end)) {
        (Some(start), Some(end)) if start < 1440 => {
            if start == end {
                Err(BadTimeRange::Empty)
            } else {
                Ok(TimeRange { start, end })
            }
        }
        _ => Err(BadTimeRange::Clock),
    }
}

/// `HH:MM` in minutes; `None` past `24:00` or with minutes over 59.
fn clock_minutes(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_value_spaces_slashes_and_bounds_and_borrows_what_is_canonical() {
        for (written, canonical) in [
            ("300 JPY/call", "300 JPY / call"),
            ("300  JPY /call", "300 JPY / call"),
            (">=90%", ">= 90%"),
            (">=  90%", ">= 90%"),
            ("<\t20 s", "< 20 s"),
            ("6_000 calls\t/ month", "6_000 calls / month"),
        ] {
            assert_eq!(canonical_value(written), canonical, "{written:?}");
        }
        for written in ["300 JPY / call", ">= 90%", "6_000", "\"a  /b\"", "mon-fri"] {
            assert!(matches!(canonical_value(written), Cow::Borrowed(w) if w == written));
        }
    }

    fn decoded(raw: &str) -> (String, Vec<(usize, usize)>) {
        let mut bad = Vec::new();
        let text = unescape(raw, |r| bad.push((r.start, r.end))).into_owned();
        (text, bad)
    }

    #[test]
    fn escapes_resolve_and_unknown_ones_are_reported_where_they_stand() {
        assert_eq!(decoded("plain 受注"), ("plain 受注".into(), vec![]));
        assert_eq!(
            decoded(r#"a\"b\\c\nd\te\u{3042}"#),
            ("a\"b\\c\nd\te\u{3042}".into(), vec![])
        );
        assert_eq!(decoded(r"x\d"), ("x".into(), vec![(1, 3)]));
        assert_eq!(decoded(r"\u{zz}"), ("{zz}".into(), vec![(0, 2)]));
        assert_eq!(decoded(r"\受"), (String::new(), vec![(0, 4)]));
        assert_eq!(decoded("ends in \\"), ("ends in ".into(), vec![(8, 9)]));
    }

    #[test]
    fn time_ranges_read_clocks_up_to_midnight() {
        assert_eq!(
            time_range("22:00-06:00"),
            Ok(TimeRange {
                start: 1320,
                end: 360
            })
        );
        assert_eq!(time_range("09:00-24:00").map(|r| r.end), Ok(1440));
        assert_eq!(time_range("24:00-06:00"), Err(BadTimeRange::Clock));
        assert_eq!(time_range("09:60-10:00"), Err(BadTimeRange::Clock));
        assert_eq!(time_range("09:00-09:00"), Err(BadTimeRange::Empty));
    }
}

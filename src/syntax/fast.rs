//! A hand-written reader for well-formed `.terms` files: the fast path.
//!
//! `grammar/terms.pest` is the language's normative grammar and the source of every
//! syntax diagnostic, but pest spends most of a check's time on bookkeeping (call
//! limits, stack guards, backtracking snapshots).  Real contracts are almost always
//! well-formed, so this reader handles exactly the well-formed case and gives up —
//! returning `None` — at the first thing it does not expect; the caller then runs
//! the pest parser, which reports every error.  It hands each node to a [`Sink`] as it
//! is read; the tree built from those ([`super::sink::TreeBuilder`]) is identical to
//! the one the pest grammar gives, spans included: the tests below and
//! `tests/robustness.rs` compare the two on every fixture and on random input.

use std::borrow::Cow;

use super::lexeme;
use super::sink::{BlockEdges, Sink};
use super::tree::{Arg, Value};
use super::{MAX_DEPTH, MAX_STRING_CHARS};
use crate::span::Span;
use crate::units::Unit;
use crate::value::{BoundOp, Date, Quantity};

/// Reads `text` into `sink`, if it is well-formed (no syntax problem at all).  On
/// `None` the sink has seen part of the file and is to be dropped.
pub(super) fn read<'t, S: Sink<'t>>(text: &'t str, sink: &mut S) -> Option<()> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        args: Vec::with_capacity(16),
        sink,
    };
    if text.starts_with('\u{feff}') {
        r.pos = '\u{feff}'.len_utf8();
    }
    r.items(0)?;
    (r.pos == r.bytes.len()).then_some(())
}

struct Reader<'t, 's, S> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    /// The arguments of the node being read, handed to the sink with its name (a
    /// node's arguments end before its block begins, so this never holds two
    /// nodes' worth).
    args: Vec<Arg<'t>>,
    sink: &'s mut S,
}

impl<'t, S: Sink<'t>> Reader<'t, '_, S> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    /// Moves past the bytes from the position on that `accept` takes.  The
    /// position is kept in a local meanwhile, not stored back per byte: these
    /// loops run over most of a file's bytes (a third of a contract is spaces).
    fn skip_while(&mut self, accept: impl Fn(u8) -> bool) {
        let mut pos = self.pos;
        while self.bytes.get(pos).is_some_and(|&b| accept(b)) {
            pos += 1;
        }
        self.pos = pos;
    }

    /// Spaces, tabs and comments (never newlines: they end nodes).
    fn trivia(&mut self) {
        loop {
            self.spaces();
            if self.peek() == Some(b'/') && self.at(1) == Some(b'/') {
                self.skip_while(|b| !matches!(b, b'\n' | b'\r'));
            } else {
                return;
            }
        }
    }

    /// What may follow a token (the grammar's `boundary`).
    fn at_boundary(&self) -> bool {
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b';' | b'{' | b'}') => true,
            Some(b'/') => self.at(1) == Some(b'/'),
            _ => false,
        }
    }

    /// Nodes until a `}` (in a block) or the end (at the top).
    fn items(&mut self, depth: usize) -> Option<()> {
        loop {
            self.trivia();
            let done = match self.peek() {
                None => depth == 0,
                Some(b'}') => depth > 0,
                Some(b'\n' | b'\r' | b';') => {
                    self.pos += 1;
                    continue;
                }
                Some(b'a'..=b'z') => {
                    self.node(depth)?;
                    continue;
                }
                _ => false,
            };
            return done.then_some(());
        }
    }

    /// Reads one node: its head goes to the sink before its block is read, so the
    /// sink sees nodes in text order, parents before their children.
    fn node(&mut self, depth: usize) -> Option<()> {
        let start = self.pos;
        self.skip_while(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'));
        if !self.at_boundary() {
            return None;
        }
        let name_span = Span::new(start, self.pos);
        loop {
            self.trivia();
            match self.peek() {
                None | Some(b'\n' | b'\r' | b';' | b'}' | b'{') => break,
                _ => {
                    let arg = self.value()?;
                    self.args.push(arg);
                }
            }
        }
        let mark = self
            .sink
            .head(&self.text[start..name_span.end], name_span, &mut self.args);
        self.args.clear();
        let block = if self.peek() == Some(b'{') {
            Some(self.block(depth)?)
        } else {
            None
        };
        self.sink.end(mark, block);
        Some(())
    }

    fn block(&mut self, depth: usize) -> Option<BlockEdges> {
        if depth + 1 > MAX_DEPTH {
            return None;
        }
        let open = Span::new(self.pos, self.pos + 1);
        self.pos += 1;
        self.items(depth + 1)?;
        // `items` stopped at the closing brace.
        self.pos += 1;
        Some(BlockEdges {
            open,
            end: self.pos,
        })
    }

    fn value(&mut self) -> Option<Arg<'t>> {
        let start = self.pos;
        let value = match self.peek()? {
            b'"' => self.string()?,
            b'>' | b'<' => self.bound()?,
            b'0'..=b'9' => {
                if let Some(range) = self.time_range()? {
                    range
                } else if let Some(date) = self.date()? {
                    date
                } else {
                    Value::Num(self.quantity()?)
                }
            }
            b'A'..=b'Z' | b'a'..=b'z' => self.word()?,
            _ => return None,
        };
        Some(Arg {
            value,
            span: Span::new(start, self.pos),
        })
    }

    fn string(&mut self) -> Option<Value<'t>> {
        self.pos += 1;
        let body = self.pos;
        loop {
            // Plain text up to the closing quote, an escape or the line's end.
            self.skip_while(|b| !matches!(b, b'"' | b'\n' | b'\r' | b'\\'));
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    self.pos += 2;
                }
                // The line ends first: unterminated.
                _ => return None,
            }
        }
        let raw = self.text.get(body..self.pos)?;
        self.pos += 1;
        let mut known = true;
        let text = lexeme::unescape(raw, |_| known = false);
        if !known {
            return None;
        }
        (text.chars().count() <= MAX_STRING_CHARS).then_some(Value::Str(text))
    }

    fn bound(&mut self) -> Option<Value<'t>> {
        let op = match (self.peek()?, self.at(1)) {
            (b'>', Some(b'=')) => BoundOp::Ge,
            (b'<', Some(b'=')) => BoundOp::Le,
            (b'>', _) => BoundOp::Gt,
            _ => BoundOp::Lt,
        };
        self.pos += if matches!(op, BoundOp::Ge | BoundOp::Le) {
            2
        } else {
            1
        };
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        if !self.peek()?.is_ascii_digit() {
            return None;
        }
        Some(Value::Bound(op, self.quantity()?))
    }

    /// `DD:DD-DD:DD`.  `Some(None)`: not this shape (position unchanged); `None`:
    /// this shape but no real range, an error for the full parser.
    fn time_range(&mut self) -> Option<Option<Value<'t>>> {
        let Some(b) = self.bytes.get(self.pos..self.pos + 11) else {
            return Some(None);
        };
        // The punctuation first: it rules out nearly every number at once.
        if !(b[2] == b':' && b[5] == b'-' && b[8] == b':') {
            return Some(None);
        }
        let digits = [0, 1, 3, 4, 6, 7, 9, 10]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
        if !digits {
            return Some(None);
        }
        let saved = self.pos;
        self.pos += 11;
        if !self.at_boundary() {
            self.pos = saved;
            return Some(None);
        }
        lexeme::time_range(&self.text[saved..self.pos])
            .ok()
            .map(|range| Some(Value::TimeRange(range)))
    }

    /// `DDDD-DD-DD`, as [`Self::time_range`].
    fn date(&mut self) -> Option<Option<Value<'t>>> {
        let Some(b) = self.bytes.get(self.pos..self.pos + 10) else {
            return Some(None);
        };
        let shape = b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Some(None);
        }
        let saved = self.pos;
        self.pos += 10;
        if !self.at_boundary() {
            self.pos = saved;
            return Some(None);
        }
        Date::parse(&self.text[saved..self.pos]).map(|d| Some(Value::Date(d)))
    }

    /// `300_000 JPY / month`, `35%`, `40h`, `3 / year`, as the grammar's `quantity`.
    fn quantity(&mut self) -> Option<Quantity> {
        let start = self.pos;
        self.skip_while(|b| matches!(b, b'0'..=b'9' | b'_'));
        if self.peek() == Some(b'.') && self.at(1).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
        }
        let text = &self.text[start..self.pos];
        let amount = super::amount(text)?;
        let mut q = Quantity {
            amount,
            percent: false,
            unit: None,
            per: None,
        };
        if self.peek() == Some(b'%') {
            self.pos += 1;
            q.percent = true;
        }
        // `(WHITESPACE* ~ unit)?`
        let saved = self.pos;
        self.spaces();
        match self.unit() {
            Some(unit) => q.unit = Some(unit),
            // A word after a number is its unit, and this one is none of the set:
            // the grammar reports it (`unknown_unit`).
            None if !q.percent
                && self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphabetic() || !c.is_ascii()) =>
            {
                return None;
            }
            None => self.pos = saved,
        }
        // `(WHITESPACE* ~ "/" ~ WHITESPACE* ~ per)?`
        let saved = self.pos;
        self.spaces();
        if self.peek() == Some(b'/') {
            self.pos += 1;
            self.spaces();
            let per_start = self.pos;
            let first = self.peek();
            if first.is_some_and(|c| c.is_ascii_alphabetic()) {
                while matches!(
                    self.peek(),
                    Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_')
                ) {
                    self.pos += 1;
                }
                // A per-unit outside the closed set is an error for the full parser.
                match Unit::parse(&self.text[per_start..self.pos]) {
                    Some(unit @ (Unit::Time(_) | Unit::Count(_))) => q.per = Some(unit),
                    _ => return None,
                }
            } else if self.text[self.pos..].starts_with('円') {
                return None;
            } else {
                self.pos = saved;
            }
        } else {
            self.pos = saved;
        }
        self.at_boundary().then_some(q)
    }

    fn spaces(&mut self) {
        self.skip_while(|b| matches!(b, b' ' | b'\t'));
    }

    /// One spelling of the closed unit set followed by no word character; on no
    /// match the position is unchanged.
    fn unit(&mut self) -> Option<Unit> {
        let start = self.pos;
        if self.text[start..].starts_with('円') {
            let after = start + '円'.len_utf8();
            let next = self.bytes.get(after).copied();
            if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-') {
                return None;
            }
            self.pos = after;
            return Unit::parse("円");
        }
        let mut end = start;
        while self
            .bytes
            .get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
        {
            end += 1;
        }
        let unit = Unit::parse(&self.text[start..end])?;
        self.pos = end;
        Some(unit)
    }

    fn word(&mut self) -> Option<Value<'t>> {
        let start = self.pos;
        self.skip_while(|b| matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'));
        self.at_boundary()
            .then(|| Value::Word(Cow::Borrowed(&self.text[start..self.pos])))
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_with_grammar;
    use super::super::sink::TreeBuilder;
    use super::super::tree::Document;

    /// The fast reader's tree, as `syntax::parse` builds it.
    fn parse(text: &str) -> Option<Document<'_>> {
        let mut tree = TreeBuilder::default();
        super::read(text, &mut tree)?;
        Some(tree.finish())
    }

    /// The fast reader and the pest grammar agree on every file they both accept,
    /// and the fast reader accepts every well-formed file in the repository.
    #[test]
    fn agrees_with_the_grammar_on_every_fixture_and_example() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for dir in ["contracts", "tests/rules", "rules/examples/tests"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let entry = entry.unwrap();
                if entry.path().extension().is_none_or(|e| e != "terms") {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let slow = parse_with_grammar(&text);
                assert!(slow.problems.is_empty(), "{}", entry.path().display());
                let fast = parse(&text)
                    .unwrap_or_else(|| panic!("fast path refused {}", entry.path().display()));
                assert_eq!(fast, slow.document, "{}", entry.path().display());
                checked += 1;
            }
        }
        assert!(checked > 50);
    }

    #[test]
    fn agrees_on_tricky_shapes() {
        for text in [
            "\u{feff}contract \"a\" { x_a 40h; x_b 3 / year; x_c 35% / year }\n",
            "contract \"a\" {\r\n  x_a 300_000 JPY / month // note\r\n}\r\n",
            "contract \"a\" { x_a 250 円 / call; x_b 250円/call; x_c 10 seats }",
            "contract \"a\" { x_a >= 90%; x_b <30 s; x_c 80% within 20 s }",
            "contract \"a\" { x_a \"esc \\\" \\\\ \\n \\t \\u{3042}\" mon-fri 22:00-06:00 2027-03-31 }",
            "a { } b { c }\n",
            "contract \"a\" {\n\n}\n// end",
            "x TL101 high-turnover 1.5 2_0.25",
            "x \"\\u{10FFFF}\"",
        ] {
            let slow = parse_with_grammar(text);
            assert!(slow.problems.is_empty(), "{text:?}: {:?}", slow.problems);
            assert_eq!(parse(text).as_ref(), Some(&slow.document), "{text:?}");
        }
    }

    /// The shortcut of `syntax::amount` gives exactly what the float parser gives on
    /// whole amounts, and leaves everything else to it.
    #[test]
    fn whole_amounts_read_as_the_float_parser_reads_them() {
        let mut n: u64 = 1;
        while n < 1_000_000_000_000_000 {
            for m in [n - 1, n, n + 7, n * 3 + 1] {
                let text = m.to_string();
                let want: f64 = text.parse().unwrap();
                let got = super::super::amount(&text).unwrap();
                assert_eq!(got.to_bits(), want.to_bits(), "{text}");
            }
            n *= 10;
        }
        // Other shapes: underscores removed, more than 15 digits, not a number.
        for (text, want) in [
            ("1_000", Some(1000.0)),
            ("1.5", Some(1.5)),
            ("9999999999999999", Some(1e16)),
            ("", None),
            ("12a", None),
        ] {
            assert_eq!(super::super::amount(text), want, "{text:?}");
        }
    }

    /// Decimal amounts of up to 15 digits, which skip the float parser, give exactly
    /// what it gives: on edge cases and on 300,000 pseudo-random ones of every
    /// length and point position.
    #[test]
    fn decimal_amounts_read_as_the_float_parser_reads_them() {
        let same = |text: &str| {
            let want: f64 = text.parse().unwrap();
            let got = super::super::amount(text).unwrap();
            assert_eq!(got.to_bits(), want.to_bits(), "{text}");
        };
        for text in [
            "0.1",
            "0.2",
            "0.3",
            "21.5",
            "5.9",
            "0.00000000000001",
            "1.00000000000001",
            "99999999999999.9",
            "9.99999999999999",
            "0.000000000000000",
            "1234567890123.45",
            "9007199254740.993",
        ] {
            same(text);
        }
        // A linear congruential generator: the same numbers on every run.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            state >> 11
        };
        for _ in 0..300_000 {
            let digits = 2 + usize::try_from(next() % 15).unwrap();
            let mut text: String = (0..digits)
                .map(|_| char::from(b'0' + u8::try_from(next() % 10).unwrap()))
                .collect();
            let point = 1 + usize::try_from(next()).unwrap() % (digits - 1);
            text.insert(point, '.');
            same(&text);
        }
    }

    #[test]
    fn gives_up_on_anything_the_grammar_reports() {
        for text in [
            "contract \"a\" {",
            "}",
            "a \"unterminated\n",
            "a \"bad \\q escape\"",
            "a 2027-02-30",
            "a 10:00-10:00",
            "a 12abc",
            "a 250 JPY / mnth",
            "Contract",
            "a -5",
            "a\n{\n}",
            "a \"\\u{+41}\"",
            "a \"\\u{0000041}\"",
            "a \"\\u{D800}\"",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
            assert!(!parse_with_grammar(text).problems.is_empty(), "{text:?}");
        }
    }
}

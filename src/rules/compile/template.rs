//! A rule's message and help: literal text with holes that show the contract's
//! values as written (`{pricing.overage}`) or numbers computed from them
//! (`{pricing.base_fee / pricing.included}`), compiled when the rules load.

use super::{Checker, Type};
use crate::rules::ast::{Path, Spanned};
use crate::rules::error::RuleSource;
use crate::rules::ir::{Ir, Part, Style, Template};

impl Checker<'_> {
    /// A computed hole of the message `text`: an expression that gives a number.
    fn computed(&mut self, text: &Spanned<String>, hole: &str) -> Option<Ir> {
        // Where the hole stands in the file, so errors point at it: found in the
        // string as written (escapes may shift it from its place in the value).
        let written = self
            .source
            .text
            .get(text.span.start..text.span.end)
            .unwrap_or("");
        let braced = format!("{{{hole}}}");
        let expr = match written.find(&braced) {
            Some(i) => crate::rules::syntax::parse_hole(self.source, text.span.start + i + 1, hole),
            None => {
                let alone = RuleSource::new(self.source.name.clone(), hole.to_string());
                crate::rules::syntax::parse_hole(&alone, 0, hole).map(|mut e| {
                    e.span = text.span;
                    e
                })
            }
        };
        let expr = match expr {
            Ok(expr) => expr,
            Err(e) => {
                self.errors.push(e);
                return None;
            }
        };
        let (ir, ty) = self.expr(&expr, None)?;
        if !matches!(ty, Type::Num(_)) {
            self.error(
                expr.span,
                format!("a computed value in a message must be a number, but this is {}", ty.describe()),
                "not a number",
                Some("write a path (`{pricing.overage}`) or arithmetic on numbers (`{pricing.base_fee / pricing.included}`)".into()),
            );
            return None;
        }
        Some(ir)
    }

    pub(super) fn template(&mut self, text: &Spanned<String>) -> Template {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let s = text.node.as_str();
        let mut rest = s;
        // Braces are ASCII, so a byte search finds them at character boundaries;
        // `str::find` with a pair of chars decodes every character of every message.
        while let Some(i) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
            literal.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                literal.push(tail.as_bytes()[0] as char);
                rest = &tail[2..];
                continue;
            }
            if let Some(after) = tail.strip_prefix('}') {
                literal.push('}');
                rest = after;
                continue;
            }
            let Some(end) = tail.find('}') else {
                self.error(
                    text.span,
                    "a `{` in this message is never closed".into(),
                    "unclosed `{`",
                    Some("write `{{` for a literal brace".into()),
                );
                return Template::default();
            };
            // Inside a `code span` when the text so far has an odd number of backticks.
            let before = &s[..s.len() - tail.len()];
            let style = if before.bytes().filter(|&b| b == b'`').count() % 2 == 1 {
                Style::Code
            } else {
                Style::Prose
            };
            let hole = &tail[1..end];
            let part = if is_plain_path(hole.trim()) {
                let steps = hole
                    .trim()
                    .split('.')
                    .map(|s| Spanned::new(s.to_string(), text.span))
                    .collect();
                let path = Path { steps };
                if hole.trim().starts_with("cost.") {
                    // A cost figure is computed, so shown as a number; resolved here,
                    // not parsed as an expression (that costs a parse per hole).
                    self.cost_figure(&path, text.span)
                        .map(|(ir, _)| Part::Computed(ir, style))
                } else {
                    self.path(&Spanned::new(path, text.span))
                        .map(|(ir, _)| Part::Value(ir, style))
                }
            } else {
                self.computed(text, hole)
                    .map(|ir| Part::Computed(ir, style))
            };
            if let Some(part) = part {
                if !literal.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut literal)));
                }
                parts.push(part);
            }
            rest = &tail[end + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Template { parts }
    }
}

/// `pricing.overage`, `service.*.volume`: a hole that shows a value as written.
fn is_plain_path(hole: &str) -> bool {
    !hole.is_empty()
        && hole.split('.').all(|step| {
            step == "*"
                || (step.starts_with(|c: char| c.is_ascii_lowercase())
                    && step
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))
        })
}

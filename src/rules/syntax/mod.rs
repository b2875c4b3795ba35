//! pest glue for `grammar/rules.pest`: rule-file text to [`ast`] types.
//!
//! Only this module sees pest.  Syntax errors become [`RuleError`]s that say what was
//! expected in words, pointing at the offending token.

use pest::iterators::Pair;
use pest::Parser as _;
use pest_derive::Parser;

use super::ast::{ArithOp, CmpOp, Expr, Path, RuleDecl, RuleFile, SetItem, Spanned, UseTarget};
use super::error::{RuleError, RuleSource};
use crate::severity::Severity;
use crate::span::Span;
use crate::units::Unit;
use crate::value::{Date, Quantity};

#[derive(Parser)]
#[grammar = "../grammar/rules.pest"]
struct RulesParser;

pub use super::text::MAX_NESTING;
use super::text::{dedent, one_line, too_deep};
use crate::syntax::lexeme::{self, BadTimeRange};
use errors::syntax_error;

mod errors;
mod outline;

pub use outline::{outline, Written, WrittenBlock};

/// A condition's tree may be this many operators deep: a chain of `not`s, or of
/// `+`/`*`/`and`-style operands written one after another, counts one level for each.
/// Conditions are type-checked and evaluated by walking the tree, so a bound here is
/// what keeps a hostile or generated rule file from overflowing the stack; real
/// conditions are a few levels deep.
pub const MAX_EXPRESSION_DEPTH: usize = 64;

/// Parses one rule file.
///
/// # Errors
/// The first syntax error, pointing into the file.
pub fn parse(source: &RuleSource) -> Result<RuleFile, RuleError> {
    let text = &*source.text;
    if let Some(span) = too_deep(text) {
        return Err(nesting_error(source, span));
    }
    let file = RulesParser::parse(Rule::file, text).map_err(|e| syntax_error(source, &e))?;
    let mut out = RuleFile::default();
    let mut cx = Converter { source, depth: 0 };
    for pair in file
        .into_iter()
        .next()
        .into_iter()
        .flat_map(Pair::into_inner)
    {
        match pair.as_rule() {
            Rule::use_item => out.uses.push(cx.use_item(pair)?),
            Rule::set_item => out.sets.push(cx.set_item(pair)),
            Rule::rule => out.rules.push(cx.rule(pair)?),
            _ => {}
        }
    }
    Ok(out)
}

/// Brackets nested past [`MAX_NESTING`], found before the grammar runs.
fn nesting_error(source: &RuleSource, span: Span) -> RuleError {
    RuleError::new(
        source,
        span,
        format!("expressions nest deeper than {MAX_NESTING} levels"),
        "too deep",
    )
    .help("split the condition into simpler parts")
}

/// Parses the expression of a computed message hole, `hole`, which stands at byte
/// `at` of the rule file, so spans (and errors) point into the file.
///
/// # Errors
/// The first syntax error of the expression.
pub(crate) fn parse_hole(
    source: &RuleSource,
    at: usize,
    hole: &str,
) -> Result<Spanned<Expr>, RuleError> {
    if let Some(span) = too_deep(hole) {
        let span = Span::new(at + span.start, at + span.end);
        return Err(RuleError::new(
            source,
            span,
            format!("expressions nest deeper than {MAX_NESTING} levels"),
            "too deep",
        ));
    }
    // Spaces in front put the expression at its own offset: pest's positions are then
    // the file's, as for a `when` condition.
    let padded = format!("{}{hole}", " ".repeat(at));
    let mut pairs =
        RulesParser::parse(Rule::hole, &padded).map_err(|e| syntax_error(source, &e))?;
    let expr = pairs
        .next()
        .and_then(|hole| hole.into_inner().find(|p| p.as_rule() == Rule::expr));
    let Some(expr) = expr else {
        return Err(RuleError::new(
            source,
            Span::new(at, at + hole.len()),
            String::from("an empty `{}` in a message"),
            "empty",
        ));
    };
    Converter { source, depth: 0 }.expr(expr)
}

/// Keyword pairs carry no information beyond their position.
fn not_keyword(pair: &Pair<'_, Rule>) -> bool {
    let node = pair.as_rule();
    !(starts_statement(node)
        || matches!(
            node,
            Rule::kw_use | Rule::kw_set | Rule::kw_rule | Rule::kw_and | Rule::kw_or
        ))
}

/// The keywords that start a statement of a rule (`severity`, `when`, `doc`, …).
pub(super) fn starts_statement(node: Rule) -> bool {
    matches!(
        node,
        Rule::kw_severity
            | Rule::kw_category
            | Rule::kw_each
            | Rule::kw_when
            | Rule::kw_at
            | Rule::kw_message
            | Rule::kw_help
            | Rule::kw_ja
            | Rule::kw_doc
    )
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

fn spanned(pair: &Pair<'_, Rule>) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), span_of(pair))
}

struct Converter<'s> {
    source: &'s RuleSource,
    /// How many operators lie above the expression being converted.
    depth: usize,
}

impl Converter<'_> {
    fn use_item(&mut self, pair: Pair<'_, Rule>) -> Result<Spanned<UseTarget>, RuleError> {
        let span = span_of(&pair);
        let target = pair.into_inner().find(not_keyword);
        let node = match target {
            Some(t) if t.as_rule() == Rule::string => UseTarget::File(self.string(&t)?.node),
            _ => UseTarget::Builtin,
        };
        Ok(Spanned::new(node, span))
    }

    fn set_item(&mut self, pair: Pair<'_, Rule>) -> SetItem {
        let mut inner = pair.into_inner().filter(not_keyword);
        let target = inner
            .next()
            .map(|p| spanned(&p))
            .unwrap_or_else(|| Spanned::new(String::new(), Span::default()));
        let severity = inner
            .next()
            .map_or(Spanned::new(None, Span::default()), |p| severity_word(&p));
        SetItem { target, severity }
    }

    fn rule(&mut self, pair: Pair<'_, Rule>) -> Result<RuleDecl, RuleError> {
        let mut inner = pair.into_inner().filter(not_keyword);
        let id = inner.next().map(|p| spanned(&p)).expect("grammar: rule id");
        if !id.node.ends_with(|c: char| c.is_ascii_digit()) {
            return Err(RuleError::new(self.source, id.span, format!("`{}` is not a rule id", id.node), "rule ids end in a number")
                .help("write an id such as `ACME-1` or `ACME101`, then the slug: `rule ACME-1 my-rule-name {`"));
        }
        let slug = inner
            .next()
            .map(|p| spanned(&p))
            .expect("grammar: rule slug");
        let mut rule = RuleDecl {
            head: id.span.join(slug.span),
            id,
            slug,
            severity: None,
            category: None,
            each: None,
            when: None,
            when_text: String::new(),
            at: Vec::new(),
            message: None,
            help: None,
            ja_message: None,
            ja_help: None,
            doc: None,
            repeated: Vec::new(),
        };
        for stmt in inner {
            self.statement(&mut rule, stmt)?;
        }
        Ok(rule)
    }

    /// One statement of a rule's body, recorded in `rule` (a second of a kind that
    /// may appear once is noted in `rule.repeated`).
    fn statement(&mut self, rule: &mut RuleDecl, stmt: Pair<'_, Rule>) -> Result<(), RuleError> {
        let span = span_of(&stmt);
        match stmt.as_rule() {
            Rule::severity_stmt => {
                let value = stmt
                    .into_inner()
                    .find(not_keyword)
                    .map(|p| severity_word(&p));
                set_once(
                    &mut rule.severity,
                    value,
                    "severity",
                    span,
                    &mut rule.repeated,
                );
            }
            Rule::category_stmt => {
                let value = stmt.into_inner().find(not_keyword).map(|p| spanned(&p));
                set_once(
                    &mut rule.category,
                    value,
                    "category",
                    span,
                    &mut rule.repeated,
                );
            }
            Rule::each_stmt => {
                let value = stmt
                    .into_inner()
                    .find(not_keyword)
                    .map(|p| Spanned::new(path(&p), span_of(&p)));
                set_once(&mut rule.each, value, "each", span, &mut rule.repeated);
            }
            Rule::when_stmt => {
                let value = match stmt.into_inner().find(not_keyword) {
                    Some(e) => {
                        rule.when_text = one_line(e.as_str());
                        Some(self.expr(e)?)
                    }
                    None => None,
                };
                set_once(&mut rule.when, value, "when", span, &mut rule.repeated);
            }
            Rule::at_stmt => {
                if !rule.at.is_empty() {
                    rule.repeated.push(("at", span));
                }
                rule.at = stmt
                    .into_inner()
                    .filter(not_keyword)
                    .map(|p| Spanned::new(path(&p), span_of(&p)))
                    .collect();
            }
            Rule::message_stmt => {
                let value = self.statement_text(stmt)?;
                set_once(
                    &mut rule.message,
                    value,
                    "message",
                    span,
                    &mut rule.repeated,
                );
            }
            Rule::help_stmt => {
                let value = self.statement_text(stmt)?;
                set_once(&mut rule.help, value, "help", span, &mut rule.repeated);
            }
            Rule::ja_block => {
                for inner in stmt.into_inner().filter(not_keyword) {
                    let span = span_of(&inner);
                    let is_message = inner.as_rule() == Rule::message_stmt;
                    let value = self.statement_text(inner)?;
                    if is_message {
                        set_once(
                            &mut rule.ja_message,
                            value,
                            "ja message",
                            span,
                            &mut rule.repeated,
                        );
                    } else {
                        set_once(
                            &mut rule.ja_help,
                            value,
                            "ja help",
                            span,
                            &mut rule.repeated,
                        );
                    }
                }
            }
            Rule::doc_stmt => {
                let body = stmt
                    .into_inner()
                    .find(not_keyword)
                    .and_then(|d| d.into_inner().find(not_keyword));
                rule.doc = body.map(|b| dedent(b.as_str()));
            }
            _ => {}
        }
        Ok(())
    }

    /// The string of a `message` or `help` statement.
    /// A node the grammar cannot produce at this place: a bug in this converter, said
    /// as an error at the text rather than a panic.
    fn unexpected(&self, node: Rule, span: Span) -> RuleError {
        RuleError::new(self.source, span, format!("unexpected {node:?}"), "here")
    }

    fn statement_text(&self, stmt: Pair<'_, Rule>) -> Result<Option<Spanned<String>>, RuleError> {
        stmt.into_inner()
            .find(not_keyword)
            .map(|p| self.string(&p))
            .transpose()
    }

    /// A string literal: its text with escapes resolved, spanning the quotes.  An
    /// escape the language does not have (`\d` in a regular expression) is an
    /// error, not a letter quietly kept or dropped.
    fn string(&self, pair: &Pair<'_, Rule>) -> Result<Spanned<String>, RuleError> {
        let body = pair
            .clone()
            .into_inner()
            .next()
            .map_or(("", span_of(pair).start + 1), |b| {
                (b.as_str(), b.as_span().start())
            });
        let mut first_bad = None;
        let text = lexeme::unescape(body.0, |bad| {
            first_bad.get_or_insert(bad);
        });
        if let Some(bad) = first_bad {
            let span = Span::new(body.1 + bad.start, body.1 + bad.end);
            let escape = &body.0[bad];
            return Err(RuleError::new(
                self.source,
                span,
                format!("`{escape}` is not an escape of the rules language"),
                "unknown escape",
            )
            .help(r#"strings know `\"`, `\\`, `\n`, `\t` and `\u{3042}`; write `\\` for a backslash (`\\d` in a regular expression)"#));
        }
        Ok(Spanned::new(text.into_owned(), span_of(pair)))
    }

    /// Converts `pair` as an operand `levels` operators below the current expression,
    /// or refuses the condition at `operator` (the operator that passes the limit) if
    /// that is deeper than [`MAX_EXPRESSION_DEPTH`].  Bounding the depth here, while the
    /// tree is built, bounds every later walk of it: type checking, evaluation, drop.
    fn below(
        &mut self,
        levels: usize,
        operator: impl Fn(usize) -> Span,
        pair: Pair<'_, Rule>,
    ) -> Result<Spanned<Expr>, RuleError> {
        if self.depth + levels > MAX_EXPRESSION_DEPTH {
            let past = MAX_EXPRESSION_DEPTH.saturating_sub(self.depth);
            return Err(RuleError::new(
                self.source,
                operator(past),
                format!("this condition is more than {MAX_EXPRESSION_DEPTH} operators deep"),
                "the limit is passed here",
            )
            .help(
                "write the condition with fewer operators: drop pairs of `not`, \
                 or split a long chain into several rules",
            ));
        }
        self.depth += levels;
        let converted = self.expr(pair);
        self.depth -= levels;
        converted
    }

    fn expr(&mut self, mut pair: Pair<'_, Rule>) -> Result<Spanned<Expr>, RuleError> {
        // Each bracket wraps its content in the grammar's seven precedence levels;
        // stepping down them in a loop, not by a call each, keeps a bracket to one
        // frame of this (large) function.
        while let Some(only) = only_operand(&pair) {
            pair = only;
        }
        let span = span_of(&pair);
        let kind = pair.as_rule();
        if kind == Rule::string {
            let text = self.string(&pair)?;
            return Ok(Spanned::new(Expr::Str(text.node), text.span));
        }
        let mut inner: Vec<Pair<'_, Rule>> = pair.into_inner().filter(not_keyword).collect();
        let node = match kind {
            Rule::expr => return self.expr(inner.remove(0)),
            Rule::or | Rule::and => {
                if inner.len() == 1 {
                    return self.expr(inner.remove(0));
                }
                let at = first_token(span);
                let parts = inner
                    .into_iter()
                    .map(|p| self.below(1, |_| at, p))
                    .collect::<Result<Vec<_>, _>>()?;
                if kind == Rule::or {
                    Expr::Or(parts)
                } else {
                    Expr::And(parts)
                }
            }
            Rule::not => {
                let operand = inner.pop().expect("grammar: not ends with compare");
                let nots: Vec<Span> = inner.iter().map(span_of).collect();
                let mut expr = self.below(nots.len(), |past| nots[past], operand)?;
                // Each `not` wraps what follows it, innermost last.
                for kw in inner.iter().rev() {
                    let span = Span::new(span_of(kw).start, expr.span.end);
                    expr = Spanned::new(Expr::Not(Box::new(expr)), span);
                }
                return Ok(expr);
            }
            Rule::compare => {
                if inner.len() == 1 {
                    return self.expr(inner.remove(0));
                }
                let at = first_token(span);
                let right = self.below(1, |_| at, inner.pop().expect("compare rhs"))?;
                let op = match inner.pop().expect("compare op").as_str() {
                    "==" => CmpOp::Eq,
                    "!=" => CmpOp::Ne,
                    "<" => CmpOp::Lt,
                    "<=" => CmpOp::Le,
                    ">" => CmpOp::Gt,
                    ">=" => CmpOp::Ge,
                    _ => CmpOp::In,
                };
                let left = self.below(1, |_| at, inner.pop().expect("compare lhs"))?;
                Expr::Compare(op, Box::new(left), Box::new(right))
            }
            Rule::sum | Rule::product => return self.arithmetic(inner, span),
            Rule::call => {
                let mut parts = inner.into_iter();
                let name = spanned(&parts.next().expect("call name"));
                let at = name.span;
                let args = parts
                    .map(|p| self.below(1, |_| at, p))
                    .collect::<Result<Vec<_>, _>>()?;
                Expr::Call(name, args)
            }
            Rule::list => {
                let at = first_token(span);
                Expr::List(
                    inner
                        .into_iter()
                        .map(|p| self.below(1, |_| at, p))
                        .collect::<Result<Vec<_>, _>>()?,
                )
            }
            Rule::path => {
                return Ok(Spanned::new(
                    Expr::Path(Path {
                        steps: inner.iter().map(spanned).collect(),
                    }),
                    span,
                ));
            }
            Rule::date | Rule::quantity | Rule::day_range | Rule::time_range => {
                self.literal(kind, inner, span)?
            }
            other => return Err(self.unexpected(other, span)),
        };
        // pest's span of a non-atomic rule includes the whitespace after it (newlines
        // too, in this grammar); an operator's span runs from its first operand to
        // its last, so labels never spill onto the next line.
        let span = match &node {
            Expr::Or(parts) | Expr::And(parts) => match (parts.first(), parts.last()) {
                (Some(first), Some(last)) => first.span.join(last.span),
                _ => span,
            },
            Expr::Compare(_, left, right) => left.span.join(right.span),
            _ => span,
        };
        Ok(Spanned::new(node, span))
    }

    /// `a + b + c` is `(a + b) + c`: the first operand lies one level below each
    /// operator, the last below only the outermost one.
    fn arithmetic(
        &mut self,
        inner: Vec<Pair<'_, Rule>>,
        span: Span,
    ) -> Result<Spanned<Expr>, RuleError> {
        let operators: Vec<Span> = inner.iter().skip(1).step_by(2).map(span_of).collect();
        let count = operators.len();
        let mut parts = inner.into_iter();
        let first = parts.next().expect("operand");
        let mut acc = self.below(count, |past| operators[count - past - 1], first)?;
        let mut levels = count;
        while let (Some(op), Some(rhs)) = (parts.next(), parts.next()) {
            let op = match op.as_str() {
                "+" => ArithOp::Add,
                "-" => ArithOp::Sub,
                "*" => ArithOp::Mul,
                _ => ArithOp::Div,
            };
            let rhs = self.below(levels, |_| span, rhs)?;
            levels -= 1;
            let span = acc.span.join(rhs.span);
            acc = Spanned::new(Expr::Arith(op, Box::new(acc), Box::new(rhs)), span);
        }
        Ok(acc)
    }

    /// A date, quantity, day range or time range written in a condition.
    fn literal(
        &self,
        kind: Rule,
        inner: Vec<Pair<'_, Rule>>,
        span: Span,
    ) -> Result<Expr, RuleError> {
        Ok(match kind {
            Rule::date => {
                let text = &self.source.text[span.start..span.end];
                let date = Date::parse(text).ok_or_else(|| {
                    RuleError::new(
                        self.source,
                        span,
                        format!("`{text}` is not a real date"),
                        "no such day",
                    )
                })?;
                Expr::Date(date)
            }
            Rule::quantity => Expr::Num(quantity(inner)),
            Rule::day_range => {
                let text = &self.source.text[span.start..span.end];
                Expr::DaySet(
                    crate::schema::model::DaySet::parse(text)
                        .unwrap_or(crate::schema::model::DaySet(0)),
                )
            }
            Rule::time_range => {
                let text = &self.source.text[span.start..span.end];
                match lexeme::time_range(text) {
                    Ok(range) => Expr::TimeRange(range),
                    Err(BadTimeRange::Clock | BadTimeRange::Empty) => {
                        return Err(RuleError::new(
                            self.source,
                            span,
                            format!("`{text}` is not a time range"),
                            "not a time range",
                        )
                        .help("write 24-hour times such as `09:00-18:00`"));
                    }
                }
            }
            other => return Err(self.unexpected(other, span)),
        })
    }
}

/// The one child of a level of the precedence chain (`or`, `and`, `not`, `compare`,
/// `sum`, `product`) that has no operator: that level adds nothing to the tree.
/// Each operand of an expression is wrapped in all seven levels, so this passes it
/// down without collecting the children of each into a list.
/// The first byte of `span`: where a label points when the whole node would fill the
/// line.
fn first_token(span: Span) -> Span {
    Span::new(span.start, span.start + 1)
}

fn only_operand<'i>(pair: &Pair<'i, Rule>) -> Option<Pair<'i, Rule>> {
    if !matches!(
        pair.as_rule(),
        Rule::expr | Rule::or | Rule::and | Rule::not | Rule::compare | Rule::sum | Rule::product
    ) {
        return None;
    }
    let mut children = pair.clone().into_inner().filter(not_keyword);
    match (children.next(), children.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

fn set_once<T>(
    slot: &mut Option<T>,
    value: Option<T>,
    keyword: &'static str,
    span: Span,
    repeated: &mut Vec<(&'static str, Span)>,
) {
    if slot.is_some() {
        repeated.push((keyword, span));
    }
    if value.is_some() {
        *slot = value;
    }
}

fn severity_word(pair: &Pair<'_, Rule>) -> Spanned<Option<Severity>> {
    Spanned::new(pair.as_str().parse().ok(), span_of(pair))
}

fn path(pair: &Pair<'_, Rule>) -> Path {
    Path {
        steps: pair
            .clone()
            .into_inner()
            .filter(not_keyword)
            .map(|p| spanned(&p))
            .collect(),
    }
}

fn quantity(parts: Vec<Pair<'_, Rule>>) -> Quantity {
    let mut q = Quantity {
        amount: 0.0,
        percent: false,
        unit: None,
        per: None,
    };
    for part in parts {
        match part.as_rule() {
            Rule::number => q.amount = part.as_str().replace('_', "").parse().unwrap_or(f64::NAN),
            Rule::percent => q.percent = true,
            Rule::unit => q.unit = Unit::parse(part.as_str()),
            Rule::per_unit => q.per = Unit::parse(part.as_str()),
            _ => {}
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with each `//` comment (up to its `\r` or `\n`) written as spaces.
    fn comments_blanked(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("//") {
            out.push_str(&rest[..at]);
            let end = rest[at..].find(['\r', '\n']).map_or(rest.len(), |n| at + n);
            out.extend(std::iter::repeat_n(' ', rest[at..end].len()));
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// What a parse says, spans included; errors without their copy of the text.
    fn parse_outcome(text: &str) -> String {
        match parse(&RuleSource::new("t.rules", text)) {
            Ok(file) => format!("{file:?}"),
            Err(e) => format!("{:?} {} | {} | {:?}", e.span, e.message, e.label, e.help),
        }
    }

    #[test]
    fn comments_parse_as_the_whitespace_they_take_up() {
        let rule = "rule ACME-1 commented { // after the brace\n  severity warning // 日本語のコメント\n  when a.b > 3 // mid-expression\n    and present(c)\n  message \"m\" //\n}";
        let texts = [
            rule.to_string(),
            format!(
                "// leading\r\n{}\r\n// last line, no newline",
                rule.replace('\n', "\r\n")
            ),
            format!("{rule}\n// before a stray token\nrule"),
            format!("{rule} //"),
            "rule ACME-2 open { severity warning when a and // then nothing\n}".to_string(),
            "// only a comment".to_string(),
        ];
        for text in &texts {
            let blanked = comments_blanked(text);
            assert_ne!(&blanked, text);
            assert_eq!(parse_outcome(text), parse_outcome(&blanked), "{text:?}");
        }
        let in_string = rule.replace("\"m\"", "\"m // not a comment\"");
        assert!(parse_outcome(&in_string).contains("\"m // not a comment\""));
    }
}

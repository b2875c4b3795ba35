//! The rules language: loading, type checking and evaluating rule sets (§3).
//!
//! `syntax` parses (pest stays there), `compile` type-checks into `ir`, `eval` runs
//! the compiled form; `loader` resolves files, `use` and `set`.

pub mod ast;
pub mod builtin;
pub mod compile;
pub mod error;
pub mod eval;
pub(crate) mod hours;
pub mod ir;
pub mod loader;
mod names;
pub mod number;
pub mod reach;
pub mod select;
pub mod syntax;
#[cfg(test)]
mod testing;
mod text;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

pub use error::{RuleError, RuleSource};
pub use ir::Rule;
pub use loader::{discover, load, load_source, load_source_in, RuleConfig};

use crate::diagnostic::Finding;
use crate::lang::Lang;
use crate::schema::model::{Contract, TArg, TNode, TValue};
use crate::span::Span;
use crate::syntax::lexeme::canonical_value;
use crate::value::Date;
use eval::Scope;
use ir::{ArgSel, Ir, Part, PathIr, Style, Template};
use reach::{PathTree, Reached};

/// Compiled rules, ready to evaluate any number of contracts.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    by_name: HashMap<String, usize>,
    /// Which set this is, for the per-thread copies of its names (`names`).
    serial: u64,
    /// The rules' paths from the contract, merged: each contract is walked along
    /// them once.
    paths: PathTree,
    /// The rules' positions in the order they are evaluated (`in_schema_order`).
    order: Vec<usize>,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::new(Vec::new())
    }
}

/// What evaluation needs besides the contract.
pub struct EvalContext<'a> {
    pub today: Date,
    pub lang: Lang,
    /// The contract's file text (messages quote values as written).
    pub text: &'a str,
    /// Set when money of two currencies was compared.
    pub currency_clash: &'a AtomicBool,
}

impl RuleSet {
    #[must_use]
    pub fn new(mut rules: Vec<Rule>) -> Self {
        let paths = PathTree::build(&mut rules);
        let mut by_name = HashMap::new();
        for (i, rule) in rules.iter().enumerate() {
            by_name.insert(rule.id.to_string(), i);
            by_name.insert(rule.slug.to_string(), i);
        }
        RuleSet {
            order: in_schema_order(&rules),
            rules,
            by_name,
            serial: names::next_serial(),
            paths,
        }
    }

    /// Every loaded rule, in load order (including those set `off`).
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule by id or slug.
    #[must_use]
    pub fn find(&self, name: &str) -> Option<&Rule> {
        self.by_name.get(name).map(|&i| &self.rules[i])
    }

    /// Names of every rule, ids and slugs (for "did you mean").
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    /// Runs every rule that is not `off` on one contract.
    #[must_use]
    pub fn evaluate(&self, contract: &Contract, cx: &EvalContext<'_>) -> Vec<Finding> {
        let reached = Reached::new(&self.paths, &contract.root);
        names::with_names(self.serial, &self.rules, |names| {
            self.evaluate_with(contract, cx, names, Some(&reached))
        })
    }

    /// Runs the rules with `reached`, the nodes of this set's paths in `contract`
    /// (`None`: each path is walked where it is used, as the tests compare).
    fn evaluate_with(
        &self,
        contract: &Contract,
        cx: &EvalContext<'_>,
        names: &[names::Names],
        reached: Option<&Reached<'_>>,
    ) -> Vec<Finding> {
        // Room for the usual number of findings (a few a contract per ten rules), so
        // the vector of ~170-byte findings is not grown and copied several times.
        let mut findings = Vec::with_capacity(self.rules.len() / 2);
        let figures = eval::LazyFigures::new(contract, cx.text);
        for &i in &self.order {
            let (rule, names) = (&self.rules[i], &names[i]);
            let Some(severity) = rule.severity else {
                continue;
            };
            let mut fire = |each: Option<&TNode>| {
                let scope = Scope {
                    contract,
                    each,
                    reached,
                    today: cx.today,
                    currency_clash: cx.currency_clash,
                    cost: Some(&figures),
                };
                if scope.truth(&rule.when) {
                    findings.push(finding(rule, names, severity, &scope, cx));
                }
            };
            match &rule.each {
                None => fire(None),
                Some(path) => {
                    // Built here, not once above for both arms: hoisted, it made the
                    // closure larger and every rule's evaluation measurably slower
                    // (docs/performance.md).
                    let root = Scope {
                        contract,
                        each: None,
                        reached,
                        today: cx.today,
                        currency_clash: cx.currency_clash,
                        cost: Some(&figures),
                    };
                    root.any_node(path, &mut |node| {
                        fire(Some(node));
                        false
                    });
                }
            }
        }
        findings
    }
}

/// The rules' positions, ordered by the schema place of the node their findings
/// point at first (`label`'s first candidate; none: the contract's header).
///
/// A file's findings are sorted by offset (`check_bytes`), and sorting moves the
/// ~170-byte findings one place at a time: evaluated in catalogue order (pricing
/// first, though a contract states its vendor and services before), a contract's
/// 15 findings took some 45 such copies.  A contract written in the schema's order
/// now gets them nearly sorted.  The sorted result does not depend on this order:
/// the sort key holds the rule id, so findings of two rules never tie, and each
/// rule's findings still come in the order it finds them.
fn in_schema_order(rules: &[Rule]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by_cached_key(|&i| schema_place(&rules[i]));
    order
}

/// The schema slots down to the node a rule's findings point at first, from the
/// contract (an `x_` or `*` step sorts after every slot).
fn schema_place(rule: &Rule) -> Vec<u16> {
    let Some(first) = rule.label_paths().first() else {
        return Vec::new();
    };
    let each = rule.each.as_ref().filter(|_| first.from_each);
    let steps = each.into_iter().flat_map(|p| &p.steps).chain(&first.steps);
    steps
        .map(|step| match step {
            ir::Step::Slot(slot) => *slot,
            ir::Step::Any | ir::Step::Ext(_) => u16::MAX,
        })
        .collect()
}

/// One finding of `rule` in `scope`.
///
/// Kept out of line: about one evaluation in four finds something, and with the
/// finding built inline the per-rule step was too large to be inlined itself, so
/// every evaluation paid a call.
#[inline(never)]
fn finding(
    rule: &Rule,
    names: &names::Names,
    severity: crate::severity::Severity,
    scope: &Scope<'_>,
    cx: &EvalContext<'_>,
) -> Finding {
    let (span, anchor) = label(rule, scope);
    let (message, help) = match cx.lang {
        Lang::Ja if rule.ja_message.is_some() => (
            rule.ja_message.as_ref(),
            rule.ja_help.as_ref().or(rule.help.as_ref()),
        ),
        _ => (Some(&rule.message), rule.help.as_ref()),
    };
    Finding {
        rule: names.id.clone(),
        slug: names.slug.clone(),
        severity,
        category: names.category.clone(),
        message: message.map(|t| render(t, scope, cx)).unwrap_or_default(),
        help: help.map(|t| render(t, scope, cx)),
        label: None,
        span,
        related: None,
        contract: Some(scope.contract.id.clone()),
        waived: None,
        anchor: names.anchors.get(anchor).cloned().unwrap_or_default(),
        fix: None,
    }
}

/// Where a finding points: the head of the first present `at` path, else of the
/// first present path in `when`, else the contract's header.  The anchor is given
/// as its place in `Names::anchors` (`at` paths, `when` paths, then `contract`);
/// `when` paths are tried only when there are no `at` paths, so either list
/// starts at 0.
fn label(rule: &Rule, scope: &Scope<'_>) -> (Span, usize) {
    for (i, path) in rule.label_paths().iter().enumerate() {
        if let Some(node) = scope.first_node(path) {
            return (node.head, i);
        }
    }
    (
        scope.contract.root.head,
        rule.at.len() + rule.when_paths.len(),
    )
}

/// Fills a message's `{path}` holes with the contract's values: as written, or in
/// Japanese words for a Japanese message (`12 months` → 12か月).
fn render(template: &Template, scope: &Scope<'_>, cx: &EvalContext<'_>) -> String {
    // Most messages and helps have no holes (79 of the catalogue's 103 in English):
    // a copy of the text, without the loop and its capacity checks.
    if let [Part::Text(text)] = template.parts.as_slice() {
        return text.clone();
    }
    let mut out = String::with_capacity(template.capacity());
    for part in &template.parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Value(path, style) => match written(path, scope, cx.text) {
                Some(Written::Text(s)) => out.push_str(s),
                Some(Written::Value(v)) => push_value(&mut out, &v, *style, cx.lang),
                None => out.push_str(cx.lang.pick("(not stated)", "（記載なし）")),
            },
            Part::Computed(ir, style) => match computed(ir, scope) {
                Some(v) => push_value(&mut out, &v, *style, cx.lang),
                None => out.push_str(cx.lang.pick("(not stated)", "（記載なし）")),
            },
        }
    }
    out
}

/// A value in contract syntax, in Japanese words where a Japanese message's prose
/// holds it.
fn push_value(out: &mut String, value: &str, style: Style, lang: Lang) {
    match (lang, style) {
        (Lang::Ja, Style::Prose) => out.push_str(&crate::japanese::values(value)),
        _ => out.push_str(value),
    }
}

/// A computed hole's number in contract syntax: the first value (a hole names one
/// contract's figures), or `None` when a figure it needs is absent.
fn computed(ir: &Ir, scope: &Scope<'_>) -> Option<String> {
    let mut values = eval::Vals::new();
    scope.values(ir, &mut values);
    values.iter().find_map(|v| match v {
        eval::Val::Num(n) => number::written(*n),
        _ => None,
    })
}

/// What a message hole holds.
enum Written<'c> {
    /// A string's text, without its quotes: the same in every language.
    Text(&'c str),
    /// Values as the contract writes them (`12 months`, `>= 90%`), spaced as `fmt`
    /// writes them.
    Value(Cow<'c, str>),
}

/// A hole's value as the contract writes it.
fn written<'c>(path: &'c PathIr, scope: &Scope<'c>, text: &'c str) -> Option<Written<'c>> {
    let node = scope.first_node(path)?;
    let args = scope.contract.args_of(node);
    let arg = match path.arg {
        ArgSel::Index(i) => args.get(i)?,
        ArgSel::Value if args.len() == 1 => args.first()?,
        ArgSel::Value => return several_written(args, text).map(Written::Value),
    };
    match &arg.value {
        TValue::Str(s) => Some(Written::Text(s)),
        TValue::Absent => None,
        _ => Some(Written::Value(canonical_value(arg.span.text(text)))),
    }
}

/// A node's several arguments as written (`mon-fri 09:00-18:00`), each spaced as
/// `fmt` writes it, one space between them.
fn several_written<'c>(args: &[TArg], text: &'c str) -> Option<Cow<'c, str>> {
    let parts: Vec<Cow<'_, str>> = args
        .iter()
        .filter(|a| a.value != TValue::Absent)
        .map(|a| canonical_value(a.span.text(text)))
        .collect();
    (!parts.is_empty()).then(|| Cow::Owned(parts.join(" ")))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::testing::{builtin, fixtures};
    use crate::check::{check_bytes, CheckOptions};
    use crate::lang::Lang;
    use crate::value::Date;

    #[test]
    fn findings_do_not_depend_on_the_order_rules_are_evaluated_in() {
        let in_schema_order = builtin();
        let mut in_load_order = builtin();
        in_load_order.order = (0..in_load_order.rules.len()).collect();
        assert_ne!(in_schema_order.order, in_load_order.order);
        let mut findings = 0;
        for lang in [Lang::En, Lang::Ja] {
            let options = CheckOptions {
                today: Date::parse("2026-11-29").expect("date"),
                lang,
                max_file_size: u64::MAX,
            };
            for text in fixtures() {
                let check = |rules| {
                    let clash = AtomicBool::new(false);
                    let report = check_bytes("f.terms", text.as_bytes(), rules, &options, &clash);
                    (report.findings, clash.into_inner())
                };
                let expected = check(&in_load_order);
                assert_eq!(check(&in_schema_order), expected);
                findings += expected.0.len();
            }
        }
        assert!(findings > 200, "too few findings to compare: {findings}");
    }
}

//! Schema validation: the syntax tree in, validated contracts and TL002–TL005 out.
//!
//! Every problem of a file is collected; nothing stops at the first.  A problem inside
//! a `waiver` only disables that waiver; anywhere else it marks the contract as not
//! auditable (LANGUAGE.md §2.2).

use super::model::{
    child_slots, slot_bit, Contract, DaySet, Num, TArg, TNode, TValue, Waiver, EXTENSION,
};
use super::table::SCHEMA;
use super::types::{Base, Field, Per, Ty};
use crate::problem::{Kind, Problem, Words};
use crate::span::Span;
use crate::suggest::closest;
use crate::syntax::tree::{Arg, Document, Node, Quantity, Value};
use crate::units::{Dim, Unit};

/// Validated contracts and every problem, each with the index of the contract it
/// belongs to (`None` outside any contract).
#[derive(Debug, Default)]
pub struct Validated {
    pub contracts: Vec<Contract>,
    pub problems: Vec<(Option<usize>, Problem)>,
}

/// Validates a parsed document; `syntax` are the parser's problems, attributed here
/// to the contract they fall in.
#[must_use]
pub fn validate(document: &Document, syntax: Vec<Problem>, text: &str) -> Validated {
    let mut out = Validated::default();
    let mut blocked = vec![false; document.nodes.len()];
    for problem in syntax {
        // A syntax problem belongs to the top-level node whose text holds it; one
        // between nodes (a stray `}` after a contract) belongs to none.
        let at = problem.span.start;
        let index = document
            .nodes
            .iter()
            .position(|n| n.name_span.start <= at && at < n.end().max(n.name_span.end));
        if let Some(i) = index {
            blocked[i] = true;
        }
        out.problems.push((index, problem));
    }

    let contract_field = &SCHEMA.children[0];
    for (i, node) in document.nodes.iter().enumerate() {
        if node.name.starts_with("x_") {
            // Extension fields are accepted anywhere, the top of a file included.
            continue;
        }
        if node.name != contract_field.name {
            let place = Words::new("the top of the file", "ファイルの最上位");
            let kind = unknown_field(node.name, &SCHEMA, place);
            out.problems
                .push((Some(i), Problem::new(node.name_span, kind)));
            continue;
        }
        let mut v = Validator {
            text,
            ..Validator::default()
        };
        let root = v.node(
            node,
            contract_field,
            0,
            &Crumb {
                name: "contract",
                parent: None,
            },
        );
        let id = match root.args.first().map(|a| &a.value) {
            Some(TValue::Str(s)) => std::sync::Arc::from(s.as_str()),
            _ => std::sync::Arc::from(""),
        };
        let waivers = root
            .children
            .iter()
            .zip(&v.waiver_ok)
            .filter(|(c, _)| {
                c.slot != EXTENSION && contract_field.children[usize::from(c.slot)].name == "waiver"
            })
            .map(|(c, ok)| read_waiver(c, *ok))
            .collect();
        let auditable = !blocked[i] && !v.problems.iter().any(|(_, blocking)| *blocking);
        out.problems
            .extend(v.problems.into_iter().map(|(p, _)| (Some(i), p)));
        out.contracts.push(Contract {
            id,
            root,
            waivers,
            auditable,
        });
    }
    // Problem indices so far are top-level node indices; callers want contract
    // indices.  Map them (non-contract nodes have no contract).
    let mut node_to_contract = vec![None; document.nodes.len()];
    let mut next = 0;
    for (i, node) in document.nodes.iter().enumerate() {
        if node.name == contract_field.name {
            node_to_contract[i] = Some(next);
            next += 1;
        }
    }
    for (index, _) in &mut out.problems {
        *index = index.and_then(|i| node_to_contract[i]);
    }
    out
}

fn read_waiver(node: &TNode, valid: bool) -> Waiver {
    let rule = match node.args.first().map(|a| &a.value) {
        Some(TValue::RuleRef(r)) => r.clone(),
        _ => String::new(),
    };
    let child = |name: &str| {
        node.children
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.args.first())
            .map(|a| &a.value)
    };
    Waiver {
        rule,
        span: node.head,
        reason: match child("reason") {
            Some(TValue::Str(s)) => Some(s.clone()),
            _ => None,
        },
        expires: match child("expires") {
            Some(TValue::Date(d)) => Some(*d),
            _ => None,
        },
        valid,
    }
}

#[derive(Default)]
struct Validator<'t> {
    /// The file's text, to quote values in fixes.
    text: &'t str,
    /// Problems with whether they block the audit (false inside waivers).
    problems: Vec<(Problem, bool)>,
    /// Depth inside a waiver (0 outside).
    in_waiver: usize,
    /// Whether the current waiver has a problem so far.
    waiver_broken: bool,
    /// For each child of the contract, in order: whether it is a waiver without problems.
    waiver_ok: Vec<bool>,
}

impl Validator<'_> {
    fn report(&mut self, span: Span, kind: Kind) {
        self.report_problem(Problem::new(span, kind));
    }

    fn report_problem(&mut self, problem: Problem) {
        if self.in_waiver > 0 {
            self.waiver_broken = true;
        }
        self.problems.push((problem, self.in_waiver == 0));
    }

    fn node(&mut self, node: &Node, field: &'static Field, slot: usize, path: &Crumb<'_>) -> TNode {
        let args = self.args(node, field, path);
        let (children, child_slots) = self.children(node, field, path);
        TNode {
            slot: u16::try_from(slot).unwrap_or(EXTENSION - 1),
            name: std::borrow::Cow::Borrowed(field.name),
            head: node.head(),
            args,
            child_slots,
            children,
        }
    }

    /// The validated children of `node`, with their [`TNode::child_slots`].
    fn children(
        &mut self,
        node: &Node,
        field: &'static Field,
        path: &Crumb<'_>,
    ) -> (Vec<TNode>, u64) {
        let mut out: Vec<TNode> = Vec::with_capacity(node.children().len());
        // Which slots `out` holds so far (`slot_bit`); where the first of a slot is,
        // is looked up only for the rare duplicate or missing field.
        let mut seen = 0u64;
        let first_of = |out: &[TNode], seen: u64, slot: usize| -> Option<Span> {
            if seen & slot_bit(u16::try_from(slot).unwrap_or(u16::MAX)) == 0 {
                return None;
            }
            out.iter()
                .find(|c| usize::from(c.slot) == slot)
                .map(|c| c.head)
        };
        let is_contract = path.parent.is_none();
        for child in node.children() {
            if child.name.starts_with("x_") {
                seen |= slot_bit(EXTENSION);
                out.push(extension(child));
                if is_contract {
                    self.waiver_ok.push(false);
                }
                continue;
            }
            let Some((slot, child_field)) = field.child(child.name) else {
                let place = format!("`{path}`");
                let kind = unknown_field(child.name, field, Words::new(place.clone(), place));
                // Unknown nodes are dropped (and so kept out of `waiver_ok` too).
                self.report(child.name_span, kind);
                continue;
            };
            if !child_field.repeatable {
                if let Some(first) = first_of(&out, seen, slot) {
                    let field_path = path.child(child_field.name).to_string();
                    self.report_problem(
                        Problem::new(child.head(), Kind::Duplicate { field: field_path })
                            .with_related(first),
                    );
                    continue;
                }
            }
            let child_path = path.child(child_field.name);
            let is_waiver = is_contract && child_field.name == "waiver";
            if is_waiver {
                self.in_waiver += 1;
                self.waiver_broken = false;
            }
            let typed = self.node(child, child_field, slot, &child_path);
            seen |= slot_bit(typed.slot);
            out.push(typed);
            if is_waiver {
                self.in_waiver -= 1;
            }
            if is_contract {
                self.waiver_ok.push(is_waiver && !self.waiver_broken);
            }
        }
        for (slot, child_field) in field.children.iter().enumerate() {
            if child_field.required && first_of(&out, seen, slot).is_none() {
                let example = format!(
                    "{} {}",
                    child_field.name,
                    child_field.value_ty().map_or(String::new(), Ty::example)
                );
                self.report(
                    node.head(),
                    Kind::MissingChild {
                        field: path.to_string(),
                        child: child_field.name.to_string(),
                        example,
                    },
                );
            }
        }
        (out, seen)
    }

    /// Reads the arguments of `node` by the signature of `field`.
    fn args(&mut self, node: &Node, field: &'static Field, path: &Crumb<'_>) -> Vec<TArg> {
        let specs = field.args;
        let given = &node.args;
        // A lone `tbd` stands for all of a field's arguments.
        if let [only] = given.as_slice() {
            if is_tbd(&only.value) && !specs.is_empty() {
                return specs
                    .iter()
                    .map(|_| TArg {
                        value: TValue::Tbd,
                        span: only.span,
                    })
                    .collect();
            }
        }
        let mut out = Vec::with_capacity(specs.len().max(given.len()));
        let mut next = 0;
        // One omission is one diagnostic, however many arguments it leaves out.
        let mut reported_missing = false;
        for (i, spec) in specs.iter().enumerate() {
            if let Ty::List(set) = spec.ty {
                if next >= given.len() {
                    self.missing(node, field, path, spec.name);
                }
                for arg in &given[next..] {
                    out.push(self.arg(arg, &Ty::Sym(set), path));
                }
                next = given.len();
                continue;
            }
            let Some(arg) = given.get(next) else {
                if !spec.optional && !reported_missing {
                    // A missing keyword means the argument after it is missing too:
                    // name that one (`within`), not the keyword.
                    let name = match spec.ty {
                        Ty::Keyword(_) => specs.get(i + 1).map_or(spec.name, |s| s.name),
                        _ => spec.name,
                    };
                    self.missing(node, field, path, name);
                    reported_missing = true;
                }
                out.push(TArg {
                    value: TValue::Absent,
                    span: node.head(),
                });
                continue;
            };
            if let Ty::Keyword(k) = spec.ty {
                if matches!(&arg.value, Value::Word(w) if w == k) {
                    out.push(TArg {
                        value: TValue::Keyword,
                        span: arg.span,
                    });
                    next += 1;
                } else {
                    self.report(
                        arg.span,
                        Kind::ExpectedKeyword {
                            field: path.to_string(),
                            keyword: k,
                        },
                    );
                    out.push(TArg {
                        value: TValue::Absent,
                        span: arg.span,
                    });
                    // Do not consume: the argument may be the one after the keyword.
                }
                continue;
            }
            out.push(self.arg(arg, &spec.ty, path));
            next += 1;
        }
        // After an argument the parser already reported, the count is unreliable (the
        // broken token may have swallowed a separator): one mistake, one diagnostic.
        if given.iter().any(|a| a.value == Value::Invalid) {
            return out;
        }
        if let Some(extra) = given
            .get(next..)
            .and_then(|rest| rest.iter().find(|a| a.value != Value::Invalid))
        {
            self.report(
                extra.span,
                Kind::ExtraArgument {
                    field: path.to_string(),
                    max: specs.len(),
                },
            );
        }
        out
    }

    fn missing(&mut self, node: &Node, field: &'static Field, path: &Crumb<'_>, arg_name: &str) {
        let argument = if arg_name.is_empty() {
            "value".to_string()
        } else {
            format!("`{arg_name}`")
        };
        // Keep what was written and fill in the rest with examples.
        let mut words: Vec<String> = node
            .args
            .iter()
            .map(|a| a.span.text(self.text).to_string())
            .collect();
        words.extend(
            field
                .args
                .iter()
                .filter(|a| !a.optional)
                .skip(node.args.len())
                .map(|a| match a.name {
                    // The one duration argument that counts seconds, not days.
                    "within" => "20 s".to_string(),
                    _ => a.ty.example(),
                }),
        );
        let example = format!("{} {}", node.name, words.join(" "));
        self.report(
            node.head(),
            Kind::MissingArgument {
                field: path.to_string(),
                argument,
                example,
            },
        );
    }

    /// Reads one argument as `ty`; reports and yields `Absent` when it does not fit.
    fn arg(&mut self, arg: &Arg, ty: &Ty, path: &Crumb<'_>) -> TArg {
        let value = self.value(arg, ty, path).unwrap_or(TValue::Absent);
        TArg {
            value,
            span: arg.span,
        }
    }

    fn value(&mut self, arg: &Arg, ty: &Ty, path: &Crumb<'_>) -> Option<TValue> {
        let span = arg.span;
        if is_tbd(&arg.value) {
            return Some(TValue::Tbd);
        }
        match (&arg.value, ty) {
            (Value::Invalid, _) => None,
            (Value::Str(s), Ty::Str) => Some(TValue::Str(s.to_string())),
            (Value::Date(d), Ty::Date) => Some(TValue::Date(*d)),
            (Value::TimeRange(r), Ty::TimeRange) => Some(TValue::TimeRange(*r)),
            (Value::Word(w), Ty::Bool) if matches!(&**w, "yes" | "true") => {
                Some(TValue::Bool(true))
            }
            (Value::Word(w), Ty::Bool) if matches!(&**w, "no" | "false") => {
                Some(TValue::Bool(false))
            }
            (Value::Word(w), Ty::DaySet) if let Some(days) = DaySet::parse(w) => {
                Some(TValue::DaySet(days))
            }
            (Value::Word(w), Ty::RuleRef) => {
                if is_rule_ref(w) {
                    Some(TValue::RuleRef(w.to_string()))
                } else {
                    self.report(
                        span,
                        Kind::BadRuleRef {
                            found: w.to_string(),
                        },
                    );
                    None
                }
            }
            (Value::Word(w), Ty::Sym(set)) => {
                if let Some(s) = set.iter().find(|s| **s == &**w) {
                    Some(TValue::Sym(s))
                } else {
                    self.report(
                        span,
                        Kind::BadSymbol {
                            field: path.to_string(),
                            found: w.to_string(),
                            allowed: set.iter().map(|s| (*s).to_string()).collect(),
                            suggestion: closest(w, set.iter().copied()),
                        },
                    );
                    None
                }
            }
            (Value::Num(q), Ty::Num(base, per)) => self.num(q, span, *base, *per, path),
            (Value::Num(q), Ty::Bound { base, .. }) => self.num(q, span, *base, Per::None, path),
            (Value::Bound(op, q), Ty::Bound { minimum, base }) => {
                if op.is_minimum() != *minimum {
                    self.report(
                        span,
                        Kind::BoundDirection {
                            field: path.to_string(),
                            found: op.as_str().to_string(),
                            expected: if *minimum { ">=" } else { "<=" },
                        },
                    );
                    return None;
                }
                self.num(q, span, *base, Per::None, path)
            }
            (found, _) => {
                self.report(
                    span,
                    Kind::WrongKind {
                        field: path.to_string(),
                        expected: ty.describe(),
                        found: describe_value(found),
                    },
                );
                None
            }
        }
    }

    /// Checks a quantity's unit and per-unit against the field and converts it to base units.
    fn num(
        &mut self,
        q: &Quantity,
        span: Span,
        base: Base,
        per: Per,
        path: &Crumb<'_>,
    ) -> Option<TValue> {
        // Described only when a diagnostic needs it: this runs for every number read.
        let expected = || Ty::Num(base, per).describe();
        let wrong = |v: &mut Self| {
            v.report(
                span,
                Kind::WrongKind {
                    field: path.to_string(),
                    expected: expected(),
                    found: describe_value(&Value::Num(*q)),
                },
            );
            None
        };
        let (mut value, mut dim) = match (base, q.percent, q.unit) {
            (Base::Count, false, None | Some(Unit::Count(_))) => (q.amount, Dim::NONE),
            (Base::Percent, true, None) => (q.amount / 100.0, Dim::PERCENT),
            (Base::Money, false, Some(Unit::Money(c))) => (q.amount, Dim::money(Some(c))),
            (Base::Duration, false, Some(Unit::Time(secs))) => (q.amount * secs, Dim::TIME),
            _ => return wrong(self),
        };
        match (per, q.per) {
            (Per::None, None) | (Per::Any, None) => {}
            (Per::Any, Some(unit)) => {
                if let Unit::Time(secs) = unit {
                    value /= secs;
                }
                dim = dim.per(unit);
            }
            (Per::Time(_), Some(Unit::Time(secs))) => {
                value /= secs;
                dim = dim.per(Unit::Time(secs));
            }
            (Per::Count(_), Some(Unit::Count(_))) => {}
            (Per::Time(u) | Per::Count(u), None) => {
                let written = span.text(self.text);
                self.report(
                    span,
                    Kind::MissingPer {
                        field: path.to_string(),
                        fix: format!("{} {written} / {u}", path.name),
                    },
                );
                return None;
            }
            (_, Some(_)) => {
                // The per-unit as written: the word after the last `/`.
                let written = span.text(self.text);
                let found = written
                    .rsplit('/')
                    .next()
                    .unwrap_or(written)
                    .trim()
                    .to_string();
                self.report(
                    span,
                    Kind::WrongPer {
                        field: path.to_string(),
                        expected: expected(),
                        found,
                    },
                );
                return None;
            }
        }
        Some(TValue::Num(Num { value, dim }))
    }
}

/// Where a node stands: the chain of field names from the contract, formatted
/// (`pricing.overage`) only when a diagnostic needs it, not for every node read.
#[derive(Clone, Copy)]
struct Crumb<'a> {
    name: &'static str,
    parent: Option<&'a Crumb<'a>>,
}

impl<'a> Crumb<'a> {
    fn child(&'a self, name: &'static str) -> Crumb<'a> {
        Crumb {
            name,
            parent: Some(self),
        }
    }
}

impl std::fmt::Display for Crumb<'_> {
    /// `contract` for the contract itself; below it the path without that prefix,
    /// as rules write it (`vendor.staff.turnover`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.parent {
            None => f.write_str(self.name),
            Some(parent) if parent.parent.is_none() => f.write_str(self.name),
            Some(parent) => write!(f, "{parent}.{}", self.name),
        }
    }
}

fn is_tbd(value: &Value) -> bool {
    matches!(value, Value::Word(w) if w == "tbd")
}

/// `TL101`, `ACME-7` (ids) or `pure-outcome-fees` (slugs), per LANGUAGE.md §1.
#[must_use]
pub fn is_rule_ref(word: &str) -> bool {
    is_rule_id(word) || is_slug(word)
}

/// `[A-Z][A-Z0-9]*(-?[0-9]+)`
#[must_use]
pub fn is_rule_id(word: &str) -> bool {
    let b = word.as_bytes();
    if b.is_empty() || !b[0].is_ascii_uppercase() || !b[b.len() - 1].is_ascii_digit() {
        return false;
    }
    let digits_from = b
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let head = &b[..digits_from];
    let head = head.strip_suffix(b"-").unwrap_or(head);
    !head.is_empty()
        && head
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// `[a-z][a-z0-9-]*`
#[must_use]
pub fn is_slug(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

fn unknown_field(name: &str, field: &Field, place: Words) -> Kind {
    let names = field.children.iter().map(|f| f.name);
    Kind::UnknownField {
        name: name.to_string(),
        place,
        suggestion: closest(name, names.clone()),
        allowed: names.map(str::to_string).collect(),
    }
}

/// An `x_` node: kept with raw values for rules, never validated.
fn extension(node: &Node) -> TNode {
    let children: Vec<TNode> = node.children().iter().map(extension).collect();
    TNode {
        slot: EXTENSION,
        name: std::borrow::Cow::Owned(node.name.to_string()),
        head: node.head(),
        args: node
            .args
            .iter()
            .map(|a| TArg {
                value: TValue::Raw(a.value.clone().into_owned()),
                span: a.span,
            })
            .collect(),
        child_slots: child_slots(&children),
        children,
    }
}

/// What a written value is, in words, for "takes X, not Y".
fn describe_value(value: &Value) -> Words {
    match value {
        Value::Str(_) => Words::new("a string", "文字列"),
        Value::Num(q) => match (q.percent, q.unit) {
            (true, _) => Words::new("a percent", "パーセント"),
            (false, Some(Unit::Money(_))) => Words::new("an amount of money", "金額"),
            (false, Some(Unit::Time(_))) => Words::new("a duration", "期間"),
            (false, _) => Words::new("a number", "数値"),
        },
        Value::Bound(..) => Words::new("a bound", "不等式"),
        Value::Date(_) => Words::new("a date", "日付"),
        Value::TimeRange(_) => Words::new("a time range", "時間帯"),
        Value::Word(w) => Words::new(format!("the word `{w}`"), format!("`{w}` という語")),
        Value::Invalid => Words::new("an invalid value", "不正な値"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_references() {
        for ok in ["TL101", "ACME-7", "A1", "high-turnover", "x"] {
            assert!(is_rule_ref(ok), "{ok}");
        }
        for bad in ["TL", "acme_7", "Acme-7", "TL-", "-x"] {
            assert!(!is_rule_ref(bad), "{bad}");
        }
    }
}

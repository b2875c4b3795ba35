//! The evaluator: runs compiled rules over one validated contract.
//!
//! Semantics (LANGUAGE.md §3.2): a path through a repeatable node means "any of
//! them", so comparisons hold when some pair of values satisfies them; absent
//! values, `tbd` and division by zero make comparisons and arithmetic false (they
//! yield no value), never an error.

use super::hours::{open_at_night, open_on_weekends, weekly_hours};
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use super::ast::{ArithOp, CmpOp};
use super::ir::{ArgSel, Const, Ir, PathIr, Step};
use super::reach::Reached;
use crate::cost::figures::{Figure, Figures};
use crate::schema::model::{any_tbd, Contract, DaySet, Num, TNode, TValue};
use crate::syntax::tree::Value;
use crate::units::Dim;
use crate::value::Date;

/// What a rule is evaluated against.
pub struct Scope<'c> {
    pub contract: &'c Contract,
    /// The node of the rule's `each`, if any.
    pub each: Option<&'c TNode>,
    /// The nodes the rule set's paths from the contract reach in it, when known
    /// (built from the contract's root, for the rule set whose paths are evaluated).
    pub reached: Option<&'c Reached<'c>>,
    pub today: Date,
    /// Set when money of two currencies met in a comparison (reported once per run).
    pub currency_clash: &'c AtomicBool,
    /// The contract's `cost.*` figures, computed when a rule first asks (`None`
    /// where no cost figure can be asked for).
    pub cost: Option<&'c LazyFigures<'c>>,
}

/// A contract's cost figures, computed on first use: most rules never ask, and a
/// contract whose rules do not is never costed.
pub struct LazyFigures<'c> {
    contract: &'c Contract,
    text: &'c str,
    figures: std::cell::OnceCell<Figures>,
}

impl<'c> LazyFigures<'c> {
    #[must_use]
    pub fn new(contract: &'c Contract, text: &'c str) -> LazyFigures<'c> {
        LazyFigures {
            contract,
            text,
            figures: std::cell::OnceCell::new(),
        }
    }

    fn value(&self, figure: Figure) -> Option<Num> {
        self.figures
            .get_or_init(|| Figures::of(self.contract, self.text))
            .value(figure)
    }
}

/// A value during evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Val<'c> {
    Num(Num),
    Str(&'c str),
    Sym(&'c str),
    Bool(bool),
    Date(Date),
    DaySet(DaySet),
    TimeRange(crate::value::TimeRange),
}

impl<'c> Scope<'c> {
    /// Whether a boolean expression holds.
    pub fn truth(&self, ir: &'c Ir) -> bool {
        match ir {
            Ir::And(parts) => parts.iter().all(|p| self.part_truth(p)),
            Ir::Or(parts) => parts.iter().any(|p| self.part_truth(p)),
            Ir::Not(inner) => !self.part_truth(inner),
            Ir::Compare(op, l, r) => self.compare(*op, l, r),
            Ir::Present(p) => self.any_node(p, &mut |_| true),
            Ir::Absent(p) => !self.any_node(p, &mut |_| true),
            Ir::IsTbd(p) => self.any_node(p, &mut |n| any_tbd(self.contract.args_of(n))),
            Ir::Has(p, symbols) => self.any_node(p, &mut |n| {
                self.contract
                    .args_of(n)
                    .iter()
                    .any(|a| matches!(a.value, TValue::Sym(s) if symbols.contains(&s)))
            }),
            Ir::Nights(p) => self.any_node(p, &mut |n| open_at_night(n, &self.contract.args)),
            Ir::Weekends(p) => self.any_node(p, &mut |n| open_on_weekends(n, &self.contract.args)),
            Ir::Matches(p, re) => self.any_value(
                p,
                &mut |v| matches!(v, Val::Str(s) | Val::Sym(s) if re.is_match(s)),
            ),
            Ir::Const(Const::Bool(b)) => *b,
            Ir::Path(_) => {
                let mut vals = Vals::new();
                self.values(ir, &mut vals);
                vals.contains(&Val::Bool(true))
            }
            _ => false,
        }
    }

    /// [`Scope::truth`] of a part of `and`, `or` or `not`, its commonest kinds taken
    /// here: a comparison, and whether a path from the contract is present or absent
    /// (answered from the nodes already reached, with no call).  Together about
    /// three parts in four, each spared a pass through `truth`'s large frame.
    #[inline(always)]
    fn part_truth(&self, ir: &'c Ir) -> bool {
        match ir {
            Ir::Present(p) | Ir::Absent(p) => match self.reached_by(p) {
                Some(nodes) => nodes.is_empty() == matches!(ir, Ir::Absent(_)),
                None => self.truth(ir),
            },
            Ir::Compare(op, l, r) => self.compare(*op, l, r),
            _ => self.truth(ir),
        }
    }

    fn compare(&self, op: CmpOp, l: &'c Ir, r: &'c Ir) -> bool {
        // Most conditions compare a path with a constant (`pricing.model == outcome`,
        // `kpi.abandon_rate > 8%`): each value is compared as it is reached, in the
        // same order and stopping at the same pair as the general case below.
        if let (Ir::Path(p), Ir::Const(c)) = (l, r) {
            let c = const_value(c);
            return self.any_value(p, &mut |v| self.compare_values(op, &v, &c));
        }
        let (mut left, mut right) = (Vals::new(), Vals::new());
        self.values(l, &mut left);
        if left.is_empty() {
            return false;
        }
        self.values(r, &mut right);
        left.iter()
            .any(|a| right.iter().any(|b| self.compare_values(op, a, b)))
    }

    fn compare_values(&self, op: CmpOp, a: &Val<'_>, b: &Val<'_>) -> bool {
        use std::cmp::Ordering;
        let ordering = match (a, b) {
            (Val::Num(x), Val::Num(y)) => {
                if x.dim.money != 0
                    && x.dim.currency.is_some()
                    && y.dim.currency.is_some()
                    && x.dim.currency != y.dim.currency
                {
                    self.currency_clash.store(true, AtomicOrdering::Relaxed);
                    return false;
                }
                approx_cmp(x.value, y.value)
            }
            (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
            // `==` tells most symbols apart by their length alone, with no `memcmp`.
            (Val::Str(x) | Val::Sym(x), Val::Str(y) | Val::Sym(y)) => Some(match op {
                CmpOp::Eq | CmpOp::Ne | CmpOp::In if x == y => Ordering::Equal,
                CmpOp::Eq | CmpOp::Ne | CmpOp::In => Ordering::Less,
                _ => x.cmp(y),
            }),
            (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
            (Val::DaySet(x), Val::DaySet(y)) => Some(if x == y {
                Ordering::Equal
            } else {
                Ordering::Less
            }),
            (Val::TimeRange(x), Val::TimeRange(y)) => Some(if x == y {
                Ordering::Equal
            } else {
                Ordering::Less
            }),
            _ => None,
        };
        let Some(ordering) = ordering else {
            return false;
        };
        match op {
            CmpOp::Eq | CmpOp::In => ordering == Ordering::Equal,
            CmpOp::Ne => ordering != Ordering::Equal,
            CmpOp::Lt => ordering == Ordering::Less,
            CmpOp::Le => ordering != Ordering::Greater,
            CmpOp::Gt => ordering == Ordering::Greater,
            CmpOp::Ge => ordering != Ordering::Less,
        }
    }

    /// Collects the values of a value expression (none when absent or `tbd`).
    pub fn values(&self, ir: &'c Ir, out: &mut Vals<'c>) {
        match ir {
            Ir::Path(p) => self.path_values(p, out),
            Ir::Const(c) => out.push(const_value(c)),
            Ir::List(items) => items.iter().for_each(|i| self.values(i, out)),
            Ir::Count(p) => {
                let mut count = 0;
                self.any_node(p, &mut |_| {
                    count += 1;
                    false
                });
                out.push(Val::Num(Num {
                    value: count_f64(count),
                    dim: Dim::NONE,
                }));
            }
            Ir::WeeklyHours(p) => {
                self.any_node(p, &mut |node| {
                    out.push(Val::Num(Num {
                        value: weekly_hours(node, &self.contract.args),
                        dim: Dim::NONE,
                    }));
                    false
                });
            }
            Ir::Today => out.push(Val::Date(self.today)),
            Ir::Cost(figure) => {
                if let Some(n) = self.cost.and_then(|c| c.value(*figure)) {
                    out.push(Val::Num(n));
                }
            }
            Ir::Round(rounding, inner) => {
                let mut values = Vals::new();
                self.values(inner, &mut values);
                for v in values {
                    if let Val::Num(n) = v {
                        out.push(Val::Num(super::number::round(n, *rounding)));
                    }
                }
            }
            Ir::Arith(op, l, r) => {
                let (mut left, mut right) = (Vals::new(), Vals::new());
                self.values(l, &mut left);
                self.values(r, &mut right);
                for a in &left {
                    for b in &right {
                        if let (Val::Num(x), Val::Num(y)) = (a, b) {
                            if let Some(n) = self.arith(*op, *x, *y) {
                                out.push(Val::Num(n));
                            }
                        }
                    }
                }
            }
            _ => out.push(Val::Bool(self.truth(ir))),
        }
    }

    fn arith(&self, op: ArithOp, x: Num, y: Num) -> Option<Num> {
        let dim = match op {
            ArithOp::Add | ArithOp::Sub => {
                if x.dim.currency != y.dim.currency && x.dim.money != 0 {
                    self.currency_clash.store(true, AtomicOrdering::Relaxed);
                    return None;
                }
                x.dim
            }
            ArithOp::Mul => x.dim.times(y.dim)?,
            ArithOp::Div => x.dim.over(y.dim)?,
        };
        let value = match op {
            ArithOp::Add => x.value + y.value,
            ArithOp::Sub => x.value - y.value,
            ArithOp::Mul => x.value * y.value,
            ArithOp::Div if y.value == 0.0 => return None,
            ArithOp::Div => x.value / y.value,
        };
        value.is_finite().then_some(Num { value, dim })
    }

    pub fn path_values(&self, path: &'c PathIr, out: &mut Vals<'c>) {
        self.any_value(path, &mut |v| {
            out.push(v);
            false
        });
    }

    /// Calls `f` on each value the path reaches (absent and `tbd` ones have none), in
    /// document order, until it returns true; returns whether it did.
    pub fn any_value(&self, path: &'c PathIr, f: &mut impl FnMut(Val<'c>) -> bool) -> bool {
        let mut each = |value: &'c TValue| value_of(value).is_some_and(&mut *f);
        let contract = self.contract;
        self.any_node(path, &mut |node| {
            let args = contract.args_of(node);
            match path.arg {
                ArgSel::Index(i) => args.get(i).is_some_and(|a| each(&a.value)),
                ArgSel::Value if path.list => args.iter().any(|a| each(&a.value)),
                ArgSel::Value => args.first().is_some_and(|a| each(&a.value)),
            }
        })
    }

    /// Calls `f` on each node the path reaches, in document order, until it returns
    /// true; returns whether it did.  No allocation: this runs for every path of every
    /// rule on every contract (and generic, so each caller's `f` is inlined).
    pub fn any_node(&self, path: &'c PathIr, f: &mut impl FnMut(&'c TNode) -> bool) -> bool {
        if let Some(nodes) = self.reached_by(path) {
            return nodes.iter().any(|&node| f(node));
        }
        let start: &'c TNode = match (path.from_each, self.each) {
            (true, Some(node)) => node,
            _ => &self.contract.root,
        };
        // Paths from an `each` node are mostly the node itself or one field of it
        // (`service.hours`): walked here, without a call to the general walk.
        match path.steps.as_slice() {
            [] => f(start),
            [step @ Step::Slot(slot)] => {
                start.child_slots & step.slot_bits() != 0
                    && start.children.iter().any(|c| c.slot == *slot && f(c))
            }
            steps => visit(start, steps, f),
        }
    }

    /// The nodes a path from the contract reaches, already found (`None`: walk it).
    fn reached_by(&self, path: &'c PathIr) -> Option<&[&'c TNode]> {
        Some(self.reached?.nodes(path.place?))
    }

    /// The first node the path reaches.
    #[must_use]
    pub fn first_node(&self, path: &'c PathIr) -> Option<&'c TNode> {
        if let Some(nodes) = self.reached_by(path) {
            return nodes.first().copied();
        }
        let mut found = None;
        self.any_node(path, &mut |n| {
            found = Some(n);
            true
        });
        found
    }
}

/// Values collected while evaluating one comparison: nearly always one or two.
pub type Vals<'c> = smallvec::SmallVec<[Val<'c>; 4]>;

/// Descends `steps` from `node`, calling `f` on each node reached.
fn visit<'c, F>(node: &'c TNode, steps: &'c [Step], f: &mut F) -> bool
where
    F: FnMut(&'c TNode) -> bool,
{
    let Some((first, rest)) = steps.split_first() else {
        return f(node);
    };
    if node.child_slots & first.slot_bits() == 0 {
        return false;
    }
    for child in &node.children {
        // The last step calls `f` itself: one call less per node reached.
        if first.reaches(child)
            && if rest.is_empty() {
                f(child)
            } else {
                visit(child, rest, f)
            }
        {
            return true;
        }
    }
    false
}

fn const_value(c: &Const) -> Val<'_> {
    match c {
        Const::Num(n) => Val::Num(*n),
        Const::Str(s) => Val::Str(s),
        Const::Sym(s) => Val::Sym(s),
        Const::Bool(b) => Val::Bool(*b),
        Const::Date(d) => Val::Date(*d),
        Const::DaySet(d) => Val::DaySet(*d),
        Const::TimeRange(t) => Val::TimeRange(*t),
    }
}

/// What a rule sees of a value: nothing for `tbd`, absent and broken values.
fn value_of(value: &TValue) -> Option<Val<'_>> {
    Some(match value {
        TValue::Str(s) | TValue::RuleRef(s) => Val::Str(s),
        TValue::Num(n) => Val::Num(*n),
        TValue::Date(d) => Val::Date(*d),
        TValue::Bool(b) => Val::Bool(*b),
        TValue::Sym(s) => Val::Sym(s),
        TValue::DaySet(d) => Val::DaySet(*d),
        TValue::TimeRange(t) => Val::TimeRange(*t),
        TValue::Raw(raw) => match raw {
            Value::Str(s) => Val::Str(s),
            Value::Word(w) if w == "yes" || w == "true" => Val::Bool(true),
            Value::Word(w) if w == "no" || w == "false" => Val::Bool(false),
            Value::Word(w) if w == "tbd" => return None,
            Value::Word(w) => Val::Sym(w),
            Value::Date(d) => Val::Date(*d),
            Value::Num(q) | Value::Bound(_, q) => {
                let (value, dim) = super::compile::literal_num(q);
                Val::Num(Num { value, dim })
            }
            Value::TimeRange(t) => Val::TimeRange(*t),
            Value::Invalid => return None,
        },
        TValue::Tbd | TValue::Absent | TValue::Keyword => return None,
    })
}

/// Two numbers this close, relative to the larger, are equal: unit conversions and
/// divisions in binary floating point leave such errors (`1.5 × 450_000 / 3_000` is
/// 224.99999999999997).  Comparisons and message rounding both use it.
pub const RELATIVE_TOLERANCE: f64 = 1e-9;

/// Compares with a relative tolerance, so `3 months` equals `90 days` however the
/// conversions round.
fn approx_cmp(a: f64, b: f64) -> Option<std::cmp::Ordering> {
    let scale = a.abs().max(b.abs()).max(f64::MIN_POSITIVE);
    if (a - b).abs() <= scale * RELATIVE_TOLERANCE {
        Some(std::cmp::Ordering::Equal)
    } else {
        a.partial_cmp(&b)
    }
}

#[allow(clippy::cast_precision_loss)] // node counts are tiny
fn count_f64(n: usize) -> f64 {
    n as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::hours::tests::service;
    use crate::rules::testing::{builtin, contracts, fixtures};

    /// Every part of `and`, `or` and `not` in `ir`, at any depth.
    fn parts<'r>(ir: &'r Ir, out: &mut Vec<&'r Ir>) {
        let inner: &[Ir] = match ir {
            Ir::And(parts) | Ir::Or(parts) => parts,
            Ir::Not(inner) => std::slice::from_ref(&**inner),
            _ => return,
        };
        for part in inner {
            out.push(part);
            parts(part, out);
        }
    }

    #[test]
    fn a_path_from_an_each_node_reaches_what_a_walk_of_it_reaches() {
        let rules = builtin();
        let clash = AtomicBool::new(false);
        let mut reached_some = 0;
        for text in fixtures() {
            for contract in contracts(&text) {
                let root = Scope {
                    contract: &contract,
                    each: None,
                    reached: None,
                    today: Date::parse("2026-11-29").expect("date"),
                    currency_clash: &clash,
                    cost: None,
                };
                for rule in rules.rules() {
                    let Some(each) = &rule.each else { continue };
                    let mut paths = Vec::new();
                    crate::rules::reach::for_each_path(&mut rule.clone(), &mut |p| {
                        if p.from_each {
                            paths.push(p.clone());
                        }
                    });
                    root.any_node(each, &mut |node| {
                        let scope = Scope {
                            each: Some(node),
                            ..root
                        };
                        for path in &paths {
                            let mut found = Vec::new();
                            scope.any_node(path, &mut |n| {
                                found.push(std::ptr::from_ref(n));
                                false
                            });
                            let mut walked = Vec::new();
                            visit(node, &path.steps, &mut |n| {
                                walked.push(std::ptr::from_ref(n));
                                false
                            });
                            assert_eq!(found, walked, "{}", path.text);
                            reached_some += usize::from(!found.is_empty());
                        }
                        false
                    });
                }
            }
        }
        assert!(reached_some > 100, "{reached_some}");
    }

    #[test]
    fn strings_and_symbols_compare_by_their_order() {
        let (root, args) = service(&[]);
        let contract = Contract {
            id: "c".into(),
            root,
            args: args.into_boxed_slice(),
            waivers: Vec::new(),
            auditable: true,
        };
        let clash = AtomicBool::new(false);
        let scope = Scope {
            contract: &contract,
            each: None,
            reached: None,
            today: Date::parse("2026-11-29").expect("date"),
            currency_clash: &clash,
            cost: None,
        };
        let ops = [
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::In,
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Gt,
            CmpOp::Ge,
        ];
        let words = ["", "a", "ab", "b", "abc", "vendor", "client"];
        for x in words {
            for y in words {
                for op in ops {
                    // Rust's own string comparisons are the answer.
                    let expected = match op {
                        CmpOp::Eq | CmpOp::In => x == y,
                        CmpOp::Ne => x != y,
                        CmpOp::Lt => x < y,
                        CmpOp::Le => x <= y,
                        CmpOp::Gt => x > y,
                        CmpOp::Ge => x >= y,
                    };
                    for (a, b) in [(Val::Sym(x), Val::Sym(y)), (Val::Str(x), Val::Sym(y))] {
                        assert_eq!(scope.compare_values(op, &a, &b), expected, "{x} {op:?} {y}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_part_is_true_when_truth_says_so() {
        let rules = builtin();
        let clash = AtomicBool::new(false);
        let (mut checked, mut held) = (0, 0);
        for text in fixtures() {
            for contract in contracts(&text) {
                let reached = Reached::new(&rules.paths, &contract.root);
                for rule in rules.rules() {
                    let mut all = Vec::new();
                    parts(&rule.when, &mut all);
                    let root = Scope {
                        contract: &contract,
                        each: None,
                        reached: Some(&reached),
                        today: Date::parse("2026-11-29").expect("date"),
                        currency_clash: &clash,
                        cost: None,
                    };
                    let mut check = |scope: &Scope<'_>| {
                        for part in &all {
                            let truth = scope.truth(part);
                            assert_eq!(scope.part_truth(part), truth, "{}", rule.when_text);
                            checked += 1;
                            held += usize::from(truth);
                        }
                    };
                    match &rule.each {
                        None => check(&root),
                        Some(path) => {
                            root.any_node(path, &mut |node| {
                                check(&Scope {
                                    each: Some(node),
                                    ..root
                                });
                                false
                            });
                        }
                    }
                }
            }
        }
        assert!(held > 5000 && checked - held > 5000, "{held} of {checked}");
    }
}

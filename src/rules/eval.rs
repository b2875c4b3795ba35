//! The evaluator: runs compiled rules over one validated contract.
//!
//! Semantics (LANGUAGE.md §3.2): a path through a repeatable node means "any of
//! them", so comparisons hold when some pair of values satisfies them; absent
//! values, `tbd` and division by zero make comparisons and arithmetic false (they
//! yield no value), never an error.

use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use super::ast::{ArithOp, CmpOp};
use super::ir::{ArgSel, Const, Ir, PathIr, Step};
use crate::schema::model::{Contract, DaySet, Num, TNode, TValue, EXTENSION};
use crate::syntax::tree::{Date, Value};
use crate::units::Dim;

/// What a rule is evaluated against.
pub struct Scope<'c> {
    pub contract: &'c Contract,
    /// The node of the rule's `each`, if any.
    pub each: Option<&'c TNode>,
    pub today: Date,
    /// Set when money of two currencies met in a comparison (reported once per run).
    pub currency_clash: &'c AtomicBool,
}

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'c> {
    Num(Num),
    Str(&'c str),
    Sym(&'c str),
    Bool(bool),
    Date(Date),
    DaySet(DaySet),
    TimeRange(crate::syntax::tree::TimeRange),
}

impl<'c> Scope<'c> {
    /// Whether a boolean expression holds.
    pub fn truth(&self, ir: &'c Ir) -> bool {
        match ir {
            Ir::And(parts) => parts.iter().all(|p| self.truth(p)),
            Ir::Or(parts) => parts.iter().any(|p| self.truth(p)),
            Ir::Not(inner) => !self.truth(inner),
            Ir::Compare(op, l, r) => self.compare(*op, l, r),
            Ir::Present(p) => self.nodes(p).next().is_some(),
            Ir::Absent(p) => self.nodes(p).next().is_none(),
            Ir::IsTbd(p) => self.nodes(p).any(TNode::is_tbd),
            Ir::Has(p, symbols) => self
                .nodes(p)
                .flat_map(|n| &n.args)
                .any(|a| matches!(a.value, TValue::Sym(s) if symbols.contains(&s))),
            Ir::Nights(p) => self.nodes(p).any(open_at_night),
            Ir::Weekends(p) => self.nodes(p).any(open_on_weekends),
            Ir::Matches(p, re) => {
                let mut vals = Vec::new();
                self.path_values(p, &mut vals);
                vals.iter()
                    .any(|v| matches!(v, Val::Str(s) | Val::Sym(s) if re.is_match(s)))
            }
            Ir::Const(Const::Bool(b)) => *b,
            Ir::Path(_) => {
                let mut vals = Vec::new();
                self.values(ir, &mut vals);
                vals.contains(&Val::Bool(true))
            }
            _ => false,
        }
    }

    fn compare(&self, op: CmpOp, l: &'c Ir, r: &'c Ir) -> bool {
        let (mut left, mut right) = (Vec::new(), Vec::new());
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
            (Val::Str(x) | Val::Sym(x), Val::Str(y) | Val::Sym(y)) => Some(x.cmp(y)),
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
    pub fn values(&self, ir: &'c Ir, out: &mut Vec<Val<'c>>) {
        match ir {
            Ir::Path(p) => self.path_values(p, out),
            Ir::Const(c) => out.push(match c {
                Const::Num(n) => Val::Num(*n),
                Const::Str(s) => Val::Str(s),
                Const::Sym(s) => Val::Sym(s),
                Const::Bool(b) => Val::Bool(*b),
                Const::Date(d) => Val::Date(*d),
                Const::DaySet(d) => Val::DaySet(*d),
                Const::TimeRange(t) => Val::TimeRange(*t),
            }),
            Ir::List(items) => items.iter().for_each(|i| self.values(i, out)),
            Ir::Count(p) => out.push(Val::Num(Num {
                value: count_f64(self.nodes(p).count()),
                dim: Dim::NONE,
            })),
            Ir::WeeklyHours(p) => {
                for node in self.nodes(p) {
                    out.push(Val::Num(Num {
                        value: weekly_hours(node),
                        dim: Dim::NONE,
                    }));
                }
            }
            Ir::Today => out.push(Val::Date(self.today)),
            Ir::Arith(op, l, r) => {
                let (mut left, mut right) = (Vec::new(), Vec::new());
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

    pub fn path_values(&self, path: &'c PathIr, out: &mut Vec<Val<'c>>) {
        for node in self.nodes(path) {
            match path.arg {
                ArgSel::Index(i) => {
                    if let Some(a) = node.args.get(i) {
                        push_value(&a.value, out);
                    }
                }
                ArgSel::Value if path.list => {
                    node.args.iter().for_each(|a| push_value(&a.value, out))
                }
                ArgSel::Value => {
                    if let Some(a) = node.args.first() {
                        push_value(&a.value, out);
                    }
                }
            }
        }
    }

    /// The nodes a path reaches, in document order.
    pub fn nodes(&self, path: &'c PathIr) -> Box<dyn Iterator<Item = &'c TNode> + 'c> {
        let start: &'c TNode = match (path.from_each, self.each) {
            (true, Some(node)) => node,
            _ => &self.contract.root,
        };
        walk(start, &path.steps)
    }
}

/// Descends `steps` from `node`.
fn walk<'c>(node: &'c TNode, steps: &'c [Step]) -> Box<dyn Iterator<Item = &'c TNode> + 'c> {
    let Some((first, rest)) = steps.split_first() else {
        return Box::new(std::iter::once(node));
    };
    let children = node.children.iter().filter(move |c| match first {
        Step::Slot(s) => c.slot == *s,
        Step::Any => true,
        Step::Ext(name) => c.slot == EXTENSION && *c.name == **name,
    });
    if rest.is_empty() {
        Box::new(children)
    } else {
        Box::new(children.flat_map(move |c| walk(c, rest)))
    }
}

fn push_value<'c>(value: &'c TValue, out: &mut Vec<Val<'c>>) {
    let v = match value {
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
            Value::Word(w) if w == "tbd" => return,
            Value::Word(w) => Val::Sym(w),
            Value::Date(d) => Val::Date(*d),
            Value::Num(q) | Value::Bound(_, q) => {
                let (value, dim) = super::compile::literal_num(q);
                Val::Num(Num { value, dim })
            }
            Value::TimeRange(t) => Val::TimeRange(*t),
            Value::Invalid => return,
        },
        TValue::Tbd | TValue::Absent | TValue::Keyword => return,
    };
    out.push(v);
}

/// Compares with a relative tolerance, so `3 months` equals `90 days` however the
/// conversions round.
fn approx_cmp(a: f64, b: f64) -> Option<std::cmp::Ordering> {
    let scale = a.abs().max(b.abs()).max(f64::MIN_POSITIVE);
    if (a - b).abs() <= scale * 1e-9 {
        Some(std::cmp::Ordering::Equal)
    } else {
        a.partial_cmp(&b)
    }
}

#[allow(clippy::cast_precision_loss)] // node counts are tiny
fn count_f64(n: usize) -> f64 {
    n as f64
}

/// The `hours` nodes of a service, as (day set, time range).
fn hours(service: &TNode) -> impl Iterator<Item = (DaySet, crate::syntax::tree::TimeRange)> + '_ {
    service
        .children
        .iter()
        .filter(|c| c.name == "hours" && c.slot != EXTENSION)
        .filter_map(|h| {
            match (
                h.args.first().map(|a| &a.value),
                h.args.get(1).map(|a| &a.value),
            ) {
                (Some(TValue::DaySet(d)), Some(TValue::TimeRange(t))) => Some((*d, *t)),
                _ => None,
            }
        })
}

/// A week of minutes covered by a service's hours, Monday 00:00 first.  A range past
/// midnight continues into the next day; `holidays` lines cover no weekday.
fn week_coverage(service: &TNode) -> Vec<bool> {
    const WEEK: usize = 7 * 1440;
    let mut covered = vec![false; WEEK];
    for (days, range) in hours(service) {
        for day in 0..7 {
            if days.0 & (1 << day) == 0 {
                continue;
            }
            let start = day * 1440 + usize::from(range.start);
            let len = if range.end > range.start {
                usize::from(range.end - range.start)
            } else {
                1440 - usize::from(range.start) + usize::from(range.end)
            };
            for m in start..start + len {
                covered[m % WEEK] = true;
            }
        }
    }
    covered
}

fn weekly_hours(service: &TNode) -> f64 {
    let minutes = week_coverage(service).iter().filter(|&&c| c).count();
    count_f64(minutes) / 60.0
}

/// Open at some minute in [22:00, 05:00).  A range ending at 22:00 is not.
fn open_at_night(service: &TNode) -> bool {
    hours(service).any(|(days, range)| {
        days.weekdays() > 0
            && range
                .intervals()
                .iter()
                .any(|&(s, e)| s < e && (e > 22 * 60 || s < 5 * 60))
    })
}

/// A day set of the service includes Saturday or Sunday.
fn open_on_weekends(service: &TNode) -> bool {
    hours(service).any(|(days, _)| days.0 & DaySet::WEEKEND != 0)
}

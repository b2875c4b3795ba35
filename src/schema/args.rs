//! Reading a node's arguments by its field's signature (LANGUAGE.md §2.2): each
//! written value checked against the type the field expects (`40h` for a duration,
//! `300_000 JPY / month` for money per month, a symbol from the field's set…),
//! converted to base units, and every mismatch reported with the field's path.
//! The validator (`validate.rs`) calls this for each node it opens.

use super::model::{ArgRange, DaySet, Num, TArg, TValue};
use super::problems::{Path, Problems};
use super::types::{Base, Field, Per, Ty};
use super::waiver::is_rule_ref;
use crate::problem::{Kind, Words};
use crate::span::Span;
use crate::suggest::closest;
use crate::syntax::tree::{Arg, Value};
use crate::units::{Dim, Unit};
use crate::value::Quantity;

/// A node's head as read: what its arguments are checked against.
pub(super) struct Head<'a, 't> {
    pub name: &'a str,
    /// Name and arguments: where problems with the arguments as a whole point.
    pub head: Span,
    pub args: &'a [Arg<'t>],
}

/// Reads one node's arguments by its field's signature, reporting what does not fit.
pub(super) struct ArgReader<'a> {
    pub text: &'a str,
    pub problems: &'a mut Problems,
    /// Where the node stands.
    pub path: Path<'a>,
}

impl ArgReader<'_> {
    fn report(&mut self, span: Span, kind: Kind) {
        self.problems.report(span, kind);
    }

    /// Reads the arguments of `node` by the signature of `field` onto `out`, the
    /// contract's arguments; gives where they are.
    pub fn args(&mut self, node: &Head, field: &'static Field, out: &mut Vec<TArg>) -> ArgRange {
        let start = out.len();
        self.read_args(node, field, out);
        arg_range(start, out.len())
    }

    /// Reads the arguments of `node` by the signature of `field` onto `out`.
    fn read_args(&mut self, node: &Head, field: &'static Field, out: &mut Vec<TArg>) {
        let specs = field.args;
        let given = node.args;
        // A lone `tbd` stands for all of a field's arguments.
        if let [only] = given {
            if is_tbd(&only.value) && !specs.is_empty() {
                out.extend(specs.iter().map(|_| TArg {
                    value: TValue::Tbd,
                    span: only.span,
                }));
                return;
            }
        }
        let mut next = 0;
        // One omission is one diagnostic, however many arguments it leaves out.
        let mut reported_missing = false;
        for (i, spec) in specs.iter().enumerate() {
            if let Ty::List(set) = spec.ty {
                if next >= given.len() {
                    self.missing(node, field, spec.name);
                }
                for arg in &given[next..] {
                    out.push(self.arg(arg, &Ty::Sym(set)));
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
                    self.missing(node, field, name);
                    reported_missing = true;
                }
                out.push(TArg {
                    value: TValue::Absent,
                    span: node.head,
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
                            field: self.path.to_string(),
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
            out.push(self.arg(arg, &spec.ty));
            next += 1;
        }
        // After an argument the parser already reported, the count is unreliable (the
        // broken token may have swallowed a separator): one mistake, one diagnostic.
        // (Matched, not compared with `==`: that is a call per argument.)
        if given.iter().any(|a| matches!(a.value, Value::Invalid)) {
            return;
        }
        if let Some(extra) = given
            .get(next..)
            .and_then(|rest| rest.iter().find(|a| !matches!(a.value, Value::Invalid)))
        {
            self.report(
                extra.span,
                Kind::ExtraArgument {
                    field: self.path.to_string(),
                    max: specs.len(),
                },
            );
        }
    }

    fn missing(&mut self, node: &Head, field: &'static Field, arg_name: &str) {
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
            node.head,
            Kind::MissingArgument {
                field: self.path.to_string(),
                argument,
                example,
            },
        );
    }

    /// Reads one argument as `ty`; reports and yields `Absent` when it does not fit.
    fn arg(&mut self, arg: &Arg, ty: &Ty) -> TArg {
        let value = self.value(arg, ty).unwrap_or(TValue::Absent);
        TArg {
            value,
            span: arg.span,
        }
    }

    fn value(&mut self, arg: &Arg, ty: &Ty) -> Option<TValue> {
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
            (Value::Word(w), Ty::DaySet) => {
                self.report(
                    span,
                    Kind::BadSymbol {
                        field: self.path.to_string(),
                        found: w.to_string(),
                        allowed: DaySet::WORDS.iter().map(|s| (*s).to_string()).collect(),
                        suggestion: closest(w, DaySet::WORDS.iter().copied()),
                    },
                );
                None
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
                            field: self.path.to_string(),
                            found: w.to_string(),
                            allowed: set.iter().map(|s| (*s).to_string()).collect(),
                            suggestion: closest(w, set.iter().copied()),
                        },
                    );
                    None
                }
            }
            (Value::Num(q), Ty::Num(base, per)) => self.num(q, span, *base, *per),
            (Value::Num(q), Ty::Bound { base, .. }) => self.num(q, span, *base, Per::None),
            (Value::Bound(op, q), Ty::Bound { minimum, base }) => {
                if op.is_minimum() != *minimum {
                    self.report(
                        span,
                        Kind::BoundDirection {
                            field: self.path.to_string(),
                            found: op.as_str().to_string(),
                            expected: if *minimum { ">=" } else { "<=" },
                        },
                    );
                    return None;
                }
                self.num(q, span, *base, Per::None)
            }
            (found, _) => {
                self.report(
                    span,
                    Kind::WrongKind {
                        field: self.path.to_string(),
                        expected: ty.describe(),
                        found: describe_value(found),
                    },
                );
                None
            }
        }
    }

    /// Checks a quantity's unit and per-unit against the field and converts it to base units.
    fn num(&mut self, q: &Quantity, span: Span, base: Base, per: Per) -> Option<TValue> {
        // Described only when a diagnostic needs it: this runs for every number read.
        let expected = || Ty::Num(base, per).describe();
        let wrong = |v: &mut Self| {
            v.report(
                span,
                Kind::WrongKind {
                    field: v.path.to_string(),
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
            // A price per call is not a success fee, and a fee per sale is no call rate.
            (Per::Count(_), Some(unit @ Unit::Count(_))) if !unit.is_outcome() => {}
            (Per::Outcome, Some(unit @ Unit::Count(_))) if unit.is_outcome() => {}
            (Per::Time(_) | Per::Count(_) | Per::Outcome, None) => {
                let u = match per {
                    Per::Time(u) | Per::Count(u) => u,
                    _ => "acquisition",
                };
                let written = span.text(self.text);
                self.report(
                    span,
                    Kind::MissingPer {
                        field: self.path.to_string(),
                        fix: format!("{} {written} / {u}", self.path.name()),
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
                        field: self.path.to_string(),
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

/// Moves `args` out, into a vector of exactly their number; `args` keeps its
/// capacity, for the next contract.  (`append` moves them with one `memcpy`;
/// `drain(..).collect()` moved them one at a time.)
pub(super) fn take_at_final_number(args: &mut Vec<TArg>) -> Box<[TArg]> {
    let mut taken = Vec::with_capacity(args.len());
    taken.append(args);
    taken.into_boxed_slice()
}

/// Pushes `args` onto `out`, the contract's arguments; gives where they are.
pub(super) fn push_args(out: &mut Vec<TArg>, args: impl Iterator<Item = TArg>) -> ArgRange {
    let start = out.len();
    out.extend(args);
    arg_range(start, out.len())
}

/// The positions `start..end` among a contract's arguments.
fn arg_range(start: usize, end: usize) -> ArgRange {
    // A contract of 2^32 arguments would take a file of more than 8 GB.
    let position = |i: usize| u32::try_from(i).expect("fewer than 2^32 arguments a contract");
    ArgRange {
        start: position(start),
        end: position(end),
    }
}

fn is_tbd(value: &Value) -> bool {
    // Matched as bytes: asked of every argument read, and `==` on a `str` is a call
    // to `memcmp` for each three-letter word (`yes`, `mon`, `sat`…).
    matches!(value, Value::Word(w) if matches!(w.as_bytes(), [b't', b'b', b'd']))
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

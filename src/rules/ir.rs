//! Compiled rules: what the type checker produces and the evaluator runs.
//!
//! Paths are resolved to schema slots and argument positions once, when rules load,
//! so evaluating a contract never looks a name up.

use std::sync::Arc;

use regex::Regex;

use super::ast::{ArithOp, CmpOp};
use crate::schema::model::{slot_bit, Num, TNode, EXTENSION};
use crate::severity::Severity;
use crate::value::Date;

/// One step of a compiled path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A schema field, by its slot in the parent.
    Slot(u16),
    /// `*`: every child.
    Any,
    /// An `x_` extension field, by name.
    Ext(Box<str>),
}

impl Step {
    /// The [`TNode::child_slots`] bits of the children this step can go to: a node
    /// whose bits miss them has none.
    #[inline]
    #[must_use]
    pub fn slot_bits(&self) -> u64 {
        match self {
            Step::Slot(s) => slot_bit(*s),
            Step::Ext(_) => slot_bit(EXTENSION),
            Step::Any => u64::MAX,
        }
    }

    /// Whether this step goes from a node to `child`, one of its children.
    #[inline]
    #[must_use]
    pub fn reaches(&self, child: &TNode) -> bool {
        match self {
            Step::Slot(s) => child.slot == *s,
            Step::Any => true,
            Step::Ext(name) => child.slot == EXTENSION && *child.name == **name,
        }
    }
}

/// Which of a node's arguments a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgSel {
    /// The node's value: its first argument, or every item of a list field.
    Value,
    /// A named argument (`service.direction`), by position.
    Index(usize),
}

/// A resolved path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathIr {
    /// Starts at the node of the rule's `each` rather than the contract.
    pub from_each: bool,
    pub steps: Vec<Step>,
    pub arg: ArgSel,
    /// The field is a list (`…+`): its value is every argument.
    pub list: bool,
    /// As written in the rule, for messages and fingerprints.
    pub text: Arc<str>,
    /// The path's node in its rule set's `reach::PathTree`, set when the set is made:
    /// `None` before, and for paths from the `each` node (not in the tree).
    pub place: Option<u32>,
}

/// A constant value in a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Num(Num),
    Str(Arc<str>),
    Sym(&'static str),
    Bool(bool),
    Date(Date),
    DaySet(crate::schema::model::DaySet),
    TimeRange(crate::value::TimeRange),
}

/// A compiled expression.
#[derive(Debug, Clone)]
pub enum Ir {
    And(Vec<Ir>),
    Or(Vec<Ir>),
    Not(Box<Ir>),
    Compare(CmpOp, Box<Ir>, Box<Ir>),
    Arith(ArithOp, Box<Ir>, Box<Ir>),
    Path(PathIr),
    Const(Const),
    List(Vec<Ir>),
    Present(PathIr),
    Absent(PathIr),
    IsTbd(PathIr),
    Has(PathIr, Vec<&'static str>),
    Count(PathIr),
    WeeklyHours(PathIr),
    Nights(PathIr),
    Weekends(PathIr),
    Matches(PathIr, Regex),
    Today,
    /// `floor(x)`, `ceil(x)`, `round(x)`: to a whole number of `x`'s unit.
    Round(Rounding, Box<Ir>),
    /// `cost.cpc`, …: a figure the cost model computes from the contract.
    Cost(crate::cost::figures::Figure),
}

/// Which way `floor`, `ceil` and `round` go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    Down,
    Up,
    /// To the nearest, halves away from zero.
    Nearest,
}

/// A message with `{path}` holes.
#[derive(Debug, Clone, Default)]
pub struct Template {
    pub parts: Vec<Part>,
}

impl Template {
    /// Room for the rendered text: the fixed parts plus a typical value per hole, so
    /// rendering a message allocates once instead of growing its buffer.
    #[must_use]
    pub fn capacity(&self) -> usize {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                Part::Value(..) | Part::Computed(..) => 24,
            })
            .sum()
    }
}

#[derive(Debug, Clone)]
pub enum Part {
    Text(String),
    /// `{pricing.overage}`: the value as the contract writes it.
    Value(PathIr, Style),
    /// `{pricing.base_fee / pricing.included}`: a number computed from the contract.
    Computed(Ir, Style),
}

/// Where in its message a hole stands, which decides how a Japanese message writes
/// its value: in words (12か月) in prose, as contract syntax (`12 months`) inside a
/// `code span`, which shows what to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Prose,
    Code,
}

/// A rule ready to evaluate.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: Arc<str>,
    pub slug: Arc<str>,
    /// The severity in force after every `set`; `None` is `off`.
    pub severity: Option<Severity>,
    /// The severity the rule's own file gives it.
    pub default_severity: Option<Severity>,
    pub category: Arc<str>,
    pub each: Option<PathIr>,
    pub when: Ir,
    /// Where findings point: the first present of these, else `when_paths`, else the
    /// contract header.
    pub at: Vec<PathIr>,
    pub when_paths: Vec<PathIr>,
    pub message: Template,
    pub help: Option<Template>,
    pub ja_message: Option<Template>,
    pub ja_help: Option<Template>,
    pub doc: Option<String>,
    /// The source of `when`, `at` and `each`, for `termlint explain`.
    pub when_text: String,
    pub at_text: String,
    pub each_text: Option<String>,
    /// The file the rule comes from (`builtin:rules/pricing.rules`).
    pub origin: String,
    /// 1-based line of the rule's head in its file.
    pub line: usize,
    /// The rule's message and help as written, for listings.
    pub message_source: String,
    pub help_source: Option<String>,
    pub ja_message_source: Option<String>,
    pub ja_help_source: Option<String>,
}

impl Rule {
    /// The paths a finding may point at, tried in order: `at`, or the paths of
    /// `when` when the rule has no `at` (the contract's header when none is present).
    #[inline]
    #[must_use]
    pub fn label_paths(&self) -> &[PathIr] {
        if self.at.is_empty() {
            &self.when_paths
        } else {
            &self.at
        }
    }
}

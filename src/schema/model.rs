//! The validated contract: the syntax tree with every value read by its field's type.
//!
//! Rules evaluate over this.  Each node knows its schema field by *slot* (index in its
//! parent's `children`), so a compiled rule path is a list of slots and evaluation
//! never compares names.

use crate::span::Span;
use crate::syntax::tree::Value;
use crate::units::Dim;
use crate::value::{Date, TimeRange};

/// Marks a node that is an `x_` extension field, outside the schema.
pub const EXTENSION: u16 = u16::MAX;

/// A number in base units with its dimension (see `crate::units`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: f64,
    pub dim: Dim,
}

/// A set of days: bits 0–6 are Monday–Sunday, bit 7 public holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySet(pub u8);

impl DaySet {
    pub const HOLIDAYS: u8 = 1 << 7;
    pub const WEEKEND: u8 = 0b0110_0000;

    /// The words a day set is written with; two days joined by `-` are a range.
    pub const WORDS: &'static [&'static str] = &[
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily", "weekdays", "weekends",
        "holidays", "mon-fri", "sat-sun",
    ];

    /// Reads `mon`, `mon-fri`, `sat-sun`, `daily`, `weekdays`, `weekends`, `holidays`.
    /// A range may wrap over the week's end (`fri-mon`).
    #[must_use]
    pub fn parse(word: &str) -> Option<DaySet> {
        // Matched as bytes: every `hours` line of every contract has one.
        let day = |d: [u8; 3]| {
            Some(match &d {
                b"mon" => 0,
                b"tue" => 1,
                b"wed" => 2,
                b"thu" => 3,
                b"fri" => 4,
                b"sat" => 5,
                b"sun" => 6,
                _ => return None,
            })
        };
        Some(DaySet(match word.as_bytes() {
            b"daily" => 0b0111_1111,
            b"weekdays" => 0b0001_1111,
            b"weekends" => Self::WEEKEND,
            b"holidays" => Self::HOLIDAYS,
            &[a, b, c] => 1 << day([a, b, c])?,
            &[a, b, c, b'-', d, e, f] => {
                let (from, to) = (day([a, b, c])?, day([d, e, f])?);
                let mut bits = 0u8;
                let mut d = from;
                loop {
                    bits |= 1 << d;
                    if d == to {
                        break;
                    }
                    d = (d + 1) % 7;
                }
                bits
            }
            _ => return None,
        }))
    }

    /// How many of Monday–Sunday the set holds.
    #[must_use]
    pub fn weekdays(self) -> u32 {
        (self.0 & 0x7f).count_ones()
    }
}

/// A value read by its field's type.
#[derive(Debug, Clone, PartialEq)]
pub enum TValue {
    Str(String),
    Num(Num),
    Date(Date),
    Bool(bool),
    Sym(&'static str),
    DaySet(DaySet),
    TimeRange(TimeRange),
    /// A rule id or slug (waivers).
    RuleRef(String),
    /// `tbd`: to be decided.
    Tbd,
    /// An optional argument that was not written.
    Absent,
    /// A word written as is (`within`).
    Keyword,
    /// An `x_` extension field's argument, not validated.
    Raw(Value<'static>),
}

/// One argument with the span of its text.
#[derive(Debug, Clone, PartialEq)]
pub struct TArg {
    pub value: TValue,
    pub span: Span,
}

/// Where a node's arguments are among its contract's [`Contract::args`].
///
/// A contract's arguments are kept in one vector, in the order they were read,
/// and each node names its own by their positions: a vector per node was an
/// allocation (and a free when the contract was dropped) for nearly every line
/// of a contract.  [`Contract::args_of`] gives a node's arguments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArgRange {
    pub start: u32,
    pub end: u32,
}

impl ArgRange {
    /// The positions as a range of indices.
    #[must_use]
    pub fn indices(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// These arguments among `args`, their contract's (or, while it is read, the
    /// arguments read so far).
    #[must_use]
    pub fn of(self, args: &[TArg]) -> &[TArg] {
        &args[self.indices()]
    }
}

/// A node of the validated tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TNode {
    /// Index of this node's field among its parent field's children, or [`EXTENSION`].
    pub slot: u16,
    /// The name: the schema's own for schema fields (no allocation per node), as
    /// written for `x_` fields.
    pub name: std::borrow::Cow<'static, str>,
    /// Name and arguments: what a diagnostic label covers.
    pub head: Span,
    /// Where its arguments are in its contract's [`Contract::args`]: aligned with
    /// the field's signature (list fields: one per item).
    pub args: ArgRange,
    /// The children are a boxed slice, not a vector: they never grow once read,
    /// and without a capacity a node is smaller — every node is moved twice while
    /// a contract is read (onto the validator's stack, then into its parent's
    /// children).
    pub children: Box<[TNode]>,
    /// Which slots occur among `children` (see [`slot_bit`]): lets a rule path skip
    /// a node that lacks the field without scanning its children.
    pub child_slots: u64,
}

/// The bit of [`TNode::child_slots`] standing for `slot`.  Slots past 62 and
/// extensions share the top bit, which then only means "maybe".
#[must_use]
pub fn slot_bit(slot: u16) -> u64 {
    1 << slot.min(63)
}

/// The [`TNode::child_slots`] of these children.
#[must_use]
pub fn child_slots(children: &[TNode]) -> u64 {
    children.iter().fold(0, |bits, c| bits | slot_bit(c.slot))
}

/// Whether any of these arguments is `tbd`.
#[must_use]
pub fn any_tbd(args: &[TArg]) -> bool {
    args.iter().any(|a| a.value == TValue::Tbd)
}

/// A waiver as read from the contract.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    /// The rule id or slug as written.
    pub rule: String,
    /// The waiver's head (`waiver TL101`).
    pub span: Span,
    pub reason: Option<String>,
    /// Who accepted the finding (`approved_by`), for reports that audit waivers.
    pub approved_by: Option<String>,
    pub expires: Option<Date>,
    /// False when the waiver has its own TL001–TL005 problem: it then waives nothing.
    pub valid: bool,
}

/// One validated contract.
#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    pub id: std::sync::Arc<str>,
    /// The `contract` node itself; paths start at its children.
    pub root: TNode,
    /// The arguments of all its nodes, in the order they were read (see
    /// [`ArgRange`]).
    pub args: Box<[TArg]>,
    pub waivers: Vec<Waiver>,
    /// False when a TL001–TL005 problem outside its waivers means the contract was
    /// misread; such a contract is not checked by rules.
    pub auditable: bool,
}

impl Contract {
    /// The arguments of `node`, one of this contract's nodes.
    #[must_use]
    pub fn args_of(&self, node: &TNode) -> &[TArg] {
        node.args.of(&self.args)
    }
}

#[cfg(test)]
mod tests {
    use super::DaySet;

    #[test]
    fn day_sets_read_every_spelling_and_nothing_else() {
        let bits = |word| DaySet::parse(word).map(|d| d.0);
        assert_eq!(bits("mon"), Some(0b0000_0001));
        assert_eq!(bits("sun"), Some(0b0100_0000));
        assert_eq!(bits("mon-fri"), Some(0b0001_1111));
        assert_eq!(bits("sat-sun"), Some(0b0110_0000));
        // A range wraps over the week's end.
        assert_eq!(bits("fri-mon"), Some(0b0111_0001));
        assert_eq!(bits("wed-wed"), Some(0b0000_0100));
        assert_eq!(bits("daily"), Some(0b0111_1111));
        assert_eq!(bits("weekdays"), Some(0b0001_1111));
        assert_eq!(bits("weekends"), Some(0b0110_0000));
        assert_eq!(bits("holidays"), Some(DaySet::HOLIDAYS));
        for bad in [
            "",
            "mo",
            "Mon",
            "mon-",
            "-fri",
            "mon-tue-wed",
            "mon_fri",
            "monday",
            "mon-xyz",
            "xyz-mon",
            "mon fri",
            "月",
        ] {
            assert_eq!(bits(bad), None, "{bad:?}");
        }
    }
}

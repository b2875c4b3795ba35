//! What the validator keeps about the node it is in: where it stands ([`Path`]) and
//! the problems found so far ([`Problems`]).  Shared by the validator and the
//! argument reader, which both report, so neither needs the other's internals.

use crate::problem::{Kind, Problem};
use crate::span::Span;

/// The problems of the contract being read.
#[derive(Default)]
pub(super) struct Problems {
    /// Each with whether it blocks the audit (false inside waivers).
    pub(super) list: Vec<(Problem, bool)>,
    /// Depth inside a waiver (0 outside).
    pub(super) in_waiver: usize,
    /// Whether the current waiver has a problem so far.
    pub(super) waiver_broken: bool,
}

impl Problems {
    pub(super) fn report(&mut self, span: Span, kind: Kind) {
        self.report_problem(Problem::new(span, kind));
    }

    pub(super) fn report_problem(&mut self, problem: Problem) {
        if self.in_waiver > 0 {
            self.waiver_broken = true;
        }
        self.list.push((problem, self.in_waiver == 0));
    }
}

/// Where a node stands: the field names from `contract` down, formatted
/// (`pricing.overage`) only when a diagnostic needs it, not for every node read.
#[derive(Clone, Copy)]
pub(super) struct Path<'a>(pub(super) &'a [&'static str]);

impl Path<'_> {
    /// The innermost field's name.
    pub(super) fn name(self) -> &'static str {
        self.0.last().copied().unwrap_or("contract")
    }

    /// The path of child field `name`, formatted.
    pub(super) fn child(self, name: &str) -> String {
        if self.0.len() > 1 {
            format!("{self}.{name}")
        } else {
            name.to_string()
        }
    }
}

impl std::fmt::Display for Path<'_> {
    /// `contract` for the contract itself; below it the path without that prefix,
    /// as rules write it (`vendor.staff.turnover`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            [] | [_] => f.write_str(self.name()),
            [_, below @ ..] => {
                for (i, name) in below.iter().enumerate() {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                Ok(())
            }
        }
    }
}

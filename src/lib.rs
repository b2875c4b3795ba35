//! termlint: audits outsourced call-centre contracts written in the terms language.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! files (check::walk) → syntax::parse → schema::validate → rules (compiled once)
//!     → findings (diagnostic) → report::{human, json, sarif, github}
//! ```
//!
//! (`check` runs the first two as one, `schema::read_and_validate`: a well-formed
//! file goes from the fast reader straight into the validator, never a tree.)

pub mod check;
pub mod cli;
pub mod codes;
pub mod cost;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod fixtures;
pub mod fmt;
pub mod japanese;
pub mod lang;
pub mod lsp;
pub mod outcome;
pub mod problem;
pub mod report;
pub mod rules;
pub mod schema;
pub mod severity;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod units;
pub mod value;

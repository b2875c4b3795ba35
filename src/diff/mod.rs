//! Contracts under review: what a change did to their findings.
//!
//! [`key`] gives a finding an identity that survives layout and moves; [`baseline`]
//! keeps a set of them for `check --baseline`; [`terms`] compares two versions of a
//! contract clause by clause and [`report`] prints `termlint diff`.

pub mod baseline;
pub mod key;

//! Contracts under review: what a change did to them.
//!
//! [`key`] gives a finding an identity that survives layout and moves; [`baseline`]
//! keeps a set of them for `check --baseline`; for `termlint diff`, [`sources`] reads
//! the two versions (files, folders or git revisions), [`clauses`] names each clause
//! by its schema path, [`changes`] pairs contracts, clauses and findings, and
//! [`report`] prints the result.

pub mod baseline;
pub mod changes;
pub mod clauses;
pub mod key;
pub mod report;
pub mod sources;

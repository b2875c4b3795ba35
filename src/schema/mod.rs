//! The terms schema: which fields may appear where, with what arguments.
//!
//! [`table`] is the schema itself, [`types`] its vocabulary, [`validate`] checks a
//! file's nodes against it and produces the [`model`] that rules evaluate; `args`
//! reads each node's arguments by its field's signature.

mod args;
pub mod model;
mod problems;
pub mod reference;
pub mod symbols;
pub mod table;
pub mod types;
pub mod validate;
mod waiver;

pub use table::SCHEMA;
pub use types::{ArgSpec, Base, Field, Per, Ty};
pub use validate::{read_and_validate, validate, Validated};

/// Finds a field by dotted path from the top of a contract (`pricing.overage`).
#[must_use]
pub fn lookup(path: &str) -> Option<&'static Field> {
    let mut field = table::contract();
    if path.is_empty() || path == "contract" {
        return Some(field);
    }
    for step in path.split('.') {
        field = field.child(step)?.1;
    }
    Some(field)
}

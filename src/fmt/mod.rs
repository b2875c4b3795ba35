//! `termlint fmt`: one canonical layout of a `.terms` or `.rules` file.
//!
//! Each file is read by its language's one parser (a `.terms` file node by node
//! through a [`crate::syntax::Sink`], a `.rules` file into its outline,
//! [`crate::rules::syntax::outline`]); the layout is built from the nodes, the
//! comments and blank lines from the gaps between their spans ([`trivia`]), and
//! values are copied as written except for the spacing inside them.  The style, and why, is in
//! docs/formatting.md:
//!
//! - two spaces of indentation a block, one node a line, `}` on a line of its own;
//! - in a `.terms` run of nodes without blocks (ended by a blank line, a comment line
//!   or a node with a block) the values start in one column, and trailing comments
//!   too; in a rule, every statement's value starts in one column;
//! - a `.terms` block written on one line stays on one line while it fits in 100
//!   columns and holds no block or comment of its own (`staff { operators 12; supervisors 1 }`);
//! - one space around `/` and after a bound's `>=`; numbers, units and strings as
//!   written (`6_000` stays `6_000`, `40h` stays `40h`); a condition written over
//!   several lines keeps its lines, re-indented with its statement;
//! - blank lines kept, several in a row made one, none at a block's edges.

pub mod file;
mod layout;
mod rules;
mod terms;
mod trivia;

use std::path::Path;

pub use rules::format as rules;
pub use terms::format as terms;

/// The languages `fmt` formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Terms,
    Rules,
}

impl Language {
    /// The language of a file by its extension; anything but `.rules` is a contract.
    #[must_use]
    pub fn of(path: &Path) -> Language {
        if path.extension().is_some_and(|e| e == "rules") {
            Language::Rules
        } else {
            Language::Terms
        }
    }

    /// Whether a folder walk formats the file.
    #[must_use]
    pub fn formats(path: &Path) -> bool {
        path.extension()
            .is_some_and(|e| e == "terms" || e == "rules")
    }
}

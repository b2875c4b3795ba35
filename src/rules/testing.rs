//! What the rules' unit tests share: the built-in catalogue and the repository's
//! contracts.

use std::path::Path;

use super::{load_source, RuleSet};
use crate::schema::model::Contract;

/// The built-in catalogue, as `termlint check` loads it.
pub fn builtin() -> RuleSet {
    load_source("empty.rules", "", true).expect("the built-in catalogue loads")
}

/// The text of every `.terms` file among the rule fixtures, the test data and the
/// sample contracts.
pub fn fixtures() -> Vec<String> {
    fn collect(dir: &Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "terms") {
                out.push(std::fs::read_to_string(&path).expect("fixture text"));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["tests/rules", "tests/data", "contracts"] {
        collect(&root.join(dir), &mut out);
    }
    assert!(out.len() > 50, "fixtures not found: {}", out.len());
    out
}

/// The validated contracts of a file's text.
pub fn contracts(text: &str) -> Vec<Contract> {
    let parsed = crate::syntax::parse(text);
    crate::schema::validate(&parsed.document, parsed.problems, text).contracts
}

//! Arbitrary UTF-8 as a `.terms` file, formatted as `termlint fmt` does.  Nothing may
//! panic; a file that formats must come out well-formed, meaning the same (the same
//! nodes with the same values, spans aside) and unchanged by a second formatting; a
//! file that does not format must have syntax problems to show for it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::syntax::tree::{Node, Value};

/// What a file says, without where it says it.
#[derive(Debug, PartialEq)]
struct Shape {
    name: String,
    values: Vec<Value<'static>>,
    children: Vec<Shape>,
}

fn shape(nodes: &[Node<'_>]) -> Vec<Shape> {
    nodes
        .iter()
        .map(|node| Shape {
            name: node.name.to_string(),
            values: node.args.iter().map(|a| a.value.clone().into_owned()).collect(),
            children: shape(node.children()),
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let once = match termlint::fmt::terms(text) {
        Ok(once) => once,
        Err(problems) => {
            assert!(!problems.is_empty(), "refused to format without a reason");
            return;
        }
    };
    let before = termlint::syntax::parse(text);
    let after = termlint::syntax::parse(&once);
    assert!(
        after.problems.is_empty(),
        "formatted text has syntax problems: {:?}\n{once}",
        after.problems
    );
    assert_eq!(
        shape(&before.document.nodes),
        shape(&after.document.nodes),
        "formatting changed what the file says:\n{once}"
    );
    let twice = termlint::fmt::terms(&once).expect("formatted text formats");
    assert_eq!(once, twice, "formatting is not idempotent");
});

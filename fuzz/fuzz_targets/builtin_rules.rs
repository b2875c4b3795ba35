//! Arbitrary bytes as a `.terms` file checked by the built-in rule catalogue (loaded
//! once per process): the fast way to run every built-in rule, `each` loop, message
//! template and waiver on fuzzed contracts.  `terms_parser` checks with no rules;
//! `check_with_rules` reloads the built-ins for every input and is slow.  Nothing
//! may panic; the invariants and emitter checks are those of `terms_parser`, and the
//! human (miette) output is rendered too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint_fuzz::{builtin, check, render, Formats};

fuzz_target!(|data: &[u8]| {
    let rules = builtin();
    let report = check("fuzz.terms", data, rules);
    let formats = Formats {
        sarif: false,
        human: true,
    };
    render(vec![report], rules, formats);
});

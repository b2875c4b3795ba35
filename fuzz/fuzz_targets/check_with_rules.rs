//! A fuzzed rule file with the built-in rules, then a fuzzed contract checked by them.
//!
//! The input is `RULES \0 CONTRACT`: up to the first NUL byte, the rule file (loaded
//! with `load_source(…, true)`, so it can `set` or clash with built-in rules); after
//! it, contract text appended to a fixed, valid generated contract and checked as one
//! file (invalid UTF-8 in either part is replaced, so the rules always run; raw bytes
//! are `terms_parser`'s job).  With no NUL (or nothing before it), the whole input is
//! the contract and only the built-ins run: they are then loaded once per process,
//! which is what makes this case fast.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::rules::load_source;
use termlint_fuzz::{builtin, check, render, render_rule_errors, safe_uses, Formats, GENERATED};

fuzz_target!(|data: &[u8]| {
    let (rules_part, contract_part) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&[][..], data),
    };
    let rules_text = String::from_utf8_lossy(rules_part);
    if !safe_uses(&rules_text) {
        return;
    }
    let loaded;
    let rules = if rules_part.is_empty() {
        builtin()
    } else {
        match load_source("fuzz.rules", &rules_text, true) {
            Ok(rules) => {
                loaded = rules;
                &loaded
            }
            Err(errors) => {
                render_rule_errors(&errors);
                return;
            }
        }
    };
    let mut contract = String::with_capacity(GENERATED.len() + contract_part.len() + 1);
    contract.push_str(GENERATED);
    contract.push('\n');
    contract.push_str(&String::from_utf8_lossy(contract_part));
    let report = check("generated.terms", contract.as_bytes(), rules);
    let formats = Formats {
        sarif: true,
        human: true,
    };
    render(vec![report], rules, formats);
});

//! Arbitrary bytes as a `.terms` file: the whole `check` pipeline with no rules
//! (decode, parse, validate, waivers), then `syntax::parse` alone on valid UTF-8.
//! Nothing may panic; every finding and syntax problem must point inside the text on
//! char boundaries; the JSON and GitHub emitters must render the findings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::rules::RuleSet;
use termlint_fuzz::{assert_span, check, render, Formats};

fuzz_target!(|data: &[u8]| {
    let rules = RuleSet::default();
    let report = check("fuzz.terms", data, &rules);
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = termlint::syntax::parse(text);
        for problem in &parsed.problems {
            assert_span(problem.span, text, "syntax problem");
            if let Some(related) = problem.related {
                assert_span(related, text, "syntax problem (related)");
            }
        }
    }
    let formats = Formats {
        sarif: false,
        human: false,
    };
    render(vec![report], &rules, formats);
});

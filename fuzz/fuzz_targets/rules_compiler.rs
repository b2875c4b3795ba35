//! Arbitrary UTF-8 as a `.rules` file, without the built-ins: loading must give the
//! rule set or errors (each inside its source, rendering as the CLI prints them),
//! never a panic.  A rule set that loads is evaluated on a realistic contract
//! (`contracts/northwind-telesales.terms`) and its findings rendered in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::rules::load_source;
use termlint_fuzz::{check, render, render_rule_errors, safe_uses, Formats, NORTHWIND};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if !safe_uses(text) {
        return;
    }
    match load_source("fuzz.rules", text, false) {
        Ok(rules) => {
            let report = check("northwind-telesales.terms", NORTHWIND.as_bytes(), &rules);
            let formats = Formats {
                sarif: true,
                human: true,
            };
            render(vec![report], &rules, formats);
        }
        Err(errors) => render_rule_errors(&errors),
    }
});

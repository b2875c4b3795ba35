//! Arbitrary UTF-8 as a `.rules` file, formatted as `termlint fmt` does.  Nothing may
//! panic; a file that formats must load exactly when it loaded before formatting, and
//! come out unchanged by a second formatting.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::rules::load_source;
use termlint_fuzz::safe_uses;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(once) = termlint::fmt::rules("fuzz.rules", text) else {
        return;
    };
    let twice = termlint::fmt::rules("fuzz.rules", &once).expect("formatted text formats");
    assert_eq!(once, twice, "formatting is not idempotent");
    if safe_uses(text) {
        let loads = |t: &str| load_source("fuzz.rules", t, false).is_ok();
        assert_eq!(
            loads(text),
            loads(&once),
            "formatting changed whether the rules load:\n{once}"
        );
    }
});

//! What the integration tests share: the `termlint` command, run in-process.

// Each test crate includes this module and uses only a part of it.
#![allow(dead_code)]

use std::path::Path;

use termlint::cli::{run, Io};

/// What one run of the command gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// (exit code, stdout, stderr).
    pub fn parts(self) -> (i32, String, String) {
        (self.code, self.stdout, self.stderr)
    }
}

/// Runs `termlint ARGS…` as the binary would, but in-process and with no terminal
/// (so no colour).
pub fn termlint(args: &[&str]) -> Run {
    termlint_with_stdin(args, b"")
}

/// [`termlint`] as run in a locale of `lang` (`LANG=ja_JP.UTF-8`).
pub fn termlint_in_locale(lang: termlint::lang::Lang, args: &[&str]) -> Run {
    run_with(args, b"", lang)
}

/// [`termlint`] with `input` on standard input.
pub fn termlint_with_stdin(args: &[&str], input: &[u8]) -> Run {
    run_with(args, input, termlint::lang::Lang::En)
}

fn run_with(args: &[&str], input: &[u8], lang: termlint::lang::Lang) -> Run {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = run(
        std::iter::once("termlint").chain(args.iter().copied()),
        &mut Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            terminal: false,
            stdin: &mut { input },
            lang,
        },
    );
    Run {
        code,
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// [`termlint`], as (exit code, stdout, stderr).
pub fn termlint_parts(args: &[&str]) -> (i32, String, String) {
    termlint(args).parts()
}

/// A bundled contract's text, by file name.
pub fn bundled_contract(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("contracts")
            .join(name),
    )
    .unwrap()
}

/// The second Harbor quote: the call-over and holiday premium priced (two findings
/// fixed), a night premium added and still to be decided (one introduced).
pub fn harbor_amended() -> String {
    bundled_contract("harbor-travel-quote.terms")
        .replace(
            "overage         tbd  // \"depends on the season\", says the vendor",
            "overage         250 JPY / call",
        )
        .replace(
            "holiday_premium tbd",
            "holiday_premium 25%\n    night_premium   tbd",
        )
}

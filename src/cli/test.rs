//! `termlint test`: runs rule fixtures and reports each mismatch as file:line.

use super::error::CommandResult;
use std::path::PathBuf;

use super::{exit, load_rules, Io, RuleArgs};
use crate::check::{check_paths, CheckOptions, DEFAULT_MAX_FILE_SIZE};
use crate::fixtures::{compare, expectations};
use crate::lang::Lang;
use crate::value::Date;

pub(super) fn run(
    paths: &[PathBuf],
    args: &RuleArgs,
    today: Option<Date>,
    all_rules: bool,
    io: &mut Io<'_>,
) -> CommandResult {
    let rules = match load_rules(args, io) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    // Fixtures written for a rule file test that file's rules: the built-in rules'
    // findings on them are not the author's concern unless asked for.
    let only_given_rules = !args.files.is_empty() && !all_rules;
    if only_given_rules {
        let _ = writeln!(
            io.stderr,
            "note: judging only the rules of the given rule files; \
             --all-rules judges the built-in rules too"
        );
    }
    let judged = |rule: &str| {
        !only_given_rules
            || rules
                .find(rule)
                .is_none_or(|r| !r.origin.starts_with("builtin"))
    };
    let paths = if paths.is_empty() {
        vec![PathBuf::from("tests/rules")]
    } else {
        paths.to_vec()
    };
    // Fixtures are compared in English, whatever LANG says, so output is stable.
    let options = CheckOptions {
        today: today.unwrap_or_else(crate::date::today),
        lang: Lang::En,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    };
    let report = match check_paths(&paths, &rules, &options) {
        Ok(r) => r,
        Err(missing) => {
            let _ = writeln!(
                io.stderr,
                "error: {}: no such file or folder",
                missing.0.display()
            );
            return Ok(exit::USAGE);
        }
    };
    let (mut failed_files, mut mismatches, mut checked, mut cases) = (0, 0, 0, 0);
    for file in &report.files {
        let found: Vec<_> = compare(file)
            .into_iter()
            .filter(|m| judged(&m.rule))
            .collect();
        checked += 1;
        cases += expectations(&file.text)
            .values()
            .flatten()
            .filter(|rule| judged(rule))
            .count();
        if found.is_empty() {
            continue;
        }
        failed_files += 1;
        mismatches += found.len();
        for m in found {
            let line = if m.missing {
                format!(
                    "{}:{}: expected {}, but it was not reported on this line",
                    file.path, m.line, m.rule
                )
            } else {
                format!(
                    "{}:{}: unexpected {}: {}",
                    file.path,
                    m.line,
                    m.rule,
                    m.message.unwrap_or_default()
                )
            };
            let _ = writeln!(io.stdout, "{line}");
        }
    }
    let _ = writeln!(
        io.stdout,
        "{cases} expected finding{} in {checked} file{}: {} passed, {} failed ({mismatches} mismatch{})",
        if cases == 1 { "" } else { "s" },
        if checked == 1 { "" } else { "s" },
        checked - failed_files,
        failed_files,
        if mismatches == 1 { "" } else { "es" }
    );
    Ok(if failed_files == 0 {
        exit::CLEAN
    } else {
        exit::FINDINGS
    })
}

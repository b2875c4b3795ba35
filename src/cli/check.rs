//! `termlint check`.

use super::error::CommandResult;
use crate::rules::RuleSet;
use std::io::{IoSlice, Write};
use std::path::PathBuf;

use super::baseline::BaselineRun;
use super::{config, exit, load_rules_with, CheckArgs, ColorChoice, Format, Io};
use crate::check::{
    check_bytes, notes, stream, CheckOptions, Exclude, RunReport, Streamed, Walking, BATCH,
};
use crate::lang::Lang;
use crate::report::{github, html, human, json, render, sarif, statistics, summary_line, Emitter};
use crate::severity::Severity;

pub(super) fn run(args: &CheckArgs, io: &mut Io<'_>) -> CommandResult {
    let args = &match with_config(args) {
        Ok(args) => args,
        Err(message) => {
            let _ = writeln!(io.stderr, "{message}");
            return Ok(exit::USAGE);
        }
    };
    let exclude = Exclude {
        globs: args.exclude.clone(),
    };
    if let Err(bad) = exclude.validate() {
        let _ = writeln!(
            io.stderr,
            "error: `{}` is not a glob: {}\n  help: write it as in .gitignore, e.g. `archive/` or `*-old.terms`",
            bad.glob, bad.reason
        );
        return Ok(exit::USAGE);
    }
    let from_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if from_stdin && args.paths.len() > 1 {
        let _ = writeln!(
            io.stderr,
            "error: `-` (standard input) cannot be mixed with other paths\n  help: check the contract on standard input in a run of its own"
        );
        return Ok(exit::USAGE);
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else if from_stdin {
        Vec::new()
    } else {
        args.paths.clone()
    };
    // The walk lists folders while the rules load.
    let walking = Walking::start(paths, BATCH, exclude);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    // The built-in rule files are parsed in parallel on the threads that check the
    // files next, so the memory the parser used is theirs to reuse.
    let rules = match load_rules_with(&args.rules, io, |config| {
        pool.install(|| crate::rules::load(config))
    }) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let rules = match crate::rules::select::select(rules, &args.select, &args.ignore) {
        Ok(r) => r,
        Err(unknown) => {
            let _ = writeln!(io.stderr, "{unknown}");
            return Ok(exit::USAGE);
        }
    };
    let lang = args.lang.unwrap_or(io.lang);
    let options = CheckOptions {
        today: args.today.unwrap_or_else(crate::date::today),
        lang,
        max_file_size: args.max_file_size,
    };
    let baseline = match BaselineRun::start(args) {
        Ok(baseline) => baseline,
        Err(message) => {
            let _ = writeln!(io.stderr, "{message}");
            return Ok(exit::USAGE);
        }
    };
    let emitter = emitter(args, &rules, lang, io.terminal, baseline.is_active());
    if from_stdin {
        let code = check_stdin(args, &rules, &options, &baseline, emitter.as_ref(), io);
        return Ok(finish_baseline(baseline, code, lang, io));
    }
    // Output is written a batch of files at a time, as they are checked; a closed
    // pipe (`| head`) stops nothing but the writing.
    let mut write = |pieces: &[&str]| {
        let _ = write_pieces(&mut *io.stdout, pieces);
    };
    let streamed = match stream(
        walking,
        &rules,
        &options,
        emitter.as_ref(),
        &pool,
        &|report| baseline.apply(report),
        &mut write,
    ) {
        Ok(r) => r,
        Err(missing) => {
            let _ = writeln!(
                io.stderr,
                "error: {}: no such file or folder\n  help: check the path; `termlint check` takes .terms files and folders",
                missing.0.display()
            );
            return Ok(exit::USAGE);
        }
    };
    let code = finish(&streamed, args, lang, io);
    Ok(finish_baseline(baseline, code, lang, io))
}

/// Writes the baseline file where asked and says what the baseline did; the exit
/// code, which a baseline that cannot be written makes 2.
fn finish_baseline(baseline: BaselineRun, code: i32, lang: Lang, io: &mut Io<'_>) -> i32 {
    match baseline.finish(lang) {
        Ok(lines) => {
            for line in lines {
                let _ = writeln!(io.stderr, "{line}");
            }
            code
        }
        Err(message) => {
            let _ = writeln!(io.stderr, "{message}");
            exit::USAGE
        }
    }
}

/// The emitter of the output format asked for.
fn emitter(
    args: &CheckArgs,
    rules: &RuleSet,
    lang: Lang,
    terminal: bool,
    baselined: bool,
) -> Box<dyn Emitter> {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    match args.format.unwrap_or(Format::Human) {
        format if args.statistics => {
            Box::new(statistics::Statistics::new(format == Format::Json, lang))
        }
        Format::Human => Box::new(human::Human::new(human::Style {
            color,
            width: 100,
            quiet: args.quiet,
            show_waived: args.show_waived,
            lang,
        })),
        Format::Json => Box::new(json::Json),
        Format::Sarif if baselined => Box::new(sarif::Sarif::new(rules).against_baseline()),
        Format::Sarif => Box::new(sarif::Sarif::new(rules)),
        Format::Github => Box::new(github::Github {
            show_waived: args.show_waived,
        }),
        Format::Html => Box::new(html::Html {
            lang,
            show_waived: args.show_waived,
            quiet: args.quiet,
        }),
    }
}

/// `termlint check -`: one contract read from standard input.
fn check_stdin(
    args: &CheckArgs,
    rules: &RuleSet,
    options: &CheckOptions,
    baseline: &BaselineRun,
    emitter: &dyn Emitter,
    io: &mut Io<'_>,
) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = io.stdin.read_to_end(&mut bytes) {
        let _ = writeln!(io.stderr, "error: standard input could not be read: {e}");
        return exit::USAGE;
    }
    let name = args
        .stdin_filename
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let clash = std::sync::atomic::AtomicBool::new(false);
    let mut file = check_bytes(&name, &bytes, rules, options, &clash);
    baseline.apply(&mut file);
    let report = RunReport {
        files: vec![file],
        notes: notes(Vec::new(), &clash),
    };
    let _ = io.stdout.write_all(render(emitter, &report).as_bytes());
    let streamed = Streamed {
        summary: report.summary(),
        notes: report.notes,
    };
    finish(&streamed, args, options.lang, io)
}

/// The command line's options over the `[check]` defaults of `termlint.toml`: an
/// option given replaces the file's; rule files and excludes add to it.
fn with_config(args: &CheckArgs) -> Result<CheckArgs, String> {
    let cwd = std::env::current_dir().ok();
    let defaults = config::load(args.config.as_deref(), cwd.as_deref())?;
    let mut merged = args.clone();
    let mut files = defaults.rules;
    files.append(&mut merged.rules.files);
    merged.rules.files = files;
    merged.rules.no_builtin |= defaults.no_builtin.unwrap_or(false);
    merged.format = args.format.or(defaults.format);
    merged.fail_on = args.fail_on.or(defaults.fail_on);
    merged.lang = args.lang.or(defaults.lang);
    if args.select.is_empty() {
        merged.select = defaults.select;
    }
    if args.ignore.is_empty() {
        merged.ignore = defaults.ignore;
    }
    let mut exclude = defaults.exclude;
    exclude.extend(args.exclude.iter().cloned());
    merged.exclude = exclude;
    merged.show_waived |= defaults.show_waived.unwrap_or(false);
    merged.exit_zero |= defaults.exit_zero.unwrap_or(false);
    Ok(merged)
}

/// Notes and the summary on stderr; the exit code.
fn finish(streamed: &Streamed, args: &CheckArgs, lang: Lang, io: &mut Io<'_>) -> i32 {
    let _ = io.stdout.flush();
    for note in &streamed.notes {
        let _ = writeln!(io.stderr, "{note}");
    }
    if args.format.unwrap_or(Format::Human) != Format::Human {
        // Machine formats keep stdout parseable; the summary goes to stderr so CI
        // logs still show it.
        let _ = writeln!(io.stderr, "{}", summary_line(&streamed.summary, lang));
    }
    if streamed
        .summary
        .fails(args.fail_on.unwrap_or(Severity::Error))
        && !args.exit_zero
    {
        exit::FINDINGS
    } else {
        exit::CLEAN
    }
}

/// Writes every piece in order with as few system calls as the writer allows: stdout
/// takes them all in one `writev`, straight from the buffers the files were rendered
/// into.  (`Write::write_all_vectored` is still unstable.)
fn write_pieces(out: &mut dyn Write, pieces: &[&str]) -> std::io::Result<()> {
    let mut slices: Vec<IoSlice<'_>> = pieces
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| IoSlice::new(p.as_bytes()))
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match out.write_vectored(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::{self, Write};

    /// A writer that takes at most three bytes a call, and is interrupted every
    /// other call: a slow pipe.
    struct Trickle {
        got: Vec<u8>,
        calls: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            if self.calls % 2 == 0 {
                return Err(io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(3);
            self.got.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_piece_is_written_in_order_through_short_and_interrupted_writes() {
        let mut out = Trickle {
            got: Vec::new(),
            calls: 0,
        };
        let pieces = ["{\n", "", "  \"a\": 1", ",", "\n}", "受注\n"];
        super::write_pieces(&mut out, &pieces).unwrap();
        assert_eq!(String::from_utf8(out.got).unwrap(), pieces.concat());
    }

    #[test]
    fn a_writer_that_takes_nothing_is_an_error_not_a_hang() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Ok(0)
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let err = super::write_pieces(&mut Full, &["x"]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WriteZero);
    }
}

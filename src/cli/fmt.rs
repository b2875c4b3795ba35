//! `termlint fmt`: rewrite `.terms` files in the canonical layout (`crate::fmt`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::error::CommandResult;
use super::{exit, Io};
use crate::check::{Entry, Exclude, FileReport, RunReport, Walking, BATCH};
use crate::diagnostic::Finding;
use crate::fmt::Language;
use crate::lang::Lang;
use crate::problem::Problem;
use crate::report::{human, render};

/// What `fmt` does with a file that is not in the canonical layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Rewrite it.
    Write,
    /// Name it (exit 1).
    Check,
    /// Print a unified diff (exit 1).
    Diff,
}

/// How the files of a run came out.
#[derive(Default)]
struct Tally {
    changed: usize,
    unchanged: usize,
    /// Files not formatted: syntax errors, unreadable, not `.terms`.
    failed: usize,
}

/// What `fmt` was asked to do.
pub(super) struct Request<'a> {
    pub paths: &'a [PathBuf],
    pub mode: Mode,
    /// The name standard input stands for: its extension says the language.
    pub stdin_filename: Option<&'a Path>,
    pub lang: Lang,
}

pub(super) fn run(request: &Request<'_>, io: &mut Io<'_>) -> CommandResult {
    let Request {
        paths,
        mode,
        stdin_filename,
        lang,
    } = *request;
    if paths.iter().any(|p| p.as_os_str() == "-") {
        if paths.len() > 1 {
            let _ = writeln!(
                io.stderr,
                "error: `-` (standard input) cannot be mixed with other paths\n  help: format standard input in a run of its own"
            );
            return Ok(exit::USAGE);
        }
        return Ok(stdin(mode, stdin_filename, lang, io));
    }
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    // The walk lists folders on a thread of its own while the files it handed
    // over are formatted on all cores (as `check` does), each into its own output,
    // written in path order: output never depends on the thread count.
    let walking =
        Walking::start_matching(paths.to_vec(), BATCH, Exclude::default(), Language::formats);
    let terminal = io.terminal;
    let mut tally = Tally::default();
    while let Some(entries) = walking.next_chunk() {
        let outcomes: Vec<Outcome> = entries
            .par_iter()
            .map(|entry| match entry {
                Entry::File(path) => file(path, mode, lang, terminal),
                Entry::Unreadable { path, reason } => Outcome::failed(format!(
                    "error: {} could not be read: {reason}\n",
                    path.display()
                )),
            })
            .collect();
        for outcome in &outcomes {
            match outcome.kind {
                Kind::Changed => tally.changed += 1,
                Kind::Unchanged => tally.unchanged += 1,
                Kind::Failed => tally.failed += 1,
            }
            let _ = io.stdout.write_all(outcome.stdout.as_bytes());
            let _ = io.stderr.write_all(outcome.stderr.as_bytes());
        }
    }
    match walking.finish() {
        Ok(notes) => {
            for note in &notes {
                let _ = writeln!(io.stderr, "note: {note}");
            }
        }
        Err(missing) => {
            let _ = writeln!(io.stderr, "error: {} does not exist", missing.0.display());
            return Ok(exit::USAGE);
        }
    }
    let _ = writeln!(io.stderr, "{}", summary(&tally, mode));
    Ok(if tally.failed > 0 {
        exit::USAGE
    } else if tally.changed > 0 && mode != Mode::Write {
        exit::FINDINGS
    } else {
        exit::CLEAN
    })
}

/// What formatting one file came to, and what it has to say on each stream.
struct Outcome {
    kind: Kind,
    stdout: String,
    stderr: String,
}

#[derive(Clone, Copy)]
enum Kind {
    Changed,
    Unchanged,
    /// Not formatted: syntax errors, unreadable, not written.
    Failed,
}

impl Outcome {
    fn failed(stderr: String) -> Outcome {
        Outcome {
            kind: Kind::Failed,
            stdout: String::new(),
            stderr,
        }
    }
}

/// Formats one file the walk found or the command line named.
fn file(path: &Path, mode: Mode, lang: Lang, terminal: bool) -> Outcome {
    let shown = path.display().to_string();
    let bytes = match crate::check::read_whole(path) {
        Ok(bytes) => bytes,
        Err(e) => return Outcome::failed(format!("error: {shown} could not be read: {e}\n")),
    };
    let mut stderr = String::new();
    let Some((text, formatted)) = formatted(
        &shown,
        Language::of(path),
        &bytes,
        lang,
        terminal,
        &mut stderr,
    ) else {
        return Outcome::failed(stderr);
    };
    if formatted == text {
        return Outcome {
            kind: Kind::Unchanged,
            stdout: String::new(),
            stderr,
        };
    }
    let stdout = match mode {
        Mode::Check => format!("would reformat {shown}\n"),
        Mode::Diff => diff(&shown, text, &formatted),
        Mode::Write => {
            if let Err(e) = crate::fmt::file::replace(path, &formatted) {
                return Outcome::failed(format!("error: {shown} could not be written: {e}\n"));
            }
            String::new()
        }
    };
    Outcome {
        kind: Kind::Changed,
        stdout,
        stderr,
    }
}

/// `termlint fmt -`: the formatted text on stdout (or, with `--check` or `--diff`,
/// whether and how it would change).
fn stdin(mode: Mode, name: Option<&Path>, lang: Lang, io: &mut Io<'_>) -> i32 {
    let shown = name.map_or_else(|| "-".to_string(), |n| n.display().to_string());
    let language = name.map_or(Language::Terms, Language::of);
    let mut bytes = Vec::new();
    if let Err(e) = io.stdin.read_to_end(&mut bytes) {
        let _ = writeln!(io.stderr, "error: standard input could not be read: {e}");
        return exit::USAGE;
    }
    let mut stderr = String::new();
    let result = formatted(&shown, language, &bytes, lang, io.terminal, &mut stderr);
    let _ = io.stderr.write_all(stderr.as_bytes());
    let Some((text, formatted)) = result else {
        // The input is not echoed: a pipeline must not mistake it for formatted text.
        return exit::USAGE;
    };
    let changed = formatted != text;
    match mode {
        Mode::Write => {
            let _ = io.stdout.write_all(formatted.as_bytes());
            exit::CLEAN
        }
        Mode::Check | Mode::Diff if !changed => exit::CLEAN,
        Mode::Check => {
            let _ = writeln!(io.stdout, "would reformat {shown}");
            exit::FINDINGS
        }
        Mode::Diff => {
            let _ = io
                .stdout
                .write_all(diff(&shown, text, &formatted).as_bytes());
            exit::FINDINGS
        }
    }
}

/// The text and its formatted form; `None` (with the diagnostics written to
/// `stderr`) when the file is not UTF-8 or does not parse.
fn formatted<'b>(
    shown: &str,
    language: Language,
    bytes: &'b [u8],
    lang: Lang,
    terminal: bool,
    stderr: &mut String,
) -> Option<(&'b str, String)> {
    let text = match crate::syntax::decode(bytes) {
        Ok(text) => text,
        Err(problem) => {
            let lossy = String::from_utf8_lossy(bytes);
            stderr.push_str(&drawn_problems(shown, &lossy, &[problem], lang));
            return None;
        }
    };
    let result = match language {
        Language::Terms => crate::fmt::terms(text).map_err(|problems| {
            stderr.push_str(&drawn_problems(shown, text, &problems, lang));
        }),
        Language::Rules => crate::fmt::rules(shown, text).map_err(|error| {
            stderr.push_str(&super::drawn_rule_errors(&[error], terminal));
        }),
    };
    match result {
        Ok(formatted) => Some((text, formatted)),
        Err(()) => {
            stderr.push_str(&left_unchanged(shown, lang));
            stderr.push('\n');
            None
        }
    }
}

/// The parser's errors are not all syntax (an unknown unit, an impossible date are
/// TL003), but each leaves what the file means unknown, so none is formatted.
fn left_unchanged(shown: &str, lang: Lang) -> String {
    lang.pick(
        format!("{shown} was left unchanged: fix the errors above first"),
        format!("{shown} は上記のエラーがあるため変更していません。先にエラーを直してください"),
    )
}

/// Why a file was left as it is, drawn as `check` draws its syntax errors.
fn drawn_problems(shown: &str, text: &str, problems: &[Problem], lang: Lang) -> String {
    let report = RunReport {
        files: vec![FileReport {
            path: shown.to_string(),
            text: Arc::from(text),
            findings: problems
                .iter()
                .map(|p| Finding::from_problem(p, None, lang))
                .collect(),
            contracts: 0,
            not_audited: 0,
        }],
        notes: Vec::new(),
    };
    let emitter = human::Human::new(human::Style {
        color: false,
        width: 100,
        quiet: false,
        show_waived: false,
        lang,
    });
    render(&emitter, &report)
}

/// A unified diff of the file as it is and as it would be written.
fn diff(shown: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(shown, shown)
        .to_string()
}

fn summary(tally: &Tally, mode: Mode) -> String {
    let files = |n: usize| {
        if n == 1 {
            "1 file".to_string()
        } else {
            format!("{n} files")
        }
    };
    let changed = match mode {
        Mode::Write => format!("{} reformatted", files(tally.changed)),
        Mode::Check | Mode::Diff => format!("{} would be reformatted", files(tally.changed)),
    };
    let mut line = format!("{changed}, {} already formatted", files(tally.unchanged));
    if tally.failed > 0 {
        line.push_str(&format!(
            ", {} left unchanged because of errors",
            files(tally.failed)
        ));
    }
    line
}

//! What stops a command other than its findings: the few failures of the machine
//! around it.  A contract's or rule file's problems are diagnostics, printed with
//! their spans; these are one line on standard error and exit code 2.

use miette::Diagnostic;
use thiserror::Error;

/// A command that could not finish.
#[derive(Debug, Error, Diagnostic)]
pub enum CliError {
    /// Standard output refused the report (a full disk; a closed pipe is ignored
    /// where output streams).
    #[error("the output could not be written: {0}")]
    #[diagnostic(
        code(termlint::output),
        help("check the disk or the program reading the output")
    )]
    Output(#[from] std::io::Error),
    /// The worker threads of `--jobs` could not start.
    #[error("the worker threads could not start: {0}")]
    #[diagnostic(code(termlint::threads), help("try fewer threads with `--jobs`"))]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// A listing could not be serialised (never expected: every value is text or a
    /// number).
    #[error("the JSON listing could not be written: {0}")]
    #[diagnostic(code(termlint::json))]
    Json(#[from] serde_json::Error),
}

/// What a command returns: its exit code, or why it could not run.
pub type CommandResult = Result<i32, CliError>;

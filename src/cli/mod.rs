//! The command line (LANGUAGE.md §5).  `main.rs` only calls [`run`]; every command
//! writes to the writers it is given, so tests drive the CLI without a process.

mod baseline;
mod check;
mod compare;
pub(crate) mod config;
mod diff;
mod error;
mod explain;
mod fmt;
mod schema;
mod test;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;
use crate::rules::{self, RuleConfig, RuleError, RuleSet};
use crate::severity::Severity;
use crate::value::Date;

/// Exit codes of §5.
pub mod exit {
    /// No finding at or above `--fail-on`.
    pub const CLEAN: i32 = 0;
    /// A finding at or above `--fail-on` (or a failed rule test).
    pub const FINDINGS: i32 = 1;
    /// The run could not be done.
    pub const USAGE: i32 = 2;
}

#[derive(Parser, Debug)]
#[command(
    name = "termlint",
    version,
    about = "Lint outsourced call-centre contracts written in the terms language"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Audit files and folders (default: .); folders are walked for *.terms
    Check(Box<CheckArgs>),
    /// Compare vendor quotes at the client's volume: monthly and total cost, break-evens,
    /// and what each costs if the forecast is wrong
    Compare(Box<CompareArgs>),
    /// Show a rule's documentation, condition and an example
    Explain {
        /// Rule id or slug (TL102, unclear-overage)
        rule: String,
        #[command(flatten)]
        rules: RuleArgs,
        /// Language of the message, help and labels (default: from LANG, else en)
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// List every loaded rule
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[command(flatten)]
        rules: RuleArgs,
        /// Language of severities, categories and messages (default: from LANG, else en)
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Print the terms schema with descriptions
    Schema {
        /// A field path (pricing.overage) to describe only that field
        field: Option<String>,
        /// Language of the descriptions (default: from LANG, else en)
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Rewrite .terms and .rules files in the canonical layout (default: .); comments are kept
    Fmt {
        /// Files and folders to format; `-` reads standard input and prints the result
        paths: Vec<PathBuf>,
        /// The file name standard input stands for, in messages; `.rules` formats it as
        /// a rule file (default: a contract)
        #[arg(long, value_name = "PATH")]
        stdin_filename: Option<PathBuf>,
        /// Change nothing; list the files that would change (exit 1 if any)
        #[arg(long, conflicts_with = "diff")]
        check: bool,
        /// Change nothing; print what would change as a unified diff (exit 1 if any)
        #[arg(long)]
        diff: bool,
        /// Language of the syntax diagnostics (default: from LANG, else en)
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Run the language server on standard input and output, for editors (docs/editors.md)
    Lsp {
        /// Accepted for clients that pass it: stdio is the only transport
        #[arg(long)]
        stdio: bool,
        /// Language of diagnostics and hovers when the client names none (default: from
        /// LANG, else en)
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// What changed between two versions of the contracts, and what it did to the
    /// findings: OLD and NEW are files, folders or git revisions (`diff main HEAD -- contracts/`)
    Diff(Box<DiffArgs>),
    /// Print a shell completion script (e.g. `termlint completions bash > termlint.bash`)
    Completions { shell: clap_complete::Shell },
    /// Run rule tests: *.terms fixtures with `// expect:` comments (default: tests/rules/)
    Test {
        paths: Vec<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
        /// The date waivers are checked against
        #[arg(long, value_parser = parse_date)]
        today: Option<Date>,
        /// With --rules, judge the built-in rules' findings too (default: only the
        /// given files' rules)
        #[arg(long)]
        all_rules: bool,
    },
}

#[derive(Args, Debug, Clone)]
struct DiffArgs {
    /// The version before: a file, a folder or a git revision
    old: String,
    /// The version after: a file, a folder or a git revision
    new: String,
    /// With revisions: only these paths (after `--`)
    #[arg(last = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// Exit 1 when the change introduces a finding at or above this severity
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on_new: Option<Severity>,
    /// Message language (default: from LANG, else en)
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// The date waivers are checked against (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
}

#[derive(Args, Debug, Clone)]
struct CompareArgs {
    /// Quote files and folders (default: .)
    paths: Vec<PathBuf>,
    /// The client's forecast, e.g. `4000 calls/month` (repeat once per service: the
    /// volumes add up), or the sweep's range, e.g. `1000..10000 calls/month`
    #[arg(long, value_name = "VOLUME")]
    volume: Vec<String>,
    /// An exchange rate for quotes in another currency, e.g. `USD=150JPY` (repeatable)
    #[arg(long, value_name = "RATE")]
    rate: Vec<String>,
    /// The currency to compare in [default: the one most quotes use]
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// Consumption tax, for quotes that state prices with tax
    #[arg(long, value_name = "PERCENT", default_value = "10%")]
    tax_rate: String,
    /// Compare prices with or without tax
    #[arg(long, value_enum, default_value_t = TaxBasis::Excluded)]
    tax_basis: TaxBasis,
    /// Average handling time per contact, for per-minute prices (e.g. `4min`)
    #[arg(long, value_name = "DURATION")]
    handle_time: Option<String>,
    /// Expected share of contacts that end in a priced result (e.g. `5%`)
    #[arg(long, value_name = "PERCENT")]
    outcome_rate: Option<String>,
    /// Volumes in the sweep across the range
    #[arg(long, default_value_t = 100)]
    points: usize,
    #[arg(long, value_enum, default_value_t = CompareFormat::Human)]
    format: CompareFormat,
    /// Language of the report (default: from LANG, else en)
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum TaxBasis {
    Excluded,
    Included,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum CompareFormat {
    Human,
    Json,
    Csv,
    Html,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DiffFormat {
    Human,
    Json,
    Markdown,
}

/// Where rules come from.
#[derive(Args, Debug, Clone)]
struct RuleArgs {
    /// Add a rule file (repeatable)
    #[arg(long = "rules", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Do not load the built-in rules
    #[arg(long)]
    no_builtin: bool,
}

#[derive(Args, Debug, Clone)]
struct CheckArgs {
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RuleArgs,
    /// Output format [default: human]
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Lowest severity that fails the run [default: error]
    #[arg(long, value_enum)]
    fail_on: Option<Severity>,
    /// Message language (default: from LANG, else en)
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// The date waivers and today() are checked against (YYYY-MM-DD)
    #[arg(long, value_parser = parse_date)]
    today: Option<Date>,
    /// Also show findings accepted by a waiver
    #[arg(long)]
    show_waived: bool,
    /// Print only errors and the summary
    #[arg(long, short)]
    quiet: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Refuse files larger than this many bytes
    #[arg(long, default_value_t = crate::check::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Check this many files at once (default: one per core)
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Evaluate only these rules: ids (TL106), slugs (steep-overage) or categories
    /// (pricing), comma-separated or repeated
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Vec<String>,
    /// With `-` as the path: the file name the contract on standard input is shown as
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Do not evaluate these rules: ids, slugs or categories
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Print how many findings each rule has instead of the findings (text, or JSON
    /// with --format json)
    #[arg(long)]
    statistics: bool,
    /// Exit 0 even with findings at or above --fail-on (2 still means the run failed)
    #[arg(long)]
    exit_zero: bool,
    /// Leave out files and folders of a walk matching these globs, written as in
    /// .gitignore (`archive/`, `*-old.terms`); comma-separated or repeated
    #[arg(long, value_delimiter = ',', value_name = "GLOB")]
    exclude: Vec<String>,
    /// Read the [check] defaults from this file instead of the nearest termlint.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Report only findings not in this baseline file
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding reported in this baseline file (then report none of them)
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// With --baseline: remove the entries that no longer match any finding
    #[arg(long, requires = "baseline")]
    prune_baseline: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Format {
    Human,
    Json,
    Sarif,
    Github,
    // One self-contained page, for people rather than tools (report/html.rs).
    Html,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ListFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date (write YYYY-MM-DD)"))
}

/// Standard streams, or buffers in tests.
pub struct Io<'a> {
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stdout is a terminal (for colour and width).
    pub terminal: bool,
    /// Where `termlint check -` reads its contract.
    pub stdin: &'a mut dyn std::io::Read,
    /// The language of a command given no `--lang`: the locale's (`LANG`), read by
    /// the binary, so a run in-process (as in the tests) does not depend on the
    /// machine's locale.
    pub lang: Lang,
}

/// Runs the command line; returns the exit code.
pub fn run<I, T>(args: I, io: &mut Io<'_>) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::USAGE
            } else {
                exit::CLEAN
            };
            let text = e.render().to_string();
            let out: &mut dyn Write = if e.use_stderr() { io.stderr } else { io.stdout };
            let _ = out.write_all(text.as_bytes());
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(&args, io),
        Command::Diff(args) => diff::run(&args, io),
        Command::Compare(args) => compare::run(&args, io),
        Command::Lsp { stdio: _, lang } => match crate::lsp::run_stdio(lang.unwrap_or(io.lang)) {
            Ok(()) => Ok(exit::CLEAN),
            Err(e) => {
                let _ = writeln!(io.stderr, "error: the language server stopped: {e}");
                Ok(exit::USAGE)
            }
        },
        Command::Completions { shell } => {
            // Generated from the same definition clap parses with, so it never lags.
            // Written to a buffer first: clap_complete panics when its writer fails,
            // and a closed pipe (`| head`) is not a crash.
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "termlint", &mut script);
            let _ = io.stdout.write_all(&script);
            Ok(exit::CLEAN)
        }
        Command::Fmt {
            paths,
            stdin_filename,
            check,
            diff,
            lang,
        } => {
            let mode = match (check, diff) {
                (true, _) => fmt::Mode::Check,
                (_, true) => fmt::Mode::Diff,
                _ => fmt::Mode::Write,
            };
            let request = fmt::Request {
                paths: &paths,
                mode,
                stdin_filename: stdin_filename.as_deref(),
                lang: lang.unwrap_or(io.lang),
            };
            fmt::run(&request, io)
        }
        Command::Explain { rule, rules, lang } => {
            let lang = lang.unwrap_or(io.lang);
            explain::explain(&rule, &rules, lang, io)
        }
        Command::Rules {
            format,
            rules,
            lang,
        } => {
            let lang = lang.unwrap_or(io.lang);
            explain::list(format == ListFormat::Json, &rules, lang, io)
        }
        Command::Schema { field, lang } => {
            schema::run(field.as_deref(), lang.unwrap_or(io.lang), io)
        }
        Command::Test {
            paths,
            rules,
            today,
            all_rules,
        } => test::run(&paths, &rules, today, all_rules, io),
    };
    result.unwrap_or_else(|e| {
        let _ = writeln!(io.stderr, "error: {e}");
        exit::USAGE
    })
}

/// Loads the rules of a run: built-ins, discovered `termlint.rules`, `--rules`.
/// Prints every rule-file error and returns `Err` with the exit code.
fn load_rules(args: &RuleArgs, io: &mut Io<'_>) -> Result<RuleSet, i32> {
    load_rules_with(args, io, rules::load)
}

/// [`load_rules`], loading with `load` (`check` loads on its own thread pool).
fn load_rules_with(
    args: &RuleArgs,
    io: &mut Io<'_>,
    load: impl FnOnce(&RuleConfig) -> Result<RuleSet, Vec<RuleError>>,
) -> Result<RuleSet, i32> {
    let mut files = Vec::new();
    if let Some(found) = std::env::current_dir()
        .ok()
        .as_deref()
        .and_then(rules::discover)
    {
        files.push(found);
    }
    files.extend(args.files.iter().cloned());
    let config = RuleConfig {
        builtin: !args.no_builtin,
        files,
    };
    load(&config).map_err(|errors| {
        print_rule_errors(&errors, io);
        exit::USAGE
    })
}

fn print_rule_errors(errors: &[RuleError], io: &mut Io<'_>) {
    show_rule_errors(errors, io);
    let n = errors.len();
    let _ = writeln!(
        io.stderr,
        "the rules did not load ({n} error{}); nothing was checked",
        if n == 1 { "" } else { "s" }
    );
}

/// Each error drawn against its rule file, as miette draws them.
fn show_rule_errors(errors: &[RuleError], io: &mut Io<'_>) {
    let _ = io
        .stderr
        .write_all(drawn_rule_errors(errors, io.terminal).as_bytes());
}

/// [`show_rule_errors`]'s text, for a caller that collects output before writing it.
fn drawn_rule_errors(errors: &[RuleError], terminal: bool) -> String {
    let theme = if terminal {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut all = String::new();
    for error in errors {
        let mut out = String::new();
        if handler.render_report(&mut out, error).is_err() {
            out = error.message.clone();
        }
        all.push_str(&out);
        all.push('\n');
    }
    all
}

//! `termlint diff OLD NEW`.

use super::error::CommandResult;
use super::{exit, load_rules, DiffArgs, DiffFormat, Io};
use crate::check::{CheckOptions, DEFAULT_MAX_FILE_SIZE};
use crate::diff::{changes, report, sources};

pub(super) fn run(args: &DiffArgs, io: &mut Io<'_>) -> CommandResult {
    let rules = match load_rules(&args.rules, io) {
        Ok(rules) => rules,
        Err(code) => return Ok(code),
    };
    // Both sides are read at once (each on every core it can get).
    let (old, new) = rayon::join(
        || sources::load(&args.old, &args.paths),
        || sources::load(&args.new, &args.paths),
    );
    let sides = match (old, new) {
        (Ok(old), Ok(new)) => [old, new],
        (Err(sources::SourceError(message)), _) | (_, Err(sources::SourceError(message))) => {
            let _ = writeln!(io.stderr, "{message}");
            return Ok(exit::USAGE);
        }
    };
    let lang = args.lang.unwrap_or(io.lang);
    let options = CheckOptions {
        today: args.today.unwrap_or_else(crate::date::today),
        lang,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    };
    let markdown = args.format == DiffFormat::Markdown;
    let diff = changes::diff(&sides[0], &sides[1], &rules, &options, markdown);
    let text = match args.format {
        DiffFormat::Human => report::human(&diff, lang),
        DiffFormat::Markdown => report::markdown(&diff, lang),
        DiffFormat::Json => report::json(&diff),
    };
    let _ = io.stdout.write_all(text.as_bytes());
    Ok(match args.fail_on_new {
        Some(level) if diff.introduces(level) => exit::FINDINGS,
        _ => exit::CLEAN,
    })
}

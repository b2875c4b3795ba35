//! A pest error of a rule file in words: what was expected, what was found, and the
//! keyword meant when a statement's keyword is misspelt.

use pest::error::{ErrorVariant, InputLocation};

use super::Rule;
use crate::rules::error::{RuleError, RuleSource};
use crate::span::Span;

/// A pest error in words: "expected `{`, `severity`, … here".
pub(super) fn syntax_error(source: &RuleSource, error: &pest::error::Error<Rule>) -> RuleError {
    let at = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let text = &*source.text;
    let token_len = text[at..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len() - at, |(i, _)| i)
        .max(usize::from(at < text.len()));
    let token_len = text[at..]
        .chars()
        .take(token_len)
        .map(char::len_utf8)
        .sum::<usize>()
        .min(token_len.max(1));
    let span = Span::new(at, (at + token_len).min(text.len()));
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut words: Vec<&str> = positives.iter().map(describe).collect();
            words.sort_unstable();
            words.dedup();
            words.join(", ")
        }
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found = span.text(text);
    let found = if found.is_empty() {
        "the end of the file".to_string()
    } else {
        format!("`{found}`")
    };
    // A misspelt keyword (`wen`, `mesage`) is the usual cause: name the keyword meant.
    let word = span.text(text);
    let keyword = if word.chars().all(|c| c.is_ascii_alphabetic()) {
        crate::suggest::closest(word, KEYWORDS)
    } else {
        None
    };
    let help = keyword.map_or_else(
        || "see docs/language.md §3 or `termlint explain TL101` for the shape of a rule".into(),
        |k| format!("did you mean `{k}`? (docs/language.md §3 lists a rule's statements)"),
    );
    RuleError::new(
        source,
        span,
        format!("syntax error: expected {expected}, found {found}"),
        format!("expected {expected}"),
    )
    .help(help)
}

/// The words that start an item of a rule file or a statement of a rule.
const KEYWORDS: [&str; 12] = [
    "use", "set", "rule", "severity", "category", "each", "when", "at", "message", "help", "ja",
    "doc",
];

fn describe(expected: &Rule) -> &'static str {
    match expected {
        Rule::EOI => "end of file",
        Rule::use_item => "`use`",
        Rule::set_item => "`set`",
        Rule::rule => "`rule`",
        Rule::rule_id => "a rule id (`ACME-1`)",
        Rule::slug => "a slug (`my-rule`)",
        Rule::open_brace => "`{`",
        Rule::close_brace => "`}`",
        Rule::severity_stmt => "`severity`",
        Rule::category_stmt => "`category`",
        Rule::each_stmt => "`each`",
        Rule::when_stmt => "`when`",
        Rule::at_stmt => "`at`",
        Rule::message_stmt => "`message`",
        Rule::help_stmt => "`help`",
        Rule::ja_block => "`ja`",
        Rule::doc_stmt => "`doc`",
        Rule::severity_word => "a severity (error, warning, info, off)",
        Rule::ident => "a name",
        Rule::string => "a string",
        Rule::expr
        | Rule::or
        | Rule::and
        | Rule::not
        | Rule::compare
        | Rule::sum
        | Rule::product => "an expression",
        Rule::cmp_op => "a comparison",
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::path | Rule::path_step => "a path",
        Rule::call => "a function call",
        Rule::quantity | Rule::number => "a number",
        Rule::time_range => "a time range",
        r if super::starts_statement(*r) => "a statement (`severity`, `when`, `message`, …)",
        Rule::kw_and | Rule::kw_or | Rule::kw_not => "`and`, `or` or `not`",
        Rule::day_range => "a day set",
        Rule::unit => "a unit",
        Rule::doc_string => "`\"\"\"`",
        _ => "something else",
    }
}

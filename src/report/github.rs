//! `--format github`: GitHub Actions workflow commands, one per finding.
//!
//! Contract text reaches the output (vendor names, messages quoting values), so every
//! property and message is escaped as GitHub documents: `%`, CR and LF in the message;
//! also `:` and `,` in properties.  No contract text can end a command early or start
//! one of its own.

use std::fmt::Write as _;

use super::{Emitter, FileReport, RunReport, Summary};
use crate::severity::Severity;
use crate::span::LineIndex;

/// `--format github`: one `::error`/`::warning`/`::notice` line per finding.
pub struct Github {
    pub show_waived: bool,
}

impl Emitter for Github {
    fn file(&self, file: &FileReport, out: &mut String) {
        if file.findings.is_empty() {
            return;
        }
        let index = LineIndex::new(&file.text);
        for f in &file.findings {
            if f.waived.is_some() && !self.show_waived {
                continue;
            }
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = index.line_col(&file.text, f.span.start);
            let end = index.line_col(&file.text, f.span.end);
            let title = format!("{} {}", f.rule, f.slug);
            let mut message = f.message.clone();
            if let Some(help) = &f.help {
                message.push_str("\nHelp: ");
                message.push_str(help);
            }
            if let Some(reason) = f.waived.as_ref().map(|w| &w.reason) {
                message.push_str("\nWaived: ");
                message.push_str(reason);
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&file.path),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&title),
                data(&message)
            );
        }
    }

    fn end(&self, _summary: &Summary) -> String {
        String::new()
    }
}

/// Renders a whole run as workflow commands.
#[must_use]
pub fn render(report: &RunReport, show_waived: bool) -> String {
    super::render(&Github { show_waived }, report)
}

/// Escapes a command's message.
#[must_use]
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
#[must_use]
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_cannot_start_a_command() {
        let hostile = "Evil Co.\n::error file=x::pwned, 100%\r";
        let escaped = data(hostile);
        assert!(!escaped.contains('\n') && !escaped.contains('\r'));
        assert_eq!(escaped, "Evil Co.%0A::error file=x::pwned, 100%25%0D");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}

//! `--format human`: miette's graphical diagnostics, one per finding, then a summary.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{summary_line, wrap, Emitter, FileReport, RunReport, Summary};
use crate::diagnostic::Finding;
use crate::lang::Lang;
use crate::severity::Severity;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
    /// Print only errors (and the summary).
    pub quiet: bool,
    pub show_waived: bool,
    pub lang: Lang,
}

/// A file's text for miette, reporting columns as JSON does: in Unicode scalar
/// values, with a leading byte-order mark not counted (§5.1).  miette's own `str`
/// source counts bytes, so `受注` would move the `file:line:col` header.
struct Source {
    name: String,
    text: Arc<str>,
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_ref().read_span(span, before, after)?;
        let start = inner.span().offset();
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let bom = usize::from(line_start == 0 && self.text.starts_with('\u{feff}') && start > 0);
        let column = self.text[line_start..start].chars().count() - bom;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// One finding as a miette diagnostic over its file.
struct Shown<'a> {
    finding: &'a Finding,
    source: &'a Source,
    code: String,
    lang: Lang,
    /// The message as printed: in Japanese, already broken into lines.
    message: String,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Shown<'_> {
    /// The help, and for a waived finding the waiver's reason.
    fn help_text(&self) -> Option<String> {
        let waived = self.finding.waived.as_ref().map(|w| {
            let reason = &w.reason;
            self.lang
                .pick(format!("waived: {reason}"), format!("適用除外: {reason}"))
        });
        match (&self.finding.help, waived) {
            (Some(h), Some(w)) => Some(format!("{h}\n{w}")),
            (Some(h), None) => Some(h.clone()),
            (None, Some(w)) => Some(w),
            (None, None) => None,
        }
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        // miette labels the help `help:` in every language; a Japanese help is
        // printed after the report instead (`Human::japanese_help`).
        match self.lang {
            Lang::En => self
                .help_text()
                .map(|h| Box::new(h) as Box<dyn fmt::Display>),
            Lang::Ja => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        if f.span.is_empty() && f.span.start == 0 && f.label.is_none() {
            return None;
        }
        let mut labels = vec![LabeledSpan::new_primary_with_span(f.label.clone(), f.span)];
        if let Some((span, label)) = &f.related {
            labels.push(LabeledSpan::new_with_span(Some(label.clone()), *span));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// `--format human`: every finding as a miette report, then the summary line.
pub struct Human {
    style: Style,
    handler: GraphicalReportHandler,
    help_style: owo_colors::Style,
}

/// Columns before a message's text: `  × `.
const MESSAGE_INDENT: usize = 4;
/// The Japanese help label, and the indent of its following lines.
const JAPANESE_HELP: &str = "  ヒント: ";
const JAPANESE_HELP_INDENT: &str = "          ";

impl Human {
    #[must_use]
    pub fn new(style: Style) -> Self {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let help_style = theme.styles.help;
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false)
            // Japanese is broken into lines here (`wrap::japanese`): miette's
            // wrapper breaks only at spaces, so it would cut words in two.
            .with_wrap_lines(style.lang == Lang::En);
        Human {
            style,
            handler,
            help_style,
        }
    }

    /// A Japanese message broken into lines for the width.
    fn japanese_lines(&self, text: &str, indent: usize) -> String {
        let width = self.style.width.saturating_sub(indent).max(20);
        text.lines()
            .flat_map(|line| wrap::japanese(line, width))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The help of a Japanese report, labelled in Japanese, as miette lays out its
    /// own `help:`.
    fn japanese_help(&self, help: &str, out: &mut String) {
        use owo_colors::OwoColorize as _;
        let label = if self.style.color {
            JAPANESE_HELP.style(self.help_style).to_string()
        } else {
            JAPANESE_HELP.to_string()
        };
        let lines = self.japanese_lines(help, JAPANESE_HELP_INDENT.len());
        for (i, line) in lines.lines().enumerate() {
            out.push_str(if i == 0 { &label } else { JAPANESE_HELP_INDENT });
            out.push_str(line);
            out.push('\n');
        }
    }
}

impl Emitter for Human {
    fn file(&self, file: &FileReport, out: &mut String) {
        let style = self.style;
        let source = Source {
            name: file.path.clone(),
            text: file.text.clone(),
        };
        for finding in &file.findings {
            if finding.waived.is_some() && !style.show_waived {
                continue;
            }
            if style.quiet && finding.severity < Severity::Error {
                continue;
            }
            let contract = finding
                .contract
                .as_deref()
                .map_or(String::new(), |c| format!(" [{c}]"));
            let message = match style.lang {
                Lang::En => finding.message.clone(),
                Lang::Ja => self.japanese_lines(&finding.message, MESSAGE_INDENT),
            };
            let shown = Shown {
                finding,
                source: &source,
                code: format!("{} {}{contract}", finding.rule, finding.slug),
                lang: style.lang,
                message,
            };
            if self.handler.render_report(out, &shown).is_err() {
                out.push_str(&finding.message);
            }
            if style.lang == Lang::Ja {
                if let Some(help) = shown.help_text() {
                    self.japanese_help(&help, out);
                }
            }
            out.push('\n');
        }
    }

    fn end(&self, summary: &Summary) -> String {
        format!("{}\n", summary_line(summary, self.style.lang))
    }
}

/// Renders every finding of a whole run, then the summary line.
#[must_use]
pub fn render(report: &RunReport, style: Style) -> String {
    super::render(&Human::new(style), report)
}

//! Errors in rule files: they stop the run with exit code 2 (LANGUAGE.md §3.2).

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use crate::span::Span;

/// A rule file's text, under the name diagnostics show (`builtin:rules/pricing.rules`
/// for embedded ones).
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: Arc<str>,
    named: NamedSource<Arc<str>>,
}

impl RuleSource {
    #[must_use]
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let name = name.into();
        let text = text.into();
        let named = NamedSource::new(&name, text.clone());
        RuleSource { name, text, named }
    }
}

/// One error in a rule file, with the place it points at.
#[derive(Debug, Clone)]
pub struct RuleError {
    pub source: Option<RuleSource>,
    pub span: Span,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// A second place in the same file (the other rule with the same id, …).
    pub related: Option<(Span, String)>,
    /// A second place in another file, shown as its own note.
    pub elsewhere: Vec<RuleError>,
    /// This is such a note (shown as advice, not as a second error).
    pub note: bool,
}

impl RuleError {
    #[must_use]
    pub fn new(
        source: &RuleSource,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        RuleError {
            source: Some(source.clone()),
            span,
            message: message.into(),
            label: label.into(),
            help: None,
            related: None,
            elsewhere: Vec::new(),
            note: false,
        }
    }

    /// An error with no place (a rule file given on the command line that is missing).
    #[must_use]
    pub fn bare(message: impl Into<String>) -> Self {
        RuleError {
            source: None,
            span: Span::default(),
            message: message.into(),
            label: String::new(),
            help: None,
            related: None,
            elsewhere: Vec::new(),
            note: false,
        }
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn related(mut self, source: &RuleSource, span: Span, label: impl Into<String>) -> Self {
        let label = label.into();
        if self.source.as_ref().is_some_and(|s| s.name == source.name) {
            self.related = Some((span, label));
        } else {
            let mut note = RuleError::new(source, span, label.clone(), label);
            note.message = format!("see {}", source.name);
            note.note = true;
            self.elsewhere.push(note);
        }
        self
    }

    /// The file name this error points into, if any.
    #[must_use]
    pub fn file(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.name.as_str())
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

// `Diagnostic` by hand, not derived: whether an error is a note (the other end of
// a duplicate, in another file) decides its code and severity at run time, and
// miette's derive only takes them as constants.
impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.note).then(|| Box::new("rule-file") as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.note {
            miette::Severity::Advice
        } else {
            miette::Severity::Error
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| &s.named as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(self.label.clone()),
            self.span,
        )];
        if let Some((span, label)) = &self.related {
            labels.push(LabeledSpan::new_with_span(Some(label.clone()), *span));
        }
        Some(Box::new(labels.into_iter()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.elsewhere.is_empty() {
            return None;
        }
        Some(Box::new(
            self.elsewhere.iter().map(|e| e as &dyn Diagnostic),
        ))
    }
}

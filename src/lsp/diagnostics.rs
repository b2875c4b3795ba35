//! Diagnostics: a contract's findings as `check` reports them, a rule file's load
//! errors as `check --rules` reports them.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Position, Range, Uri,
};
use serde_json::json;

use super::documents::{uri_of, Document};
use super::workspace::ProjectRules;
use crate::check::{check_bytes, CheckOptions};
use crate::codes::DocCode;
use crate::diagnostic::Finding;
use crate::report::sarif::INFORMATION_URI;
use crate::rules::{self, RuleError, RuleSet};
use crate::severity::Severity;

/// What `source` says in the editor's list of problems.
const SOURCE: &str = "termlint";

/// A contract's findings, waived ones left out (as `check` shows them).
#[must_use]
pub fn of_contract(
    doc: &Document,
    project: &ProjectRules,
    options: &CheckOptions,
) -> Vec<Diagnostic> {
    let report = check_bytes(
        &doc.name(),
        doc.text.as_bytes(),
        &project.rules,
        options,
        &AtomicBool::new(false),
    );
    let mut diagnostics: Vec<Diagnostic> = report
        .findings
        .iter()
        .filter(|f| f.waived.is_none())
        .map(|f| finding(doc, f, &project.rules))
        .collect();
    if let Some(problem) = &project.problem {
        diagnostics.push(Diagnostic {
            range: Range::new(Position::new(0, 0), Position::new(0, 0)),
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some(SOURCE.into()),
            message: problem.clone(),
            ..Diagnostic::default()
        });
    }
    diagnostics
}

fn finding(doc: &Document, f: &Finding, rules: &RuleSet) -> Diagnostic {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related = f.related.as_ref().map(|(span, label)| {
        vec![DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), doc.lines.range(&doc.text, *span)),
            message: label.clone(),
        }]
    });
    // A quick fix needs the did-you-mean and where it goes; a waiver, a rule's
    // finding (document codes cannot be waived).
    let data = match (&f.fix, DocCode::lookup(&f.rule)) {
        (Some(fix), _) => Some(json!({
            "replacement": &*fix.replacement,
            "range": doc.lines.range(&doc.text, fix.span),
        })),
        (None, None) => Some(json!({ "waivable": &*f.rule })),
        (None, Some(_)) => None,
    };
    Diagnostic {
        range: doc.lines.range(&doc.text, f.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        code_description: explain_link(&f.rule, rules).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        related_information: related,
        data,
        ..Diagnostic::default()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Where a rule is explained: a built-in rule's source (its `doc`) in the project's
/// repository, a project rule's own file at its line, the language reference for a
/// document code.
#[must_use]
pub fn explain_link(id: &str, rules: &RuleSet) -> Option<Uri> {
    if DocCode::lookup(id).is_some() {
        return format!("{INFORMATION_URI}/blob/main/docs/language.md#4-reserved-document-codes")
            .parse()
            .ok();
    }
    let rule = rules.find(id)?;
    if let Some(file) = rule.origin.strip_prefix("builtin:") {
        return format!("{INFORMATION_URI}/blob/main/{file}#L{}", rule.line)
            .parse()
            .ok();
    }
    let uri = uri_of(Path::new(&rule.origin))?;
    format!("{}#L{}", uri.as_str(), rule.line).parse().ok()
}

/// A rule file's own load errors: syntax, types, unknown names, cycles.  The file is
/// loaded as the editor holds it, with the built-ins (which a `set` may name).
#[must_use]
pub fn of_rule_file(doc: &Document) -> Vec<Diagnostic> {
    let name = doc.name();
    let dir = doc
        .path
        .as_deref()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let Err(errors) = rules::load_source_in(&name, &doc.text, true, dir) else {
        return Vec::new();
    };
    errors
        .iter()
        .flat_map(|e| std::iter::once(e).chain(&e.elsewhere))
        .map(|e| rule_error(doc, &name, e))
        .collect()
}

fn rule_error(doc: &Document, name: &str, error: &RuleError) -> Diagnostic {
    let here = error.source.as_ref().is_none_or(|s| s.name == name);
    let (range, message) = if here {
        (
            doc.lines.range(&doc.text, error.span),
            error.message.clone(),
        )
    } else {
        // An error in a file this one uses: shown at the top, with its file.
        let file = error.source.as_ref().map_or("", |s| s.name.as_str());
        (
            Range::new(Position::new(0, 0), Position::new(0, 0)),
            format!("{file}: {}", error.message),
        )
    };
    let mut message = message;
    if let Some(help) = &error.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related = error
        .related
        .as_ref()
        .filter(|_| here)
        .map(|(span, label)| {
            vec![DiagnosticRelatedInformation {
                location: Location::new(doc.uri.clone(), doc.lines.range(&doc.text, *span)),
                message: label.clone(),
            }]
        });
    Diagnostic {
        range,
        severity: Some(if error.note {
            DiagnosticSeverity::INFORMATION
        } else {
            DiagnosticSeverity::ERROR
        }),
        code: Some(NumberOrString::String("rule-file".into())),
        source: Some(SOURCE.into()),
        message,
        related_information: related,
        ..Diagnostic::default()
    }
}

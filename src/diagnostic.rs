//! Findings: what a run reports, whether from a rule or about the document itself.
//!
//! Rule codes come from `.rules` files, so a finding is one concrete data type rather
//! than an enum; it is rendered by `crate::report` in each output format.

use std::sync::Arc;

use crate::lang::Lang;
use crate::problem::Problem;
use crate::severity::Severity;
use crate::span::Span;
use crate::value::Date;

/// One finding, located in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Rule id (`TL102`, `ACME-1`).
    pub rule: Arc<str>,
    pub slug: Arc<str>,
    pub severity: Severity,
    pub category: Arc<str>,
    pub message: String,
    pub help: Option<String>,
    /// What the primary label says at `span`.
    pub label: Option<String>,
    pub span: Span,
    /// A secondary place and its label (the first of two duplicates, …).
    pub related: Option<(Span, String)>,
    /// The id of the contract the finding is about, if any.
    pub contract: Option<Arc<str>>,
    /// For an accepted finding: the waiver that accepted it.  Shared, since one
    /// waiver accepts every finding of its rule in the contract.
    pub waived: Option<Arc<Waived>>,
    /// The rule path the finding points at (`pricing.overage`; empty for document
    /// codes).  With the text at `span`, a key for fingerprints that does not depend
    /// on line numbers.
    pub anchor: Arc<str>,
    /// A did-you-mean fix of a document code, for an editor's quick fix.
    pub fix: Option<Box<Fix>>,
}

/// What a waiver says about the findings it accepts (LANGUAGE.md §2.3): what an
/// audit of accepted risks needs — why, who agreed, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waived {
    pub reason: String,
    /// Who accepted the risk (`approved_by`), when the waiver says.
    pub approved_by: Option<String>,
    /// The last day the waiver holds, when it has one.
    pub expires: Option<Date>,
}

/// Text that replaces the text at `span` and fixes a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: Box<str>,
}

impl Finding {
    /// A finding for a document problem (TL001–TL008).
    #[must_use]
    pub fn from_problem(problem: &Problem, contract: Option<&str>, lang: Lang) -> Finding {
        let text = problem.text(lang);
        let code = problem.code;
        Finding {
            rule: Arc::from(code.id()),
            slug: Arc::from(code.slug()),
            severity: code.severity(),
            category: Arc::from("document"),
            message: text.message,
            help: text.help,
            label: Some(text.label),
            span: problem.span,
            related: problem.related.zip(text.related_label),
            contract: contract.map(Arc::from),
            waived: None,
            anchor: Arc::from(""),
            fix: problem.replacement().map(|(span, replacement)| {
                Box::new(Fix {
                    span,
                    replacement: replacement.into(),
                })
            }),
        }
    }
}

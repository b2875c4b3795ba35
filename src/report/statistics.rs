//! `check --statistics`: how many open findings each rule has, most first, instead of
//! the findings themselves (as `ruff check --statistics`), in text or JSON.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::{summary_line, Emitter, FileReport, Summary};
use crate::lang::Lang;
use crate::severity::Severity;

/// A rule as a finding names it: id, slug and the severity it was reported at.
type RuleKey = (Arc<str>, Arc<str>, Severity);

/// Counts findings as files are checked; prints the table at the end.
pub struct Statistics {
    json: bool,
    /// The text table ends with the run's summary line, in this language.
    lang: Lang,
    counts: Mutex<HashMap<RuleKey, usize>>,
}

#[derive(Serialize)]
struct Row<'a> {
    rule: &'a str,
    slug: &'a str,
    severity: &'a str,
    count: usize,
}

impl Statistics {
    #[must_use]
    pub fn new(json: bool, lang: Lang) -> Self {
        Statistics {
            json,
            lang,
            counts: Mutex::default(),
        }
    }
}

impl Emitter for Statistics {
    fn file(&self, file: &FileReport, _out: &mut String) {
        let mut counts = self
            .counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for f in file.findings.iter().filter(|f| f.waived.is_none()) {
            *counts
                .entry((f.rule.clone(), f.slug.clone(), f.severity))
                .or_default() += 1;
        }
    }

    fn end(&self, summary: &Summary) -> String {
        let counts = self
            .counts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut rows: Vec<Row<'_>> = counts
            .iter()
            .map(|((rule, slug, severity), &count)| Row {
                rule,
                slug,
                severity: severity.as_str(),
                count,
            })
            .collect();
        // Most frequent first; ties in rule order, so the output is stable.
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(b.rule)));
        if self.json {
            let mut text = serde_json::to_string_pretty(&rows).unwrap_or_default();
            text.push('\n');
            return text;
        }
        let width = rows
            .iter()
            .map(|r| r.count.to_string().len())
            .max()
            .unwrap_or(1);
        let slug_width = rows.iter().map(|r| r.slug.len()).max().unwrap_or(0);
        let mut text: String = rows
            .iter()
            .map(|r| {
                format!(
                    "{:>width$}  {:<8} {:<slug_width$}  {}\n",
                    r.count, r.rule, r.slug, r.severity
                )
            })
            .collect();
        text.push_str(&summary_line(summary, self.lang));
        text.push('\n');
        text
    }
}

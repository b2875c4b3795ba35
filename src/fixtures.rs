//! Rule tests (LANGUAGE.md §6): `// expect: ID[, ID…]` comments in `.terms` fixtures.
//!
//! An expectation written on the line before a node expects a finding of that rule
//! whose label starts on the node's line.  Every open finding must be expected and
//! every expectation met; waived findings are not open and need no expectation.

use std::collections::BTreeMap;

use crate::outcome::FileReport;

/// One disagreement between a fixture and the findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub line: usize,
    pub rule: String,
    /// True: expected but not found.  False: found but not expected.
    pub missing: bool,
    /// The finding's message, for unexpected findings.
    pub message: Option<String>,
}

/// Expected (line → rule ids) read from a fixture's text.  The expectation applies
/// to the next line that is neither blank nor a comment.
#[must_use]
pub fn expectations(text: &str) -> BTreeMap<usize, Vec<String>> {
    let mut out: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("//") {
            if let Some(ids) = rest.trim().strip_prefix("expect:") {
                pending.extend(
                    ids.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty()),
                );
            }
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if !pending.is_empty() {
            out.entry(i + 1).or_default().append(&mut pending);
        }
    }
    out
}

/// Compares one checked fixture with its expectations.
#[must_use]
pub fn compare(report: &FileReport) -> Vec<Mismatch> {
    let index = crate::span::LineIndex::new(&report.text);
    let mut expected = expectations(&report.text);
    let mut out = Vec::new();
    for f in report.findings.iter().filter(|f| f.waived.is_none()) {
        let line = index.line_of(f.span.start);
        let ids = expected.entry(line).or_default();
        if let Some(pos) = ids.iter().position(|id| **id == *f.rule || **id == *f.slug) {
            ids.remove(pos);
        } else {
            out.push(Mismatch {
                line,
                rule: f.rule.to_string(),
                missing: false,
                message: Some(f.message.clone()),
            });
        }
    }
    for (line, ids) in expected {
        for rule in ids {
            out.push(Mismatch {
                line,
                rule,
                missing: true,
                message: None,
            });
        }
    }
    out.sort_by(|a, b| (a.line, &a.rule).cmp(&(b.line, &b.rule)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_skip_blank_lines_and_comments() {
        let text = "// expect: TL101, TL102\n// a note\n\ncontract \"a\" {\n  // expect: TL501\n  kpi {}\n}\n";
        let e = expectations(text);
        assert_eq!(
            e.get(&4).unwrap(),
            &vec!["TL101".to_string(), "TL102".to_string()]
        );
        assert_eq!(e.get(&6).unwrap(), &vec!["TL501".to_string()]);
    }
}

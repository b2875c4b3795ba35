//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
//!
//! One run; `tool.driver.rules` lists every loaded rule (the document codes TL001–TL008
//! first) so each result can name its `ruleIndex`.  Fingerprints are built from the
//! contract, the rule, the field the finding is about and its value — never from line
//! numbers — so they survive edits elsewhere in the file.  Waived findings are always
//! results, with an accepted in-source suppression carrying the waiver's reason
//! (SARIF 2.1.0 §3.35): code scanning then closes their alerts as dismissed instead
//! of as fixed.

use serde_json::{json, Value};

use super::{Emitter, FileReport, RunReport, Summary};
use crate::codes::DocCode;
use crate::diagnostic::Finding;
use crate::rules::{Rule, RuleSet};
use crate::severity::Severity;
use crate::span::LineIndex;

/// Where SARIF viewers send people to read about termlint.
pub const INFORMATION_URI: &str = "https://github.com/termlint/termlint";

/// `--format sarif`: the rules up front, then one result per finding.
pub struct Sarif {
    descriptors: Vec<Value>,
    /// Rule ids in descriptor order, for `ruleIndex`.
    index: std::collections::HashMap<String, usize>,
    /// Whether the run compared against a baseline: its results are then the new
    /// findings, marked `"baselineState": "new"`.
    baselined: bool,
}

impl Sarif {
    #[must_use]
    pub fn new(rules: &RuleSet) -> Self {
        let mut descriptors: Vec<Value> = DocCode::ALL
            .iter()
            .map(|c| doc_code_descriptor(*c))
            .collect();
        descriptors.extend(rules.rules().iter().map(rule_descriptor));
        let index = descriptors
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d["id"].as_str().map(|id| (id.to_string(), i)))
            .collect();
        Sarif {
            descriptors,
            index,
            baselined: false,
        }
    }

    /// Marks every result as new against a baseline (`check --baseline`: the
    /// baselined findings are not in the output at all).
    #[must_use]
    pub fn against_baseline(mut self) -> Self {
        self.baselined = true;
        self
    }
}

impl Emitter for Sarif {
    fn begin(&self) -> String {
        let driver = json!({
            "name": "termlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": INFORMATION_URI,
            "rules": self.descriptors,
        });
        let driver = serde_json::to_string_pretty(&driver)
            .unwrap_or_default()
            .replace('\n', "\n        ");
        format!(
            "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \"tool\": {{\n        \"driver\": {driver}\n      }},\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": ["
        )
    }

    fn file(&self, file: &FileReport, out: &mut String) {
        if file.findings.is_empty() {
            return;
        }
        let index = LineIndex::new(&file.text);
        let mut first = true;
        for finding in &file.findings {
            let rule_index = self.index.get(&*finding.rule).copied();
            let mut result = result(finding, rule_index, &file.path, &file.text, &index);
            if self.baselined {
                result["baselineState"] = json!("new");
            }
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str("\n        ");
            out.push_str(
                &serde_json::to_string_pretty(&result)
                    .unwrap_or_default()
                    .replace('\n', "\n        "),
            );
        }
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn end(&self, _summary: &Summary) -> String {
        "\n      ]\n    }\n  ]\n}\n".to_string()
    }
}

/// Renders a whole run as a SARIF log.
#[must_use]
pub fn render(report: &RunReport, rules: &RuleSet) -> String {
    super::render(&Sarif::new(rules), report)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn doc_code_descriptor(code: DocCode) -> Value {
    json!({
        "id": code.id(),
        "name": code.slug(),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": format!("{}: a document check, reported by the parser and schema; it cannot be waived.", code.summary()) },
        "help": { "text": "Fix the contract text as the diagnostic's help says; `termlint schema` lists every field." },
        "defaultConfiguration": { "level": level(code.severity()) },
        "properties": { "category": "document" },
    })
}

fn rule_descriptor(rule: &Rule) -> Value {
    let doc = rule.doc.as_deref().unwrap_or_default();
    let what = section(doc, "What it does").unwrap_or_else(|| rule.message_source.clone());
    let short = first_sentence(&what);
    let full = match section(doc, "Why it matters") {
        Some(why) => format!("{what}\n\n{why}"),
        None => what.clone(),
    };
    let help_text = match &rule.help_source {
        Some(h) if doc.is_empty() => h.clone(),
        Some(h) => format!("{h}\n\n{doc}"),
        None if doc.is_empty() => rule.message_source.clone(),
        None => doc.to_string(),
    };
    let mut descriptor = json!({
        "id": &*rule.id,
        "name": &*rule.slug,
        "shortDescription": { "text": short },
        "fullDescription": { "text": full },
        "help": { "text": help_text, "markdown": if doc.is_empty() { help_text.clone() } else { doc.to_string() } },
        "defaultConfiguration": {
            "level": rule.severity.map_or("none", level),
            "enabled": rule.severity.is_some(),
        },
        "properties": { "category": &*rule.category },
    });
    if rule.severity.is_none() {
        descriptor["defaultConfiguration"]["level"] = json!("none");
    }
    descriptor
}

fn result(
    finding: &Finding,
    rule_index: Option<usize>,
    path: &str,
    text: &str,
    index: &LineIndex,
) -> Value {
    let start = index.line_col(text, finding.span.start);
    let end = index.line_col(text, finding.span.end);
    let mut region = json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    });
    if !text.is_empty() {
        if let Some(snippet) = text
            .get(finding.span.start..finding.span.end)
            .filter(|s| !s.is_empty())
        {
            region["snippet"] = json!({ "text": snippet });
        }
    }
    let (uri, base) = artifact_uri(path);
    let mut location = json!({ "artifactLocation": { "uri": uri } });
    if let Some(base) = base {
        location["artifactLocation"]["uriBaseId"] = json!(base);
    }
    location["region"] = region;
    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        message.push_str("\nHelp: ");
        message.push_str(help);
    }
    let mut out = json!({
        "ruleId": &*finding.rule,
        "level": level(finding.severity),
        "message": { "text": message },
        "locations": [{ "physicalLocation": location }],
        "partialFingerprints": { "termlintFinding/v1": fingerprint(finding, path, text) },
        "properties": { "category": &*finding.category },
    });
    if let Some(i) = rule_index {
        out["ruleIndex"] = json!(i);
    }
    if let Some(contract) = &finding.contract {
        out["properties"]["contract"] = json!(&**contract);
    }
    if let Some(reason) = finding.waived.as_ref().map(|w| &w.reason) {
        out["suppressions"] = json!([{
            "kind": "inSource",
            "status": "accepted",
            "justification": reason,
        }]);
    }
    out
}

/// A relative path becomes a URI under `%SRCROOT%` (the repository root in GitHub code
/// scanning); an absolute one a `file://` URI of its own.
fn artifact_uri(path: &str) -> (String, Option<&'static str>) {
    let slashed = path.replace('\\', "/");
    if slashed.starts_with('/') {
        return (format!("file://{}", encode(&slashed)), None);
    }
    let relative = slashed.trim_start_matches("./");
    (encode(relative), Some("%SRCROOT%"))
}

/// Percent-encodes what a URI path may not hold (RFC 3986), keeping `/`.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Stable across runs, machines and Rust versions (FNV-1a, 64 bits), from what the
/// finding is about rather than where it is.
fn fingerprint(finding: &Finding, path: &str, text: &str) -> String {
    let contract = finding.contract.as_deref().unwrap_or("");
    let key = if finding.anchor.is_empty() {
        // Document codes: the file, contract and message identify them well enough.
        format!(
            "{path}\u{0}{contract}\u{0}{}\u{0}{}",
            finding.rule, finding.message
        )
    } else {
        // The field the finding points at and its text without its layout (as a
        // baseline knows it): moving the clause, re-indenting or reformatting it
        // keeps the fingerprint; changing it does not.
        let value = crate::diff::key::normalised(finding.span.text(text));
        format!(
            "{path}\u{0}{contract}\u{0}{}\u{0}{}={value}",
            finding.rule, finding.anchor
        )
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The text of a `## Title` section of a rule's doc.
fn section(doc: &str, title: &str) -> Option<String> {
    let start = doc.find(&format!("## {title}"))?;
    let body = &doc[start..];
    let body = &body[body.find('\n').map_or(body.len(), |i| i + 1)..];
    let end = body.find("\n## ").unwrap_or(body.len());
    let text = body[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(i) => text[..=i].to_string(),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_to_the_source_root_and_encoded() {
        assert_eq!(
            artifact_uri("./contracts/a b.terms"),
            ("contracts/a%20b.terms".into(), Some("%SRCROOT%"))
        );
        assert_eq!(artifact_uri("/tmp/x.terms").1, None);
    }

    #[test]
    fn sections_are_read_from_docs() {
        let doc = "## What it does\nFlags a thing. More.\n## Why it matters\nBecause.";
        assert_eq!(
            section(doc, "What it does").as_deref(),
            Some("Flags a thing. More.")
        );
        assert_eq!(first_sentence("Flags a thing. More."), "Flags a thing.");
    }
}

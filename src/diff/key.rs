//! What a finding is about, independent of where it is written: the key a baseline
//! and a diff match findings by.
//!
//! Line numbers and byte offsets change whenever anything above a clause changes, so
//! the key is the contract's id, the rule, the schema path the finding points at and
//! the clause's text with its layout taken out (the spacing `termlint fmt` changes,
//! comments). Reformatting a file, moving a block, moving a contract to another file
//! or adding a comment keeps every key; changing the clause's value changes it.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Finding;

/// A finding's identity across versions of a contract.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Key {
    /// The contract's id; `None` for a file-level problem (a syntax error before any
    /// contract), which is then known by its file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub rule: String,
    /// The schema path the finding points at (`pricing.overage`); empty for the
    /// document codes TL001–TL008.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub path: String,
    /// The clause as written, layout taken out (`overage 250 JPY/call`).
    pub clause: String,
}

impl Key {
    /// The key of `finding`, reported in the file `path` whose text is `text`.
    #[must_use]
    pub fn of(finding: &Finding, path: &str, text: &str) -> Key {
        let contract = finding.contract.as_deref().map(str::to_string);
        Key {
            file: contract.is_none().then(|| path.to_string()),
            contract,
            rule: finding.rule.to_string(),
            path: finding.anchor.to_string(),
            clause: normalised(finding.span.text(text)),
        }
    }
}

/// `text` without its layout: comments dropped, runs of spaces, tabs, line breaks and
/// `;` made one space, no space around `/` — outside strings, which are kept as
/// written.  `overage   250 JPY / call  // agreed` is `overage 250 JPY/call`.
#[must_use]
pub fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                push_space(&mut out, &mut space);
                out.push('"');
                while let Some(s) = chars.next() {
                    out.push(s);
                    match s {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for rest in chars.by_ref() {
                    if rest == '\n' {
                        break;
                    }
                }
                space = true;
            }
            '/' => {
                space = false;
                out.push('/');
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
            }
            c if c.is_whitespace() || c == ';' => space = true,
            c => {
                push_space(&mut out, &mut space);
                out.push(c);
            }
        }
    }
    out
}

/// A pending space, unless it would start the text or stand before a `/`.
fn push_space(out: &mut String, space: &mut bool) {
    if *space && !out.is_empty() && !out.ends_with('/') {
        out.push(' ');
    }
    *space = false;
}

#[cfg(test)]
mod tests {
    use super::normalised;

    #[test]
    fn layout_comments_and_slash_spacing_do_not_count() {
        assert_eq!(
            normalised("overage   250 JPY / call  // agreed"),
            "overage 250 JPY/call"
        );
        assert_eq!(normalised("overage 250 JPY/call"), "overage 250 JPY/call");
        assert_eq!(
            normalised("staff { operators 12; supervisors 1 }"),
            "staff { operators 12 supervisors 1 }"
        );
        assert_eq!(
            normalised("staff {\n  operators   12\n  supervisors 1\n}"),
            "staff { operators 12 supervisors 1 }"
        );
    }

    #[test]
    fn strings_are_kept_as_written() {
        assert_eq!(
            normalised(r#"vendor  "A  //  B \" / C""#),
            r#"vendor "A  //  B \" / C""#
        );
    }

    #[test]
    fn values_are_what_counts() {
        assert_ne!(
            normalised("overage 250 JPY/call"),
            normalised("overage 180 JPY/call")
        );
    }
}

//! Waivers as the schema reads them: a `waiver` node into a [`Waiver`], and the
//! syntax of the rule id or slug it names.

use super::model::{TArg, TNode, TValue, Waiver};

/// The waiver `node`, whose arguments are in `args` (its contract's).
pub(super) fn read_waiver(node: &TNode, args: &[TArg], valid: bool) -> Waiver {
    let rule = match node.args.of(args).first().map(|a| &a.value) {
        Some(TValue::RuleRef(r)) => r.clone(),
        _ => String::new(),
    };
    let child = |name: &str| {
        node.children
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.args.of(args).first())
            .map(|a| &a.value)
    };
    Waiver {
        rule,
        span: node.head,
        reason: match child("reason") {
            Some(TValue::Str(s)) => Some(s.clone()),
            _ => None,
        },
        approved_by: match child("approved_by") {
            Some(TValue::Str(s)) => Some(s.clone()),
            _ => None,
        },
        expires: match child("expires") {
            Some(TValue::Date(d)) => Some(*d),
            _ => None,
        },
        valid,
    }
}

/// `TL101`, `ACME-7` (ids) or `pure-outcome-fees` (slugs), per LANGUAGE.md §1.
#[must_use]
pub fn is_rule_ref(word: &str) -> bool {
    is_rule_id(word) || is_slug(word)
}

/// `[A-Z][A-Z0-9]*(-?[0-9]+)`
#[must_use]
pub fn is_rule_id(word: &str) -> bool {
    let b = word.as_bytes();
    if b.is_empty() || !b[0].is_ascii_uppercase() || !b[b.len() - 1].is_ascii_digit() {
        return false;
    }
    let digits_from = b
        .iter()
        .rposition(|c| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let head = &b[..digits_from];
    let head = head.strip_suffix(b"-").unwrap_or(head);
    !head.is_empty()
        && head
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// `[a-z][a-z0-9-]*`
#[must_use]
pub fn is_slug(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_references() {
        for ok in ["TL101", "ACME-7", "A1", "high-turnover", "x"] {
            assert!(is_rule_ref(ok), "{ok}");
        }
        for bad in ["TL", "acme_7", "Acme-7", "TL-", "-x"] {
            assert!(!is_rule_ref(bad), "{bad}");
        }
    }
}

//! The reserved document codes TL001–TL008 (LANGUAGE.md §4): a closed registry.

use crate::severity::Severity;

/// A diagnostic about the document itself rather than a rule finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocCode {
    Syntax,
    UnknownField,
    BadValue,
    DuplicateField,
    MissingValue,
    WaiverExpired,
    UnusedWaiver,
    UnknownWaiver,
}

impl DocCode {
    pub const ALL: [DocCode; 8] = [
        DocCode::Syntax,
        DocCode::UnknownField,
        DocCode::BadValue,
        DocCode::DuplicateField,
        DocCode::MissingValue,
        DocCode::WaiverExpired,
        DocCode::UnusedWaiver,
        DocCode::UnknownWaiver,
    ];

    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            DocCode::Syntax => "TL001",
            DocCode::UnknownField => "TL002",
            DocCode::BadValue => "TL003",
            DocCode::DuplicateField => "TL004",
            DocCode::MissingValue => "TL005",
            DocCode::WaiverExpired => "TL006",
            DocCode::UnusedWaiver => "TL007",
            DocCode::UnknownWaiver => "TL008",
        }
    }

    #[must_use]
    pub const fn slug(self) -> &'static str {
        match self {
            DocCode::Syntax => "syntax",
            DocCode::UnknownField => "unknown-field",
            DocCode::BadValue => "bad-value",
            DocCode::DuplicateField => "duplicate-field",
            DocCode::MissingValue => "missing-value",
            DocCode::WaiverExpired => "waiver-expired",
            DocCode::UnusedWaiver => "unused-waiver",
            DocCode::UnknownWaiver => "unknown-waiver",
        }
    }

    #[must_use]
    pub const fn severity(self) -> Severity {
        match self {
            DocCode::UnusedWaiver => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// One line for `termlint rules` and SARIF descriptions.
    #[must_use]
    pub const fn summary(self) -> &'static str {
        match self {
            DocCode::Syntax => "the file does not parse (or is not UTF-8)",
            DocCode::UnknownField => "a node name not allowed here",
            DocCode::BadValue => "argument of the wrong kind, unit, count or bound direction",
            DocCode::DuplicateField => "a non-repeatable field written twice",
            DocCode::MissingValue => "a required argument or child missing",
            DocCode::WaiverExpired => "waiver past its `expires` date",
            DocCode::UnusedWaiver => "waiver matches no finding",
            DocCode::UnknownWaiver => "waiver names no known rule",
        }
    }

    /// The code for an id or slug (`TL003`, `bad-value`).
    #[must_use]
    pub fn lookup(name: &str) -> Option<DocCode> {
        DocCode::ALL
            .into_iter()
            .find(|c| c.id() == name || c.slug() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs_are_unique_and_numbered_in_order() {
        for (i, code) in DocCode::ALL.iter().enumerate() {
            assert_eq!(code.id(), format!("TL{:03}", i + 1));
            assert_eq!(DocCode::lookup(code.slug()), Some(*code));
        }
    }
}

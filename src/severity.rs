//! Finding severities.

use std::fmt;
use std::str::FromStr;

/// How serious a finding is.  Ordered so that `Info < Warning < Error`.
/// (`clap::ValueEnum` lets `--fail-on` list the values in `--help` and completions.)
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The severity in words of `lang` (`warning`, 警告).
    #[must_use]
    pub const fn name(self, lang: crate::lang::Lang) -> &'static str {
        match lang {
            crate::lang::Lang::En => self.as_str(),
            crate::lang::Lang::Ja => match self {
                Severity::Info => "情報",
                Severity::Warning => "警告",
                Severity::Error => "エラー",
            },
        }
    }

    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

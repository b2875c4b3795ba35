//! Emitters: one file per output format, all over the same [`RunReport`].

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

pub use crate::check::{RunReport, Summary};

/// The one-line summary, also printed on stderr for machine formats.
#[must_use]
pub fn summary_line(summary: &Summary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{} checked: {}, {}, {}, {}",
        plural(summary.files, "file", "files"),
        plural(summary.contracts, "contract", "contracts"),
        plural(summary.error, "error", "errors"),
        plural(summary.warning, "warning", "warnings"),
        plural(summary.info, "info", "infos"),
    );
    if summary.waived > 0 {
        line.push_str(&format!(", {} waived", summary.waived));
    }
    if summary.not_audited > 0 {
        line.push_str(&format!(
            "; {} not audited (fix the errors above first)",
            plural(summary.not_audited, "contract", "contracts")
        ));
    }
    line
}

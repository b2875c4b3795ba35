//! Emitters: one file per output format, all over the same [`RunReport`].

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

pub use crate::check::{RunReport, Summary};
use crate::lang::Lang;

/// The one-line summary, also printed on stderr for machine formats.
#[must_use]
pub fn summary_line(summary: &Summary, lang: Lang) -> String {
    if lang == Lang::Ja {
        let mut line = format!(
            "{} ファイル・{} 件の契約を検査: エラー {} 件、警告 {} 件、情報 {} 件",
            summary.files, summary.contracts, summary.error, summary.warning, summary.info
        );
        if summary.waived > 0 {
            line.push_str(&format!("、適用除外 {} 件", summary.waived));
        }
        if summary.not_audited > 0 {
            line.push_str(&format!(
                "（うち {} 件の契約は記述の誤りのためルール検査をしていません）",
                summary.not_audited
            ));
        }
        return line;
    }
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
            "; {} not audited because of errors in the contract text",
            plural(summary.not_audited, "contract", "contracts")
        ));
    }
    line
}

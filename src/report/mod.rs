//! Emitters: one file per output format, each an [`Emitter`].
//!
//! An emitter renders one checked file at a time, so a run can stream: files are
//! checked and rendered in parallel, written in order, and dropped — memory stays flat
//! however many contracts a run holds.  [`render`] runs an emitter over a whole
//! [`RunReport`] (tests, `termlint test`).

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod statistics;
pub mod wrap;

use crate::lang::Lang;
pub use crate::outcome::{FileReport, RunReport, Summary};

/// One output format.
pub trait Emitter: Sync {
    /// What comes before the first file.
    fn begin(&self) -> String {
        String::new()
    }
    /// Appends one file's findings to `out` (nothing when it has none to show).
    /// Appending lets a run reuse its buffers instead of allocating one per file.
    fn file(&self, file: &FileReport, out: &mut String);
    /// What stands between two non-empty file outputs (`,` in a JSON array).
    fn separator(&self) -> &'static str {
        ""
    }
    /// What comes after the last file.
    fn end(&self, summary: &Summary) -> String;
}

/// Renders a whole run with an emitter.
#[must_use]
pub fn render(emitter: &dyn Emitter, report: &RunReport) -> String {
    let mut out = emitter.begin();
    let mut first = true;
    let mut text = String::new();
    for file in &report.files {
        text.clear();
        emitter.file(file, &mut text);
        if text.is_empty() {
            continue;
        }
        if !first {
            out.push_str(emitter.separator());
        }
        first = false;
        out.push_str(&text);
    }
    out.push_str(&emitter.end(&report.summary()));
    out
}

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

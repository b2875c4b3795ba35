//! `check --baseline`, `--write-baseline` and `--prune-baseline` (`crate::diff::baseline`).

use std::path::{Path, PathBuf};

use super::CheckArgs;
use crate::diff::baseline::{Baseline, Matcher, Recorder};
use crate::diff::key::Key;
use crate::lang::Lang;
use crate::outcome::FileReport;

/// What a `check` run does with a baseline.
pub(super) enum BaselineRun {
    None,
    /// Report only findings the baseline does not hold.
    Compare {
        path: PathBuf,
        baseline: Baseline,
        matcher: Matcher,
        prune: bool,
    },
    /// Record every finding, and report none of them (they are the baseline now).
    Write {
        path: PathBuf,
        recorder: Recorder,
    },
}

impl BaselineRun {
    /// # Errors
    /// The baseline given cannot be read; the message is for stderr.
    pub(super) fn start(args: &CheckArgs) -> Result<BaselineRun, String> {
        if let Some(path) = &args.write_baseline {
            return Ok(BaselineRun::Write {
                path: path.clone(),
                recorder: Recorder::default(),
            });
        }
        let Some(path) = &args.baseline else {
            return Ok(BaselineRun::None);
        };
        let baseline = Baseline::read(path)?;
        Ok(BaselineRun::Compare {
            path: path.clone(),
            matcher: Matcher::new(&baseline),
            baseline,
            prune: args.prune_baseline,
        })
    }

    /// Whether findings are compared with a baseline at all.
    pub(super) fn is_active(&self) -> bool {
        !matches!(self, BaselineRun::None)
    }

    /// Takes the baselined findings out of one file's report (any thread).
    pub(super) fn apply(&self, report: &mut FileReport) {
        match self {
            BaselineRun::None => {}
            BaselineRun::Compare { matcher, .. } => matcher.apply(report),
            BaselineRun::Write { recorder, .. } => {
                recorder.record(report);
                report.findings.retain(|f| f.waived.is_some());
            }
        }
    }

    /// Writes the baseline file where asked; the lines for stderr.
    ///
    /// # Errors
    /// The baseline file could not be written; the message is for stderr.
    pub(super) fn finish(self, lang: Lang) -> Result<Vec<String>, String> {
        match self {
            BaselineRun::None => Ok(Vec::new()),
            BaselineRun::Write { path, recorder } => {
                let baseline = recorder.finish();
                write(&path, &baseline)?;
                Ok(vec![lang.pick(
                    format!(
                        "wrote {} to the baseline {}: from now on only new findings are reported",
                        findings(baseline.len()),
                        path.display()
                    ),
                    format!(
                        "{} 件の指摘をベースライン {} に記録しました。今後は新しい指摘だけを報告します",
                        baseline.len(),
                        path.display()
                    ),
                )])
            }
            BaselineRun::Compare {
                path,
                baseline,
                matcher,
                prune,
            } => {
                let (matched, fixed) = matcher.finish();
                let mut lines = vec![lang.pick(
                    format!(
                        "{} matched the baseline {} and are not shown",
                        findings(matched),
                        path.display()
                    ),
                    format!(
                        "{matched} 件の指摘はベースライン {} に記録済みのため表示していません",
                        path.display()
                    ),
                )];
                if fixed.is_empty() {
                    return Ok(lines);
                }
                for (key, count) in fixed.entries() {
                    lines.push(fixed_line(key, count, lang));
                }
                if prune {
                    write(&path, &baseline.without(&fixed))?;
                    lines.push(lang.pick(
                        format!(
                            "removed {} that no longer occur from {}",
                            entries(fixed.len()),
                            path.display()
                        ),
                        format!(
                            "発生しなくなった {} 件を {} から削除しました",
                            fixed.len(),
                            path.display()
                        ),
                    ));
                } else {
                    lines.push(lang.pick(
                        format!(
                            "{} no longer {} (fixed)\n  help: remove {} with `--prune-baseline`",
                            entries(fixed.len()),
                            if fixed.len() == 1 { "occurs" } else { "occur" },
                            if fixed.len() == 1 { "it" } else { "them" },
                        ),
                        format!(
                            "ベースラインの {} 件は発生しなくなりました（解消済み）\n  help: `--prune-baseline` で削除できます",
                            fixed.len()
                        ),
                    ));
                }
                Ok(lines)
            }
        }
    }
}

/// `fixed: TL106 in acme-2026 at pricing.overage: overage 250 JPY/call`.
fn fixed_line(key: &Key, count: usize, lang: Lang) -> String {
    let whose = key
        .contract
        .as_deref()
        .or(key.file.as_deref())
        .unwrap_or("");
    let at = if key.path.is_empty() {
        String::new()
    } else {
        format!(" {}", key.path)
    };
    let times = if count > 1 {
        format!(" (×{count})")
    } else {
        String::new()
    };
    lang.pick(
        format!("fixed: {} in {whose}{at}: {}{times}", key.rule, key.clause),
        format!("解消: {} ({whose}{at}): {}{times}", key.rule, key.clause),
    )
}

fn write(path: &Path, baseline: &Baseline) -> Result<(), String> {
    crate::fmt::file::create_or_replace(path, &baseline.to_json()).map_err(|e| {
        format!(
            "error: the baseline {} could not be written: {e}",
            path.display()
        )
    })
}

fn findings(n: usize) -> String {
    if n == 1 {
        "1 finding".to_string()
    } else {
        format!("{n} findings")
    }
}

fn entries(n: usize) -> String {
    if n == 1 {
        "1 baseline entry".to_string()
    } else {
        format!("{n} baseline entries")
    }
}

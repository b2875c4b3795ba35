//! A baseline: the findings a team has accepted for now, so CI fails only on new
//! ones (`check --write-baseline`, `check --baseline`, `--prune-baseline`).
//!
//! Entries are [`Key`]s, not lines or hashes of text, so a baselined finding stays
//! matched when its file is reformatted, its blocks reordered, its contract moved to
//! another file or comments added; changing the clause's value makes it new.  The
//! file is sorted and written the same way every time, so it diffs well in review.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::key::Key;
use crate::outcome::FileReport;

/// The version of the file format written in its `version` field.
const VERSION: u32 = 1;

/// Accepted findings, counted: a contract may hold the same finding twice (two
/// services without hours written alike).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<Key, usize>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_one(n: &usize) -> bool {
    *n == 1
}

impl Baseline {
    /// The baseline of these findings.
    pub fn from_keys(keys: impl IntoIterator<Item = Key>) -> Baseline {
        let mut counts = BTreeMap::new();
        for key in keys {
            *counts.entry(key).or_insert(0) += 1;
        }
        Baseline { counts }
    }

    /// Reads a baseline file.
    ///
    /// # Errors
    /// The file cannot be read or is not a baseline, in words for the command line.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "error: the baseline {shown} could not be read: {e}\n  help: write one with `termlint check --write-baseline {shown}`"
            )
        })?;
        let file: File = serde_json::from_str(&text).map_err(|e| {
            format!(
                "error: {shown} is not a termlint baseline: {e}\n  help: write it again with `termlint check --write-baseline {shown}`"
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "error: {shown} is a baseline of version {}; this termlint reads version {VERSION}\n  help: write it again with `termlint check --write-baseline {shown}`",
                file.version
            ));
        }
        let mut counts = BTreeMap::new();
        for entry in file.findings {
            *counts.entry(entry.key).or_insert(0) += entry.count;
        }
        Ok(Baseline { counts })
    }

    /// The file's text: entries sorted, two-space JSON, a final newline.
    #[must_use]
    pub fn to_json(&self) -> String {
        let file = File {
            version: VERSION,
            findings: self
                .counts
                .iter()
                .map(|(key, &count)| Entry {
                    key: key.clone(),
                    count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// How many findings it accepts.
    #[must_use]
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The entries and their counts, sorted.
    pub fn entries(&self) -> impl Iterator<Item = (&Key, usize)> {
        self.counts.iter().map(|(key, &count)| (key, count))
    }

    /// The baseline without `fixed`'s entries (`--prune-baseline`).
    #[must_use]
    pub fn without(&self, fixed: &Baseline) -> Baseline {
        let mut counts = self.counts.clone();
        for (key, gone) in &fixed.counts {
            if let Some(count) = counts.get_mut(key) {
                *count = count.saturating_sub(*gone);
                if *count == 0 {
                    counts.remove(key);
                }
            }
        }
        Baseline { counts }
    }
}

/// Takes the baselined findings out of each file's report as a run checks it (on
/// any thread), counting them.
#[derive(Debug)]
pub struct Matcher {
    remaining: Mutex<BTreeMap<Key, usize>>,
    matched: AtomicUsize,
}

impl Matcher {
    #[must_use]
    pub fn new(baseline: &Baseline) -> Matcher {
        Matcher {
            remaining: Mutex::new(baseline.counts.clone()),
            matched: AtomicUsize::new(0),
        }
    }

    /// Removes the findings of `report` the baseline accepts.  Waived findings are
    /// the contract's own business and are left as they are.
    pub fn apply(&self, report: &mut FileReport) {
        if report.findings.is_empty() {
            return;
        }
        let Ok(mut remaining) = self.remaining.lock() else {
            return;
        };
        let (path, text) = (&report.path, &report.text);
        let before = report.findings.len();
        report.findings.retain(|finding| {
            if finding.waived.is_some() {
                return true;
            }
            let key = Key::of(finding, path, text);
            match remaining.get_mut(&key) {
                Some(count) if *count > 0 => {
                    *count -= 1;
                    false
                }
                _ => true,
            }
        });
        self.matched
            .fetch_add(before - report.findings.len(), Ordering::Relaxed);
    }

    /// How many findings were matched, and the entries nothing matched (fixed).
    #[must_use]
    pub fn finish(self) -> (usize, Baseline) {
        let remaining = self.remaining.into_inner().unwrap_or_default();
        let fixed = remaining.into_iter().filter(|(_, n)| *n > 0).collect();
        (self.matched.into_inner(), Baseline { counts: fixed })
    }
}

/// Collects the keys of every finding a run reports (`--write-baseline`).
#[derive(Debug, Default)]
pub struct Recorder {
    keys: Mutex<Vec<Key>>,
}

impl Recorder {
    pub fn record(&self, report: &FileReport) {
        let keys: Vec<Key> = report
            .findings
            .iter()
            .filter(|f| f.waived.is_none())
            .map(|f| Key::of(f, &report.path, &report.text))
            .collect();
        if let Ok(mut all) = self.keys.lock() {
            all.extend(keys);
        }
    }

    #[must_use]
    pub fn finish(self) -> Baseline {
        Baseline::from_keys(self.keys.into_inner().unwrap_or_default())
    }
}

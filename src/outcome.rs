//! What a check found: per file, per run, and the counts of the summary.  The data
//! `check` produces and every emitter reads, in a module of its own so neither of
//! the two reaches into the other.

use std::sync::Arc;

use crate::diagnostic::Finding;
use crate::severity::Severity;

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as given or found.
    pub path: String,
    /// The text diagnostics are shown against (lossy for invalid UTF-8).
    pub text: Arc<str>,
    /// Sorted by offset, then rule id.
    pub findings: Vec<Finding>,
    pub contracts: usize,
    pub not_audited: usize,
}

/// The result of a run.
#[derive(Debug, Clone, Default)]
pub struct RunReport {
    pub files: Vec<FileReport>,
    /// Notes for stderr, not findings (money of two currencies compared, …).
    pub notes: Vec<String>,
}

/// Counts for the summary line and JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub contracts: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub waived: usize,
    pub not_audited: usize,
}

impl Summary {
    /// Counts one more file.
    pub fn add(&mut self, file: &FileReport) {
        self.files += 1;
        self.contracts += file.contracts;
        self.not_audited += file.not_audited;
        for f in &file.findings {
            if f.waived.is_some() {
                self.waived += 1;
                continue;
            }
            match f.severity {
                Severity::Error => self.error += 1,
                Severity::Warning => self.warning += 1,
                Severity::Info => self.info += 1,
            }
        }
    }

    /// Adds the counts of another part of the run.
    pub fn merge(&mut self, other: Summary) {
        self.files += other.files;
        self.contracts += other.contracts;
        self.not_audited += other.not_audited;
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
        self.waived += other.waived;
    }

    /// Whether an open finding is at or above `threshold` (exit code 1).
    #[must_use]
    pub fn fails(&self, threshold: Severity) -> bool {
        self.error > 0
            || (threshold <= Severity::Warning && self.warning > 0)
            || (threshold <= Severity::Info && self.info > 0)
    }
}

impl RunReport {
    #[must_use]
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for file in &self.files {
            s.add(file);
        }
        s
    }

    /// Whether any open finding is at or above `threshold`.
    #[must_use]
    pub fn fails(&self, threshold: Severity) -> bool {
        self.summary().fails(threshold)
    }
}

//! What changed between two versions of the contracts: their clauses, and what that
//! did to the findings.
//!
//! Contracts are paired by id, wherever their files are; findings by [`Key`], so a
//! moved or reformatted clause is unchanged.  A file whose path and bytes are the
//! same on both sides is checked once and its findings counted as unchanged: a diff
//! of a large corpus with a few amendments costs little more than one `check`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;
use serde::Serialize;

use super::clauses::{self, Contract};
use super::key::Key;
use super::sources::{Version, VersionFile};
use crate::check::{check_bytes, CheckOptions};
use crate::cost::figures::Figures;
use crate::diagnostic::Finding;
use crate::outcome::FileReport;
use crate::rules::RuleSet;
use crate::schema::validate::read_and_validate;
use crate::severity::Severity;
use crate::span::LineIndex;
use crate::value::Date;

/// The whole diff: one entry per contract that changed in any way.
#[derive(Debug, Default, Serialize)]
pub struct Diff {
    pub contracts: Vec<ContractDiff>,
    /// How many findings are the same on both sides, over all contracts.
    pub unchanged: usize,
    /// Those findings, as they are now (for the markdown's `<details>`).
    #[serde(skip)]
    pub unchanged_findings: Vec<Shown>,
}

/// What happened to one contract.
#[derive(Debug, Serialize)]
pub struct ContractDiff {
    pub id: String,
    /// The file it is in now (or was in, when removed).
    pub file: String,
    pub status: Status,
    pub clauses: Vec<ClauseChange>,
    pub introduced: Vec<Shown>,
    pub resolved: Vec<Shown>,
    /// Findings a waiver added in this change now accepts.
    pub waived: Vec<Shown>,
    pub severity_changed: Vec<SeverityChange>,
    /// Waivers of the new version that run out within [`EXPIRY_WARNING_DAYS`].
    pub waivers_expiring: Vec<ExpiringWaiver>,
    /// What the change did to the month's bill at the forecast, when it changed it.
    pub cost: Option<CostChange>,
    pub unchanged: usize,
}

/// How far ahead a waiver's expiry is worth a reviewer's notice: a renewal review
/// is the moment to decide whether to extend it.
pub const EXPIRY_WARNING_DAYS: i64 = 90;

/// `waiver long-lock-in … expires 2027-01-31`, seen from `--today`.
#[derive(Debug, Clone, Serialize)]
pub struct ExpiringWaiver {
    pub rule: String,
    pub expires: String,
    /// Days from today until it expires (0: today).
    pub days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
    /// Moved to another file, reformatted or commented: nothing that counts changed.
    Unchanged,
}

/// A clause added (`old` none), removed (`new` none) or given another value.
/// The month's bill at the contract's forecast before and after, in whole minor
/// units (`None`: that side cannot be costed, see `termlint compare`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostChange {
    pub currency: crate::units::Currency,
    pub old: Option<i128>,
    pub new: Option<i128>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseChange {
    pub path: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A finding as a reviewer reads it.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    pub rule: String,
    pub slug: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub line: usize,
    /// The clause it is about, layout taken out (`overage tbd`).
    pub clause: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeverityChange {
    pub finding: Shown,
    pub old: Severity,
}

impl Diff {
    /// Whether any introduced finding is at or above `level`.
    #[must_use]
    pub fn introduces(&self, level: Severity) -> bool {
        self.contracts
            .iter()
            .flat_map(|c| &c.introduced)
            .any(|f| f.severity >= level)
    }
}

/// A pair of files, checked.
enum Checked<'v> {
    /// The same bytes on both sides: how many findings, and (if asked) which.
    Same(usize, Vec<Shown>),
    Differs(
        Option<(&'v VersionFile, FileReport)>,
        Option<(&'v VersionFile, FileReport)>,
    ),
}

/// One side, checked: its contracts' clauses and findings by contract id.
struct Side {
    contracts: BTreeMap<String, SideContract>,
}

#[derive(Default)]
struct SideContract {
    file: String,
    clauses: BTreeMap<String, String>,
    /// Unwaived findings by key (a key can occur more than once).
    findings: Vec<(Key, Shown)>,
    waived: BTreeSet<Key>,
    /// The month's bill at the forecast, when the contract can be costed.
    monthly: Option<(i128, crate::units::Currency)>,
}

/// Compares `old` with `new` under one rule set.  `list_unchanged`: also keep the
/// unchanged findings themselves, not only their count (the markdown lists them).
#[must_use]
pub fn diff(
    old: &Version,
    new: &Version,
    rules: &RuleSet,
    options: &CheckOptions,
    list_unchanged: bool,
) -> Diff {
    // Files are paired by their path under each side's root, then read and checked
    // pair by pair on every core: a pair whose bytes are equal is checked once and
    // only counted, so the diff of a large corpus with a few amendments reads each
    // file once and checks it about once.
    let new_by_path: HashMap<&str, &VersionFile> =
        new.files.iter().map(|f| (f.relative.as_str(), f)).collect();
    let mut pairs: Vec<(Option<&VersionFile>, Option<&VersionFile>)> = old
        .files
        .iter()
        .map(|f| (Some(f), new_by_path.get(f.relative.as_str()).copied()))
        .collect();
    let old_paths: BTreeSet<&str> = old.files.iter().map(|f| f.relative.as_str()).collect();
    pairs.extend(
        new.files
            .iter()
            .filter(|f| !old_paths.contains(f.relative.as_str()))
            .map(|f| (None, Some(f))),
    );
    let clash = AtomicBool::new(false);
    let check =
        |file: &VersionFile, bytes: &[u8]| check_bytes(&file.shown, bytes, rules, options, &clash);
    let outcomes: Vec<Checked<'_>> = pairs
        .par_iter()
        .map(|&(before, after)| {
            let (before, after) = (before.map(|f| (f, f.read())), after.map(|f| (f, f.read())));
            match (before, after) {
                (Some((_, old_bytes)), Some((file, new_bytes))) if old_bytes == new_bytes => {
                    let report = check(file, &new_bytes);
                    let count = report
                        .findings
                        .iter()
                        .filter(|f| f.waived.is_none())
                        .count();
                    let listed = if list_unchanged {
                        unwaived(file, &report).collect()
                    } else {
                        Vec::new()
                    };
                    Checked::Same(count, listed)
                }
                (before, after) => Checked::Differs(
                    before.map(|(f, bytes)| (f, check(f, &bytes))),
                    after.map(|(f, bytes)| (f, check(f, &bytes))),
                ),
            }
        })
        .collect();
    let mut unchanged_files = Vec::new();
    let mut unchanged_count = 0;
    let mut old_side = Side::default_new();
    let mut new_side = Side::default_new();
    for outcome in outcomes {
        match outcome {
            Checked::Same(count, listed) => {
                unchanged_count += count;
                unchanged_files.extend(listed);
            }
            Checked::Differs(before, after) => {
                if let Some((file, report)) = before {
                    old_side.add(file, &report);
                }
                if let Some((file, report)) = after {
                    new_side.add(file, &report);
                }
            }
        }
    }
    let mut diff = compare(old_side, new_side, options.today);
    diff.unchanged += unchanged_count;
    if list_unchanged {
        diff.unchanged_findings.extend(unchanged_files);
    } else {
        diff.unchanged_findings.clear();
    }
    diff
}

fn unwaived<'r>(file: &'r VersionFile, report: &'r FileReport) -> impl Iterator<Item = Shown> + 'r {
    let index = LineIndex::new(&report.text);
    report
        .findings
        .iter()
        .filter(|f| f.waived.is_none())
        .map(move |f| {
            let key = Key::of(f, &file.relative, &report.text);
            shown(f, &file.shown, index.line_of(f.span.start), key.clause)
        })
}

impl Side {
    fn default_new() -> Side {
        Side {
            contracts: BTreeMap::new(),
        }
    }

    fn add(&mut self, file: &VersionFile, report: &FileReport) {
        let text = &report.text;
        for Contract { id, clauses } in clauses::contracts(text) {
            let entry = self.contracts.entry(id).or_default();
            entry.file.clone_from(&file.shown);
            entry.clauses = clauses;
        }
        // Only files that differ come here, so reading them once more for their
        // costs adds little to a diff.
        for contract in &read_and_validate(text).contracts {
            if let Some(entry) = self.contracts.get_mut(&*contract.id) {
                entry.monthly = Figures::of(contract, text).monthly();
            }
        }
        let index = LineIndex::new(text);
        for finding in &report.findings {
            let key = Key::of(finding, &file.relative, text);
            let id = finding
                .contract
                .as_deref()
                .map_or_else(|| format!("({})", file.relative), str::to_string);
            let entry = self.contracts.entry(id).or_default();
            if entry.file.is_empty() {
                entry.file.clone_from(&file.shown);
            }
            if finding.waived.is_some() {
                entry.waived.insert(key);
            } else {
                let line = index.line_of(finding.span.start);
                let shown = shown(finding, &file.shown, line, key.clause.clone());
                entry.findings.push((key, shown));
            }
        }
    }
}

/// The change in the month's bill, when there is one to tell: in one currency, and
/// not when neither side can be costed.
fn cost_change(
    old: Option<(i128, crate::units::Currency)>,
    new: Option<(i128, crate::units::Currency)>,
) -> Option<CostChange> {
    let currency = new.or(old)?.1;
    if old.is_some_and(|(_, c)| c != currency) || old.map(|o| o.0) == new.map(|n| n.0) {
        return None;
    }
    Some(CostChange {
        currency,
        old: old.map(|o| o.0),
        new: new.map(|n| n.0),
    })
}

fn shown(finding: &Finding, file: &str, line: usize, clause: String) -> Shown {
    Shown {
        rule: finding.rule.to_string(),
        slug: finding.slug.to_string(),
        severity: finding.severity,
        message: finding.message.clone(),
        file: file.to_string(),
        line,
        clause,
    }
}

fn compare(old: Side, mut new: Side, today: Date) -> Diff {
    let mut diff = Diff::default();
    let mut ids: BTreeSet<String> = old.contracts.keys().cloned().collect();
    ids.extend(new.contracts.keys().cloned());
    let mut old = old.contracts;
    for id in ids {
        let before = old.remove(&id);
        let after = new.contracts.remove(&id);
        let status = match (&before, &after) {
            (None, _) => Status::Added,
            (_, None) => Status::Removed,
            _ => Status::Changed,
        };
        let file = after
            .as_ref()
            .or(before.as_ref())
            .map(|c| c.file.clone())
            .unwrap_or_default();
        let before = before.unwrap_or_default();
        let after = after.unwrap_or_default();
        let mut entry = ContractDiff {
            id,
            file,
            status,
            clauses: clause_changes(&before.clauses, &after.clauses),
            introduced: Vec::new(),
            resolved: Vec::new(),
            waived: Vec::new(),
            severity_changed: Vec::new(),
            waivers_expiring: expiring(&after.clauses, today),
            cost: cost_change(before.monthly, after.monthly),
            unchanged: 0,
        };
        findings(&before, &after, &mut entry, &mut diff.unchanged_findings);
        if entry.status == Status::Changed
            && entry.clauses.is_empty()
            && entry.introduced.is_empty()
            && entry.resolved.is_empty()
            && entry.waived.is_empty()
            && entry.severity_changed.is_empty()
            && entry.waivers_expiring.is_empty()
            && entry.cost.is_none()
        {
            entry.status = Status::Unchanged;
        }
        diff.unchanged += entry.unchanged;
        diff.contracts.push(entry);
    }
    diff
}

/// The waivers among `clauses` that expire from today to [`EXPIRY_WARNING_DAYS`] on
/// (one already expired is a TL006 finding of its own).
fn expiring(clauses: &BTreeMap<String, String>, today: Date) -> Vec<ExpiringWaiver> {
    clauses
        .iter()
        .filter_map(|(path, value)| {
            let rule = path.strip_prefix("waiver[")?.strip_suffix("].expires")?;
            let expires = Date::parse(value)?;
            let days = expires.day_number() - today.day_number();
            (0..=EXPIRY_WARNING_DAYS)
                .contains(&days)
                .then(|| ExpiringWaiver {
                    rule: rule.to_string(),
                    expires: value.clone(),
                    days,
                })
        })
        .collect()
}

fn clause_changes(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Vec<ClauseChange> {
    let paths: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let (o, n) = (old.get(path), new.get(path));
            (o != n).then(|| ClauseChange {
                path: path.clone(),
                old: o.cloned(),
                new: n.cloned(),
            })
        })
        .collect()
}

/// Pairs the findings of one contract's two versions by key, as multisets.
fn findings(
    before: &SideContract,
    after: &SideContract,
    entry: &mut ContractDiff,
    unchanged: &mut Vec<Shown>,
) {
    let mut left: HashMap<&Key, Vec<&Shown>> = HashMap::new();
    for (key, shown) in &before.findings {
        left.entry(key).or_default().push(shown);
    }
    for (key, shown) in &after.findings {
        match left.get_mut(key).and_then(Vec::pop) {
            Some(old) if old.severity != shown.severity => {
                entry.severity_changed.push(SeverityChange {
                    finding: shown.clone(),
                    old: old.severity,
                });
            }
            Some(_) => {
                entry.unchanged += 1;
                unchanged.push(shown.clone());
            }
            None => entry.introduced.push(shown.clone()),
        }
    }
    // What is left of the old side is gone: fixed, or accepted by a new waiver.
    let mut gone: Vec<(&Key, &Shown)> = left
        .into_iter()
        .flat_map(|(key, shown)| shown.into_iter().map(move |s| (key, s)))
        .collect();
    gone.sort_by(|a, b| (a.1.line, &a.1.rule).cmp(&(b.1.line, &b.1.rule)));
    for (key, shown) in gone {
        if after.waived.contains(key) {
            entry.waived.push(shown.clone());
        } else {
            entry.resolved.push(shown.clone());
        }
    }
}

//! The names a finding carries (rule id, slug, category, the path it points at),
//! copied once per worker thread.
//!
//! A finding holds its names as `Arc<str>`.  Cloned from the one `Rule` every thread
//! shares, each clone and drop is an atomic update of a reference count that two
//! cores keep stealing from each other: with the full catalogue (some 150,000
//! findings on 10,000 contracts) that made a two-thread run spend a sixth more CPU
//! than a one-thread run.  Each thread therefore keeps its own copies, made on the
//! first contract it evaluates with a rule set; the counts then stay in one core's
//! cache.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::ir::Rule;

/// Tells rule sets apart, so a thread's copies are never used for another set.
static NEXT_SERIAL: AtomicU64 = AtomicU64::new(0);

/// A fresh serial number for a new rule set.
pub(super) fn next_serial() -> u64 {
    NEXT_SERIAL.fetch_add(1, Ordering::Relaxed)
}

/// One rule's names, owned by one thread.
#[derive(Debug)]
pub(super) struct Names {
    pub id: Arc<str>,
    pub slug: Arc<str>,
    pub category: Arc<str>,
    /// The texts of the rule's `at` paths, then its `when` paths, then `contract`:
    /// the anchors a finding of the rule can have, in the order `label` tries them.
    pub anchors: Vec<Arc<str>>,
}

impl Names {
    fn copy_of(rule: &Rule) -> Names {
        let own = |s: &Arc<str>| Arc::from(&**s);
        Names {
            id: own(&rule.id),
            slug: own(&rule.slug),
            category: own(&rule.category),
            anchors: rule
                .at
                .iter()
                .chain(&rule.when_paths)
                .map(|p| own(&p.text))
                .chain([Arc::from("contract")])
                .collect(),
        }
    }
}

thread_local! {
    /// This thread's copies, with the serial of the rule set they belong to.
    static COPIES: RefCell<(u64, Vec<Names>)> = const { RefCell::new((u64::MAX, Vec::new())) };
}

/// Runs `f` with this thread's copies of the names of `rules` (rule set `serial`).
pub(super) fn with_names<R>(serial: u64, rules: &[Rule], f: impl FnOnce(&[Names]) -> R) -> R {
    COPIES.with(|cell| match cell.try_borrow_mut() {
        Ok(mut copies) => {
            // A rule set never changes once made, so its serial says it all.
            if copies.0 != serial {
                copies.1 = rules.iter().map(Names::copy_of).collect();
                copies.0 = serial;
            }
            f(&copies.1)
        }
        // Only reachable if evaluation ever nests; fresh copies are still right.
        Err(_) => f(&rules.iter().map(Names::copy_of).collect::<Vec<_>>()),
    })
}

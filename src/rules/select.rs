//! `--select` and `--ignore`: which loaded rules a run evaluates, named by rule id
//! (`TL106`), slug (`steep-overage`) or category (`pricing`), as ruff's are.

use crate::codes::DocCode;
use crate::suggest::closest;

use super::{Rule, RuleSet};

/// A name on `--select` or `--ignore` that matches nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSelector {
    pub flag: &'static str,
    pub name: String,
    pub help: String,
}

impl std::fmt::Display for UnknownSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "error: `{} {}` names no loaded rule or category\n  help: {}",
            self.flag, self.name, self.help
        )
    }
}

/// The set with every rule outside `select` (when it is not empty) or inside `ignore`
/// turned `off`.  Document checks (TL001–TL008) are not rules and stay on: a file
/// that cannot be read is never reported as clean.
///
/// # Errors
/// The first name that matches no rule id, slug or category.
pub fn select(
    rules: RuleSet,
    select: &[String],
    ignore: &[String],
) -> Result<RuleSet, UnknownSelector> {
    if select.is_empty() && ignore.is_empty() {
        return Ok(rules);
    }
    for (flag, names) in [("--select", select), ("--ignore", ignore)] {
        if let Some(name) = names
            .iter()
            .find(|n| !rules.rules().iter().any(|r| matches(r, n)))
        {
            return Err(unknown(&rules, flag, name));
        }
    }
    let mut kept: Vec<Rule> = rules.rules().to_vec();
    for rule in &mut kept {
        let selected = select.is_empty() || select.iter().any(|n| matches(rule, n));
        if !selected || ignore.iter().any(|n| matches(rule, n)) {
            rule.severity = None;
        }
    }
    Ok(RuleSet::new(kept))
}

fn matches(rule: &Rule, name: &str) -> bool {
    *rule.id == *name || *rule.slug == *name || *rule.category == *name
}

fn unknown(rules: &RuleSet, flag: &'static str, name: &str) -> UnknownSelector {
    let help = if DocCode::lookup(name).is_some() {
        format!("{name} is a document check: it is always reported and cannot be selected")
    } else {
        let categories = rules.rules().iter().map(|r| &*r.category);
        closest(name, rules.names().chain(categories)).map_or_else(
            || "`termlint rules` lists every rule id, slug and category".to_string(),
            |s| format!("did you mean `{s}`?"),
        )
    };
    UnknownSelector {
        flag,
        name: name.to_string(),
        help,
    }
}

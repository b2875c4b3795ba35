//! The rules a contract is checked with, found as `termlint check` finds them: the
//! built-ins, the nearest `termlint.rules`, and the `[check]` table of the nearest
//! `termlint.toml` (its `rules`, `no-builtin`, `select` and `ignore`), looked for
//! from the contract's own folder up.
//!
//! Rules are compiled once per project and kept: a change to a contract re-checks it
//! with the compiled set.  A saved rule file or configuration drops them all, and the
//! next check compiles them again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cli::config;
use crate::rules::{self, select, RuleConfig, RuleSet};

/// A project's rules, ready to check with.
#[derive(Debug)]
pub struct ProjectRules {
    pub rules: RuleSet,
    /// Why the project's own rules are not in force, when they are not: its files
    /// did not load, so the built-ins are used until they are fixed.
    pub problem: Option<String>,
}

/// The compiled rule sets, by the files they were built from.
#[derive(Debug, Default)]
pub struct Workspace {
    loaded: HashMap<(Option<PathBuf>, Option<PathBuf>), Arc<ProjectRules>>,
}

impl Workspace {
    /// The rules for a contract in `dir` (`None`: an unsaved buffer, checked with
    /// the rules of the working folder).
    pub fn rules_for(&mut self, dir: Option<&Path>) -> Arc<ProjectRules> {
        let dir = dir
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok());
        let dir = dir.as_deref();
        let key = (
            dir.and_then(rules::discover),
            dir.and_then(config::discover),
        );
        self.loaded
            .entry(key)
            .or_insert_with_key(|(rule_file, config_file)| {
                Arc::new(load(rule_file.as_deref(), config_file.as_deref()))
            })
            .clone()
    }

    /// Forgets every compiled set: a rule file or configuration changed.
    pub fn reload(&mut self) {
        self.loaded.clear();
    }
}

/// Whether a change to `path` changes which rules are in force.
#[must_use]
pub fn is_rule_input(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rules")
        || path.file_name().is_some_and(|n| n == config::FILE_NAME)
}

fn load(rule_file: Option<&Path>, config_file: Option<&Path>) -> ProjectRules {
    let defaults = match config::load(config_file, None) {
        Ok(defaults) => defaults,
        Err(message) => return builtin_only(message),
    };
    let mut files: Vec<PathBuf> = rule_file.into_iter().map(Path::to_path_buf).collect();
    files.extend(defaults.rules);
    let config = RuleConfig {
        builtin: !defaults.no_builtin.unwrap_or(false),
        files,
    };
    let loaded = match rules::load(&config) {
        Ok(rules) => rules,
        Err(errors) => {
            let first = errors.first().map_or_else(String::new, |e| {
                let file = e.source.as_ref().map_or("", |s| s.name.as_str());
                format!(": {file}: {}", e.message)
            });
            return builtin_only(format!(
                "the project's rules did not load ({} error{}{first}); the built-in rules are used until they are fixed",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            ));
        }
    };
    match select::select(loaded, &defaults.select, &defaults.ignore) {
        Ok(rules) => ProjectRules {
            rules,
            problem: None,
        },
        Err(unknown) => builtin_only(format!("termlint.toml: {unknown}")),
    }
}

fn builtin_only(problem: String) -> ProjectRules {
    let rules = rules::load(&RuleConfig {
        builtin: true,
        files: vec![],
    })
    .unwrap_or_default();
    ProjectRules {
        rules,
        problem: Some(problem),
    }
}

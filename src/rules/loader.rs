//! Loading rule sets: the built-ins, `termlint.rules`, `--rules` files and everything
//! they `use`, each file once; then `set` lines, applied in load order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::ast::{RuleFile, UseTarget};
use super::builtin;
use super::compile::compile_rule;
use super::error::{RuleError, RuleSource};
use super::ir::Rule;
use super::syntax;
use super::RuleSet;
use crate::span::{LineIndex, Span};
use crate::suggest::closest;

/// Where rules come from for one run.
#[derive(Debug, Clone, Default)]
pub struct RuleConfig {
    /// Load the built-in catalogue (unless `--no-builtin`).
    pub builtin: bool,
    /// `termlint.rules` found by discovery, then `--rules` files, in order.
    pub files: Vec<PathBuf>,
}

/// Finds `termlint.rules` in `dir` or its nearest ancestor.
#[must_use]
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("termlint.rules"))
        .find(|p| p.is_file())
}

/// Loads and compiles every rule of a configuration.
///
/// # Errors
/// Every error found in every file (syntax, types, cycles, duplicates).
pub fn load(config: &RuleConfig) -> Result<RuleSet, Vec<RuleError>> {
    let mut loader = Loader::default();
    if config.builtin {
        loader.builtin();
    }
    for file in &config.files {
        loader.file(file, None);
    }
    loader.finish()
}

/// Loads rule text given directly (tests, `termlint test` fixtures).
///
/// # Errors
/// As [`load`].
pub fn load_source(name: &str, text: &str, builtin: bool) -> Result<RuleSet, Vec<RuleError>> {
    load_source_in(name, text, builtin, Path::new("."))
}

/// [`load_source`] for text that stands for a file in `dir`: its `use` paths are
/// relative to `dir` (an editor's unsaved buffer of a rule file).
///
/// # Errors
/// As [`load`].
pub fn load_source_in(
    name: &str,
    text: &str,
    builtin: bool,
    dir: &Path,
) -> Result<RuleSet, Vec<RuleError>> {
    let mut loader = Loader::default();
    if builtin {
        loader.builtin();
    }
    let source = RuleSource::new(name, text);
    loader.source(&source, dir);
    loader.finish()
}

#[derive(Default)]
struct Loader {
    rules: Vec<Rule>,
    /// (id or slug) → index in `rules`, with where the rule was declared.
    names: HashMap<String, (usize, RuleSource, Span)>,
    /// `set` lines in load order: (source, target, target span, severity).
    sets: Vec<(RuleSource, String, Span, Option<crate::severity::Severity>)>,
    loaded: Vec<PathBuf>,
    /// Files being loaded, outermost first, with the `use` that entered each.
    stack: Vec<(PathBuf, Option<(RuleSource, Span)>)>,
    builtin_loaded: bool,
    errors: Vec<RuleError>,
}

impl Loader {
    fn builtin(&mut self) {
        if std::mem::replace(&mut self.builtin_loaded, true) {
            return;
        }
        // The built-in files are parsed side by side (pest is most of the start-up
        // time of a run), then added in catalogue order as any other file.
        let parsed: Vec<(RuleSource, Result<RuleFile, RuleError>)> = builtin::FILES
            .par_iter()
            .map(|(name, text)| {
                let source = RuleSource::new(*name, *text);
                let file = syntax::parse(&source);
                (source, file)
            })
            .collect();
        for (source, file) in parsed {
            self.parsed(&source, file, Path::new("."));
        }
    }

    /// Loads a file by path; `via` is the `use` that asked for it.
    fn file(&mut self, path: &Path, via: Option<(RuleSource, Span)>) {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(pos) = self.stack.iter().position(|(p, _)| *p == key) {
            let (source, span) = via.clone().unwrap_or_else(|| {
                (
                    RuleSource::new(path.display().to_string(), ""),
                    Span::default(),
                )
            });
            let mut err = RuleError::new(
                &source,
                span,
                format!("`use` cycle: {} includes itself", path.display()),
                "this `use` closes the cycle",
            )
            .help("remove one of the `use` lines; a file is loaded once, so a cycle adds nothing");
            if let Some((first_source, first_span)) = self
                .stack
                .get(pos + 1)
                .and_then(|(_, v)| v.clone())
                .or_else(|| self.stack[pos].1.clone())
            {
                err = err.related(&first_source, first_span, "the cycle starts here");
            }
            self.errors.push(err);
            return;
        }
        if self.loaded.contains(&key) {
            return;
        }
        self.loaded.push(key.clone());
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    self.errors.push(located(
                        via.as_ref(),
                        format!("rule file {} is not UTF-8 text", path.display()),
                        "not UTF-8",
                    ));
                    return;
                }
            },
            Err(e) => {
                self.errors.push(
                    located(
                        via.as_ref(),
                        format!(
                            "cannot read rule file {}: {}",
                            path.display(),
                            io_reason(&e)
                        ),
                        "file not found",
                    )
                    .help("paths in `use` are relative to the file that has the `use` line"),
                );
                return;
            }
        };
        let source = RuleSource::new(path.display().to_string(), text);
        self.stack.push((key, via));
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        self.source(&source, &dir);
        self.stack.pop();
    }

    fn source(&mut self, source: &RuleSource, dir: &Path) {
        self.parsed(source, syntax::parse(source), dir);
    }

    /// Adds a parsed file: its `use`s first, then its rules.
    fn parsed(&mut self, source: &RuleSource, file: Result<RuleFile, RuleError>, dir: &Path) {
        let file: RuleFile = match file {
            Ok(f) => f,
            Err(e) => {
                self.errors.push(e);
                return;
            }
        };
        for item in &file.uses {
            match &item.node {
                UseTarget::Builtin => self.builtin(),
                UseTarget::File(rel) => {
                    // Keep paths as the user wrote them when there is no folder to add.
                    let path = if dir == Path::new(".") {
                        PathBuf::from(rel)
                    } else {
                        dir.join(rel)
                    };
                    self.file(&path, Some((source.clone(), item.span)));
                }
            }
        }
        let lines = LineIndex::new(&source.text);
        for decl in &file.rules {
            let rule = match compile_rule(decl, source, &lines) {
                Ok(rule) => rule,
                Err(errors) => {
                    self.errors.extend(errors);
                    continue;
                }
            };
            let index = self.rules.len();
            let mut clash = false;
            for (name, span) in [
                (&decl.id.node, decl.id.span),
                (&decl.slug.node, decl.slug.span),
            ] {
                if let Some((_, other_source, other_span)) = self.names.get(name) {
                    let what = if name == &decl.id.node { "id" } else { "slug" };
                    self.errors.push(
                        RuleError::new(
                            source,
                            span,
                            format!("rule {what} `{name}` is already used"),
                            "second rule with this name",
                        )
                        .related(other_source, *other_span, "first used here")
                        .help("every rule needs its own id and slug"),
                    );
                    clash = true;
                }
            }
            if clash {
                continue;
            }
            self.names
                .insert(decl.id.node.clone(), (index, source.clone(), decl.id.span));
            self.names.insert(
                decl.slug.node.clone(),
                (index, source.clone(), decl.slug.span),
            );
            self.rules.push(rule);
        }
        for set in &file.sets {
            self.sets.push((
                source.clone(),
                set.target.node.clone(),
                set.target.span,
                set.severity.node,
            ));
        }
    }

    fn finish(mut self) -> Result<RuleSet, Vec<RuleError>> {
        for (source, target, span, severity) in std::mem::take(&mut self.sets) {
            match self.names.get(&target) {
                Some((index, _, _)) => self.rules[*index].severity = severity,
                None => {
                    let names = self.names.keys().map(String::as_str);
                    let help = match closest(&target, names) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "`termlint rules` lists the loaded rules; `use builtin` loads the built-in ones".into(),
                    };
                    self.errors.push(
                        RuleError::new(
                            &source,
                            span,
                            format!("`set` names `{target}`, which is no loaded rule"),
                            "unknown rule",
                        )
                        .help(help),
                    );
                }
            }
        }
        if self.errors.is_empty() {
            Ok(RuleSet::new(self.rules))
        } else {
            Err(self.errors)
        }
    }
}

fn located(via: Option<&(RuleSource, Span)>, message: String, label: &str) -> RuleError {
    match via {
        Some((source, span)) => RuleError::new(source, *span, message, label),
        None => RuleError::bare(message),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

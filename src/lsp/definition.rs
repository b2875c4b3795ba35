//! Go to definition: from a waiver's rule id, or a rule id in a rule file (`set
//! TL106 off`), to the rule in its file.
//!
//! A built-in rule lives inside the binary.  It opens as a read-only copy of its
//! embedded file, written once per termlint version into the system's temporary
//! folder: every client can open a file, while a virtual document needs a request
//! each client implements its own way.

use std::path::{Path, PathBuf};

use lsp_types::{Location, Position, Range};

use super::context::{self, Part};
use super::documents::{uri_of, Document};
use super::hover::word_at;
use crate::fmt::Language;
use crate::rules::{builtin, Rule, RuleSet};
use crate::syntax;

/// Where the rule named under byte `offset` of `doc` is defined.
#[must_use]
pub fn at(doc: &Document, offset: usize, rules: &RuleSet) -> Option<Location> {
    let name = match doc.language {
        Language::Terms => {
            let parsed = syntax::parse(&doc.text);
            let (path, part) = context::node_at(&parsed.document, offset)?;
            let node = *path.last()?;
            if (node.name, part) != ("waiver", Part::Arg(0)) {
                return None;
            }
            node.args[0].span.text(&doc.text).to_string()
        }
        Language::Rules => word_at(&doc.text, offset)?.text(&doc.text).to_string(),
    };
    location(rules.find(&name)?)
}

fn location(rule: &Rule) -> Option<Location> {
    let path = match rule.origin.strip_prefix("builtin:") {
        Some(file) => builtin_copy(file)?,
        None => PathBuf::from(&rule.origin),
    };
    let line = u32::try_from(rule.line.saturating_sub(1)).unwrap_or(0);
    let start = Position::new(line, 0);
    Some(Location::new(uri_of(&path)?, Range::new(start, start)))
}

/// The read-only copy of the built-in rule file `file` (`rules/pricing.rules`).
fn builtin_copy(file: &str) -> Option<PathBuf> {
    let text = builtin::FILES
        .iter()
        .find(|(name, _)| name.strip_prefix("builtin:") == Some(file))?
        .1;
    let dir = std::env::temp_dir().join(format!("termlint-{}-builtin", env!("CARGO_PKG_VERSION")));
    let path = dir.join(file);
    if std::fs::read_to_string(&path).ok().as_deref() == Some(text) {
        return Some(path);
    }
    write_read_only(&path, text).ok()?;
    Some(path)
}

fn write_read_only(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    // Written beside and renamed, so a reader never sees half a file.
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut temporary, text.as_bytes())?;
    let mut permissions = temporary.as_file().metadata()?.permissions();
    permissions.set_readonly(true);
    temporary.as_file().set_permissions(permissions)?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

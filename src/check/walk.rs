//! Finding `.terms` files: explicit files as given, folders walked in sorted order.

use std::path::{Path, PathBuf};

/// A file to check, or a place the walk could not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    File(PathBuf),
    /// A `.terms` file that could not be read: reported as a finding; the walk goes on.
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

impl Entry {
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::Unreadable { path: p, .. } => p,
        }
    }
}

/// A path given on the command line that does not exist (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPath(pub PathBuf);

/// What a walk found: files in path order, and notes for stderr.
#[derive(Debug, Default)]
pub struct Walk {
    pub entries: Vec<Entry>,
    /// Places skipped that are not contracts (a folder link looping back), said on
    /// stderr so nothing is skipped silently.
    pub notes: Vec<String>,
}

/// Expands paths to the files to check.  Folders are walked (following links, with
/// loops detected) for `*.terms`; a file given explicitly is checked whatever its name.
///
/// # Errors
/// The first explicit path that does not exist.
pub fn collect(paths: &[PathBuf]) -> Result<Walk, MissingPath> {
    let mut walk = Walk::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|_| MissingPath(path.clone()))?;
        if !meta.is_dir() {
            walk.entries.push(Entry::File(path.clone()));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        for item in walker {
            match item {
                Ok(e) if e.file_type().is_file() && is_terms(e.path()) => {
                    walk.entries.push(Entry::File(e.into_path()))
                }
                Ok(_) => {}
                Err(err) => {
                    let at = err.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    if let Some(ancestor) = err.loop_ancestor() {
                        walk.notes.push(format!(
                            "note: skipped {}: a folder link that loops back to {}",
                            at.display(),
                            ancestor.display()
                        ));
                    } else if is_terms(&at) {
                        let reason = err
                            .io_error()
                            .map_or_else(|| err.to_string(), ToString::to_string);
                        walk.entries.push(Entry::Unreadable { path: at, reason });
                    } else {
                        // Not a contract (a dangling link to notes.txt, an unreadable
                        // folder): say so, but it is no finding.
                        let reason = err
                            .io_error()
                            .map_or_else(|| err.to_string(), ToString::to_string);
                        walk.notes
                            .push(format!("note: skipped {}: {reason}", at.display()));
                    }
                }
            }
        }
    }
    walk.entries.sort_by(|a, b| a.path().cmp(b.path()));
    walk.entries.dedup();
    Ok(walk)
}

fn is_terms(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "terms")
}

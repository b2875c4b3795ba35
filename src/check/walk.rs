//! Finding `.terms` files: explicit files as given, folders walked in sorted order.

use std::path::{Path, PathBuf};

/// A file to check, or a place the walk could not read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    File(PathBuf),
    /// Reported as a finding; the walk goes on.
    Unreadable {
        path: PathBuf,
        reason: String,
    },
}

/// A path given on the command line that does not exist (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPath(pub PathBuf);

/// Expands paths to the files to check.  Folders are walked (following links, with
/// loops detected) for `*.terms`; a file given explicitly is checked whatever its name.
///
/// # Errors
/// The first explicit path that does not exist.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Entry>, MissingPath> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|_| MissingPath(path.clone()))?;
        if !meta.is_dir() {
            out.push(Entry::File(path.clone()));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        for item in walker {
            match item {
                Ok(e) if e.file_type().is_file() && is_terms(e.path()) => {
                    out.push(Entry::File(e.into_path()))
                }
                Ok(_) => {}
                Err(err) => {
                    let path = err.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    let reason = if err.loop_ancestor().is_some() {
                        "a symbolic link loops back to a folder above it; skipped".to_string()
                    } else {
                        err.io_error()
                            .map_or_else(|| err.to_string(), |io| io.to_string())
                    };
                    out.push(Entry::Unreadable { path, reason });
                }
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn is_terms(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "terms")
}

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
    let mut sink = Sink::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|_| MissingPath(path.clone()))?;
        if meta.is_dir() {
            walk_folder(path, &mut Vec::new(), &mut sink);
        } else {
            sink.push(Entry::File(path.clone()));
        }
    }
    let mut entries = sink.entries;
    // One folder walked in name order is already in path order; several paths need
    // sorting (and may name one file twice).
    if !entries.is_sorted_by(|a, b| a.path() <= b.path()) {
        entries.sort_by(|a, b| a.path().cmp(b.path()));
    }
    entries.dedup();
    Ok(Walk {
        entries,
        notes: sink.notes,
    })
}

/// Like [`collect`], but hands the entries to `found` in path order, `chunk` at a
/// time, while the walk goes on — so checking can start before a large folder is
/// fully listed.  Returns the walk's notes.
///
/// # Errors
/// The first explicit path that does not exist (before any entry is handed over).
pub fn walk_in_chunks(
    paths: &[PathBuf],
    chunk: usize,
    found: &mut dyn FnMut(Vec<Entry>),
) -> Result<Vec<String>, MissingPath> {
    let one_folder = match paths {
        [path] => std::fs::metadata(path)
            .map_err(|_| MissingPath(path.clone()))?
            .is_dir(),
        _ => false,
    };
    if !one_folder {
        // Several paths must be sorted together, so they are listed first.
        let walk = collect(paths)?;
        let mut entries = walk.entries.into_iter().peekable();
        while entries.peek().is_some() {
            found(entries.by_ref().take(chunk).collect());
        }
        return Ok(walk.notes);
    }
    let mut sink = Sink {
        chunk: Some((chunk, found)),
        ..Sink::default()
    };
    walk_folder(&paths[0], &mut Vec::new(), &mut sink);
    let rest = std::mem::take(&mut sink.entries);
    if let (false, Some((_, found))) = (rest.is_empty(), sink.chunk) {
        found(rest);
    }
    Ok(sink.notes)
}

/// Takes a chunk of entries off a walk's hands.
type Handover<'f> = &'f mut dyn FnMut(Vec<Entry>);

/// Where a walk puts what it finds.
#[derive(Default)]
struct Sink<'f> {
    entries: Vec<Entry>,
    notes: Vec<String>,
    /// Hand the entries over every so many.
    chunk: Option<(usize, Handover<'f>)>,
}

impl Sink<'_> {
    fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
        if let Some((size, found)) = &mut self.chunk {
            if self.entries.len() >= *size {
                found(std::mem::take(&mut self.entries));
            }
        }
    }
}

/// A folder on the way down: as the walk names it, and where it really is.
struct Ancestor {
    shown: PathBuf,
    real: PathBuf,
}

/// Walks one folder in name order.  Entries are typed from the directory listing
/// itself, so plain files cost no `stat`; only links are resolved, and a link to a
/// folder is walked in place unless it leads back to a folder on the way down
/// (`ancestors`, which holds the chain above `root`).
fn walk_folder(root: &Path, ancestors: &mut Vec<Ancestor>, walk: &mut Sink<'_>) {
    let base = ancestors.len();
    match std::fs::canonicalize(root) {
        Ok(real) => ancestors.push(Ancestor {
            shown: root.to_path_buf(),
            real,
        }),
        Err(err) => {
            walk.notes
                .push(format!("note: skipped {}: {err}", root.display()));
            return;
        }
    }
    let walker = walkdir::WalkDir::new(root).sort_by_file_name().into_iter();
    for item in walker {
        let entry = match item {
            Ok(entry) => entry,
            Err(err) => {
                let at = err
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let reason = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                unreadable(at, reason, walk);
                continue;
            }
        };
        let depth = entry.depth();
        if depth == 0 {
            continue;
        }
        // Keep the chain of folders above this entry.
        ancestors.truncate(base + depth);
        let kind = entry.file_type();
        if kind.is_dir() {
            let real = ancestors[base + depth - 1].real.join(entry.file_name());
            ancestors.push(Ancestor {
                shown: entry.into_path(),
                real,
            });
        } else if kind.is_file() {
            if is_terms(entry.path()) {
                walk.push(Entry::File(entry.into_path()));
            }
        } else if kind.is_symlink() {
            follow_link(entry.path(), ancestors, walk);
        }
    }
    ancestors.truncate(base);
}

/// A link met in a walk: a `.terms` file it leads to is checked under the link's
/// name; a folder is walked unless that would loop.
fn follow_link(link: &Path, ancestors: &mut Vec<Ancestor>, walk: &mut Sink<'_>) {
    match std::fs::metadata(link) {
        Ok(meta) if meta.is_dir() => {
            let real = std::fs::canonicalize(link).ok();
            if let Some(ancestor) = ancestors.iter().find(|a| Some(&a.real) == real.as_ref()) {
                walk.notes.push(format!(
                    "note: skipped {}: a folder link that loops back to {}",
                    link.display(),
                    ancestor.shown.display()
                ));
            } else {
                walk_folder(link, ancestors, walk);
            }
        }
        Ok(meta) if meta.is_file() => {
            if is_terms(link) {
                walk.push(Entry::File(link.to_path_buf()));
            }
        }
        Ok(_) => {}
        Err(err) => unreadable(link.to_path_buf(), err.to_string(), walk),
    }
}

/// A place the walk could not read: a finding when it is a contract, else a note.
fn unreadable(at: PathBuf, reason: String, walk: &mut Sink<'_>) {
    if is_terms(&at) {
        walk.push(Entry::Unreadable { path: at, reason });
    } else {
        // Not a contract (a dangling link to notes.txt, an unreadable folder): say
        // so, but it is no finding.
        walk.notes
            .push(format!("note: skipped {}: {reason}", at.display()));
    }
}

fn is_terms(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "terms")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checking starts on the first chunk while the walk goes on, and output is
    /// written chunk by chunk: the chunks must come in exactly the order `collect`
    /// sorts, whatever the nesting (`a/b` before `a.b` before `a0`, as `Path` orders).
    #[test]
    fn chunks_come_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["a", "a/b", "a.b", "a0", "z"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        for (i, folder) in ["", "a", "a/b", "a.b", "a0", "z"]
            .iter()
            .cycle()
            .take(60)
            .enumerate()
        {
            std::fs::write(root.join(folder).join(format!("c{i}.terms")), "").unwrap();
            std::fs::write(root.join(folder).join(format!("c{i}.txt")), "").unwrap();
        }
        let paths = [root.to_path_buf()];
        let mut chunks = Vec::new();
        let notes = walk_in_chunks(&paths, 7, &mut |chunk| chunks.push(chunk)).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert!(chunks.iter().all(|c| !c.is_empty() && c.len() <= 7));
        let streamed: Vec<Entry> = chunks.into_iter().flatten().collect();
        assert_eq!(streamed.len(), 60);
        assert_eq!(streamed, collect(&paths).unwrap().entries);
        assert!(streamed.is_sorted_by(|a, b| a.path() < b.path()));
    }

    #[test]
    fn a_missing_path_is_reported_before_anything_is_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let paths = [dir.path().to_path_buf(), dir.path().join("gone")];
        let mut handed = 0;
        let result = walk_in_chunks(&paths, 7, &mut |_| handed += 1);
        assert_eq!(result, Err(MissingPath(dir.path().join("gone"))));
        assert_eq!(handed, 0);
    }
}

//! Finding `.terms` files: explicit files as given, folders walked in sorted order.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

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

/// A walk running on a thread of its own, handing over entries in path order, a
/// chunk at a time ([`walk_in_chunks`]).  Start it before loading rules and the
/// listing of a large folder costs a run nothing.
pub struct Walking {
    chunks: mpsc::Receiver<Vec<Entry>>,
    finish: Finish,
}

enum Finish {
    Thread(std::thread::JoinHandle<Result<Vec<String>, MissingPath>>),
    /// The thread could not be started: the walk already ran here.
    Ready(Result<Vec<String>, MissingPath>),
}

impl Walking {
    /// Starts walking `paths`.
    #[must_use]
    pub fn start(paths: Vec<PathBuf>, chunk: usize) -> Walking {
        // Two chunks ahead at most: enough to keep checking busy, not the whole tree.
        let (give, chunks) = mpsc::sync_channel(2);
        let kept = paths.clone();
        let walker = std::thread::Builder::new()
            .name("termlint-walk".to_string())
            .spawn(move || {
                walk_in_chunks(&paths, chunk, &mut |entries| {
                    // A closed channel means the run stopped: the rest is not needed.
                    let _ = give.send(entries);
                })
            });
        if let Ok(handle) = walker {
            return Walking {
                chunks,
                finish: Finish::Thread(handle),
            };
        }
        // No thread to be had: walk here, holding every chunk.
        let (give, chunks) = mpsc::channel();
        let result = walk_in_chunks(&kept, chunk, &mut |entries| {
            let _ = give.send(entries);
        });
        Walking {
            chunks,
            finish: Finish::Ready(result),
        }
    }

    /// The next chunk of entries, in path order; `None` once the walk is over.
    pub fn next_chunk(&self) -> Option<Vec<Entry>> {
        self.chunks.recv().ok()
    }

    /// The walk's notes, once every chunk was taken.
    ///
    /// # Errors
    /// A path given that does not exist (then no chunk was handed over).
    pub fn finish(self) -> Result<Vec<String>, MissingPath> {
        drop(self.chunks);
        match self.finish {
            Finish::Thread(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Finish::Ready(result) => result,
        }
    }
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
    walk_inside(root, ancestors, walk);
    ancestors.pop();
}

/// The entries of `folder` (the last of `ancestors`), in name order, depth first.
/// Names are read once and sorted as bytes, which is the order `Path` compares
/// in, so a walk of one folder comes out already sorted.
fn walk_inside(folder: &Path, ancestors: &mut Vec<Ancestor>, walk: &mut Sink<'_>) {
    let listing = match std::fs::read_dir(folder) {
        Ok(listing) => listing,
        Err(err) => return unreadable(folder.to_path_buf(), err.to_string(), walk),
    };
    let mut names = Vec::new();
    for item in listing {
        match item {
            Ok(entry) => names.push((entry.file_name(), entry.file_type())),
            Err(err) => unreadable(folder.to_path_buf(), err.to_string(), walk),
        }
    }
    names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in names {
        let path = folder.join(&name);
        match kind {
            Ok(kind) if kind.is_dir() => {
                let real = match ancestors.last() {
                    Some(parent) => parent.real.join(&name),
                    None => path.clone(),
                };
                ancestors.push(Ancestor {
                    shown: path.clone(),
                    real,
                });
                walk_inside(&path, ancestors, walk);
                ancestors.pop();
            }
            Ok(kind) if kind.is_file() => {
                if is_terms(&path) {
                    walk.push(Entry::File(path));
                }
            }
            Ok(kind) if kind.is_symlink() => follow_link(&path, ancestors, walk),
            // Sockets, pipes, devices met in a walk are no contracts.
            Ok(_) => {}
            Err(err) => unreadable(path, err.to_string(), walk),
        }
    }
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

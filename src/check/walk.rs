//! Finding `.terms` files: explicit files as given, folders walked in sorted order.
//!
//! Folders are walked by the `ignore` crate (ripgrep's walker): it honours
//! `.gitignore` and `.ignore` files and the `--exclude` globs, follows folder links
//! and stops at a link that loops back.  Each folder is listed in name order, so a
//! walk comes out in the order paths sort in and checking can start on the first
//! files while the walk goes on.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
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

/// Which files of a folder a walk leaves out, besides what `.gitignore` files say.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    /// Globs as `.gitignore` writes them (`drafts/`, `*-old.terms`), matched below
    /// each folder walked.
    pub globs: Vec<String>,
}

/// A glob of `--exclude` that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadGlob {
    pub glob: String,
    pub reason: String,
}

impl Exclude {
    /// Checks every glob, so a bad one stops the run before anything is walked.
    ///
    /// # Errors
    /// The first glob that does not parse.
    pub fn validate(&self) -> Result<(), BadGlob> {
        for glob in &self.globs {
            OverrideBuilder::new("/")
                .add(&format!("!{glob}"))
                .map_err(|e| BadGlob {
                    glob: glob.clone(),
                    reason: e.to_string(),
                })?;
        }
        Ok(())
    }
}

/// Expands paths to the files to check.  Folders are walked (following links, with
/// loops detected) for `*.terms`; a file given explicitly is checked whatever its name,
/// even one a `.gitignore` or `exclude` leaves out.
///
/// # Errors
/// The first explicit path that does not exist.
pub fn collect(paths: &[PathBuf], exclude: &Exclude) -> Result<Walk, MissingPath> {
    collect_matching(paths, exclude, is_terms)
}

/// Like [`collect`], with the files a folder walk picks chosen by `wanted`
/// (`termlint fmt` takes `.rules` files too).
///
/// # Errors
/// The first explicit path that does not exist.
pub fn collect_matching(
    paths: &[PathBuf],
    exclude: &Exclude,
    wanted: fn(&Path) -> bool,
) -> Result<Walk, MissingPath> {
    let mut sink = Sink::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|_| MissingPath(path.clone()))?;
        if meta.is_dir() {
            walk_folder(path, exclude, wanted, &mut sink);
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
    exclude: &Exclude,
    wanted: fn(&Path) -> bool,
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
        let walk = collect_matching(paths, exclude, wanted)?;
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
    walk_folder(&paths[0], exclude, wanted, &mut sink);
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
    /// Starts walking `paths` for contracts.
    #[must_use]
    pub fn start(paths: Vec<PathBuf>, chunk: usize, exclude: Exclude) -> Walking {
        Walking::start_matching(paths, chunk, exclude, is_terms)
    }

    /// Starts walking `paths` for the files `wanted` picks ([`collect_matching`]).
    #[must_use]
    pub fn start_matching(
        paths: Vec<PathBuf>,
        chunk: usize,
        exclude: Exclude,
        wanted: fn(&Path) -> bool,
    ) -> Walking {
        // Two chunks ahead at most: enough to keep checking busy, not the whole tree.
        let (give, chunks) = mpsc::sync_channel(2);
        let kept = (paths.clone(), exclude.clone());
        let walker = std::thread::Builder::new()
            .name("termlint-walk".to_string())
            .spawn(move || {
                walk_in_chunks(&paths, chunk, &exclude, wanted, &mut |entries| {
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
        let result = walk_in_chunks(&kept.0, chunk, &kept.1, wanted, &mut |entries| {
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

/// Walks one folder: the files `wanted` picks, in path order, what cannot be read
/// reported.
fn walk_folder(root: &Path, exclude: &Exclude, wanted: fn(&Path) -> bool, walk: &mut Sink<'_>) {
    let mut builder = WalkBuilder::new(root);
    builder
        // Every file is a candidate, hidden ones too; only ignore files and
        // `exclude` leave any out.
        .standard_filters(false)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        // A `.gitignore` counts in a folder that is not a git repository too (a
        // contracts folder copied out of one keeps its meaning).
        .require_git(false)
        .follow_links(true)
        // Entries of one folder share its path, so their paths order as their names
        // do, and as bytes: a plain byte comparison, where `Path`'s own parses
        // components on every comparison of a large folder's sort.
        .sort_by_file_path(|a, b| {
            a.as_os_str()
                .as_encoded_bytes()
                .cmp(b.as_os_str().as_encoded_bytes())
        });
    if !exclude.globs.is_empty() {
        let mut overrides = OverrideBuilder::new(root);
        for glob in &exclude.globs {
            // Checked by `Exclude::validate` before the walk starts.
            let _ = overrides.add(&format!("!{glob}"));
        }
        if let Ok(overrides) = overrides.build() {
            builder.overrides(overrides);
        }
    }
    for item in builder.build() {
        match item {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && wanted(entry.path()) {
                    walk.push(Entry::File(entry.into_path()));
                }
            }
            Err(err) => walk_error(&err, walk),
        }
    }
}

/// Why a place could not be walked: a finding for a contract, else a note.
fn walk_error(err: &ignore::Error, walk: &mut Sink<'_>) {
    match err {
        ignore::Error::WithPath { path, err } => {
            unreadable(path.clone(), io_reason(err), walk);
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err, walk);
        }
        ignore::Error::Loop { ancestor, child } => walk.notes.push(format!(
            "note: skipped {}: a folder link that loops back to {}",
            child.display(),
            ancestor.display()
        )),
        other => walk.notes.push(format!("note: {other}")),
    }
}

/// An error's reason as the operating system words it.
fn io_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
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
        let notes = walk_in_chunks(&paths, 7, &Exclude::default(), is_terms, &mut |chunk| {
            chunks.push(chunk)
        })
        .unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert!(chunks.iter().all(|c| !c.is_empty() && c.len() <= 7));
        let streamed: Vec<Entry> = chunks.into_iter().flatten().collect();
        assert_eq!(streamed.len(), 60);
        assert_eq!(
            streamed,
            collect(&paths, &Exclude::default()).unwrap().entries
        );
        assert!(streamed.is_sorted_by(|a, b| a.path() < b.path()));
    }

    #[test]
    fn a_missing_path_is_reported_before_anything_is_handed_over() {
        let dir = tempfile::tempdir().unwrap();
        let paths = [dir.path().to_path_buf(), dir.path().join("gone")];
        let mut handed = 0;
        let result = walk_in_chunks(&paths, 7, &Exclude::default(), is_terms, &mut |_| {
            handed += 1
        });
        assert_eq!(result, Err(MissingPath(dir.path().join("gone"))));
        assert_eq!(handed, 0);
    }
}

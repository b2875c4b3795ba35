//! The two sides of `termlint diff`: a file, a folder, or a git revision's files.
//!
//! A revision is read with `git ls-tree` and one `git cat-file --batch` for all its
//! blobs: nothing is checked out and the work tree is never touched.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::check::{collect, Entry, Exclude};

/// One version of the contracts: each file by its path relative to the side's root
/// (how the two sides are paired), the path shown for it, and its bytes.
#[derive(Debug, Default)]
pub struct Version {
    pub files: Vec<VersionFile>,
}

#[derive(Debug)]
pub struct VersionFile {
    /// Relative to the folder given, or to the repository for a revision.
    pub relative: String,
    /// As the user would open it: the path on disk, or `REV:path`.
    pub shown: String,
    pub content: Content,
}

/// Where a file's bytes are: on disk (read when the file is checked, on the thread
/// that checks it), or already read from git.
#[derive(Debug)]
pub enum Content {
    Disk(PathBuf),
    Blob(Vec<u8>),
}

impl VersionFile {
    /// The file's bytes.  A file that cannot be read gives its reason as its text,
    /// which does not parse: the diff then reports it as a TL001 of that file
    /// rather than skipping it in silence.
    #[must_use]
    pub fn read(&self) -> Cow<'_, [u8]> {
        match &self.content {
            Content::Blob(bytes) => Cow::Borrowed(bytes),
            Content::Disk(path) => crate::check::read_whole(path).map_or_else(
                |e| Cow::Owned(format!("cannot read {}: {e}\n", path.display()).into_bytes()),
                Cow::Owned,
            ),
        }
    }
}

/// Why a side could not be read, for stderr (exit 2).
#[derive(Debug, PartialEq, Eq)]
pub struct SourceError(pub String);

/// Reads `side`: a path that exists, else a git revision (limited to `paths`, the
/// pathspecs after `--`).
///
/// # Errors
/// Neither a path nor a revision; git missing or failing.
pub fn load(side: &str, paths: &[PathBuf]) -> Result<Version, SourceError> {
    let as_path = Path::new(side);
    if as_path.exists() {
        return Ok(from_disk(as_path));
    }
    from_git(side, paths)
}

fn from_disk(root: &Path) -> Version {
    let walk = collect(&[root.to_path_buf()], &Exclude::default()).unwrap_or_default();
    let files = walk
        .entries
        .into_iter()
        .map(|entry| {
            let path = match entry {
                Entry::File(path) | Entry::Unreadable { path, .. } => path,
            };
            {
                let relative = if root.is_dir() {
                    path.strip_prefix(root).unwrap_or(&path)
                } else {
                    Path::new(path.file_name().unwrap_or(path.as_os_str()))
                };
                VersionFile {
                    relative: relative.to_string_lossy().replace('\\', "/"),
                    shown: path.display().to_string(),
                    content: Content::Disk(path.clone()),
                }
            }
        })
        .collect();
    Version { files }
}

fn git(args: &[&str]) -> Result<Vec<u8>, SourceError> {
    let output = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| SourceError(format!("error: git could not be run: {e}\n  help: install git, or give two files or folders")))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(SourceError(
            String::from_utf8_lossy(&output.stderr).trim().to_string(),
        ))
    }
}

fn from_git(revision: &str, paths: &[PathBuf]) -> Result<Version, SourceError> {
    let not_found = |why: &str| {
        SourceError(format!(
            "error: `{revision}` is neither a file or folder nor a git revision{why}\n  help: give two files, two folders, or two revisions (`termlint diff main HEAD -- contracts/`)"
        ))
    };
    if git(&["rev-parse", "--is-inside-work-tree"]).is_err() {
        return Err(not_found(" (and this is not a git repository)"));
    }
    let commit = format!("{revision}^{{commit}}");
    if git(&["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        return Err(not_found(""));
    }
    // Paths relative to the repository root, whatever folder we are in.
    let mut args = vec![
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        "--full-name",
        revision,
        "--",
    ];
    let specs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(specs.iter().map(String::as_str));
    let listed = git(&args)?;
    let names: Vec<String> = listed
        .split(|&b| b == 0)
        .filter(|name| name.ends_with(b".terms"))
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    let blobs = cat_files(revision, &names)?;
    let files = names
        .into_iter()
        .zip(blobs)
        .map(|(name, bytes)| VersionFile {
            shown: format!("{revision}:{name}"),
            relative: name,
            content: Content::Blob(bytes),
        })
        .collect();
    Ok(Version { files })
}

/// The blobs of `names` at `revision`, in order, through one `git cat-file --batch`.
fn cat_files(revision: &str, names: &[String]) -> Result<Vec<Vec<u8>>, SourceError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let failed = |e: std::io::Error| SourceError(format!("error: git cat-file failed: {e}"));
    let root = git(&["rev-parse", "--show-toplevel"])?;
    let root = String::from_utf8_lossy(&root).trim().to_string();
    let mut child = Command::new("git")
        .args(["-C", &root, "cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(failed)?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| SourceError("error: git cat-file has no input".into()))?;
    let requests: String = names.iter().map(|n| format!("{revision}:{n}\n")).collect();
    // Written from a thread of its own: git answers while it reads, and a pipe holds
    // only so much of either side.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut out = BufReader::new(
        child
            .stdout
            .take()
            .ok_or_else(|| SourceError("error: git cat-file has no output".into()))?,
    );
    let mut blobs = Vec::with_capacity(names.len());
    let mut header = String::new();
    for name in names {
        header.clear();
        out.read_line(&mut header).map_err(failed)?;
        // `<sha> blob <size>`, or `<spec> missing`.
        let size: usize = header
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| SourceError(format!("error: git could not read {revision}:{name}")))?;
        let mut blob = vec![0; size + 1]; // the blob and its newline
        out.read_exact(&mut blob).map_err(failed)?;
        blob.truncate(size);
        blobs.push(blob);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(blobs)
}

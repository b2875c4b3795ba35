//! A run of `termlint check`: files in, findings out, in parallel and deterministic.
//!
//! Each file is read once, parsed, validated, and its auditable contracts evaluated
//! against rules compiled once for the whole run.  Files are checked in parallel with
//! rayon; results are sorted, so output never depends on the thread count.

pub mod waivers;
pub mod walk;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diagnostic::Finding;
use crate::lang::Lang;
use crate::problem::{Kind, Problem};
use crate::report::Emitter;
use crate::rules::{EvalContext, RuleSet};
use crate::schema::read_and_validate;
use crate::span::Span;
use crate::syntax;
use crate::value::Date;

pub use crate::outcome::{FileReport, RunReport, Summary};
pub use walk::{collect, collect_matching, BadGlob, Entry, Exclude, MissingPath, Walking};

/// Files larger than this are not read unless `--max-file-size` says otherwise: far
/// above any real contract (a few KB), low enough to refuse a runaway file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Settings of one run.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub today: Date,
    pub lang: Lang,
    pub max_file_size: u64,
}

/// Files checked in parallel per batch before their output is written: enough to
/// keep every core busy, few enough that memory stays flat on any corpus.
pub const BATCH: usize = 256;

/// Output buffers larger than this are dropped after use rather than recycled.
const MAX_SPARE_BUFFER: usize = 1 << 20;

/// What a streamed run leaves once every file is written.
#[derive(Debug, Clone, Default)]
pub struct Streamed {
    pub summary: Summary,
    /// Notes for stderr, not findings (money of two currencies compared, …).
    pub notes: Vec<String>,
}

/// Checks every file a walk hands over, rendering each with `emitter` as soon as it
/// is checked (in parallel) and handing the text to `write` in path order, a batch
/// of pieces at a time (so a writer can pass them on in one system call, without
/// copying them into a buffer first).  Nothing of a file is kept once its output is
/// written.  `each` sees every file's report before it is counted and rendered (a
/// baseline takes out the findings it accepts there).
///
/// # Errors
/// A path given to the walk that does not exist (nothing is written then).
pub fn stream(
    walking: Walking,
    rules: &RuleSet,
    options: &CheckOptions,
    emitter: &dyn Emitter,
    pool: &rayon::ThreadPool,
    each: &(dyn Fn(&mut FileReport) + Sync),
    write: &mut dyn FnMut(&[&str]),
) -> Result<Streamed, MissingPath> {
    let clash = AtomicBool::new(false);
    // Output buffers go back and forth between the writer and the workers instead of
    // being allocated per file and freed on another thread, so a long run keeps
    // reusing the same memory (first touches of fresh pages are slow on our VMs).
    let spare: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let check_batch = |batch: &[Entry]| -> Vec<(Summary, String)> {
        batch
            .par_iter()
            .map(|entry| {
                let mut report = check_entry(entry, rules, options, &clash);
                each(&mut report);
                let mut counts = Summary::default();
                counts.add(&report);
                let mut text = spare
                    .lock()
                    .ok()
                    .and_then(|mut s| s.pop())
                    .unwrap_or_default();
                emitter.file(&report, &mut text);
                (counts, text)
            })
            .collect()
    };
    let mut summary = Summary::default();
    let mut first = true;
    let mut write_batch = |done: Vec<(Summary, String)>, write: &mut dyn FnMut(&[&str])| {
        let mut pieces = Vec::with_capacity(2 * done.len());
        for (counts, text) in &done {
            summary.merge(*counts);
            if !text.is_empty() {
                if !first {
                    pieces.push(emitter.separator());
                }
                first = false;
                pieces.push(text.as_str());
            }
        }
        write(&pieces);
        let emptied: Vec<String> = done
            .into_iter()
            .map(|(_, mut text)| {
                text.clear();
                text
            })
            // One huge file's output is not kept for the rest of the run.
            .filter(|text| text.capacity() <= MAX_SPARE_BUFFER)
            .collect();
        if let Ok(mut s) = spare.lock() {
            s.extend(emptied);
        }
    };
    // Three stages overlap: a thread walks the folders, the pool checks one batch of
    // files, and this thread writes the batch before — nobody waits for the others
    // except at the start and the end.
    let mut began = false;
    let mut pending: Option<Vec<(Summary, String)>> = None;
    while let Some(batch) = walking.next_chunk() {
        if !began {
            write(&[&emitter.begin()]);
            began = true;
        }
        let mut next = None;
        pool.in_place_scope(|scope| {
            scope.spawn(|_| next = Some(check_batch(&batch)));
            if let Some(done) = pending.take() {
                write_batch(done, write);
            }
        });
        pending = next;
    }
    let walk_notes = walking.finish()?;
    if !began {
        write(&[&emitter.begin()]);
    }
    if let Some(done) = pending.take() {
        write_batch(done, write);
    }
    write(&[&emitter.end(&summary)]);
    Ok(Streamed {
        summary,
        notes: notes(walk_notes, &clash),
    })
}

/// Checks every file under `paths` and keeps every result (for `termlint test` and
/// tests; `check` streams instead).
///
/// # Errors
/// An explicit path that does not exist.
pub fn check_paths(
    paths: &[PathBuf],
    rules: &RuleSet,
    options: &CheckOptions,
) -> Result<RunReport, MissingPath> {
    let walk = collect(paths, &Exclude::default())?;
    let clash = AtomicBool::new(false);
    let files: Vec<FileReport> = walk
        .entries
        .par_iter()
        .map(|entry| check_entry(entry, rules, options, &clash))
        .collect();
    Ok(RunReport {
        files,
        notes: notes(walk.notes, &clash),
    })
}

fn check_entry(
    entry: &Entry,
    rules: &RuleSet,
    options: &CheckOptions,
    clash: &AtomicBool,
) -> FileReport {
    match entry {
        Entry::File(path) => check_file(path, rules, options, clash),
        Entry::Unreadable { path, reason } => unreadable(path, reason, options.lang),
    }
}

/// The run's notes for stderr: the walk's, and one if money of two currencies was compared.
pub fn notes(mut notes: Vec<String>, clash: &AtomicBool) -> Vec<String> {
    if clash.load(Ordering::Relaxed) {
        notes.push(
            "note: some rules compared money in two currencies; such comparisons are false (no exchange rates are applied)"
                .to_string(),
        );
    }
    notes
}

fn check_file(
    path: &std::path::Path,
    rules: &RuleSet,
    options: &CheckOptions,
    clash: &AtomicBool,
) -> FileReport {
    let shown = path.display().to_string();
    // Opened once: the size check and the read use the same handle (one path lookup).
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return unreadable(path, &e.to_string(), options.lang),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let too_large = |size: u64| {
        let problem = Problem::new(
            Span::default(),
            Kind::FileTooLarge {
                size,
                limit: options.max_file_size,
            },
        );
        FileReport {
            path: shown.clone(),
            text: Arc::from(""),
            findings: vec![Finding::from_problem(&problem, None, options.lang)],
            contracts: 0,
            not_audited: 0,
        }
    };
    if size > options.max_file_size {
        return too_large(size);
    }
    match read_up_to(&mut file, size, options.max_file_size) {
        Ok(bytes) if bytes.len() as u64 > options.max_file_size => too_large(bytes.len() as u64),
        Ok(bytes) => check_bytes(&shown, &bytes, rules, options, clash),
        Err(e) => unreadable(path, &e.to_string(), options.lang),
    }
}

/// Reads a whole file as [`read_up_to`] does, with no size limit (`termlint fmt`'s
/// reader: one system call fewer per file than `std::fs::read`).
///
/// # Errors
/// The file could not be opened or read.
pub(crate) fn read_whole(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    read_up_to(&mut file, size, u64::MAX - 1)
}

/// Reads a file whose size was `size` when opened, but at most one byte past
/// `limit`: a file that grows meanwhile, or one with no size at all (a device, a
/// pipe), cannot make the run hang.  A read that returns exactly `size` bytes is
/// taken as the whole file — for a regular file that is the end — which saves the
/// extra read that would only confirm it (one system call per file).
fn read_up_to(file: &mut std::fs::File, size: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let cap = limit.saturating_add(1);
    let want = usize::try_from(size.min(cap)).unwrap_or(usize::MAX);
    let mut bytes = vec![0; want.saturating_add(1)];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled as u64 >= cap {
                break;
            }
            let more = usize::try_from(cap - filled as u64).unwrap_or(usize::MAX);
            bytes.resize(filled + more.min(filled.max(8192)), 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if filled as u64 == size && size > 0 {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// A file the walk found but could not read: one TL001 finding, the run goes on.
fn unreadable(path: &std::path::Path, reason: &str, lang: Lang) -> FileReport {
    let mut finding = Finding::from_problem(
        &Problem::new(Span::default(), Kind::InvalidUtf8),
        None,
        lang,
    );
    let shown = path.display();
    finding.message = lang.pick(
        format!("cannot read {shown}: {reason}"),
        format!("{shown} を読み込めません: {reason}"),
    );
    finding.label = None;
    finding.help = Some(lang.pick(
        "check the file's permissions, or remove the broken link".to_string(),
        "ファイルの権限を確認するか、壊れたリンクを削除してください".to_string(),
    ));
    FileReport {
        path: path.display().to_string(),
        text: Arc::from(""),
        findings: vec![finding],
        contracts: 0,
        not_audited: 0,
    }
}

/// Checks one file's bytes: the whole pipeline for one file.
#[must_use]
pub fn check_bytes(
    path: &str,
    bytes: &[u8],
    rules: &RuleSet,
    options: &CheckOptions,
    clash: &AtomicBool,
) -> FileReport {
    let text = match syntax::decode(bytes) {
        Ok(text) => text,
        Err(problem) => {
            // Show the file with each bad byte replaced by `?`, one byte for one, so
            // every offset (the problem's too) is the same as in the file.
            let lossy = replace_invalid_bytes(bytes);
            return FileReport {
                path: path.to_string(),
                text: Arc::from(lossy),
                findings: vec![Finding::from_problem(&problem, None, options.lang)],
                contracts: 0,
                not_audited: 0,
            };
        }
    };
    let validated = read_and_validate(text);
    let mut findings: Vec<Finding> = validated
        .problems
        .iter()
        .map(|(index, problem)| {
            let contract = index.map(|i| &*validated.contracts[i].id);
            Finding::from_problem(problem, contract, options.lang)
        })
        .collect();
    let mut not_audited = 0;
    for contract in &validated.contracts {
        if !contract.auditable {
            not_audited += 1;
            continue;
        }
        let cx = EvalContext {
            today: options.today,
            lang: options.lang,
            text,
            currency_clash: clash,
        };
        let mut found = rules.evaluate(contract, &cx);
        waivers::apply(contract, &mut found, rules, options.today, options.lang);
        if findings.is_empty() {
            // The usual file: one contract and no problems, so no copying.
            findings = found;
        } else {
            findings.append(&mut found);
        }
    }
    findings.sort_by(|a, b| {
        (a.span.start, &a.rule, a.span.end).cmp(&(b.span.start, &b.rule, b.span.end))
    });
    FileReport {
        path: path.to_string(),
        text: Arc::from(text),
        findings,
        contracts: validated.contracts.len(),
        not_audited,
    }
}

/// The bytes as text, each byte that is not part of valid UTF-8 replaced by `?`.
fn replace_invalid_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        out.extend(std::iter::repeat_n('?', chunk.invalid().len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::read_up_to;
    use std::io::Write as _;

    fn file_of(len: usize) -> (tempfile::NamedTempFile, std::fs::File) {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&vec![b'x'; len]).unwrap();
        let opened = std::fs::File::open(f.path()).unwrap();
        (f, opened)
    }

    #[test]
    fn a_file_is_read_whole_up_to_one_byte_past_the_limit() {
        for len in [0, 1, 1000, 9000] {
            let (_keep, mut f) = file_of(len);
            assert_eq!(read_up_to(&mut f, len as u64, 1 << 20).unwrap().len(), len);
        }
        // The size given is stale (the file grew, or a device says 0): reading goes
        // on to the end, or stops one byte past the limit.
        let (_keep, mut f) = file_of(9000);
        assert_eq!(read_up_to(&mut f, 10, 1 << 20).unwrap().len(), 9000);
        let (_keep, mut f) = file_of(9000);
        assert_eq!(read_up_to(&mut f, 0, 100).unwrap().len(), 101);
        let (_keep, mut f) = file_of(9000);
        assert_eq!(read_up_to(&mut f, 0, 1 << 20).unwrap().len(), 9000);
    }
}

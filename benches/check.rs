//! End-to-end throughput of `termlint check` on a corpus of realistic contracts.
//!
//! The corpus (1,000 files of about 2 KB, a third clean, the rest with typical flaws
//! and some waivers) is written once into a temporary folder by the generator of
//! `examples/gen.rs`, shared here as a module.
//!
//! - `cli_check_json`: `termlint check --format json DIR` through `termlint::cli::run`
//!   (walk, read, parse, validate, built-in rules, waivers, JSON rendering) on all the
//!   cores rayon finds, output into a buffer; reported in files/s.
//! - `check_bytes_one_thread`: `termlint::check::check_bytes` on each file's bytes in
//!   turn, in one thread, files already in memory: the per-file pipeline alone.
//!
//! ```text
//! cargo bench --bench check                        # files/s and MB/s
//! cargo bench --bench check -- --sample-count 5    # quicker
//! ```

mod common;

#[path = "../examples/gen.rs"]
#[allow(dead_code, clippy::all)]
mod generator;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::OnceLock;

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use termlint::check::{check_bytes, CheckOptions, DEFAULT_MAX_FILE_SIZE};
use termlint::lang::Lang;
use termlint::rules::{load, RuleConfig, RuleSet};
use termlint::value::Date;

fn main() {
    divan::main();
}

/// Files in the corpus.
const FILES: usize = 1_000;

/// A fixed date, so that waivers and `end` compare the same way on every run.
const TODAY: &str = "2026-11-29";

struct Corpus {
    /// Kept alive so the folder outlives every bench.
    _dir: tempfile::TempDir,
    path: PathBuf,
    /// Each file's path and bytes, in file order.
    files: Vec<(String, Vec<u8>)>,
    bytes: usize,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("contracts");
        let written =
            generator::write_corpus(FILES as u64, &path, 1, true).expect("write the corpus");
        assert_eq!(written.files, FILES);
        let files: Vec<(String, Vec<u8>)> = (1..=FILES)
            .map(|i| {
                let file = path.join(format!("contract-{i:06}.terms"));
                let bytes = std::fs::read(&file).expect("read back");
                (file.display().to_string(), bytes)
            })
            .collect();
        let bytes = files.iter().map(|(_, b)| b.len()).sum();
        Corpus {
            _dir: dir,
            path,
            files,
            bytes,
        }
    })
}

fn builtin() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        load(&RuleConfig {
            builtin: true,
            files: vec![],
        })
        .unwrap_or_else(|errors| panic!("built-in rules: {} errors", errors.len()))
    })
}

/// `termlint check --format json DIR`; returns the exit code and the JSON.
fn cli_check(dir: &Path, stdout: &mut Vec<u8>) -> i32 {
    let dir = dir.to_str().expect("a UTF-8 temporary path");
    common::termlint(
        &["check", "--format", "json", "--today", TODAY, dir],
        stdout,
    )
}

/// The whole command on 1,000 files, built-in rules, JSON out.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn cli_check_json(bencher: Bencher) {
    let corpus = corpus();
    // Once outside the timing: the run must see every file, and find the flaws.
    let mut out = Vec::new();
    let code = cli_check(&corpus.path, &mut out);
    assert_eq!(code, 1, "the corpus has error findings");
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON output");
    assert_eq!(json["summary"]["files"], FILES);
    assert_eq!(json["summary"]["not_audited"], 0);
    let capacity = out.len();
    bencher
        .counter(ItemsCount::new(FILES))
        .with_inputs(|| Vec::with_capacity(capacity))
        .bench_local_values(|mut out| {
            cli_check(black_box(&corpus.path), &mut out);
            out
        });
}

/// `check_bytes` on each file in turn, one thread, rules compiled once.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn check_bytes_one_thread(bencher: Bencher) {
    let corpus = corpus();
    let rules = builtin();
    let options = CheckOptions {
        today: Date::parse(TODAY).expect("date"),
        lang: Lang::En,
        max_file_size: DEFAULT_MAX_FILE_SIZE,
    };
    let clash = AtomicBool::new(false);
    let valid = corpus.files.iter().all(|(path, bytes)| {
        let report = check_bytes(path, bytes, rules, &options, &clash);
        report.not_audited == 0 && report.contracts == 1
    });
    assert!(valid, "every generated contract is audited");
    bencher
        .counter(ItemsCount::new(FILES))
        .counter(BytesCount::new(corpus.bytes))
        .bench(|| {
            let mut findings = 0;
            for (path, bytes) in &corpus.files {
                let report = check_bytes(path, black_box(bytes), rules, &options, &clash);
                findings += report.findings.len();
            }
            findings
        });
}

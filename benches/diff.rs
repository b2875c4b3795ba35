//! `termlint diff` of a generated corpus against a copy with 1 % of its files
//! amended, beside one `termlint check` of the same corpus: the goal is a diff that
//! takes at most twice as long as the check (issue 14).
//!
//! ```text
//! cargo bench --bench diff
//! ```

mod common;

#[path = "../examples/gen.rs"]
#[allow(dead_code, clippy::all)]
mod generator;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// Files in the corpus.
const FILES: usize = 2_000;

const TODAY: &str = "2026-11-29";

struct Corpora {
    _dir: tempfile::TempDir,
    old: PathBuf,
    new: PathBuf,
}

/// The corpus, and a copy where every hundredth file has one clause changed.
fn corpora() -> &'static Corpora {
    static CORPORA: OnceLock<Corpora> = OnceLock::new();
    CORPORA.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        generator::write_corpus(FILES as u64, &old, 1, true).expect("write the corpus");
        std::fs::create_dir_all(&new).expect("the copy's folder");
        for i in 1..=FILES {
            let name = format!("contract-{i:06}.terms");
            let text = std::fs::read_to_string(old.join(&name)).expect("read back");
            let text = if i % 100 == 0 { amended(&text) } else { text };
            std::fs::write(new.join(&name), text).expect("write the copy");
        }
        Corpora {
            _dir: dir,
            old,
            new,
        }
    })
}

/// The first `operators N` made `operators 99`.
fn amended(text: &str) -> String {
    let start = text.find("operators").expect("a staff clause");
    let end = start + text[start..].find('\n').expect("a line end");
    format!("{}operators 99{}", &text[..start], &text[end..])
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn check_json(bencher: Bencher) {
    let c = corpora();
    bencher.counter(ItemsCount::new(FILES)).bench_local(|| {
        let mut out = Vec::new();
        common::termlint(
            &["check", "--format", "json", "--today", TODAY, path(&c.old)],
            &mut out,
        );
        black_box(out)
    });
}

/// `termlint diff OLD NEW --format json`.
fn diff_json(c: &Corpora, out: &mut Vec<u8>) {
    let args = [
        "diff",
        path(&c.old),
        path(&c.new),
        "--format",
        "json",
        "--today",
        TODAY,
    ];
    common::termlint(&args, out);
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn diff_json_one_percent_changed(bencher: Bencher) {
    let c = corpora();
    let mut out = Vec::new();
    diff_json(c, &mut out);
    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON output");
    let changed = json["contracts"]
        .as_array()
        .expect("contracts")
        .iter()
        .filter(|c| c["status"] == "changed")
        .count();
    assert_eq!(changed, FILES / 100, "one contract in a hundred changed");
    bencher.counter(ItemsCount::new(FILES)).bench_local(|| {
        let mut out = Vec::new();
        diff_json(c, &mut out);
        black_box(out)
    });
}

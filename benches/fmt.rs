//! `termlint fmt`'s formatter on the generated corpus and on the built-in rules.
//!
//! - `format_contracts`: `termlint::fmt::terms` on each of 1,000 generated contracts
//!   (written in varied layouts by `examples/gen.rs`: aligned, tight, `;`-joined,
//!   commented), one thread, in memory; reported in files/s and MB/s.
//! - `format_rule_files`: `termlint::fmt::rules` on the seven built-in rule files.
//!
//! ```text
//! cargo bench --bench fmt
//! ```
//!
//! The end-to-end comparison (`termlint fmt --check` against `termlint check` over
//! the 10,000-contract corpus) is a command, in docs/performance.md.

#[path = "../examples/gen.rs"]
#[allow(dead_code, clippy::all)]
mod generator;

use std::sync::OnceLock;

use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use termlint::rules::builtin::FILES;

fn main() {
    divan::main();
}

fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| (1..=1_000).map(|i| generator::file(1, i, true).0).collect())
}

#[divan::bench(sample_count = 20)]
fn format_contracts(bencher: Bencher<'_, '_>) {
    let files = corpus();
    let bytes: usize = files.iter().map(String::len).sum();
    bencher
        .counter(ItemsCount::new(files.len()))
        .counter(BytesCount::new(bytes))
        .bench(|| {
            for text in files {
                black_box(
                    termlint::fmt::terms(black_box(text)).expect("a generated contract formats"),
                );
            }
        });
}

#[divan::bench(sample_count = 20)]
fn format_rule_files(bencher: Bencher<'_, '_>) {
    let bytes: usize = FILES.iter().map(|(_, text)| text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (name, text) in FILES {
            black_box(
                termlint::fmt::rules(name, black_box(text)).expect("a built-in file formats"),
            );
        }
    });
}

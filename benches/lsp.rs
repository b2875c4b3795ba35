//! The language server's answer to a keystroke: diagnostics for a document after a
//! change, as `termlint lsp` computes them (the rules compiled once, at the first
//! check, and kept).
//!
//! - `diagnostics_after_change_2kb`: the bundled Acme contract (2.6 KB), one edit
//!   (the call-over rate changes) per iteration; goal: median under 2 ms.
//! - `diagnostics_after_change_1mb`: 400 copies of it in one file (1 MB); goal:
//!   under 50 ms.
//!
//! ```text
//! cargo bench --bench lsp
//! ```

use divan::counter::BytesCount;
use divan::Bencher;
use lsp_types::{InitializeParams, Uri};
use termlint::lang::Lang;
use termlint::lsp::{uri_of, Server};
use termlint::value::Date;

fn main() {
    divan::main();
}

const ACME: &str = include_str!("../contracts/acme-order-desk.terms");

/// `copies` of the Acme contract, each with an id of its own.
fn document(copies: usize) -> String {
    (0..copies)
        .map(|i| {
            ACME.replace(
                "\"acme-order-desk-2026\"",
                &format!("\"acme-order-desk-{i}\""),
            )
        })
        .collect()
}

/// A server with `text` open and checked once (which compiles the rules).
fn open(text: &str) -> (Server, Uri) {
    let mut server = Server::new(&InitializeParams::default(), Lang::En);
    server.set_today(Date::new(2026, 11, 29).unwrap());
    let path = std::env::temp_dir()
        .join("termlint-bench")
        .join("acme.terms");
    let uri = uri_of(&path).unwrap();
    server.open(uri.clone(), text.to_string(), 1, "terms");
    assert!(server.diagnostics(&uri).is_some(), "the document is open");
    (server, uri)
}

/// One edit and the diagnostics after it, alternating between two versions of
/// `text` so that every iteration checks a changed document.
fn after_change(bencher: Bencher<'_, '_>, text: String) {
    let edited = text.replace(
        "overage         180 JPY / call",
        "overage         250 JPY / call",
    );
    assert_ne!(edited, text, "the edit applies");
    let (mut server, uri) = open(&text);
    let versions = [text, edited];
    let mut version = 1;
    bencher
        .counter(BytesCount::of_str(&versions[0]))
        .bench_local(|| {
            version += 1;
            let text = versions[usize::from(version % 2 == 0)].clone();
            server.change(&uri, text, version);
            server.diagnostics(&uri)
        });
}

#[divan::bench]
fn diagnostics_after_change_2kb(bencher: Bencher<'_, '_>) {
    after_change(bencher, document(1));
}

#[divan::bench(sample_count = 20)]
fn diagnostics_after_change_1mb(bencher: Bencher<'_, '_>) {
    after_change(bencher, document(400));
}

//! The language server on half-typed documents: every keystroke prefix of every
//! bundled contract and rule file gets diagnostics, completions, a hover, symbols,
//! code actions and a formatting answer, and none of them panics.
//!
//! The client-driven suite (tests/lsp/, pytest-lsp) covers what an editor sees;
//! this covers what a fuzzer would look for, through the same `Server`.

use std::path::{Path, PathBuf};

use lsp_types::{InitializeParams, Position, Uri};
use termlint::lang::Lang;
use termlint::lsp::{uri_of, Server};
use termlint::value::Date;

fn files(dir: &str, extension: &str) -> Vec<PathBuf> {
    // Below `dir` too: the quotes of `contracts/quotes/` are bundled contracts.
    let mut files: Vec<PathBuf> =
        walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.extension().is_some_and(|e| e == extension))
            .collect();
    files.sort();
    files
}

fn server() -> Server {
    let mut server = Server::new(&InitializeParams::default(), Lang::En);
    server.set_today(Date::new(2026, 11, 29).unwrap());
    server
}

/// Every answer the server gives at the end of `text`.
fn answer_everything(server: &mut Server, uri: &Uri, text: &str) {
    let diagnostics = server
        .diagnostics(uri)
        .expect("an open document has diagnostics");
    let last_line = u32::try_from(text.lines().count().saturating_sub(1)).unwrap();
    let end = Position::new(last_line, u32::try_from(text.len()).unwrap());
    let _ = server.completion(uri, end);
    let _ = server.hover(uri, end);
    let _ = server.definition(uri, end);
    let _ = server.symbols(uri);
    let _ = server.code_actions(uri, &diagnostics);
    let _ = server.formatting(uri);
}

/// Opens `path` empty, then types it out: after each prefix that `ends` accepts (a
/// byte offset at a character boundary), every answer.
fn type_out(path: &Path, ends: impl Fn(&str, usize) -> bool) {
    let text = std::fs::read_to_string(path).unwrap();
    let uri = uri_of(path).unwrap();
    let mut server = server();
    server.open(uri.clone(), String::new(), 0, "");
    let mut version = 0;
    let prefixes = text.char_indices().map(|(at, _)| at).chain([text.len()]);
    for at in prefixes.filter(|&at| ends(&text, at)) {
        version += 1;
        let prefix = text[..at].to_string();
        server.change(&uri, prefix.clone(), version);
        answer_everything(&mut server, &uri, &prefix);
    }
}

#[test]
fn every_keystroke_prefix_of_every_bundled_contract_is_answered() {
    let contracts = files("contracts", "terms");
    assert_eq!(contracts.len(), 9);
    for path in contracts {
        type_out(&path, |_, _| true);
    }
}

#[test]
fn every_keystroke_of_the_example_rule_files_first_rules_is_answered() {
    // Its first 2,500 bytes hold a header comment, `use`, `set` and two whole rules
    // (`severity` to `doc`): every state a half-typed statement can be in.
    type_out(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/examples/acme.rules"),
        |_, at| at <= 2_500,
    );
}

#[test]
fn every_line_of_the_built_in_rule_files_is_answered_as_it_is_typed() {
    // The built-in files are 100 KB together and a rule file's diagnostics compile
    // it: each line typed, rather than each character, keeps this to seconds.
    // The seven built-in files and the example rule file beside them.
    let rules = files("rules", "rules");
    assert_eq!(rules.len(), 8);
    for path in rules {
        type_out(&path, |text, at| {
            at == text.len() || text.as_bytes()[at] == b'\n' || text[at..].starts_with("  when")
        });
    }
}

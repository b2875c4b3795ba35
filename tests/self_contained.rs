//! A fresh clone must pass its tests with nothing beside it: no test, bench or source
//! file reaches for a path outside the repository.

use std::path::Path;

/// Every `.rs` file below `dir`, with its text.
fn rust_files(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn no_file_reads_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        rust_files(&root.join(dir), &mut files);
    }
    // Spelt in pieces so that this file does not match itself.
    let sibling = format!("{}/{}", "..", "shared");
    let climbing_join = format!("{}(\"..", "join");
    let offenders: Vec<&str> = files
        .iter()
        .filter(|(_, text)| text.contains(&sibling) || text.contains(&climbing_join))
        .map(|(path, _)| path.as_str())
        .collect();
    assert!(
        offenders.is_empty(),
        "these files read outside the repository, which a user's clone does not have: \
         {offenders:?}"
    );
}

/// What termlint prints sends a user to documents in the repository
/// (`docs/language.md`, `docs/rules.md`), not to the specification's working copies,
/// which a clone does not have.
#[test]
fn messages_name_documents_a_user_has() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    // Spelt in pieces so that this file does not match itself.
    let names = [format!("{}.md", "LANGUAGE"), format!("{}.md", "RULES")];
    let offenders: Vec<String> = files
        .iter()
        .flat_map(|(path, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| !line.trim_start().starts_with("//"))
                .filter(|(_, line)| {
                    names
                        .iter()
                        .any(|n| line.contains(n.as_str()) && !line.contains(&format!("docs/{n}")))
                })
                .map(move |(i, _)| format!("{path}:{}", i + 1))
        })
        .collect();
    assert!(offenders.is_empty(), "{offenders:?}");
}

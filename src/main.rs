//! The `termlint` binary: parses nothing itself, runs the library's CLI, exits.

use std::io::IsTerminal;

/// A check allocates many small, short-lived values (tree nodes, findings, message
/// text) on several threads; mimalloc serves those far faster than the system
/// allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // The handles, not their locks: `termlint lsp` reads and writes the same
    // streams from the protocol's own threads, which would wait forever on a lock
    // held here.  Each write takes the lock for itself.
    let mut stdout = std::io::stdout();
    let mut stderr = std::io::stderr();
    let terminal = std::io::stdout().is_terminal();
    let code = termlint::cli::run(
        std::env::args_os(),
        &mut termlint::cli::Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            terminal,
            stdin: &mut std::io::stdin(),
            lang: termlint::lang::Lang::from_env(),
        },
    );
    std::process::exit(code);
}

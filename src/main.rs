//! The `termlint` binary: parses nothing itself, runs the library's CLI, exits.

use std::io::IsTerminal;

/// A check allocates many small, short-lived values (tree nodes, findings, message
/// text) on several threads; mimalloc serves those far faster than the system
/// allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let terminal = std::io::stdout().is_terminal();
    let code = termlint::cli::run(
        std::env::args_os(),
        &mut termlint::cli::Io {
            stdout: &mut stdout,
            stderr: &mut stderr,
            terminal,
            stdin: &mut std::io::stdin().lock(),
            lang: termlint::lang::Lang::from_env(),
        },
    );
    std::process::exit(code);
}

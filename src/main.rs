//! The `termlint` binary: parses nothing itself, runs the library's CLI, exits.

use std::io::IsTerminal;

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
        },
    );
    std::process::exit(code);
}

//! What the end-to-end benches share: the command line run in-process, as the binary
//! runs it, with its report written into a buffer and stderr dropped.

use termlint::cli::{run, Io};

/// `termlint ARGS…` with stdout into `stdout`; returns the exit code.
pub fn termlint(args: &[&str], stdout: &mut Vec<u8>) -> i32 {
    let mut stderr = std::io::sink();
    let mut io = Io {
        stdout,
        stderr: &mut stderr,
        terminal: false,
        stdin: &mut std::io::empty(),
        lang: termlint::lang::Lang::En,
    };
    run(
        std::iter::once("termlint").chain(args.iter().copied()),
        &mut io,
    )
}

#!/usr/bin/env bash
# Runs one fuzz target for a while, politely (nice 19, one libFuzzer job).
#
#   fuzz/run.sh TARGET SECONDS [LIBFUZZER_ARG…]
#   fuzz/run.sh terms_parser 600
#   fuzz/run.sh rules_compiler 60 -max_len=8192
#
# Copies the committed seeds (fuzz/seeds/TARGET/; builtin_rules uses terms_parser's)
# into the git-ignored corpus (fuzz/corpus/TARGET/), then runs `cargo fuzz run` on the
# stable toolchain (RUSTC_BOOTSTRAP=1 lets it accept cargo-fuzz's -Z flags) with no
# sanitizer (termlint forbids unsafe code) and debug assertions on (integer overflow
# panics).  libFuzzer's log goes to fuzz/logs/TARGET-<time>.log; libFuzzer also
# prints it when the run ends.
# Exit status: libFuzzer's (0 when nothing was found).
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 TARGET SECONDS [LIBFUZZER_ARG...]" >&2
    echo "targets: terms_parser builtin_rules rules_compiler check_with_rules fmt_terms fmt_rules" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2

fuzz=$(cd "$(dirname "$0")" && pwd)
seeds=$target
case $target in
    terms_parser) dict=$fuzz/dict/terms.dict ;;
    builtin_rules | fmt_terms) dict=$fuzz/dict/terms.dict seeds=terms_parser ;;
    rules_compiler | check_with_rules) dict=$fuzz/dict/rules.dict ;;
    fmt_rules) dict=$fuzz/dict/rules.dict seeds=rules_compiler ;;
    *)
        echo "unknown target: $target" >&2
        exit 2
        ;;
esac

command -v cargo-fuzz >/dev/null || {
    echo "cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
    exit 2
}

corpus=$fuzz/corpus/$target
mkdir -p "$corpus" "$fuzz/artifacts/$target" "$fuzz/logs"
cp -n "$fuzz/seeds/$seeds"/* "$corpus"/ 2>/dev/null || true

export RUSTC_BOOTSTRAP=1
log=$fuzz/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log
# With -jobs=1 libFuzzer runs the fuzzing in one child process that writes
# fuzz-0.log in the current folder; it is moved to $log afterwards.  Each run
# works in its own folder, so two targets fuzzed at once (one per core) do not
# write into, or delete, each other's log.
work=$(mktemp -d "${TMPDIR:-/tmp}/termlint-fuzz-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
status=0
nice -n 19 cargo fuzz run --fuzz-dir "$fuzz" -s none -a "$target" "$corpus" -- \
    -dict="$dict" \
    -max_total_time="$seconds" \
    -timeout=20 \
    -rss_limit_mb=4096 \
    -print_final_stats=1 \
    -jobs=1 -workers=1 \
    "$@" || status=$?
if [[ -f fuzz-0.log ]]; then
    mv fuzz-0.log "$log"
    echo "libFuzzer log: $log"
fi
exit "$status"

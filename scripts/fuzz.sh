#!/usr/bin/env bash
# Fuzzes the reader and the merge with cargo-fuzz (libFuzzer). Not part of CI: the
# corpus (fuzz/corpus/) and the regressions (tests/tests/hostile.rs) are.
#
#   scripts/fuzz.sh [seconds per target]     # default 300
#   FUZZ_TARGETS="read_parts" scripts/fuzz.sh 3600
#
# Installs cargo-fuzz when missing. cargo-fuzz needs nightly compiler flags; on a
# stable toolchain RUSTC_BOOTSTRAP=1 enables them. New inputs go to fuzz/work/<target>/
# (not committed), crashes to fuzz/artifacts/<target>/: turn each into a fixture under
# tests/fixtures/hostile/ and a test in tests/tests/hostile.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-300}"
TARGETS="${FUZZ_TARGETS:-read_validate read_parts merge}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz
fi

export RUSTC_BOOTSTRAP=1
for t in $TARGETS; do
    mkdir -p "fuzz/work/$t"
    echo "== fuzzing $t for ${SECONDS_PER_TARGET}s"
    (cd fuzz && nice -n 19 cargo fuzz run "$t" "work/$t" "corpus/$t" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=200000 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1)
done

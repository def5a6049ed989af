#!/usr/bin/env bash
# Every test: formatting, lints, unit and integration tests of all crates, and the
# end-to-end tests on committed fixtures made by other programs. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> toolchain components and test dependencies (scripts/deps.sh installs what is missing)"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
./scripts/deps.sh

echo "==> cargo fmt --check"
cargo fmt --all -- --check

echo "==> cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
# The builds with features off: the browser module's core (no TOML) and the check-only module.
cargo clippy -p jz-core -p jz-wasm --no-default-features --locked -- -D warnings

echo "==> cargo test (unit, integration and doc tests)"
cargo test --workspace --locked

echo "==> cargo doc (rustdoc warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

echo "==> the README walk-through (run.sh) on sample data"
./run.sh --no-serve >/tmp/jz-run.log 2>&1 || { cat /tmp/jz-run.log; exit 1; }
test -s "out/demo/2025年度汇总表.xlsx"
echo "run.sh: ok"

echo "==> the Word report: read back by python-docx, converted to PDF by LibreOffice, pages as PNG"
./scripts/report-test.sh

echo "==> every workbook on paper: LibreOffice prints them to PDF, word boxes measured, first pages as PNG"
./scripts/print-test.sh

echo "==> browser app: wasm-bindgen tests (node) and browser tests (headless Chromium)"
./scripts/web-test.sh

echo "==> the npm package: packed, installed into an empty folder, used from Node, TypeScript and a page"
./scripts/npm-test.sh

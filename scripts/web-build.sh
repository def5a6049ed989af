#!/usr/bin/env bash
# Builds the browser app into web-demo/dist/: the served page (index.html, the page's
# scripts web-demo/*.js as index.html lists them, worker.js, style.css, and two wasm
# modules: jz_wasm_check.js + jz_wasm_check_bg.wasm, the check-only module the first load
# fetches (--no-default-features, contract §14: at most 600 KB gzipped), and jz_wasm.js +
# jz_wasm_bg.wasm, the full module with the writers that the worker loads on first use)
# and one self-contained offline file dist/jz-report.html that works from file://. Installs the wasm target and
# wasm-bindgen-cli (the version in Cargo.lock) when they are missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
DIST=web-demo/dist

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "== rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WB_VERSION" ]; then echo "web-build: wasm-bindgen not found in Cargo.lock" >&2; exit 2; fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  echo "== cargo install wasm-bindgen-cli --version $WB_VERSION (about 2 minutes)"
  nice -n 19 cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

WASM="$TARGET_DIR/wasm32-unknown-unknown/release-wasm/jz_wasm.wasm"
WASM_CHECK="$TARGET_DIR/wasm32-unknown-unknown/release-wasm-check/jz_wasm.wasm"
rm -rf "$DIST"
mkdir -p "$DIST"
# The check-only module has its own profile (release-wasm-check, opt-level "z"). Each module gets
# its own global (jz_check, jz_writer) so the worker can hold both.
echo "== cargo build -p jz-wasm --no-default-features (release-wasm-check, check-only)"
nice -n 19 cargo build -p jz-wasm --target wasm32-unknown-unknown --profile release-wasm-check --no-default-features
wasm-bindgen "$WASM_CHECK" --out-dir "$DIST" --out-name jz_wasm_check --target no-modules --no-modules-global jz_check \
  --remove-name-section --remove-producers-section
echo "== cargo build -p jz-wasm (release-wasm, with the writers)"
nice -n 19 cargo build -p jz-wasm --target wasm32-unknown-unknown --profile release-wasm
wasm-bindgen "$WASM" --out-dir "$DIST" --out-name jz_wasm --target no-modules --no-modules-global jz_writer \
  --remove-name-section --remove-producers-section
cp web-demo/index.html web-demo/*.js web-demo/style.css "$DIST/"
python3 web-demo/inline.py "$DIST" "$DIST/jz-report.html"

size() { echo "$(wc -c < "$1") bytes ($(gzip -9 -c "$1" | wc -c) gzipped)"; }
echo "web-build: $DIST ready; first load wasm (check-only) $(size "$DIST/jz_wasm_check_bg.wasm"); writers on first use $(size "$DIST/jz_wasm_bg.wasm"); one-file page $DIST/jz-report.html ($(wc -c < "$DIST/jz-report.html") bytes)"

#!/usr/bin/env bash
# Builds the browser app into web-demo/dist/: the served page (index.html, the page's
# scripts web-demo/*.js as index.html lists them, worker.js, jz_wasm.js, jz_wasm_bg.wasm,
# style.css) and one self-contained offline file
# dist/jz-report.html that works from file://. Installs the wasm target and
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

echo "== cargo build -p jz-wasm (release-wasm)"
nice -n 19 cargo build -p jz-wasm --target wasm32-unknown-unknown --profile release-wasm
WASM="$TARGET_DIR/wasm32-unknown-unknown/release-wasm/jz_wasm.wasm"

rm -rf "$DIST"
mkdir -p "$DIST"
wasm-bindgen "$WASM" --out-dir "$DIST" --target no-modules --remove-name-section --remove-producers-section
cp web-demo/index.html web-demo/*.js web-demo/style.css "$DIST/"
python3 web-demo/inline.py "$DIST" "$DIST/jz-report.html"

RAW=$(wc -c < "$DIST/jz_wasm_bg.wasm")
GZ=$(gzip -9 -c "$DIST/jz_wasm_bg.wasm" | wc -c)
echo "web-build: $DIST ready; wasm $RAW bytes ($GZ gzipped); one-file page $DIST/jz-report.html ($(wc -c < "$DIST/jz-report.html") bytes)"

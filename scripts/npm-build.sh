#!/usr/bin/env bash
# Builds the npm package `jz-ip-report` from the wasm crate: the same release-wasm module as
# the page (scripts/web-build.sh), bound with `wasm-bindgen --target web` (ESM for browsers
# and bundlers), plus a Node.js entry (wasm/npm/node.js) that instantiates the packaged .wasm
# from disk; and the same again in check/ for the check-only module (`jz-ip-report/check`:
# read and validate, no workbook or report writer, built with --no-default-features), which
# is less than two thirds the size. Version and licence come from Cargo. Output:
# out/npm/package/ and the tarball
# out/npm/jz-ip-report-<version>.tgz (`npm pack`). Prints the tarball's path last.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=out/npm
PKG=$OUT/package

scripts/deps.sh >&2
WASM="$TARGET_DIR/wasm32-unknown-unknown/release-wasm/jz_wasm.wasm"
WASM_CHECK="$TARGET_DIR/wasm32-unknown-unknown/release-wasm-check/jz_wasm.wasm"
rm -rf "$OUT"
mkdir -p "$PKG/check"
# The check-only module first: both builds write the same file, and the full one is left
# in place for scripts/web-build.sh.
echo "== cargo build -p jz-wasm --no-default-features (release-wasm-check, check-only)" >&2
nice -n 19 cargo build -p jz-wasm --target wasm32-unknown-unknown --profile release-wasm-check --no-default-features >&2
wasm-bindgen "$WASM_CHECK" --out-dir "$PKG/check" --target web --remove-name-section --remove-producers-section
echo "== cargo build -p jz-wasm (release-wasm)" >&2
nice -n 19 cargo build -p jz-wasm --target wasm32-unknown-unknown --profile release-wasm >&2
wasm-bindgen "$WASM" --out-dir "$PKG" --target web --remove-name-section --remove-producers-section
cp wasm/npm/node.js wasm/npm/README.md wasm/npm/LICENSE "$PKG/"
cp wasm/npm/node.js "$PKG/check/"
read -r VERSION LICENSE < <(cargo metadata --no-deps --format-version 1 --offline 2>/dev/null | python3 -c '
import json, sys
p = next(p for p in json.load(sys.stdin)["packages"] if p["name"] == "jz-wasm")
print(p["version"], p["license"])')
sed -e "s/@VERSION@/$VERSION/" -e "s/@LICENSE@/$LICENSE/" wasm/npm/package.json.in > "$PKG/package.json"
(cd "$OUT" && npm pack ./package --silent --pack-destination . >/dev/null)
TGZ="$ROOT/$OUT/jz-ip-report-$VERSION.tgz"
test -s "$TGZ"
size() { echo "$(wc -c < "$1") bytes ($(gzip -9 -c "$1" | wc -c) gzipped)"; }
echo "npm-build: wasm $(size "$PKG/jz_wasm_bg.wasm"), check-only $(size "$PKG/check/jz_wasm_bg.wasm"); tarball $(wc -c < "$TGZ") bytes" >&2
echo "$TGZ"

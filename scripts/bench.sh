#!/usr/bin/env bash
# Benchmarks against baselines in the same run; writes bench/RESULTS.md.
# `scripts/bench.sh --quick` skips the 10,000-file merge. Installs openpyxl (PyPI), the npm
# packages of bench/browser and Debian's chromium when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import openpyxl" 2>/dev/null || pip install --quiet openpyxl
cargo build --release --quiet -p xlsx-tool -p jz-bench
python3 bench/run.py "$@"
# Browser: wasm against SheetJS in one headless Chromium page (writes bench/BROWSER.md).
[ -x /usr/bin/chromium ] || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }
(cd bench/browser && npm ci --no-audit --no-fund --silent)
scripts/web-build.sh | tail -n 1
node bench/browser/run.mjs target/release/jz-bench
# The end-of-plan evaluation in wasm (88 files, the npm package's release module), one line
# appended to bench/RESULTS.md.
PKG_JS="$(dirname "$(scripts/npm-build.sh)")/package/node.js"
echo "| $(node bench/evaluate-wasm.mjs "$PKG_JS") | | | | | target < 1 s |" >> bench/RESULTS.md

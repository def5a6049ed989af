#!/usr/bin/env bash
# Benchmarks against baselines in the same run; writes bench/RESULTS.md.
# `scripts/bench.sh --quick` skips the 10,000-file merge. Installs openpyxl (PyPI) if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import openpyxl" 2>/dev/null || pip install --quiet openpyxl
cargo build --release --quiet -p xlsx-tool -p jz-bench
python3 bench/run.py "$@"

#!/usr/bin/env bash
# Tests the npm package as a stranger would use it: `npm pack` (scripts/npm-build.sh), then in
# an empty folder `npm install ./jz-ip-report-<v>.tgz` and
#  1. a Node script imports it by name, validates a workbook and merges three: the same
#     diagnostics and totals as the CLI, and the check-only entry `jz-ip-report/check` the
#     same diagnostics without the writers (tests/npm/consumer-node.mjs);
#  2. TypeScript `tsc --noEmit --strict` on a file using the package (tests/npm/consumer.ts);
#  3. a plain `<script type="module">` page served on 127.0.0.1 does the same in headless
#     Chromium, with no request leaving its origin (tests/npm/page-test.mjs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

TGZ=$(scripts/npm-build.sh)
echo "== npm ci (tests/npm: typescript, playwright-core)"
(cd tests/npm && npm ci --no-audit --no-fund --silent)
nice -n 19 cargo build -q -p xlsx-tool
XLSX_TOOL="$TARGET_DIR/debug/xlsx-tool"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true' EXIT
cd "$WORK"
echo '{ "name": "consumer", "private": true, "type": "module" }' > package.json
echo "== npm install $(basename "$TGZ") into an empty folder"
npm install --no-audit --no-fund --no-package-lock --silent "$TGZ"
cp "$ROOT/tests/npm/consumer-node.mjs" "$ROOT/tests/npm/consumer.ts" "$ROOT/tests/npm/tsconfig.json" \
  "$ROOT/tests/npm/page.html" .

echo "== node: validate one, merge three, compare with the CLI"
EXPECTED=$(XLSX_TOOL="$XLSX_TOOL" FIXTURES="$ROOT/tests/fixtures" node consumer-node.mjs)
echo "npm package: Node results equal the CLI's"

echo "== tsc --noEmit --strict"
"$ROOT/tests/npm/node_modules/.bin/tsc" -p tsconfig.json
echo "npm package: types check under --strict"

echo "== plain ESM page in headless Chromium"
mkdir -p fixtures/merge_set
cp "$ROOT/tests/fixtures/status_invalid.xlsx" fixtures/
cp "$ROOT"/tests/fixtures/merge_set/*.xlsx fixtures/merge_set/
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/page.html')" 2>/dev/null && break
  sleep 0.1
done
mkdir -p "$ROOT/out/npm"
(cd "$ROOT/tests/npm" && BASE_URL="http://127.0.0.1:$PORT/" EXPECTED="$EXPECTED" OUT="$ROOT/out/npm" node page-test.mjs)
echo "npm-test: all passed"

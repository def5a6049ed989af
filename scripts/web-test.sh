#!/usr/bin/env bash
# Tests of the browser app: the #[wasm_bindgen_test] tests under node, then the built
# page in headless Chromium (playwright-core driving Debian's /usr/bin/chromium) against a
# local server on a free port, plus the one-file build over file://. Installs what it
# needs: chromium (apt), npm packages (npm ci), the wasm target and wasm-bindgen-cli.
# Between the two, tests/wasm-corpus/run.mjs gives the corpus and every fixture to the
# built module's validate and merge under node (contract §14: no trap).
# Screenshots and downloads go to out/browser-artifacts/. Last line: "N passed, M failed".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

if [ ! -x /usr/bin/chromium ]; then
  echo "== apt-get install chromium chromium-driver"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "== apt-get install fonts-wqy-microhei (Chinese text in the screenshots)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-wqy-microhei || echo "(no Chinese font: screenshots show boxes)"
fi
echo "== npm ci (tests/browser)"
(cd tests/browser && npm ci --no-audit --no-fund)

scripts/web-build.sh
echo "== cargo build -p xlsx-tool (the CLI that checks the downloads)"
nice -n 19 cargo build -p xlsx-tool
echo "== wasm-bindgen tests under node"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  nice -n 19 cargo test --target wasm32-unknown-unknown -p jz-wasm
echo "== the corpus and every fixture through the built module (validate, merge: no trap, Chinese)"
DIST="$ROOT/web-demo/dist" ROOT="$ROOT" node tests/wasm-corpus/run.mjs

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory web-demo/dist >/dev/null 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/')" 2>/dev/null && break
  sleep 0.1
done

rm -rf out/browser-artifacts
echo "== browser tests (http://127.0.0.1:$PORT/)"
BASE_URL="http://127.0.0.1:$PORT/" DIST="$ROOT/web-demo/dist" XLSX_TOOL="$TARGET_DIR/debug/xlsx-tool" \
  FIXTURES="$ROOT/tests/fixtures" OUT="$ROOT/out/browser-artifacts" node tests/browser/run.mjs

#!/usr/bin/env bash
# Builds the browser app and serves web-demo/dist on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/web-build.sh"
PORT=${PORT:-8080}
echo "网页已启动：请在浏览器中打开 http://127.0.0.1:$PORT/ （按 Ctrl+C 停止）"
cd "$ROOT/web-demo/dist"
exec python3 -m http.server "$PORT" --bind 127.0.0.1

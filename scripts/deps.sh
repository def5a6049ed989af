#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain, each only when missing, so a fresh
# machine (or CI) gets everything from the package registries and a prepared one loses no time:
# - Debian: chromium + chromium-driver (browser tests), a Chinese font (screenshots, PDF pages),
#   Carlito (Calibri's metrics, so LibreOffice prints the workbooks' columns as Excel does),
#   LibreOffice calc and writer (files saved by another program; the report converted to PDF),
#   poppler-utils (PDF pages as PNG, pdftotext), time (peak memory in the corpus test);
# - PyPI: openpyxl (fixture scripts, independent reader), python-docx (report read back),
#   msoffcrypto-tool (encrypted fixtures);
# - the wasm32 target and wasm-bindgen-cli at the version in Cargo.lock (scripts/web-build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-wqy-microhei)
# Calibri's metrics for LibreOffice (scripts/print-test.sh): without it columns print a third wider.
fc-list 2>/dev/null | grep -qi carlito || need_apt+=(fonts-crosextra-carlito)
command -v soffice >/dev/null || need_apt+=(libreoffice-calc-nogui)
[ -e /usr/lib/libreoffice/program/libswlo.so ] || need_apt+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

need_pip=()
python3 -c "import openpyxl" 2>/dev/null || need_pip+=(openpyxl)
python3 -c "import docx" 2>/dev/null || need_pip+=(python-docx)
python3 -c "import msoffcrypto" 2>/dev/null || need_pip+=(msoffcrypto-tool)
if [ ${#need_pip[@]} -gt 0 ]; then
  echo "== pip install ${need_pip[*]}"
  pip install --quiet --disable-pip-version-check "${need_pip[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "== rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  echo "== cargo install wasm-bindgen-cli --version $WB_VERSION (about 2 minutes)"
  nice -n 19 cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

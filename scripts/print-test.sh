#!/usr/bin/env bash
# Every workbook kind on paper (issue 23, contract §13): the CLI writes a blank template,
# the built-in samples (a filled 填报表 of 孟州市), the annotated copy of a sample with
# errors, the city summary of the samples and the plan workbook; LibreOffice prints each
# to PDF (A4, as the workbook's print setup says) and scripts/print_check.py reads the
# pages back with poppler's word boxes: printed text size, page numbers, repeated header
# rows, all nine columns on page 1, the signing line. First pages go to out/print/ as PNG.
# Needs soffice (libreoffice-calc-nogui), poppler-utils, openpyxl and the Carlito font
# (fonts-crosextra-carlito: Calibri's metrics, without which LibreOffice draws the columns
# a third wider than Excel does). About a minute.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=out/print
rm -rf "$OUT"
mkdir -p "$OUT/xlsx" "$OUT/pdf"
fc-list | grep -qi carlito || { echo "print-test: the Carlito font is missing (scripts/deps.sh installs fonts-crosextra-carlito)" >&2; exit 1; }

nice cargo build -q -p xlsx-tool --bin xlsx-tool
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/debug/xlsx-tool
X=$OUT/xlsx
"$BIN" template --unit 市场监管局 --year 2025 -o "$X/blank.xlsx" >/dev/null
"$BIN" sample --year 2025 -o "$OUT/samples" >/dev/null
cp "$OUT/samples/孟州市_2025年度填报表.xlsx" "$X/filled.xlsx"
# validate exits 1 on files with errors: that is what makes the annotated copies.
"$BIN" validate "$OUT/samples/博爱县_2025年度填报表.xlsx" --annotate "$OUT/annotated" >/dev/null 2>&1 || true
cp "$OUT/annotated/博爱县_2025年度填报表_问题标注.xlsx" "$X/annotated.xlsx"
# The samples hold one rejected file on purpose: merge exits 1.
"$BIN" merge "$OUT/samples" --year 2025 -o "$X/summary.xlsx" >/dev/null 2>&1 || true
test -s "$X/summary.xlsx"
"$BIN" plan export -o "$X/plan.xlsx" >/dev/null
"$BIN" sample --years 2022-2025 -o "$OUT/years" >/dev/null
"$BIN" evaluate "$OUT/years" -o "$X/evaluation.xlsx" >/dev/null 2>&1 || true
test -s "$X/evaluation.xlsx"
"$BIN" plan --json >"$OUT/plan.json"

# The size yardstick: Calibri 9 pt and 11 pt at 100 %, printed by the same LibreOffice
# with the same fonts, so word-box heights compare like with like.
python3 - "$X/calibration.xlsx" <<'PY'
import sys, openpyxl
from openpyxl.styles import Font
wb = openpyxl.Workbook(); ws = wb.active
for row, size in enumerate([9, 11], start=1):
    ws.cell(row=row, column=1, value=f"进展情况ABC{size}").font = Font(name="Calibri", size=size)
ws.page_setup.paperSize = 9
ws.page_setup.scale = 100
wb.save(sys.argv[1])
PY

soffice --headless --convert-to pdf --outdir "$OUT/pdf" "$X"/*.xlsx >"$OUT/soffice.log" 2>&1
for kind in blank filled annotated summary plan evaluation; do
  pdftoppm -f 1 -l 1 -r 70 -png -singlefile "$OUT/pdf/$kind.pdf" "$OUT/$kind-page1"
done
python3 scripts/print_check.py "$OUT/pdf" "$OUT/plan.json" | tee "$OUT/figures.txt"
echo "print-test: ok (PDFs and first pages in $OUT)"

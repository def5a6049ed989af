#!/usr/bin/env bash
# The Word report in other programs (issue 13): the CLI writes the report of the built-in
# samples, python-docx reads it back (page, margins, headings), LibreOffice converts it to
# PDF without error, pdftotext finds the title and the page numbers (odd right, even
# left), and pdftoppm renders the first pages into out/report-artifacts/ for people to
# look at. Needs soffice (libreoffice-writer-nogui), poppler-utils and python3-docx.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=out/report-artifacts
rm -rf "$OUT"
mkdir -p "$OUT"

nice cargo build -q -p xlsx-tool --bin xlsx-tool
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/debug/xlsx-tool
"$BIN" sample --year 2025 -o "$OUT/samples" >/dev/null
set +e
"$BIN" report "$OUT/samples" --year 2025 -o "$OUT/报告.docx" --json >"$OUT/report.json"
rc=$?
set -e
# The samples hold one rejected file on purpose: exit 1 as for merge.
if [ "$rc" != 1 ]; then echo "report-test: expected exit 1 (one rejected sample), got $rc" >&2; exit 1; fi
python3 - "$OUT/report.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["output"].endswith("报告.docx"), j["output"]
assert j["year"] == 2025 and len(j["indicators"]) == 26, "the merge JSON plus output"
EOF

# An independent reader: python-docx.
python3 - "$OUT/报告.docx" <<'EOF'
import sys
from docx import Document
from docx.shared import Mm
d = Document(sys.argv[1])
s = d.sections[0]
assert (s.page_width, s.page_height) == (11906 * 635, 16838 * 635), (s.page_width, s.page_height)
for got, mm in [(s.top_margin, 37), (s.bottom_margin, 35), (s.left_margin, 28), (s.right_margin, 26)]:
    assert abs(got - Mm(mm)) < Mm(0.05), (got, mm)
texts = [p.text for p in d.paragraphs]
assert texts[0] == "2025年度焦作市推动知识产权高质量发展\n工作情况报告", texts[0]
heads = [p.text for p in d.paragraphs if p.style.style_id == "1"]
assert heads == ["一、总体情况", "二、主要工作进展", "三、量化指标完成情况", "四、存在的问题", "五、下一步工作安排", "附件"], heads
assert len(d.tables) == 2 and len(d.tables[0].rows) == 27 and len(d.tables[1].rows) == 23
assert d.settings.odd_and_even_pages_header_footer
print("python-docx: page, margins, title, headings, tables ok")
EOF

# LibreOffice: convert to PDF with a private profile (two soffice may not share one).
PROFILE=/tmp/lo-report-$$
soffice --headless "-env:UserInstallation=file://$PROFILE" --convert-to pdf --outdir "$OUT" "$OUT/报告.docx" >"$OUT/soffice.log" 2>&1 || {
  cat "$OUT/soffice.log" >&2; echo "report-test: LibreOffice failed to convert the report" >&2; exit 1; }
rm -rf "$PROFILE"
PDF="$OUT/报告.pdf"
test -s "$PDF" || { cat "$OUT/soffice.log" >&2; echo "report-test: no PDF" >&2; exit 1; }
pdftoppm -png -r 60 -f 1 -l 3 "$PDF" "$OUT/page"
ls "$OUT"/page-*.png >/dev/null

# Text checks on the PDF: the title, "— 1 —" on the right of page 1, "— 2 —" on the left of page 2.
pdftotext -f 1 -l 1 "$PDF" - | tr -d '\n' | grep -q "2025年度焦作市推动知识产权高质量发展" ||
  pdftotext -f 1 -l 1 "$PDF" - | tr -d ' \n' | grep -q "2025年度焦作市推动知识产权高质量发展" || {
  echo "report-test: title not on page 1" >&2; exit 1; }
number_line() { pdftotext -layout -f "$1" -l "$1" "$PDF" - | grep -E "—[[:space:]]*$1[[:space:]]*—" | tail -1; }
ODD=$(number_line 1)
EVEN=$(number_line 2)
[ -n "$ODD" ] && [ -n "$EVEN" ] || { echo "report-test: page numbers — 1 — / — 2 — not found" >&2; exit 1; }
indent() { local s="$1"; local t="${s#"${s%%[![:space:]]*}"}"; echo $(( ${#s} - ${#t} )); }
if [ "$(indent "$ODD")" -le 20 ] || [ "$(indent "$EVEN")" -ge 20 ]; then
  echo "report-test: odd page number should be on the right, even on the left: [$ODD] [$EVEN]" >&2; exit 1
fi
PAGES=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')
echo "report-test: ok — $PAGES pages, PNGs of pages 1-3 in $OUT/"

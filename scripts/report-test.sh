#!/usr/bin/env bash
# The Word report in other programs (issue 13): the CLI writes the report of the built-in
# samples, python-docx reads it back (page, margins, headings), LibreOffice converts it to
# PDF without error, pdftotext finds the title and the page numbers (odd right, even
# left), and pdftoppm renders the first pages into out/report-artifacts/ for people to
# look at. Then the same for the end-of-plan evaluation (issue 22): the four sample years
# through `evaluate`, its JSON against `merge --year Y --json` of each year, the workbook read
# back with openpyxl, the report with python-docx, converted by LibreOffice, first pages as
# PNG in out/report-artifacts/evaluation/. Needs soffice (libreoffice-writer-nogui), poppler-utils and python3-docx.
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

# ---- The end-of-plan evaluation (issue 22) ----
EV="$OUT/evaluation"
mkdir -p "$EV"
"$BIN" sample --years 2022-2025 -o "$EV/samples" >/dev/null
set +e
"$BIN" evaluate "$EV/samples" -o "$EV/终期评估表.xlsx" --docx "$EV/终期评估报告.docx" --json >"$EV/evaluate.json"
rc=$?
set -e
if [ "$rc" != 1 ]; then echo "report-test: evaluate should exit 1 (one rejected sample), got $rc" >&2; exit 1; fi
for y in 2022 2023 2024 2025; do
  mkdir -p "$EV/y$y"
  for f in "$EV"/samples/*_${y}年度*; do cp "$f" "$EV/y$y/"; done
  "$BIN" merge "$EV/y$y" --year "$y" -o "$EV/y$y.xlsx" --json >"$EV/merge-$y.json" || true
done
python3 - "$EV" <<'EOF'
import json, sys, os
from openpyxl import load_workbook
from docx import Document
ev = sys.argv[1]
e = json.load(open(os.path.join(ev, "evaluate.json")))
assert e["years"] == [2022, 2023, 2024, 2025], e["years"]
# Each year's figures are that year's merge.
for y in e["years"]:
    m = json.load(open(os.path.join(ev, f"merge-{y}.json")))
    for t in m["indicators"]:
        i = next(i for i in e["indicators"] if i["id"] == t["id"])
        assert i["values"][str(y)] == t["total"], (y, t["id"], i["values"], t["total"])
    for mc in m["measures"]:
        counts = {k: 0 for k in mc["status_counts"]}
        for x in e["measures"]:
            if x["id"] == mc["id"]:
                counts[x["statuses"][str(y)]] += 1
        assert counts == mc["status_counts"], (y, mc["id"], counts, mc["status_counts"])
    not_in = [u["unit"] for u in e["units"] if u["unit"] in m["missing_units"]]
    assert not_in == m["missing_units"], (y, not_in, m["missing_units"])
# The workbook read back with openpyxl equals the JSON.
wb = load_workbook(os.path.join(ev, "终期评估表.xlsx"))
assert wb.sheetnames[:3] == ["指标终期评估", "举措终期评估", "单位报送情况"], wb.sheetnames
ws = wb["指标终期评估"]
head = [c.value for c in ws[1]]
assert head == ["指标编号", "指标名称", "属性", "计量单位", "基期值", "目标值", "2022年", "2023年", "2024年", "2025年", "期末值", "完成率", "评估结论"], head
for r, i in zip(ws.iter_rows(min_row=2, values_only=True), e["indicators"]):
    assert r[0] == i["id"] and r[5] == i["target"], (r, i)
    assert list(r[6:10]) == [i["values"][str(y)] for y in e["years"]], (r, i)
    assert r[10] == i["final"] and r[11] == i["rate"] and r[12] == i["verdict"], (r, i)
assert ws.freeze_panes == "C2" and ws.print_title_rows == "$1:$1", (ws.freeze_panes, ws.print_title_rows)
assert ws.page_setup.paperSize in (9, "9") and "&P" in (ws.oddFooter.center.text or ""), ws.oddFooter.center.text
assert ws.conditional_formatting, "verdict colours"
assert ws._charts, "the chart of rates"
ws = wb["举措终期评估"]
rows = list(ws.iter_rows(min_row=2, values_only=True))
assert len(rows) == len(e["measures"])
for r, m in zip(rows, e["measures"]):
    assert (r[0], r[2], r[-2], r[-1]) == (m["id"], m["unit"], m["final_status"], m["verdict"]), (r, m)
    assert list(r[4:8]) == [m["statuses"][str(y)] for y in e["years"]], (r, m)
ws = wb["单位报送情况"]
rows = list(ws.iter_rows(min_row=2, values_only=True))
assert [list(r) for r in rows] == [[u["unit"], u["expected"], u["reported"], u["on_time"], u["late"], u["rejected"], u["missing"]] for u in e["units"]], rows
# The report read back with python-docx.
d = Document(os.path.join(ev, "终期评估报告.docx"))
texts = [p.text for p in d.paragraphs]
assert texts[0].replace("\n", "") == e["plan"] + "实施情况终期评估报告", texts[0]
heads = [p.text for p in d.paragraphs if p.style.style_id == "1"]
assert heads == ["一、总体评价", "二、主要指标完成情况", "三、重点任务落实情况", "四、存在的主要问题", "附件"], heads
assert any(t.startswith("附件：单位报送情况") for t in texts)
assert sum(t.startswith("【请填写：") for t in texts) >= 2
# Part 三: under each measure's level-3 heading (plan order), every responsible unit's last
# 进展情况 verbatim, exactly once.
paras = d.paragraphs
start = next(i for i, p in enumerate(paras) if p.text == "三、重点任务落实情况")
stop = next(i for i, p in enumerate(paras) if p.text == "四、存在的主要问题")
blocks, cur = [], None
for p in paras[start + 1:stop]:
    if p.style.style_id == "3":
        cur = []
        blocks.append(cur)
    elif p.style.style_id == "a0" and cur is not None:
        cur.append(p.text)
ids = list(dict.fromkeys(m["id"] for m in e["measures"]))
assert len(blocks) == len(ids), (len(blocks), len(ids))
checked = 0
for m in e["measures"]:
    block = blocks[ids.index(m["id"])]
    mine = [t for t in block if t.startswith(m["unit"] + "（")]
    assert len(mine) == 1, (m["id"], m["unit"], mine)
    if m["progress"].strip():
        assert mine[0].endswith("）：" + m["progress"]), (m["id"], m["unit"], mine[0][:60])
        checked += 1
assert checked > 400, checked
t = d.tables[0]
assert [c.text for c in t.rows[0].cells] == ["指标", "目标值", "期末值", "完成率", "评估结论"]
for row, i in zip(t.rows[1:], e["indicators"]):
    cells = [c.text for c in row.cells]
    assert cells[-1] == i["verdict"], (cells, i)
    rate = "—" if i["rate"] is None else "%.1f%%" % (round(i["rate"], 6) * 100)
    assert cells[-2] == rate, (cells, i)
    final = "—" if i["final"] is None else ("%g" % i["final"] if i["final"] != int(i["final"]) else str(int(i["final"])))
    assert cells[2] == final, (cells, i)
a = d.tables[1]
assert len(a.rows) == len(e["units"]) + 1
print("evaluation: JSON = merge per year; workbook (openpyxl) and report (python-docx) = JSON")
EOF
PROFILE=/tmp/lo-eval-$$
soffice --headless "-env:UserInstallation=file://$PROFILE" --convert-to pdf --outdir "$EV" "$EV/终期评估报告.docx" >"$EV/soffice.log" 2>&1 || {
  cat "$EV/soffice.log" >&2; echo "report-test: LibreOffice failed to convert the evaluation report" >&2; exit 1; }
rm -rf "$PROFILE"
test -s "$EV/终期评估报告.pdf" || { echo "report-test: no evaluation PDF" >&2; exit 1; }
pdftoppm -png -r 60 -f 1 -l 3 "$EV/终期评估报告.pdf" "$EV/page"
EPAGES=$(pdfinfo "$EV/终期评估报告.pdf" | awk '/^Pages:/ {print $2}')
echo "report-test: evaluation ok — $EPAGES pages, PNGs of pages 1-3 in $EV/"

#!/usr/bin/env python3
"""Reads the PDFs LibreOffice printed from the tool's workbooks (scripts/print-test.sh) and
checks contract §13 on the pages themselves, with poppler's word boxes (pdftotext -bbox).

Printed text size: a word box is as high as the font's ascent plus descent, 1.3 times its
size for the fonts LibreOffice uses here, so the sizes are compared with the boxes of
Calibri 9 pt and 11 pt printed at 100 % by the same LibreOffice (calibration.pdf): every
word on every page must be at least as high as the 9 pt word, less 0.05 pt for the
rounding of box coordinates (heights repeat to 0.01 pt across pages; 0.05 pt of box is
0.04 pt of text).
"""
import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"
TASK_COLUMNS = ["序号", "任务内容", "落实举措", "责任单位", "完成状态", "进展情况", "存在问题", "下一步计划", "佐证材料"]
DETAIL_KEYS = ["序号", "进展情况", "来源文件"]
SIGNING = ["填报人：", "单位负责人：", "（单位盖章）"]
PAGE_NO = re.compile(r"第\s*(\d+)\s*页\s*共\s*(\d+)\s*页")
TOLERANCE = 0.05
MARGIN_BAND = 54.0  # 0.75 in: page header above, footer below (points)


class Page:
    def __init__(self, el):
        self.width = float(el.get("width"))
        self.height = float(el.get("height"))
        self.words = [
            (w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")))
            for w in el.findall(f"{NS}word")
        ]
        # Reading order: line by line (rounded top), left to right.
        self.words.sort(key=lambda w: (round(w[2]), w[1]))
        self.text = " ".join(w[0] for w in self.words)
        self.head = " ".join(w[0] for w in self.words if w[4] < MARGIN_BAND)
        self.foot = " ".join(w[0] for w in self.words if w[2] > self.height - MARGIN_BAND - 20)
        self.body = " ".join(w[0] for w in self.words if MARGIN_BAND <= w[4] and w[2] <= self.height - MARGIN_BAND - 20)

    def min_height(self):
        return min((w[4] - w[2] for w in self.words), default=None)


def pages(pdf):
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [Page(p) for p in ET.fromstring(xml).iter(f"{NS}page")]


def box(pdf, label):
    for p in pages(pdf):
        for w in p.words:
            if w[0] == label:
                return w[4] - w[2]
    raise AssertionError(f"{label} not in {pdf}")


def main():
    pdf_dir = Path(sys.argv[1])
    plan = json.load(open(sys.argv[2], encoding="utf-8"))
    h9, h11 = box(pdf_dir / "calibration.pdf", "进展情况ABC9"), box(pdf_dir / "calibration.pdf", "进展情况ABC11")
    per_pt = h11 / 11
    floor = h9 - TOLERANCE
    print(f"calibration: 9 pt = {h9:.2f} pt box, 11 pt = {h11:.2f} pt box ({per_pt:.3f} box per pt)")
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    for kind in ["blank", "filled", "annotated", "summary", "plan", "evaluation"]:
        ps = pages(pdf_dir / f"{kind}.pdf")
        check(ps, f"{kind}: no pages")
        smallest = min(p.min_height() for p in ps if p.words)
        print(f"{kind}: {len(ps)} pages, smallest text {smallest / per_pt:.1f} pt (box {smallest:.2f})")
        for i, p in enumerate(ps, start=1):
            m = PAGE_NO.search(p.foot)
            check(m is not None, f"{kind} page {i}: no 第 N 页 共 M 页 in the footer ({p.foot[:80]!r})")
            if m:
                check(int(m.group(1)) <= int(m.group(2)), f"{kind} page {i}: {m.group(0)}")
            mh = p.min_height()
            check(mh is None or mh >= floor, f"{kind} page {i}: text at {mh and mh / per_pt:.1f} pt, under 9 pt")
            check(all(w[3] <= p.width + 0.5 for w in p.words), f"{kind} page {i}: text beyond the page edge")

        if kind in ("blank", "filled", "annotated"):
            unit = "市场监管局" if kind == "blank" else ("孟州市" if kind == "filled" else "博爱县")
            first = ps[0]
            for label in TASK_COLUMNS:
                check(label in first.body.split(), f"{kind} page 1: column header {label} missing")
            tasks = [p for p in ps if "任务填报" in p.head]
            check(len(tasks) >= 2, f"{kind}: the 任务填报 sheet should take several pages, got {len(tasks)}")
            for i, p in enumerate(tasks, start=1):
                words = p.body.split()
                check(all(label in words for label in TASK_COLUMNS), f"{kind} 任务填报 page {i}: header row not repeated")
                check(f"填报单位：{unit}" in p.head, f"{kind} 任务填报 page {i}: unit missing in the page header")
                check("报告年度：2025" in p.head, f"{kind} 任务填报 page {i}: year missing in the page header")
                check(plan["title"] in p.head.replace(" ", ""), f"{kind} 任务填报 page {i}: plan title missing")
                for word in SIGNING:
                    check(word in p.foot, f"{kind} 任务填报 page {i}: {word} missing in the footer")
            if kind == "annotated":
                last = ps[-1]
                check("问题清单" in last.text and "【错误】" in last.text, "annotated: the problems do not print at the end")
        if kind == "summary":
            detail = [p for p in ps if "任务明细" in p.head]
            check(len(detail) >= 2, f"summary: 任务明细 should take several pages, got {len(detail)}")
            for i, p in enumerate(detail, start=1):
                check(all(k in p.body.split() for k in DETAIL_KEYS), f"summary 任务明细 page {i}: header row not repeated")

        if kind == "evaluation":
            measures = [p for p in ps if "举措终期评估" in p.head]
            check(len(measures) >= 2, f"evaluation: 举措终期评估 should take several pages, got {len(measures)}")
            for i, p in enumerate(measures, start=1):
                check(all(k in p.body.split() for k in ["举措编号", "终期状态", "评估结论"]), f"evaluation 举措终期评估 page {i}: header row not repeated")
            check(any("指标终期评估" in p.head for p in ps) and any("单位报送情况" in p.head for p in ps), "evaluation: a sheet does not print")

    for f in failures:
        print("FAIL", f, file=sys.stderr)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()

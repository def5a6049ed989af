"""The baseline an office's IT helper would write with openpyxl.

  python3 openpyxl_baseline.py read DIR        read the same cells of every workbook, sum the indicators
  python3 openpyxl_baseline.py merge DIR OUT   the same, plus write the detail rows and totals to OUT
"""
import sys
from collections import defaultdict
from pathlib import Path

import openpyxl

TASK_COLS = ["序号", "任务内容", "落实举措", "责任单位", "完成状态", "进展情况", "存在问题", "下一步计划", "佐证材料"]


def read_one(path: Path):
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    tasks = wb["任务填报"]
    rows = list(tasks.iter_rows(values_only=True))
    head = rows[1]
    contact = {head[i]: head[i + 1] for i in range(0, len(head) - 1, 2)}
    measures = [r for r in rows[3:] if r and r[0]]
    indicators = []
    if "指标填报" in wb.sheetnames:
        for r in list(wb["指标填报"].iter_rows(values_only=True))[1:]:
            if r and r[0]:
                indicators.append((r[0], r[4]))
    wb.close()
    return contact, measures, indicators


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    totals = defaultdict(float)
    detail = []
    files = sorted(folder.glob("*.xlsx"))
    for path in files:
        contact, measures, indicators = read_one(path)
        unit = contact.get("填报单位")
        for iid, value in indicators:
            if isinstance(value, (int, float)):
                totals[iid] += value
        if mode == "merge":
            detail.extend([*m[:9], unit, path.name] for m in measures)
    if mode == "merge":
        out = openpyxl.Workbook(write_only=True)
        ws = out.create_sheet("任务明细")
        ws.append(TASK_COLS + ["填报单位", "来源文件"])
        for row in detail:
            ws.append(row)
        wt = out.create_sheet("指标汇总")
        for iid in sorted(totals):
            wt.append([iid, totals[iid]])
        out.save(sys.argv[3])
    print(f"{len(files)} files, {len(totals)} indicators summed")


if __name__ == "__main__":
    main()

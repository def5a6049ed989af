#!/usr/bin/env python3
"""Writes the committed seed corpus of the fuzz targets from tests/fixtures.

    python3 fuzz/seeds.py

read_validate: real workbooks as they are. read_parts: the same workbooks' zip parts in
the target's text form (b"\\0name\\0content" per part). merge: a few files joined with
the merge target's separator.
"""
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent
FIX = ROOT.parent / "tests" / "fixtures"
SEP = b"\n--JZ-FILE--\n"


def write(target, name, data):
    d = ROOT / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def parts(path):
    out = b""
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            out += b"\0" + info.filename.encode() + b"\0" + z.read(info)
    return out


for f in ["good_haiguan.xlsx", "good_mengzhou.xlsx", "merged_cells.xlsx", "lo_mengzhou.xls",
          "lo_mengzhou.ods", "lo_mengzhou.xlsx", "csv_gbk.csv", "csv_utf8_bom.csv"]:
    write("read_validate", f, (FIX / f).read_bytes())

for f in ["good_haiguan.xlsx", "good_mengzhou.xlsx", "lo_mengzhou.xlsx", "lo_mengzhou.ods"]:
    write("read_parts", f + ".parts", parts(FIX / f))

write("merge", "haiguan_and_csv", (FIX / "good_haiguan.xlsx").read_bytes() + SEP + (FIX / "csv_utf8.csv").read_bytes())
ms = FIX / "merge_set"
write("merge", "wenxian_twice_and_mengzhou",
      SEP.join((ms / n).read_bytes() for n in ["孟州市.xlsx", "温县_v1.xlsx", "温县_v2.xlsx"]))
write("merge", "bad_and_good", SEP.join((FIX / n).read_bytes() for n in ["truncated.xlsx", "good_haiguan.xlsx"]))

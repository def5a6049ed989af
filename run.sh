#!/usr/bin/env bash
# The main job: build the tool, walk through a whole reporting round on the built-in
# sample data (templates for all units, four years of filled sample workbooks, validation with marked
# copies, the city summary, reading it back; everything lands in out/demo/), then build
# the browser app and serve it on 127.0.0.1 (Ctrl+C stops it).
# `./run.sh --no-serve` builds everything but does not start the server (used by test.sh).
set -euo pipefail
cd "$(dirname "$0")"
SERVE=1
[ "${1:-}" = "--no-serve" ] && SERVE=0

YEAR="${YEAR:-2025}"
FIRST="${FIRST:-2022}"
OUT="out/demo"
echo "==> 编译 xlsx-tool（首次约需 1–2 分钟）"
cargo build --release --quiet -p xlsx-tool
TOOL="target/release/xlsx-tool"
rm -rf "$OUT" && mkdir -p "$OUT"

echo
echo "==> 1. 计划概要：xlsx-tool plan"
"$TOOL" plan >"$OUT/计划.txt"
head -n 12 "$OUT/计划.txt"
echo "    ……（完整内容：xlsx-tool plan；JSON：xlsx-tool plan --json）"

echo
echo "==> 2. 为全部责任单位生成 ${YEAR} 年度填报模板：xlsx-tool template --all"
"$TOOL" template --all --year "$YEAR" -o "$OUT/模板" >/dev/null
echo "    共 $(ls "$OUT/模板" | wc -l) 个模板，位于 $OUT/模板/"

echo
echo "==> 3. 生成 ${FIRST}–${YEAR} 四个年度的示例填报表（模拟各单位历年交回的文件）：xlsx-tool sample --years"
"$TOOL" sample --years "${FIRST}-${YEAR}" -o "$OUT/各单位报送"

echo
echo "==> 4. 校验全部文件，并为有问题的文件生成标注副本：xlsx-tool validate --annotate"
"$TOOL" validate "$OUT/各单位报送" --annotate "$OUT/问题标注" | grep -v "^  提醒" | grep -E "错误|^共|：\[" || true

echo
echo "==> 5. 汇总为 ${YEAR} 年度全市汇总表（往年文件用于多年度进度和与上一年度的对比）：xlsx-tool merge"
"$TOOL" merge "$OUT/各单位报送" --year "$YEAR" -o "$OUT/${YEAR}年度汇总表.xlsx" || true

echo
echo "==> 6. 读回汇总表：xlsx-tool read --json（节选）"
"$TOOL" read "$OUT/${YEAR}年度汇总表.xlsx" --json >"$OUT/汇总表.json"
head -n 20 "$OUT/汇总表.json"
echo
echo "命令行演示完成。请打开 $OUT/ 查看模板、标注副本和 ${YEAR}年度汇总表.xlsx。"

echo
echo "==> 7. 浏览器版：编译网页（首次需安装 wasm 工具链，约 3–5 分钟）"
./scripts/web-build.sh | tail -n 1
echo "    离线单文件版：web-demo/dist/jz-report.html（可拷贝到任何电脑，双击打开）"
if [ "$SERVE" = 1 ]; then
  echo
  echo "==> 8. 启动网页（页面内点“示例数据”即可看到完整流程；按 Ctrl+C 停止）"
  exec ./scripts/web-serve.sh
fi

// 终期评估 in the page (issue 22): the samples' four years → the 终期评估 section appears →
// generated with the keyboard → the indicator table equals the CLI's `evaluate --json` on
// the same files, the measures not completed and the reporting record are shown, axe finds
// nothing, and both downloads are read back (openpyxl, python-docx).
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, OUT, assert, axe, cli, closePage, has, idle, openPage, py, save, skip, test } from './lib.mjs';

/** The page's files written to `dir` (importing basics.mjs would run its tests). */
async function dumpFiles(page, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = await page.evaluate(() => window.JZ.state.files.map((f) => ({ name: f.name, bytes: Array.from(f.bytes) })));
  for (const f of files) fs.writeFileSync(path.join(dir, path.basename(f.name)), Buffer.from(f.bytes));
}

await test('samples of four years → 终期评估 → table as the CLI, both downloads read back', async () => {
  const t = await openPage(BASE_URL, { contextOptions: { bypassCSP: true } });
  const { page } = t;
  if (!(await has(page, 'samplesYears')) || !(await has(page, 'evaluate'))) skip('no samplesYears/evaluate in this build');
  assert(await page.locator('#sec-evaluate').isHidden(), 'no 终期评估 before files of several years are in');
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 80, null, { timeout: 240000 });
  await idle(page);
  await page.waitForSelector('#sec-evaluate:not([hidden])');
  // Keyboard only: focus the button and press Enter.
  await page.focus('#evaluate');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#evaluate-indicators tbody tr', { timeout: 180000 });
  await idle(page);
  const rows = await page.locator('#evaluate-indicators tbody tr').count();
  assert(rows === 26, '26 indicator rows, got ' + rows);
  const head = await page.locator('#evaluate-indicators thead th').allTextContents();
  assert(head.join('|') === '指标编号|指标名称|属性|计量单位|基期值|目标值|2022年|2023年|2024年|2025年|期末值|完成率|评估结论', 'header ' + head.join('|'));
  const verdicts = await page.locator('#evaluate-indicators td.verdict').allTextContents();
  assert(await page.locator('#evaluate-units-table tbody tr').count() === 22, '22 units in the reporting record');
  await page.evaluate(() => window.JZ.scrollToEl(document.getElementById('sec-evaluate')));
  await page.screenshot({ path: path.join(OUT, '20-evaluation.png') });
  await axe(page, 'evaluation');

  // The same files through the CLI give the same verdicts and record.
  const dir = path.join(OUT, 'evaluate-dump');
  await dumpFiles(page, dir);
  const c = cli('evaluate', dir, '-o', path.join(OUT, 'cli-evaluation.xlsx'), '--json');
  assert(c.json, 'CLI evaluate: ' + c.stderr);
  assert(JSON.stringify(c.json.indicators.map((i) => i.verdict)) === JSON.stringify(verdicts), `verdicts: CLI ${c.json.indicators.map((i) => i.verdict)} page ${verdicts}`);
  const open = c.json.measures.filter((m) => m.verdict === '未完成').length;
  const shown = await page.locator('#evaluate-measures tbody tr').count();
  assert(shown === open, `measures not completed: CLI ${open} page ${shown}`);
  const record = await page.locator('#evaluate-units-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  const want = c.json.units.map((u) => [u.unit, u.expected, u.reported, u.on_time, u.late, u.rejected, u.missing].map(String));
  assert(JSON.stringify(record) === JSON.stringify(want), 'reporting record as the CLI');

  // Both downloads, with the keyboard.
  await page.focus('#evaluate-xlsx');
  const x = await save(page, () => page.keyboard.press('Enter'));
  assert(x.suggested === '终期评估表.xlsx', 'workbook name ' + x.suggested);
  const sheets = py('import sys, json; from openpyxl import load_workbook; wb = load_workbook(sys.argv[1]); ws = wb["指标终期评估"]; print(json.dumps([wb.sheetnames, [r[-1] for r in ws.iter_rows(min_row=2, values_only=True)]]))', x.file);
  assert(sheets[0].slice(0, 3).join() === '指标终期评估,举措终期评估,单位报送情况', 'sheets ' + sheets[0]);
  assert(JSON.stringify(sheets[1]) === JSON.stringify(verdicts), 'workbook verdicts equal the page');
  await page.focus('#evaluate-docx');
  const d = await save(page, () => page.keyboard.press('Enter'));
  assert(d.suggested.endsWith('实施情况终期评估报告.docx'), 'report name ' + d.suggested);
  const heads = py('import sys, json; from docx import Document; d = Document(sys.argv[1]); print(json.dumps([p.text for p in d.paragraphs if p.style.style_id == "1"]))', d.file);
  assert(heads.join() === '一、总体评价,二、主要指标完成情况,三、重点任务落实情况,四、存在的主要问题,附件', 'report headings ' + heads);
  await closePage(t);
});

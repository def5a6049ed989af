// 对应列 (issue 21, contract §15): a unit's file whose 完成状态/进展情况 headers read
// A栏/B栏. The page shows the file's headers beside the template's columns (A栏 prefilled
// as 完成状态 from its contents), the person picks 进展情况 for B栏, 重新校验 → 通过, and
// the merge takes the file. After a reload the unit's next file with the same headers
// passes without asking again. Labelled, keyboard-reachable controls (axe-core).
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, FIXTURES, OUT, assert, axe, cardOf, closePage, idle, openPage, py, test } from './lib.mjs';

/** good_mengzhou.xlsx with 完成状态 → A栏 and 进展情况 → B栏 (openpyxl), as `name`;
 * `suffix` appended to every 进展情况 text (a later version of the same unit's file). */
function lettered(name, suffix) {
  const dir = path.join(OUT, 'columns');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  py(`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['任务填报']
for c in range(1, ws.max_column + 1):
    v = ws.cell(3, c).value
    if v == '完成状态': ws.cell(3, c).value = 'A栏'
    if v == '进展情况':
        ws.cell(3, c).value = 'B栏'
        for r in range(4, ws.max_row + 1):
            if ws.cell(r, c).value: ws.cell(r, c).value = str(ws.cell(r, c).value) + sys.argv[3]
wb.save(sys.argv[2])
print(json.dumps(True))
`, path.join(FIXTURES, 'good_mengzhou.xlsx'), file, suffix);
  return file;
}

await test('对应列: A栏/B栏 mapped once, 通过, merged; after a reload the unit\'s next file passes without asking', async () => {
  const first = lettered('孟州市_A栏B栏.xlsx', '');
  const second = lettered('孟州市_第二版.xlsx', '（补充）');
  const t = await openPage(BASE_URL, { contextOptions: { bypassCSP: true } });
  const { page } = t;
  await page.evaluate(() => localStorage.removeItem('jz-column-maps'));
  await page.setInputFiles('#file-input', first);
  await idle(page);
  const card = cardOf(page, '孟州市_A栏B栏.xlsx');
  const panel = card.locator('section.colmap');
  await panel.waitFor();
  const codes = await page.evaluate(() => window.JZ.state.files[0].result.diagnostics.map((d) => d.code));
  assert(codes.includes('missing-column') && !codes.includes('status-missing') && !codes.includes('progress-missing'),
    'one missing column, no per-row errors: ' + codes);
  // The file's headers beside the template's columns; A栏 prefilled from its contents.
  const a = panel.getByRole('combobox', { name: /A栏/ });
  const b = panel.getByRole('combobox', { name: /B栏/ });
  assert(await a.inputValue() === '完成状态', 'A栏 prefilled as 完成状态: ' + await a.inputValue());
  assert(await b.inputValue() === '', 'B栏 not placed: ' + await b.inputValue());
  const options = await b.locator('option').allTextContents();
  for (const want of ['序号', '完成状态', '进展情况', '下一步计划']) assert(options.includes(want), 'template column offered: ' + want);
  const previewRows = await panel.locator('table.colmap-preview tbody tr').count();
  assert(previewRows >= 3, 'a preview of the first rows: ' + previewRows);
  await axe(page, '对应列');
  await page.screenshot({ path: path.join(OUT, '30-columns-map.png'), fullPage: true });

  // Keyboard: focus B栏's choice, pick 进展情况, Tab to 重新校验 and press it.
  await b.focus();
  await b.selectOption('进展情况');
  const button = panel.getByRole('button', { name: '重新校验' });
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.JZ.state.files[0].result.ok === true, null, { timeout: 60000 });
  const after = await page.evaluate(() => {
    const f = window.JZ.state.files[0];
    return { mapping: f.mapping, codes: f.result.diagnostics.map((d) => d.code + '@' + d.cell) };
  });
  assert(JSON.stringify(after.mapping) === JSON.stringify({ B栏: '进展情况' }), 'mapping kept: ' + JSON.stringify(after.mapping));
  assert(after.codes.join() === 'column-renamed@E3,column-renamed@F3', 'two column-renamed warnings: ' + after.codes);
  assert(await card.locator('.badge.ok').first().textContent() === '通过', 'the card says 通过');

  // The merge takes the mapped file.
  await page.click('#merge');
  await page.waitForFunction(() => window.JZ.state.merge, null, { timeout: 180000 });
  const accepted = await page.evaluate(() => window.JZ.state.merge.summary.accepted);
  assert(accepted.includes('孟州市_A栏B栏.xlsx'), 'merged: ' + accepted);

  // Reload: the stored file comes back mapped; the unit's next file passes without asking.
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 120000 });
  await idle(page);
  await page.setInputFiles('#file-input', second);
  await page.waitForSelector('article[data-file="孟州市_第二版.xlsx"]', { timeout: 60000 });
  await idle(page);
  const files = await page.evaluate(() => window.JZ.state.files.map((f) => ({ name: f.name, ok: f.result.ok, mapping: f.mapping })));
  for (const f of files) {
    assert(f.ok && f.mapping && f.mapping['B栏'] === '进展情况', 'passes with the remembered mapping: ' + JSON.stringify(f));
  }
  assert(files.some((f) => f.name === '孟州市_第二版.xlsx'), 'the next file is in: ' + JSON.stringify(files));
  assert(await page.locator('section.colmap').count() === 0, 'nothing asked again');
  const badge = await cardOf(page, '孟州市_第二版.xlsx').locator('.badge.muted-badge').allTextContents();
  assert(badge.includes('已按记住的对应列读取'), 'says the remembered mapping was used: ' + badge);
  await closePage(t);
});

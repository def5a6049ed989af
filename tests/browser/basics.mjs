// The page's first tests: template, checking with the fixing grid, samples and merge,
// the 年度趋势 view, the one-file build over file://, data shown as text.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BASE_URL, DIST, FIXTURES, OUT, assert, cardOf, cli, closePage, has, idle, openPage, save, test } from './lib.mjs';

/** Writes the page's received files into a fresh folder (for the CLI to merge the same inputs). */
export async function dumpFiles(page, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const files = await page.evaluate(() => window.JZ.state.files.map((f) => ({ name: f.name, bytes: Array.from(f.bytes) })));
  for (const f of files) {
    const file = path.join(dir, f.name.replace(/^[\\/]+/, '').replace(/\.\.+/g, '_'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(f.bytes));
  }
  return files.length;
}

await test('template download (keyboard) gives a workbook of the chosen unit and year', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  await page.selectOption('#tpl-unit', '孟州市');
  await page.selectOption('#tpl-year', '2024');
  await page.focus('#tpl-download');
  const { file, suggested } = await save(page, () => page.keyboard.press('Enter'));
  assert(suggested === '孟州市_2024年度填报表.xlsx', 'file name ' + suggested);
  const r = cli('validate', file, '--json');
  assert(r.json && r.json.files[0].unit === '孟州市' && r.json.files[0].year === 2024, 'CLI reads the template: ' + r.stdout);
  await page.screenshot({ path: path.join(OUT, '01-start.png') });
  await closePage(t);
});

await test('good and bad workbook: the bad cell and its message are shown; fixed in the grid it validates clean', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  const good = path.join(FIXTURES, 'good_mengzhou.xlsx');
  const bad = path.join(FIXTURES, 'status_missing.xlsx');
  await page.setInputFiles('#file-input', [good, bad]);
  await page.waitForSelector('article[data-file="status_missing.xlsx"]');
  await page.waitForSelector('article[data-file="good_mengzhou.xlsx"]');
  const goodCard = cardOf(page, 'good_mengzhou.xlsx');
  assert((await goodCard.locator('.badge').first().textContent()) === '通过', 'good file passes');
  assert(await goodCard.evaluate((c) => c.classList.contains('folded')), 'a passing file is folded to one line');
  const expected = cli('validate', bad, '--json').json.files[0].diagnostics.filter((d) => d.severity === 'error');
  assert(expected.length > 0, 'CLI sees errors in the bad file');
  const badCard = cardOf(page, 'status_missing.xlsx');
  const rows = await badCard.locator('table.diags tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  for (const d of expected) {
    assert(rows.some((r) => r[0] === '错误' && r[1] === d.sheet && r[2] === (d.cell || '—') && r[3] === d.message), `page shows ${d.sheet}!${d.cell} ${d.message}`);
  }
  const firstWarning = rows.findIndex((r) => r[0] === '提醒');
  const lastError = rows.map((r) => r[0]).lastIndexOf('错误');
  assert(firstWarning === -1 || lastError < firstWarning, 'errors before warnings');
  await page.screenshot({ path: path.join(OUT, '02-validated.png'), fullPage: true });

  const annotated = await save(page, () => badCard.getByRole('button', { name: '下载批注版' }).click());
  assert(fs.statSync(annotated.file).size > 1000, 'annotated workbook');

  await badCard.getByRole('button', { name: '在页面中修改' }).click();
  const grid = badCard.locator('.fix');
  for (const sel of await grid.locator('select').all()) await sel.selectOption('推进中');
  for (const ta of await grid.locator('textarea').all()) if (!(await ta.inputValue())) await ta.fill('已召开推进会，正在落实。');
  await page.screenshot({ path: path.join(OUT, '03-fix-grid.png'), fullPage: true });
  await grid.getByRole('button', { name: '重新校验' }).click();
  await page.waitForSelector('article[data-file="status_missing.xlsx"].ok', { timeout: 60000 });
  const fixed = await save(page, () => cardOf(page, 'status_missing.xlsx').getByRole('button', { name: '下载修改后的文件' }).click());
  assert(fixed.suggested === 'status_missing_已修改.xlsx', 'corrected name ' + fixed.suggested);
  const r = cli('validate', fixed.file, '--json');
  assert(r.status === 0 && r.json.files[0].ok === true, 'CLI validates the corrected workbook clean: ' + r.stdout);
  await closePage(t);
});

await test('samples, merge, chart, lists and the downloaded summary read back by the CLI', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  const multi = await has(page, 'samplesYears');
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 20, null, { timeout: 180000 });
  await idle(page);
  // A broken file among them must not stop the merge.
  await page.setInputFiles('#file-input', { name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04 this is not a zip') });
  await page.waitForSelector('article[data-file="broken.xlsx"].bad');
  await page.click('#merge');
  await page.waitForSelector('#overview tbody tr', { timeout: 180000 });
  assert((await page.locator('#overview tbody tr').count()) === 14, '14 task rows');
  assert((await page.locator('#indicator-chart rect.bar').count()) > 10, 'bars drawn');
  const missing = await page.locator('#missing-units li').allTextContents();
  const rejected = await page.locator('#rejected-files li').allTextContents();
  assert(rejected.includes('broken.xlsx'), 'rejected ' + rejected);
  const superseded = await page.locator('#superseded-files li').count();
  await page.evaluate(() => window.JZ.scrollToEl(document.getElementById('merge-out')));
  await page.screenshot({ path: path.join(OUT, '04-merged.png') });
  const { file, suggested } = await save(page, () => page.click('#merge-download'));
  assert(suggested === '汇总表_2025.xlsx', 'summary name ' + suggested);
  const r = cli('read', file, '--json');
  assert(r.json && r.json.year === 2025, 'CLI reads the summary: ' + r.stdout + r.stderr);
  if (!multi) {
    assert(missing.includes('中医药局') && missing.includes('博爱县'), 'missing units ' + missing);
    assert(superseded === 1, 'one superseded file');
    assert(r.json.missing_units.includes('中医药局'), 'summary lists 中医药局 as missing');
    assert(r.json.accepted.length === 20, 'accepted ' + r.json.accepted.length);
  } else {
    // The same files merged by the CLI give the same result as the page.
    const dir = path.join(OUT, 'samples-dump');
    await dumpFiles(page, dir);
    const c = cli('merge', dir, '--year', '2025', '-o', path.join(OUT, 'cli-summary.xlsx'), '--json');
    assert(c.json, 'CLI merge: ' + c.stderr);
    assert(JSON.stringify(c.json.missing_units) === JSON.stringify(r.json.missing_units), `missing units: CLI ${c.json.missing_units} page ${r.json.missing_units}`);
    assert(c.json.accepted.length === r.json.accepted.length && superseded === c.json.superseded.length, 'accepted/superseded as the CLI');
    assert(missing.length === c.json.missing_units.length, 'page lists the missing units');
  }
  await closePage(t);
});

await test('samples of several years give the 年度趋势 view with a line chart per indicator kind', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  const multi = await has(page, 'samplesYears');
  await idle(page);
  if (!multi) {
    await page.selectOption('#merge-year', '2024');
    await page.click('#samples');
    await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 20, null, { timeout: 120000 });
    await idle(page);
    await page.selectOption('#merge-year', '2025');
  }
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 40, null, { timeout: 180000 });
  await idle(page);
  await page.click('#merge');
  await page.waitForSelector('#progress-table tbody tr', { timeout: 180000 });
  assert((await page.locator('#progress-table tbody tr').count()) === 26, '26 indicator rows');
  const years = multi ? ['2022', '2023', '2024', '2025'] : ['2024', '2025'];
  const caption = await page.locator('#progress-table caption').textContent();
  assert(caption.includes(years.join('、')), 'years with data: ' + caption);
  const judgements = await page.locator('#progress-table td.judgement').allTextContents();
  assert(judgements.every((j) => ['正常', '关注', '滞后', '无数据'].includes(j)), 'judgements ' + judgements);
  assert((await page.locator('svg.trend-chart').count()) === 3, 'three line charts');
  assert((await page.locator('svg.trend-chart polyline.series').count()) > 5, 'lines drawn');
  assert((await page.locator('#trend-measures tbody tr').count()) > 100, 'measure × unit rows');
  // End labels of close lines never overlap: at least a label height apart.
  const gaps = await page.locator('svg.trend-chart').evaluateAll((svgs) => svgs.map((s) => {
    const ys = [...s.querySelectorAll('text.end-label')].map((t) => Number(t.getAttribute('y'))).sort((a, b) => a - b);
    let min = Infinity;
    for (let i = 1; i < ys.length; i++) min = Math.min(min, ys[i] - ys[i - 1]);
    return min;
  }));
  assert(gaps.every((g) => g >= 12.9), 'end labels overlap: smallest gaps ' + gaps);
  await page.locator('.trend-charts').screenshot({ path: path.join(OUT, '06-trend-charts.png') });
  await page.evaluate(() => window.JZ.scrollToEl(document.getElementById('trend')));
  await page.screenshot({ path: path.join(OUT, '06-trend.png') });
  const { file } = await save(page, () => page.click('#merge-download'));
  const r = cli('read', file, '--json');
  assert(r.json && r.json.years.join() === years.join() && r.json.progress.length === 26, 'CLI reads the trend back: ' + r.stderr);
  await closePage(t);
});

await test('the one-file build works from file:// with no request but itself', async () => {
  const url = pathToFileURL(path.join(DIST, 'jz-report.html')).href;
  const t = await openPage(url);
  const { page } = t;
  const { file } = await save(page, () => page.click('#tpl-download'));
  assert(cli('validate', file, '--json').json.files[0].unit !== null, 'template from file:// page');
  await page.setInputFiles('#file-input', path.join(FIXTURES, 'good_mengzhou.xlsx'));
  await page.waitForSelector('article[data-file="good_mengzhou.xlsx"].ok');
  await page.click('#merge');
  await page.waitForSelector('#overview tbody tr', { timeout: 120000 });
  await page.screenshot({ path: path.join(OUT, '05-file-url.png') });
  // The desk over file://: files kept where the browser allows it, else a sentence says so.
  const note = await page.locator('#desk-note').textContent();
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 120000 });
  const back = await page.locator('article[data-file="good_mengzhou.xlsx"]').count();
  assert(back === 1 || /不允许/.test(await page.locator('#desk-note').textContent()), 'file:// desk: restored or explained; note was ' + note);
  await closePage(t);
});

await test('data from files is shown as text, never as markup', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  await page.setInputFiles('#file-input', { name: '<img src=x onerror=alert(1)>.csv', mimeType: 'text/csv', buffer: Buffer.from('<b>序号</b>,x\n') });
  await page.waitForSelector('#files article');
  assert((await page.locator('#files img, #files b').count()) === 0, 'no markup from data');
  assert((await page.locator('#files h3').first().textContent()).includes('<img'), 'name shown as text');
  await closePage(t);
});

// Browser tests of web-demo, driving Debian's /usr/bin/chromium with playwright-core.
// Env: BASE_URL (served web-demo/dist), DIST (its folder), XLSX_TOOL (the CLI binary),
// FIXTURES (tests/fixtures), OUT (screenshots and downloads). Prints "N passed, M failed".
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8080/';
const DIST = path.resolve(process.env.DIST || 'web-demo/dist');
const XLSX_TOOL = path.resolve(process.env.XLSX_TOOL || 'target/debug/xlsx-tool');
const FIXTURES = path.resolve(process.env.FIXTURES || 'tests/fixtures');
const OUT = path.resolve(process.env.OUT || 'out/browser-artifacts');
fs.mkdirSync(OUT, { recursive: true });

const OWN_FILES = new Set(['/', '/index.html', '/app.js', '/style.css', '/worker.js', '/jz_wasm.js', '/jz_wasm_bg.wasm']);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;
function assert(cond, msg) { if (!cond) throw new Error(msg); }

/** Runs the CLI; returns {status, json}. */
function cli(...args) {
  const r = spawnSync(XLSX_TOOL, args, { encoding: 'utf8' });
  let json = null;
  try { json = JSON.parse(r.stdout); } catch { /* not JSON */ }
  return { status: r.status, json, stdout: r.stdout, stderr: r.stderr };
}

// playwright gives every launch a fresh temporary profile (--user-data-dir).
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });

/** A fresh page with a request log: any request that isn't the page's own files fails the test. */
async function openPage(url) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const bad = [];
  const errors = [];
  const base = new URL(BASE_URL);
  const own = (u) => {
    const x = new URL(u);
    if (x.protocol === 'blob:' || x.protocol === 'data:') return true;
    if (url.startsWith('file:')) return x.href === url;
    return x.origin === base.origin && OWN_FILES.has(x.pathname);
  };
  context.on('request', (req) => { if (!own(req.url())) bad.push(req.url()); });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
  return { page, context, bad, errors };
}

async function closePage(t) {
  await t.context.close();
  assert(t.bad.length === 0, 'requests outside the page: ' + t.bad.join(', '));
  assert(t.errors.length === 0, 'page errors: ' + t.errors.join(' | '));
}

async function save(page, click, name) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), click()]);
  const file = path.join(OUT, name || dl.suggestedFilename());
  await dl.saveAs(file);
  return { file, suggested: dl.suggestedFilename() };
}

async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

function cardOf(page, name) {
  return page.locator(`article[data-file="${name}"]`);
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

  // The annotated copy.
  const annotated = await save(page, () => badCard.getByRole('button', { name: '下载批注版' }).click());
  assert(fs.statSync(annotated.file).size > 1000, 'annotated workbook');

  // Fix in the grid.
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
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 20, null, { timeout: 120000 });
  // A broken file among them must not stop the merge.
  await page.setInputFiles('#file-input', { name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04 this is not a zip') });
  await page.waitForSelector('article[data-file="broken.xlsx"].bad');
  await page.click('#merge');
  await page.waitForSelector('#overview tbody tr', { timeout: 120000 });
  assert((await page.locator('#overview tbody tr').count()) === 14, '14 task rows');
  assert((await page.locator('#indicator-chart rect.bar').count()) > 10, 'bars drawn');
  const missing = await page.locator('#missing-units li').allTextContents();
  assert(missing.includes('中医药局') && missing.includes('博爱县'), 'missing units ' + missing);
  const rejected = await page.locator('#rejected-files li').allTextContents();
  assert(rejected.includes('broken.xlsx'), 'rejected ' + rejected);
  assert((await page.locator('#superseded-files li').count()) === 1, 'one superseded file');
  await page.screenshot({ path: path.join(OUT, '04-merged.png'), fullPage: true });
  const { file, suggested } = await save(page, () => page.click('#merge-download'));
  assert(suggested === '汇总表_2025.xlsx', 'summary name ' + suggested);
  const r = cli('read', file, '--json');
  assert(r.json && r.json.year === 2025, 'CLI reads the summary: ' + r.stdout + r.stderr);
  assert(r.json.missing_units.includes('中医药局'), 'summary lists 中医药局 as missing');
  assert(r.json.accepted.length === 20, 'accepted ' + r.json.accepted.length);
  await closePage(t);
});

await test('two years of samples give the 年度趋势 view with a line chart per indicator kind', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  await page.waitForFunction(() => !document.querySelector('#samples').disabled, null, { timeout: 60000 });
  await page.selectOption('#merge-year', '2024');
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 20, null, { timeout: 120000 });
  await page.waitForFunction(() => !document.querySelector('#samples').disabled, null, { timeout: 60000 });
  await page.selectOption('#merge-year', '2025');
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 40, null, { timeout: 120000 });
  await page.waitForFunction(() => !document.querySelector('#merge').disabled, null, { timeout: 60000 });
  await page.click('#merge');
  await page.waitForSelector('#progress-table tbody tr', { timeout: 120000 });
  assert((await page.locator('#progress-table tbody tr').count()) === 26, '26 indicator rows');
  const caption = await page.locator('#progress-table caption').textContent();
  assert(caption.includes('2024、2025'), 'years with data: ' + caption);
  const judgements = await page.locator('#progress-table td.judgement').allTextContents();
  assert(judgements.every((j) => ['正常', '关注', '滞后', '无数据'].includes(j)), 'judgements ' + judgements);
  assert((await page.locator('svg.trend-chart').count()) === 3, 'three line charts');
  assert((await page.locator('svg.trend-chart polyline.series').count()) > 5, 'lines drawn');
  assert((await page.locator('#trend-measures tbody tr').count()) > 100, 'measure × unit rows');
  await page.screenshot({ path: path.join(OUT, '06-trend.png'), fullPage: true });
  const { file } = await save(page, () => page.click('#merge-download'));
  const r = cli('read', file, '--json');
  assert(r.json && r.json.years.join() === '2024,2025' && r.json.progress.length === 26, 'CLI reads the trend back: ' + r.stderr);
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
  await page.screenshot({ path: path.join(OUT, '05-file-url.png'), fullPage: true });
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

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

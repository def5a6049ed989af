// Stale results (issue 19): whenever the received files change after a merge (removed,
// added, replaced, fixed in the page, cleared) or another plan is adopted, the merge on
// screen is dropped — its summary and report can no longer be downloaded and the merge
// section says to merge again — so the office never hands on a summary that still counts
// a file it removed.
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, FIXTURES, OUT, assert, cardOf, cli, closePage, idle, openPage, save, test } from './lib.mjs';

const GOOD = ['good_mengzhou.xlsx', 'good_haiguan.xlsx'];

/** Whether a download starts within `ms` after `click`. */
async function downloads(page, click, ms = 1500) {
  const got = page.waitForEvent('download', { timeout: ms }).then(() => true, () => false);
  await click();
  return got;
}

async function merged(page) {
  await page.click('#merge');
  await page.waitForSelector('#overview tbody tr', { timeout: 180000 });
  await idle(page);
}

async function assertDropped(page, what) {
  assert(await page.isDisabled('#merge-download'), `${what}: 下载汇总表 still enabled`);
  assert((await page.locator('#report-download').count()) === 0, `${what}: the report button is still there`);
  assert((await page.locator('#overview').count()) === 0, `${what}: the old overview is still shown`);
  const note = await page.locator('#merge-stale').textContent();
  assert(/作废/.test(note) && /重新点“汇总全部有效文件”/.test(note), `${what}: the merge section says to merge again: ${note}`);
  assert(!(await downloads(page, () => page.locator('#merge-download').dispatchEvent('click'))), `${what}: the old summary still downloads`);
  const badges = await page.locator('#files .muted-badge').count();
  assert(badges === 0, `${what}: file cards still show what the old merge made of them`);
}

await test('stale merge: a file removed, added or all cleared after a merge: the old summary can no longer be downloaded', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  await page.setInputFiles('#file-input', GOOD.map((n) => path.join(FIXTURES, n)));
  for (const n of GOOD) await page.waitForSelector(`article[data-file="${n}"]`);
  await idle(page);
  await merged(page);
  const before = await page.evaluate(() => window.JZ.state.merge.summary.accepted.map((p) => p.replace(/^.*[\\/]/, '')));
  assert(GOOD.every((n) => before.includes(n)), 'both files merged: ' + before);
  assert(!(await page.isDisabled('#merge-download')), 'summary downloadable after the merge');

  // Removed: the summary that counts it is gone; merged again it no longer counts it.
  const haiguanUnit = await page.evaluate(() => window.JZ.state.files.find((f) => f.name === 'good_haiguan.xlsx').result.unit);
  await cardOf(page, 'good_haiguan.xlsx').locator('button.fold').click(); // a passing file is folded
  await cardOf(page, 'good_haiguan.xlsx').getByRole('button', { name: '移除' }).click();
  await page.waitForSelector('#merge-stale');
  await assertDropped(page, 'after 移除');
  await page.evaluate(() => window.JZ.scrollToEl(document.getElementById('sec-merge')));
  await page.screenshot({ path: path.join(OUT, '07-merge-dropped.png') });
  await merged(page);
  const { file } = await save(page, () => page.click('#merge-download'), 'stale-after-remove.xlsx');
  const r = cli('read', file, '--json');
  assert(r.json, 'CLI reads the new summary: ' + r.stderr);
  const accepted = r.json.accepted.map((p) => p.replace(/^.*[\\/]/, ''));
  assert(!accepted.includes('good_haiguan.xlsx') && accepted.includes('good_mengzhou.xlsx'), 'the new summary counts only the kept file: ' + accepted);
  assert(r.json.missing_units.includes(haiguanUnit), `${haiguanUnit} is missing again: ${r.json.missing_units}`);

  // Added (or replaced by a file of the same name): dropped again.
  await page.setInputFiles('#file-input', path.join(FIXTURES, 'good_haiguan.xlsx'));
  await page.waitForSelector('#merge-stale');
  await assertDropped(page, 'after adding a file');
  await merged(page);
  await page.setInputFiles('#file-input', path.join(FIXTURES, 'good_haiguan.xlsx'));
  await page.waitForSelector('#merge-stale');
  await assertDropped(page, 'after replacing a file');

  // Cleared: nothing left to download.
  await merged(page);
  await page.click('#clear');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length === 0);
  assert(await page.isDisabled('#merge-download'), 'after 清空列表: 下载汇总表 disabled');
  assert((await page.locator('#merge-out *').count()) === 0, 'after 清空列表: the merge section is empty');
  await closePage(t);
});

await test('stale merge: a file fixed in the page, or another plan adopted, after a merge drops the merge too', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  await page.setInputFiles('#file-input', [path.join(FIXTURES, 'good_mengzhou.xlsx'), path.join(FIXTURES, 'status_missing.xlsx')]);
  await page.waitForSelector('article[data-file="status_missing.xlsx"].bad');
  await idle(page);
  await merged(page);
  const bad = cardOf(page, 'status_missing.xlsx');
  await bad.getByRole('button', { name: '在页面中修改' }).click();
  const grid = bad.locator('.fix');
  for (const sel of await grid.locator('select').all()) await sel.selectOption('推进中');
  for (const ta of await grid.locator('textarea').all()) if (!(await ta.inputValue())) await ta.fill('已召开推进会，正在落实。');
  await grid.getByRole('button', { name: '重新校验' }).click();
  await page.waitForSelector('article[data-file="status_missing.xlsx"].ok', { timeout: 60000 });
  await assertDropped(page, 'after fixing a file in the page');

  await merged(page);
  const plan = cli('plan', '--json').json;
  const task = plan.tasks[0];
  task.measures.push({ id: `${task.number}.${task.measures.length + 1}`, text: '新增举措：汇总作废检查用' });
  const file = path.join(OUT, 'stale-plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  await page.setInputFiles('#plan-input', file);
  await page.click('#plan-adopt');
  await page.waitForFunction(() => /修订后的计划/.test(document.getElementById('plan-in-use').textContent));
  await idle(page);
  await assertDropped(page, 'after adopting another plan');
  await closePage(t);
});

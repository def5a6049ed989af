// Accessibility (issue 19, GB/T 37668): axe-core finds no violation at each step of the
// round — start, files checked (with the fixing grid open), merged (every view after the
// merge), a revised plan's memo — and a keyboard-only user gets through 示例数据 → 汇总 →
// 下载汇总表 and the report with Tab and Enter alone.
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, FIXTURES, OUT, assert, axe, cli, closePage, idle, openPage, save, test } from './lib.mjs';

const AXE_CONTEXT = { contextOptions: { bypassCSP: true } };

await test('axe: no violations at start, files checked, merged, plan memo', async () => {
  const t = await openPage(BASE_URL, AXE_CONTEXT);
  const { page } = t;
  await axe(page, 'start');
  await page.setInputFiles('#file-input', [path.join(FIXTURES, 'good_mengzhou.xlsx'), path.join(FIXTURES, 'status_missing.xlsx')]);
  await page.waitForSelector('article[data-file="status_missing.xlsx"]');
  await idle(page);
  await axe(page, 'files checked');
  await page.locator('article[data-file="status_missing.xlsx"]').getByRole('button', { name: '在页面中修改' }).click();
  await page.waitForSelector('article[data-file="status_missing.xlsx"] .fix');
  await axe(page, 'fixing grid');
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 20, null, { timeout: 240000 });
  await idle(page);
  await page.click('#merge');
  await page.waitForSelector('#detail-table tbody tr', { timeout: 180000 });
  await idle(page);
  await axe(page, 'merged');
  // The merge dropped after a change says so, accessibly too.
  await page.locator('article[data-file="good_mengzhou.xlsx"] button.fold').click();
  await page.locator('article[data-file="good_mengzhou.xlsx"]').getByRole('button', { name: '移除' }).click();
  await page.waitForSelector('#merge-stale');
  await axe(page, 'merge dropped');
  // A revised plan's memo (as plan.mjs makes it).
  const plan = cli('plan', '--json').json;
  const task = plan.tasks[0];
  task.measures.push({ id: `${task.number}.${task.measures.length + 1}`, text: '新增举措：无障碍检查用' });
  const file = path.join(OUT, 'a11y-plan.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  await page.setInputFiles('#plan-input', file);
  await page.waitForSelector('#plan-memo', { timeout: 60000 });
  await axe(page, 'plan memo');
  await closePage(t);
});

/** Presses Tab until `selector` has the focus; returns how many presses it took. */
async function tabTo(page, selector, max = 3000) {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return n;
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

await test('keyboard only: Tab and Enter through 示例数据 → 汇总 → 下载汇总表 and the report; 任务明细 scrolls from the keyboard', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  const skip = await tabTo(page, 'a.skip', 3);
  assert(skip === 1, 'the first Tab reaches 跳到正文');
  await tabTo(page, '#samples');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 20, null, { timeout: 240000 });
  await idle(page);
  await tabTo(page, '#merge');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#overview tbody tr', { timeout: 180000 });
  await idle(page);
  await tabTo(page, '#merge-download');
  const { file } = await save(page, () => page.keyboard.press('Enter'), 'keyboard-summary.xlsx');
  assert(cli('read', file, '--json').json, 'the summary downloaded from the keyboard reads back');
  await tabTo(page, '#report-download');
  const report = await save(page, () => page.keyboard.press('Enter'), 'keyboard-report.docx');
  assert(fs.statSync(report.file).size > 1000, 'the report downloaded from the keyboard');
  // 任务明细: the scroll box takes the focus and scrolls with the arrow keys.
  await tabTo(page, '#detail .scroll-box');
  const top = await page.locator('#detail .scroll-box').evaluate((b) => b.scrollTop);
  assert(await page.locator('#detail .scroll-box').evaluate((b) => b.scrollHeight > b.clientHeight), 'the 任务明细 box overflows');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  // The browser may scroll smoothly: wait for it.
  const moved = await page.waitForFunction((t0) => document.querySelector('#detail .scroll-box').scrollTop > t0, top, { timeout: 5000 }).then(() => true, () => false);
  assert(moved, 'the 任务明细 box scrolls from the keyboard');
  await page.screenshot({ path: path.join(OUT, '30-keyboard-detail.png') });
  await closePage(t);
});

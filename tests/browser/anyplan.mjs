// Any plan, any city (issue 20, contract §11): another city's plan (新乡市, 2026–2030,
// tests/fixtures/plans/xinxiang-2026-2030.toml, exported to a plan workbook by the CLI) is
// adopted in the page: the heading and the window title name its place, the report
// download is named by its 报告标题, and nothing the page shows says 焦作.
import path from 'node:path';
import { BASE_URL, FIXTURES, OUT, assert, axe, cli, closePage, has, idle, openPage, save, test } from './lib.mjs';

await test('another city\'s plan: heading, unit list and downloads use its words', async () => {
  const workbook = path.join(OUT, '新乡计划.xlsx');
  const out = cli('--plan', path.join(FIXTURES, 'plans', 'xinxiang-2026-2030.toml'), 'plan', 'export', '-o', workbook);
  assert(out.status === 0, 'CLI plan export: ' + out.stderr);
  const t = await openPage(BASE_URL);
  const { page } = t;
  assert((await page.locator('header h1').textContent()).includes('焦作市'), 'the built-in plan names 焦作市');
  await page.setInputFiles('#plan-input', workbook);
  await page.waitForSelector('#plan-adopt', { timeout: 60000 });
  await page.click('#plan-adopt');
  await page.waitForFunction(() => /修订后的计划/.test(document.getElementById('plan-in-use').textContent));
  await idle(page);
  const h1 = await page.locator('header h1').textContent();
  assert(h1 === '新乡市推动知识产权高质量发展 · 任务落实情况填报与汇总', 'heading: ' + h1);
  assert((await page.title()).startsWith('新乡市'), 'window title: ' + (await page.title()));
  const units = await page.locator('#tpl-unit option').allTextContents();
  assert(units.includes('卫辉市') && !units.includes('孟州市'), 'unit list of the new plan: ' + units.join(','));
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 9, null, { timeout: 240000 });
  await idle(page);
  await page.click('#merge');
  await page.waitForSelector('#overview tbody tr', { timeout: 180000 });
  const year = await page.evaluate(() => window.JZ.state.merge.summary.year);
  if (await has(page, 'report')) {
    const { suggested } = await save(page, () => page.click('#report-download'));
    assert(suggested === `新乡市${year}年度知识产权强市建设工作情况报告.docx`, 'report name ' + suggested);
  }
  const text = await page.evaluate(() => document.body.innerText);
  assert(!text.includes('焦作'), 'the page says 焦作 somewhere: ' + text.slice(Math.max(0, text.indexOf('焦作') - 40), text.indexOf('焦作') + 40));
  await page.screenshot({ path: path.join(OUT, '30-any-plan-xinxiang.png') });
  await closePage(t);
});

await test('a plan read from Word that leaves cells open: what to fill in, and the plan workbook to fill', async () => {
  // bypassCSP: axe-core is injected as a script.
  const t = await openPage(BASE_URL, { contextOptions: { bypassCSP: true } });
  const { page } = t;
  await page.setInputFiles('#plan-input', path.join(FIXTURES, 'plans', 'anyang_national_layout.docx'));
  await page.waitForSelector('#plan-to-fill li', { timeout: 60000 });
  const items = await page.locator('#plan-to-fill li').allTextContents();
  assert(items.some((s) => s.includes('单位组“各县（市、区）”还没有成员')), 'the empty group is listed: ' + items.join(' | '));
  assert(items.some((s) => s.includes('指标 I04“知识产权保护社会满意度”的目标值文件中写作“稳步提升”')), 'the target is listed: ' + items.join(' | '));
  assert((await page.locator('#plan-adopt').count()) === 0, 'a plan with cells to fill in is not adopted as is');
  await axe(page, 'plan to fill in');
  await page.locator('#plan-to-fill').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, '31-plan-to-fill.png') });
  const { file, suggested } = await save(page, () => page.click('#plan-fill-download'));
  assert(/^计划_plan-2026-2030-[0-9a-f]{8}\.xlsx$/.test(suggested), 'download name ' + suggested);
  // The downloaded workbook, loaded back as is, names the cells to fill in.
  await page.setInputFiles('#plan-input', file);
  await page.waitForSelector('#plan-errors li', { timeout: 60000 });
  const errors = (await page.locator('#plan-errors').textContent()) || '';
  assert(errors.includes('量化指标!E2：类型为空') && errors.includes('量化指标!G2：填报单位为空'), 'cells named: ' + errors);
  assert((await page.locator('header h1').textContent()).includes('焦作市'), 'the plan in use is still the built-in plan');
  await closePage(t);
});

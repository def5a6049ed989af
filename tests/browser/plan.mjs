// A revised plan in the page (issue 12): a plan file with a new measure → the memo of
// changes → adopted → the header names it, the template shows the new measure, files are
// checked and merged under it; a plan with mistakes is refused with its cells; back to the
// built-in plan; the plan workbook and the Word annex of tests/fixtures/plans (make_plans.py).
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, OUT, assert, cli, closePage, has, idle, openPage, py, save, skip, test } from './lib.mjs';

const NEW_TEXT = '新增举措：在各县区建设知识产权公共服务工作站（浏览器测试）';

/** The built-in plan with one measure added to task 1, as JSON text. */
function revisedJson() {
  const plan = cli('plan', '--json').json;
  assert(plan && plan.tasks, 'CLI plan --json');
  const task = plan.tasks[0];
  const id = `${task.number}.${task.measures.length + 1}`;
  task.measures.push({ id, text: NEW_TEXT });
  return { text: JSON.stringify(plan), id, unit: task.units[0] };
}

async function adoptAndUse(page, file, id, unit, tag, newText = NEW_TEXT, memoLine = null) {
  await page.setInputFiles('#plan-input', file);
  await page.waitForSelector('#plan-memo', { timeout: 60000 });
  const memo = await page.locator('#plan-memo').textContent();
  assert(memo.includes(id) || memo.includes(newText.slice(0, 12)), 'the memo names the new measure: ' + memo);
  if (memoLine) assert((await page.locator('#plan-memo li').allTextContents()).includes(memoLine), 'memo line ' + memoLine + ' in ' + memo);
  await page.locator('#plan-panel').screenshot({ path: path.join(OUT, `20-plan-memo-${tag}.png`) });
  await page.click('#plan-adopt');
  await page.waitForFunction(() => /修订后的计划/.test(document.getElementById('plan-in-use').textContent));
  await idle(page);
  // The template of a unit of task 1 shows the new measure (read by openpyxl).
  await page.selectOption('#tpl-unit', unit);
  const { file: tpl } = await save(page, () => page.click('#tpl-download'), `revised-template-${tag}.xlsx`);
  const texts = py(`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
print(json.dumps([str(c) for r in wb['任务填报'].iter_rows(values_only=True) for c in r if c is not None]))
`, tpl);
  assert(texts.includes(newText) && texts.includes(id), 'the template shows the new measure');
  // Files checked and merged under the revised plan.
  await page.click('#samples');
  await page.waitForFunction(() => document.querySelectorAll('#files article').length >= 20, null, { timeout: 240000 });
  await idle(page);
  await page.click('#merge');
  await page.waitForSelector('#overview tbody tr', { timeout: 180000 });
  const s = await page.evaluate(() => window.JZ.state.merge.summary);
  assert(s.measures.some((m) => m.id === id), 'the merge counts the new measure');
  const planId = await page.evaluate(() => window.JZ.state.plan.hash);
  assert(s.plan_hash === planId, 'merged under the adopted plan');
  await page.screenshot({ path: path.join(OUT, `21-plan-adopted-${tag}.png`) });
}

await test('a revised plan (JSON): memo, adopt, the template shows the new measure, merge under it; back to the built-in plan', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  const rev = revisedJson();
  const file = path.join(OUT, '修订计划.json');
  fs.writeFileSync(file, rev.text);
  const builtin = await page.locator('#plan-in-use').textContent();
  assert(/内置计划/.test(builtin), 'header names the built-in plan: ' + builtin);
  await adoptAndUse(page, file, rev.id, rev.unit, 'json');
  // Kept across visits only when ticked.
  await page.check('#plan-remember');
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 120000 });
  assert(/修订后的计划/.test(await page.locator('#plan-in-use').textContent()), 'ticked: kept after a reload');
  await page.click('#plan-builtin');
  await page.waitForFunction(() => /内置计划/.test(document.getElementById('plan-in-use').textContent));
  await idle(page);
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 120000 });
  assert(/内置计划/.test(await page.locator('#plan-in-use').textContent()), 'the built-in plan after 恢复内置计划');
  await closePage(t);
});

const PLANS = path.join(process.env.FIXTURES || 'tests/fixtures', 'plans');

await test('a plan with a mistake is refused with its place and message, the plan in use stays', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  const plan = cli('plan', '--json').json;
  plan.tasks[0].responsible = ['市监局'];
  const file = path.join(OUT, '有错的计划.json');
  fs.writeFileSync(file, JSON.stringify(plan));
  await page.setInputFiles('#plan-input', file);
  await page.waitForSelector('#plan-errors li', { timeout: 60000 });
  const errs = await page.locator('#plan-errors li').allTextContents();
  assert(errs.length > 0 && errs.every((e) => /[\u4e00-\u9fa5]/.test(e)), 'errors in Chinese: ' + errs);
  assert(!(await page.locator('#plan-adopt').count()), 'no adopt button');
  assert(/内置计划/.test(await page.locator('#plan-in-use').textContent()), 'the plan in use stays');
  if (await has(page, 'loadPlan')) {
    // A plan workbook with mistakes (tests/fixtures/plans/mistakes.xlsx, made by make_plans.py).
    await page.setInputFiles('#plan-input', path.join(PLANS, 'mistakes.xlsx'));
    await page.waitForFunction(() => [...document.querySelectorAll('#plan-errors li')].some((li) => /^任务清单!F11：.*是否为“市场监管局”/.test(li.textContent)), null, { timeout: 60000 });
    assert(!(await page.locator('#plan-adopt').count()), 'not adopted');
    await page.locator('#plan-panel').screenshot({ path: path.join(OUT, '22-plan-errors.png') });
  }
  await closePage(t);
});

await test('a revised plan workbook saved by LibreOffice: memo, adopt, template with the new measure, merge under it', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  if (!(await has(page, 'loadPlan'))) { await closePage(t); skip('loadPlan (i12-plan) not in this build'); }
  // revised_lo.xlsx (make_plans.py): 14.6 added, 2.2 moved to task 4, 科技局 added, ...
  const unit = await page.evaluate(() => window.JZ.state.plan.tasks[13].units[0]);
  await adoptAndUse(page, path.join(PLANS, 'revised_lo.xlsx'), '14.6', unit, 'xlsx', '开展知识产权进企业、进校园、进社区活动，普及知识产权知识。');
  await closePage(t);
});

await test('the plan\'s Word document: the annex imported, its memo names the move, adopted', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  if (!(await has(page, 'loadPlan'))) { await closePage(t); skip('loadPlan (i12-plan) not in this build'); }
  await page.setInputFiles('#plan-input', path.join(PLANS, 'annex_revised.docx'));
  await page.waitForSelector('#plan-memo', { timeout: 60000 });
  const memo = await page.locator('#plan-memo li').allTextContents();
  assert(memo.includes('举措 2.2 移到任务 4，改为 4.3。'), 'memo: ' + memo);
  await page.click('#plan-adopt');
  await page.waitForFunction(() => /修订后的计划/.test(document.getElementById('plan-in-use').textContent));
  await idle(page);
  await closePage(t);
});

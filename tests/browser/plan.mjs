// A revised plan in the page (issue 12): a plan file with a new measure → the memo of
// changes → adopted → the header names it, the template shows the new measure, files are
// checked and merged under it; a plan with mistakes is refused with its cells; back to the
// built-in plan. A plan workbook (plan export + openpyxl edit) once `plan export` exists.
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, OUT, assert, cli, closePage, has, idle, openPage, py, save, test } from './lib.mjs';

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

/** The built-in plan exported as a workbook and given one measure more with openpyxl. */
function revisedWorkbook(file) {
  const r = cli('plan', 'export', '-o', file);
  if (r.status !== 0) return null;
  return py(`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['任务清单']
head = [str(c.value or '').strip() for c in ws[1]]
col = {h: i + 1 for i, h in enumerate(head)}
last = max(r for r in range(2, ws.max_row + 1) if str(ws.cell(r, col['举措编号']).value or '').startswith('1.'))
n = int(str(ws.cell(last, col['举措编号']).value).split('.')[1]) + 1
ws.insert_rows(last + 1)
ws.cell(last + 1, col['举措编号']).value = f'1.{n}'
ws.cell(last + 1, col['落实举措']).value = sys.argv[2]
wb.save(sys.argv[1])
print(json.dumps({'id': f'1.{n}'}))
`, file, NEW_TEXT);
}

async function adoptAndUse(page, file, id, unit, tag) {
  await page.setInputFiles('#plan-input', file);
  await page.waitForSelector('#plan-memo', { timeout: 60000 });
  const memo = await page.locator('#plan-memo').textContent();
  assert(memo.includes(id) || memo.includes(NEW_TEXT), 'the memo names the new measure: ' + memo);
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
  assert(texts.includes(NEW_TEXT) && texts.includes(id), 'the template shows the new measure');
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
    const wb = path.join(OUT, '有错的计划.xlsx');
    if (cli('plan', 'export', '-o', wb).status === 0) {
      py(`
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['任务清单']
head = [str(c.value or '').strip() for c in ws[1]]
ws.cell(2, head.index('责任单位') + 1).value = '市监局'
wb.save(sys.argv[1])
print('null')
`, wb);
      await page.setInputFiles('#plan-input', wb);
      await page.waitForFunction(() => [...document.querySelectorAll('#plan-errors li')].some((li) => /任务清单!F2/.test(li.textContent)), null, { timeout: 60000 });
      await page.locator('#plan-panel').screenshot({ path: path.join(OUT, '22-plan-errors.png') });
    }
  }
  await closePage(t);
});

await test('a revised plan workbook (plan export + openpyxl): memo, adopt, template, merge', async () => {
  const t = await openPage(BASE_URL);
  const { page } = t;
  if (!(await has(page, 'loadPlan'))) { await closePage(t); (await import('./lib.mjs')).skip('loadPlan (i12-plan) not in this build'); }
  const file = path.join(OUT, '修订计划.xlsx');
  const rev = revisedWorkbook(file);
  if (!rev) { await closePage(t); (await import('./lib.mjs')).skip('xlsx-tool plan export (i12-plan) not in this build'); }
  const unit = await page.evaluate(() => window.JZ.state.plan.tasks[0].units[0]);
  await adoptAndUse(page, file, rev.id, unit, 'xlsx');
  await closePage(t);
});

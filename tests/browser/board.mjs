// 报送进度 (issue 19): the board shows, for a unit that resubmitted on the same day, the file
// the merge takes — chosen by Rust's own rule (later 填报日期, then SHA-256; contract §6),
// never by the file name the page used to sort on.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, FIXTURES, OUT, assert, cli, closePage, idle, openPage, py, test } from './lib.mjs';

/** Two valid versions of 孟州市's file with the same 填报日期 (one 进展情况 reworded), named so
 * that the name sorting last is NOT the one with the greater SHA-256. */
function sameDayPair() {
  const dir = path.join(OUT, 'same-day');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const first = path.join(dir, 'first.xlsx');
  const second = path.join(dir, 'second.xlsx');
  fs.copyFileSync(path.join(FIXTURES, 'good_mengzhou.xlsx'), first);
  py(`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['任务填报']
header = next(r for r in range(1, 30) if ws.cell(r, 1).value == '序号')
col = next(c for c in range(1, 20) if ws.cell(header, c).value == '进展情况')
ws.cell(header + 1, col).value = str(ws.cell(header + 1, col).value or '') + '（补充：已完成第二批培训。）'
wb.save(sys.argv[2])
print(json.dumps(True))
`, first, second);
  const sha = (f) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
  // The merge takes the greater SHA-256; give it the name that sorts first.
  const [winner, loser] = sha(first) > sha(second) ? [first, second] : [second, first];
  const a = path.join(dir, '孟州市_A.xlsx');
  const b = path.join(dir, '孟州市_B.xlsx');
  fs.renameSync(winner, a);
  fs.renameSync(loser, b);
  return [a, b];
}

await test('board: a same-day resubmission shows the file the merge takes (SHA-256, not the name)', async () => {
  const files = sameDayPair();
  const merge = cli('merge', ...files, '--year', '2025', '-o', path.join(OUT, 'same-day', 'S.xlsx'), '--json');
  assert(merge.json, 'CLI merge: ' + merge.stderr);
  const taken = merge.json.accepted.map((p) => path.basename(p));
  assert(taken.length === 1 && merge.json.superseded.length === 1, 'one taken, one superseded: ' + JSON.stringify(merge.json));
  assert(taken[0] === '孟州市_A.xlsx', 'the merge takes the greater SHA-256, named to sort first: ' + taken);

  const t = await openPage(BASE_URL);
  const { page } = t;
  await page.setInputFiles('#file-input', files);
  for (const f of files) await page.waitForSelector(`article[data-file="${path.basename(f)}"]`);
  await idle(page);
  const tile = page.locator('#board [data-unit="孟州市"]');
  const title = await tile.getAttribute('title');
  assert(title && title.includes(taken[0]), `the board's tile opens the merge's file ${taken[0]}: ${title}`);
  const extra = await tile.locator('.tile-extra').textContent();
  assert(/已替代 1 份旧版/.test(extra || ''), 'the tile counts the superseded version: ' + extra);

  // And the page's own merge agrees.
  await page.click('#merge');
  await page.waitForSelector('#overview tbody tr', { timeout: 180000 });
  await idle(page);
  const accepted = await page.evaluate(() => window.JZ.state.merge.summary.accepted.map((p) => p.replace(/^.*[\\/]/, '')));
  assert(accepted.length === 1 && accepted[0] === taken[0], 'the page merge takes the same file: ' + accepted);
  await closePage(t);
});

// Runs inside an empty folder where the packed tarball was installed (`npm install ./x.tgz`):
// imports the package by its name, validates one workbook and merges three, and compares
// the results with the CLI's (`xlsx-tool validate/merge --json`) on the same files.
// Env: XLSX_TOOL, FIXTURES. Prints one JSON line {validate, merge} for the page test to compare.
import init, { validate, merge, template, plan, evaluate } from 'jz-ip-report';
import * as checkOnly from 'jz-ip-report/check';
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const { XLSX_TOOL, FIXTURES } = process.env;
const fail = (msg) => { console.error('npm package (node): ' + msg); process.exit(1); };
const cli = (...args) => {
  const r = spawnSync(XLSX_TOOL, [...args, '--json'], { encoding: 'utf8' });
  try { return JSON.parse(r.stdout); } catch { fail(`CLI ${args.join(' ')} gave no JSON: ${r.stderr}`); }
};
const same = (a, b, what) => {
  if (JSON.stringify(a) !== JSON.stringify(b)) fail(`${what} differs:\n  wasm ${JSON.stringify(a)}\n  CLI  ${JSON.stringify(b)}`);
};

await init(); // a no-op in Node, kept so browser code runs unchanged

const one = path.join(FIXTURES, 'status_invalid.xlsx');
const v = validate(new Uint8Array(readFileSync(one)), 'status_invalid.xlsx');
const c = cli('validate', one).files[0];
if (v.ok !== false || v.diagnostics.length === 0) fail('status_invalid.xlsx should have errors');
const shape = (ds) => ds.map((d) => [d.code, d.severity, d.sheet, d.cell, d.message]);
same(shape(v.diagnostics), shape(c.diagnostics), 'validate diagnostics');
// The check-only entry gives the same diagnostics and has no writers.
await checkOnly.default();
same(shape(checkOnly.validate(new Uint8Array(readFileSync(one)), 'status_invalid.xlsx').diagnostics), shape(c.diagnostics),
  'check-only validate diagnostics');
for (const writer of ['merge', 'template', 'report', 'correct', 'planWorkbook', 'evaluate']) {
  if (writer in checkOnly) fail(`jz-ip-report/check should not export ${writer}`);
}

const names = ['孟州市.xlsx', '博爱县.xlsx', '市场监管局.xlsx'];
const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(FIXTURES, 'merge_set', name))) }));
const m = merge(files, 2025);
if (!(m.xlsx instanceof Uint8Array) || m.xlsx.length < 1000) fail('merge gave no workbook');
const out = mkdtempSync(path.join(tmpdir(), 'jz-npm-'));
const cm = cli('merge', ...names.map((n) => path.join(FIXTURES, 'merge_set', n)), '--year', '2025', '-o', path.join(out, 's.xlsx'));
const totals = (s) => s.indicators.map((i) => [i.id, i.total, i.target, i.rate]);
same(totals(m.summary), totals(cm), 'merge indicator totals');
same(m.summary.missing_units, cm.missing_units, 'merge missing units');
same(m.summary.accepted.length, cm.accepted.length, 'merge accepted count');

// The end-of-plan evaluation equals the CLI's on the same files.
const ev = evaluate(files);
const ce = cli('evaluate', ...names.map((n) => path.join(FIXTURES, 'merge_set', n)), '-o', path.join(out, 'e.xlsx'));
const figures = (e) => e.indicators.map((i) => [i.id, i.final, i.rate, i.verdict, ...Object.keys(i.values).sort().map((y) => i.values[y])]);
same(figures(ev.summary), figures(ce), 'evaluate indicators');
const record = (e) => e.units.map((u) => [u.unit, u.expected, u.reported, u.on_time, u.late, u.rejected, u.missing]);
same(record(ev.summary), record(ce), 'evaluate units');
if (!(ev.docx instanceof Uint8Array) || ev.docx[0] !== 0x50 || !ev.docxName.endsWith('终期评估报告.docx')) fail('evaluate gave no report');
// A year outside the plan is a thrown Error in Chinese, not a trap; the module keeps working.
try { evaluate(files, undefined, 1999); fail('evaluate(…, 1999) should throw'); } catch (e) {
  if (!(e instanceof Error) || !/1999/.test(e.message)) fail('evaluate(…, 1999): ' + e);
}
const broken = evaluate([{ name: 'x.xlsx', bytes: new Uint8Array([80, 75, 3, 4, 1, 2]) }]);
if (broken.rejected.length !== 1 || broken.summary.units.some((u) => u.missing + u.rejected !== u.expected)) fail('a broken file is rejected, every unit not reported');

const t = template('孟州市', 2025);
writeFileSync(path.join(out, 't.xlsx'), t);
if (!cli('validate', path.join(out, 't.xlsx')).files[0].unit) fail('template not readable by the CLI');
if (plan().tasks.length !== 14) fail('plan() should have 14 tasks');

console.log(JSON.stringify({ validate: shape(v.diagnostics), check: shape(v.diagnostics), merge: totals(m.summary) }));

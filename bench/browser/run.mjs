// Browser benchmark: jz-wasm `validate` / `merge` against SheetJS (`xlsx` from npm) merely
// parsing the same workbooks, in ONE headless Chromium page (playwright-core driving
// Debian's /usr/bin/chromium). Prints a Markdown table and writes it to bench/BROWSER.md.
//
// Usage: node bench/browser/run.mjs [JZ_BENCH]
// Env:   JZ_BENCH   the jz-bench binary (or the first argument), used to generate the
//                   workbooks when the data folder lacks them;
//        DIST       the built web app (default web-demo/dist, from scripts/web-build.sh);
//        DATA       the workbooks (default out/bench/data-200: `jz-bench gen --count 200
//                   --seed 2025`; the first 22 files are the 22 units once);
//        OUT        the Markdown file (default bench/BROWSER.md);
//        RUNS       timed runs of one workbook (default 100; at least 50 are used).
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const DIST = path.resolve(process.env.DIST || path.join(ROOT, 'web-demo/dist'));
const DATA = path.resolve(process.env.DATA || path.join(ROOT, 'out/bench/data-200'));
const OUT = path.resolve(process.env.OUT || path.join(ROOT, 'bench/BROWSER.md'));
const JZ_BENCH = process.argv[2] || process.env.JZ_BENCH || path.join(ROOT, 'target/release/jz-bench');
const SHEETJS = path.join(HERE, 'node_modules/xlsx/dist');
const COUNT = 200;
const SEED = 2025;
const SETS = [22, 200];
const RUNS = Math.max(50, Number(process.env.RUNS) || 100);

function fail(msg) {
  console.error('bench/browser: ' + msg);
  process.exit(2);
}

// ---- data ---------------------------------------------------------------------------
function workbooks() {
  if (!fs.existsSync(DATA)) return [];
  return fs.readdirSync(DATA).filter((n) => n.endsWith('.xlsx')).sort();
}
if (workbooks().length < COUNT) {
  if (!fs.existsSync(JZ_BENCH)) fail(`no workbooks in ${DATA} and no jz-bench at ${JZ_BENCH} (build it: cargo build --release -p jz-bench)`);
  console.log(`== ${JZ_BENCH} gen --count ${COUNT} --seed ${SEED} -o ${DATA}`);
  const r = spawnSync(JZ_BENCH, ['gen', '--count', String(COUNT), '--seed', String(SEED), '-o', DATA], { stdio: 'inherit' });
  if (r.status !== 0) fail('jz-bench gen failed');
}
const FILES = workbooks().slice(0, COUNT);
if (FILES.length < COUNT) fail(`expected ${COUNT} workbooks in ${DATA}, found ${FILES.length}`);
for (const f of ['jz_wasm.js', 'jz_wasm_bg.wasm']) {
  if (!fs.existsSync(path.join(DIST, f))) fail(`${DIST}/${f} missing: run scripts/web-build.sh`);
}
if (!fs.existsSync(path.join(SHEETJS, 'xlsx.full.min.js'))) fail('SheetJS missing: run npm ci in bench/browser');

// One workbook to time alone: the median-sized and the largest of the first 22 files.
const first = FILES.slice(0, 22).map((name) => ({ name, size: fs.statSync(path.join(DATA, name)).size }));
first.sort((a, b) => a.size - b.size || a.name.localeCompare(b.name));
const SINGLE = [first[Math.floor(first.length / 2)].name, first[first.length - 1].name];

// ---- server -------------------------------------------------------------------------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.xlsx': 'application/octet-stream' };
/** `/prefix/name` → a file under `dir`, or null when it would leave `dir`. */
function under(dir, rel) {
  const p = path.resolve(dir, '.' + path.sep + rel);
  return p.startsWith(dir + path.sep) ? p : null;
}
function route(pathname) {
  if (pathname === '/' || pathname === '/bench.html') return path.join(HERE, 'bench.html');
  if (pathname === '/bench.js') return path.join(HERE, 'bench.js');
  for (const [prefix, dir] of [['/dist/', DIST], ['/xlsx/', SHEETJS], ['/data/', DATA]]) {
    if (pathname.startsWith(prefix)) return under(dir, pathname.slice(prefix.length));
  }
  return null;
}
const server = http.createServer((req, res) => {
  let file = null;
  try { file = route(decodeURIComponent(new URL(req.url, 'http://x').pathname)); } catch { /* bad URL */ }
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cache-Control': 'no-store',
  });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const BASE = `http://127.0.0.1:${server.address().port}/`;

// ---- browser ------------------------------------------------------------------------
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
let r;
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text() + ' ' + (m.location().url || '')); });
  await page.goto(BASE);
  console.log(`== benchmark in ${browser.version()} at ${BASE} (${FILES.length} workbooks from ${DATA})`);
  page.setDefaultTimeout(30 * 60 * 1000);
  r = await page.evaluate((o) => self.runBench(o), {
    files: FILES, single: SINGLE, sets: SETS, year: 2025, warmup: 20, runs: RUNS, mergeWarmup: 2, mergeRuns: 7,
  });
  if (errors.length) fail('page errors: ' + errors.join(' | '));
  r.browser = browser.version();
} finally {
  await browser.close();
  server.close();
}

// ---- report -------------------------------------------------------------------------
const wasmBytes = fs.readFileSync(path.join(DIST, 'jz_wasm_bg.wasm'));
const gz = zlib.gzipSync(wasmBytes, { level: 9 }).length;
const br = zlib.brotliCompressSync(wasmBytes).length;
const ms = (x) => (x < 10 ? x.toFixed(3) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const kb = (b) => (b / 1024).toFixed(1) + ' KB';
const ratio = (a, b) => (b / a).toFixed(1) + '×';
const yes = (c) => (c ? 'met' : '**missed**');

const lines = [];
lines.push('# Browser benchmark: jz-wasm against SheetJS, same page, same files');
lines.push('');
lines.push('Made by `node bench/browser/run.mjs` (from `scripts/bench.sh`). One headless Chromium page loads the');
lines.push('wasm module from `' + path.relative(ROOT, DIST) + '` and SheetJS `xlsx` ' + r.sheetjs + ' (npm), fetches the workbooks of');
lines.push(`\`jz-bench gen --count ${COUNT} --seed ${SEED}\`, and times both on the same bytes with \`performance.now()\``);
lines.push('(cross-origin isolated: ' + r.crossOriginIsolated + '). Times are medians after warm-up; each pair of');
lines.push('measurements alternates which side runs first. SheetJS only *parses*; the wasm side does all its work:');
lines.push('read, validate, build the result object (and for merge: supersede, total, write the summary .xlsx).');
lines.push('One workbook is timed two ways: *call by call* (one wasm call, one SheetJS call, and so on: each side');
lines.push('finds the caches full of the other\'s data and pays for the other\'s garbage) and *in blocks* (20 calls of');
lines.push('one side back to back, then 20 of the other, alternating: how the page\'s worker checks a pile of files).');
lines.push('');
lines.push('| what | wasm ms | SheetJS ms | speed-up |');
lines.push('|---|---:|---:|---:|');
for (const s of r.single) {
  lines.push(`| validate one workbook (${s.name}, ${kb(s.bytes)}; median of ${s.wasm.runs}) vs \`XLSX.read\`, call by call | ${ms(s.wasm.median)} | ${ms(s.sheetjs.median)} | ${ratio(s.wasm.median, s.sheetjs.median)} |`);
  lines.push(`| the same, in blocks of 20 (median of ${s.wasmBlocks.runs}) | ${ms(s.wasmBlocks.median)} | ${ms(s.sheetjsBlocks.median)} | ${ratio(s.wasmBlocks.median, s.sheetjsBlocks.median)} |`);
}
for (const s of r.sets) {
  lines.push(`| merge ${s.n} files (${kb(s.bytes)}; median of ${s.wasm.runs}) vs \`XLSX.read\` of each | ${ms(s.wasm.median)} | ${ms(s.sheetjs.median)} | ${ratio(s.wasm.median, s.sheetjs.median)} |`);
}
lines.push(`| Word report of ${r.report.n} files (\`report\`, read + validate + merge + .docx of ${kb(r.report.bytes)}; median of ${r.report.wasm.runs}) | ${ms(r.report.wasm.median)} | | target < 300 ms: ${yes(r.report.wasm.median < 300)} |`);
lines.push('');
const a = r.single[0];
lines.push('Targets (issue 5), on the median-sized workbook:');
lines.push('');
lines.push(`- validate one workbook in wasm ≤ 1 ms median: in blocks ${ms(a.wasmBlocks.median)} ms — ${yes(a.wasmBlocks.median <= 1)}; call by call ${ms(a.wasm.median)} ms — ${yes(a.wasm.median <= 1)};`);
lines.push(`- at least 3× faster than SheetJS's parse alone: in blocks ${ratio(a.wasmBlocks.median, a.sheetjsBlocks.median)} — ${yes(a.sheetjsBlocks.median >= 3 * a.wasmBlocks.median)}; call by call ${ratio(a.wasm.median, a.sheetjs.median)} — ${yes(a.sheetjs.median >= 3 * a.wasm.median)}.`);
lines.push('');
lines.push('Spread (ms, min / p10 / median / p90):');
lines.push('');
for (const s of r.single) {
  const sp = (x) => [x.min, x.p10, x.median, x.p90].map(ms).join(' / ');
  lines.push(`- ${s.name}, call by call: wasm ${sp(s.wasm)}; SheetJS ${sp(s.sheetjs)}`);
  lines.push(`- ${s.name}, in blocks: wasm ${sp(s.wasmBlocks)}; SheetJS ${sp(s.sheetjsBlocks)}`);
}
for (const s of r.sets) {
  const sp = (x) => [x.min, x.p10, x.median, x.p90].map(ms).join(' / ');
  lines.push(`- ${s.n} files: wasm ${sp(s.wasm)}; SheetJS ${sp(s.sheetjs)} (accepted ${s.accepted}, rejected ${s.rejected}, missing units ${s.missing}; summary ${kb(s.summaryBytes)})`);
}
lines.push('');
const p = r.profile;
lines.push(`Where one validate's time goes (${p.file}, medians):`);
lines.push('');
lines.push('| call | ms |');
lines.push('|---|---:|');
lines.push(`| \`validate(bytes, name)\` | ${ms(p.validate.median)} |`);
lines.push(`| \`validate\` of an empty file (binding + one diagnostic converted) | ${ms(p.validateEmpty.median)} |`);
lines.push(`| \`validate\` of the first 64 bytes (not a zip) | ${ms(p.validateGarbage.median)} |`);
lines.push(`| \`inspect(bytes, name)\` (what the page calls: validate + the report as an object) | ${ms(p.inspect.median)} |`);
lines.push(`| \`plan()\` (the built-in plan converted to a JS object) | ${ms(p.plan.median)} |`);
lines.push(`| \`validate(bytes, name, planText)\` (plan JSON of ${kb(p.planTextBytes)} parsed per call) | ${ms(p.validatePlanText.median)} |`);
lines.push('');
lines.push(`wasm module: ${wasmBytes.length} bytes raw (${kb(wasmBytes.length)}), ${gz} gzipped -9 (${kb(gz)}), ${br} brotli (${kb(br)}); first load and instantiate in the page ${ms(r.wasmLoadMs)} ms.`);
lines.push('');
lines.push(`Machine: ${os.cpus().length} × ${os.cpus()[0] ? os.cpus()[0].model : '?'}, Chromium ${r.browser}, node ${process.version}; ${new Date().toISOString().slice(0, 10)}.`);
const md = lines.join('\n') + '\n';
fs.writeFileSync(OUT, md);
console.log(md);
console.log(`bench/browser: wrote ${OUT}`);

// Shared by the browser test files: the browser, a page with a request log, downloads,
// the CLI and python readers, axe-core's accessibility check, and the pass/fail/skip count.
// Env: BASE_URL (served web-demo/dist), DIST (its folder), XLSX_TOOL (the CLI binary),
// FIXTURES (tests/fixtures), OUT (screenshots and downloads).
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8080/';
export const DIST = path.resolve(process.env.DIST || 'web-demo/dist');
export const XLSX_TOOL = path.resolve(process.env.XLSX_TOOL || 'target/debug/xlsx-tool');
export const FIXTURES = path.resolve(process.env.FIXTURES || 'tests/fixtures');
export const OUT = path.resolve(process.env.OUT || 'out/browser-artifacts');
fs.mkdirSync(OUT, { recursive: true });

/** The page's own files: index.html, the scripts it lists, the worker and the two wasm
 * modules (check-only at start, the writers on first use) with their glue. */
const scriptSrcs = [...fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').matchAll(/<script src="([^"]+)"/g)].map((m) => '/' + m[1]);
export const OWN_FILES = new Set(['/', '/index.html', '/style.css', '/worker.js', '/jz_wasm_check.js', '/jz_wasm_check_bg.wasm',
  '/jz_wasm.js', '/jz_wasm_bg.wasm', ...scriptSrcs]);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const counts = { passed: 0, failed: 0, skipped: 0 };
export function assert(cond, msg) { if (!cond) throw new Error(msg); }

/** Runs the CLI; returns {status, json, stdout, stderr}. */
export function cli(...args) {
  const r = spawnSync(XLSX_TOOL, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  let json = null;
  try { json = JSON.parse(r.stdout); } catch { /* not JSON */ }
  return { status: r.status, json, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a python snippet (openpyxl, python-docx are installed); returns its stdout parsed as JSON. */
export function py(code, ...args) {
  const r = spawnSync('python3', ['-c', code, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error('python: ' + r.stderr);
  return JSON.parse(r.stdout);
}

// playwright gives every launch a fresh temporary profile (--user-data-dir).
export const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });

/** A fresh page with a request log: any request that isn't the page's own files fails the test.
 * `requests` lists every URL asked for (the page's, its worker's), in order. */
export async function openPage(url, opts) {
  const context = (opts && opts.context) || await browser.newContext(Object.assign({ acceptDownloads: true, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' }, (opts && opts.contextOptions) || {}));
  const bad = [];
  const errors = [];
  const requests = [];
  const base = new URL(BASE_URL);
  const own = (u) => {
    const x = new URL(u);
    if (x.protocol === 'blob:' || x.protocol === 'data:') return true;
    if (url.startsWith('file:')) return x.href === url;
    return x.origin === base.origin && OWN_FILES.has(x.pathname);
  };
  context.on('request', (req) => {
    requests.push(req.url());
    if (!own(req.url())) bad.push(req.url());
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await ready(page);
  return { page, context, bad, errors, requests };
}

/** Waits until the page has started (and, after a reload, restored its files). */
export async function ready(page) {
  await page.waitForSelector('body[data-ready="1"]', { timeout: 120000 });
}

export async function closePage(t) {
  await t.context.close();
  assert(t.bad.length === 0, 'requests outside the page: ' + t.bad.join(', '));
  assert(t.errors.length === 0, 'page errors: ' + t.errors.join(' | '));
}

export async function save(page, click, name) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), click()]);
  const file = path.join(OUT, name || dl.suggestedFilename());
  await dl.saveAs(file);
  return { file, suggested: dl.suggestedFilename() };
}

/** Waits until no work is running (the merge button and samples button are usable again). */
export async function idle(page) {
  await page.waitForFunction(() => window.JZ && window.JZ.state && !window.JZ.state.busy && !document.querySelector('#samples').disabled, null, { timeout: 180000 });
}

const AXE_SOURCE = fs.readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Runs axe-core (WCAG 2 A/AA and best practices) on the page as it is now; fails with
 * every violation and its elements. The context needs `bypassCSP: true` (the page's CSP
 * rightly refuses the injected script). */
export async function axe(page, step) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ content: AXE_SOURCE });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} — ` +
      v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ')).join(' | '));
  });
  assert(found.length === 0, `axe at "${step}": ${found.length} violation(s):\n  ` + found.join('\n  '));
}

export class Skip extends Error {}
/** Ends a test as skipped (a function another branch adds is not in this build yet). */
export function skip(why) { throw new Skip(why); }

export async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    counts.passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    if (e instanceof Skip) {
      counts.skipped++;
      console.log(`skip ${name}: ${e.message}`);
      return;
    }
    counts.failed++;
    console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
  }
}

export function cardOf(page, name) {
  return page.locator(`article[data-file="${name}"]`);
}

/** Whether the loaded wasm module has `op`. */
export async function has(page, op) {
  return page.evaluate((o) => window.JZ.has(o), op);
}

export async function finish() {
  await browser.close();
  console.log(`${counts.passed} passed, ${counts.failed} failed` + (counts.skipped ? `, ${counts.skipped} skipped` : ''));
  process.exit(counts.failed ? 1 : 0);
}

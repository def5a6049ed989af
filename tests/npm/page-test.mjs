// Opens the plain ESM page (page.html, served from the consumer folder on 127.0.0.1) in
// Debian's Chromium and checks it computes what the Node script computed. Every request must
// stay on the page's own origin (the .wasm comes from the package, never from elsewhere).
// Env: BASE_URL, EXPECTED (the Node script's JSON line), OUT (screenshot folder).
import { chromium } from 'playwright-core';

const { BASE_URL, EXPECTED, OUT } = process.env;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let ok = false;
try {
  const page = await browser.newPage();
  const foreign = [];
  const errors = [];
  const origin = new URL(BASE_URL).origin;
  page.on('request', (r) => { if (new URL(r.url()).origin !== origin) foreign.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(BASE_URL + 'page.html');
  await page.waitForSelector('body[data-done="1"]', { timeout: 60000 });
  const got = await page.textContent('#out');
  if (OUT) await page.screenshot({ path: `${OUT}/npm-esm-page.png` });
  if (foreign.length) throw new Error('requests outside the page origin: ' + foreign.join(', '));
  if (errors.length) throw new Error('page errors: ' + errors.join(' | '));
  if (got !== EXPECTED) throw new Error(`page result differs from Node:\n  page ${got}\n  node ${EXPECTED}`);
  ok = true;
  console.log('npm package: plain ESM page in Chromium gives the same results as Node');
} catch (e) {
  console.error('npm package (page): ' + e.message);
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);

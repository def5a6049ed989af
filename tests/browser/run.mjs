// Browser tests of web-demo, driving Debian's /usr/bin/chromium with playwright-core.
// Env: see lib.mjs. Each file below holds the tests of one concern; prints
// "N passed, M failed" (and how many were skipped because a wasm function is missing).
import { finish } from './lib.mjs';

// ONLY=desk.mjs runs one file (while working on it).
for (const file of ['./basics.mjs', './desk.mjs', './plan.mjs', './anyplan.mjs', './stale.mjs', './columns.mjs', './board.mjs', './budget.mjs', './a11y.mjs', './evaluate.mjs']) {
  if (!process.env.ONLY || file.endsWith(process.env.ONLY)) await import(file);
}
await finish();

// Every spreadsheet the project keeps from other programs, through the shipped browser
// module (contract §14): the corpus (tests/corpus/files) and every fixture under
// tests/fixtures (hostile/, encrypted/, real_xls/, plans/, the broken files at the top),
// each given to `validate` of the check-only module the page loads first and to `validate`
// and `merge` of the full module, both the release builds in web-demo/dist
// (scripts/web-build.sh: panic = abort, as in the page). For each file: no trap
// (RuntimeError, `unreachable`), every thrown Error in Chinese, every diagnostic message
// in Chinese, and the next call on a good file (good_mengzhou.xlsx) still answers.
// After a trap the module is loaded again, so one trap does not hide the next.
//
// Env: DIST (default web-demo/dist), ROOT (default the repository). Prints
// "N passed, M failed"; exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = process.env.ROOT || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.DIST || path.join(ROOT, 'web-demo/dist');
/** A loader of one of the two modules: `stem` its files, `global` its glue's global. */
function loader(stem, global) {
  const glue = fs.readFileSync(path.join(DIST, `${stem}.js`), 'utf8');
  const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(DIST, `${stem}_bg.wasm`)));
  /** A fresh instance (the `--target no-modules` glue evaluated again). */
  return () => {
    // eslint-disable-next-line no-new-func
    const bindgen = new Function(`${glue}\nreturn ${global};`)();
    bindgen.initSync({ module: wasmModule });
    return bindgen;
  };
}
const loadCheck = loader('jz_wasm_check', 'jz_check');
const load = loader('jz_wasm', 'jz_writer');

const CJK = /[\u4e00-\u9fff]/;
const SKIP = /\.(py|sh|md|json|mjs)$/i;

function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (!SKIP.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Every `message` in a result (typed arrays, i.e. the workbook bytes, skipped). */
function messages(value, out = []) {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return out;
  if (value instanceof Map) value = Object.fromEntries(value);
  for (const [key, v] of Object.entries(value)) {
    if (key === 'message' && typeof v === 'string') out.push(v);
    else messages(v, out);
  }
  return out;
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError || e?.constructor?.name === 'RuntimeError'
  || /unreachable|RuntimeError/.test(String(e?.message ?? e));

const good = fs.readFileSync(path.join(ROOT, 'tests/fixtures/good_mengzhou.xlsx'));
let jz = load();
let check = loadCheck();
const goodResult = jz.validate(good, 'good_mengzhou.xlsx');
if (!goodResult.ok) throw new Error(`good_mengzhou.xlsx does not validate: ${JSON.stringify(goodResult)}`);
const YEAR = goodResult.year;

const files = [
  ...filesUnder(path.join(ROOT, 'tests/corpus/files')),
  ...filesUnder(path.join(ROOT, 'tests/fixtures')),
];
let passed = 0;
const failures = [];
const started = Date.now();
for (const file of files) {
  const name = path.basename(file);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const problems = [];
  const call = (what, f, reload) => {
    try {
      for (const m of messages(f())) {
        if (!CJK.test(m)) problems.push(`${what}: a message not in Chinese: ${m}`);
      }
    } catch (e) {
      if (isTrap(e)) {
        problems.push(`${what}: the module trapped (${e})`);
        reload();
      } else if (!CJK.test(String(e?.message ?? e))) {
        problems.push(`${what}: threw an error not in Chinese: ${e}`);
      }
    }
  };
  const reloadCheck = () => { check = loadCheck(); };
  const reloadFull = () => { jz = load(); };
  call('validate (check-only module)', () => check.validate(bytes, name), reloadCheck);
  call('validate', () => jz.validate(bytes, name), reloadFull);
  call('merge', () => jz.merge([{ name, bytes }], YEAR), reloadFull);
  for (const [which, mod, reload] of [['check-only', () => check, reloadCheck], ['full', () => jz, reloadFull]]) {
    try {
      if (!mod().validate(good, 'good_mengzhou.xlsx').ok) problems.push(`the next call on a good file fails (${which})`);
    } catch (e) {
      problems.push(`the next call on a good file threw (${which}): ${e}`);
      reload();
    }
  }
  const shown = path.relative(ROOT, file);
  if (problems.length) failures.push(`${shown}\n    ${problems.join('\n    ')}`);
  else passed += 1;
}
// And a whole merge still works at the end.
try {
  const merged = jz.merge([{ name: 'good_mengzhou.xlsx', bytes: good }], YEAR);
  if (!(merged.xlsx?.length > 0)) failures.push('final merge of good_mengzhou.xlsx: no summary workbook');
  else passed += 1;
} catch (e) {
  failures.push(`final merge of good_mengzhou.xlsx threw: ${e}`);
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`wasm corpus: ${files.length} files through validate and merge in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);

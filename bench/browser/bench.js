// Runs inside one headless Chromium page (bench.html): the jz-wasm module and SheetJS on
// the same workbooks, timed with performance.now(). run.mjs calls `runBench(options)` and
// formats what it returns. Paired measurements alternate which side runs first, so drift
// and garbage collection fall on both sides alike.
'use strict';
/* global jz_writer, XLSX */
// dist/jz_wasm.js is the full module, bound under the global `jz_writer` (scripts/web-build.sh).
const wasm_bindgen = jz_writer;

/** Median of a list of numbers. */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Summary statistics of a list of timings (ms). */
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { runs: s.length, median: median(s), min: s[0], p10: at(0.1), p90: at(0.9), max: s[s.length - 1] };
}

/** Milliseconds taken by `fn()`; the result goes to `sink` so nothing is optimised away. */
function time(fn, sink) {
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  sink.push(r);
  return ms;
}

/**
 * Times `a` and `b` `runs` times each after `warmup` rounds, alternating which goes
 * first. Returns {a: stats, b: stats}.
 */
function paired(a, b, warmup, runs) {
  const ta = [];
  const tb = [];
  let sink = [];
  for (let i = 0; i < warmup + runs; i++) {
    let x;
    let y;
    if (i % 2 === 0) {
      x = time(a, sink);
      y = time(b, sink);
    } else {
      y = time(b, sink);
      x = time(a, sink);
    }
    if (i >= warmup) {
      ta.push(x);
      tb.push(y);
    }
    if (sink.length > 64) sink = [];
  }
  return { a: stats(ta), b: stats(tb) };
}

/**
 * Times `a` and `b` `runs` times each after `warmup` rounds, in blocks: `block` calls of
 * one side back to back, then `block` of the other (alternating which block goes first),
 * so each side runs with its own data in the caches, as when one tool checks a pile of
 * files. Returns {a: stats, b: stats} of single calls.
 */
function blocks(a, b, warmup, runs, block) {
  const ta = [];
  const tb = [];
  let sink = [];
  const run = (fn, into) => {
    for (let k = 0; k < block; k++) {
      const ms = time(fn, sink);
      if (into) into.push(ms);
      if (sink.length > 64) sink = [];
    }
  };
  for (let i = 0; i < warmup; i++) { run(a, null); run(b, null); }
  for (let i = 0; ta.length < runs; i++) {
    if (i % 2 === 0) { run(a, ta); run(b, tb); } else { run(b, tb); run(a, ta); }
  }
  return { a: stats(ta), b: stats(tb) };
}

/** Times `fn` alone `runs` times after `warmup` calls. */
function single(fn, warmup, runs) {
  const t = [];
  let sink = [];
  for (let i = 0; i < warmup + runs; i++) {
    const ms = time(fn, sink);
    if (i >= warmup) t.push(ms);
    if (sink.length > 64) sink = [];
  }
  return stats(t);
}

async function fetchBytes(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** SheetJS parsing a workbook; returns a small checkable summary. */
function sheetjsRead(bytes) {
  const wb = XLSX.read(bytes, { type: 'array' });
  return wb.SheetNames.length;
}

/** SheetJS parsing every file of a list. */
function sheetjsReadAll(files) {
  let sheets = 0;
  for (const f of files) sheets += sheetjsRead(f.bytes);
  return sheets;
}

/**
 * The benchmark. `options`: {files: [names in /data/], single: [names to validate alone],
 * sets: [22, 200], year, warmup, runs, mergeWarmup, mergeRuns}.
 */
async function runBench(options) {
  const o = options;
  const out = { crossOriginIsolated: self.crossOriginIsolated, userAgent: navigator.userAgent, sheetjs: XLSX.version };

  const t0 = performance.now();
  await wasm_bindgen({ module_or_path: '/dist/jz_wasm_bg.wasm' });
  out.wasmLoadMs = performance.now() - t0;

  const files = [];
  for (const name of o.files) files.push({ name, bytes: await fetchBytes('/data/' + encodeURIComponent(name)) });
  const byName = new Map(files.map((f) => [f.name, f]));

  // (a)+(b): one workbook, validate in wasm vs SheetJS parse alone, paired.
  out.single = [];
  for (const name of o.single) {
    const f = byName.get(name);
    const check = wasm_bindgen.validate(f.bytes, f.name);
    const validate = () => wasm_bindgen.validate(f.bytes, f.name);
    const p = paired(validate, () => sheetjsRead(f.bytes), o.warmup, o.runs);
    const q = blocks(validate, () => sheetjsRead(f.bytes), 2, o.runs, 20);
    out.single.push({
      name, bytes: f.bytes.length, wasm: p.a, sheetjs: p.b, wasmBlocks: q.a, sheetjsBlocks: q.b,
      ok: check.ok, unit: check.unit, diagnostics: check.diagnostics.length, sheets: sheetjsRead(f.bytes),
    });
  }

  // (c)+(d): merge of the first N files in wasm vs SheetJS parsing the same N files.
  out.sets = [];
  for (const n of o.sets) {
    const set = files.slice(0, n);
    const check = wasm_bindgen.merge(set, o.year);
    const p = paired(() => wasm_bindgen.merge(set, o.year), () => sheetjsReadAll(set), o.mergeWarmup, o.mergeRuns);
    const s = check.summary;
    out.sets.push({
      n, bytes: set.reduce((a, f) => a + f.bytes.length, 0), wasm: p.a, sheetjs: p.b,
      accepted: s.accepted.length, rejected: s.rejected.length, missing: s.missing_units.length,
      summaryBytes: check.xlsx.length,
    });
  }

  // The Word report of the first 22 files (issue 13: < 300 ms in wasm).
  const set22 = files.slice(0, 22);
  const docx = wasm_bindgen.report(set22, o.year);
  out.report = { n: set22.length, bytes: docx.length, wasm: single(() => wasm_bindgen.report(set22, o.year), 2, o.mergeRuns) };

  // Where the time of one validate goes: the same call on trivial input (binding,
  // result conversion, the empty-file diagnostic), inspect (validate + the report as a JS
  // object, what the page calls), plan() (converting a large object), and validate with
  // the plan passed as text (parsed on every call).
  const f = byName.get(o.single[0]);
  const empty = new Uint8Array(0);
  const planText = JSON.stringify(wasm_bindgen.plan());
  out.profile = {
    file: f.name,
    validate: single(() => wasm_bindgen.validate(f.bytes, f.name), o.warmup, o.runs),
    validateEmpty: single(() => wasm_bindgen.validate(empty, 'empty.xlsx'), o.warmup, o.runs),
    validateGarbage: single(() => wasm_bindgen.validate(f.bytes.subarray(0, 64), 'cut.xlsx'), o.warmup, o.runs),
    inspect: single(() => wasm_bindgen.inspect(f.bytes, f.name), o.warmup, o.runs),
    plan: single(() => wasm_bindgen.plan(), o.warmup, o.runs),
    validatePlanText: single(() => wasm_bindgen.validate(f.bytes, f.name, planText), o.warmup, Math.min(o.runs, 30)),
    planTextBytes: planText.length,
  };
  return out;
}

self.runBench = runBench;

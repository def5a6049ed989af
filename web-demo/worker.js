// Web Worker: loads the wasm modules and runs one call per message, off the page's thread.
// Message in: {id, op, args}; out: {id, ok: true, value} or {id, ok: false, error, trap}.
// Two modules (contract §14): the check-only one (jz_wasm_check*: read and check a file, the
// plan, facts) is loaded at start; the full one (jz_wasm*: the writers) only when the page
// first asks for an operation the check-only module lacks (template, merge, report, ...).
// In the one-file build both glues are prepended to this file and JZ_CHECK_BASE64 /
// JZ_WRITER_BASE64 hold the modules; the writer's is decoded on first use too.
'use strict';
/* global jz_check, jz_writer, importScripts */

// The functions the page may call. The writer module has every one of them; the check-only
// module those that checking a file needs.
const WRITER_OPS = new Set(['template', 'merge', 'annotate', 'correct', 'samples', 'samplesYears', 'report', 'planWorkbook', 'importPlan', 'evaluate', 'headers']);
const OPS = new Set(['plan', 'validate', 'inspect', 'facts', 'loadPlan', 'planDiff', 'skipReason', 'board', 'annotatedName', 'correctedName', ...WRITER_OPS]);

function decode(base64) {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const check = (async () => {
  if (typeof jz_check === 'undefined') importScripts('jz_wasm_check.js');
  const inline = typeof self.JZ_CHECK_BASE64 === 'string';
  await jz_check({ module_or_path: inline ? decode(self.JZ_CHECK_BASE64) : 'jz_wasm_check_bg.wasm' });
  return jz_check;
})();

let writer = null;
/** The writer module, loaded on its first use (again after a failed load). */
function loadWriter() {
  if (!writer) {
    writer = (async () => {
      if (typeof jz_writer === 'undefined') importScripts('jz_wasm.js');
      const inline = typeof self.JZ_WRITER_BASE64 === 'string';
      await jz_writer({ module_or_path: inline ? decode(self.JZ_WRITER_BASE64) : 'jz_wasm_bg.wasm' });
      return jz_writer;
    })();
    writer.catch(() => { writer = null; });
  }
  return writer;
}

const cause = (e) => String((e && e.message) || e);

self.onmessage = async (ev) => {
  const { id, op, args } = ev.data || {};
  let mod;
  try {
    mod = await check;
  } catch (e) {
    self.postMessage({ id, ok: false, trap: false, error: '无法加载校验程序，请换用最新版的 Chrome、Edge 或 Firefox 浏览器：' + cause(e) });
    return;
  }
  if (op === '__ops') {
    self.postMessage({ id, ok: true, value: [...OPS].filter((o) => WRITER_OPS.has(o) || typeof mod[o] === 'function') });
    return;
  }
  if (op === '__writerLoaded') {
    // Whether the writer module has been asked for (the tests check it arrives on first use).
    self.postMessage({ id, ok: true, value: writer !== null });
    return;
  }
  if (OPS.has(op) && typeof mod[op] !== 'function') {
    try {
      mod = await loadWriter();
    } catch (e) {
      self.postMessage({ id, ok: false, trap: false, error: '无法加载生成模板、汇总表和报告的程序，请刷新页面后重试；仍不行请换用最新版的 Chrome、Edge 或 Firefox 浏览器：' + cause(e) });
      return;
    }
  }
  try {
    if (!OPS.has(op) || typeof mod[op] !== 'function') throw new Error('此版本的校验程序不支持该操作：' + op);
    const value = mod[op](...(args || []));
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    // A WebAssembly trap leaves the module unusable: the page restarts the worker.
    const trap = e instanceof WebAssembly.RuntimeError || !(e instanceof Error);
    const error = trap ? '处理时程序内部出错（' + cause(e) + '）。请把该文件发给技术人员。' : e.message;
    self.postMessage({ id, ok: false, trap, error });
  }
};

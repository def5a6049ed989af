// Web Worker: loads the wasm module and runs one call per message, off the page's thread.
// Message in: {id, op, args}; out: {id, ok: true, value} or {id, ok: false, error, trap}.
// In the one-file build the glue is prepended to this file and JZ_WASM_BASE64 is set.
'use strict';
/* global wasm_bindgen, importScripts */
if (typeof wasm_bindgen === 'undefined') {
  importScripts('jz_wasm.js');
}

const ready = (async () => {
  if (typeof self.JZ_WASM_BASE64 === 'string') {
    const bin = atob(self.JZ_WASM_BASE64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    await wasm_bindgen({ module_or_path: bytes });
  } else {
    await wasm_bindgen({ module_or_path: 'jz_wasm_bg.wasm' });
  }
})();

// The functions the page may call; `__ops` lists those the loaded module really has
// (some come from other parts of the project and may be missing in an older build).
const OPS = new Set(['plan', 'template', 'validate', 'inspect', 'merge', 'annotate', 'correct', 'samples',
  'samplesYears', 'facts', 'loadPlan', 'planDiff', 'report', 'skipReason', 'planWorkbook', 'board', 'annotatedName']);

self.onmessage = async (ev) => {
  const { id, op, args } = ev.data || {};
  try {
    await ready;
  } catch (e) {
    self.postMessage({ id, ok: false, trap: false, error: '无法加载校验程序，请换用最新版的 Chrome、Edge 或 Firefox 浏览器：' + String((e && e.message) || e) });
    return;
  }
  try {
    if (op === '__ops') {
      self.postMessage({ id, ok: true, value: [...OPS].filter((o) => typeof wasm_bindgen[o] === 'function') });
      return;
    }
    if (!OPS.has(op) || typeof wasm_bindgen[op] !== 'function') throw new Error('此版本的校验程序不支持该操作：' + op);
    const value = wasm_bindgen[op](...(args || []));
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    // A WebAssembly trap leaves the module unusable: the page restarts the worker.
    const trap = e instanceof WebAssembly.RuntimeError || !(e instanceof Error);
    const error = trap ? '处理时程序内部出错（' + String((e && e.message) || e) + '）。请把该文件发给技术人员。' : e.message;
    self.postMessage({ id, ok: false, trap, error });
  }
};

// Calls into the wasm module running in a Web Worker (worker.js): one message per call,
// a restarted worker after a trap. `JZ.call(op, ...args)` returns a Promise;
// `JZ.has(op)` says whether the loaded module exports that function.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  let worker = null;
  let nextId = 1;
  const pending = new Map();
  let available = new Set();

  function start() {
    const inline = JZ.$('jz-worker-src');
    if (inline) {
      const url = URL.createObjectURL(new Blob([inline.textContent], { type: 'text/javascript' }));
      worker = new Worker(url);
    } else {
      worker = new Worker('worker.js');
    }
    worker.onmessage = (ev) => {
      const { id, ok, value, error, trap } = ev.data;
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      if (ok) p.resolve(value);
      else {
        if (trap) restart();
        p.reject(new Error(error));
      }
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      const msg = '后台处理程序出错：' + (ev.message || '未知原因') + '。请刷新页面后重试。';
      for (const p of pending.values()) p.reject(new Error(msg));
      pending.clear();
      restart();
    };
  }

  function restart() {
    if (worker) worker.terminate();
    worker = null;
    start();
  }

  /** Calls a wasm function in the worker. */
  JZ.call = function call(op, ...args) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
  };

  /** Whether the wasm module exports `op` (functions other branches add may be absent). */
  JZ.has = (op) => available.has(op);

  /** Starts the worker and learns which functions the module has. */
  JZ.startWorker = async function startWorker() {
    start();
    available = new Set(await JZ.call('__ops'));
  };
})();

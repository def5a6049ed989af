// Shared helpers of the page's scripts: elements built with textContent (never innerHTML),
// the status line, downloads, number formatting. Every script adds itself to window.JZ.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});

  JZ.$ = (id) => document.getElementById(id);

  /** Creates an element; `text` sets textContent, strings among children become text nodes. */
  JZ.el = function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
  };

  /** An SVG element with attributes; `text` (if given) set as text, never as markup. */
  JZ.svgEl = function svgEl(tag, attrs, text) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };

  JZ.setStatus = function setStatus(text, isError) {
    const s = JZ.$('status');
    s.textContent = text;
    s.classList.toggle('error', Boolean(isError));
  };

  JZ.XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  JZ.DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

  JZ.download = function download(name, bytes, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type: type || JZ.XLSX_TYPE }));
    const a = JZ.el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };

  /** The file name without folders. */
  JZ.baseName = (name) => String(name).replace(/^.*[\\/]/, '');

  /** The lower-case extension without the dot ('' when none). */
  JZ.extension = function extension(name) {
    const m = /\.([^./\\]+)$/.exec(JZ.baseName(name));
    return m ? m[1].toLowerCase() : '';
  };

  JZ.fmt = function fmt(n) {
    if (n === null || n === undefined) return '—';
    return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
  };

  JZ.pct = (r) => (r === null || r === undefined ? '' : `${(r * 100).toFixed(1)}%`);

  /** A table with a header row; `rows` are arrays of cells (strings or elements). */
  JZ.table = function table(props, headers, rows) {
    const el = JZ.el;
    const cell = (c) => (c instanceof Node ? el('td', {}, c) : el('td', { text: c === null || c === undefined ? '' : c }));
    return el('table', props || {},
      el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { text: h })))),
      el('tbody', {}, ...rows.map((r) => (r instanceof Node ? r : el('tr', {}, ...r.map(cell))))));
  };

  /** Scrolls `e` to just below the sticky header. */
  JZ.scrollToEl = function scrollToEl(e) {
    const header = document.querySelector('header');
    const below = header ? header.getBoundingClientRect().height + 8 : 0;
    window.scrollTo({ top: window.scrollY + e.getBoundingClientRect().top - below, behavior: 'instant' });
  };

  /** A local date-time as people read it: 2026年1月20日 14:05. */
  JZ.when = function when(ms) {
    const d = new Date(ms);
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${two(d.getHours())}:${two(d.getMinutes())}`;
  };
})();

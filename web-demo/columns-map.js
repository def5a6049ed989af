// 对应列 (contract §15): for a file whose columns the tool cannot place (missing-column,
// unknown-layout), the file's header cells beside the template's columns, each a <select>
// prefilled with the tool's best match, the first rows, and 重新校验 with that mapping.
// Everything shown comes from Rust (inspect's `columns`: headers, the template's columns,
// what each header was read as or most likely is, the preview); no table of names here.
// A confirmed mapping is remembered in this browser per unit (and per set of headers, for
// a file whose unit cannot be read yet) and used for that unit's next file.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el } = JZ;
  const KEY = 'jz-column-maps';
  /** Whether a file's findings may call for the step (then its header row is asked for). */
  function mayNeedMapping(f) {
    return Boolean(f.result) && f.result.diagnostics.some((d) => d.code === 'unknown-layout' || d.code === 'missing-column');
  }

  /** Whether a file's columns need the person: an unknown layout, or a column missing from
   * the header row the step shows. */
  function needsMapping(f) {
    if (!f.columns || !f.result) return false;
    return f.result.diagnostics.some((d) => d.code === 'unknown-layout' || (d.code === 'missing-column' && d.sheet === f.columns.sheet));
  }

  function headersOf(f) {
    return (f.columns ? f.columns.columns : []).map((c) => c.header);
  }
  const signature = (headers) => [...headers].sort().join('\u0001');

  function load() {
    try {
      const v = JSON.parse(localStorage.getItem(KEY) || '{}');
      return { byUnit: v.byUnit || {}, byHeaders: v.byHeaders || {} };
    } catch { return { byUnit: {}, byHeaders: {} }; }
  }
  function store(v) {
    try { localStorage.setItem(KEY, JSON.stringify(v)); } catch { /* no localStorage: not remembered */ }
  }

  /** The remembered mapping for this file: its unit's, if every header it names is in the
   * file; else the one saved for exactly these headers. */
  function remembered(f) {
    const saved = load();
    const headers = headersOf(f);
    const fits = (m) => m && Object.keys(m).length > 0 && Object.keys(m).every((h) => headers.includes(h));
    const unit = f.result && f.result.unit;
    if (unit && fits(saved.byUnit[unit])) return saved.byUnit[unit];
    const bySig = saved.byHeaders[signature(headers)];
    return fits(bySig) ? bySig : null;
  }

  function remember(f) {
    if (!f.mapping || (JZ.desk && !JZ.desk.wanted())) return;
    const saved = load();
    if (f.result.unit) saved.byUnit[f.result.unit] = f.mapping;
    saved.byHeaders[signature(headersOf(f))] = f.mapping;
    store(saved);
  }

  function forget() {
    try { localStorage.removeItem(KEY); } catch { /* nothing remembered */ }
  }

  /** After a file was checked without a mapping: when it needs one and this browser
   * remembers one that fits, checks it again with that mapping and keeps it if the
   * columns are then placed. `inspect(f)` checks `f` with `f.mapping`. */
  async function applyRemembered(f, inspect) {
    if (f.mapping || !needsMapping(f)) return;
    const m = remembered(f);
    if (!m) return;
    const before = { result: f.result, report: f.report, columns: f.columns };
    f.mapping = m;
    await inspect(f);
    if (needsMapping(f)) {
      Object.assign(f, before);
      f.mapping = null;
    } else {
      f.mappedFromMemory = true;
    }
  }

  /** The 对应列 panel of a file's card. */
  function panel(f, inspect) {
    const v = f.columns;
    const id = 'colmap-' + f.key;
    const selects = [];
    const rows = v.columns.map((c, i) => {
      const sel = el('select', { id: `${id}-${i}`, 'aria-label': `文件中的“${c.header}”列（${c.cell}）对应模板中的哪一列` });
      sel.append(el('option', { value: '', text: '（不读取）' }));
      for (const t of v.template) sel.append(el('option', { value: t, text: t }));
      const own = (f.mapping && f.mapping[c.header]) || c.column || c.suggested || '';
      sel.value = v.template.includes(own) ? own : '';
      selects.push([c, sel]);
      return el('tr', {},
        el('th', { scope: 'row', text: c.header }),
        el('td', { text: c.cell }),
        el('td', {}, sel));
    });
    const table = el('table', { class: 'colmap-table' },
      el('caption', { text: '文件中的表头与模板中的列' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '文件中的表头' }), el('th', { scope: 'col', text: '单元格' }), el('th', { scope: 'col', text: '对应模板中的列' }))),
      el('tbody', {}, ...rows));
    const preview = el('table', { class: 'colmap-preview' },
      el('caption', { text: `文件的前 ${v.preview.length} 行（工作表“${v.sheet}”，表头在第 ${v.row} 行）` }),
      el('thead', {}, el('tr', {}, ...v.columns.map((c) => el('th', { scope: 'col', text: c.header })))),
      el('tbody', {}, ...v.preview.map((r) => el('tr', {}, ...r.map((t) => el('td', { text: t }))))));
    const msg = el('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
    const run = async () => {
      const mapping = {};
      for (const [c, sel] of selects) {
        if (sel.value && sel.value !== c.column) mapping[c.header] = sel.value;
      }
      msg.textContent = '正在重新校验……';
      f.mapping = Object.keys(mapping).length ? mapping : null;
      await inspect(f);
      f.merged = null;
      JZ.dropStaleMerge();
      if (!needsMapping(f)) remember(f);
      f.open = true;
      JZ.refresh();
      JZ.setStatus(f.result.ok ? `“${f.name}”按指定的对应列重新校验，已通过。以后收到${f.result.unit || '该单位'}的文件会自动使用这一对应关系。`
        : `“${f.name}”按指定的对应列重新校验，仍有问题，请查看问题列表。`, !f.result.ok);
    };
    return el('section', { class: 'colmap', 'aria-labelledby': id + '-h' },
      el('h4', { id: id + '-h', text: '对应列' }),
      el('p', { text: '这份文件的列与模板不一致。请在右侧为文件中的每一列选择它对应模板中的哪一列（已按列名和内容预先选好最可能的一项），然后点“重新校验”。' }),
      table,
      // Scrolls sideways when wide: focusable so the keyboard can scroll it too.
      el('div', { class: 'colmap-scroll', tabindex: '0', role: 'region', 'aria-label': '文件的前几行' }, preview),
      el('div', { class: 'actions' }, el('button', { type: 'button', text: '重新校验', onclick: run })),
      msg);
  }

  Object.assign(JZ, { needsMapping, mayNeedMapping, applyRemembered, columnsPanel: panel, forgetColumnMaps: forget });
})();

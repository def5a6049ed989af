// The fixing grid: one editable row per cell with a problem that `correct` can change
// (the editable fields, labels and statuses come from Rust via facts()), then the file is
// rebuilt and checked again in the worker.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el } = JZ;
  const F = () => JZ.state.facts;

  function label(field) {
    const f = F().fields.find((x) => x.field === field);
    return f ? f.label : field;
  }

  /** One editable row per anchored cell with a problem; messages of the same cell joined. */
  function fixRows(f) {
    const rows = new Map();
    for (const d of JZ.diagnosticsOf(f)) {
      const a = d.anchor;
      if (!a || !(F().editable[a.kind] || []).includes(a.field)) continue;
      const key = `${a.kind}|${a.id || ''}|${a.field}`;
      if (!rows.has(key)) rows.set(key, { anchor: a, place: d.sheet + (d.cell ? '!' + d.cell : ''), messages: [], error: false });
      const row = rows.get(key);
      row.messages.push(d.message);
      row.error = row.error || d.severity === 'error';
    }
    return [...rows.values()];
  }

  function currentValue(report, a) {
    if (!report) return '';
    if (a.kind === 'header') {
      if (a.field === 'unit') return report.unit || '';
      if (a.field === 'year') return report.year ? String(report.year) : '';
      if (a.field === 'date') return report.date_text || report.date || '';
      return report[a.field] || '';
    }
    if (a.kind === 'measure') {
      const m = (report.measures || []).find((x) => x.id === a.id);
      if (!m) return '';
      return a.field === 'status' ? m.status_text || '' : m[a.field] || '';
    }
    const i = (report.indicators || []).find((x) => x.id === a.id);
    if (!i) return '';
    return a.field === 'value' ? i.value_text || '' : i[a.field] || '';
  }

  function inputFor(a, value, name) {
    if (a.field === 'status') {
      const sel = el('select', { 'aria-label': name });
      sel.append(el('option', { value: '', text: '（请选择）' }));
      for (const s of F().statuses) sel.append(el('option', { value: s, text: s }));
      sel.value = F().statuses.includes(value) ? value : '';
      return sel;
    }
    const meta = F().fields.find((x) => x.field === a.field);
    if (meta && meta.long_text) {
      const t = el('textarea', { 'aria-label': name, rows: 2 });
      t.value = value;
      return t;
    }
    const i = el('input', { type: 'text', 'aria-label': name });
    i.value = value;
    return i;
  }

  function toggleFix(card, f) {
    const existing = card.querySelector('.fix');
    if (existing) { existing.remove(); return; }
    const inputs = [];
    const tbody = el('tbody');
    for (const row of fixRows(f)) {
      const a = row.anchor;
      const what = (a.kind === 'header' ? '' : a.kind === 'measure' ? `举措 ${a.id} ` : `指标 ${a.id} `) + label(a.field);
      const old = currentValue(f.report, a);
      const input = inputFor(a, old, what);
      inputs.push({ anchor: a, input });
      tbody.append(el('tr', { class: row.error ? 'error' : 'warning' },
        el('td', { text: row.place || '—' }),
        el('td', { text: what }),
        el('td', { text: old || '（空）' }),
        el('td', { class: 'input' }, input),
        el('td', { text: row.messages.join('；') })));
    }
    const msg = el('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
    const box = el('div', { class: 'fix' },
      el('p', { class: 'muted', text: '在“新内容”一栏改好后点“重新校验”。只列出能在页面里修改的问题；其他问题请在 Excel 中修改后重新选择文件。' }),
      el('table', {},
        el('thead', {}, el('tr', {}, el('th', { text: '位置' }), el('th', { text: '栏目' }), el('th', { text: '原内容' }), el('th', { text: '新内容' }), el('th', { text: '问题' }))),
        tbody),
      el('div', { class: 'actions' },
        el('button', { type: 'button', text: '重新校验', onclick: () => applyFix(f, inputs, msg) })),
      msg);
    card.append(box);
    const first = box.querySelector('select, input, textarea');
    if (first) first.focus();
  }

  async function applyFix(f, inputs, msg) {
    const edits = inputs.map(({ anchor, input }) => ({ kind: anchor.kind, id: anchor.id, field: anchor.field, value: input.value }));
    msg.textContent = '正在重新校验……';
    try {
      const out = await JZ.call('correct', f.bytes, f.name, edits, JZ.planArg(), f.mapping || null);
      const again = await JZ.call('inspect', out.xlsx, f.name, JZ.planArg());
      // The corrected copy is in the template's own layout: no mapping needed any more.
      f.mapping = null;
      f.columns = again.columns || null;
      f.bytes = out.xlsx;
      f.result = again.result;
      f.report = again.report;
      f.fixed = true;
      f.open = true;
      const why = await JZ.desk.save(f.name, f.bytes, f.added);
      if (why) JZ.deskNote(why, true);
      JZ.refresh();
      const card = [...document.querySelectorAll('#files article')].find((c) => c.dataset.file === f.name);
      JZ.setStatus(f.result.ok ? `“${f.name}”修改后已通过校验，可下载修改后的文件。` : `“${f.name}”还有问题，请继续修改。`, !f.result.ok);
      if (card) {
        const btn = [...card.querySelectorAll('button')].find((b) => b.textContent === (f.result.ok ? '下载修改后的文件' : '在页面中修改'));
        if (btn) btn.focus();
      }
    } catch (e) {
      msg.textContent = e.message;
    }
  }

  Object.assign(JZ, { fixRows, toggleFix });
})();

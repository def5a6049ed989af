// The page: template download, validation with a fixing grid, merge with a chart.
// Plain DOM; every text that comes from data is inserted with textContent (never innerHTML).
'use strict';
(() => {
  const MAX_FILE_BYTES = 32 * 1024 * 1024;
  const STATUSES = ['未启动', '推进中', '已完成', '持续推进'];
  const FIELD_LABELS = {
    unit: '填报单位', year: '报告年度', contact: '联系人', phone: '联系电话', date: '填报日期',
    id: '序号', task_text: '任务内容', measure_text: '落实举措', responsible: '责任单位',
    status: '完成状态', progress: '进展情况', problems: '存在问题', next_plan: '下一步计划',
    evidence: '佐证材料', indicator_name: '指标名称', indicator_unit: '计量单位', target: '目标值',
    value: '本年度完成值', remark: '说明',
  };
  const EDITABLE = {
    header: ['unit', 'year', 'contact', 'phone', 'date'],
    measure: ['status', 'progress', 'problems', 'next_plan', 'evidence'],
    indicator: ['value', 'remark'],
  };
  const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  const $ = (id) => document.getElementById(id);

  /** Creates an element; `text` sets textContent, strings among children become text nodes. */
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  // ---------------------------------------------------------------- worker
  let worker = null;
  let nextId = 1;
  const pending = new Map();

  function startWorker() {
    const inline = $('jz-worker-src');
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
        if (trap) restartWorker();
        p.reject(new Error(error));
      }
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      const msg = '后台处理程序出错：' + (ev.message || '未知原因') + '。请刷新页面后重试。';
      for (const p of pending.values()) p.reject(new Error(msg));
      pending.clear();
      restartWorker();
    };
  }

  function restartWorker() {
    if (worker) worker.terminate();
    worker = null;
    startWorker();
  }

  /** Calls a wasm function in the worker. */
  function call(op, ...args) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
  }

  // ---------------------------------------------------------------- helpers
  function setStatus(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', Boolean(isError));
  }

  function download(name, bytes, type) {
    const url = URL.createObjectURL(new Blob([bytes], { type: type || XLSX_TYPE }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function stem(name) {
    const base = name.replace(/^.*[\\/]/, '');
    return base.replace(/\.(xlsx|xls|xlsb|ods|csv)$/i, '');
  }

  function fmt(n) {
    if (n === null || n === undefined) return '—';
    return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
  }

  // ---------------------------------------------------------------- state
  let plan = null;
  /** @type {{key:number,name:string,bytes:Uint8Array,result:any,report:any,fixed:boolean,error?:string}[]} */
  let files = [];
  let fileKey = 1;
  let mergeXlsx = null;
  let busy = false;

  function setBusy(b) {
    busy = b;
    for (const id of ['tpl-download', 'samples', 'merge', 'clear']) $(id).disabled = b || !plan;
    $('clear').disabled = b || files.length === 0;
    $('merge').disabled = b || files.length === 0;
    $('file-input').disabled = b;
  }

  // ---------------------------------------------------------------- template
  function fillSelects() {
    const unitSel = $('tpl-unit');
    const groups = new Map();
    for (const u of plan.units) {
      if (!groups.has(u.group)) groups.set(u.group, []);
      groups.get(u.group).push(u.name);
    }
    for (const [group, names] of groups) {
      const og = el('optgroup', { label: group });
      for (const n of names) og.append(el('option', { value: n, text: n }));
      unitSel.append(og);
    }
    for (const id of ['tpl-year', 'merge-year']) {
      const sel = $(id);
      for (let y = plan.first_year; y <= plan.last_year; y++) sel.append(el('option', { value: y, text: y + ' 年度' }));
      sel.value = String(plan.last_year);
      sel.disabled = false;
    }
    unitSel.disabled = false;
  }

  async function downloadTemplate() {
    const unit = $('tpl-unit').value;
    const year = Number($('tpl-year').value);
    try {
      const bytes = await call('template', unit, year);
      download(`${unit}_${year}年度填报表.xlsx`, bytes);
      setStatus(`已生成 ${unit} ${year} 年度填报模板。`);
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  // ---------------------------------------------------------------- files
  async function readPicked(fileList) {
    const picked = [];
    for (const f of fileList) {
      if (f.size > MAX_FILE_BYTES) {
        picked.push({ name: f.name, bytes: null, tooLarge: true });
      } else {
        picked.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
      }
    }
    await addFiles(picked);
  }

  function tooLargeResult(name) {
    return {
      path: name, unit: null, year: null, ok: false,
      diagnostics: [{ code: 'too-large', severity: 'error', sheet: '', cell: '',
        message: '文件超过 32 MB，不像是填报表。请确认选对了文件，或删除无关的工作表后重新保存。' }],
    };
  }

  async function addFiles(picked) {
    if (!picked.length) return;
    setBusy(true);
    const box = $('progress-box');
    const bar = $('progress');
    box.hidden = false;
    bar.max = picked.length;
    bar.value = 0;
    for (let i = 0; i < picked.length; i++) {
      const p = picked[i];
      $('progress-label').textContent = `正在校验第 ${i + 1}/${picked.length} 个文件：${p.name}`;
      const entry = { key: fileKey++, name: p.name, bytes: p.bytes || new Uint8Array(0), result: null, report: null, fixed: false };
      if (p.tooLarge) {
        entry.result = tooLargeResult(p.name);
      } else {
        try {
          const out = await call('inspect', entry.bytes, entry.name);
          entry.result = out.result;
          entry.report = out.report;
        } catch (e) {
          entry.result = { path: p.name, unit: null, year: null, ok: false,
            diagnostics: [{ code: 'not-a-workbook', severity: 'error', sheet: '', cell: '', message: e.message }] };
        }
      }
      const old = files.findIndex((f) => f.name === entry.name);
      if (old >= 0) files[old] = entry;
      else files.push(entry);
      bar.value = i + 1;
    }
    $('progress-label').textContent = `已校验 ${picked.length} 个文件。`;
    setTimeout(() => { if (!busy) box.hidden = true; }, 1500);
    setBusy(false);
    renderFiles();
  }

  function sortedDiagnostics(result) {
    const d = (result.diagnostics || []).slice();
    return d.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  }

  function renderFiles() {
    const host = $('files');
    host.replaceChildren(...files.map(renderFile));
    const ok = files.filter((f) => f.result && f.result.ok).length;
    $('file-count').textContent = files.length ? `共 ${files.length} 个文件，${ok} 个通过校验，${files.length - ok} 个需要修改。` : '';
    setBusy(busy);
  }

  function renderFile(f) {
    const r = f.result;
    const diags = sortedDiagnostics(r);
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.length - errors;
    const card = el('article', { class: 'file ' + (r.ok ? 'ok' : 'bad'), 'data-file': f.name, 'aria-label': f.name });
    const head = el('div', { class: 'file-head' },
      el('h3', { text: f.name }),
      el('span', { class: 'badge ' + (r.ok ? 'ok' : 'bad'), text: r.ok ? '通过' : `有 ${errors} 个错误` }),
      warnings ? el('span', { class: 'badge warn', text: `${warnings} 个提醒` }) : null,
      el('span', { text: '单位：' + (r.unit || '未能识别') }),
      el('span', { text: '年度：' + (r.year || '未能识别') }),
      f.fixed ? el('span', { class: 'badge ok', text: '已在页面中修改' }) : null);
    card.append(head);
    if (diags.length) {
      const tbody = el('tbody');
      for (const d of diags) {
        tbody.append(el('tr', { class: d.severity },
          el('td', { class: 'sev', text: d.severity === 'error' ? '错误' : '提醒' }),
          el('td', { text: d.sheet || '—' }),
          el('td', { text: d.cell || '—' }),
          el('td', { text: d.message })));
      }
      card.append(el('table', { class: 'diags' },
        el('thead', {}, el('tr', {}, el('th', { text: '级别' }), el('th', { text: '工作表' }), el('th', { text: '单元格' }), el('th', { text: '问题与修改方法' }))),
        tbody));
    }
    const actions = el('div', { class: 'actions' });
    const fixable = fixRows(f).length > 0;
    if (fixable && !r.ok) {
      actions.append(el('button', { type: 'button', text: '在页面中修改', onclick: () => toggleFix(card, f) }));
    }
    if (diags.length && f.report) {
      actions.append(el('button', { type: 'button', class: 'secondary', text: '下载批注版', onclick: () => downloadAnnotated(f) }));
    }
    if (f.fixed) {
      actions.append(el('button', { type: 'button', class: 'secondary', text: '下载修改后的文件', onclick: () => download(stem(f.name) + '_已修改.xlsx', f.bytes) }));
    }
    actions.append(el('button', { type: 'button', class: 'secondary', text: '移除', onclick: () => { files = files.filter((x) => x !== f); renderFiles(); } }));
    card.append(actions);
    return card;
  }

  async function downloadAnnotated(f) {
    try {
      const bytes = await call('annotate', f.bytes, f.name);
      download(stem(f.name) + '_批注版.xlsx', bytes);
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  // ---------------------------------------------------------------- fixing grid
  /** One editable row per anchored cell with a problem; messages of the same cell joined. */
  function fixRows(f) {
    const rows = new Map();
    for (const d of sortedDiagnostics(f.result)) {
      const a = d.anchor;
      if (!a || !(EDITABLE[a.kind] || []).includes(a.field)) continue;
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

  function inputFor(a, value, label) {
    if (a.field === 'status') {
      const sel = el('select', { 'aria-label': label });
      sel.append(el('option', { value: '', text: '（请选择）' }));
      for (const s of STATUSES) sel.append(el('option', { value: s, text: s }));
      sel.value = STATUSES.includes(value) ? value : '';
      return sel;
    }
    if (['progress', 'problems', 'next_plan', 'evidence'].includes(a.field)) {
      const t = el('textarea', { 'aria-label': label, rows: 2 });
      t.value = value;
      return t;
    }
    const i = el('input', { type: 'text', 'aria-label': label });
    i.value = value;
    return i;
  }

  function toggleFix(card, f) {
    const existing = card.querySelector('.fix');
    if (existing) { existing.remove(); return; }
    const rows = fixRows(f);
    const inputs = [];
    const tbody = el('tbody');
    for (const row of rows) {
      const a = row.anchor;
      const what = (a.kind === 'header' ? '' : a.kind === 'measure' ? `举措 ${a.id} ` : `指标 ${a.id} `) + (FIELD_LABELS[a.field] || a.field);
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
      const out = await call('correct', f.bytes, f.name, edits);
      const again = await call('inspect', out.xlsx, f.name);
      f.bytes = out.xlsx;
      f.result = again.result;
      f.report = again.report;
      f.fixed = true;
      renderFiles();
      const card = [...document.querySelectorAll('#files article')].find((c) => c.dataset.file === f.name);
      setStatus(f.result.ok ? `“${f.name}”修改后已通过校验，可下载修改后的文件。` : `“${f.name}”还有问题，请继续修改。`, !f.result.ok);
      if (card) {
        const btn = [...card.querySelectorAll('button')].find((b) => b.textContent === (f.result.ok ? '下载修改后的文件' : '在页面中修改'));
        if (btn) btn.focus();
      }
    } catch (e) {
      msg.textContent = e.message;
    }
  }

  // ---------------------------------------------------------------- merge
  async function runMerge() {
    const year = Number($('merge-year').value);
    setBusy(true);
    setStatus('正在汇总……');
    try {
      const out = await call('merge', files.map((f) => ({ name: f.name, bytes: f.bytes })), year);
      mergeXlsx = { year, bytes: out.xlsx };
      $('merge-download').disabled = false;
      renderMerge(out.summary);
      setStatus(`已汇总 ${out.summary.accepted.length} 个有效文件。`);
    } catch (e) {
      setStatus(e.message, true);
    }
    setBusy(false);
  }

  function renderMerge(s) {
    const out = $('merge-out');
    const tasks = new Map(plan.tasks.map((t) => [String(t.number), { task: t, measures: 0, counts: {} }]));
    const keys = STATUSES.concat(['未报送']);
    for (const m of s.measures) {
      const t = tasks.get(m.id.split('.')[0]);
      if (!t) continue;
      t.measures++;
      for (const k of keys) t.counts[k] = (t.counts[k] || 0) + (m.status_counts[k] || 0);
    }
    const tbody = el('tbody');
    for (const { task, measures, counts } of tasks.values()) {
      tbody.append(el('tr', {},
        el('td', { class: 'num', text: task.number }),
        el('td', { text: task.title }),
        el('td', { class: 'num', text: measures }),
        ...keys.map((k) => el('td', { class: 'num', text: counts[k] || 0 }))));
    }
    const overview = el('table', { id: 'overview' },
      el('caption', { text: `${s.year} 年度各项任务落实情况（按“举措 × 责任单位”计数）` }),
      el('thead', {}, el('tr', {}, el('th', { text: '任务' }), el('th', { text: '任务内容' }), el('th', { text: '举措数' }), ...keys.map((k) => el('th', { class: 'num', text: k })))),
      tbody);

    const list = (title, items, id) => el('div', { id },
      el('h3', { text: `${title}（${items.length}）` }),
      items.length ? el('ul', {}, ...items.map((x) => el('li', { text: x.replace(/^.*[\\/]/, '') }))) : el('p', { class: 'muted', text: '无' }));
    const lists = el('div', { class: 'lists' },
      list('未报送或被退回的单位', s.missing_units, 'missing-units'),
      list('未通过校验、未汇总的文件', s.rejected, 'rejected-files'),
      list('被同单位新版本替代的文件', s.superseded, 'superseded-files'));

    out.replaceChildren(
      el('h3', { text: `已汇总 ${s.accepted.length} 个文件` }),
      overview,
      el('h3', { text: '量化指标完成情况（全市合计 / 目标值）' }),
      chart(s),
      lists,
      trendView(s));
  }

  const KIND_LABEL = { flow: '累计新增', stock: '年末存量', annual: '当年数值' };
  const GROUPS = [
    ['flow', '累计新增类指标：累计完成率'],
    ['stock', '存量类指标：年末水平 ÷ 目标值'],
    ['annual', '年度类指标：当年数值 ÷ 目标值'],
  ];
  const pct = (r) => (r === null || r === undefined ? '' : `${(r * 100).toFixed(1)}%`);

  /** 年度趋势: per indicator the standing against the plan target, a line chart per kind, and per measure each unit's status by year. */
  function trendView(s) {
    const progress = s.progress || [];
    const box = el('section', { id: 'trend' });
    if (!progress.length) return box;
    const years = [];
    for (let y = plan.first_year; y <= s.year; y++) years.push(String(y));
    const byId = new Map(plan.indicators.map((i) => [i.id, i]));
    const rows = progress.map((p) => {
      const meta = byId.get(p.id) || { name: p.id, unit: '' };
      return el('tr', { 'data-id': p.id, 'data-judgement': p.judgement },
        el('td', { text: p.id }),
        el('td', { text: meta.name }),
        el('td', { text: KIND_LABEL[p.kind] || p.kind }),
        el('td', { class: 'num', text: `${fmt(p.target)} ${meta.unit}` }),
        ...years.map((y) => el('td', { class: 'num', text: p.years[y] === null || p.years[y] === undefined ? '' : fmt(p.years[y]) })),
        el('td', { class: 'num', text: p.cumulative === null ? '' : fmt(p.cumulative) }),
        el('td', { class: 'num', text: pct(p.rate) }),
        el('td', { class: 'judgement j-' + p.judgement, text: p.judgement }),
        el('td', { class: 'reason', text: p.reason }));
    });
    const table = el('table', { id: 'progress-table' },
      el('caption', { text: `截至 ${s.year} 年末对照 ${plan.last_year} 年目标的进度（有数据的年度：${(s.years || []).join('、') || '无'}）` }),
      el('thead', {}, el('tr', {}, ...['编号', '指标', '类型', '目标'].concat(years.map((y) => `${y}年`), ['累计/最新', '完成率', '判断', '原因']).map((t) => el('th', { text: t })))),
      el('tbody', {}, ...rows));
    const charts = el('div', { class: 'trend-charts' });
    for (const [kind, title] of GROUPS) {
      const members = progress.filter((p) => p.kind === kind);
      if (members.length) charts.append(lineChart(kind, title, members, years));
    }
    const mrows = [];
    for (const m of s.trend || []) {
      for (const u of m.units) {
        mrows.push(el('tr', {}, el('td', { text: m.id }), el('td', { text: u.unit }),
          ...years.map((y) => el('td', { class: 'st', text: u.years[y] || '' }))));
      }
    }
    const measures = el('details', { id: 'trend-measures' },
      el('summary', { text: `各举措各单位逐年完成状态（${mrows.length} 行）` }),
      el('table', {}, el('thead', {}, el('tr', {}, ...['序号', '责任单位'].concat(years.map((y) => `${y}年`)).map((t) => el('th', { text: t })))), el('tbody', {}, ...mrows)));
    box.append(
      el('h3', { text: '年度趋势：全市离 2025 年目标还有多远' }),
      el('p', { class: 'muted', text: '累计新增类按年累加，存量类取最近一年的年末数，年度类看当年。应达进度 = 已过年数 ÷ 计划年数；实际达到应达值的 100% 及以上为“正常”，80% 及以上为“关注”，不足 80% 为“滞后”。' }),
      table, charts, measures);
    return box;
  }

  /** An SVG element with attributes; `text` (if given) set as text, never as markup. */
  function svgEl(tag, attrs, text) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Line chart of the rate at the end of each year, one line per indicator, as inline SVG. */
  function lineChart(kind, title, members, years) {
    const width = 520, height = 260, left = 44, right = 90, top = 28, bottom = 28;
    const plotW = width - left - right, plotH = height - top - bottom;
    let max = 1;
    for (const p of members) for (const y of years) if (p.rates[y] > max) max = p.rates[y];
    max = Math.min(Math.ceil(max * 2) / 2, 3);
    const nYears = plan.last_year - plan.first_year + 1;
    const x = (i) => left + (years.length === 1 ? plotW / 2 : (i * plotW) / (years.length - 1));
    const yv = (r) => top + plotH - (Math.min(r, max) / max) * plotH;
    const svg = svgEl('svg', { class: 'chart trend-chart', 'data-kind': kind, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
    svg.append(svgEl('title', {}, title));
    svg.append(svgEl('text', { x: left, y: 16 }, title));
    for (let t = 0; t <= max + 1e-9; t += 0.5) {
      svg.append(svgEl('line', { class: 'grid', x1: left, x2: left + plotW, y1: yv(t), y2: yv(t) }));
      svg.append(svgEl('text', { x: 4, y: yv(t) + 4 }, `${Math.round(t * 100)}%`));
    }
    years.forEach((y, i) => svg.append(svgEl('text', { x: x(i) - 14, y: height - 8 }, y)));
    if (kind !== 'annual') {
      const pts = years.map((y, i) => `${x(i)},${yv((i + 1) / nYears)}`).join(' ');
      svg.append(svgEl('polyline', { class: 'pace', points: pts }));
    } else {
      svg.append(svgEl('line', { class: 'pace', x1: left, x2: left + plotW, y1: yv(1), y2: yv(1) }));
    }
    members.forEach((p, k) => {
      const color = `hsl(${(k * 137) % 360}, 60%, 42%)`;
      const pts = [];
      years.forEach((y, i) => {
        const r = p.rates[y];
        if (r !== null && r !== undefined) pts.push([x(i), yv(r), `${p.id} ${y}年：${pct(r)}`]);
      });
      if (pts.length > 1) svg.append(svgEl('polyline', { class: 'series', stroke: color, points: pts.map((q) => `${q[0]},${q[1]}`).join(' ') }));
      for (const [cx, cy, label] of pts) {
        const dot = svgEl('circle', { class: 'point', cx, cy, r: 3, fill: color });
        dot.append(svgEl('title', {}, label));
        svg.append(dot);
      }
      const last = pts[pts.length - 1];
      if (last) svg.append(svgEl('text', { x: left + plotW + 6, y: last[1] + 4, fill: color }, p.id));
    });
    return svg;
  }

  /** Horizontal bar chart of each indicator's total against its target, as inline SVG. */
  function chart(s) {
    const byId = new Map(plan.indicators.map((i) => [i.id, i]));
    const rowH = 22, left = 330, barW = 560, right = 200, top = 24;
    const width = left + barW + right;
    const height = top + s.indicators.length * rowH + 10;
    const maxRate = 1.5;
    const svg = svgEl('svg', { class: 'chart', id: 'indicator-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': '量化指标完成率条形图' });
    svg.append(svgEl('title', {}, '量化指标：全市合计与目标值'));
    const x100 = left + barW / maxRate;
    svg.append(svgEl('text', { x: x100 - 20, y: 14 }, '目标 100%'));
    s.indicators.forEach((ind, i) => {
      const meta = byId.get(ind.id) || { name: ind.id, unit: '' };
      const y = top + i * rowH;
      const name = `${ind.id} ${meta.name}`;
      svg.append(svgEl('text', { x: 4, y: y + 15 }, name.length > 24 ? name.slice(0, 23) + '…' : name));
      svg.append(svgEl('rect', { class: 'track', x: left, y: y + 3, width: barW, height: rowH - 8 }));
      const rate = ind.rate === null || ind.rate === undefined ? null : ind.rate;
      if (rate !== null) {
        const w = Math.max(1, Math.min(rate, maxRate) / maxRate * barW);
        const bar = svgEl('rect', { class: 'bar' + (rate >= 1 ? ' done' : ''), x: left, y: y + 3, width: w, height: rowH - 8 });
        bar.append(svgEl('title', {}, `${name}：${fmt(ind.total)} / ${fmt(ind.target)} ${meta.unit}`));
        svg.append(bar);
      }
      const label = rate === null ? '无人填报' : `${fmt(ind.total)} / ${fmt(ind.target)} ${meta.unit}（${Math.round(rate * 100)}%）`;
      svg.append(svgEl('text', { x: left + barW + 6, y: y + 15 }, label));
    });
    svg.append(svgEl('line', { class: 'target', x1: x100, x2: x100, y1: top - 4, y2: height - 6 }));
    return svg;
  }

  // ---------------------------------------------------------------- wiring
  async function loadSamples() {
    const year = Number($('merge-year').value) || plan.last_year;
    setStatus('正在生成示例数据……');
    try {
      const list = await call('samples', year);
      await addFiles(list.map((f) => ({ name: f.name, bytes: f.bytes })));
      setStatus(`已载入 ${list.length} 份 ${year} 年度示例填报表（其中博爱县的有错误、武陟县的有提醒、温县报送了两版、中医药局未报送）。`);
    } catch (e) {
      setStatus(e.message, true);
    }
  }

  function wire() {
    $('tpl-download').addEventListener('click', downloadTemplate);
    $('file-input').addEventListener('change', async (ev) => {
      const list = [...ev.target.files];
      ev.target.value = '';
      await readPicked(list);
    });
    const drop = $('drop');
    drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', async (ev) => {
      ev.preventDefault();
      drop.classList.remove('over');
      if (busy) return;
      await readPicked([...ev.dataTransfer.files]);
    });
    // Dropping outside the zone must not navigate away from the page.
    window.addEventListener('dragover', (ev) => ev.preventDefault());
    window.addEventListener('drop', (ev) => ev.preventDefault());
    $('samples').addEventListener('click', loadSamples);
    $('clear').addEventListener('click', () => { files = []; renderFiles(); $('merge-out').replaceChildren(); $('merge-download').disabled = true; });
    $('merge').addEventListener('click', runMerge);
    $('merge-download').addEventListener('click', () => {
      if (mergeXlsx) download(`汇总表_${mergeXlsx.year}.xlsx`, mergeXlsx.bytes);
    });
  }

  async function main() {
    wire();
    try {
      startWorker();
      plan = await call('plan');
      fillSelects();
      setBusy(false);
      document.body.dataset.ready = '1';
      setStatus('已就绪。请选择单位和年度下载模板，或选择填报表进行校验。');
    } catch (e) {
      setStatus('无法加载校验程序：' + e.message, true);
    }
  }

  main();
})();

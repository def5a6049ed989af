// The received files: the picker and the drop zone (folders walked), files that are not
// spreadsheets listed as skipped with the reason, each file checked in the worker and shown
// as a card (passing files folded to one line), kept on the desk (desk-store.js).
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el, $ } = JZ;
  let fileKey = 1;

  const S = () => JZ.state;

  /** Whether `name` has one of the spreadsheet extensions of contract §6. */
  function isSpreadsheet(name) {
    return S().facts.extensions.includes(JZ.extension(name));
  }

  function skipReason(name) {
    const ext = JZ.extension(name);
    const list = S().facts.extensions.map((e) => '.' + e).join(' ');
    return (ext ? `不是表格文件（扩展名 .${ext}）` : '没有扩展名，不像表格文件') + `，没有校验。填报表应是 ${list} 之一；如果这是填报表，请用 Excel 或 WPS 另存为 .xlsx 后重新放入。`;
  }

  function tooLargeResult(name) {
    const mb = Math.round(S().facts.max_file_bytes / 1048576);
    return {
      path: name, unit: null, year: null, ok: false,
      diagnostics: [{ code: 'too-large', severity: 'error', sheet: '', cell: '',
        message: `文件超过 ${mb} MB，不像是填报表。请确认选对了文件，或删除无关的工作表后重新保存。` }],
    };
  }

  /** Reads picked or dropped File objects ({file, name}); other files go to the skipped list. */
  async function readPicked(list) {
    const picked = [];
    const skipped = [];
    for (const { file, name } of list) {
      // The wording of r10-inputs' skipReason when the module has it (one wording with the CLI).
      let why = null;
      if (JZ.has('skipReason')) why = await JZ.call('skipReason', JZ.baseName(name), file.size).catch(() => null);
      else if (!isSpreadsheet(name)) why = skipReason(name);
      if (why) { skipped.push({ name, reason: why }); continue; }
      if (file.size > S().facts.max_file_bytes) { picked.push({ name, bytes: null, tooLarge: true }); continue; }
      try {
        picked.push({ name, bytes: new Uint8Array(await file.arrayBuffer()) });
      } catch (e) {
        skipped.push({ name, reason: '无法读取该文件（' + ((e && e.name) || '未知原因') + '），可能已被移动或删除，请重新选择。' });
      }
    }
    if (skipped.length) {
      S().skipped = S().skipped.filter((s) => !skipped.some((k) => k.name === s.name)).concat(skipped);
      renderSkipped();
    }
    await addFiles(picked);
  }

  function renderSkipped() {
    const box = $('skipped');
    const list = S().skipped;
    box.hidden = list.length === 0;
    box.replaceChildren(
      el('h3', { text: `以下 ${list.length} 个文件不是表格，没有校验` }),
      el('ul', {}, ...list.map((s) => el('li', {}, el('strong', { text: s.name }), '：' + s.reason))),
      el('button', { type: 'button', class: 'secondary', text: '清除此列表', onclick: () => { S().skipped = []; renderSkipped(); } }));
  }

  /** Walks a dropped folder entry (webkitGetAsEntry) into [{file, name}]. */
  async function walk(entry, out) {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject)).catch(() => null);
      const name = entry.fullPath.replace(/^\//, '');
      if (file) out.push({ file, name });
      else S().skipped.push({ name, reason: '无法读取该文件，可能没有权限或已被删除。' });
      return;
    }
    if (!entry.isDirectory) return;
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => []);
      if (!batch.length) break;
      for (const child of batch) await walk(child, out);
    }
  }

  async function fromDrop(dt) {
    // Entries must be taken before the first await: the list is emptied afterwards.
    const entries = [...(dt.items || [])].map((i) => (i.kind === 'file' && i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    if (entries.length && entries.every(Boolean)) {
      const out = [];
      for (const e of entries) await walk(e, out);
      return out;
    }
    return [...dt.files].map((file) => ({ file, name: file.name }));
  }

  /** Checks `picked` ([{name, bytes, tooLarge?, added?}]) and adds them to the list. */
  async function addFiles(picked, opts) {
    const restore = Boolean(opts && opts.restore);
    if (!picked.length) return;
    JZ.setBusy(true);
    const box = $('progress-box');
    const bar = $('progress');
    box.hidden = false;
    bar.max = picked.length;
    bar.value = 0;
    const notSaved = [];
    for (let i = 0; i < picked.length; i++) {
      const p = picked[i];
      $('progress-label').textContent = `正在校验第 ${i + 1}/${picked.length} 个文件：${p.name}`;
      const entry = { key: fileKey++, name: p.name, bytes: p.bytes || new Uint8Array(0), added: p.added || Date.now(),
        result: null, report: null, columns: null, mapping: null, fixed: false, open: false, merged: null };
      if (p.tooLarge) entry.result = tooLargeResult(p.name);
      else {
        await inspect(entry);
        await JZ.applyRemembered(entry, inspect);
      }
      const old = S().files.findIndex((f) => f.name === entry.name);
      if (old >= 0) S().files[old] = entry;
      else S().files.push(entry);
      JZ.dropStaleMerge();
      if (!restore && !p.tooLarge) {
        const why = await JZ.desk.save(entry.name, entry.bytes, entry.added);
        if (why) notSaved.push(why);
      }
      bar.value = i + 1;
    }
    $('progress-label').textContent = `已校验 ${picked.length} 个文件。`;
    setTimeout(() => { if (!S().busy) box.hidden = true; }, 1500);
    JZ.setBusy(false);
    if (notSaved.length) JZ.deskNote(notSaved.join(' '), true);
    JZ.refresh();
  }

  async function inspect(entry) {
    try {
      const out = await JZ.call('inspect', entry.bytes, entry.name, JZ.planArg(), entry.mapping || null);
      entry.result = out.result;
      entry.report = out.report;
      entry.columns = out.columns || null;
      // The check-only module leaves the header row out: the writer module gives it, only
      // for a file whose columns need the person.
      if (!entry.columns && JZ.mayNeedMapping(entry)) {
        entry.columns = await JZ.call('headers', entry.bytes, entry.name, JZ.planArg(), entry.mapping || null).catch(() => null);
      }
    } catch (e) {
      entry.result = { path: entry.name, unit: null, year: null, ok: false,
        diagnostics: [{ code: 'not-a-workbook', severity: 'error', sheet: '', cell: '', message: e.message }] };
      entry.report = null;
    }
  }

  /** Checks every file again (after the plan in use changed). */
  async function recheckAll() {
    JZ.setBusy(true);
    for (const f of S().files) {
      if (f.result && f.result.diagnostics.some((d) => d.code === 'too-large') && !f.bytes.length) continue;
      await inspect(f);
      f.merged = null;
    }
    JZ.setBusy(false);
    JZ.refresh();
  }

  /** Diagnostics in the order Rust gives (errors first), plus what the merge found. */
  function diagnosticsOf(f) {
    const own = (f.result && f.result.diagnostics) || [];
    const extra = f.merged ? f.merged.extra : [];
    const order = S().facts.severities.map((s) => s.id);
    return own.concat(extra).map((d, i) => [d, i])
      .sort((a, b) => order.indexOf(a[0].severity) - order.indexOf(b[0].severity) || a[1] - b[1]).map((x) => x[0]);
  }

  function severityLabel(sev) {
    const s = S().facts.severities.find((x) => x.id === sev);
    return s ? s.label : sev;
  }

  /** The diagnostics table (级别 | 工作表 | 单元格 | 问题与修改方法). */
  function diagTable(diags, props) {
    const tbody = el('tbody');
    for (const d of diags) {
      tbody.append(el('tr', { class: d.severity, 'data-code': d.code },
        el('td', { class: 'sev', text: severityLabel(d.severity) }),
        el('td', { text: d.sheet || '—' }),
        el('td', { text: d.cell || '—' }),
        el('td', { text: d.message })));
    }
    return el('table', Object.assign({ class: 'diags' }, props || {}),
      el('thead', {}, el('tr', {}, el('th', { text: '级别' }), el('th', { text: '工作表' }), el('th', { text: '单元格' }), el('th', { text: '问题与修改方法' }))),
      tbody);
  }

  function renderFiles() {
    const host = $('files');
    host.replaceChildren(...S().files.map(renderFile));
    const files = S().files;
    const ok = files.filter((f) => f.result && f.result.ok).length;
    $('file-count').textContent = files.length
      ? `共 ${files.length} 个文件，${ok} 个通过校验，${files.length - ok} 个需要修改。通过的文件折叠为一行，点文件名展开。`
      : '';
  }

  function renderFile(f) {
    const r = f.result;
    const diags = diagnosticsOf(f);
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.length - errors;
    const folded = r.ok && !f.open;
    const card = el('article', { class: 'file ' + (r.ok ? 'ok' : 'bad') + (folded ? ' folded' : ''), 'data-file': f.name, 'aria-label': f.name });
    const toggle = () => { f.open = !f.open; card.replaceWith(renderFile(f)); };
    const head = el('div', { class: 'file-head' },
      r.ok ? el('button', { type: 'button', class: 'fold', 'aria-expanded': String(!folded), title: folded ? '展开' : '折叠', onclick: toggle, text: folded ? '▸' : '▾' }) : null,
      el('h3', { text: f.name, onclick: r.ok ? toggle : null }),
      el('span', { class: 'badge ' + (r.ok ? 'ok' : 'bad'), text: r.ok ? '通过' : `有 ${errors} 个错误` }),
      warnings ? el('span', { class: 'badge warn', text: `${warnings} 个提醒` }) : null,
      f.merged && f.merged.outcome !== 'accepted' ? el('span', { class: 'badge muted-badge', text: f.merged.outcome_label }) : null,
      el('span', { text: '单位：' + (r.unit || '未能识别') }),
      el('span', { text: '年度：' + (r.year || '未能识别') }),
      f.report && f.report.date ? el('span', { text: '填报日期：' + f.report.date }) : null,
      f.fixed ? el('span', { class: 'badge ok', text: '已在页面中修改' }) : null,
      f.mapping ? el('span', { class: 'badge muted-badge', text: f.mappedFromMemory ? '已按记住的对应列读取' : '已按对应列读取' }) : null);
    card.append(head);
    if (folded) return card;
    if (f.report) card.append(reportLine(f.report));
    if (JZ.needsMapping(f)) card.append(JZ.columnsPanel(f, inspect));
    if (diags.length) card.append(diagTable(diags));
    if (f.merged && f.merged.changes.length) card.append(JZ.changesTable(f.merged.changes, true));
    const actions = el('div', { class: 'actions' });
    if (JZ.fixRows(f).length > 0 && !r.ok) {
      actions.append(el('button', { type: 'button', text: '在页面中修改', onclick: () => JZ.toggleFix(card, f) }));
    }
    if (diags.length && f.report) {
      actions.append(el('button', { type: 'button', class: 'secondary', text: '下载批注版', onclick: () => downloadAnnotated(f) }));
    }
    if (f.fixed) {
      actions.append(el('button', { type: 'button', class: 'secondary', text: '下载修改后的文件', onclick: async () => JZ.download(await JZ.call('correctedName', f.name), f.bytes) }));
    }
    actions.append(el('button', { type: 'button', class: 'secondary', text: '移除', onclick: () => removeFile(f) }));
    card.append(actions);
    return card;
  }

  /** What the file says in one line: contact, measures by 完成状态, indicators filled. */
  function reportLine(rep) {
    const counts = new Map();
    for (const m of rep.measures || []) {
      if (m.assigned === false) continue;
      const k = m.status_text || '未填';
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const filled = (rep.indicators || []).filter((i) => i.assigned !== false && i.value !== null && i.value !== undefined).length;
    const all = (rep.indicators || []).filter((i) => i.assigned !== false).length;
    const parts = [
      `联系人：${rep.contact || '未填'}`,
      `联系电话：${rep.phone || '未填'}`,
      `举措 ${[...counts.values()].reduce((a, b) => a + b, 0)} 项（${[...counts].map(([k, n]) => `${k} ${n}`).join('，') || '无'}）`,
      `指标已填 ${filled}/${all} 项`,
    ];
    return el('p', { class: 'report-line' }, parts.join('　'), ' ',
      el('button', { type: 'button', class: 'link', text: '返回报送进度', onclick: () => JZ.scrollToEl(JZ.$('board')) }));
  }

  async function removeFile(f) {
    S().files = S().files.filter((x) => x !== f);
    JZ.refresh();
    JZ.setStatus(`已移除“${f.name}”。`);
    await JZ.desk.remove(f.name);
  }

  async function downloadAnnotated(f) {
    try {
      const bytes = await JZ.call('annotate', f.bytes, f.name, JZ.planArg(), f.mapping || null);
      // The name the CLI's validate --annotate gives (Rust: template::annotated_name).
      JZ.download(await JZ.call('annotatedName', f.name), bytes);
    } catch (e) {
      JZ.setStatus(e.message, true);
    }
  }

  /** Opens and scrolls to a file's card, highlighted for a moment. */
  function showFile(name) {
    const f = S().files.find((x) => x.name === name);
    if (!f) return;
    if (!f.open) { f.open = true; renderFiles(); }
    const card = [...document.querySelectorAll('#files article')].find((c) => c.dataset.file === name);
    if (!card) return;
    JZ.scrollToEl(card);
    card.classList.add('flash');
    card.setAttribute('tabindex', '-1');
    card.focus({ preventScroll: true });
    setTimeout(() => card.classList.remove('flash'), 2500);
  }

  function wire() {
    $('file-input').addEventListener('change', async (ev) => {
      const list = [...ev.target.files].map((file) => ({ file, name: file.webkitRelativePath || file.name }));
      ev.target.value = '';
      await readPicked(list);
    });
    const drop = $('drop');
    drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', async (ev) => {
      ev.preventDefault();
      drop.classList.remove('over');
      if (S().busy) return;
      await readPicked(await fromDrop(ev.dataTransfer));
    });
    // Dropping outside the zone must not navigate away from the page.
    window.addEventListener('dragover', (ev) => ev.preventDefault());
    window.addEventListener('drop', (ev) => ev.preventDefault());
  }

  Object.assign(JZ, { fromDrop, addFiles, readPicked, recheckAll, renderFiles, renderSkipped, diagTable, diagnosticsOf, showFile, wireFiles: wire, isSpreadsheet });
})();

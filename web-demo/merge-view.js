// The merge and what the office hands on: the overview, the chart, the lists, 督办清单 and
// 催报名单 (each 催报 notice copied as plain text), what resubmissions changed, the findings
// the merge adds across years, 任务明细, 年度趋势 and the annual report (.docx).
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el, $ } = JZ;
  const S = () => JZ.state;

  async function runMerge() {
    const year = Number($('merge-year').value);
    JZ.setBusy(true);
    JZ.setStatus('正在汇总……');
    // What the merge is made of: the files (their bytes) and the plan at this moment.
    const inputs = S().files.map((f) => f.bytes);
    const planText = S().planText;
    try {
      const out = await JZ.call('merge', S().files.map((f) => ({ name: f.name, bytes: f.bytes, mapping: f.mapping || undefined })), year, JZ.planArg());
      S().merge = { year, xlsx: out.xlsx, summary: out.summary, detail: out.detail || null, inputs, planText };
      S().mergeStale = false;
      markFiles(out.summary, out.detail);
      $('merge-download').disabled = false;
      JZ.refresh();
      renderMerge();
      JZ.scrollToEl($('merge-out'));
      // Inputs the merge could not read (e.g. a summary without readable data), as the CLI lists them.
      const skipped = (out.summary.skipped || []).map((k) => `${JZ.baseName(k.path)}：${k.reason}`);
      JZ.setStatus(`已汇总 ${out.summary.accepted.length} 个有效文件。` + (skipped.length ? `以下 ${skipped.length} 个文件未读取：${skipped.join('；')}。` : ''));
    } catch (e) {
      JZ.setStatus(e.message, true);
    }
    JZ.setBusy(false);
  }

  /** Whether the files or the plan changed since the last merge (added, removed, replaced,
   * fixed in the page, cleared, restored, another plan): its summary no longer counts them. */
  function mergeIsStale() {
    const m = S().merge;
    if (!m) return false;
    const files = S().files;
    return m.planText !== S().planText || m.inputs.length !== files.length || files.some((f, i) => f.bytes !== m.inputs[i]);
  }

  /** Drops a merge the files no longer match: its downloads go, the section says to merge again. */
  function dropStaleMerge() {
    if (!mergeIsStale()) return;
    S().merge = null;
    S().mergeStale = true;
    for (const f of S().files) f.merged = null;
    $('merge-download').disabled = true;
    renderMerge();
  }

  const same = (a, b) => a.code === b.code && a.sheet === b.sheet && a.cell === b.cell && a.message === b.message;

  /** Gives each file card what the merge made of it: outcome, findings it added, changes. */
  function markFiles(summary, detail) {
    const changes = summary.changes || [];
    const views = new Map(((detail && detail.files) || []).map((v) => [v.path, v]));
    for (const f of S().files) {
      const v = views.get(f.name);
      const own = (f.result && f.result.diagnostics) || [];
      f.merged = {
        outcome: v ? v.outcome : '',
        outcome_label: v ? v.outcome_label : '',
        extra: v ? v.diagnostics.filter((d) => !own.some((o) => same(o, d))) : [],
        changes: changes.filter((c) => c.file === f.name || JZ.baseName(c.file) === JZ.baseName(f.name)),
      };
    }
  }

  /** 变更记录 rows as a table; `compact` drops the unit and file columns (inside a card). */
  function changesTable(changes, compact) {
    const head = (compact ? [] : ['单位', '文件']).concat(['被替代的文件', '工作表', '单元格', '栏目', '原内容', '新内容']);
    const rows = changes.map((c) => el('tr', { 'data-cell': c.cell },
      ...(compact ? [] : [el('td', { text: c.unit }), el('td', { text: JZ.baseName(c.file) })]),
      el('td', { text: JZ.baseName(c.superseded) }),
      el('td', { text: c.sheet }),
      el('td', { text: c.cell }),
      el('td', { text: c.field }),
      el('td', { class: 'old text', text: c.old }),
      el('td', { class: 'new text', text: c.new })));
    return el('div', { class: 'changes' },
      el('h4', { text: compact ? `与被替代的旧版相比改动了 ${changes.length} 处（原内容 → 新内容）` : '' }),
      el('table', { class: 'changes-table' }, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h })))), el('tbody', {}, ...rows)));
  }

  /** Copies `text` as plain text: the Clipboard API, else a selected text area. */
  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch { /* fall back */ }
    const ta = el('textarea', { readonly: true, class: 'offscreen' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    ta.remove();
    return ok;
  }

  function followUp(s) {
    const parts = [];
    if (Array.isArray(s.supervision)) {
      parts.push(el('section', { id: 'supervision', class: 'sub' },
        el('h3', { text: `督办清单（${s.supervision.length} 项）` }),
        s.supervision.length
          ? JZ.table({ id: 'supervision-table' }, ['单位', '类别', '编号', '内容', '情况', '依据'],
            s.supervision.map((r) => [r.unit, r.category, r.id, r.content, r.situation, r.basis]))
          : el('p', { class: 'muted', text: '没有需要督办的事项。' })));
    }
    if (Array.isArray(s.reminders)) {
      const note = el('p', { class: 'muted', role: 'status', 'aria-live': 'polite', id: 'copy-note' });
      const rows = s.reminders.map((r) => el('tr', { 'data-unit': r.unit },
        ...[r.unit, r.status, r.contact, r.phone, r.last_submitted, r.todo].map((t) => el('td', { text: t || '' })),
        el('td', {}, el('button', { type: 'button', class: 'secondary copy', text: '复制催报通知',
          onclick: async (ev) => {
            const ok = await copyText(r.notice || '');
            note.textContent = ok ? `已复制给${r.unit}的催报通知，可直接粘贴到短信或微信中。` : '浏览器不允许复制，请手动选中下面的通知文字复制。';
            ev.target.textContent = ok ? '已复制' : '复制催报通知';
            if (!ok) ev.target.after(el('pre', { class: 'notice', text: r.notice || '' }));
          } }))));
      parts.push(el('section', { id: 'reminders', class: 'sub' },
        el('h3', { text: `催报名单（${s.reminders.length} 个单位）` }),
        s.reminders.length
          ? el('table', { id: 'reminders-table' },
            el('thead', {}, el('tr', {}, ...['单位', '状态', '联系人', '联系电话', '最近一次报送', '需要做的', '催报通知'].map((h) => el('th', { text: h })))),
            el('tbody', {}, ...rows))
          : el('p', { class: 'muted', text: '所有单位都已报送。' }),
        note));
    }
    return parts;
  }

  function reportButton(year) {
    const btn = el('button', { type: 'button', id: 'report-download', text: '下载年度工作报告（Word）' });
    if (!JZ.has('report')) {
      btn.disabled = true;
      btn.title = '此版本的校验程序还不能生成报告。';
      return el('span', {}, btn, el('span', { class: 'muted', text: ' 此版本暂不能生成 Word 报告。' }));
    }
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      JZ.setStatus('正在生成年度工作报告……');
      try {
        const bytes = await JZ.call('report', S().files.map((f) => ({ name: f.name, bytes: f.bytes, mapping: f.mapping || undefined })), year, JZ.planArg());
        JZ.download(S().plan.report_title.split(S().facts.year_slot).join(String(year)) + '.docx', bytes, JZ.DOCX_TYPE);
        JZ.setStatus('已生成年度工作报告（Word），请在 Word 或 WPS 中打开修改。');
      } catch (e) {
        JZ.setStatus(e.message, true);
      }
      btn.disabled = false;
    });
    return btn;
  }

  function renderMerge() {
    const m = S().merge;
    const out = $('merge-out');
    if (!m) {
      out.replaceChildren(...(S().mergeStale && S().files.length
        ? [el('p', { id: 'merge-stale', class: 'status error', role: 'status', text: '收到的文件或使用的计划已有变动（增加、移除、替换或在页面中修改），上次的汇总结果已作废，不能再下载。请重新点“汇总全部有效文件”。' })]
        : []));
      return;
    }
    const s = m.summary;
    const plan = S().plan;
    const keys = S().facts.statuses.concat([S().facts.not_submitted]);
    const tasks = new Map(plan.tasks.map((t) => [String(t.number), { task: t, measures: 0, counts: {} }]));
    for (const ms of s.measures) {
      const t = tasks.get(ms.id.split('.')[0]);
      if (!t) continue;
      t.measures++;
      for (const k of keys) t.counts[k] = (t.counts[k] || 0) + (ms.status_counts[k] || 0);
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
      items.length ? el('ul', {}, ...items.map((x) => el('li', { text: JZ.baseName(x) }))) : el('p', { class: 'muted', text: '无' }));
    const lists = el('div', { class: 'lists' },
      list('未报送或被退回的单位', s.missing_units, 'missing-units'),
      list('未通过校验、未汇总的文件', s.rejected, 'rejected-files'),
      list('被同单位新版本替代的文件', s.superseded, 'superseded-files'));

    const found = [];
    for (const f of S().files) for (const d of (f.merged && f.merged.extra) || []) found.push([f, d]);
    const crossYear = el('section', { id: 'merge-findings', class: 'sub' },
      el('h3', { text: `汇总时发现的问题（与往年数据对比等，${found.length} 条）` }),
      found.length
        ? el('table', { class: 'diags' },
          el('thead', {}, el('tr', {}, ...['级别', '文件', '工作表', '单元格', '问题'].map((h) => el('th', { text: h })))),
          el('tbody', {}, ...found.map(([f, d]) => el('tr', { class: d.severity, 'data-code': d.code },
            el('td', { class: 'sev', text: (S().facts.severities.find((x) => x.id === d.severity) || {}).label || d.severity }),
            el('td', {}, el('button', { type: 'button', class: 'link', text: f.name, onclick: () => JZ.showFile(f.name) })),
            el('td', { text: d.sheet || '—' }), el('td', { text: d.cell || '—' }), el('td', { text: d.message })))))
        : el('p', { class: 'muted', text: '没有。' + (s.years && s.years.length > 1 ? '' : '放入上一年度的填报表或汇总表后，会对照上一年的数值检查。') }));

    const changes = Array.isArray(s.changes)
      ? el('section', { id: 'changes', class: 'sub' },
        el('h3', { text: `变更记录：重报的文件改了什么（${s.changes.length} 处）` }),
        s.changes.length ? changesByUnit(s.changes) : el('p', { class: 'muted', text: '没有单位重报。' }))
      : null;

    out.replaceChildren(...[
      el('div', { class: 'row merge-head' }, el('h3', { text: `已汇总 ${s.accepted.length} 个文件` }), reportButton(s.year)),
      overview,
      el('h3', { text: '量化指标完成情况（全市合计 / 目标值）' }),
      JZ.barChart(plan, s),
      lists,
      ...followUp(s),
      changes,
      crossYear,
      m.detail ? JZ.detailView(plan, m.detail.rows) : null,
      JZ.trendView(plan, s)].filter(Boolean));
  }

  function changesByUnit(changes) {
    const units = [...new Set(changes.map((c) => c.unit))];
    return el('div', {}, ...units.map((u) => {
      const mine = changes.filter((c) => c.unit === u);
      return el('div', { class: 'unit-changes', 'data-unit': u },
        el('h4', { text: `${u}：${JZ.baseName(mine[0].file)} 替代了 ${[...new Set(mine.map((c) => JZ.baseName(c.superseded)))].join('、')}，改动 ${mine.length} 处` }),
        changesTable(mine, true));
    }));
  }

  Object.assign(JZ, { runMerge, renderMerge, dropStaleMerge, changesTable, copyText });
})();

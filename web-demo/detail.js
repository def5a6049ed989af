// 任务明细 after a merge: what every unit wrote for every measure, filtered by section, task,
// unit and 完成状态, with a text search. Every text is shown in full, as text.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el } = JZ;
  const MAX_ROWS = 600;

  function options(sel, all, items) {
    sel.replaceChildren(el('option', { value: '', text: all }), ...items.map(([v, t]) => el('option', { value: v, text: t })));
  }

  /** The view for `rows` (the merge's DetailRow list) under `plan`. */
  function detailView(plan, rows) {
    const measureTask = new Map(plan.measures.map((m) => [m.id, m.task]));
    const measureText = new Map(plan.measures.map((m) => [m.id, m.text]));
    // 完成时限 as the plan writes it (contract §11), shown under the measure.
    const measureDue = new Map(plan.measures.map((m) => [m.id, m.due || '']));
    const overdue = JZ.state.facts.overdue;
    const taskOf = new Map(plan.tasks.map((t) => [t.number, t]));
    const section = el('select', { id: 'detail-section', 'aria-label': '部分' });
    const task = el('select', { id: 'detail-task', 'aria-label': '任务' });
    const unit = el('select', { id: 'detail-unit', 'aria-label': '单位' });
    const status = el('select', { id: 'detail-status', 'aria-label': '完成状态' });
    const search = el('input', { type: 'search', id: 'detail-search', 'aria-label': '搜索文字', placeholder: '搜索进展、问题、计划中的文字' });
    options(section, '全部部分', plan.sections.map((s) => [s.number, `${s.number}、${s.title}`]));
    const fillTasks = () => {
      const keep = task.value;
      options(task, '全部任务', plan.tasks.filter((t) => !section.value || t.section === section.value).map((t) => [String(t.number), `${t.number}. ${t.title}`]));
      task.value = [...task.options].some((o) => o.value === keep) ? keep : '';
    };
    fillTasks();
    options(unit, '全部单位', plan.units.map((u) => [u.name, u.name]));
    const statuses = [...new Set(JZ.state.facts.statuses.concat([JZ.state.facts.not_submitted], rows.map((r) => r.status)))];
    options(status, '全部状态', statuses.map((s) => [s, s || '（未填）']));
    const count = el('p', { class: 'muted', id: 'detail-count', role: 'status', 'aria-live': 'polite' });
    const tbody = el('tbody');
    const head = ['序号', '落实举措', '单位', '完成状态', '进展情况', '存在问题', '下一步计划', '佐证材料', '来源文件'];

    function draw() {
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const shown = rows.filter((r) => {
        const t = taskOf.get(measureTask.get(r.measure));
        if (section.value && (!t || t.section !== section.value)) return false;
        if (task.value && String(measureTask.get(r.measure)) !== task.value) return false;
        if (unit.value && r.unit !== unit.value) return false;
        if (status.value && r.status !== status.value) return false;
        if (words.length) {
          const hay = [r.progress, r.problems, r.next_plan, r.evidence, measureText.get(r.measure) || '', r.unit].join('\n').toLowerCase();
          if (!words.every((w) => hay.includes(w))) return false;
        }
        return true;
      });
      tbody.replaceChildren(...shown.slice(0, MAX_ROWS).map((r) => el('tr', { 'data-measure': r.measure, 'data-unit': r.unit, class: r.assigned ? '' : 'unassigned' },
        el('td', { class: 'num', text: r.measure }),
        el('td', { class: 'text', text: (measureText.get(r.measure) || '') + (measureDue.get(r.measure) ? `\n完成时限：${measureDue.get(r.measure)}` : '') }),
        el('td', { text: r.role ? `${r.unit}（${r.role}）` : r.unit }),
        el('td', { class: r.overdue ? 'overdue' : '', text: r.overdue ? `${r.status}（${overdue}）` : r.status }),
        el('td', { class: 'text', text: r.progress }),
        el('td', { class: 'text', text: r.problems }),
        el('td', { class: 'text', text: r.next_plan }),
        el('td', { class: 'text', text: r.evidence }),
        el('td', { text: JZ.baseName(r.source || '') }))));
      count.textContent = `共 ${rows.length} 行，符合条件 ${shown.length} 行` + (shown.length > MAX_ROWS ? `，只显示前 ${MAX_ROWS} 行，请再加条件缩小范围。` : '。');
    }
    section.addEventListener('change', () => { fillTasks(); draw(); });
    for (const c of [task, unit, status]) c.addEventListener('change', draw);
    search.addEventListener('input', draw);
    draw();
    return el('section', { id: 'detail', class: 'sub' },
      el('h3', { text: '任务明细：各单位填报的内容' }),
      el('div', { class: 'row filters' }, section, task, unit, status, search),
      count,
      // Focusable, so a keyboard user can scroll it with the arrow keys.
      el('div', { class: 'scroll-box', tabindex: '0', role: 'region', 'aria-label': '任务明细表（可用方向键滚动）' }, el('table', { id: 'detail-table' },
        el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { text: h })))), tbody)));
  }

  JZ.detailView = detailView;
})();

// 报送进度: every expected unit of the chosen year on one screen — 通过 / 有错误 / 未报送,
// older versions 已替代, the 填报日期 on time or late against the plan's deadline, error and
// warning counts. A click on a unit opens and shows its file card.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el, $ } = JZ;

  /** The plan's deadline for reports of `year`: `{year+1}-{MM-DD}`, or '' without one. */
  function deadlineOf(plan, year) {
    return /^\d{2}-\d{2}$/.test(plan.deadline || '') ? `${year + 1}-${plan.deadline}` : '';
  }

  /** Per expected unit: its files of `year`, the one that counts, and the state. */
  function unitRows(state, year) {
    const byUnit = new Map(state.plan.units.map((u) => [u.name, []]));
    for (const f of state.files) {
      const r = f.result;
      if (r && r.year === year && byUnit.has(r.unit)) byUnit.get(r.unit).push(f);
    }
    const rows = [];
    for (const [unit, files] of byUnit) {
      const valid = files.filter((f) => f.result.ok);
      // The later 填报日期 wins, as in the merge; the merge itself settles ties.
      const key = (f) => ((f.report && f.report.date) || '') + '\u0000' + f.name;
      valid.sort((a, b) => (key(a) < key(b) ? 1 : -1));
      const winner = valid[0] || null;
      const shown = winner || files[files.length - 1] || null;
      const diags = shown ? JZ.diagnosticsOf(shown) : [];
      rows.push({
        unit,
        files,
        winner,
        shown,
        state: winner ? 'ok' : files.length ? 'bad' : 'missing',
        superseded: Math.max(0, valid.length - 1),
        date: shown && shown.report ? shown.report.date || '' : '',
        errors: diags.filter((d) => d.severity === 'error').length,
        warnings: diags.filter((d) => d.severity !== 'error').length,
        changes: winner && winner.merged ? winner.merged.changes.length : 0,
      });
    }
    return rows;
  }

  const STATE_WORD = { ok: '通过', bad: '有错误', missing: '未报送' };

  function render() {
    const state = JZ.state;
    const host = $('board');
    if (!state.plan) return;
    const year = JZ.boardYear();
    const deadline = deadlineOf(state.plan, year);
    const rows = unitRows(state, year);
    const count = (s) => rows.filter((r) => r.state === s).length;
    const late = rows.filter((r) => r.state === 'ok' && deadline && r.date && r.date > deadline).length;
    const tiles = rows.map((r) => {
      const timing = !r.date ? (r.state === 'missing' ? '' : '未填日期') : !deadline ? '' : r.date <= deadline ? '按期' : '逾期';
      const parts = [
        el('span', { class: 'tile-unit', text: r.unit }),
        el('span', { class: 'tile-line' },
          el('span', { class: 'tile-state', text: STATE_WORD[r.state] }),
          r.date ? el('span', { class: 'tile-date', text: ' · ' + r.date.slice(5).replace('-', '月') + '日 ' }) : null,
          timing ? el('b', { class: 'timing ' + (timing === '按期' ? 'on' : 'late'), text: timing }) : null),
        r.state === 'missing' ? null : el('span', { class: 'tile-counts', text: `错误 ${r.errors} · 提醒 ${r.warnings}` }),
        r.superseded ? el('span', { class: 'tile-extra', text: `已替代 ${r.superseded} 份旧版` + (r.changes ? `，改动 ${r.changes} 处` : '') }) : null,
      ];
      const props = { class: 'tile ' + r.state, 'data-unit': r.unit, 'data-state': STATE_WORD[r.state] };
      if (!r.shown) return el('div', Object.assign(props, { title: `${r.unit}：${year} 年度尚未收到文件` }), ...parts);
      const name = r.shown.name;
      return el('button', Object.assign(props, { type: 'button', title: `查看 ${name}`, onclick: () => JZ.showFile(name) }), ...parts);
    });
    const others = state.files.filter((f) => !(f.result && f.result.year === year && rows.some((r) => r.unit === f.result.unit)));
    const earlier = others.filter((f) => f.result && f.result.year && f.result.year < year).length;
    const unknown = others.length - earlier;
    host.replaceChildren(
      el('div', { class: 'board-head' },
        el('h3', { text: `${year} 年度报送进度` }),
        el('span', { class: 'legend' },
          el('span', { class: 'chip ok', text: `通过 ${count('ok')}` }),
          el('span', { class: 'chip bad', text: `有错误 ${count('bad')}` }),
          el('span', { class: 'chip missing', text: `未报送 ${count('missing')}` }),
          deadline ? el('span', { class: 'chip', text: `报送截止 ${deadline}，逾期 ${late}` }) : null),
        el('span', { class: 'muted', text: (earlier ? `另有往年报告 ${earlier} 份（用于多年度对比）。` : '') + (unknown ? `${unknown} 个文件未能识别单位或年度，见下方列表。` : '') + '点单位查看其文件。' })),
      el('div', { class: 'tiles', id: 'board-tiles' }, ...tiles));
  }

  Object.assign(JZ, { renderBoard: render, deadlineOf });
})();

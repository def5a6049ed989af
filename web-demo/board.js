// 报送进度: every expected unit of the chosen year on one screen — 通过 / 有错误 / 未报送,
// older versions 已替代, the 填报日期 on time or late against the plan's deadline, error and
// warning counts. A click on a unit opens and shows its file card. Which file stands for a
// unit, its state, the deadline and on-time come from Rust (wasm board()): the merge's own
// choice, so the board shows the file the merge takes.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el, $ } = JZ;

  /** What the board asks Rust about each file: validate's result plus the 填报日期. */
  function boardFile(f) {
    const r = f.result || {};
    return { path: f.name, sha256: r.sha256 || '', unit: r.unit || null, year: r.year || null,
      ok: Boolean(r.ok), date: (f.report && f.report.date) || null };
  }

  /** Per expected unit of `year`, as Rust's board() chooses it (the merge's own choice of
   * each unit's file, the state, the on-time judgement against the plan's deadline). */
  async function unitRows(state, year) {
    const board = await JZ.call('board', state.files.map(boardFile), year, JZ.planArg());
    const byName = new Map(state.files.map((f) => [f.name, f]));
    const rows = board.units.map((u) => {
      const shown = (u.path && byName.get(u.path)) || null;
      const winner = u.state === 'received' ? shown : null;
      const diags = shown ? JZ.diagnosticsOf(shown) : [];
      return {
        unit: u.unit,
        winner,
        shown,
        state: u.state === 'received' ? 'ok' : u.state === 'rejected' ? 'bad' : 'missing',
        superseded: u.superseded,
        date: u.date || '',
        onTime: u.on_time,
        errors: diags.filter((d) => d.severity === 'error').length,
        warnings: diags.filter((d) => d.severity !== 'error').length,
        changes: winner && winner.merged ? winner.merged.changes.length : 0,
      };
    });
    return { board, rows };
  }

  const STATE_WORD = { ok: '通过', bad: '有错误', missing: '未报送' };

  let drawn = 0;

  async function render() {
    const state = JZ.state;
    const host = $('board');
    if (!state.plan) return;
    const year = JZ.boardYear();
    const turn = ++drawn;
    // Until the board is drawn the page counts as busy (setBusy), so nobody acts on a stale one.
    state.drawing = (state.drawing || 0) + 1;
    JZ.setBusy(state.busy);
    let answer;
    try {
      answer = await unitRows(state, year);
    } catch (e) {
      answer = { error: e.message };
    } finally {
      state.drawing -= 1;
      JZ.setBusy(state.busy);
    }
    // A later call (files or year changed meanwhile) draws instead.
    if (turn !== drawn) return;
    if (answer.error) {
      host.replaceChildren(el('p', { class: 'status error', text: answer.error }));
      return;
    }
    const { board, rows } = answer;
    const deadline = board.deadline || '';
    const count = (s) => rows.filter((r) => r.state === s).length;
    const late = rows.filter((r) => r.state === 'ok' && r.onTime === false).length;
    const tiles = rows.map((r) => {
      const timing = !r.date ? (r.state === 'missing' ? '' : '未填日期') : r.onTime == null ? '' : r.onTime ? '按期' : '逾期';
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
    const earlier = board.earlier;
    const unknown = board.unplaced;
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

  Object.assign(JZ, { renderBoard: render });
})();

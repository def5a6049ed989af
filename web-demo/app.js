// The page's wiring: shared state, the buttons, template download, samples, the desk
// (restore, switch, clear) and start-up. The other scripts each own one concern:
// dom.js, worker-client.js, desk-store.js, files.js, fix-grid.js, board.js, charts.js,
// detail.js, merge-view.js, plan-view.js. Facts Rust owns come from wasm facts().
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el, $ } = JZ;

  /** Everything the scripts share. */
  JZ.state = {
    plan: null, // the plan in use (plan() JSON)
    planText: null, // its text when it is not the built-in one
    facts: null, // facts() from Rust
    files: [], // received files with their check results
    drawing: 0, // board renders under way (board.js)
    skipped: [], // files that are not spreadsheets, with the reason
    merge: null, // the last merge (with the file bytes and plan it was made of)
    mergeStale: false, // a merge was dropped because the files or the plan changed since
    busy: false,
  };
  const S = JZ.state;

  JZ.setBusy = function setBusy(busy) {
    S.busy = busy;
    // While the board is being drawn (board.js asks Rust), the buttons wait too.
    const b = busy || S.drawing > 0;
    const noPlan = !S.plan;
    for (const id of ['tpl-download', 'samples', 'plan-pick-label']) {
      const e = $(id);
      if (e.tagName === 'LABEL') e.classList.toggle('disabled', b || noPlan);
      else e.disabled = b || noPlan;
    }
    $('clear').disabled = b || S.files.length === 0;
    $('merge').disabled = b || noPlan || S.files.length === 0;
    $('file-input').disabled = b || noPlan;
    $('plan-input').disabled = b || noPlan;
    $('plan-builtin').disabled = b || !S.planText;
  };

  /** The year the board and the merge look at. */
  JZ.boardYear = () => Number($('merge-year').value) || (S.plan ? S.plan.last_year : 0);

  /** Re-draws what depends on the file list. */
  JZ.refresh = function refresh() {
    JZ.dropStaleMerge();
    JZ.renderFiles();
    JZ.renderBoard();
    JZ.setBusy(S.busy);
  };

  /** A sentence about the desk (saving on this machine), kept visible until replaced. */
  JZ.deskNote = function deskNote(text, isError) {
    const n = $('desk-note');
    n.textContent = text;
    n.classList.toggle('error', Boolean(isError));
  };

  JZ.fillSelects = function fillSelects() {
    const plan = S.plan;
    const unitSel = $('tpl-unit');
    const keepUnit = unitSel.value;
    unitSel.replaceChildren();
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
    if (plan.units.some((u) => u.name === keepUnit)) unitSel.value = keepUnit;
    for (const id of ['tpl-year', 'merge-year']) {
      const sel = $(id);
      const keep = Number(sel.value);
      sel.replaceChildren();
      for (let y = plan.first_year; y <= plan.last_year; y++) sel.append(el('option', { value: y, text: y + ' 年度' }));
      sel.value = String(keep >= plan.first_year && keep <= plan.last_year ? keep : plan.last_year);
      sel.disabled = false;
    }
    unitSel.disabled = false;
  };

  async function downloadTemplate() {
    const unit = $('tpl-unit').value;
    const year = Number($('tpl-year').value);
    try {
      const bytes = await JZ.call('template', unit, year, JZ.planArg());
      JZ.download(`${unit}_${year}年度填报表.xlsx`, bytes);
      JZ.setStatus(`已生成 ${unit} ${year} 年度填报模板。`);
    } catch (e) {
      JZ.setStatus(e.message, true);
    }
  }

  async function loadSamples() {
    JZ.setStatus('正在生成示例数据……');
    try {
      if (JZ.has('samplesYears')) {
        const first = S.plan.first_year, last = S.plan.last_year;
        const list = await JZ.call('samplesYears', first, last, JZ.planArg());
        $('merge-year').value = String(last);
        await JZ.addFiles(list.map((f) => ({ name: f.name, bytes: f.bytes })));
        JZ.setStatus(`已载入 ${list.length} 份 ${first}–${last} 年度的示例填报表。点“汇总全部有效文件”查看多年度对比、变更记录和跨年度提醒。`);
      } else {
        const year = JZ.boardYear();
        const list = await JZ.call('samples', year, JZ.planArg());
        await JZ.addFiles(list.map((f) => ({ name: f.name, bytes: f.bytes })));
        JZ.setStatus(`已载入 ${list.length} 份 ${year} 年度示例填报表（其中博爱县的有错误、武陟县的有提醒、温县报送了两版、中医药局未报送）。`);
      }
    } catch (e) {
      JZ.setStatus(e.message, true);
    }
  }

  async function clearList() {
    S.files = [];
    S.skipped = [];
    S.merge = null;
    JZ.renderSkipped();
    JZ.renderMerge();
    $('merge-download').disabled = true;
    const why = await JZ.desk.clear();
    JZ.deskNote(why, Boolean(why));
    JZ.refresh();
  }

  async function clearDesk() {
    const why = await JZ.desk.clear();
    if (why) { JZ.deskNote(why, true); return; }
    JZ.deskNote(S.files.length
      ? `已清空本机保存的文件。页面中的 ${S.files.length} 个文件在刷新或关闭页面后不再保留。`
      : '已清空本机保存的文件。');
  }

  async function deskSwitch(on) {
    JZ.desk.setWanted(on);
    if (!on) {
      const why = await JZ.desk.clear();
      JZ.deskNote(why || '已停止在本机保存收到的文件，并删除了本机保存的副本。刷新或关闭页面后需要重新放入文件。', Boolean(why));
      return;
    }
    const notSaved = [];
    for (const f of S.files) {
      const why = await JZ.desk.save(f.name, f.bytes, f.added);
      if (why) notSaved.push(why);
    }
    JZ.deskNote(notSaved.length ? notSaved.join(' ') : `已开始在本机保存收到的文件（${S.files.length} 个）。文件只保存在本机浏览器中，不会上传。`, notSaved.length > 0);
  }

  /** Opens the desk and puts back the files of the last visit. */
  async function restoreDesk() {
    const ok = await JZ.desk.open();
    $('desk-save').checked = JZ.desk.wanted();
    if (!ok) {
      $('desk-save').disabled = true;
      $('desk-clear').disabled = true;
      JZ.deskNote(JZ.desk.reason(), true);
      return '';
    }
    if (!JZ.desk.wanted()) { JZ.deskNote('未在本机保存收到的文件（可勾选“在本机保存收到的文件”开启）。'); return ''; }
    let saved = [];
    try { saved = await JZ.desk.all(); } catch { saved = []; }
    if (!saved.length) { JZ.deskNote('收到的文件会保存在本机浏览器中，下次打开页面时自动恢复；不会上传。'); return ''; }
    await JZ.addFiles(saved.map((r) => ({ name: r.name, bytes: r.bytes, added: r.added })), { restore: true });
    const last = Math.max(...saved.map((r) => r.added));
    const line = `已恢复本机保存的 ${saved.length} 个文件（最后保存于 ${JZ.when(last)}）。`;
    JZ.deskNote(line);
    return line;
  }

  function describeInputs() {
    const list = S.facts.extensions.map((e) => '.' + e);
    $('file-input').setAttribute('accept', list.join(','));
    $('plan-input').setAttribute('accept', S.facts.plan_extensions.map((e) => '.' + e).join(','));
    $('drop-hint').textContent = `把各单位的填报表或整个文件夹拖到这里（可一次放入多个，支持 ${list.join(' ')}），或`;
  }

  function wire() {
    JZ.wireFiles();
    JZ.wirePlan();
    $('tpl-download').addEventListener('click', downloadTemplate);
    $('samples').addEventListener('click', loadSamples);
    $('clear').addEventListener('click', clearList);
    $('desk-clear').addEventListener('click', clearDesk);
    $('desk-save').addEventListener('change', (ev) => deskSwitch(ev.target.checked));
    $('merge').addEventListener('click', JZ.runMerge);
    $('merge-year').addEventListener('change', () => JZ.renderBoard());
    $('merge-download').addEventListener('click', () => {
      if (S.merge) JZ.download(`汇总表_${S.merge.year}.xlsx`, S.merge.xlsx);
    });
  }

  async function main() {
    wire();
    try {
      await JZ.startWorker();
      S.facts = await JZ.call('facts');
      const planLine = await JZ.restorePlan();
      if (!S.plan) S.plan = await JZ.call('plan');
      describeInputs();
      JZ.fillSelects();
      JZ.showPlanInUse();
      JZ.setBusy(false);
      JZ.renderBoard();
      const deskLine = await restoreDesk();
      await JZ.renderBoard();
      document.body.dataset.ready = '1';
      JZ.setStatus([planLine, deskLine].filter(Boolean).join('') || '已就绪。请选择单位和年度下载模板，或选择填报表进行校验。');
    } catch (e) {
      JZ.setStatus('无法加载校验程序：' + e.message, true);
    }
  }

  main();
})();

// The plan in use: always named in the header; "使用修订后的计划" reads a plan file
// (.xlsx/.xls/.ods/.docx/.toml/.json) with loadPlan, shows its problems at their cells or
// the memo of what changes, and adopts it for templates, checking and merging;
// "恢复内置计划" goes back. Kept across visits only when the user ticks the box.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el, $ } = JZ;
  const S = () => JZ.state;
  const KEY = 'jz-plan';

  /** The planText argument of every wasm call (undefined = the built-in plan). */
  JZ.planArg = () => S().planText || undefined;

  function stored() {
    try { return localStorage.getItem(KEY); } catch { return null; }
  }
  function store(text) {
    try {
      if (text) localStorage.setItem(KEY, text); else localStorage.removeItem(KEY);
      return true;
    } catch { return false; }
  }

  function showInUse() {
    const p = S().plan;
    const own = Boolean(S().planText);
    // The plan's own words: its place in the heading and the window title.
    document.querySelector('header h1').textContent = `${p.heading} · 任务落实情况填报与汇总`;
    document.title = `${p.region}知识产权任务落实情况填报与汇总`;
    $('plan-in-use').textContent = `使用的计划：${p.title}　编号 ${p.id}　版本 ${String(p.hash || '').slice(0, 8)}　` + (own ? '（修订后的计划）' : '（内置计划）');
    $('plan-in-use').title = `${p.title}（编号 ${p.id}，版本 ${p.hash}）`;
    $('plan-builtin').disabled = !own || S().busy;
    $('plan-remember').checked = own && stored() === S().planText;
    $('plan-remember').disabled = !own;
    $('plan-export').hidden = !JZ.has('planWorkbook');
  }

  /** Reads a plan file: {planText, plan, diagnostics}. A Word document is read by the
   * writer module (`importPlan`), which the check-only module's answer asks for. */
  async function readPlan(bytes, name) {
    const got = await JZ.call('loadPlan', bytes, name, JZ.planArg());
    if ((got.diagnostics || []).some((d) => d.code === 'word-document')) return JZ.call('importPlan', bytes, JZ.planArg());
    return got;
  }

  function place(d) {
    return d.sheet ? d.sheet + (d.cell ? '!' + d.cell : '') + '：' : '';
  }

  async function pick(file) {
    const box = $('plan-panel');
    box.hidden = false;
    const ext = JZ.extension(file.name);
    if (!S().facts.plan_extensions.includes(ext)) {
      box.replaceChildren(el('p', { class: 'status error', text: `“${file.name}”不是计划文件。请选择 ${S().facts.plan_extensions.map((e) => '.' + e).join(' ')} 格式的计划。` }));
      return;
    }
    box.replaceChildren(el('p', { class: 'muted', text: `正在读取“${file.name}”……` }));
    let got;
    try {
      got = await readPlan(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (e) {
      box.replaceChildren(el('p', { class: 'status error', text: e.message }));
      return;
    }
    const diags = got.diagnostics || [];
    const errors = diags.filter((d) => d.severity !== 'warning');
    if (!got.planText || !got.plan) {
      box.replaceChildren(
        el('h2', { text: `“${file.name}”有 ${errors.length || diags.length} 个问题，未采用` }),
        el('p', { class: 'muted', text: '请在计划文件中改正下列问题后重新选择。当前仍使用原来的计划。' }),
        el('ul', { id: 'plan-errors' }, ...diags.map((d) => el('li', { text: place(d) + d.message }))),
        el('button', { type: 'button', class: 'secondary', text: '关闭', onclick: () => { box.hidden = true; } }));
      return;
    }
    const toFill = diags.filter((d) => d.code === 'plan-to-fill');
    if (toFill.length) {
      showToFill(box, file.name, got, toFill, diags.filter((d) => d.code !== 'plan-to-fill'));
      return;
    }
    let memo = [];
    try {
      const diff = await JZ.call('planDiff', S().planText || JSON.stringify(S().plan), got.planText);
      memo = Array.isArray(diff.memo) ? diff.memo : fallbackMemo(diff);
    } catch (e) {
      memo = ['无法比较两份计划：' + e.message];
    }
    const p = got.plan;
    box.replaceChildren(el('div', {},
      el('h2', { text: `修订后的计划：${p.title}` }),
      el('p', { class: 'muted', text: `编号 ${p.id}，版本 ${String(p.hash || '').slice(0, 8)}；${p.first_year}–${p.last_year} 年度，${p.tasks.length} 项任务，${p.measures.length} 项举措，${p.units.length} 个责任单位，${p.indicators.length} 项指标。与正在使用的计划相比：` }),
      memo.length ? el('ul', { id: 'plan-memo', class: 'memo' }, ...memo.map((line, i) => el('li', { class: i === 0 || /^[一二三四五六七八九十]+、/.test(line) ? 'memo-head' : '', text: line }))) : el('p', { id: 'plan-memo', text: '两份计划内容相同。' }),
      diags.length ? el('ul', { class: 'muted' }, ...diags.map((d) => el('li', { text: '提醒：' + place(d) + d.message }))) : null,
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'plan-adopt', text: '采用此计划', onclick: () => adopt(got.planText, p, `已采用修订后的计划“${p.title}”。模板、校验和汇总都按此计划进行。`) }),
        el('button', { type: 'button', class: 'secondary', text: '取消', onclick: () => { box.hidden = true; } }))));
  }

  /** A plan read from Word that leaves cells for the office: what to fill in, and the
   * plan workbook to fill it in (loaded back with the same button); never adopted as is. */
  function showToFill(box, fileName, got, toFill, notes) {
    const p = got.plan;
    const name = `计划_${p.id}.xlsx`;
    box.replaceChildren(el('div', {},
      el('h2', { text: `已从“${fileName}”读出计划：${p.title}` }),
      el('p', { text: `${p.first_year}–${p.last_year} 年度，${p.tasks.length} 项任务，${p.measures.length} 项举措，${p.indicators.length} 项指标。文档没有写明下列 ${toFill.length} 项，填写后才能使用：` }),
      el('ul', { id: 'plan-to-fill' }, ...toFill.map((d) => el('li', { text: d.message }))),
      el('p', { text: `请下载计划表“${name}”，在 Excel 或 WPS 中填写上述各项并核对，保存后点“使用修订后的计划”选择它。` }),
      notes.length ? el('ul', { class: 'muted' }, ...notes.map((d) => el('li', { text: '提醒：' + place(d) + d.message }))) : null,
      el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'plan-fill-download', text: '下载计划表（待填写）', onclick: async () => {
          try {
            JZ.download(name, await JZ.call('planWorkbook', got.planText));
            JZ.setStatus(`已下载计划表“${name}”。填写后点“使用修订后的计划”选择它。`);
          } catch (e) {
            JZ.setStatus(e.message, true);
          }
        } }),
        el('button', { type: 'button', class: 'secondary', text: '关闭', onclick: () => { box.hidden = true; } }))));
  }

  /** A memo when planDiff has no `memo` (older module): its own messages, line by line. */
  function fallbackMemo(diff) {
    const lines = [];
    if (!diff || diff.identical) return lines;
    if ((diff.units_added || []).length) lines.push('新增责任单位：' + diff.units_added.join('、'));
    if ((diff.units_removed || []).length) lines.push('删去责任单位：' + diff.units_removed.join('、'));
    for (const c of (diff.measures || []).concat(diff.indicators || [])) if (c.message) lines.push(c.message);
    return lines;
  }

  /** Makes `planText` (null = built-in) the plan in use and checks every file again. */
  async function adopt(planText, plan, message) {
    S().planText = planText || null;
    S().plan = plan || (await JZ.call('plan', JZ.planArg()));
    if (!planText || $('plan-remember').checked) store(planText);
    $('plan-panel').hidden = true;
    JZ.fillSelects();
    S().mergeStale = Boolean(S().merge);
    S().merge = null;
    JZ.renderMerge();
    $('merge-download').disabled = true;
    showInUse();
    await JZ.recheckAll();
    JZ.setStatus(message);
  }

  /** At start: the plan kept on this machine, if the user asked for it. */
  async function restore() {
    const text = stored();
    if (!text) return '';
    try {
      const plan = await JZ.call('plan', text);
      S().planText = text;
      S().plan = plan;
      return `正在使用本机记住的修订后计划“${plan.title}”。`;
    } catch {
      store(null);
      return '本机记住的修订后计划已无法使用，已改用内置计划。';
    }
  }

  /** The plan in use as a workbook to edit in Excel/WPS (planWorkbook, when the module has it). */
  async function downloadWorkbook() {
    try {
      const bytes = await JZ.call('planWorkbook', JZ.planArg());
      JZ.download(`计划_${S().plan.id}.xlsx`, bytes);
      JZ.setStatus('已下载正在使用的计划表。在 Excel 或 WPS 中修改后，点“使用修订后的计划”选择它。');
    } catch (e) {
      JZ.setStatus(e.message, true);
    }
  }

  function wire() {
    $('plan-export').addEventListener('click', downloadWorkbook);
    $('plan-input').addEventListener('change', async (ev) => {
      const f = ev.target.files[0];
      ev.target.value = '';
      if (f) await pick(f);
    });
    $('plan-builtin').addEventListener('click', () => adopt(null, null, '已恢复使用内置计划。'));
    $('plan-remember').addEventListener('change', (ev) => {
      const ok = store(ev.target.checked ? S().planText : null);
      JZ.setStatus(!ok ? '这个浏览器不允许在本机保存，下次打开时会使用内置计划。'
        : ev.target.checked ? '已在本机记住此计划，下次打开页面时继续使用。计划只保存在本机浏览器中。' : '下次打开页面时将使用内置计划。', !ok);
    });
  }

  Object.assign(JZ, { showPlanInUse: showInUse, restorePlan: restore, wirePlan: wire, adoptPlan: adopt });
})();

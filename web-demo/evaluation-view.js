// 终期评估 (contract §12): once files of more than one year are in, the section offers the
// evaluation of the whole plan from every file (Rust's `evaluate`): the indicator table with
// its verdicts, the measures not completed, the reporting record, and both downloads (the
// workbook and the Word report). Column labels and file names come from Rust.
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el, $ } = JZ;
  const S = () => JZ.state;

  /** Whether the files in span more than one year: distinct years of unit files, and each
   * valid file without a unit (a city summary, whose year only Rust reads) counted as one more. */
  function multiYear() {
    const years = new Set();
    let summaries = 0;
    for (const f of S().files) {
      const r = f.result;
      if (!r) continue;
      if (r.year) years.add(r.year);
      else if (r.ok && !r.unit) summaries++;
    }
    return years.size + summaries > 1;
  }

  /** Shows the section when it applies; drops an evaluation the files no longer match. */
  function renderEvaluateSection() {
    const sec = $('sec-evaluate');
    if (!sec) return;
    const ev = S().evaluation;
    if (ev && (ev.planText !== S().planText || ev.inputs.length !== S().files.length || S().files.some((f, i) => f.bytes !== ev.inputs[i]))) {
      S().evaluation = null;
      $('evaluate-out').replaceChildren(el('p', { class: 'status error', role: 'status',
        text: '收到的文件或使用的计划已有变动，上次的终期评估已作废。请重新点“生成终期评估”。' }));
    }
    const show = JZ.has('evaluate') && multiYear();
    sec.hidden = !show;
    $('evaluate').disabled = !show || S().busy;
    $('evaluate-xlsx').disabled = !S().evaluation;
    $('evaluate-docx').disabled = !S().evaluation;
  }

  async function runEvaluate() {
    JZ.setBusy(true);
    JZ.setStatus('正在生成终期评估……');
    const inputs = S().files.map((f) => f.bytes);
    try {
      const out = await JZ.call('evaluate', S().files.map((f) => ({ name: f.name, bytes: f.bytes })), JZ.planArg());
      S().evaluation = { ...out, inputs, planText: S().planText };
      render();
      const s = out.summary;
      JZ.setStatus(`已生成 ${s.years[0]}–${s.years[s.years.length - 1]} 年的${s.interim ? '中期' : '终期'}评估，可下载评估表和评估报告。`);
      JZ.scrollToEl($('sec-evaluate'));
    } catch (e) {
      JZ.setStatus(e.message, true);
    }
    JZ.setBusy(false);
    renderEvaluateSection();
  }

  const verdictCell = (v) => el('td', { class: 'verdict', 'data-verdict': v, text: v });

  function render() {
    const ev = S().evaluation;
    if (!ev) return;
    const s = ev.summary;
    const c = ev.columns;
    const count = (list, v) => list.filter((x) => x.verdict === v).length;
    const indVerdicts = [...new Set(s.indicators.map((i) => i.verdict))];
    const summary = el('p', { id: 'evaluate-summary',
      text: `${s.indicators.length} 项主要指标：` + indVerdicts.map((v) => `${v} ${count(s.indicators, v)} 项`).join('，') +
        `；${s.measures.length} 项次举措（举措 × 责任单位）中未完成 ${count(s.measures, '未完成')} 项次。` });

    const indicators = el('table', { id: 'evaluate-indicators' },
      el('caption', { text: '主要指标完成情况（期末值 ÷ 目标值）' }),
      el('thead', {}, el('tr', {}, ...c.indicators.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, ...s.indicators.map((i) => el('tr', { 'data-id': i.id },
        el('td', { text: i.id }), el('td', { text: i.name }), el('td', { text: i.attribute }), el('td', { text: i.unit }),
        el('td', { class: 'num', text: i.baseline === null ? '' : JZ.fmt(i.baseline) }),
        el('td', { class: 'num', text: JZ.fmt(i.target) }),
        ...s.years.map((y) => el('td', { class: 'num', text: JZ.fmt(i.values[String(y)]) })),
        el('td', { class: 'num', text: JZ.fmt(i.final) }),
        el('td', { class: 'num', text: i.rate === null ? '—' : JZ.pct(i.rate) }),
        verdictCell(i.verdict)))));

    const open = s.measures.filter((m) => m.verdict === '未完成');
    const measures = el('section', { id: 'evaluate-open', class: 'sub' },
      el('h3', { text: `未完成的举措（${open.length} 项次）` }),
      open.length
        ? el('table', { id: 'evaluate-measures' },
          el('thead', {}, el('tr', {}, ...c.measures.filter((h) => h !== '落实举措').map((h) => el('th', { scope: 'col', text: h })))),
          el('tbody', {}, ...open.map((m) => el('tr', { 'data-id': m.id, 'data-unit': m.unit },
            el('td', { text: m.id }), el('td', { text: m.unit }), el('td', { text: m.role }),
            ...s.years.map((y) => el('td', { text: m.statuses[String(y)] || '' })),
            el('td', { text: m.final_status }), verdictCell(m.verdict)))))
        : el('p', { class: 'muted', text: '各责任单位最后一次报送的完成状态均为已完成或持续推进。' }));

    const units = el('section', { id: 'evaluate-units', class: 'sub' },
      el('h3', { text: '单位报送情况' }),
      JZ.table({ id: 'evaluate-units-table' }, c.units,
        s.units.map((u) => [u.unit, u.expected, u.reported, u.on_time, u.late, u.rejected, u.missing])));

    const notes = [];
    if (ev.rejected.length) notes.push(el('p', { class: 'muted', text: `有 ${ev.rejected.length} 个文件因错误未计入（按退回统计）：${ev.rejected.map(JZ.baseName).join('、')}。` }));
    if (ev.skipped.length) notes.push(el('p', { class: 'muted', text: `未计入的文件：${ev.skipped.map((k) => `${JZ.baseName(k.path)}（${k.reason}）`).join('；')}。` }));
    $('evaluate-out').replaceChildren(summary, ...notes, el('div', { class: 'wide', tabindex: '0', role: 'region', 'aria-label': '主要指标完成情况表' }, indicators), measures, units);
  }

  function wire() {
    $('evaluate').addEventListener('click', runEvaluate);
    $('evaluate-xlsx').addEventListener('click', () => {
      const ev = S().evaluation;
      if (ev) JZ.download(ev.xlsxName, ev.xlsx);
    });
    $('evaluate-docx').addEventListener('click', () => {
      const ev = S().evaluation;
      if (ev) JZ.download(ev.docxName, ev.docx, JZ.DOCX_TYPE);
    });
  }

  Object.assign(JZ, { renderEvaluateSection, runEvaluate, wireEvaluate: wire });
})();

// Charts of a merge as inline SVG: indicator totals against targets (bars) and the 年度趋势
// view (rate per year, one line per indicator; end labels placed so they never overlap).
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const { el, svgEl, fmt, pct } = JZ;
  /** An indicator's name, with the plan's 约束性 mark when it has one (contract §11). */
  const marked = (meta) => (meta.attribute && meta.attribute === JZ.state.facts.binding ? `${meta.name}（${meta.attribute}）` : meta.name);

  const KIND_LABEL = { flow: '累计新增', stock: '年末存量', annual: '当年数值' };
  const GROUPS = [
    ['flow', '累计新增类指标：累计完成率'],
    ['stock', '存量类指标：年末水平 ÷ 目标值'],
    ['annual', '年度类指标：当年数值 ÷ 目标值'],
  ];

  /**
   * Places labels wanted at `y` so that no two are closer than `gap`, inside [lo, hi]:
   * sorted by y, each pushed below the one above, then the stack shifted up where it ran
   * past the bottom. Returns the items with `at` (the label's y) set.
   */
  function placeLabels(items, gap, lo, hi) {
    const sorted = items.slice().sort((a, b) => a.y - b.y);
    let prev = -Infinity;
    for (const it of sorted) {
      it.at = Math.max(it.y, prev + gap, lo);
      prev = it.at;
    }
    let next = Infinity;
    for (let i = sorted.length - 1; i >= 0; i--) {
      sorted[i].at = Math.min(sorted[i].at, next - gap, hi);
      next = sorted[i].at;
    }
    return sorted;
  }

  /** Line chart of the rate at the end of each year, one line per indicator. */
  function lineChart(plan, kind, title, members, years) {
    const labelH = 13;
    const width = 520, left = 44, right = 110, top = 28, bottom = 28;
    const height = Math.max(260, top + bottom + members.length * labelH + 20);
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
    const ends = [];
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
      if (last) ends.push({ id: p.id, x: last[0], y: last[1], color });
    });
    const labelX = left + plotW + 18;
    for (const e of placeLabels(ends, labelH, top, top + plotH + bottom - 10)) {
      if (Math.abs(e.at - e.y) > 1.5 || e.x < left + plotW - 1) {
        svg.append(svgEl('polyline', { class: 'leader', stroke: e.color, points: `${e.x + 3},${e.y} ${left + plotW + 4},${e.y} ${labelX - 2},${e.at}` }));
      }
      svg.append(svgEl('text', { class: 'end-label', x: labelX, y: e.at + 4, fill: e.color }, e.id));
    }
    return svg;
  }

  /** Horizontal bar chart of each indicator's total against its target. */
  function barChart(plan, s) {
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
      const name = `${ind.id} ${marked(meta)}`;
      const nameEl = svgEl('text', { x: 4, y: y + 15 }, name.length > 24 ? name.slice(0, 23) + '…' : name);
      nameEl.append(svgEl('title', {}, name));
      svg.append(nameEl);
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

  /** 年度趋势: per indicator the standing against the target, a line chart per kind, and per measure each unit's status by year. */
  function trendView(plan, s) {
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
        el('td', { text: marked(meta) }),
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
      if (members.length) charts.append(lineChart(plan, kind, title, members, years));
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
      el('h3', { text: `年度趋势：全市离 ${plan.last_year} 年目标还有多远` }),
      el('p', { class: 'muted', text: `累计新增类按年累加，存量类取最近一年的年末数，年度类看当年。应达进度 = 已过年数 ÷ 计划年数；${JZ.state.facts.judgement.rule}。` }),
      table, charts, measures);
    return box;
  }

  Object.assign(JZ, { barChart, trendView, placeLabels });
})();

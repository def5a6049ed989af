//! The 年度趋势 sheet: the multi-year view of the indicators (values, rates, judgement,
//! charts) and of each unit's measure statuses.

use jz_core::{IndicatorKind, Merge, Plan};
use rust_xlsxwriter::{Chart, ChartType, Worksheet, XlsxError};

use super::names;
use super::style::Styles;
use crate::sheet_format::{chart_fonts, clip, header, num, print_setup, put_text, row_height, text_lines};

/// Indicator groups of the trend charts: one line chart per kind.
pub(super) const TREND_GROUPS: [(IndicatorKind, &str); 3] = [
    (IndicatorKind::Flow, "累计新增类指标：累计完成率"),
    (IndicatorKind::Stock, "存量类指标：年末水平 ÷ 目标值"),
    (IndicatorKind::Annual, "年度类指标：当年数值 ÷ 目标值"),
];

/// 年度趋势: per indicator the city value of each year, the value so far, the rate and the
/// judgement with its reason; the rate at the end of each year with a line chart per
/// indicator kind; per measure the status of each responsible unit in each year.
pub(super) fn write_trend(ws: &mut Worksheet, plan: &Plan, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    let s = &merge.summary;
    let all_years: Vec<u16> = (plan.first_year..=plan.last_year).collect();
    let ny = all_years.len() as u16;
    let last_col = 8 + ny;
    let title =
        format!("{}–{}年度趋势（截至 {} 年末，对照 {} 年目标）", plan.first_year, s.year, s.year, plan.last_year);
    ws.merge_range(0, 0, 0, last_col, &title, &st.title)?;
    ws.set_row_height(0, 30)?;
    let n = f64::from(plan.last_year.saturating_sub(plan.first_year) + 1);
    let explain = format!(
        "说明：累计新增类指标按 {first}–{y} 年逐年合计，存量类取最近一年的年末数，年度类取 {y} 年当年数。应达值：累计新增类和存量类为“目标 × 已过年数 ÷ {n}”（从 {base} 年末的 0 直线增长到 {last} 年末的目标），年度类为目标本身。{rule}；已达到目标的为“正常”。有数据的年度：{years}。",
        rule = jz_core::progress::judgement_rule(),
        first = plan.first_year,
        y = s.year,
        base = plan.first_year.saturating_sub(1),
        last = plan.last_year,
        years = if s.years.is_empty() {
            "无".to_string()
        } else {
            s.years.iter().map(u16::to_string).collect::<Vec<_>>().join("、")
        }
    );
    ws.merge_range(1, 0, 1, last_col, &explain, &st.subtitle)?;
    ws.set_row_height(1, row_height(text_lines(&explain, 150.0)))?;

    let h = 2u32;
    let year_labels: Vec<String> = all_years.iter().map(|y| format!("{y}年")).collect();
    let mut labels: Vec<&str> = vec!["指标编号", "指标名称", "计量单位", "类型", "目标值"];
    labels.extend(year_labels.iter().map(String::as_str));
    labels.extend(["累计/最新值", "完成率", "应达值", "进度判断", "原因"]);
    // Four years print one A4 landscape page wide (contract §13); more years go over
    // pages across at 100 % (sheet_format::layout).
    let mut widths = vec![6.0, 16.0, 8.0, 8.0, 9.0];
    widths.extend(std::iter::repeat_n(9.0, usize::from(ny)));
    widths.extend([10.0, 8.0, 8.0, 9.0, 30.0]);
    header(ws, h, &labels, &widths, &st.header)?;
    let mut row = h + 1;
    for p in &s.progress {
        let ind = plan.indicator(&p.id);
        put_text(ws, row, 0, &p.id, &st.center)?;
        let name = ind.map_or_else(String::new, |i| i.marked_name());
        let name = name.as_str();
        put_text(ws, row, 1, name, &st.text)?;
        put_text(ws, row, 2, ind.map_or("", |i| i.unit.as_str()), &st.center)?;
        put_text(ws, row, 3, p.kind.label(), &st.center)?;
        ws.write_number_with_format(row, 4, p.target, &st.number)?;
        for (k, y) in all_years.iter().enumerate() {
            num(ws, row, 5 + k as u16, p.years.get(&y.to_string()).copied().flatten(), &st.number)?;
        }
        let c = 5 + ny;
        num(ws, row, c, p.cumulative, &st.number)?;
        num(ws, row, c + 1, p.rate, &st.percent)?;
        ws.write_number_with_format(row, c + 2, p.expected, &st.number)?;
        put_text(ws, row, c + 3, p.judgement.label(), &st.center)?;
        put_text(ws, row, c + 4, &p.reason, &st.text)?;
        ws.set_row_height(
            row,
            row_height(text_lines(&p.reason, widths[widths.len() - 1]).max(text_lines(name, widths[1]))),
        )?;
        row += 1;
    }

    // Rates at the end of each year, the charts' data.
    row += 1;
    ws.merge_range(row, 0, row, 4 + ny, "各年末完成率（图表数据：累计/最新值 ÷ 目标值）", &st.header)?;
    row += 1;
    let rate_header = row;
    put_text(ws, row, 0, "指标编号", &st.header)?;
    put_text(ws, row, 1, "指标名称", &st.header)?;
    for (k, label) in year_labels.iter().enumerate() {
        put_text(ws, row, 5 + k as u16, label, &st.header)?;
    }
    row += 1;
    let line_row = row;
    put_text(ws, row, 0, "进度线", &st.center)?;
    put_text(ws, row, 1, "应达进度（已过年数 ÷ 计划年数）", &st.text)?;
    for (k, _) in all_years.iter().enumerate() {
        ws.write_number_with_format(row, 5 + k as u16, (k as f64 + 1.0) / n, &st.percent)?;
    }
    row += 1;
    let mut rate_rows: Vec<(IndicatorKind, u32, String)> = Vec::new();
    for p in &s.progress {
        put_text(ws, row, 0, &p.id, &st.center)?;
        put_text(ws, row, 1, &plan.indicator(&p.id).map_or_else(String::new, |i| i.marked_name()), &st.text)?;
        for (k, y) in all_years.iter().enumerate() {
            num(ws, row, 5 + k as u16, p.rates.get(&y.to_string()).copied().flatten(), &st.percent)?;
        }
        rate_rows.push((p.kind, row, p.id.clone()));
        row += 1;
    }
    let (first_year_col, last_year_col) = (5u16, 4 + ny);
    let mut chart_row = row + 1;
    for (kind, title) in TREND_GROUPS {
        let members: Vec<&(IndicatorKind, u32, String)> = rate_rows.iter().filter(|r| r.0 == kind).collect();
        if members.is_empty() {
            continue;
        }
        let mut chart = Chart::new(ChartType::Line);
        for (_, r, id) in &members {
            chart
                .add_series()
                .set_name(id.as_str())
                .set_categories((names::TREND, rate_header, first_year_col, rate_header, last_year_col))
                .set_values((names::TREND, *r, first_year_col, *r, last_year_col));
        }
        if kind != IndicatorKind::Annual {
            chart
                .add_series()
                .set_name("进度线")
                .set_categories((names::TREND, rate_header, first_year_col, rate_header, last_year_col))
                .set_values((names::TREND, line_row, first_year_col, line_row, last_year_col));
        }
        chart.title().set_name(title);
        chart.y_axis().set_num_format("0%");
        chart.set_width(720).set_height(320);
        chart_fonts(&mut chart);
        ws.insert_chart(chart_row, 0, &chart)?;
        chart_row += 17;
    }

    // Per measure, each responsible unit's status in each year.
    row = chart_row + 1;
    ws.merge_range(row, 0, row, 4 + ny, "各举措各单位逐年完成状态", &st.header)?;
    row += 1;
    put_text(ws, row, 0, "序号", &st.header)?;
    put_text(ws, row, 1, "落实举措", &st.header)?;
    put_text(ws, row, 2, "责任单位", &st.header)?;
    for (k, label) in year_labels.iter().enumerate() {
        put_text(ws, row, 5 + k as u16, label, &st.header)?;
    }
    row += 1;
    for t in &s.trend {
        let text = plan.measure(&t.id).map_or("", |m| m.measure.text.as_str());
        for u in &t.units {
            put_text(ws, row, 0, &t.id, &st.center)?;
            put_text(ws, row, 1, &clip(text, 60), &st.text)?;
            put_text(ws, row, 2, &u.unit, &st.center)?;
            for (k, y) in all_years.iter().enumerate() {
                let status = u.years.get(&y.to_string()).map_or("", String::as_str);
                put_text(ws, row, 5 + k as u16, status, &st.center)?;
            }
            row += 1;
        }
    }
    ws.set_freeze_panes(h + 1, 2)?;
    // Three tables one under the other, the longest last: repeating the first one's header
    // would mislabel the others' pages, so the sheet's title repeats instead.
    print_setup(ws, (0, 0), row.saturating_sub(1), &widths)?;
    Ok(())
}

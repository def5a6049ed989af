//! The 指标汇总 sheet: per indicator each unit's value (with notes), the city total, the
//! rate and the chart of rates.

use jz_core::{Merge, Plan};
use rust_xlsxwriter::{Chart, ChartType, Note, Worksheet, XlsxError};

use super::names;
use super::style::Styles;
use crate::sheet_format::{chart_fonts, clip, header, num, print_setup, put_text, row_height, text_lines};

/// Note on a value from a unit that is not a reporter of the indicator.
pub(super) const NOT_REPORTER_NOTE: &str = "非指定填报单位，未计入合计";

pub(super) fn write_indicators(ws: &mut Worksheet, plan: &Plan, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    // Unit columns: every plan unit that reports an indicator or wrote a value, plan order,
    // then any other unit that wrote a value.
    let mut units: Vec<&str> = plan
        .units
        .iter()
        .map(|u| u.name.as_str())
        .filter(|&u| {
            plan.indicators.iter().any(|i| i.reporter_units.iter().any(|r| r == u))
                || merge.values.iter().flatten().any(|v| v.unit == u)
        })
        .collect();
    for v in merge.values.iter().flatten() {
        if !units.contains(&v.unit.as_str()) {
            units.push(&v.unit);
        }
    }
    let mut labels = vec!["指标编号", "指标名称", "计量单位", "统计方式", "汇总方式", "目标值"];
    let mut widths = vec![8.0, 30.0, 8.0, 10.0, 12.0, 8.0];
    labels.extend(units.iter().copied());
    widths.extend(units.iter().map(|_| 9.0));
    labels.extend(["全市合计", "完成率", "已报/应报", "说明"]);
    widths.extend([10.0, 9.0, 10.0, 40.0]);
    header(ws, 0, &labels, &widths, &st.header)?;
    let first_unit_col = 6u16;
    let total_col = first_unit_col + units.len() as u16;

    for (i, total) in merge.summary.indicators.iter().enumerate() {
        let row = 1 + i as u32;
        let ind = plan.indicator(&total.id);
        put_text(ws, row, 0, &total.id, &st.center)?;
        let name = ind.map_or_else(String::new, |p| p.marked_name());
        let name = name.as_str();
        put_text(ws, row, 1, name, &st.text)?;
        put_text(ws, row, 2, ind.map_or("", |p| p.unit.as_str()), &st.center)?;
        put_text(ws, row, 3, ind.map_or("", |p| p.kind.label()), &st.center)?;
        put_text(ws, row, 4, ind.map_or("", |p| p.aggregation.label()), &st.center)?;
        ws.write_number_with_format(row, 5, total.target, &st.number)?;
        let values = merge.values.get(i).map_or(&[][..], Vec::as_slice);
        for (k, unit) in units.iter().enumerate() {
            let col = first_unit_col + k as u16;
            match values.iter().find(|v| v.unit == *unit) {
                Some(v) => {
                    let fmt = if v.assigned { &st.number } else { &st.flagged };
                    num(ws, row, col, v.value, fmt)?;
                    let mut note = Vec::new();
                    if !v.assigned {
                        note.push(NOT_REPORTER_NOTE.to_string());
                    }
                    if !v.remark.trim().is_empty() {
                        note.push(format!("说明：{}", v.remark));
                    }
                    if !note.is_empty() {
                        let text = clip(&note.join("\n"), 32000);
                        let height = (text_lines(&text, 40.0).min(30) as u32 * 20 + 20).clamp(60, 600);
                        let n = Note::new(text).set_author("xlsx-tool").add_author_prefix(false).set_height(height);
                        ws.insert_note(row, col, &n)?;
                    }
                }
                None => ws.write_blank(row, col, &st.number).map(|_| ())?,
            }
        }
        num(ws, row, total_col, total.total, &st.number)?;
        num(ws, row, total_col + 1, total.rate, &st.percent)?;
        put_text(ws, row, total_col + 2, &format!("{}/{}", total.reported, total.expected), &st.center)?;
        let note = ind.and_then(|p| p.note.as_deref()).unwrap_or("");
        put_text(ws, row, total_col + 3, note, &st.text)?;
        let lines = text_lines(name, 30.0).max(text_lines(note, 40.0));
        ws.set_row_height(row, row_height(lines))?;
    }

    let n = merge.summary.indicators.len() as u32;
    if n > 0 {
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_name("完成率").set_categories((names::INDICATORS, 1, 0, n, 0)).set_values((
            names::INDICATORS,
            1,
            total_col + 1,
            n,
            total_col + 1,
        ));
        chart.title().set_name("各指标完成率（全市合计 ÷ 目标值）");
        chart.y_axis().set_num_format("0%");
        chart.legend().set_hidden();
        chart.set_width(960).set_height(360);
        chart_fonts(&mut chart);
        ws.insert_chart(n + 2, 0, &chart)?;
    }
    // The chart is 360 px high: 18 default rows of 20 px below row n + 2.
    let last_row = if n > 0 { n + 2 + 18 } else { 0 };
    ws.set_freeze_panes(1, 2)?;
    print_setup(ws, (0, 0), last_row, &widths)?;
    Ok(())
}

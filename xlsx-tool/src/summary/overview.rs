//! The 汇总总览 sheet: the title, a line of counts, per task the measures, units and
//! statuses, the totals and the plan's notes.

use std::collections::{BTreeMap, BTreeSet};

use jz_core::merge::{MeasureCounts, UnitState};
use jz_core::{Merge, Plan};
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::status_keys;
use super::style::Styles;
use crate::sheet_format::{header, print_setup, put_text, row_height, text_lines};

pub(super) fn write_overview(
    ws: &mut Worksheet,
    plan: &Plan,
    merge: &Merge,
    title: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let keys = status_keys();
    let last_col = 4 + keys.len() as u16;
    ws.merge_range(0, 0, 0, last_col, title, &st.title)?;
    ws.set_row_height(0, 30)?;

    let received: BTreeSet<&str> =
        merge.units.iter().filter(|u| u.state == UnitState::Received).map(|u| u.unit.as_str()).collect();
    let count = |state: UnitState| merge.units.iter().filter(|u| u.state == state).count();
    let line = format!(
        "计划：{}（{}，{}）。应报单位 {} 个：已报送 {} 个，未报送 {} 个，退回 {} 个。收到文件 {} 份：采用 {} 份，退回 {} 份，被替代 {} 份，往年报告 {} 份。",
        plan.title,
        merge.summary.plan_id,
        merge.summary.plan_hash,
        merge.units.len(),
        count(UnitState::Received),
        count(UnitState::Missing),
        count(UnitState::Rejected),
        merge.files.len(),
        merge.summary.accepted.len(),
        merge.summary.rejected.len(),
        merge.summary.superseded.len(),
        merge.summary.earlier.len(),
    );
    ws.merge_range(1, 0, 1, last_col, &line, &st.subtitle)?;
    ws.set_row_height(1, row_height(text_lines(&line, 120.0)))?;

    let h = 2;
    let mut labels = vec!["任务编号", "任务内容", "举措数", "应报单位数", "已报送单位数"];
    labels.extend(keys);
    let mut widths = vec![8.0, 44.0, 8.0, 10.0, 12.0];
    widths.extend([10.0; 5]);
    header(ws, h, &labels, &widths, &st.header)?;

    let counts: BTreeMap<&str, &MeasureCounts> = merge.summary.measures.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut totals = [0u64; 5];
    let mut measures_total = 0u64;
    let mut expected_all: BTreeSet<&str> = BTreeSet::new();
    let mut row = h + 1;
    for task in &plan.tasks {
        let task_text = format!("{}.{}", task.number, task.title);
        ws.write_number_with_format(row, 0, task.number, &st.center)?;
        put_text(ws, row, 1, &task_text, &st.text)?;
        ws.write_number_with_format(row, 2, task.measures.len() as f64, &st.number)?;
        ws.write_number_with_format(row, 3, task.units.len() as f64, &st.number)?;
        let got = task.units.iter().filter(|u| received.contains(u.as_str())).count();
        ws.write_number_with_format(row, 4, got as f64, &st.number)?;
        for (k, key) in keys.iter().enumerate() {
            let n: u64 = task
                .measures
                .iter()
                .filter_map(|m| counts.get(m.id.as_str()))
                .map(|c| u64::from(c.status_counts.get(*key).copied().unwrap_or(0)))
                .sum();
            totals[k] += n;
            ws.write_number_with_format(row, 5 + k as u16, n as f64, &st.number)?;
        }
        measures_total += task.measures.len() as u64;
        expected_all.extend(task.units.iter().map(String::as_str));
        ws.set_row_height(row, row_height(text_lines(&task_text, 44.0)))?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "合计", &st.total_text)?;
    ws.write_string_with_format(row, 1, "（应报、已报送单位数按单位去重）", &st.total_text)?;
    ws.write_number_with_format(row, 2, measures_total as f64, &st.total_number)?;
    ws.write_number_with_format(row, 3, expected_all.len() as f64, &st.total_number)?;
    let got = expected_all.iter().filter(|u| received.contains(*u)).count();
    ws.write_number_with_format(row, 4, got as f64, &st.total_number)?;
    for (k, n) in totals.iter().enumerate() {
        ws.write_number_with_format(row, 5 + k as u16, *n as f64, &st.total_number)?;
    }
    row += 2;
    let explain = "说明：各状态列为“举措 × 应报单位”的条数；“未报送”指应报单位没有被采用的报表（含未报送和被退回）。非本单位责任举措的填报内容列在“任务明细”中，不计入统计。";
    ws.merge_range(row, 0, row, last_col, explain, &st.note)?;
    ws.set_row_height(row, row_height(text_lines(explain, 120.0)))?;
    row += 1;
    if !plan.notes.is_empty() {
        row += 1;
        ws.merge_range(row, 0, row, last_col, "关于计划的说明（源文件中的假定和不一致之处）", &st.header)?;
        row += 1;
        for (i, note) in plan.notes.iter().enumerate() {
            let text = format!("{}. {note}", i + 1);
            ws.merge_range(row, 0, row, last_col, &text, &st.note)?;
            ws.set_row_height(row, row_height(text_lines(&text, 120.0)))?;
            row += 1;
        }
    }
    ws.set_freeze_panes(h + 1, 0)?;
    print_setup(ws, (h, h), row, &widths)?;
    Ok(())
}

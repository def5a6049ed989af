//! The 任务明细 sheet: one row per measure × unit with the unit's texts, grouped by
//! measure; a placeholder row for a measure nobody reports.

use jz_core::{Merge, Plan};
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::Styles;
use super::{DETAIL_COLUMNS, DETAIL_WIDTHS, NO_UNITS_REMARK, NOT_ASSIGNED_REMARK};
use crate::sheet_format::{header, print_setup, put_text, row_height, text_lines};

pub(super) fn write_detail(ws: &mut Worksheet, plan: &Plan, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &DETAIL_COLUMNS, &DETAIL_WIDTHS, &st.header)?;
    // Rows grouped by measure in summary order; a measure without rows gets a placeholder so
    // that reading the sheet back still finds it.
    let mut order: Vec<&str> = merge.summary.measures.iter().map(|m| m.id.as_str()).collect();
    for r in &merge.rows {
        if !order.contains(&r.measure.as_str()) {
            order.push(&r.measure);
        }
    }
    let mut row = 1u32;
    for id in order {
        let (task_text, measure_text, due) = match plan.measure(id) {
            Some(m) => (format!("{}.{}", m.task.number, m.task.title), m.measure.text.clone(), m.measure.due.clone()),
            None => (String::new(), String::new(), String::new()),
        };
        let rows: Vec<_> = merge.rows.iter().filter(|r| r.measure == id).collect();
        if rows.is_empty() {
            put_text(ws, row, 0, id, &st.center)?;
            put_text(ws, row, 1, &task_text, &st.text)?;
            put_text(ws, row, 2, &measure_text, &st.text)?;
            for col in 3..10 {
                ws.write_blank(row, col, &st.text)?;
            }
            put_text(ws, row, 10, NO_UNITS_REMARK, &st.text)?;
            row += 1;
            continue;
        }
        for r in rows {
            let mut remarks = vec![jz_core::summary_layout::role_remark(&r.role)];
            if r.overdue {
                remarks.push(jz_core::summary_layout::overdue_remark(&due));
            }
            remarks.retain(|s| !s.is_empty());
            let role = remarks.join("；");
            let remark = if r.assigned { role.as_str() } else { NOT_ASSIGNED_REMARK };
            let texts = [
                r.measure.as_str(),
                &task_text,
                &measure_text,
                &r.unit,
                &r.status,
                &r.progress,
                &r.problems,
                &r.next_plan,
                &r.evidence,
                &r.source,
                remark,
            ];
            let mut lines = 1;
            for (col, text) in texts.iter().enumerate() {
                let fmt = if col == 0 || col == 4 { &st.center } else { &st.text };
                put_text(ws, row, col as u16, text, fmt)?;
                lines = lines.max(text_lines(text, DETAIL_WIDTHS[col]));
            }
            ws.set_row_height(row, row_height(lines))?;
            row += 1;
        }
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), DETAIL_COLUMNS.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, (0, 0), row.saturating_sub(1), &DETAIL_WIDTHS)?;
    Ok(())
}

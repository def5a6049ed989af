//! The `任务填报` sheet: title, contact block, one row per measure, dropdowns and the
//! notes of the diagnostics anchored there.

use jz_core::{HEADER_LABELS, MAX_PROGRESS_CHARS, Plan, Report, Status, TASK_COLUMNS};
use rust_xlsxwriter::{DataValidation, DataValidationRule, ExcelDateTime, Format, Worksheet, XlsxError};

use super::rows::{Marks, MeasureRow, make_note, marked, worst};
use super::style::{Styles, protection};
use super::{CONTACT_ROW, TASK_HEADER_ROW, TASK_WIDTHS};
use crate::sheet_format::{print_setup, put_text, row_height, text_lines};

#[allow(clippy::too_many_arguments)]
pub(super) fn write_tasks(
    ws: &mut Worksheet,
    unit: &str,
    (plan, year): (&Plan, u16),
    report: Option<&Report>,
    rows: &[MeasureRow],
    marks: &Marks,
    st: &Styles,
) -> Result<(), XlsxError> {
    for (col, width) in TASK_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }

    // Title, marked with the diagnostics that have no cell of their own.
    let title_fmt = marked(&st.title, worst(&marks.title));
    ws.merge_range(0, 0, 0, 9, &super::title(plan, year), &title_fmt)?;
    ws.set_row_height(0, 32)?;
    if !marks.title.is_empty() {
        ws.insert_note(0, 0, &make_note(&marks.title))?;
    }

    // Contact block.
    let r = CONTACT_ROW;
    let m = |col: u16, base: &Format| marked(base, marks.severity((0, r, col)));
    for (i, label) in HEADER_LABELS.iter().enumerate() {
        ws.write_string_with_format(r, (i * 2) as u16, *label, &st.label)?;
    }
    put_text(ws, r, 1, unit, &m(1, &st.fixed))?;
    ws.write_number_with_format(r, 3, year, &m(3, &st.fixed_number))?;
    let contact = report.map_or("", |r| r.contact.as_str());
    put_text(ws, r, 5, contact, &m(5, &st.input_line))?;
    put_text(ws, r, 7, report.map_or("", |r| r.phone.as_str()), &m(7, &st.input_text))?;
    let date_fmt = m(9, &st.input_date);
    match report.map(|r| (r.date, r.date_text.as_str())) {
        Some((Some(d), text)) => match excel_date(d) {
            Some(dt) => {
                ws.write_datetime_with_format(r, 9, &dt, &date_fmt)?;
            }
            None => put_text(ws, r, 9, text, &date_fmt)?,
        },
        Some((None, text)) => put_text(ws, r, 9, text, &date_fmt)?,
        None => put_text(ws, r, 9, "", &date_fmt)?,
    }
    // Two lines: the labels and the unit's name wrap in the narrow columns.
    ws.set_row_height(r, row_height(2))?;
    let date_rule =
        DataValidationRule::Between(ExcelDateTime::from_ymd(2000, 1, 1)?, ExcelDateTime::from_ymd(2100, 12, 31)?);
    let dv = DataValidation::new()
        .allow_date(date_rule)
        .set_input_title("填报日期")?
        .set_input_message("请填写填报日期，例如 2026-01-20。")?
        .set_error_title("填报日期格式不对")?
        .set_error_message("请按“年-月-日”填写日期，例如 2026-01-20。")?;
    ws.add_data_validation(r, 9, r, 9, &dv)?;
    let dv = DataValidation::new().allow_any_value().set_input_title("联系电话")?.set_input_message(format!(
        "请填写联系人的电话，座机请带区号，例如 {}，或填写手机号。",
        plan.phone_example()
    ))?;
    ws.add_data_validation(r, 7, r, 7, &dv)?;

    // Header.
    let h = TASK_HEADER_ROW;
    for (col, label) in TASK_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(h, col as u16, *label, &st.header)?;
    }
    ws.set_row_height(h, 22)?;

    // Measure rows.
    for (i, row) in rows.iter().enumerate() {
        let r = h + 1 + i as u32;
        let m = |col: u16, base: &Format| marked(base, marks.severity((0, r, col)));
        let entry = row.entry;
        let (task_text, measure_text, responsible, fixed_fmt, fixed_center) = match row.plan {
            Some(p) => {
                let responsible = p.responsible_label(Some(unit));
                (
                    format!("{}.{}", p.task.number, p.task.title),
                    p.measure.text.clone(),
                    responsible,
                    &st.body,
                    &st.body_center,
                )
            }
            None => {
                let e = entry;
                (
                    e.map(|e| e.task_text.clone()).unwrap_or_default(),
                    e.map(|e| e.measure_text.clone()).unwrap_or_default(),
                    e.map(|e| e.responsible.clone()).unwrap_or_default(),
                    &st.input,
                    &st.input_center,
                )
            }
        };
        put_text(ws, r, 0, &row.id, &m(0, fixed_center))?;
        put_text(ws, r, 1, &task_text, &m(1, fixed_fmt))?;
        put_text(ws, r, 2, &measure_text, &m(2, fixed_fmt))?;
        put_text(ws, r, 3, &responsible, &m(3, fixed_fmt))?;
        let texts = [
            entry.map_or("", |e| e.status_text.as_str()),
            entry.map_or("", |e| e.progress.as_str()),
            entry.map_or("", |e| e.problems.as_str()),
            entry.map_or("", |e| e.next_plan.as_str()),
            entry.map_or("", |e| e.evidence.as_str()),
        ];
        for (k, text) in texts.iter().enumerate() {
            let col = 4 + k as u16;
            let base = if k == 0 { &st.input_center } else { &st.input };
            put_text(ws, r, col, text, &m(col, base))?;
        }
        let all =
            [task_text.as_str(), measure_text.as_str(), &responsible, texts[0], texts[1], texts[2], texts[3], texts[4]];
        let cols = [1usize, 2, 3, 4, 5, 6, 7, 8];
        let lines = all.iter().zip(cols).map(|(t, c)| text_lines(t, TASK_WIDTHS[c])).max().unwrap_or(1);
        ws.set_row_height(r, row_height(lines.max(4)))?;
    }

    if !rows.is_empty() {
        let first = h + 1;
        let last = h + rows.len() as u32;
        let list = Status::ALL.map(Status::label);
        let dv = DataValidation::new()
            .allow_list_strings(&list)?
            .set_input_title("完成状态")?
            .set_input_message("请从下拉列表选择：未启动、推进中、已完成、持续推进。")?
            .set_error_title("完成状态填写有误")?
            .set_error_message("完成状态只能是“未启动”“推进中”“已完成”“持续推进”之一，请从下拉列表中选择。")?;
        ws.add_data_validation(first, 4, last, 4, &dv)?;
        let dv = DataValidation::new()
            .allow_text_length(DataValidationRule::LessThanOrEqualTo(MAX_PROGRESS_CHARS as u32))
            .set_input_title("进展情况")?
            .set_input_message(
                "除“未启动”外必须填写：本年度做了哪些工作、取得了什么成效，尽量用数据说明，不超过2000字。",
            )?
            .set_error_title("进展情况太长")?
            .set_error_message("进展情况不能超过2000字，请精简后再填写。")?;
        ws.add_data_validation(first, 5, last, 5, &dv)?;
        let dv = DataValidation::new()
            .allow_any_value()
            .set_input_title("下一步计划")?
            .set_input_message("除“已完成”外应当填写下一步的工作安排。")?;
        ws.add_data_validation(first, 7, last, 7, &dv)?;
    }

    for (&(sheet, row, col), diags) in &marks.cells {
        if sheet == 0 {
            ws.insert_note(row, col, &make_note(diags))?;
        }
    }

    ws.set_freeze_panes(h + 1, 2)?;
    print_setup(ws, (h, h), h + rows.len() as u32, &TASK_WIDTHS)?;
    ws.protect_with_options(&protection());
    ws.set_active(true);
    Ok(())
}

pub(super) fn excel_date(d: jz_core::Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year).ok()?;
    ExcelDateTime::from_ymd(year, u8::try_from(d.month).ok()?, u8::try_from(d.day).ok()?).ok()
}

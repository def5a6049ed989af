//! The `指标填报` sheet: one row per indicator with its value cell, the number validation
//! and the notes of the diagnostics anchored there.

use jz_core::{INDICATOR_COLUMNS, IndicatorEntry};
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DataValidationRule, Format, Worksheet, XlsxError};

use super::rows::{IndicatorRow, Marks, make_note, marked};
use super::style::{Styles, protection};
use super::{INDICATOR_HEADER_ROW, INDICATOR_WIDTHS};
use crate::sheet_format::{clip, print_setup, put_text, row_height, text_lines};

/// Whether `text` is exactly the number a cell can hold (so it is written as a number).
pub(super) fn parses(text: &str) -> bool {
    text.trim().parse::<f64>().is_ok_and(f64::is_finite)
}

pub(super) fn write_indicators(
    ws: &mut Worksheet,
    rows: &[IndicatorRow],
    marks: &Marks,
    st: &Styles,
) -> Result<(), XlsxError> {
    for (col, width) in INDICATOR_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    let h = INDICATOR_HEADER_ROW;
    for (col, label) in INDICATOR_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(h, col as u16, *label, &st.header)?;
    }
    ws.set_row_height(h, 22)?;

    for (i, row) in rows.iter().enumerate() {
        let r = h + 1 + i as u32;
        let m = |col: u16, base: &Format| marked(base, marks.severity((1, r, col)));
        put_text(ws, r, 0, &row.id, &m(0, &st.body_center))?;
        let name = row.plan.map_or("", |p| p.name.as_str());
        put_text(ws, r, 1, name, &m(1, &st.body))?;
        put_text(ws, r, 2, row.plan.map_or("", |p| p.unit.as_str()), &m(2, &st.body_center))?;
        match row.plan {
            Some(p) => {
                ws.write_number_with_format(r, 3, p.target, &m(3, &st.body_number))?;
            }
            None => put_text(ws, r, 3, "", &m(3, &st.body_number))?,
        }
        let value_fmt = m(4, &st.input_number);
        match row.entry {
            Some(IndicatorEntry { value: Some(v), value_text, .. }) if v.is_finite() && parses(value_text) => {
                ws.write_number_with_format(r, 4, *v, &value_fmt)?;
            }
            Some(e) => put_text(ws, r, 4, &e.value_text, &value_fmt)?,
            None => put_text(ws, r, 4, "", &value_fmt)?,
        }
        let remark = row.entry.map_or("", |e| e.remark.as_str());
        put_text(ws, r, 5, remark, &m(5, &st.input))?;
        let lines = text_lines(name, INDICATOR_WIDTHS[1]).max(text_lines(remark, INDICATOR_WIDTHS[5]));
        ws.set_row_height(r, row_height(lines.max(2)))?;

        if let Some(p) = row.plan {
            let (dv, what) = if p.is_count() {
                (DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)), "整数")
            } else {
                (
                    DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
                    "数字（可以有小数）",
                )
            };
            let message = if p.description.trim().is_empty() {
                format!("单位：{}。只填{what}，不填表示未统计，没有请填 0。", p.unit)
            } else {
                format!("{}（单位：{}，只填{what}）", p.description.trim(), p.unit)
            };
            let dv = dv
                .set_input_title(clip(&format!("{} {}", p.id, p.name), 32))?
                .set_input_message(clip(&message, 255))?
                .set_error_title("请检查本年度完成值")?
                .set_error_message(clip(
                    &format!(
                        "本年度完成值应填{what}（单位：{}），不要填写单位或文字。金额请换算成{}。确实要保留请点“是”。",
                        p.unit, p.unit
                    ),
                    255,
                ))?
                .set_error_style(DataValidationErrorStyle::Warning);
            ws.add_data_validation(r, 4, r, 4, &dv)?;
        }
    }

    for (&(sheet, row, col), diags) in &marks.cells {
        if sheet == 1 {
            ws.insert_note(row, col, &make_note(diags))?;
        }
    }

    ws.set_freeze_panes(h + 1, 0)?;
    print_setup(ws, (h, h), h + rows.len() as u32, &INDICATOR_WIDTHS)?;
    ws.protect_with_options(&protection());
    Ok(())
}

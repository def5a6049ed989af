//! The summary sheets `督办清单` and `催报名单` (contract §10); their rows are also in
//! `_meta` (module `meta`: the 催报 notice is not on the sheet, `read` takes both lists
//! from `_meta`).

use jz_core::Merge;
use jz_core::follow_up::{REMINDER_COLUMNS, SUPERVISION_COLUMNS};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::style::Styles;
use crate::sheet_format::{header, print_setup, put_text, row_height, text_lines};

/// Sheet name of the 督办清单.
pub const SUPERVISION: &str = "督办清单";
/// Sheet name of the 催报名单.
pub const REMINDERS: &str = "催报名单";
pub use jz_read::summary::meta::{META_REMINDER, META_SUPERVISION};

/// One A4 landscape page wide (contract §13).
const SUPERVISION_WIDTHS: [f64; 6] = [12.0, 11.0, 7.0, 40.0, 48.0, 40.0];
const REMINDER_WIDTHS: [f64; 6] = [12.0, 8.0, 10.0, 16.0, 34.0, 60.0];
/// Columns written centred (status-like cells).
const SUPERVISION_CENTER: [bool; 6] = [false, true, true, false, false, false];
const REMINDER_CENTER: [bool; 6] = [false, true, false, false, false, false];

/// Adds the two sheets, in order, to `wb`.
pub(super) fn write_sheets(wb: &mut Workbook, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    let s = &merge.summary;
    let rows: Vec<[&str; 6]> = s
        .supervision
        .iter()
        .map(|r| [r.unit.as_str(), &r.category, &r.id, &r.content, &r.situation, &r.basis])
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(SUPERVISION)?;
    table(ws, &SUPERVISION_COLUMNS, &SUPERVISION_WIDTHS, &SUPERVISION_CENTER, &rows, st)?;

    let rows: Vec<[&str; 6]> = s
        .reminders
        .iter()
        .map(|r| [r.unit.as_str(), &r.status, &r.contact, &r.phone, &r.last_submitted, &r.todo])
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(REMINDERS)?;
    table(ws, &REMINDER_COLUMNS, &REMINDER_WIDTHS, &REMINDER_CENTER, &rows, st)?;
    Ok(())
}

/// A header row, one text row per item (or one `无` row), autofilter, frozen header, A4
/// landscape. Every cell a unit wrote is written as a string, never a formula.
fn table(
    ws: &mut Worksheet,
    labels: &[&str; 6],
    widths: &[f64; 6],
    center: &[bool; 6],
    rows: &[[&str; 6]],
    st: &Styles,
) -> Result<(), XlsxError> {
    header(ws, 0, labels, widths, &st.header)?;
    let last_col = labels.len() as u16 - 1;
    if rows.is_empty() {
        ws.merge_range(1, 0, 1, last_col, "无", &st.text)?;
    }
    for (i, cells) in rows.iter().enumerate() {
        let row = 1 + i as u32;
        let mut lines = 1;
        for (col, text) in cells.iter().enumerate() {
            let fmt = if center[col] { &st.center } else { &st.text };
            put_text(ws, row, col as u16, text, fmt)?;
            lines = lines.max(text_lines(text, widths[col]));
        }
        ws.set_row_height(row, row_height(lines))?;
    }
    ws.autofilter(0, 0, rows.len().max(1) as u32, last_col)?;
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, (0, 0), rows.len().max(1) as u32, widths)?;
    Ok(())
}

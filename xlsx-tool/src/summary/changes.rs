//! The 变更记录 sheet: what each resubmission changed (contract §10), one row per cell
//! (the merge JSON `changes`; `jz_read::summary` reads it back).

use jz_core::Merge;
use jz_core::changes::CHANGE_COLUMNS;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::Styles;
use crate::sheet_format::{header, print_setup, put_text, row_height, text_lines};

/// One A4 landscape page wide (contract §13).
const WIDTHS: [f64; 8] = [10.0, 20.0, 20.0, 8.0, 7.0, 12.0, 36.0, 36.0];

/// Writes 变更记录: the header, then every change in merge order; a line saying there
/// were none when no file was superseded by a differing one.
pub(super) fn write_changes(ws: &mut Worksheet, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &CHANGE_COLUMNS, &WIDTHS, &st.header)?;
    let mut row = 1u32;
    for c in &merge.summary.changes {
        let texts = [&c.unit, &c.file, &c.superseded, &c.sheet, &c.cell, &c.field, &c.old, &c.new];
        for (col, text) in texts.iter().enumerate() {
            let fmt = if col == 4 { &st.center } else { &st.text };
            put_text(ws, row, col as u16, text, fmt)?;
        }
        let lines = text_lines(&c.old, WIDTHS[6]).max(text_lines(&c.new, WIDTHS[7]));
        ws.set_row_height(row, row_height(lines))?;
        row += 1;
    }
    if merge.summary.changes.is_empty() {
        ws.write_string_with_format(2, 0, "本次汇总没有单位重新报送过内容不同的文件。", &st.note)?;
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), CHANGE_COLUMNS.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, (0, 0), row.saturating_sub(1), &WIDTHS)?;
    Ok(())
}

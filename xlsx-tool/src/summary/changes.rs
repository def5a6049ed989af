//! The 变更记录 sheet: what each resubmission changed (contract §10), one row per cell, and
//! its rows in the hidden `_meta` so `read` gives the merge JSON `changes` back.

use jz_core::Merge;
use jz_core::changes::{CHANGE_COLUMNS, Change};
use jz_core::progress::{from_json, to_json};
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::{Styles, header, print_setup};
use crate::template::{put_text, row_height, text_lines};

const WIDTHS: [f64; 8] = [12.0, 30.0, 30.0, 10.0, 8.0, 22.0, 44.0, 44.0];
/// The `_meta` key of a change row.
pub(super) const META_KEY: &str = "change";

/// Writes 变更记录: the header, then every change in merge order; a line saying there
/// were none when no file was superseded by a differing one.
pub(super) fn write_changes(ws: &mut Worksheet, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &CHANGE_COLUMNS, &WIDTHS, st)?;
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
    print_setup(ws, 0)?;
    Ok(())
}

/// Writes the change rows into `_meta` from `row` on; returns the next free row.
pub(super) fn write_meta(ws: &mut Worksheet, mut row: u32, changes: &[Change]) -> Result<u32, XlsxError> {
    for c in changes {
        ws.write_string(row, 0, META_KEY)?;
        ws.write_string(row, 1, to_json(c))?;
        row += 1;
    }
    Ok(row)
}

/// A change row of `_meta`; `None` when it does not parse.
pub(super) fn read_meta(text: &str) -> Option<Change> {
    from_json(text)
}

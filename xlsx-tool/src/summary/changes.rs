//! The 变更记录 sheet: what each resubmission changed (contract §10), one row per cell,
//! written and read back (the merge JSON `changes`). The sheet is the only copy: summaries
//! written before also kept every row as JSON in `_meta` ([`crate::meta`] still reads those).

use calamine::{Data, Range};
use jz_core::Merge;
use jz_core::changes::{CHANGE_COLUMNS, Change};
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::names;
use super::read::{column, find_header, text};
use super::style::Styles;
use crate::Error;
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

/// The rows of a 变更记录 sheet written by [`write_changes`]: every row below the header
/// up to the first blank row (the "none" line sits below a blank row, so it is not read).
///
/// # Errors
/// [`Error::NotASummary`] when the header or one of its columns is missing.
pub(super) fn read_changes(range: &Range<Data>) -> Result<Vec<Change>, Error> {
    let (h, cols) = find_header(range, CHANGE_COLUMNS[0], names::CHANGES)?;
    let mut at = [0u32; 8];
    for (slot, label) in at.iter_mut().zip(CHANGE_COLUMNS) {
        *slot = column(&cols, label, names::CHANGES)?;
    }
    let end = range.end().map_or(0, |(r, _)| r);
    let mut out = Vec::new();
    for row in h + 1..=end {
        let [unit, file, superseded, sheet, cell, field, old, new] = at.map(|c| text(range, row, c));
        if [&unit, &file, &superseded, &sheet, &cell, &field, &old, &new].iter().all(|t| t.is_empty()) {
            break;
        }
        out.push(Change { unit, file, superseded, sheet, cell, field, old, new });
    }
    Ok(out)
}

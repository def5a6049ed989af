//! The 校验问题 sheet: every diagnostic of every file.

use jz_core::Merge;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::style::Styles;
use super::{ISSUE_COLUMNS, ISSUE_WIDTHS};
use crate::sheet_format::{header, print_setup, put_text, row_height, text_lines};

pub(super) fn write_issues(ws: &mut Worksheet, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &ISSUE_COLUMNS, &ISSUE_WIDTHS, &st.header)?;
    let mut row = 1u32;
    for f in &merge.files {
        let unit = f.submission.report.unit.as_deref().unwrap_or("");
        for d in &f.submission.diagnostics {
            let texts =
                [f.submission.file_name(), unit, d.severity.label(), d.code.as_str(), &d.sheet, &d.cell, &d.message];
            for (col, text) in texts.iter().enumerate() {
                let fmt = if col == 2 || col == 5 { &st.center } else { &st.text };
                put_text(ws, row, col as u16, text, fmt)?;
            }
            ws.set_row_height(row, row_height(text_lines(&d.message, ISSUE_WIDTHS[6])))?;
            row += 1;
        }
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), ISSUE_COLUMNS.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, (0, 0), row.saturating_sub(1), &ISSUE_WIDTHS)?;
    Ok(())
}

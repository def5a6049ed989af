//! The annotated copy's list of problems (`问题清单`), a sheet after `填报说明` that holds
//! the text of every note with its cell, so the problems print at the end.
//!
//! Contract §13 asks that the annotated copy print its comments at the end of the sheet.
//! SpreadsheetML has that setting (`<pageSetup cellComments="atEnd"/>`, Excel's "Comments:
//! At end of sheet"), but rust_xlsxwriter 0.102 documents no way to write it (its page
//! setup has paper, orientation, scaling, margins, headers, print area and titles,
//! gridlines and headings, not comments), and LibreOffice 7.4 ignores the attribute when
//! it opens an .xlsx (tried by hand: no note text in its PDF). Showing the notes
//! (`Worksheet::show_all_notes`) is documented, but Excel prints shown notes only with
//! `cellComments="asDisplayed"`, and where they are printed they cover the cells. So the
//! notes are also written as ordinary cells on a sheet of their own, which every program
//! prints. The reader finds its sheets by name and header labels, so this extra sheet is
//! never read as part of the report.

use rust_xlsxwriter::utility::row_col_to_cell;
use rust_xlsxwriter::{Worksheet, XlsxError};

use super::rows::{Marks, note_text, worst};
use super::style::{Styles, protection};
use crate::sheet_format::{header, print_setup, put_text, row_height, text_lines};
use jz_core::sheets;

/// The sheet's name.
pub(crate) const PROBLEMS_SHEET: &str = "问题清单";
/// Its header row.
const COLUMNS: [&str; 3] = ["工作表", "单元格", "问题"];
/// Its widths: portrait A4 at 100 % (sheet_format::layout).
const WIDTHS: [f64; 3] = [10.0, 8.0, 72.0];
/// The line above the header.
const INTRO: &str =
    "问题清单：与各单元格上的批注相同（红色为错误，必须改正；黄色为提醒，请核实），逐条改正后重新报送。";

/// Writes the list: the title cell's notes first, then every marked cell in sheet order.
pub(super) fn write_problems(ws: &mut Worksheet, marks: &Marks, st: &Styles) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, 2, INTRO, &st.help_text)?;
    ws.set_row_height(0, row_height(text_lines(INTRO, WIDTHS.iter().sum())))?;
    header(ws, 1, &COLUMNS, &WIDTHS, &st.header)?;
    let title = (!marks.title.is_empty()).then_some(((0u8, 0u32, 0u16), &marks.title));
    let cells = marks.cells.iter().map(|(k, v)| (*k, v));
    let mut row = 2u32;
    for ((sheet, r, c), diags) in title.into_iter().chain(cells) {
        let name = if sheet == 0 { sheets::TASKS } else { sheets::INDICATORS };
        let fmt = super::rows::marked(&st.body, worst(diags));
        put_text(ws, row, 0, name, &fmt)?;
        put_text(ws, row, 1, &row_col_to_cell(r, c), &fmt)?;
        let text = note_text(diags);
        put_text(ws, row, 2, &text, &fmt)?;
        ws.set_row_height(row, row_height(text_lines(&text, WIDTHS[2])))?;
        row += 1;
    }
    ws.set_freeze_panes(2, 0)?;
    print_setup(ws, (1, 1), row - 1, &WIDTHS)?;
    ws.protect_with_options(&protection());
    Ok(())
}

//! Writing helpers shared by every workbook the project writes (the unit template, the
//! city summary, the plan workbook): the header format and row, text cells that are never
//! formulas, row heights for wrapped text, fixed document properties, the print setup.
//!
//! One place, so the workbooks look alike and a change of look is made once.

use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// Shading of header rows.
pub(crate) const HEADER_FILL: u32 = 0xDDEBF7;

/// The header-row format every workbook of the project uses (template, summary, plan
/// workbook): bold, thin border, wrapped, shaded, centred.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

/// The body cell of a table: thin border, wrapped, aligned top.
pub(crate) fn cell_format() -> Format {
    Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top)
}

/// A header row at `row`: each label in `fmt`, the column widths, 22 pt high.
pub(crate) fn header(
    ws: &mut Worksheet,
    row: u32,
    labels: &[&str],
    widths: &[f64],
    fmt: &Format,
) -> Result<(), XlsxError> {
    for (col, (label, width)) in labels.iter().zip(widths).enumerate() {
        ws.write_string_with_format(row, col as u16, *label, fmt)?;
        ws.set_column_width(col as u16, *width)?;
    }
    ws.set_row_height(row, 22)?;
    Ok(())
}

/// A number, or a formatted blank when there is none.
pub(crate) fn num(ws: &mut Worksheet, row: u32, col: u16, value: Option<f64>, fmt: &Format) -> Result<(), XlsxError> {
    match value {
        Some(v) => ws.write_number_with_format(row, col, v, fmt)?,
        None => ws.write_blank(row, col, fmt)?,
    };
    Ok(())
}

/// A4 landscape, one page wide, the header row repeated.
pub(crate) fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// How many lines `text` takes in a wrapped cell of `width` (Excel character units):
/// CJK characters count double.
pub(crate) fn text_lines(text: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(2.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line.chars().map(|c| if c.is_ascii() { 1.1 } else { 2.0 }).sum();
            ((units / per_line).ceil() as usize).max(1)
        })
        .sum()
}

/// Row height in points for `lines` lines of text.
pub(crate) fn row_height(lines: usize) -> f64 {
    (lines as f64 * 14.5 + 5.0).min(409.0)
}

/// The document properties with a fixed creation date (never the clock).
pub(crate) fn properties(title: &str, year: u16, month: u8, day: u8) -> Result<DocProperties, XlsxError> {
    let date = ExcelDateTime::from_ymd(year, month, day)?;
    Ok(DocProperties::new().set_title(title).set_author("xlsx-tool").set_creation_datetime(&date))
}

/// Writes `text` as a string (never a formula), or a formatted blank when empty.
pub(crate) fn put_text(ws: &mut Worksheet, row: u32, col: u16, text: &str, fmt: &Format) -> Result<(), XlsxError> {
    if text.is_empty() {
        ws.write_blank(row, col, fmt)?;
    } else {
        ws.write_string_with_format(row, col, text, fmt)?;
    }
    Ok(())
}

/// Cuts `text` to at most `max` UTF-16 units (Excel's limit for validation messages).
pub(crate) fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in text.chars() {
        len += c.len_utf16();
        if len > max.saturating_sub(1) {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

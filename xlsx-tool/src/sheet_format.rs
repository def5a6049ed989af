//! Writing helpers shared by every workbook the project writes (the unit template, the
//! city summary, the plan workbook): the header format and row, text cells that are never
//! formulas, row heights for wrapped text, fixed document properties, the print setup.
//!
//! One place, so the workbooks look alike and a change of look is made once.

use rust_xlsxwriter::{
    Chart, ChartFont, Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError,
};

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

/// Left and right page margins in inches (narrow, so the tables keep their width).
const MARGIN_SIDE: f64 = 0.4;
/// Top and bottom margins and the header and footer distances, in inches.
const MARGIN_TOP: f64 = 0.75;
const MARGIN_BOTTOM: f64 = 0.75;
const MARGIN_HEADER: f64 = 0.3;
const MARGIN_FOOTER: f64 = 0.3;
/// A4 in points (portrait width, height).
const A4_POINTS: (f64, f64) = (595.28, 841.89);
/// The body font size of every workbook (rust_xlsxwriter's default, Calibri 11).
pub(crate) const BODY_POINTS: f64 = 11.0;
/// The smallest printed text size allowed (contract §13): fitting to the page width may
/// shrink the body font down to this size and no further.
pub(crate) const MIN_PRINTED_POINTS: f64 = 9.0;
/// The page-number footer of every sheet (`&P` page, `&N` pages: rust_xlsxwriter's
/// header/footer codes, the same in Excel, WPS and LibreOffice).
pub(crate) const PAGE_NUMBER: &str = "&C第 &P 页 共 &N 页";

/// How much wider LibreOffice draws the same columns than Excel, measured: with Carlito
/// (the metric-compatible Calibri, Debian's fonts-crosextra-carlito) the 任务填报 and
/// 任务明细 tables print 1.09 times Excel's width, so fitted to a page they come out
/// smaller there. (Without Carlito LibreOffice falls back to DejaVu Sans and draws them
/// 1.35 times as wide.) 1.10 keeps a margin.
const LIBREOFFICE_WIDER: f64 = 1.10;

/// The printed width in points of columns of these widths (Excel character units) at
/// 100 %: Excel and rust_xlsxwriter store `w` and draw `7w + 5` pixels of 0.75 pt with the
/// default Calibri 11; LibreOffice draws [`LIBREOFFICE_WIDER`] times that, and this is
/// the wider of the two.
pub(crate) fn columns_points(widths: &[f64]) -> f64 {
    widths.iter().map(|w| ((w * 7.0).round() + 5.0) * 0.75).sum::<f64>() * LIBREOFFICE_WIDER
}

/// Axis and legend text of a chart at the body size, so a fitted page keeps it at 9 pt or
/// more (charts default to 10 pt).
pub(crate) fn chart_fonts(chart: &mut Chart) {
    let mut font = ChartFont::new();
    font.set_size(BODY_POINTS);
    chart.x_axis().set_font(&font);
    chart.y_axis().set_font(&font);
    chart.legend().set_font(&font);
}

/// The printable width of A4 in points, landscape or portrait, inside the side margins.
pub(crate) fn printable_points(landscape: bool) -> f64 {
    let paper = if landscape { A4_POINTS.1 } else { A4_POINTS.0 };
    paper - 2.0 * MARGIN_SIDE * 72.0
}

/// How the columns of `widths` go on A4 (contract §13): portrait when they fit its width at
/// 100 %, else landscape; one page wide while that keeps the printed text at
/// [`MIN_PRINTED_POINTS`] or more, else at 100 % over several pages across.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Portrait, the whole width at 100 %.
    Portrait,
    /// Landscape, shrunk (if at all) to one page wide.
    LandscapeFit,
    /// Landscape at 100 %, pages across; the leading columns repeat on each.
    LandscapeAcross,
}

/// The layout of columns of these widths.
pub(crate) fn layout(widths: &[f64]) -> Layout {
    let natural = columns_points(widths);
    if natural <= printable_points(false) {
        Layout::Portrait
    } else if natural * MIN_PRINTED_POINTS / BODY_POINTS <= printable_points(true) {
        Layout::LandscapeFit
    } else {
        Layout::LandscapeAcross
    }
}

/// The print setup of a table sheet: A4, the orientation and scaling of [`layout`], the
/// print area (rows `0..=last_row`, the columns of `widths`), the rows `title_rows`
/// repeated on every page (`_xlnm.Print_Titles`), centred across the page
/// (`printOptions`), the sheet name in the page header and `第 N 页 共 M 页` in the
/// footer. Headers and footers are asked not to shrink with the table (`scaleWithDoc="0"`:
/// Excel and WPS keep them at full size when the table is fitted to the width).
///
/// `fitToWidth="1" fitToHeight="0"` is what rust_xlsxwriter documents for "one page wide,
/// as long as necessary"; LibreOffice honours it (measured by scripts/print-test.sh).
/// `&P`/`&N` are rust_xlsxwriter's documented page and pages codes. LibreOffice's PDF
/// export numbers the pages of all printed sheets in one run, so there `共 M 页` counts
/// the whole workbook; in Excel and WPS the count depends on what is printed together
/// (one sheet or the whole workbook) — not verified here, no Excel on this machine.
/// LibreOffice also ignores `scaleWithDoc="0"` (Excel's "Scale with document" off): its
/// headers and footers shrink with the fitted table, and at the body size they stay at
/// 9 pt or more as the table does.
pub(crate) fn print_setup(
    ws: &mut Worksheet,
    title_rows: (u32, u32),
    last_row: u32,
    widths: &[f64],
) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_margins(MARGIN_SIDE, MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_HEADER, MARGIN_FOOTER);
    let last_col = widths.len().saturating_sub(1) as u16;
    match layout(widths) {
        Layout::Portrait => {
            ws.set_portrait();
            ws.set_print_fit_to_pages(1, 0);
        }
        Layout::LandscapeFit => {
            ws.set_landscape();
            ws.set_print_fit_to_pages(1, 0);
        }
        Layout::LandscapeAcross => {
            ws.set_landscape();
            ws.set_repeat_columns(0, last_col.min(1))?;
        }
    }
    ws.set_print_center_horizontally(true);
    ws.set_print_area(0, 0, last_row.max(title_rows.1), last_col)?;
    ws.set_repeat_rows(title_rows.0, title_rows.1)?;
    ws.set_header("&R&A");
    ws.set_footer(PAGE_NUMBER);
    ws.set_header_footer_scale_with_doc(false);
    Ok(())
}

/// `text` for a header or footer: `&` doubled (a literal ampersand), at most `max` characters.
pub(crate) fn header_text(text: &str, max: usize) -> String {
    let short: String = text.chars().take(max).collect();
    short.replace('&', "&&")
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

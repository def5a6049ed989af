//! Cells of a summary's sheets, read as bounded [`Grid`]s like every sheet: text, numbers,
//! the header row and the body rows below it, each failing as [`Error::NotASummary`] in
//! plain Chinese.

use std::collections::BTreeMap;

use jz_core::CellValue;
use jz_core::cell::format_number;

use crate::Error;
use crate::grid::Grid;

/// The cell as text (numbers the way people write them; a date cell is read by
/// `rebuild::date_cell`, as text it is blank).
pub(super) fn text(grid: &Grid, row: u32, col: u32) -> String {
    match grid.get(row, col) {
        CellValue::Text(s) => s.clone(),
        CellValue::Number(n) => format_number(*n),
        CellValue::Bool(b) => b.to_string(),
        CellValue::Empty | CellValue::Date(_) | CellValue::Error(_) => String::new(),
    }
}

/// The cell as a number; `None` when blank.
pub(super) fn number(grid: &Grid, row: u32, col: u32, what: &str) -> Result<Option<f64>, Error> {
    match grid.get(row, col) {
        CellValue::Empty => Ok(None),
        CellValue::Number(n) => Ok(Some(*n)),
        CellValue::Text(s) if s.trim().is_empty() => Ok(None),
        other => Err(Error::NotASummary(format!("第 {} 行的{what}“{}”不是数字。", row + 1, other.as_text()))),
    }
}

/// The rows a sheet covers, from its first row to its last.
pub(super) fn rows(grid: &Grid) -> std::ops::RangeInclusive<u32> {
    let first = grid.cells().next().map_or(0, |((r, _), _)| r);
    match grid.max_row() {
        Some(last) => first..=last,
        #[allow(clippy::reversed_empty_ranges)]
        None => 1..=0,
    }
}

/// The header row (the first row whose first cell is `first`) and its columns by label.
pub(super) fn find_header(grid: &Grid, first: &str, sheet: &str) -> Result<(u32, BTreeMap<String, u32>), Error> {
    for row in rows(grid) {
        if text(grid, row, 0).trim() == first {
            let cols = grid.row(row).map(|(c, _)| (text(grid, row, c).trim().to_string(), c)).collect();
            return Ok((row, cols));
        }
    }
    Err(Error::NotASummary(format!("工作表“{sheet}”中找不到表头“{first}”。")))
}

/// The column labelled `label` in a header found by [`find_header`].
pub(super) fn column(cols: &BTreeMap<String, u32>, label: &str, sheet: &str) -> Result<u32, Error> {
    cols.get(label).copied().ok_or_else(|| Error::NotASummary(format!("工作表“{sheet}”中缺少“{label}”列。")))
}

/// Data rows below `header`, up to the first row whose first cell is blank.
pub(super) fn body_rows(grid: &Grid, header: u32) -> impl Iterator<Item = u32> + '_ {
    let end = grid.max_row().unwrap_or(0);
    (header + 1..=end).take_while(move |&r| !text(grid, r, 0).trim().is_empty())
}

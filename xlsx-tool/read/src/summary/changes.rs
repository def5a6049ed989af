//! The 变更记录 sheet read back (the merge JSON `changes`). The sheet is the only copy:
//! summaries written before it existed kept every row as JSON in `_meta`
//! ([`crate::meta`] still reads those).

use crate::grid::Grid;
use jz_core::changes::{CHANGE_COLUMNS, Change};
use jz_core::summary_layout::names;

use super::cells::{column, find_header, text};
use crate::Error;

/// The rows of a 变更记录 sheet as the summary writes it: every row below the header
/// up to the first blank row (the "none" line sits below a blank row, so it is not read).
///
/// # Errors
/// [`Error::NotASummary`] when the header or one of its columns is missing.
pub(super) fn read_changes(range: &Grid) -> Result<Vec<Change>, Error> {
    let (h, cols) = find_header(range, CHANGE_COLUMNS[0], names::CHANGES)?;
    let mut at = [0u32; 8];
    for (slot, label) in at.iter_mut().zip(CHANGE_COLUMNS) {
        *slot = column(&cols, label, names::CHANGES)?;
    }
    let end = range.max_row().unwrap_or(0);
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

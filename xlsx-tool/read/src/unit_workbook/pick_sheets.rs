//! Choosing the sheets a unit workbook needs while reading as little of the others as
//! possible: a sheet is read whole only when the layout needs it — the sheets with the
//! expected names first; any other sheet only as far as its header rows
//! ([`HEADER_SEARCH_ROWS`]), and whole only if its header is the one wanted.

use jz_core::Diagnostic;

use super::layout::{self, HEADER_SEARCH_ROWS};
use crate::grid::Grid;
use crate::sheets::Sheets;

/// A sheet found for one role, with its header row.
pub(crate) struct Found {
    pub grid: Grid,
    pub header: u32,
}

/// The sheet for one role: the sheet named `wanted` if its header is there, else the
/// first other worksheet whose header row has the key labels. Sheets in `skip` are
/// taken already (`_meta`, the other role's sheet).
pub(crate) fn find(
    sheets: &mut Sheets<'_>,
    wanted: &str,
    labels: &[&str],
    keys: &[&str],
    skip: &[Option<&str>],
) -> Result<Option<Found>, Diagnostic> {
    let skipped = |n: &str| skip.iter().flatten().any(|s| *s == n);
    let names = sheets.names().to_vec();
    let by_name = names.iter().position(|n| n.trim() == wanted && !skipped(n));
    if let Some(i) = by_name {
        let grid = sheets.read(&names[i])?;
        if let Some(header) = layout::find_header(&grid, labels, keys, false) {
            return Ok(Some(Found { grid, header }));
        }
    }
    for (i, name) in names.iter().enumerate() {
        if Some(i) == by_name || skipped(name) {
            continue;
        }
        let head = sheets.read_head(name, HEADER_SEARCH_ROWS)?;
        if layout::find_header(&head, labels, keys, true).is_none() {
            continue;
        }
        drop(head);
        let grid = sheets.read(name)?;
        if let Some(header) = layout::find_header(&grid, labels, keys, true) {
            return Ok(Some(Found { grid, header }));
        }
    }
    Ok(None)
}

//! Choosing the sheets a unit workbook needs while reading as little of the others as
//! possible: a sheet is read whole only when the layout needs it — the sheets with the
//! expected names first; any other sheet only as far as its header rows
//! ([`HEADER_SEARCH_ROWS`]), and whole only if its header is the one wanted. For the
//! measures sheet, last, a unit's own sheet whose header names enough columns
//! ([`columns::own_header`], contract §15).

use jz_core::Diagnostic;

use super::columns::{self, Matcher};
use super::layout::{self, HEADER_SEARCH_ROWS};
use crate::grid::Grid;
use crate::sheets::Sheets;

/// A sheet found for one role, with its header row.
pub(crate) struct Found {
    pub grid: Grid,
    pub header: u32,
    /// Found as a unit's own layout (not the template's): optional columns may be absent.
    pub own: bool,
}

/// The sheet for one role: the sheet named `wanted` if its header is there, else the
/// first other worksheet whose header row has the key labels, else (with `own`) the first
/// worksheet with a unit's own header. Sheets in `skip` are taken already (`_meta`, the
/// other role's sheet).
pub(crate) fn find(
    sheets: &mut Sheets<'_>,
    wanted: &str,
    m: Matcher<'_>,
    keys: &[&str],
    skip: &[Option<&str>],
    own: bool,
) -> Result<Option<Found>, Diagnostic> {
    let skipped = |n: &str| skip.iter().flatten().any(|s| *s == n);
    let label_of = |t: &str| m.exact(t).map(|(i, _)| i);
    let header = |g: &Grid, strict| layout::find_header_by(g, m.labels, keys, strict, &label_of);
    let names = sheets.names().to_vec();
    let by_name = names.iter().position(|n| n.trim() == wanted && !skipped(n));
    if let Some(i) = by_name {
        let grid = sheets.read(&names[i])?;
        if let Some(header) = header(&grid, false) {
            return Ok(Some(Found { grid, header, own: false }));
        }
    }
    for (i, name) in names.iter().enumerate() {
        if Some(i) == by_name || skipped(name) {
            continue;
        }
        let head = sheets.read_head(name, HEADER_SEARCH_ROWS)?;
        if header(&head, true).is_none() {
            continue;
        }
        drop(head);
        let grid = sheets.read(name)?;
        if let Some(header) = header(&grid, true) {
            return Ok(Some(Found { grid, header, own: false }));
        }
    }
    if !own {
        return Ok(None);
    }
    for name in names.iter().filter(|n| !skipped(n)) {
        let head = sheets.read_head(name, HEADER_SEARCH_ROWS)?;
        if columns::own_header(&head, m, HEADER_SEARCH_ROWS).is_none() {
            continue;
        }
        drop(head);
        let grid = sheets.read(name)?;
        if let Some(header) = columns::own_header(&grid, m, HEADER_SEARCH_ROWS) {
            return Ok(Some(Found { grid, header, own: true }));
        }
    }
    Ok(None)
}

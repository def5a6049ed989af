//! Choosing the sheets a report needs while reading as little of the others as possible.
//!
//! Only worksheets are looked at (chart, dialog and macro sheets have no cells). A sheet
//! is read whole only when the layout needs it: `_meta` and the sheets with the expected
//! names first; any other sheet only as far as its header rows
//! ([`HEADER_SEARCH_ROWS`]), and whole only if its header is the one wanted. Every cell
//! read, in all sheets together, counts against [`Limits::max_total_cells`].

use jz_core::Diagnostic;

use super::grid::{Book, Grid};
use super::layout::{self, HEADER_SEARCH_ROWS};
use crate::limits::{Limits, workbook_too_large};

/// A sheet found for one role, with its header row.
pub(crate) struct Found {
    pub grid: Grid,
    pub header: u32,
}

/// An open workbook and what was read from it so far.
pub(crate) struct Sheets<'a> {
    book: Book<'a>,
    /// Worksheet names, in workbook order.
    names: Vec<String>,
    /// Non-empty cells read so far, all sheets together.
    cells_read: usize,
    limits: &'a Limits,
}

impl<'a> Sheets<'a> {
    pub fn new(book: Book<'a>, limits: &'a Limits) -> Self {
        let names = book.worksheet_names();
        Sheets { book, names, cells_read: 0, limits }
    }

    /// The worksheet whose name, trimmed, is `wanted` (ASCII case ignored).
    pub fn named(&self, wanted: &str) -> Option<String> {
        self.names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted)).cloned()
    }

    /// Counts a grid's cells against the workbook's total.
    fn counted(&mut self, grid: Grid) -> Result<Grid, Diagnostic> {
        self.cells_read = self.cells_read.saturating_add(grid.len());
        if self.cells_read > self.limits.max_total_cells {
            return Err(workbook_too_large(self.limits));
        }
        Ok(grid)
    }

    /// The whole of one sheet.
    pub fn read(&mut self, name: &str) -> Result<Grid, Diagnostic> {
        let grid = self.book.grid(name, self.limits)?;
        self.counted(grid)
    }

    /// The sheet for one role: the sheet named `wanted` if its header is there, else the
    /// first other worksheet whose header row has the key labels. Sheets in `skip` are
    /// taken already (`_meta`, the other role's sheet).
    pub fn find(
        &mut self,
        wanted: &str,
        labels: &[&str],
        keys: &[&str],
        skip: &[Option<&str>],
    ) -> Result<Option<Found>, Diagnostic> {
        let skipped = |n: &str| skip.iter().flatten().any(|s| *s == n);
        let names = self.names.clone();
        let by_name = names.iter().position(|n| n.trim() == wanted && !skipped(n));
        if let Some(i) = by_name {
            let grid = self.read(&names[i])?;
            if let Some(header) = layout::find_header(&grid, labels, keys, false) {
                return Ok(Some(Found { grid, header }));
            }
        }
        for (i, name) in names.iter().enumerate() {
            if Some(i) == by_name || skipped(name) {
                continue;
            }
            let head = self.book.grid_head(name, HEADER_SEARCH_ROWS, self.limits)?;
            let head = self.counted(head)?;
            if layout::find_header(&head, labels, keys, true).is_none() {
                continue;
            }
            drop(head);
            let grid = self.read(name)?;
            if let Some(header) = layout::find_header(&grid, labels, keys, true) {
                return Ok(Some(Found { grid, header }));
            }
        }
        Ok(None)
    }
}

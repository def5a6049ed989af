//! An open workbook's sheets, read within the whole workbook's limits: every cell read,
//! in all sheets together, counts against [`Limits::max_total_cells`]. Only worksheets are
//! listed (chart, dialog and macro sheets have no cells).

use jz_core::Diagnostic;

use crate::grid::{Book, Grid};
use crate::limits::{Limits, workbook_too_large};

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

    /// The worksheet named exactly `name`, whole (`None` without one).
    pub fn read_named(&mut self, name: &str) -> Result<Option<Grid>, Diagnostic> {
        if !self.names.iter().any(|n| n == name) {
            return Ok(None);
        }
        self.read(name).map(Some)
    }

    /// The whole of one sheet.
    pub fn read(&mut self, name: &str) -> Result<Grid, Diagnostic> {
        let grid = self.book.grid(name, self.limits)?;
        self.counted(grid)
    }

    /// Worksheet names, in workbook order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The first `rows` rows of one sheet (to look for a header row), counted like a
    /// whole sheet.
    pub fn read_head(&mut self, name: &str, rows: u32) -> Result<Grid, Diagnostic> {
        let grid = self.book.grid_head(name, rows, self.limits)?;
        self.counted(grid)
    }
}

//! A table of the plan workbook found for one role (its header row and columns), and the
//! `_meta` task rows: what the sheet readers (`workbook`) hand to the row readers (`rows`).

use jz_core::{CellRef, CellValue};

use super::PlanProblem;
use crate::grid::Grid;

/// A sheet found for one role, with its header row and columns (by label index).
pub(crate) struct Table<'a> {
    pub grid: &'a Grid,
    pub header: u32,
    pub cols: Vec<Option<u32>>,
}

impl Table<'_> {
    /// The data rows: rows below the header with a value in a mapped column (a cell only
    /// covered by a merged range above does not count).
    pub fn rows(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self.grid.rows(self.header.saturating_add(1)..).map(|((r, _), _)| r).collect();
        rows.dedup();
        rows.retain(|&r| (0..self.cols.len()).any(|i| !self.text(r, i).is_empty()));
        rows
    }

    /// The value of column `i` in row `r` (empty when the column is missing or the cell is
    /// covered by a merged range: "blank or merged below" reads the same).
    pub fn value(&self, r: u32, i: usize) -> &CellValue {
        static EMPTY: CellValue = CellValue::Empty;
        match self.cols.get(i).copied().flatten() {
            Some(c) if !self.grid.is_covered(r, c) => self.grid.get(r, c),
            _ => &EMPTY,
        }
    }

    /// Column `i` of row `r` as trimmed text.
    pub fn text(&self, r: u32, i: usize) -> String {
        self.value(r, i).as_text().trim().to_string()
    }

    /// The A1 reference of column `i` in row `r`.
    pub fn at(&self, r: u32, i: usize) -> String {
        let c = self.cols.get(i).copied().flatten().unwrap_or(0);
        CellRef::new(&self.grid.name, r, c).a1()
    }

    /// An error at column `i` of row `r`.
    pub fn problem(&self, r: u32, i: usize, message: impl Into<String>) -> PlanProblem {
        PlanProblem::error(&self.grid.name, &self.at(r, i), message)
    }
}

/// `_meta` task rows: (title, 责任单位 joined, 责任单位 as the annex words it, assumption).
pub(crate) type MetaTask = (String, String, String, String);

//! A sheet as a sparse grid of non-empty cells, and the calamine loaders that build it
//! within the [`Limits`].

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};
use jz_core::{CellValue, Diagnostic};

use crate::limits::{
    EXCEL_MAX_COLS, EXCEL_MAX_ROWS, Limits, not_a_workbook, text_too_large, too_large, too_many_chars,
};

/// Days between the 1904 and the 1900 date systems.
const EPOCH_1904_OFFSET: f64 = 1462.0;

/// One sheet: its non-empty cells, with merged ranges already spread over every cell
/// they cover.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    /// Sheet name as in the file.
    pub name: String,
    /// Non-empty cells by (row, col), zero-based, sorted, each position once (after
    /// [`Grid::normalize`]; readers deliver cells almost sorted, so a vector beats a map).
    cells: Vec<((u32, u32), CellValue)>,
    /// For a cell covered by a merged range (not its top-left cell): the top-left cell.
    pub origin: HashMap<(u32, u32), (u32, u32)>,
    /// Rows from this one on are not read (see [`Book::grid_head`]); `None`: all rows.
    rows_wanted: Option<u32>,
}

static EMPTY: CellValue = CellValue::Empty;

impl Grid {
    /// An empty sheet named `name`.
    pub fn new(name: &str) -> Grid {
        Grid { name: name.to_string(), ..Grid::default() }
    }

    /// The value at (row, col), `Empty` if nothing is there.
    pub fn get(&self, row: u32, col: u32) -> &CellValue {
        match self.cells.binary_search_by_key(&(row, col), |(k, _)| *k) {
            Ok(i) => &self.cells[i].1,
            Err(_) => &EMPTY,
        }
    }

    /// Non-empty cells of one row, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (u32, &CellValue)> {
        self.rows(row..=row).map(|((_, c), v)| (c, v))
    }

    /// Non-empty cells of the given rows, in order.
    pub fn rows(&self, rows: impl std::ops::RangeBounds<u32>) -> impl Iterator<Item = ((u32, u32), &CellValue)> {
        let start = self.cells.partition_point(|((r, _), _)| rows_before(&rows, *r));
        self.cells[start..].iter().take_while(move |((r, _), _)| rows.contains(r)).map(|(k, v)| (*k, v))
    }

    /// Every non-empty cell, row by row.
    pub fn cells(&self) -> impl Iterator<Item = ((u32, u32), &CellValue)> {
        self.cells.iter().map(|(k, v)| (*k, v))
    }

    /// How many non-empty cells the grid holds.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether cells of `row` and below are not wanted (a head-only read): readers,
    /// which deliver rows in order, stop there.
    pub fn past_wanted(&self, row: u32) -> bool {
        self.rows_wanted.is_some_and(|end| row >= end)
    }

    /// The last row holding a non-empty cell.
    pub fn max_row(&self) -> Option<u32> {
        self.cells.last().map(|((r, _), _)| *r)
    }

    /// Whether (row, col) is covered by a merged range without being its top-left cell.
    pub fn is_covered(&self, row: u32, col: u32) -> bool {
        self.origin.contains_key(&(row, col))
    }

    /// Records a non-empty value (a later value for the same position wins), refusing
    /// the sheet once more than `max_cells` values were recorded. Call
    /// [`Grid::normalize`] before reading.
    pub fn put(&mut self, row: u32, col: u32, value: CellValue, limits: &Limits) -> Result<(), Diagnostic> {
        if row >= EXCEL_MAX_ROWS || col >= EXCEL_MAX_COLS {
            return Err(too_large(format!("工作表“{}”的单元格位置超出了 Excel 表格的范围", self.name)));
        }
        if let CellValue::Text(s) = &value
            && too_many_chars(s, limits.max_text_chars)
        {
            let place =
                format!("工作表“{}”的单元格 {}{}", self.name, jz_core::cell::column_name(col), u64::from(row) + 1);
            return Err(text_too_large(place, limits));
        }
        if value == CellValue::Empty || self.past_wanted(row) {
            return Ok(());
        }
        self.cells.push(((row, col), value));
        if self.cells.len() > limits.max_cells {
            return Err(cells_too_many(&self.name, limits));
        }
        Ok(())
    }

    /// Sorts the recorded values by position, keeps the last one recorded for each
    /// position and drops empty ones.
    pub fn normalize(&mut self) {
        // Stable: values recorded later for the same position stay later.
        self.cells.sort_by_key(|(k, _)| *k);
        // `dedup_by` keeps the first of equal neighbours: hand it the later value first.
        self.cells.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(&mut later.1, &mut kept.1);
            }
            same
        });
        self.cells.retain(|(_, v)| *v != CellValue::Empty);
    }

    /// Spreads each merged range's top-left value over the cells it covers (clipped to
    /// the rows and columns that hold values); every spread cell counts against
    /// `max_cells`, so a huge merged range cannot blow up memory.
    fn apply_merges(&mut self, merges: &[Dimensions], limits: &Limits) -> Result<(), Diagnostic> {
        let Some(max_row) = self.max_row() else { return Ok(()) };
        let max_col = self.cells.iter().map(|((_, c), _)| *c).max().unwrap_or(0);
        let mut budget = limits.max_cells.saturating_sub(self.cells.len());
        let mut spread = Vec::new();
        for m in merges {
            let (r0, c0) = m.start;
            let (r1, c1) = (m.end.0.min(max_row), m.end.1.min(max_col));
            let value = self.get(r0, c0).clone();
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if (r, c) == (r0, c0) {
                        continue;
                    }
                    if budget == 0 {
                        return Err(cells_too_many(&self.name, limits));
                    }
                    budget -= 1;
                    self.origin.insert((r, c), (r0, c0));
                    spread.push(((r, c), value.clone()));
                }
            }
        }
        if !spread.is_empty() {
            self.cells.append(&mut spread);
            self.normalize();
        }
        Ok(())
    }
}

/// Whether row `r` lies before the range `rows` (for the start of [`Grid::rows`]).
fn rows_before(rows: &impl std::ops::RangeBounds<u32>, r: u32) -> bool {
    match rows.start_bound() {
        std::ops::Bound::Included(&s) => r < s,
        std::ops::Bound::Excluded(&s) => r <= s,
        std::ops::Bound::Unbounded => false,
    }
}

/// `too-large` for a sheet with too many cells.
fn cells_too_many(sheet: &str, limits: &Limits) -> Diagnostic {
    too_large(format!("工作表“{sheet}”的非空单元格超过了 {} 个的上限", limits.max_cells))
}

/// `too-large` for a sheet whose used area is absurd.
fn area_too_large(sheet: &str, limits: &Limits) -> Diagnostic {
    too_large(format!("工作表“{sheet}”使用的区域超过了 {} 个单元格的上限", limits.max_area()))
}

/// Converts a calamine value. `date_offset` is added to date serials (1904 workbooks).
pub(crate) fn convert(data: Data, date_offset: f64) -> CellValue {
    match data {
        Data::Int(i) => CellValue::Number(i as f64),
        Data::Float(f) => CellValue::Number(f),
        Data::String(s) => CellValue::Text(s),
        Data::Bool(b) => CellValue::Bool(b),
        Data::DateTime(dt) if dt.is_datetime() => CellValue::Date(dt.as_f64() + date_offset),
        Data::DateTime(dt) => CellValue::Number(dt.as_f64()),
        Data::DateTimeIso(s) => match jz_core::Date::parse(&s) {
            Some(d) => CellValue::Date(d.to_serial()),
            None => CellValue::Text(s),
        },
        Data::DurationIso(s) => CellValue::Text(s),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

/// A workbook opened by calamine, any format.
pub(crate) enum Book<'a> {
    Xlsx(Box<Xlsx<Cursor<&'a [u8]>>>),
    Xlsb(Box<Xlsb<Cursor<&'a [u8]>>>),
    Xls(Box<Xls<Cursor<&'a [u8]>>>),
    Ods(Box<Ods<Cursor<&'a [u8]>>>),
}

impl Book<'_> {
    /// Sheet names in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xlsb(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    /// Names of the sheets that hold cells (worksheets), in workbook order: chart, dialog
    /// and macro sheets and VBA modules are left out, so they are never read (calamine
    /// 0.38 cannot read a chart sheet of an .xlsb as cells: it is an error there).
    pub fn worksheet_names(&self) -> Vec<String> {
        let sheets = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xlsb(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
        };
        sheets.iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect()
    }

    /// Reads only the first `rows` rows of one sheet (to look for a header row) as
    /// [`Book::grid`] reads the whole sheet; the zip formats stop parsing there.
    pub fn grid_head(&mut self, name: &str, rows: u32, limits: &Limits) -> Result<Grid, Diagnostic> {
        let mut grid = Grid::new(name);
        grid.rows_wanted = Some(rows);
        self.fill(grid, limits)
    }

    /// Reads one sheet into a [`Grid`], refusing it (`too-large`) as soon as it passes
    /// the cell limit. A sheet that is not a worksheet (a chart sheet) is an empty grid;
    /// a broken sheet is `not-a-workbook`.
    pub fn grid(&mut self, name: &str, limits: &Limits) -> Result<Grid, Diagnostic> {
        self.fill(Grid::new(name), limits)
    }

    fn fill(&mut self, mut grid: Grid, limits: &Limits) -> Result<Grid, Diagnostic> {
        let name = grid.name.clone();
        let name = name.as_str();
        let merges = match self {
            Book::Xlsx(b) => {
                let offset = if b.has_1904_epoch() { EPOCH_1904_OFFSET } else { 0.0 };
                match b.worksheet_cells_reader(name) {
                    Ok(mut reader) => {
                        let dims = reader.dimensions();
                        if dims.end.0 >= EXCEL_MAX_ROWS || dims.end.1 >= EXCEL_MAX_COLS {
                            return Err(area_too_large(name, limits));
                        }
                        // Every iteration consumes input, which unpack_zip has bounded.
                        while let Some(cell) = reader.next_cell().map_err(|_| not_a_workbook())? {
                            let (r, c) = cell.get_position();
                            if grid.past_wanted(r) {
                                break;
                            }
                            let value = convert_ref(cell.get_value().clone(), offset);
                            grid.put(r, c, value, limits)?;
                        }
                    }
                    Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(grid),
                    Err(_) => return Err(not_a_workbook()),
                }
                b.merge_cells_by_sheet_name(name).unwrap_or_default()
            }
            Book::Xlsb(b) => {
                let offset = if b.has_1904_epoch() { EPOCH_1904_OFFSET } else { 0.0 };
                let mut reader = b.worksheet_cells_reader(name).map_err(|_| not_a_workbook())?;
                while let Some(cell) = reader.next_cell().map_err(|_| not_a_workbook())? {
                    let (r, c) = cell.get_position();
                    if grid.past_wanted(r) {
                        break;
                    }
                    let value = convert_ref(cell.get_value().clone(), offset);
                    grid.put(r, c, value, limits)?;
                }
                Vec::new() // calamine 0.38 does not expose merged ranges of .xlsb files.
            }
            Book::Xls(b) => {
                let offset = if b.has_1904_epoch() { EPOCH_1904_OFFSET } else { 0.0 };
                let range = b.worksheet_range(name).map_err(|_| not_a_workbook())?;
                fill_from_range(&mut grid, range, offset, limits)?;
                b.merge_cells_by_sheet_name(name).unwrap_or_default()
            }
            Book::Ods(b) => {
                let range = b.worksheet_range(name).map_err(|_| not_a_workbook())?;
                fill_from_range(&mut grid, range, 0.0, limits)?;
                // calamine 0.38 does not expose merged ranges of .ods files: covered
                // cells read as empty.
                Vec::new()
            }
        };
        grid.normalize();
        grid.apply_merges(&merges, limits)?;
        Ok(grid)
    }
}

fn convert_ref(data: DataRef<'_>, offset: f64) -> CellValue {
    convert(Data::from(data), offset)
}

fn fill_from_range(
    grid: &mut Grid,
    range: calamine::Range<Data>,
    offset: f64,
    limits: &Limits,
) -> Result<(), Diagnostic> {
    let (h, w) = range.get_size();
    if (h as u64).saturating_mul(w as u64) > limits.max_area() {
        return Err(area_too_large(&grid.name, limits));
    }
    let Some((r0, c0)) = range.start() else { return Ok(()) };
    for (i, row) in range.rows().enumerate() {
        for (j, data) in row.iter().enumerate() {
            if *data == Data::Empty {
                continue;
            }
            let (r, c) = (r0.saturating_add(i as u32), c0.saturating_add(j as u32));
            if grid.past_wanted(r) {
                return Ok(());
            }
            grid.put(r, c, convert(data.clone(), offset), limits)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }

    #[test]
    fn cells_out_of_order_and_repeated_read_like_a_map() {
        let limits = Limits::default();
        let mut g = Grid::new("S");
        for (r, c, v) in [(2, 1, "b"), (0, 3, "x"), (2, 0, "a"), (0, 3, "y"), (5, 0, "z")] {
            g.put(r, c, text(v), &limits).unwrap();
        }
        g.put(1, 1, CellValue::Empty, &limits).unwrap();
        g.normalize();
        assert_eq!(g.get(0, 3), &text("y"), "the later value wins");
        assert_eq!(g.get(1, 1), &CellValue::Empty);
        assert_eq!(g.row(2).map(|(c, v)| (c, v.as_text())).collect::<Vec<_>>(), [(0, "a".into()), (1, "b".into())]);
        assert_eq!(g.rows(1..).map(|(k, _)| k).collect::<Vec<_>>(), [(2, 0), (2, 1), (5, 0)]);
        assert_eq!(g.rows(..2).map(|(k, _)| k).collect::<Vec<_>>(), [(0, 3)]);
        assert_eq!(g.max_row(), Some(5));
    }

    #[test]
    fn merged_ranges_spread_and_blank_what_they_cover() {
        let limits = Limits::default();
        let mut g = Grid::new("S");
        g.put(0, 0, text("title"), &limits).unwrap();
        g.put(1, 1, text("hidden"), &limits).unwrap();
        g.put(3, 2, text("x"), &limits).unwrap();
        g.normalize();
        let range = |start, end| Dimensions { start, end };
        g.apply_merges(&[range((0, 0), (0, 2)), range((2, 1), (3, 1)), range((1, 0), (1, 1))], &limits).unwrap();
        assert_eq!(g.row(0).count(), 3);
        assert_eq!(g.get(0, 2), &text("title"));
        assert_eq!(g.get(1, 1), &CellValue::Empty, "covered by an empty top-left cell");
        assert!(g.is_covered(3, 1) && !g.is_covered(2, 1));
    }
}

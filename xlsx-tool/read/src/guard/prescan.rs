//! calamine 0.38: cheap scans of .xls and .ods files before calamine opens them.
//!
//! calamine builds a dense grid for every sheet of an .xls or .ods file as soon as the
//! file is opened, sized by the positions of its cells (and, for .xls, by the size the
//! file declares). A tiny hostile file could make that grid need terabytes, which aborts
//! the process rather than panicking. These scans find each sheet's extent first and
//! refuse (`too-large`) anything whose area passes [`Limits::max_area`].
//!
//! Upstream: tafia/calamine issue #693 (open: "Range::from_sparse densifies without
//! bound: a 2 KB well-formed xlsx aborts the process"); for .ods issue #594 and PR #596
//! (repeated rows and columns now capped, but at 100 million cells, gigabytes of
//! grid, far past what a unit's report needs); for .xls issues #174 and #444
//! (allocations of 137 GB and 2 TB from a declared size) and #684 (open: allocations
//! sized by counts a file declares). Delete these scans once calamine bounds its grids
//! by a limit the caller sets.
//!
//! The .xls scan also refuses (`not-a-workbook`) the records calamine 0.38 indexes past
//! their end while it opens the file, found by mutating the corpus (issue 19): short
//! globals records (`globals_record_ok`), a sheet offset past the workbook stream, a
//! Formula too short to hold its token length (the tokens themselves are emptied before:
//! `guard::xls_formulas`), a short MergeCells. Natively such a
//! panic is caught; in the browser module (panic = abort) it traps (contract §14).

use std::io::{Cursor, Read};
use std::sync::LazyLock;

use memchr::memmem::Finder;

use jz_core::Diagnostic;

use crate::limits::{Limits, not_a_workbook, too_large};

/// The .ods scan's needles, each built once: a search built per row costs more than the
/// search itself (1.6 million rows made 6 million of them).
static TABLE_TAG: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"<table:table"));
static ROW_TAG: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"table:table-row"));
static CELL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"-cell"));
static VALUE_TYPE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"office:value-type"));
static ROWS_REPEATED: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"table:number-rows-repeated"));
static COLUMNS_REPEATED: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"table:number-columns-repeated"));

fn u16_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?])))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes([*b.get(i)?, *b.get(i + 1)?, *b.get(i + 2)?, *b.get(i + 3)?]))
}

/// The extent of one sheet's cells.
#[derive(Default)]
struct Extent {
    min_row: u64,
    max_row: u64,
    min_col: u64,
    max_col: u64,
    cells: u64,
}

impl Extent {
    fn add(&mut self, row: u64, col0: u64, col1: u64) {
        if self.cells == 0 {
            (self.min_row, self.max_row, self.min_col, self.max_col) = (row, row, col0, col1);
        } else {
            self.min_row = self.min_row.min(row);
            self.max_row = self.max_row.max(row);
            self.min_col = self.min_col.min(col0);
            self.max_col = self.max_col.max(col1);
        }
        self.cells = self.cells.saturating_add(col1.saturating_sub(col0).saturating_add(1));
    }

    fn area(&self) -> u64 {
        if self.cells == 0 {
            return 0;
        }
        (self.max_row - self.min_row + 1).saturating_mul(self.max_col - self.min_col + 1)
    }

    fn check(&self, limits: &Limits) -> Result<(), Diagnostic> {
        if self.area() > limits.max_area() || self.cells > limits.max_cells as u64 {
            return Err(area_too_large(limits));
        }
        Ok(())
    }
}

fn area_too_large(limits: &Limits) -> Diagnostic {
    too_large(format!(
        "有工作表使用的区域超过了 {} 个单元格，或非空单元格超过了 {} 个的上限",
        limits.max_area(),
        limits.max_cells
    ))
}

/// Scans an .xls (BIFF in a compound file) the way calamine 0.38 parses it when it
/// opens the file: every sheet substream a `BoundSheet8` record of the workbook globals
/// points at, each building a dense grid. Each sheet's cell extent and declared
/// dimensions must stay within the per-sheet limits, and all the sheets together within
/// [`Limits::max_total_area`] and [`Limits::max_total_cells`]. A compound file without a
/// readable workbook stream is `not-a-workbook`.
pub(crate) fn check_xls(bytes: &[u8], limits: &Limits) -> Result<(), Diagnostic> {
    let stream = cfb_workbook_stream(bytes).ok_or_else(not_a_workbook)?;
    check_biff_sheets(&stream, limits)
}

/// BIFF records from `stream[from..]`: (type, data), stopping at a record that does
/// not fit (calamine stops there with an error too).
pub(super) fn biff_records(stream: &[u8], from: usize) -> impl Iterator<Item = (usize, u32, &[u8])> {
    let mut i = from;
    std::iter::from_fn(move || {
        let (typ, len) = (u16_at(stream, i)?, u16_at(stream, i + 2)? as usize);
        let start = i + 4;
        let data = stream.get(start..start.checked_add(len)?)?;
        let at = i;
        i = start + len;
        Some((at, typ, data))
    })
}

/// The sheets calamine 0.38 builds, their totals checked (see [`check_xls`]).
fn check_biff_sheets(stream: &[u8], limits: &Limits) -> Result<(), Diagnostic> {
    // BoundSheet8 records of the globals substream, up to its EOF, as calamine reads them.
    let mut positions = Vec::new();
    let mut biff8 = true;
    for (_, typ, data) in biff_records(stream, 0) {
        if typ == 0x0809 {
            biff8 = bof_is_biff8(data);
        }
        if !globals_record_ok(typ, data, biff8) {
            return Err(not_a_workbook());
        }
        match typ {
            0x0085 => positions.extend(u32_at(data, 0)),
            0x000A => break,
            _ => {}
        }
        if positions.len() > limits.max_sheets {
            return Err(crate::limits::too_many_sheets(positions.len(), limits));
        }
    }
    let (mut total_area, mut total_cells, mut scanned) = (0u64, 0u64, 0usize);
    for pos in positions {
        // calamine 0.38 slices `&stream[pos..]` unchecked (xls.rs:633).
        if pos as usize > stream.len() {
            return Err(not_a_workbook());
        }
        let (extent, len) = sheet_extent(stream, pos as usize, limits)?;
        // Sheets of a real file never overlap: together they are scanned at most once.
        scanned = scanned.saturating_add(len);
        if scanned > stream.len() {
            return Err(not_a_workbook());
        }
        total_area = total_area.saturating_add(extent.area());
        total_cells = total_cells.saturating_add(extent.cells);
        if total_area > limits.max_total_area() || total_cells > limits.max_total_cells as u64 {
            return Err(crate::limits::workbook_too_large(limits));
        }
    }
    Ok(())
}

/// Whether calamine 0.38 reads this record of the workbook globals without indexing
/// past its end (a panic, which traps the browser module): `read_u16(r.data)` of
/// FilePass, CodePage, DateMode, BOF and (BIFF8) ExternSheet, BoundSheet8's first 6
/// bytes, and `parse_lbl`: bytes 3..14, `r.data.len() - cce` and the first token of the
/// name's formula (`parse_defined_names`). No upstream issue covers these (tafia/calamine
/// #612 fixed one such index for BIFF5 names).
fn globals_record_ok(typ: u32, data: &[u8], biff8: bool) -> bool {
    match typ {
        0x002F | 0x0042 | 0x0022 | 0x0809 => data.len() >= 2,
        0x0017 => !biff8 || data.len() >= 2,
        0x0085 => data.len() >= 6,
        0x0018 => {
            let Some(cce) = u16_at(data, 4) else { return false };
            let Some(rgce) = data.len().checked_sub(cce as usize).filter(|_| data.len() >= 14).map(|at| &data[at..])
            else {
                return false;
            };
            // Bytes the first token of the formula needs.
            let need = match (rgce.first(), biff8) {
                (Some(0x3A | 0x5A | 0x7A), true) => 7,
                (Some(0x3A | 0x5A | 0x7A), false) => 18,
                (Some(0x3B | 0x5B | 0x7B), true) => 11,
                (Some(0x3B | 0x5B | 0x7B), false) => 21,
                (Some(0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D), true) => 3,
                (Some(0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D), false) => 13,
                _ => 0,
            };
            rgce.len() >= need
        }
        _ => true,
    }
}

/// Whether a BOF record makes calamine 0.38 read what follows as BIFF8 (`parse_bof`).
fn bof_is_biff8(data: &[u8]) -> bool {
    match u16_at(data, 0) {
        Some(0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500) => false,
        Some(0) => u16_at(data, 2) != Some(0x1000),
        _ => true,
    }
}

/// The records of the sheet substream at `from` as calamine 0.38 reads them, up to and
/// including its EOF, each with whether it is the sheet's own: `false` inside a nested
/// substream (BOF … EOF, such as an embedded chart), which calamine skips.
pub(super) fn sheet_records(stream: &[u8], from: usize) -> impl Iterator<Item = (usize, u32, &[u8], bool)> {
    let (mut seen_bof, mut depth, mut done) = (false, 0u32, false);
    biff_records(stream, from).map_while(move |(at, typ, data)| {
        if done {
            return None;
        }
        let own = depth == 0 && !(typ == 0x0809 && seen_bof);
        match typ {
            0x0809 if depth > 0 || seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A if depth > 0 => depth -= 1,
            0x000A => done = true,
            _ => {}
        }
        Some((at, typ, data, own))
    })
}

/// The cell extent of the sheet substream at `pos` (up to its EOF, nested substreams
/// such as embedded charts skipped as calamine skips them) and the bytes scanned; `Err`
/// when the sheet alone passes a limit.
fn sheet_extent(stream: &[u8], pos: usize, limits: &Limits) -> Result<(Extent, usize), Diagnostic> {
    let mut extent = Extent::default();
    let mut end = pos;
    for (at, typ, data, own) in sheet_records(stream, pos) {
        // Every record read counts, nested ones too (the bytes scanned bound the time).
        end = at + 4 + data.len();
        if !own {
            continue;
        }
        match typ {
            // Dimensions: calamine reserves rows × columns for it.
            0x0200 if dimensions_area(data) > limits.max_area() => return Err(area_too_large(limits)),
            // MergeCells: a count, then 8 bytes per range, read unchecked.
            0x00E5 if u16_at(data, 0).is_none_or(|n| 2 + 8 * n as usize > data.len()) => {
                return Err(not_a_workbook());
            }
            // Formula: calamine's `parse_formula` reads `cce` at bytes 20..22 unchecked
            // (`xls_formulas` has set every `cce` it can reach to 0 in this copy).
            0x0006 if data.len() >= 20 && u16_at(data, 20).is_none_or(|cce| 22 + cce as usize > data.len()) => {
                return Err(not_a_workbook());
            }
            // MulRk: row, first column, ..., last column.
            0x00BD => {
                if let (Some(r), Some(c0), Some(c1)) =
                    (u16_at(data, 0), u16_at(data, 2), data.len().checked_sub(2).and_then(|k| u16_at(data, k)))
                {
                    // calamine 0.38 computes `last - first + 1` in u16: a last column
                    // before the first overflows (a panic with overflow checks on).
                    if c1 < c0 {
                        return Err(not_a_workbook());
                    }
                    extent.add(u64::from(r), u64::from(c0), u64::from(c1));
                }
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row, column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                    extent.add(u64::from(r), u64::from(c), u64::from(c));
                }
            }
            _ => {}
        }
        extent.check(limits)?;
    }
    Ok((extent, end.saturating_sub(pos)))
}

/// The cells calamine 0.38 reserves for a Dimensions record (`parse_dimensions`, then
/// `end - start + 1` per axis, which wraps in a release build when the last row is
/// before the first: the reservation then fails, trapping the browser module).
fn dimensions_area(data: &[u8]) -> u64 {
    let (rf, rl, cf, cl) = match data.len() {
        10 => (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4), u16_at(data, 6)),
        14 | 16 => (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8), u16_at(data, 10)),
        _ => return 0,
    };
    let (Some(rf), Some(rl), Some(cf), Some(cl)) = (rf, rl, cf, cl) else { return 0 };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    let end = if rl >= 1 && cl >= 1 { (rl - 1, cl - 1) } else { (rf, cf) };
    let rows = end.0.wrapping_sub(rf).wrapping_add(1);
    let cols = end.1.wrapping_sub(cf).wrapping_add(1);
    u64::from(rows).saturating_mul(u64::from(cols))
}

/// The `Workbook` (or BIFF5 `Book`) stream of a compound file, or `None` if the
/// compound file is broken.
pub(super) fn cfb_workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let compound = crate::cfb::Compound::parse(bytes)?;
    compound.mini_chains_ok().then_some(())?;
    compound.stream(&["Workbook", "Book"], usize::MAX)
}

/// Scans an .ods file's `content.xml`: for each sheet, the rows from the first to the
/// last one holding values (repeats counted) times the widest such row must stay within
/// [`Limits::max_area`], and the values (repeats counted) within `max_cells`; all the
/// sheets together (calamine 0.38 builds each one's dense grid when it opens the file)
/// within [`Limits::max_total_area`] and [`Limits::max_total_cells`]. Call after
/// [`crate::unpack::unpack_zip`], which bounds the inflated size.
pub(crate) fn check_ods(bytes: &[u8], limits: &Limits) -> Result<(), Diagnostic> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_a_workbook())?;
    let mut xml = Vec::new();
    {
        let entry = archive.by_name("content.xml").map_err(|_| not_a_workbook())?;
        entry.take(limits.max_inflated_bytes).read_to_end(&mut xml).map_err(|_| not_a_workbook())?;
    }
    let mut rows_before = 0u64; // rows since the table start (repeats counted)
    let mut first_value_row: Option<u64> = None;
    let mut width = 0u64;
    let mut values = 0u64;
    let mut area = 0u64;
    // Areas and values of the sheets before this one.
    let (mut done_area, mut done_values) = (0u64, 0u64);
    let mut pos = 0usize;
    while let Some(off) = TABLE_TAG.find(&xml[pos..]) {
        let tag_start = pos + off;
        let tag_end = memchr::memchr(b'>', &xml[tag_start..]).map_or(xml.len(), |e| tag_start + e + 1);
        let tag = &xml[tag_start..tag_end];
        pos = tag_end;
        let name_end =
            tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/').unwrap_or(tag.len());
        match &tag[1..name_end] {
            b"table:table" => {
                done_area = done_area.saturating_add(area);
                done_values = done_values.saturating_add(values);
                area = 0;
                rows_before = 0;
                first_value_row = None;
                width = 0;
                values = 0;
            }
            b"table:table-row" => {
                let repeat = attr_number(tag, &ROWS_REPEATED).unwrap_or(1).clamp(1, 1 << 20);
                // The row's cells: up to the next row tag of any kind (its end tag, or the
                // next row when this one is self-closing or unclosed), so every byte is
                // scanned once; searching for the end tag alone would rescan the rest of
                // the file from every self-closing row.
                let row_end = ROW_TAG.find(&xml[pos..]).map_or(xml.len(), |e| {
                    let at = pos + e;
                    if xml[..at].ends_with(b"</") {
                        at - 2
                    } else if xml[..at].ends_with(b"<") {
                        at - 1
                    } else {
                        at
                    }
                });
                let (row_width, row_values) = scan_row(&xml[pos..row_end]);
                if row_values > 0 {
                    let first = *first_value_row.get_or_insert(rows_before);
                    let last = rows_before.saturating_add(repeat - 1);
                    width = width.max(row_width);
                    values = values.saturating_add(row_values.saturating_mul(repeat));
                    area = (last - first + 1).saturating_mul(width);
                    if area > limits.max_area() || values > limits.max_cells as u64 {
                        return Err(area_too_large(limits));
                    }
                    if done_area.saturating_add(area) > limits.max_total_area()
                        || done_values.saturating_add(values) > limits.max_total_cells as u64
                    {
                        return Err(crate::limits::workbook_too_large(limits));
                    }
                }
                rows_before = rows_before.saturating_add(repeat);
                pos = row_end;
            }
            _ => {}
        }
    }
    Ok(())
}

/// (width up to the last value, number of values) of one row's cells.
fn scan_row(row: &[u8]) -> (u64, u64) {
    let (mut col, mut width, mut values) = (0u64, 0u64, 0u64);
    let mut pos = 0usize;
    while let Some(off) = CELL.find(&row[pos..]) {
        let at = pos + off;
        pos = at + 5;
        // Only start tags: `<table:table-cell` / `<table:covered-table-cell`.
        let is_start = row[..at].ends_with(b"<table:table") || row[..at].ends_with(b"<table:covered-table");
        if !is_start {
            continue;
        }
        let tag_end = memchr::memchr(b'>', &row[pos..]).map_or(row.len(), |e| pos + e + 1);
        let tag = &row[at..tag_end];
        let repeat = attr_number(tag, &COLUMNS_REPEATED).unwrap_or(1).clamp(1, 16_384);
        let self_closing = tag.ends_with(b"/>");
        let has_value = VALUE_TYPE.find(tag).is_some() || !self_closing;
        col = col.saturating_add(repeat).min(16_384);
        if has_value {
            width = col;
            values = values.saturating_add(repeat);
        }
        pos = tag_end;
    }
    (width, values)
}

/// The number in `name="123"` inside a tag.
fn attr_number(tag: &[u8], name: &Finder<'static>) -> Option<u64> {
    let at = name.find(tag)? + name.needle().len();
    let rest = tag.get(at..)?;
    let rest = rest.strip_prefix(b"=\"").or_else(|| rest.strip_prefix(b"='"))?;
    let digits: Vec<u8> = rest.iter().take_while(|b| b.is_ascii_digit()).take(12).copied().collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

//! Finding the template's structure in a [`Grid`]: header row, columns, data rows,
//! the contact block and `_meta`. Everything is found by label, never by position.

use jz_core::report::Meta;
use jz_core::text::label_key;
use jz_core::{CellRef, CellValue, RawCell, RawIndicatorRow, RawMeasureRow};

use crate::grid::Grid;

/// Rows searched for the header row, from the top.
pub(crate) const HEADER_SEARCH_ROWS: u32 = 30;

/// Labels that identify the measures sheet's header row.
pub(crate) const TASK_KEYS: [&str; 3] = ["序号", "完成状态", "进展情况"];
/// Labels that identify the indicators sheet's header row.
pub(crate) const INDICATOR_KEYS: [&str; 2] = ["指标编号", "本年度完成值"];

/// Which canonical label a header text is, if any.
pub(crate) fn canonical(text: &str, labels: &[&str]) -> Option<usize> {
    if let Some(i) = labels.iter().position(|l| *l == text) {
        return Some(i);
    }
    // A label with its decorations (spaces, `*`, a parenthesised hint) is short; the long
    // texts of data rows need no normalising to know they are no label.
    if text.len() > MAX_LABEL_BYTES {
        return None;
    }
    let key = label_key(text);
    labels.iter().position(|l| *l == key)
}

/// Longest header cell, in bytes, that is still matched as a label.
const MAX_LABEL_BYTES: usize = 160;

/// The header row: among the first [`HEADER_SEARCH_ROWS`] rows, the one matching the
/// most of `labels`. With `strict` it must contain every one of `keys`; otherwise (the
/// sheet was found by its name) two matching labels are enough.
pub(crate) fn find_header(grid: &Grid, labels: &[&str], keys: &[&str], strict: bool) -> Option<u32> {
    find_header_by(grid, labels, keys, strict, &|t| canonical(t, labels))
}

/// [`find_header`] with `label_of` telling which label a header cell is (the person's
/// mapping counts as a label there).
pub(crate) fn find_header_by(
    grid: &Grid,
    labels: &[&str],
    keys: &[&str],
    strict: bool,
    label_of: &dyn Fn(&str) -> Option<usize>,
) -> Option<u32> {
    let mut best: Option<(usize, u32)> = None;
    for r in 0..HEADER_SEARCH_ROWS {
        let mut found = vec![false; labels.len()];
        for (c, v) in grid.row(r) {
            if grid.is_covered(r, c) {
                continue;
            }
            if let CellValue::Text(t) = v
                && let Some(i) = label_of(t).filter(|i| *i < found.len())
            {
                found[i] = true;
            }
        }
        let score = found.iter().filter(|f| **f).count();
        let has_keys = keys.iter().all(|k| labels.iter().position(|l| l == k).is_some_and(|i| found[i]));
        let ok = if strict { has_keys } else { has_keys || score >= 2 };
        if ok && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, r));
        }
        if score == labels.len() {
            break; // no later row can match more
        }
    }
    best.map(|(_, r)| r)
}

/// The data rows below `header`: for each row with at least one non-blank mapped cell
/// (cells only repeated from a merged range above do not count), the mapped cells.
fn data_rows(grid: &Grid, header: u32, cols: &[Option<u32>], skip: &[u32]) -> Vec<Vec<RawCell>> {
    let mut rows: Vec<u32> = grid.rows(header.saturating_add(1)..).map(|((r, _), _)| r).collect();
    rows.dedup();
    let mut out = Vec::new();
    for r in rows {
        if skip.contains(&r) {
            continue;
        }
        let has_content = cols.iter().flatten().any(|&c| !grid.is_covered(r, c) && !grid.get(r, c).is_blank());
        if !has_content {
            continue;
        }
        let cells = cols
            .iter()
            .map(|col| match col {
                Some(c) => RawCell::new(grid.get(r, *c).clone(), CellRef::new(&grid.name, r, *c)),
                None => RawCell::default(),
            })
            .collect();
        out.push(cells);
    }
    out
}

/// Measure rows of the measures sheet (columns in [`jz_core::TASK_COLUMNS`] order); rows
/// in `skip` (the contact block's, when it stands below the header) are no measure rows.
pub(crate) fn measure_rows(grid: &Grid, header: u32, cols: &[Option<u32>], skip: &[u32]) -> Vec<RawMeasureRow> {
    data_rows(grid, header, cols, skip)
        .into_iter()
        .map(|cells| {
            let mut it = cells.into_iter();
            let mut next = || it.next().unwrap_or_default();
            RawMeasureRow {
                id: next(),
                task_text: next(),
                measure_text: next(),
                responsible: next(),
                status: next(),
                progress: next(),
                problems: next(),
                next_plan: next(),
                evidence: next(),
            }
        })
        .collect()
}

/// Indicator rows (columns in [`jz_core::INDICATOR_COLUMNS`] order).
pub(crate) fn indicator_rows(grid: &Grid, header: u32, cols: &[Option<u32>]) -> Vec<RawIndicatorRow> {
    data_rows(grid, header, cols, &[])
        .into_iter()
        .map(|cells| {
            let mut it = cells.into_iter();
            let mut next = || it.next().unwrap_or_default();
            RawIndicatorRow { id: next(), name: next(), unit: next(), target: next(), value: next(), remark: next() }
        })
        .collect()
}

/// Rows searched for the contact block's labels, from the top, besides every row above the
/// header (contract §15: a unit's own sheet may put them anywhere in its first 10 rows).
pub(crate) const CONTACT_SEARCH_ROWS: u32 = 10;

/// The contact block: for each of [`jz_core::HEADER_LABELS`] the value cell (right of the
/// label, or the text after a colon in the label cell itself), looked for above the header
/// row and in the first [`CONTACT_SEARCH_ROWS`] rows. A label that is not found gives a
/// default cell. Also returns the rows below the header that hold labels (no data rows).
pub(crate) fn contact_block(grid: &Grid, header: u32) -> ([RawCell; 5], Vec<u32>) {
    let mut out: [RawCell; 5] = Default::default();
    let mut done = [false; 5];
    let mut below = Vec::new();
    for ((r, c), v) in grid.rows(..header.max(CONTACT_SEARCH_ROWS)) {
        if grid.is_covered(r, c) || r == header {
            continue;
        }
        let CellValue::Text(text) = v else { continue };
        let Some((i, after)) = match_contact_label(text) else { continue };
        if done[i] {
            continue;
        }
        done[i] = true;
        if r > header && !below.contains(&r) {
            below.push(r);
        }
        out[i] = if after.is_empty() {
            let vc = right_of(grid, r, c);
            RawCell::new(grid.get(r, vc).clone(), CellRef::new(&grid.name, r, vc))
        } else {
            RawCell::new(CellValue::Text(after), CellRef::new(&grid.name, r, c))
        };
    }
    (out, below)
}

/// `填报单位` → (0, ""); `填报单位：孟州市` → (0, "孟州市").
fn match_contact_label(text: &str) -> Option<(usize, String)> {
    let labels = jz_core::HEADER_LABELS;
    if let Some(i) = labels.iter().position(|l| *l == label_key(text)) {
        return Some((i, String::new()));
    }
    let (before, after) = text.split_once([':', '：'])?;
    let i = labels.iter().position(|l| *l == label_key(before))?;
    Some((i, after.trim().to_string()))
}

/// The column right of the cell at (row, col), past the merged range it heads.
fn right_of(grid: &Grid, row: u32, col: u32) -> u32 {
    let mut c = col.saturating_add(1);
    while grid.origin.get(&(row, c)) == Some(&(row, col)) && c < u32::MAX {
        c += 1;
    }
    c
}

/// `_meta` of any workbook read as a unit workbook: key in column A, value in column B.
pub(crate) fn read_meta(grid: &Grid) -> Meta {
    let mut meta = Meta::default();
    for ((r, c), v) in grid.cells() {
        if c != 0 {
            continue;
        }
        let value = grid.get(r, 1).as_text().trim().to_string();
        let slot = match v.as_text().trim() {
            "format" => &mut meta.format,
            "format_version" => &mut meta.format_version,
            "plan_id" => &mut meta.plan_id,
            "plan_hash" => &mut meta.plan_hash,
            "unit" => &mut meta.unit,
            "year" => &mut meta.year,
            "generated_by" => &mut meta.generated_by,
            _ => continue,
        };
        *slot = value;
    }
    meta
}

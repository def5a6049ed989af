//! Finding the template's structure in a [`Grid`]: header row, columns, data rows,
//! the contact block and `_meta`. Everything is found by label, never by position.

use jz_core::report::Meta;
use jz_core::text::label_key;
use jz_core::{CellRef, CellValue, Code, Diagnostic, RawCell, RawIndicatorRow, RawMeasureRow};

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
    let mut best: Option<(usize, u32)> = None;
    for r in 0..HEADER_SEARCH_ROWS {
        let mut found = vec![false; labels.len()];
        for (c, v) in grid.row(r) {
            if grid.is_covered(r, c) {
                continue;
            }
            if let CellValue::Text(t) = v
                && let Some(i) = canonical(t, labels)
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

/// Maps each canonical label to its column in the header row. Unknown and repeated
/// labels give `extra-column` warnings, absent labels `missing-column` errors.
pub(crate) fn map_columns(grid: &Grid, row: u32, labels: &[&str], diags: &mut Vec<Diagnostic>) -> Vec<Option<u32>> {
    let mut cols: Vec<Option<u32>> = vec![None; labels.len()];
    let mut first_col = None;
    let mut last_col = 0;
    for (c, v) in grid.row(row) {
        if grid.is_covered(row, c) || v.is_blank() {
            continue;
        }
        first_col.get_or_insert(c);
        last_col = c;
        let text = v.as_text();
        let at = CellRef::new(&grid.name, row, c);
        match canonical(&text, labels) {
            Some(i) if cols[i].is_none() => cols[i] = Some(c),
            Some(i) => diags.push(Diagnostic::new(
                Code::ExtraColumn,
                Some(&at),
                format!(
                    "表头中“{}”列出现了不止一次，只读取第一列，这一列的内容不会被读取。请删除重复的列。",
                    labels[i]
                ),
            )),
            None => diags.push(Diagnostic::new(
                Code::ExtraColumn,
                Some(&at),
                format!(
                    "表头中的“{}”不是填报表模板中的列，这一列的内容不会被读取。需要说明的内容请写入模板已有的列中。",
                    text.trim()
                ),
            )),
        }
    }
    let missing_at = match first_col {
        Some(_) => CellRef::new(&grid.name, row, last_col.saturating_add(1)),
        None => CellRef::new(&grid.name, row, 0),
    };
    for (i, label) in labels.iter().enumerate() {
        if cols[i].is_none() {
            diags.push(Diagnostic::new(
                Code::MissingColumn,
                Some(&missing_at),
                format!(
                    "表头中缺少“{label}”列。请从本工具生成的填报表模板中把这一列（连同表头）复制回来，不要删除或改动表头。"
                ),
            ));
        }
    }
    cols
}

/// The data rows below `header`: for each row with at least one non-blank mapped cell
/// (cells only repeated from a merged range above do not count), the mapped cells.
fn data_rows(grid: &Grid, header: u32, cols: &[Option<u32>]) -> Vec<Vec<RawCell>> {
    let mut rows: Vec<u32> = grid.rows(header.saturating_add(1)..).map(|((r, _), _)| r).collect();
    rows.dedup();
    let mut out = Vec::new();
    for r in rows {
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

/// Measure rows of the measures sheet (columns in [`jz_core::TASK_COLUMNS`] order).
pub(crate) fn measure_rows(grid: &Grid, header: u32, cols: &[Option<u32>]) -> Vec<RawMeasureRow> {
    data_rows(grid, header, cols)
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
    data_rows(grid, header, cols)
        .into_iter()
        .map(|cells| {
            let mut it = cells.into_iter();
            let mut next = || it.next().unwrap_or_default();
            RawIndicatorRow { id: next(), name: next(), unit: next(), target: next(), value: next(), remark: next() }
        })
        .collect()
}

/// The contact block above the header row: for each of [`jz_core::HEADER_LABELS`] the
/// value cell (right of the label, or the text after a colon in the label cell itself).
/// A label that is not found gives a default cell.
pub(crate) fn contact_block(grid: &Grid, header: u32) -> [RawCell; 5] {
    let mut out: [RawCell; 5] = Default::default();
    let mut done = [false; 5];
    for ((r, c), v) in grid.rows(..header) {
        if grid.is_covered(r, c) {
            continue;
        }
        let CellValue::Text(text) = v else { continue };
        let Some((i, after)) = match_contact_label(text) else { continue };
        if done[i] {
            continue;
        }
        done[i] = true;
        out[i] = if after.is_empty() {
            let vc = right_of(grid, r, c);
            RawCell::new(grid.get(r, vc).clone(), CellRef::new(&grid.name, r, vc))
        } else {
            RawCell::new(CellValue::Text(after), CellRef::new(&grid.name, r, c))
        };
    }
    out
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

//! Which column of a header row is which template column (contract §4, §15): by label,
//! by the person's [`Mapping`], by another name ([`SYNONYMS`]), and for 完成状态 by what
//! the column holds. What was decided, cell by cell, is kept as a [`HeaderView`] for the
//! page's 对应列 step.

use jz_core::text::label_key;
use jz_core::{CellRef, CellValue, Code, Diagnostic, Status, TASK_COLUMNS};
use serde::Serialize;

use super::layout::canonical;
use super::synonyms::{Mapping, SYNONYMS, is_template_label, synonym_of};
use crate::grid::Grid;

/// Share of a column's non-blank cells that must be 完成状态 values for the column to be
/// read as 完成状态 by its content.
pub const STATUS_CONTENT_SHARE: f64 = 0.8;

/// Header cells shown in a [`HeaderView`] (a sheet may have thousands of columns).
const VIEW_COLUMNS: usize = 60;
/// Data rows shown in [`HeaderView::preview`].
const PREVIEW_ROWS: usize = 5;
/// Characters of a cell shown in the preview.
const PREVIEW_CHARS: usize = 40;

/// How a header cell was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Its label is the template's.
    Label,
    /// The person's mapping said so.
    Mapped,
    /// Another name of the template's column.
    Synonym,
    /// Its cells are 完成状态 values.
    Content,
    /// Not read (unknown, repeated, or one of two candidates).
    Unread,
}

/// One cell of the header row and what it is read as.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeaderColumn {
    /// A1 reference of the header cell.
    pub cell: String,
    /// The header as written.
    pub header: String,
    /// The template column it is read as, or null.
    pub column: Option<String>,
    /// Why.
    pub how: How,
    /// The template column it most likely is, when not read (one of two candidates).
    pub suggested: Option<String>,
}

/// A file's header row as read: what the page's 对应列 step shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeaderView {
    /// Sheet name as in the file.
    pub sheet: String,
    /// One-based row of the header.
    pub row: u32,
    /// The template's columns (of the measures sheet), in template order.
    pub template: Vec<String>,
    /// The header cells, left to right.
    pub columns: Vec<HeaderColumn>,
    /// The first data rows, one text per header cell.
    pub preview: Vec<Vec<String>>,
}

/// How a sheet's columns are matched: the template's labels and the person's mapping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Matcher<'a> {
    pub labels: &'a [&'a str],
    pub mapping: &'a Mapping,
}

impl Matcher<'_> {
    /// The column a header names outright: its own label, else the person's mapping.
    pub fn exact(&self, text: &str) -> Option<(usize, How)> {
        if let Some(i) = self.mapping.target(text, self.labels) {
            return Some((i, How::Mapped));
        }
        canonical(text, self.labels).map(|i| (i, How::Label))
    }

    /// The column a header names outright or by another name.
    pub fn any(&self, text: &str) -> Option<usize> {
        self.exact(text).map(|(i, _)| i).or_else(|| synonym_of(text, self.labels, SYNONYMS))
    }
}

/// One non-blank cell of a header row while it is being matched.
struct Head {
    col: u32,
    text: String,
    /// The label it is read as.
    target: Option<usize>,
    how: How,
    /// The label it repeats (read already from an earlier column).
    repeats: Option<usize>,
    /// The label it is one of two or more candidates for (not taken).
    suggested: Option<usize>,
}

/// The columns of a header row: for each label its column, plus the view of every cell
/// (with the `header-view` feature).
pub(crate) struct Columns {
    pub cols: Vec<Option<u32>>,
    pub view: Option<HeaderView>,
}

/// Maps each template label to its column in the header row `row`. Unknown and repeated
/// headers give `extra-column` warnings; a missing label is looked for among the unknown
/// headers by name, then (完成状态) by content, with one `column-renamed` warning per
/// column so taken; absent labels give `missing-column` errors, except those in
/// `optional` (a unit's own layout).
pub(crate) fn map_columns(
    grid: &Grid,
    row: u32,
    m: Matcher<'_>,
    optional: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Columns {
    let labels = m.labels;
    let mut cols: Vec<Option<u32>> = vec![None; labels.len()];
    let mut cells: Vec<Head> = Vec::new();
    for (c, v) in grid.row(row) {
        if grid.is_covered(row, c) || v.is_blank() {
            continue;
        }
        let text = v.as_text().trim().to_string();
        let mut head = Head { col: c, text, target: None, how: How::Unread, repeats: None, suggested: None };
        match m.exact(&head.text) {
            Some((i, how)) if cols[i].is_none() => {
                cols[i] = Some(c);
                head.target = Some(i);
                head.how = how;
            }
            Some((i, _)) => head.repeats = Some(i),
            None => {}
        }
        cells.push(head);
    }
    let at = |c: u32| CellRef::new(&grid.name, row, c);
    // Unknown headers that are no template label: candidates for a missing label.
    let mut unknown: Vec<usize> = Vec::new();
    for (k, h) in cells.iter().enumerate() {
        if h.how == How::Unread && h.repeats.is_none() && !is_template_label(&label_key(&h.text)) {
            unknown.push(k);
        }
    }
    // Per label: the candidates when two or more competed (none taken).
    let mut ambiguous: Vec<Vec<usize>> = vec![Vec::new(); labels.len()];
    // By name: each unknown header's other name computed once, only when a label is missing.
    let mut named: Vec<Option<usize>> = vec![None; cells.len()];
    if cols.contains(&None) {
        for &k in &unknown {
            named[k] = synonym_of(&cells[k].text, labels, SYNONYMS);
        }
    }
    for i in 0..labels.len() {
        if cols[i].is_none() {
            let mut ks: Vec<usize> = Vec::new();
            for &k in &unknown {
                if named[k] == Some(i) {
                    ks.push(k);
                }
            }
            take(i, &ks, &mut cols, &mut cells, How::Synonym, &mut ambiguous);
        }
    }
    // By content: 完成状态 only.
    if let Some(i) = labels.iter().position(|l| *l == TASK_COLUMNS[4])
        && cols[i].is_none()
        && ambiguous[i].is_empty()
    {
        let mut free: Vec<u32> = Vec::new();
        for &k in &unknown {
            if cells[k].how == How::Unread {
                free.push(cells[k].col);
            }
        }
        let by_content = status_columns(grid, row, &free);
        let mut held: Vec<usize> = Vec::new();
        for &k in &unknown {
            if cells[k].how == How::Unread && by_content.contains(&cells[k].col) {
                held.push(k);
            }
        }
        take(i, &held, &mut cols, &mut cells, How::Content, &mut ambiguous);
    }
    for h in &cells {
        let (c, text) = (h.col, &h.text);
        if let Some(i) = h.target.filter(|_| h.how != How::Label) {
            let why = match h.how {
                How::Content => "（这一列填的是完成状态）",
                How::Mapped => "（按您指定的对应关系）",
                _ => "",
            };
            diags.push(Diagnostic::new(
                Code::ColumnRenamed,
                Some(&at(c)),
                format!("表头“{text}”已按模板中的“{}”列读取{why}。如不对，请把表头改为“{}”。", labels[i], labels[i]),
            ));
        } else if let Some(i) = h.repeats {
            diags.push(Diagnostic::new(
                Code::ExtraColumn,
                Some(&at(c)),
                format!(
                    "表头中“{}”列出现了不止一次，只读取第一列，这一列的内容不会被读取。请删除重复的列。",
                    labels[i]
                ),
            ));
        } else if h.target.is_none() && h.suggested.is_none() {
            diags.push(Diagnostic::new(
                Code::ExtraColumn,
                Some(&at(c)),
                format!(
                    "表头中的“{text}”不是填报表模板中的列，这一列的内容不会被读取。需要说明的内容请写入模板已有的列中。"
                ),
            ));
        }
    }
    let missing_at = match cells.last() {
        Some(h) => at(h.col.saturating_add(1)),
        None => at(0),
    };
    for (i, label) in labels.iter().enumerate() {
        if cols[i].is_some() || (optional.contains(label) && ambiguous[i].is_empty()) {
            continue;
        }
        let message = match ambiguous.get(i).filter(|ks| !ks.is_empty()) {
            Some(ks) => {
                let names: Vec<String> =
                    ks.iter().map(|&k| format!("“{}”（{}）", cells[k].text, at(cells[k].col).a1())).collect();
                format!(
                    "表头中缺少“{label}”列：{} 都可能是这一列，无法确定是哪一列，两列都没有读取。请把其中一列的表头改为“{label}”，或在网页的“对应列”中指定。",
                    names.join("和")
                )
            }
            None => format!(
                "表头中缺少“{label}”列。请从本工具生成的填报表模板中把这一列（连同表头）复制回来，不要删除或改动表头；列名不同时也可以在网页的“对应列”中指定。"
            ),
        };
        diags.push(Diagnostic::new(Code::MissingColumn, Some(&missing_at), message));
    }
    let view = view(grid, row, labels, &cells);
    Columns { cols, view }
}

/// Takes the one candidate `ks` offers for label `i`; two or more are remembered as
/// ambiguous (none taken).
fn take(i: usize, ks: &[usize], cols: &mut [Option<u32>], cells: &mut [Head], how: How, ambiguous: &mut [Vec<usize>]) {
    match ks {
        [] => {}
        [k] => {
            cols[i] = Some(cells[*k].col);
            cells[*k].target = Some(i);
            cells[*k].how = how;
        }
        _ => {
            for &k in ks {
                cells[k].suggested = Some(i);
            }
            ambiguous[i] = ks.to_vec();
        }
    }
}

/// Of the columns `candidates`, those whose non-blank cells below `row` are mostly
/// 完成状态 values ([`STATUS_CONTENT_SHARE`]).
fn status_columns(grid: &Grid, row: u32, candidates: &[u32]) -> Vec<u32> {
    if candidates.is_empty() {
        return Vec::new();
    }
    // (column, non-blank cells, status cells); `candidates` are in column order.
    let mut counts: Vec<(u32, u32, u32)> = candidates.iter().map(|&c| (c, 0, 0)).collect();
    for ((r, c), v) in grid.rows(row.saturating_add(1)..) {
        let Ok(k) = counts.binary_search_by_key(&c, |e| e.0) else { continue };
        if grid.is_covered(r, c) || v.is_blank() {
            continue;
        }
        counts[k].1 += 1;
        if let CellValue::Text(t) = v
            && Status::parse(t).is_some()
        {
            counts[k].2 += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, all, statuses)| *all > 0 && f64::from(*statuses) >= STATUS_CONTENT_SHARE * f64::from(*all))
        .map(|(c, _, _)| c)
        .collect()
}

fn view(grid: &Grid, row: u32, labels: &[&str], cells: &[Head]) -> Option<HeaderView> {
    if !cfg!(feature = "header-view") {
        return None;
    }
    let cells = &cells[..cells.len().min(VIEW_COLUMNS)];
    let mut columns = Vec::new();
    let mut at = Vec::new();
    for h in cells {
        columns.push(HeaderColumn {
            cell: CellRef::new(&grid.name, row, h.col).a1(),
            header: h.text.clone(),
            how: h.how,
            suggested: h.suggested.map(|i| labels[i].to_string()),
            column: h.target.map(|i| labels[i].to_string()),
        });
        at.push(h.col);
    }
    let mut template = Vec::new();
    for l in labels {
        template.push(l.to_string());
    }
    Some(HeaderView {
        sheet: grid.name.clone(),
        row: row.saturating_add(1),
        template,
        columns,
        preview: preview(grid, row, &at),
    })
}

/// The first [`PREVIEW_ROWS`] non-blank rows below `row`, one short text per column.
pub(crate) fn preview(grid: &Grid, row: u32, cols: &[u32]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut last = None;
    for ((r, _), _) in grid.rows(row.saturating_add(1)..) {
        if last == Some(r) {
            continue;
        }
        if out.len() == PREVIEW_ROWS {
            break;
        }
        last = Some(r);
        let mut line = Vec::new();
        for &c in cols {
            let t = grid.get(r, c).as_text();
            let mut s: String = t.chars().take(PREVIEW_CHARS).collect();
            if t.chars().count() > PREVIEW_CHARS {
                s.push('…');
            }
            line.push(s);
        }
        out.push(line);
    }
    out
}

/// A unit's own header row (contract §15): among the first rows, the first that names
/// 落实举措 and 完成状态 or 进展情况 (by label, mapping or another name).
pub(crate) fn own_header(grid: &Grid, m: Matcher<'_>, rows: u32) -> Option<u32> {
    let idx = |l: &str| m.labels.iter().position(|x| *x == l);
    let (measure, status, progress) = (idx(TASK_COLUMNS[2])?, idx(TASK_COLUMNS[4])?, idx(TASK_COLUMNS[5])?);
    (0..rows).find(|&r| {
        let (mut has_measure, mut has_status) = (false, false);
        for (c, v) in grid.row(r) {
            if let CellValue::Text(t) = v
                && t.len() <= 160
                && !grid.is_covered(r, c)
            {
                let i = m.any(t);
                has_measure |= i == Some(measure);
                has_status |= i == Some(status) || i == Some(progress);
            }
        }
        has_measure && has_status
    })
}

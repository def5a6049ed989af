//! Reading a summary back: the merge JSON ([`read_summary`]) from the visible sheets and
//! `_meta`, the multi-year data ([`read_history`]), and the cell helpers both use.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};
use jz_core::merge::{HistorySource, IndicatorTotal, MeasureCounts, MergeSummary, Outcome, UnitState};
use jz_core::sheets;

use super::{DETAIL_COLUMNS, UNIT_COLUMNS, names, status_keys};
use crate::Error;

/// Reads a summary written by [`super::write_summary`] back into the [`MergeSummary`] the merge
/// produced (the same JSON as `merge --json`).
///
/// # Errors
/// [`Error::NotASummary`] when the bytes are not a workbook, have no `_meta` sheet with
/// `format` = `jz-ip-summary`, or a sheet or column the summary needs is missing or unreadable.
pub fn read_summary(bytes: &[u8]) -> Result<MergeSummary, Error> {
    let bad = |m: String| Error::NotASummary(m);
    // A summary lists every source file, so it may be larger than a unit workbook; it is
    // still untrusted input and inflated with a counting reader first.
    let limits = crate::Limits::summary();
    let unpacked = crate::unpack::unpack_zip(bytes, &limits).map_err(|d| bad(d.message))?;
    // A slice, as for unit workbooks: one copy of calamine's code for both (wasm size).
    let mut wb = open_workbook_auto_from_rs(Cursor::new(unpacked.as_slice()))
        .map_err(|_| bad("无法作为 Excel 工作簿打开。请选择由本工具“汇总”生成的 .xlsx 文件。".into()))?;
    let mut sheet = |name: &str| -> Result<Range<Data>, Error> {
        wb.worksheet_range(name).map_err(|_| {
            bad(format!("缺少工作表“{name}”。请选择由本工具“汇总”生成的汇总表，不要删除或改名其中的工作表。"))
        })
    };
    let meta = sheet(sheets::META).map_err(|_| bad("没有“_meta”工作表。请选择由本工具“汇总”生成的汇总表。".into()))?;

    let mut m = crate::meta::read_summary_meta(&meta)?;
    let mut take = |o: Outcome| m.files.remove(&o).unwrap_or_default();
    let summary_measures = read_measures(&sheet(names::DETAIL)?)?;
    let indicators = read_indicators(&sheet(names::INDICATORS)?)?;
    let missing_units = read_missing(&sheet(names::UNITS)?)?;
    // 变更记录 rows: from `_meta` in summaries that still carry them there, else from the
    // sheet (a summary written before the sheet existed has neither: no changes).
    let changes = match (m.changes.is_empty(), sheet(names::CHANGES)) {
        (true, Ok(range)) => super::changes::read_changes(&range)?,
        _ => std::mem::take(&mut m.changes),
    };

    Ok(MergeSummary {
        year: m.year,
        plan_id: m.plan_id,
        plan_hash: m.plan_hash,
        accepted: take(Outcome::Accepted),
        rejected: take(Outcome::Rejected),
        superseded: take(Outcome::Superseded),
        earlier: take(Outcome::Earlier),
        missing_units,
        indicators,
        measures: summary_measures,
        summaries: m.summaries,
        years: m.years,
        progress: m.progress,
        trend: m.trend,
        changes,
        supervision: m.supervision,
        reminders: m.reminders,
        skipped: m.skipped,
    })
}

/// The data of every year a summary carries (hidden `_meta` rows), for a later multi-year
/// merge: the summary's year, and per year each unit's values and statuses.
///
/// # Errors
/// [`Error::NotASummary`] as for [`read_summary`], or when a history row is unreadable.
pub fn read_history(path: &str, bytes: &[u8]) -> Result<HistorySource, Error> {
    let summary = read_summary(bytes)?;
    let bad = |m: String| Error::NotASummary(m);
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| bad("无法作为 Excel 工作簿打开。请选择由本工具“汇总”生成的 .xlsx 文件。".into()))?;
    let meta = wb
        .worksheet_range(sheets::META)
        .map_err(|_| bad("没有“_meta”工作表。请选择由本工具“汇总”生成的汇总表。".into()))?;
    Ok(HistorySource {
        path: path.to_string(),
        sha256: jz_core::digest::sha256_hex(bytes),
        year: summary.year,
        data: crate::meta::read_history(&meta)?,
    })
}

/// The cell as text (numbers the way people write them).
pub(crate) fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) | Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => s.clone(),
        Some(Data::Float(f)) => jz_core::cell::format_number(*f),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// The cell as a number; `None` when blank.
pub(super) fn number(range: &Range<Data>, row: u32, col: u32, what: &str) -> Result<Option<f64>, Error> {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => Ok(None),
        Some(Data::Float(f)) => Ok(Some(*f)),
        Some(Data::Int(i)) => Ok(Some(*i as f64)),
        Some(Data::String(s)) if s.trim().is_empty() => Ok(None),
        Some(other) => Err(Error::NotASummary(format!("第 {} 行的{what}“{other}”不是数字。", row + 1))),
    }
}

/// The rows a range covers (absolute numbers).
pub(crate) fn rows(range: &Range<Data>) -> std::ops::RangeInclusive<u32> {
    match (range.start(), range.end()) {
        (Some((a, _)), Some((b, _))) => a..=b,
        #[allow(clippy::reversed_empty_ranges)]
        _ => 1..=0,
    }
}

/// The header row (the first row whose first cell is `first`) and its columns by label.
pub(super) fn find_header(
    range: &Range<Data>,
    first: &str,
    sheet: &str,
) -> Result<(u32, BTreeMap<String, u32>), Error> {
    let width = range.end().map_or(0, |(_, c)| c + 1);
    for row in rows(range) {
        if text(range, row, 0).trim() == first {
            let cols = (0..width).map(|c| (text(range, row, c).trim().to_string(), c)).collect();
            return Ok((row, cols));
        }
    }
    Err(Error::NotASummary(format!("工作表“{sheet}”中找不到表头“{first}”。")))
}

pub(super) fn column(cols: &BTreeMap<String, u32>, label: &str, sheet: &str) -> Result<u32, Error> {
    cols.get(label).copied().ok_or_else(|| Error::NotASummary(format!("工作表“{sheet}”中缺少“{label}”列。")))
}

/// Data rows below `header`, up to the first row whose first cell is blank.
pub(super) fn body_rows(range: &Range<Data>, header: u32) -> impl Iterator<Item = u32> + '_ {
    let end = range.end().map_or(0, |(r, _)| r);
    (header + 1..=end).take_while(move |&r| !text(range, r, 0).trim().is_empty())
}

pub(super) fn read_measures(range: &Range<Data>) -> Result<Vec<MeasureCounts>, Error> {
    let (h, cols) = find_header(range, DETAIL_COLUMNS[0], names::DETAIL)?;
    let status_col = column(&cols, "完成状态", names::DETAIL)?;
    let remark_col = column(&cols, "备注", names::DETAIL)?;
    let mut out: Vec<MeasureCounts> = Vec::new();
    for row in body_rows(range, h) {
        let id = text(range, row, 0).trim().to_string();
        let i = match out.iter().position(|m| m.id == id) {
            Some(i) => i,
            None => {
                let counts = status_keys().iter().map(|k| (k.to_string(), 0)).collect();
                out.push(MeasureCounts { id, status_counts: counts });
                out.len() - 1
            }
        };
        if text(range, row, remark_col).trim().is_empty() {
            let status = text(range, row, status_col).trim().to_string();
            *out[i].status_counts.entry(status).or_default() += 1;
        }
    }
    Ok(out)
}

pub(super) fn read_indicators(range: &Range<Data>) -> Result<Vec<IndicatorTotal>, Error> {
    let sheet = names::INDICATORS;
    let (h, cols) = find_header(range, "指标编号", sheet)?;
    let target_col = column(&cols, "目标值", sheet)?;
    let total_col = column(&cols, "全市合计", sheet)?;
    let rate_col = column(&cols, "完成率", sheet)?;
    let count_col = column(&cols, "已报/应报", sheet)?;
    let mut out = Vec::new();
    for row in body_rows(range, h) {
        let counts = text(range, row, count_col);
        let parsed = counts.split_once('/').and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
        let (reported, expected) = parsed.ok_or_else(|| {
            Error::NotASummary(format!("工作表“{sheet}”第 {} 行的“已报/应报”“{counts}”无法识别。", row + 1))
        })?;
        out.push(IndicatorTotal {
            id: text(range, row, 0).trim().to_string(),
            total: number(range, row, total_col, "全市合计")?,
            target: number(range, row, target_col, "目标值")?.unwrap_or(0.0),
            rate: number(range, row, rate_col, "完成率")?,
            reported,
            expected,
        });
    }
    Ok(out)
}

pub(super) fn read_missing(range: &Range<Data>) -> Result<Vec<String>, Error> {
    let (h, cols) = find_header(range, UNIT_COLUMNS[0], names::UNITS)?;
    let state_col = column(&cols, "状态", names::UNITS)?;
    let missing = [UnitState::Missing.label(), UnitState::Rejected.label()];
    Ok(body_rows(range, h)
        .filter(|&r| missing.contains(&text(range, r, state_col).trim()))
        .map(|r| text(range, r, 0).trim().to_string())
        .collect())
}

//! A city summary (汇总表, contract §7) read back, through the guarded entry like every
//! workbook: [`open_summary`] opens it once, within [`Limits::summary`], and reads the sheets
//! the readers need; [`SummaryBook::summary`] gives the merge JSON from the visible sheets
//! and `_meta`, [`SummaryBook::history`] the multi-year data for a later merge, and
//! [`SummaryBook::merge`] the whole [`Merge`] the Word report needs.

mod cells;
mod changes;
pub mod meta;
mod rebuild;

use crate::grid::Grid;
use jz_core::Diagnostic;
use jz_core::merge::{HistorySource, IndicatorTotal, MeasureCounts, MergeSummary, Outcome, UnitState};
use jz_core::summary_layout::{DETAIL_COLUMNS, UNIT_COLUMNS, names, status_keys};
use jz_core::{Merge, digest::sha256_hex};

use crate::Error;
use crate::limits::Limits;
use crate::open::{Opened, open_workbook};
use crate::sheets::Sheets;
use cells::{body_rows, column, find_header, number, text};

/// The sheets of a summary, read once (the hidden `_meta` and the visible sheets the
/// readers use), and the SHA-256 of its bytes.
#[derive(Debug, Clone)]
pub struct SummaryBook {
    sha256: String,
    meta: Grid,
    detail: Grid,
    indicators: Grid,
    units: Grid,
    changes: Option<Grid>,
}

/// Opens a summary written by `xlsx_tool::summary::write_summary` through the guarded entry
/// and reads the sheets [`SummaryBook`] needs.
///
/// # Errors
/// [`Error::NotASummary`] when the bytes are not a workbook (or pass a limit), have no
/// `_meta` sheet with `format` = `jz-ip-summary`, or a sheet the summary needs is missing.
///
/// # Examples
///
/// ```
/// let err = jz_read::summary::open_summary(b"no summary").unwrap_err();
/// assert!(err.to_string().contains("不是本工具生成的汇总表"));
/// ```
pub fn open_summary(bytes: &[u8]) -> Result<SummaryBook, Error> {
    let bad = |m: String| Error::NotASummary(m);
    // A summary lists every source file, so it may be larger than a unit workbook; it is
    // still untrusted input, read within its own limits.
    let limits = Limits::summary();
    let read = |_, opened: Opened<'_>| match opened {
        Opened::Book(mut sheets) => read_sheets(&mut sheets),
        Opened::Csv(_) => Ok(Err(not_xlsx())),
    };
    let mut book = match open_workbook(bytes, "汇总表.xlsx", &limits, read) {
        Ok(result) => result?,
        Err(refused) => return Err(bad(refused.diagnostic.message)),
    };
    book.sha256 = sha256_hex(bytes);
    Ok(book)
}

/// The sheets a [`SummaryBook`] holds; the outer `Err` is a limit passed while reading.
fn read_sheets(sheets: &mut Sheets<'_>) -> Result<Result<SummaryBook, Error>, Diagnostic> {
    let Some(meta) = sheets.read_named(jz_core::sheets::META)? else {
        return Ok(Err(Error::NotASummary("没有“_meta”工作表。请选择由本工具“汇总”生成的汇总表。".into())));
    };
    let mut needed = Vec::with_capacity(3);
    for name in [names::DETAIL, names::INDICATORS, names::UNITS] {
        match sheets.read_named(name)? {
            Some(range) => needed.push(range),
            None => return Ok(Err(missing_sheet(name))),
        }
    }
    let changes = sheets.read_named(names::CHANGES)?;
    let mut needed = needed.into_iter();
    let (Some(detail), Some(indicators), Some(units)) = (needed.next(), needed.next(), needed.next()) else {
        return Ok(Err(not_xlsx()));
    };
    Ok(Ok(SummaryBook { sha256: String::new(), meta, detail, indicators, units, changes }))
}

fn not_xlsx() -> Error {
    Error::NotASummary("无法作为 Excel 工作簿打开。请选择由本工具“汇总”生成的 .xlsx 文件。".into())
}

fn missing_sheet(name: &str) -> Error {
    Error::NotASummary(format!("缺少工作表“{name}”。请选择由本工具“汇总”生成的汇总表，不要删除或改名其中的工作表。"))
}

impl SummaryBook {
    /// The merge JSON the summary was written from (the same as `merge --json`).
    ///
    /// # Errors
    /// [`Error::NotASummary`] when `_meta` or a column the summary needs is unreadable.
    pub fn summary(&self) -> Result<MergeSummary, Error> {
        let mut m = meta::read_summary_meta(&self.meta)?;
        let mut take = |o: Outcome| m.files.remove(&o).unwrap_or_default();
        let measures = read_measures(&self.detail)?;
        let indicators = read_indicators(&self.indicators)?;
        let missing_units = read_missing(&self.units)?;
        // 变更记录 rows: from `_meta` in summaries that still carry them there, else from the
        // sheet (a summary written before the sheet existed has neither: no changes).
        let changes = match (m.changes.is_empty(), &self.changes) {
            (true, Some(range)) => changes::read_changes(range)?,
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
            measures,
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

    /// The data of every year the summary carries (hidden `_meta` rows), for a later
    /// multi-year merge: the summary's year, and per year each unit's values and statuses.
    ///
    /// # Errors
    /// [`Error::NotASummary`] as for [`SummaryBook::summary`], or a history row unreadable.
    pub fn history(&self, path: &str) -> Result<HistorySource, Error> {
        let summary = self.summary()?;
        Ok(HistorySource {
            path: path.to_string(),
            sha256: self.sha256.clone(),
            year: summary.year,
            data: meta::read_history(&self.meta)?,
        })
    }

    /// The [`Merge`] the summary stands for (see [`rebuild`](self::rebuild)).
    ///
    /// # Errors
    /// [`Error::NotASummary`] as for [`SummaryBook::summary`].
    pub fn merge(&self) -> Result<Merge, Error> {
        rebuild::rebuild_merge(self)
    }
}

/// Reads a summary back into the [`MergeSummary`] the merge produced (the same JSON as
/// `merge --json`): [`open_summary`] then [`SummaryBook::summary`].
///
/// # Errors
/// [`Error::NotASummary`] as for [`open_summary`].
pub fn read_summary(bytes: &[u8]) -> Result<MergeSummary, Error> {
    open_summary(bytes)?.summary()
}

/// The multi-year data a summary carries: [`open_summary`] then [`SummaryBook::history`].
///
/// # Errors
/// [`Error::NotASummary`] as for [`open_summary`].
pub fn read_history(path: &str, bytes: &[u8]) -> Result<HistorySource, Error> {
    open_summary(bytes)?.history(path)
}

/// The whole [`Merge`] a summary stands for: [`open_summary`] then [`SummaryBook::merge`].
///
/// # Errors
/// [`Error::NotASummary`] as for [`open_summary`].
pub fn read_merge(bytes: &[u8]) -> Result<Merge, Error> {
    open_summary(bytes)?.merge()
}

fn read_measures(range: &Grid) -> Result<Vec<MeasureCounts>, Error> {
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

fn read_indicators(range: &Grid) -> Result<Vec<IndicatorTotal>, Error> {
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

fn read_missing(range: &Grid) -> Result<Vec<String>, Error> {
    let (h, cols) = find_header(range, UNIT_COLUMNS[0], names::UNITS)?;
    let state_col = column(&cols, "状态", names::UNITS)?;
    let missing = [UnitState::Missing.label(), UnitState::Rejected.label()];
    Ok(body_rows(range, h)
        .filter(|&r| missing.contains(&text(range, r, state_col).trim()))
        .map(|r| text(range, r, 0).trim().to_string())
        .collect())
}

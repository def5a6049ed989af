//! The city summary workbook (汇总表, contract §7) and reading it back.
//!
//! [`write_summary`] renders a [`Merge`]; [`read_summary`] rebuilds the [`MergeSummary`](jz_core::merge::MergeSummary)
//! from the visible sheets (and the file list in `_meta`), so a summary that was passed
//! around still answers `xlsx-tool read`. Output is byte-identical for the same merge: the
//! document date is the latest 填报日期, never the clock.

use jz_core::{Merge, Plan};
use rust_xlsxwriter::Workbook;

use crate::Error;
use crate::sheet_format::properties;
use style::Styles;

pub use jz_core::summary_layout::{
    DETAIL_COLUMNS, ISSUE_COLUMNS, NO_UNITS_REMARK, NOT_ASSIGNED_REMARK, UNIT_COLUMNS, names, status_keys,
};

/// A4 landscape one page wide at 91 % in Excel, 84 % in LibreOffice (contract §13: printed
/// text 9 pt or more; sheet_format::layout).
const DETAIL_WIDTHS: [f64; 11] = [5.0, 10.0, 22.0, 9.0, 8.0, 32.0, 18.0, 16.0, 12.0, 14.0, 10.0];
const UNIT_WIDTHS: [f64; 9] = [14.0, 10.0, 36.0, 12.0, 16.0, 12.0, 8.0, 8.0, 40.0];
/// One A4 landscape page wide (contract §13).
const ISSUE_WIDTHS: [f64; 7] = [30.0, 12.0, 10.0, 22.0, 12.0, 8.0, 62.0];

/// The city summary workbook of `merge` (contract §7).
///
/// Byte-identical for the same merge: the document creation date is `merge.latest_date`
/// (or `{year+1}-01-01` when no file was accepted), never the clock.
///
/// # Errors
/// [`Error::Write`] when the workbook cannot be built (e.g. a text longer than Excel's
/// 32767-character cell limit, which validation rules out).
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// let merge = jz_core::merge(&plan, 2025, Vec::new());
/// let xlsx = xlsx_tool::summary::write_summary(&plan, &merge)?;
/// // The workbook carries its merge JSON: reading it back gives the same summary.
/// let back = xlsx_tool::summary::read_summary(&xlsx)?;
/// assert_eq!(back.year, 2025);
/// assert_eq!(back.missing_units, merge.summary.missing_units);
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
pub fn write_summary(plan: &Plan, merge: &Merge) -> Result<Vec<u8>, Error> {
    let year = merge.summary.year;
    let st = Styles::new();
    let mut wb = Workbook::new();
    // Deflate level 3, not 6: measured on 22 units, the merge is a third faster for a file
    // 11 % larger (bench/RESULTS.md); the summary is written once, read by people.
    wb.set_zip_compression_level(3);
    let title = plan.summary_title(year);
    let doc_date = merge
        .latest_date
        .and_then(|d| Some((u16::try_from(d.year).ok()?, u8::try_from(d.month).ok()?, u8::try_from(d.day).ok()?)));
    let (y, m, d) = doc_date.unwrap_or((year.saturating_add(1), 1, 1));
    wb.set_properties(&properties(&title, y, m, d)?);

    let ws = wb.add_worksheet();
    ws.set_name(names::OVERVIEW)?;
    overview::write_overview(ws, plan, merge, &title, &st)?;
    ws.set_active(true);

    let ws = wb.add_worksheet();
    ws.set_name(names::DETAIL)?;
    detail::write_detail(ws, plan, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::INDICATORS)?;
    indicators::write_indicators(ws, plan, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::UNITS)?;
    units::write_units(ws, merge, &st)?;

    follow_up::write_sheets(&mut wb, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::CHANGES)?;
    changes::write_changes(ws, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::ISSUES)?;
    issues::write_issues(ws, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::TREND)?;
    trend::write_trend(ws, plan, merge, &st)?;

    crate::meta::write_summary_meta(&mut wb, merge)?;

    Ok(wb.save_to_buffer()?)
}

mod changes;
mod detail;
pub mod follow_up;
mod indicators;
mod issues;
mod overview;
mod style;
mod trend;
mod units;
pub use jz_read::summary::{open_summary, read_history, read_merge, read_summary};

#[cfg(test)]
mod tests;

//! A summary read back as a [`Merge`], for the Word report when a summary of the report's
//! year is all there is (contract §10: "a summary of year Y alone also serves").
//!
//! [`SummaryBook::summary`] gives the merge JSON; the texts and the per-unit filing details
//! the report needs are in the visible sheets: every row of `任务明细` (each unit's
//! 进展情况, 存在问题, 下一步计划 in full) and the expected units of `报送情况` (state,
//! file name, contact, 填报日期). The per-unit indicator values (`Merge::values`) and the
//! diagnostics are not rebuilt: the report does not use them.

use crate::grid::Grid;
use jz_core::merge::{DetailRow, FileOutcome, Outcome, UnitState, UnitStatus};
use jz_core::{CellValue, Date, Merge, Report, Submission};

use jz_core::summary_layout::{DETAIL_COLUMNS, NO_UNITS_REMARK, NOT_ASSIGNED_REMARK, UNIT_COLUMNS, names};

use super::SummaryBook;
use super::cells::{body_rows, column, find_header, text};
use crate::Error;

/// The merge a summary workbook stands for: its JSON part ([`SummaryBook::summary`]), the
/// 任务明细 rows, the expected units with their accepted or rejected file, and the latest
/// 填报日期. `history` is the summary's multi-year data ([`SummaryBook::history`]).
///
/// # Errors
/// [`Error::NotASummary`] as for [`SummaryBook::summary`].
pub(super) fn rebuild_merge(book: &SummaryBook) -> Result<Merge, Error> {
    let summary = book.summary()?;
    let history = book.history("")?.data;
    let rows = detail_rows(&book.detail)?;
    let (units, files) = unit_rows(&book.units, summary.year)?;
    let latest_date =
        files.iter().filter(|f| f.outcome == Outcome::Accepted).filter_map(|f| f.submission.report.date).max();
    Ok(Merge { summary, files, units, rows, values: Vec::new(), latest_date, history })
}

fn detail_rows(range: &Grid) -> Result<Vec<DetailRow>, Error> {
    let sheet = names::DETAIL;
    let (h, cols) = find_header(range, DETAIL_COLUMNS[0], sheet)?;
    let col = |label: &str| column(&cols, label, sheet);
    let (unit, status, progress, problems, next_plan, evidence, source, remark) = (
        col("责任单位")?,
        col("完成状态")?,
        col("进展情况")?,
        col("存在问题")?,
        col("下一步计划")?,
        col("佐证材料")?,
        col("来源文件")?,
        col("备注")?,
    );
    let mut out = Vec::new();
    for row in body_rows(range, h) {
        let note = text(range, row, remark);
        if note == NO_UNITS_REMARK {
            continue;
        }
        out.push(DetailRow {
            measure: text(range, row, 0).trim().to_string(),
            unit: text(range, row, unit).trim().to_string(),
            status: text(range, row, status).trim().to_string(),
            progress: text(range, row, progress),
            problems: text(range, row, problems),
            next_plan: text(range, row, next_plan),
            evidence: text(range, row, evidence),
            source: text(range, row, source),
            assigned: note != NOT_ASSIGNED_REMARK,
            overdue: note.contains(jz_core::follow_up::category::OVERDUE),
            role: [jz_core::plan::Role::Lead.label(), jz_core::plan::Role::Support.label()]
                .into_iter()
                .find(|r| note.split('；').any(|n| n == jz_core::summary_layout::role_remark(r)))
                .unwrap_or_default()
                .to_string(),
        });
    }
    Ok(out)
}

/// A 填报日期 cell: a date cell, a serial number or text.
fn date_cell(range: &Grid, row: u32, col: u32) -> (Option<Date>, String) {
    match range.get(row, col) {
        CellValue::Date(serial) | CellValue::Number(serial) => {
            let d = Date::from_serial(*serial);
            (d, d.map(|d| d.to_string()).unwrap_or_default())
        }
        _ => {
            let t = text(range, row, col);
            (Date::parse(&t), t)
        }
    }
}

fn unit_rows(range: &Grid, year: u16) -> Result<(Vec<UnitStatus>, Vec<FileOutcome>), Error> {
    let sheet = names::UNITS;
    let (h, cols) = find_header(range, UNIT_COLUMNS[0], sheet)?;
    let col = |label: &str| column(&cols, label, sheet);
    let (state_col, file_col, contact_col, phone_col, date_col) =
        (col("状态")?, col("文件名")?, col("联系人")?, col("联系电话")?, col("填报日期")?);
    let (mut units, mut files) = (Vec::new(), Vec::new());
    for row in body_rows(range, h) {
        let unit = text(range, row, 0).trim().to_string();
        let state = match text(range, row, state_col).trim() {
            s if s == UnitState::Received.label() => UnitState::Received,
            s if s == UnitState::Rejected.label() => UnitState::Rejected,
            _ => UnitState::Missing,
        };
        let file = text(range, row, file_col);
        let path = (state != UnitState::Missing && !file.is_empty()).then(|| file.clone());
        if let Some(path) = &path {
            let (date, date_text) = date_cell(range, row, date_col);
            let report = Report {
                unit: Some(unit.clone()),
                year: Some(year),
                contact: text(range, row, contact_col),
                phone: text(range, row, phone_col),
                date,
                date_text,
                ..Report::default()
            };
            let outcome = if state == UnitState::Received { Outcome::Accepted } else { Outcome::Rejected };
            let submission = Submission {
                path: path.clone(),
                sha256: String::new(),
                report,
                diagnostics: Vec::new(),
                cells: Default::default(),
            };
            files.push(FileOutcome { submission, outcome });
        }
        units.push(UnitStatus { unit, state, path });
    }
    files.sort_by(|a, b| a.submission.path.cmp(&b.submission.path));
    Ok((units, files))
}

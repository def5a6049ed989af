//! The hidden `_meta` sheet of the workbooks the tool writes, writing and reading: the unit
//! workbook's (format, plan, unit, year: contract §4) and the city summary's (its merge
//! JSON parts the visible sheets cannot give back, and the multi-year data: contract §7).
//!
//! The layout is the contract and must not change (old files must still read): one row per
//! item, the key in column A, the value in B (a `file` row: path in B, SHA-256 in C,
//! outcome in D; a `history` row: year in B, unit in C, JSON in D; a `skipped` row: path
//! in B, reason in C). Rows of one key may repeat; readers skip keys they do not know.

use std::collections::BTreeMap;

use calamine::{Data, Range};
use jz_core::changes::Change;
use jz_core::follow_up::{ReminderRow, SupervisionRow};
use jz_core::merge::{Outcome, Skipped};
use jz_core::progress::{IndicatorProgress, MeasureTrend, UnitYear, YearData, from_json, to_json};
use jz_core::report::Meta;
use jz_core::{FORMAT_VERSION, Merge, Plan, REPORT_FORMAT, SUMMARY_FORMAT, sheets};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use crate::Error;
use crate::read::grid::Grid;
use crate::summary::read::{rows, text};

/// `_meta` key of a 督办清单 row (JSON in column B).
pub const META_SUPERVISION: &str = "supervision";
/// `_meta` key of a 催报名单 row (JSON in column B).
pub const META_REMINDER: &str = "reminder";
/// The `_meta` key of a 变更记录 row (JSON in column B), written by summaries before the
/// sheet became the only copy; read, no longer written.
const META_CHANGE: &str = "change";

/// `xlsx-tool <version>`.
pub(crate) fn generated_by() -> String {
    format!("xlsx-tool {}", env!("CARGO_PKG_VERSION"))
}

/// Key–value rows from row 0 on; returns the next free row.
fn write_pairs(ws: &mut Worksheet, pairs: &[(&str, String)]) -> Result<u32, XlsxError> {
    for (row, (key, value)) in pairs.iter().enumerate() {
        ws.write_string(row as u32, 0, *key)?;
        ws.write_string(row as u32, 1, value)?;
    }
    Ok(pairs.len() as u32)
}

// ---------------------------------------------------------------------------------------
// The unit workbook.
// ---------------------------------------------------------------------------------------

/// Adds the unit workbook's hidden, protected `_meta` sheet.
pub(crate) fn write_report_meta(wb: &mut Workbook, plan: &Plan, unit: &str, year: u16) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheets::META)?;
    let meta = [
        ("format", REPORT_FORMAT.to_string()),
        ("format_version", FORMAT_VERSION.to_string()),
        ("plan_id", plan.id.clone()),
        ("plan_hash", plan.hash.clone()),
        ("unit", unit.to_string()),
        ("year", year.to_string()),
        ("generated_by", generated_by()),
    ];
    write_pairs(ws, &meta)?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 40)?;
    ws.set_hidden(true);
    ws.protect();
    Ok(())
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

// ---------------------------------------------------------------------------------------
// The summary.
// ---------------------------------------------------------------------------------------

/// Adds the summary's hidden `_meta` sheet (the last sheet).
pub(crate) fn write_summary_meta(wb: &mut Workbook, merge: &Merge) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheets::META)?;
    let s = &merge.summary;
    let meta = [
        ("format", SUMMARY_FORMAT.to_string()),
        ("format_version", FORMAT_VERSION.to_string()),
        ("year", s.year.to_string()),
        ("plan_id", s.plan_id.clone()),
        ("plan_hash", s.plan_hash.clone()),
        ("generated_by", generated_by()),
    ];
    write_pairs(ws, &meta)?;
    for (i, f) in merge.files.iter().enumerate() {
        let row = (meta.len() + i) as u32;
        ws.write_string(row, 0, "file")?;
        ws.write_string(row, 1, &f.submission.path)?;
        ws.write_string(row, 2, &f.submission.sha256)?;
        ws.write_string(row, 3, outcome_key(f.outcome))?;
    }
    // The multi-year view and the data behind it, so `read` and later merges get them back.
    let mut row = (meta.len() + merge.files.len()) as u32;
    let years: Vec<String> = s.years.iter().map(u16::to_string).collect();
    ws.write_string(row, 0, "years")?;
    ws.write_string(row, 1, years.join(","))?;
    row += 1;
    for path in &s.summaries {
        ws.write_string(row, 0, "summary")?;
        ws.write_string(row, 1, path)?;
        row += 1;
    }
    for p in &s.progress {
        ws.write_string(row, 0, "progress")?;
        ws.write_string(row, 1, to_json(p))?;
        row += 1;
    }
    for t in &s.trend {
        ws.write_string(row, 0, "trend")?;
        ws.write_string(row, 1, to_json(t))?;
        row += 1;
    }
    // 变更记录 rows are read back from their sheet: not repeated here (a 1,000-file merge
    // wrote 10,776 rows twice); `change` rows of older summaries are still read.
    for skipped in &s.skipped {
        ws.write_string(row, 0, "skipped")?;
        ws.write_string(row, 1, &skipped.path)?;
        ws.write_string(row, 2, &skipped.reason)?;
        row += 1;
    }
    for d in &merge.history {
        for (unit, data) in &d.units {
            ws.write_string(row, 0, "history")?;
            ws.write_number(row, 1, f64::from(d.year))?;
            ws.write_string(row, 2, unit)?;
            ws.write_string(row, 3, to_json(data))?;
            row += 1;
        }
    }
    for r in &s.supervision {
        ws.write_string(row, 0, META_SUPERVISION)?;
        ws.write_string(row, 1, to_json(r))?;
        row += 1;
    }
    for r in &s.reminders {
        ws.write_string(row, 0, META_REMINDER)?;
        ws.write_string(row, 1, to_json(r))?;
        row += 1;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 66)?;
    ws.set_hidden(true);
    Ok(())
}

/// The serde name of an outcome, as written in `_meta`.
fn outcome_key(o: Outcome) -> &'static str {
    match o {
        Outcome::Accepted => "accepted",
        Outcome::Rejected => "rejected",
        Outcome::Superseded => "superseded",
        Outcome::Earlier => "earlier",
    }
}

/// What a summary's `_meta` gives back.
#[derive(Debug, Default)]
pub(crate) struct SummaryMeta {
    /// The summary's year.
    pub year: u16,
    /// `plan_id`.
    pub plan_id: String,
    /// `plan_hash`.
    pub plan_hash: String,
    /// The files by outcome, in order.
    pub files: BTreeMap<Outcome, Vec<String>>,
    /// The years with data.
    pub years: Vec<u16>,
    /// The earlier summaries merged in.
    pub summaries: Vec<String>,
    /// Per indicator, the multi-year progress.
    pub progress: Vec<IndicatorProgress>,
    /// Per measure, each unit's status by year.
    pub trend: Vec<MeasureTrend>,
    /// 变更记录 rows (summaries that keep them in `_meta`).
    pub changes: Vec<Change>,
    /// Files that are not spreadsheets.
    pub skipped: Vec<Skipped>,
    /// 督办清单 rows in order.
    pub supervision: Vec<SupervisionRow>,
    /// 催报名单 rows in order.
    pub reminders: Vec<ReminderRow>,
}

/// Reads a summary's `_meta` (all rows but `history`, which [`read_history`] takes).
///
/// # Errors
/// [`Error::NotASummary`] when `format` is not `jz-ip-summary` or a row is unreadable.
pub(crate) fn read_summary_meta(meta: &Range<Data>) -> Result<SummaryMeta, Error> {
    let bad = |m: String| Error::NotASummary(m);
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut out = SummaryMeta::default();
    let unreadable = |what: &str, row: u32| bad(format!("“_meta”第 {} 行的{what}数据无法识别。", row + 1));
    for row in rows(meta) {
        let key = text(meta, row, 0);
        let json = || text(meta, row, 1);
        match key.as_str() {
            "summary" => out.summaries.push(json()),
            "progress" => out.progress.push(from_json(&json()).ok_or_else(|| unreadable("进度", row))?),
            "trend" => out.trend.push(from_json(&json()).ok_or_else(|| unreadable("趋势", row))?),
            META_CHANGE => out.changes.push(from_json(&json()).ok_or_else(|| unreadable("变更记录", row))?),
            "skipped" => out.skipped.push(Skipped { path: json(), reason: text(meta, row, 2) }),
            "history" => {}
            META_SUPERVISION => out.supervision.push(from_json(&json()).ok_or_else(|| unreadable("督办清单", row))?),
            META_REMINDER => out.reminders.push(from_json(&json()).ok_or_else(|| unreadable("催报名单", row))?),
            "file" => {
                let outcome = match text(meta, row, 3).as_str() {
                    "accepted" => Outcome::Accepted,
                    "rejected" => Outcome::Rejected,
                    "superseded" => Outcome::Superseded,
                    "earlier" => Outcome::Earlier,
                    other => return Err(bad(format!("“_meta”中的文件状态“{other}”无法识别。"))),
                };
                out.files.entry(outcome).or_default().push(json());
            }
            "" => {}
            _ => {
                keys.entry(key).or_insert_with(json);
            }
        }
    }
    let get = |k: &str| keys.get(k).cloned().unwrap_or_default();
    if get("format") != SUMMARY_FORMAT {
        return Err(bad("“_meta”中没有 format = jz-ip-summary，这可能是单位填报表而不是汇总表。".into()));
    }
    out.year = get("year").trim().parse().map_err(|_| bad("“_meta”中的年度无法识别。".into()))?;
    out.years = get("years")
        .split(',')
        .filter(|y| !y.trim().is_empty())
        .map(|y| y.trim().parse::<u16>().map_err(|_| bad("“_meta”中的年度列表无法识别。".into())))
        .collect::<Result<Vec<_>, _>>()?;
    out.plan_id = get("plan_id");
    out.plan_hash = get("plan_hash");
    Ok(out)
}

/// The `history` rows of a summary's `_meta`: per year each unit's values and statuses.
///
/// # Errors
/// [`Error::NotASummary`] when a history row is unreadable.
pub(crate) fn read_history(meta: &Range<Data>) -> Result<Vec<YearData>, Error> {
    let mut by_year: BTreeMap<u16, YearData> = BTreeMap::new();
    for row in rows(meta) {
        if text(meta, row, 0) != "history" {
            continue;
        }
        let unreadable =
            || Error::NotASummary(format!("“_meta”第 {} 行的往年数据无法识别。请使用本工具生成的汇总表。", row + 1));
        let year: u16 = text(meta, row, 1).trim().parse().map_err(|_| unreadable())?;
        let unit = text(meta, row, 2);
        let data: UnitYear = from_json(&text(meta, row, 3)).ok_or_else(unreadable)?;
        by_year.entry(year).or_insert_with(|| YearData { year, units: BTreeMap::new() }).units.insert(unit, data);
    }
    Ok(by_year.into_values().collect())
}

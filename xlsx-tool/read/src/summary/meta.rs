//! The hidden `_meta` sheet of a city summary, read back: its merge JSON parts the visible
//! sheets cannot give back, and the multi-year data (contract §7). The writer
//! (`xlsx_tool`'s `meta`) takes its keys from here. The unit workbook's `_meta` (contract §4)
//! is read with its layout ([`crate::unit_workbook`]).
//!
//! The layout is the contract and must not change (old files must still read): one row per
//! item, the key in column A, the value in B (a `file` row: path in B, SHA-256 in C,
//! outcome in D; a `history` row: year in B, unit in C, JSON in D; a `skipped` row: path
//! in B, reason in C). Rows of one key may repeat; readers skip keys they do not know.

use std::collections::BTreeMap;

use crate::grid::Grid;
use jz_core::SUMMARY_FORMAT;
use jz_core::changes::Change;
use jz_core::follow_up::{ReminderRow, SupervisionRow};
use jz_core::merge::{Outcome, Skipped};
use jz_core::progress::{IndicatorProgress, MeasureTrend, UnitYear, YearData, from_json};

use super::cells::{rows, text};
use crate::Error;

/// `_meta` key of a 督办清单 row (JSON in column B).
pub const META_SUPERVISION: &str = "supervision";
/// `_meta` key of a 催报名单 row (JSON in column B).
pub const META_REMINDER: &str = "reminder";
/// The `_meta` key of a 变更记录 row (JSON in column B), written by summaries before the
/// sheet became the only copy; read, no longer written.
const META_CHANGE: &str = "change";

/// The serde name of an outcome, as written in `_meta` (and read back below).
pub fn outcome_key(o: Outcome) -> &'static str {
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
pub(crate) fn read_summary_meta(meta: &Grid) -> Result<SummaryMeta, Error> {
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
pub(crate) fn read_history(meta: &Grid) -> Result<Vec<YearData>, Error> {
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

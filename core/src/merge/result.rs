//! What a merge produces: the JSON part ([`MergeSummary`], contract §6) and everything
//! else the summary workbook shows ([`Merge`]: 报送情况, 任务明细, unit values, history).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::submission::FileOutcome;
use crate::changes::Change;
use crate::date::Date;
use crate::progress::{IndicatorProgress, MeasureTrend, YearData};

/// 报送情况 of one expected unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum UnitState {
    /// An accepted file.
    Received,
    /// No file at all.
    Missing,
    /// Only rejected files.
    Rejected,
}

impl UnitState {
    /// `已报送` / `未报送` / `退回`.
    pub fn label(self) -> &'static str {
        match self {
            UnitState::Received => "已报送",
            UnitState::Missing => "未报送",
            UnitState::Rejected => "退回",
        }
    }
}

/// One expected unit's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitStatus {
    /// Canonical unit name.
    pub unit: String,
    /// Received, missing or rejected.
    pub state: UnitState,
    /// Path of the accepted file (or of the rejected one).
    pub path: Option<String>,
}

/// One unit's value for an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitValue {
    /// Canonical unit name.
    pub unit: String,
    /// The value, `None` when the unit left it blank.
    pub value: Option<f64>,
    /// Whether the unit is a reporter (only reporters count in the total).
    pub assigned: bool,
    /// 说明.
    pub remark: String,
}

/// The city figure for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorTotal {
    /// `I01`..
    pub id: String,
    /// City total; `null` when nobody reported.
    pub total: Option<f64>,
    /// Target.
    pub target: f64,
    /// `total / target`; `null` when nobody reported.
    pub rate: Option<f64>,
    /// Reporters with a value.
    pub reported: usize,
    /// Reporters expected.
    pub expected: usize,
}

/// Status counts of one measure over its expected units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureCounts {
    /// Measure id.
    pub id: String,
    /// Keyed by the four 完成状态 values and `未报送`; every key present.
    pub status_counts: BTreeMap<String, u32>,
}

/// The merge result as JSON consumers see it (contract §6), also what `read` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeSummary {
    /// The summary's year.
    pub year: u16,
    /// Plan id used.
    pub plan_id: String,
    /// Plan hash used.
    pub plan_hash: String,
    /// Accepted file paths, sorted.
    pub accepted: Vec<String>,
    /// Rejected file paths, sorted.
    pub rejected: Vec<String>,
    /// Valid files replaced by a later one of the same unit and year, sorted.
    pub superseded: Vec<String>,
    /// Valid files of earlier years (not counted), sorted.
    pub earlier: Vec<String>,
    /// Expected units without an accepted file, in plan order.
    pub missing_units: Vec<String>,
    /// Per indicator, plan order.
    pub indicators: Vec<IndicatorTotal>,
    /// Per measure, plan order.
    pub measures: Vec<MeasureCounts>,
    /// Earlier city summaries whose data was used for the multi-year view, sorted.
    #[serde(default)]
    pub summaries: Vec<String>,
    /// Years with data in the multi-year view (up to `year`), ascending.
    #[serde(default)]
    pub years: Vec<u16>,
    /// Per indicator (plan order) the standing against the plan target at the end of `year`
    /// over all years so far (see [`crate::progress`]).
    #[serde(default)]
    pub progress: Vec<IndicatorProgress>,
    /// Per measure (plan order) each responsible unit's status in each year of `years`.
    #[serde(default)]
    pub trend: Vec<MeasureTrend>,
    /// 变更记录: every cell that differs between a unit's accepted file and each file it
    /// superseded (see [`crate::changes`]; at most [`super::MAX_SUPERSEDED_WITH_CHANGES`]
    /// superseded files per unit, the latest).
    #[serde(default)]
    pub changes: Vec<Change>,
    /// 督办清单 rows (see [`super::follow_up`]).
    #[serde(default)]
    pub supervision: Vec<SupervisionRow>,
    /// 催报名单 rows (see [`super::follow_up`]).
    #[serde(default)]
    pub reminders: Vec<ReminderRow>,
    /// Inputs that were not read, each with the reason, sorted by path (contract §6:
    /// nothing is silently skipped): files of scanned folders that are not spreadsheets
    /// (lock files...) and summaries whose data cannot be read. Every caller hands them to
    /// the merge as [`super::Input::Unreadable`].
    #[serde(default)]
    pub skipped: Vec<Skipped>,
}

/// A file in a scanned folder that was not read, and why (plain Chinese).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Skipped {
    /// The file's path as found.
    pub path: String,
    /// Why it was not read, e.g. `这是 Excel/WPS 打开文件时生成的临时文件`.
    pub reason: String,
}

/// Data of earlier years read from a city summary, for the multi-year view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistorySource {
    /// The summary's path as given.
    pub path: String,
    /// SHA-256 of the summary's bytes.
    pub sha256: String,
    /// The summary's own year.
    pub year: u16,
    /// Per year, the units' data the summary carries.
    pub data: Vec<YearData>,
}

/// One row of 任务明细: a measure × unit pair with everything the unit wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DetailRow {
    /// Measure id.
    pub measure: String,
    /// Canonical unit.
    pub unit: String,
    /// Status label, or `未报送`.
    pub status: String,
    /// 进展情况.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下一步计划.
    pub next_plan: String,
    /// 佐证材料.
    pub evidence: String,
    /// File name the row came from (empty when not submitted).
    pub source: String,
    /// False when the unit reported a measure not assigned to it (kept, not counted).
    pub assigned: bool,
    /// `牵头` or `配合` where the plan names lead and supporting units; empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// Past its 完成时限 and not 已完成 (contract §11): listed as 逾期未完成.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overdue: bool,
}

/// Everything the city summary workbook shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Merge {
    /// The JSON part.
    pub summary: MergeSummary,
    /// Every file with its outcome, sorted by path.
    pub files: Vec<FileOutcome>,
    /// Every expected unit, plan order.
    pub units: Vec<UnitStatus>,
    /// 任务明细 rows, plan measure order then plan unit order.
    pub rows: Vec<DetailRow>,
    /// Per indicator (plan order) every unit value from accepted files, plan unit order.
    pub values: Vec<Vec<UnitValue>>,
    /// The latest 填报日期 among accepted files (document date of the summary).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub latest_date: Option<Date>,
    /// Per year up to the summary's year, every unit's data used for the multi-year view
    /// (written into the summary so a later merge can read it back).
    pub history: Vec<YearData>,
}

/// One row of the 督办清单.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SupervisionRow {
    /// Canonical unit name.
    pub unit: String,
    /// One of [`super::follow_up::category::ALL`].
    pub category: String,
    /// Measure id (`2.1`) or indicator id (`I02`); empty for a 报送 row.
    pub id: String,
    /// The measure text, the indicator name with its target, or what was to be sent.
    pub content: String,
    /// What the inputs show (values, statuses, file and error count).
    pub situation: String,
    /// The rule that makes it a matter to chase.
    pub basis: String,
}

/// One row of the 催报名单.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReminderRow {
    /// Canonical unit name.
    pub unit: String,
    /// `未报送` or `退回`.
    pub status: String,
    /// 联系人 from the unit's latest file that names one; empty when unknown.
    pub contact: String,
    /// 联系电话 from the same file; empty when unknown.
    pub phone: String,
    /// The unit's latest file: 填报日期, year and file name; [`super::follow_up::NEVER_SUBMITTED`] without one.
    pub last_submitted: String,
    /// What the unit must send or fix, in one sentence.
    pub todo: String,
    /// The plain-text 催报 message to paste into a chat or SMS.
    pub notice: String,
}

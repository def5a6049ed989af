//! The merge of many unit reports into the city summary for one year.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cells::Cells;
use crate::changes::Change;
use crate::date::Date;
use crate::diagnostic::{Code, Diagnostic};
use crate::follow_up::{ReminderRow, SupervisionRow};
use crate::plan::{Aggregation, Plan};
use crate::progress::{IndicatorProgress, MeasureTrend, YearData};
use crate::report::{Report, Status};

/// One file handed to the merge: where it came from and what validation made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Submission {
    /// The path (or name) as given by the user.
    pub path: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The report as understood.
    pub report: Report,
    /// Every finding about the file.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the report's fields stand in the file (for findings made after reading).
    #[serde(default, skip_serializing_if = "Cells::is_empty")]
    pub cells: Cells,
}

impl Submission {
    /// The file name without directories.
    pub fn file_name(&self) -> &str {
        file_name(&self.path)
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Drops the texts the merge will not show (kept: unit, year, contact, date, statuses,
    /// values, findings), for a file that cannot be the accepted one of this year: one
    /// with errors, of another year, or superseded. Lets a merge of thousands of files
    /// hold only one full report per unit.
    pub fn slim(&mut self) {
        for m in &mut self.report.measures {
            for text in [
                &mut m.task_text,
                &mut m.measure_text,
                &mut m.responsible,
                &mut m.progress,
                &mut m.problems,
                &mut m.next_plan,
                &mut m.evidence,
            ] {
                *text = String::new();
            }
        }
        for i in &mut self.report.indicators {
            i.remark = String::new();
        }
        self.report.measures.shrink_to_fit();
        self.cells.slim();
    }
}

/// The last component of a `/` or `\` separated path.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// What the merge did with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Counted in this year's summary.
    Accepted,
    /// Has errors (or a year after the summary's): not merged.
    Rejected,
    /// Valid, but another file of the same unit and year won.
    Superseded,
    /// Valid, of an earlier year: kept for the multi-year view, not counted.
    Earlier,
}

impl Outcome {
    /// Chinese label used in 报送情况.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Accepted => "已报送",
            Outcome::Rejected => "退回",
            Outcome::Superseded => "已被替代",
            Outcome::Earlier => "往年报告",
        }
    }
}

/// A file in the merge with its outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileOutcome {
    /// The submission.
    pub submission: Submission,
    /// What happened to it.
    pub outcome: Outcome,
}

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

/// `未报送`: the status of an expected unit with no accepted file.
pub const NOT_SUBMITTED: &str = "未报送";

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
    /// superseded (see [`crate::changes`]); filled by a streaming merge that saw the texts.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// 督办清单 rows (see [`crate::follow_up`]).
    #[serde(default)]
    pub supervision: Vec<SupervisionRow>,
    /// 催报名单 rows (see [`crate::follow_up`]).
    #[serde(default)]
    pub reminders: Vec<ReminderRow>,
    /// Files in the scanned folders that were not read (not spreadsheets, lock files),
    /// each with the reason, sorted by path (contract §6: nothing is silently skipped).
    /// The merge itself never fills it: the caller that scanned the folders does.
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

/// Merges validated submissions into the summary of `year`.
///
/// Files with errors are rejected; files of years after `year` are rejected with a
/// `year-invalid` finding; files of earlier years are kept aside. Of two valid files of the
/// same unit and year the later 填报日期 wins, then the greater SHA-256, then the file
/// name that sorts last, so the result never depends on input order.
///
/// Each [`Submission`] is a file already read and validated (`xlsx_tool::check` makes them
/// from bytes); look at `summary` for the JSON (accepted, rejected, missing units, totals),
/// `files` for each file's outcome and `units` for the 报送情况 rows.
///
/// # Examples
///
/// ```
/// use jz_core::{Plan, RawReport, Submission};
///
/// let plan = Plan::builtin();
/// let (report, diagnostics) = jz_core::validate(&plan, &RawReport::default());
/// let broken = Submission {
///     path: "收件/空白.xlsx".into(),
///     sha256: String::new(),
///     report,
///     diagnostics,
///     cells: Default::default(),
/// };
/// let merge = jz_core::merge(&plan, 2025, vec![broken]);
/// assert_eq!(merge.summary.year, 2025);
/// assert_eq!(merge.summary.rejected, ["收件/空白.xlsx"]);
/// // Nobody reported, so every indicator total is null and every unit is missing.
/// assert!(merge.summary.indicators.iter().all(|i| i.total.is_none()));
/// assert!(merge.summary.missing_units.iter().any(|u| u == "检察院"));
/// ```
pub fn merge(plan: &Plan, year: u16, submissions: Vec<Submission>) -> Merge {
    merge_with_history(plan, year, submissions, Vec::new())
}

/// [`merge`], plus data of earlier years taken from city summaries.
///
/// The multi-year view (`years`, `progress`, `trend`) uses, for every year up to `year`:
/// the data carried by the summaries (applied in order of summary year, then SHA-256, the
/// later one winning for a unit present in both), then, unit by unit, the unit's own valid
/// file of that year (chosen like this year's: later 填报日期, greater SHA-256, file name),
/// which beats any summary. This year's totals (`indicators`, `measures`) come from this
/// year's unit files only.
///
/// The [`HistorySource`]s come from earlier city summaries
/// (`xlsx_tool::summary::read_history` reads one from a summary workbook's bytes).
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// // No files and no earlier summaries: the multi-year view holds only this year.
/// let merge = jz_core::merge_with_history(&plan, 2024, Vec::new(), Vec::new());
/// assert!(merge.summary.summaries.is_empty());
/// assert!(merge.summary.years.iter().all(|&y| y <= 2024));
/// ```
pub fn merge_with_history(plan: &Plan, year: u16, submissions: Vec<Submission>, history: Vec<HistorySource>) -> Merge {
    let mut subs = submissions;
    subs.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.sha256.cmp(&b.sha256)));
    let mut files: Vec<FileOutcome> = Vec::with_capacity(subs.len());
    let mut best: BTreeMap<String, usize> = BTreeMap::new();
    for mut sub in subs {
        if let Some(y) = sub.report.year
            && y > year
            && !sub.has_errors()
        {
            sub.diagnostics.push(Diagnostic::new(
                    Code::YearInvalid,
                    None,
                    format!("该文件是 {y} 年度的报告，晚于本次汇总的 {year} 年度，未汇总。请确认汇总年度，或让单位报送 {year} 年度的报表。"),
                ));
        }
        let outcome = match (sub.has_errors(), sub.report.year, sub.report.unit.as_deref()) {
            (false, Some(y), Some(_)) if y < year => Outcome::Earlier,
            (false, Some(y), Some(_)) if y == year => Outcome::Accepted,
            _ => Outcome::Rejected,
        };
        let i = files.len();
        if outcome == Outcome::Accepted {
            let unit = sub.report.unit.clone().unwrap_or_default();
            match best.get(&unit) {
                Some(&j) if wins(&files[j].submission, &sub) => {
                    files.push(FileOutcome { submission: sub, outcome: Outcome::Superseded });
                    continue;
                }
                Some(&j) => files[j].outcome = Outcome::Superseded,
                None => {}
            }
            best.insert(unit, i);
        }
        files.push(FileOutcome { submission: sub, outcome });
    }

    let accepted: BTreeMap<&str, &Submission> =
        best.iter().map(|(unit, &i)| (unit.as_str(), &files[i].submission)).collect();
    let paths =
        |o: Outcome| files.iter().filter(|f| f.outcome == o).map(|f| f.submission.path.clone()).collect::<Vec<_>>();

    let expected = plan.expected_units();
    let units: Vec<UnitStatus> = expected
        .iter()
        .map(|&unit| {
            if let Some(s) = accepted.get(unit) {
                return UnitStatus { unit: unit.into(), state: UnitState::Received, path: Some(s.path.clone()) };
            }
            let rejected = files
                .iter()
                .rev()
                .find(|f| f.outcome == Outcome::Rejected && f.submission.report.unit.as_deref() == Some(unit));
            match rejected {
                Some(f) => {
                    UnitStatus { unit: unit.into(), state: UnitState::Rejected, path: Some(f.submission.path.clone()) }
                }
                None => UnitStatus { unit: unit.into(), state: UnitState::Missing, path: None },
            }
        })
        .collect();
    let missing_units = units.iter().filter(|u| u.state != UnitState::Received).map(|u| u.unit.clone()).collect();

    let mut rows = Vec::new();
    let mut measures = Vec::new();
    for m in plan.measures() {
        let mut counts: BTreeMap<String, u32> = Status::ALL.iter().map(|s| (s.label().to_string(), 0)).collect();
        counts.insert(NOT_SUBMITTED.into(), 0);
        for unit in plan.units.iter().map(|u| u.name.as_str()) {
            let assigned = m.task.units.iter().any(|u| u == unit);
            let sub = accepted.get(unit);
            let entry = sub.and_then(|s| s.report.measure(&m.measure.id));
            if !assigned && entry.is_none() {
                continue;
            }
            let status = entry.and_then(|e| e.status).map_or(NOT_SUBMITTED, Status::label);
            if assigned {
                *counts.entry(status.to_string()).or_default() += 1;
            }
            rows.push(DetailRow {
                measure: m.measure.id.clone(),
                unit: unit.to_string(),
                status: status.to_string(),
                progress: entry.map(|e| e.progress.clone()).unwrap_or_default(),
                problems: entry.map(|e| e.problems.clone()).unwrap_or_default(),
                next_plan: entry.map(|e| e.next_plan.clone()).unwrap_or_default(),
                evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
                source: sub.map(|s| s.file_name().to_string()).unwrap_or_default(),
                assigned,
            });
        }
        measures.push(MeasureCounts { id: m.measure.id.clone(), status_counts: counts });
    }

    let mut indicators = Vec::new();
    let mut values = Vec::new();
    for ind in &plan.indicators {
        let mut vals = Vec::new();
        for unit in plan.units.iter().map(|u| u.name.as_str()) {
            let assigned = ind.reporter_units.iter().any(|u| u == unit);
            if let Some(e) = accepted.get(unit).and_then(|s| s.report.indicator(&ind.id)) {
                vals.push(UnitValue { unit: unit.into(), value: e.value, assigned, remark: e.remark.clone() });
            }
        }
        let counted: Vec<f64> = vals.iter().filter(|v| v.assigned).filter_map(|v| v.value).collect();
        let total = match (ind.aggregation, counted.as_slice()) {
            (_, []) => None,
            (Aggregation::Single, [first, ..]) => Some(*first),
            (Aggregation::Sum, all) => Some(round6(all.iter().sum())),
        };
        indicators.push(IndicatorTotal {
            id: ind.id.clone(),
            total,
            target: ind.target,
            rate: total.map(|t| t / ind.target),
            reported: counted.len(),
            expected: ind.reporter_units.len(),
        });
        values.push(vals);
    }

    let latest_date = accepted.values().filter_map(|s| s.report.date).max();

    // The multi-year view: summaries first, then each year's winning unit files.
    let mut history = history;
    history.sort_by(|a, b| (a.year, &a.sha256, &a.path).cmp(&(b.year, &b.sha256, &b.path)));
    let summaries: Vec<String> = {
        let mut p: Vec<String> = history.iter().map(|h| h.path.clone()).collect();
        p.sort();
        p
    };
    let mut earlier_best: BTreeMap<(u16, String), &Submission> = BTreeMap::new();
    for f in files.iter().filter(|f| f.outcome == Outcome::Earlier) {
        let s = &f.submission;
        let (Some(y), Some(unit)) = (s.report.year, s.report.unit.clone()) else { continue };
        match earlier_best.get(&(y, unit.clone())) {
            Some(b) if wins(b, s) => {}
            _ => {
                earlier_best.insert((y, unit), s);
            }
        }
    }
    let mut sources: Vec<YearData> = history.into_iter().flat_map(|h| h.data).filter(|d| d.year <= year).collect();
    let mut by_year: BTreeMap<u16, Vec<&Report>> = BTreeMap::new();
    for ((y, _), s) in &earlier_best {
        by_year.entry(*y).or_default().push(&s.report);
    }
    by_year.entry(year).or_default().extend(accepted.values().map(|s| &s.report));
    for (y, reports) in by_year {
        if y == year && reports.is_empty() {
            continue;
        }
        sources.push(YearData::from_reports(y, reports));
    }
    let history = crate::progress::combine(sources);
    let (years, progress, trend) = crate::progress::progress(plan, year, &history);
    let listed = [Outcome::Accepted, Outcome::Rejected, Outcome::Superseded, Outcome::Earlier].map(paths);
    crate::cross_year::annotate(plan, &history, &mut files);
    let [accepted, rejected, superseded, earlier] = listed;

    let summary = MergeSummary {
        year,
        plan_id: plan.id.clone(),
        plan_hash: plan.hash.clone(),
        accepted,
        rejected,
        superseded,
        earlier,
        missing_units,
        indicators,
        measures,
        summaries,
        years,
        progress,
        trend,
        changes: Vec::new(),
        supervision: Vec::new(),
        reminders: Vec::new(),
        skipped: Vec::new(),
    };
    let mut merge = Merge { summary, files, units, rows, values, latest_date, history };
    crate::follow_up::fill(plan, &mut merge);
    merge
}

/// Whether `a` beats `b` as the unit's file for the year: the later 填报日期, then the
/// greater SHA-256, then the file name that sorts last.
pub fn wins(a: &Submission, b: &Submission) -> bool {
    let key = |s: &Submission| (s.report.date, s.sha256.clone(), s.file_name().to_string());
    key(a) > key(b)
}

/// Rounds to 6 decimals, so sums of decimals (`0.1 + 0.2`) read as people expect.
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

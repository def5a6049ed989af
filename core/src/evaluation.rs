//! The end-of-plan evaluation, 终期评估 (contract §12), from the merges of the plan's years.
//!
//! [`evaluate`] takes one [`Merge`] per year `first_year..=Y` — each what `merge --year`
//! makes of that year's inputs (or the merge a summary of that year stands in for) — and
//! reduces them to:
//! - per indicator, the city value of each year, the 期末值 ([`crate::progress::value_at`]:
//!   `累计新增` the sum over the period, `年末存量` the latest year's level, `当年数值` the
//!   last year's value), 完成率 = 期末值 / 目标值 and the 评估结论 ([`Verdict`], on the
//!   thresholds of [`crate::progress`]);
//! - per measure and responsible unit, the status of each year (`未报送` where none), the
//!   last reported status, its 评估结论 ([`MeasureVerdict`]) and that year's texts;
//! - per expected unit, the reporting record (应报, 已报, 按期, 逾期, 退回, 未报送).
//!
//! It invents nothing: every figure is a merge's, every text a unit's.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::merge::{Merge, Outcome, UnitState};
use crate::number::round6;
use crate::plan::{IndicatorKind, Plan, Role};
use crate::progress::{ON_TRACK, WATCH, value_at};
use crate::report::{NOT_SUBMITTED, Status};

/// 评估结论 of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Verdict {
    /// 已完成: 完成率 at least 100 %.
    #[serde(rename = "已完成")]
    Met,
    /// 基本完成: at least 80 %.
    #[serde(rename = "基本完成")]
    NearlyMet,
    /// 未完成: below 80 %.
    #[serde(rename = "未完成")]
    NotMet,
    /// 无数据: nothing reported over the period.
    #[serde(rename = "无数据")]
    NoData,
}

impl Verdict {
    /// Every verdict, in the order the outputs count them.
    pub const ALL: [Verdict; 4] = [Verdict::Met, Verdict::NearlyMet, Verdict::NotMet, Verdict::NoData];

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "已完成",
            Verdict::NearlyMet => "基本完成",
            Verdict::NotMet => "未完成",
            Verdict::NoData => "无数据",
        }
    }

    /// The verdict of a 完成率 (rounded to 6 decimals first), on the thresholds of
    /// [`crate::progress`] ([`ON_TRACK`], [`WATCH`]); `None` is 无数据.
    pub fn of_rate(rate: Option<f64>) -> Verdict {
        match rate.map(round6) {
            None => Verdict::NoData,
            Some(r) if r >= ON_TRACK => Verdict::Met,
            Some(r) if r >= WATCH => Verdict::NearlyMet,
            Some(_) => Verdict::NotMet,
        }
    }
}

/// 评估结论 of a measure for one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum MeasureVerdict {
    /// 已完成: the last reported status is 已完成.
    #[serde(rename = "已完成")]
    Done,
    /// 持续推进: the last reported status is 持续推进.
    #[serde(rename = "持续推进")]
    Ongoing,
    /// 未完成: anything else, including nothing reported.
    #[serde(rename = "未完成")]
    NotDone,
}

impl MeasureVerdict {
    /// Every verdict, in the order the outputs count them.
    pub const ALL: [MeasureVerdict; 3] = [MeasureVerdict::Done, MeasureVerdict::Ongoing, MeasureVerdict::NotDone];

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            MeasureVerdict::Done => "已完成",
            MeasureVerdict::Ongoing => "持续推进",
            MeasureVerdict::NotDone => "未完成",
        }
    }
}

/// One indicator over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorEvaluation {
    /// `I01`..
    pub id: String,
    /// 指标名称.
    pub name: String,
    /// 计量单位.
    pub unit: String,
    /// flow / stock / annual.
    pub kind: IndicatorKind,
    /// 属性 (`约束性`/`预期性`) when the plan gives it, else empty.
    #[serde(default)]
    pub attribute: String,
    /// 基期值 when the plan gives it.
    #[serde(default)]
    pub baseline: Option<f64>,
    /// 目标值.
    pub target: f64,
    /// City value per year (`"2022"` → value, `null` when nobody reported it that year).
    pub values: BTreeMap<String, Option<f64>>,
    /// 期末值; `null` without data.
    #[serde(rename = "final")]
    pub final_value: Option<f64>,
    /// The year 期末值 was taken from for a stock reported last before the final year.
    #[serde(default)]
    pub final_year: Option<u16>,
    /// 完成率 = 期末值 / 目标值; `null` without data.
    pub rate: Option<f64>,
    /// 评估结论.
    pub verdict: Verdict,
}

/// One measure × responsible unit over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureEvaluation {
    /// Measure id.
    pub id: String,
    /// Task number.
    pub task: u32,
    /// Canonical unit name.
    pub unit: String,
    /// The unit's role (`牵头`, `配合`, `责任`).
    pub role: String,
    /// Per year, the 完成状态 or `未报送`.
    pub statuses: BTreeMap<String, String>,
    /// 终期状态: the last reported status, `未报送` when never reported.
    pub final_status: String,
    /// The year of [`Self::final_status`]; `null` when never reported.
    pub final_year: Option<u16>,
    /// 评估结论.
    pub verdict: MeasureVerdict,
    /// 进展情况 of that year, verbatim.
    #[serde(default)]
    pub progress: String,
    /// 存在问题 of that year, verbatim.
    #[serde(default)]
    pub problems: String,
}

/// One expected unit's reporting record over the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitRecord {
    /// Canonical unit name.
    pub unit: String,
    /// 应报年度: years the unit was expected to report.
    pub expected: u32,
    /// 已报: years with an accepted report.
    pub reported: u32,
    /// 按期: accepted and dated on or before the deadline.
    pub on_time: u32,
    /// 逾期: accepted, dated after the deadline or undated.
    pub late: u32,
    /// 退回: only rejected files that year.
    pub rejected: u32,
    /// 未报送: nothing that year.
    pub missing: u32,
}

/// The evaluation (contract §12 JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Evaluation {
    /// 计划名称.
    pub plan: String,
    /// Plan id.
    pub plan_id: String,
    /// Plan hash.
    pub plan_hash: String,
    /// The years evaluated, ascending (`first_year..=Y`).
    pub years: Vec<u16>,
    /// Whether the evaluation ends before the plan's last year (中期评估).
    pub interim: bool,
    /// The latest 填报日期 of any accepted report (the documents' date; never the clock).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub latest_date: Option<Date>,
    /// Per indicator, plan order.
    pub indicators: Vec<IndicatorEvaluation>,
    /// Per measure (plan order) × responsible unit (plan unit order).
    pub measures: Vec<MeasureEvaluation>,
    /// Per expected unit, plan order.
    pub units: Vec<UnitRecord>,
}

/// Whether the unit's accepted file in `merge` is dated on or before the deadline.
fn on_time(plan: &Plan, merge: &Merge, unit: &str, path: Option<&String>) -> bool {
    let date = merge
        .files
        .iter()
        .find(|f| {
            f.outcome == Outcome::Accepted
                && Some(&f.submission.path) == path
                && f.submission.report.unit.as_deref() == Some(unit)
        })
        .and_then(|f| f.submission.report.date);
    plan.on_time(merge.summary.year, date) == Some(true)
}

/// The evaluation of `plan` from one merge per year (any order; the years evaluated are
/// those of the merges given, which should be `first_year..=Y`).
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// // Nobody reported in any year: every indicator has no data, every measure is 未完成.
/// let merges: Vec<_> = (2022..=2025).map(|y| jz_core::merge(&plan, y, Vec::new())).collect();
/// let e = jz_core::evaluation::evaluate(&plan, &merges);
/// assert_eq!(e.years, [2022, 2023, 2024, 2025]);
/// assert!(e.indicators.iter().all(|i| i.verdict == jz_core::evaluation::Verdict::NoData));
/// assert!(e.units.iter().all(|u| u.missing == 4 && u.expected == 4));
/// ```
pub fn evaluate(plan: &Plan, merges: &[Merge]) -> Evaluation {
    let mut merges: Vec<&Merge> = merges.iter().collect();
    merges.sort_by_key(|m| m.summary.year);
    merges.dedup_by_key(|m| m.summary.year);
    let years: Vec<u16> = merges.iter().map(|m| m.summary.year).collect();
    let end = years.last().copied().unwrap_or(plan.last_year);
    Evaluation {
        plan: plan.title.trim_end_matches("（征求意见稿）").to_string(),
        plan_id: plan.id.clone(),
        plan_hash: plan.hash.clone(),
        interim: end < plan.last_year,
        latest_date: merges.iter().filter_map(|m| m.latest_date).max(),
        indicators: indicators(plan, &merges, end),
        measures: measures(plan, &merges),
        units: units(plan, &merges),
        years,
    }
}

fn indicators(plan: &Plan, merges: &[&Merge], end: u16) -> Vec<IndicatorEvaluation> {
    plan.indicators
        .iter()
        .map(|ind| {
            let by_year: BTreeMap<u16, Option<f64>> = merges
                .iter()
                .map(|m| (m.summary.year, m.summary.indicators.iter().find(|t| t.id == ind.id).and_then(|t| t.total)))
                .collect();
            let known: BTreeMap<u16, f64> = by_year.iter().filter_map(|(&y, v)| Some((y, (*v)?))).collect();
            let final_value = value_at(ind.kind, &known, end);
            let final_year = match ind.kind {
                IndicatorKind::Stock => known.range(..=end).next_back().map(|(&y, _)| y).filter(|&y| y < end),
                _ => None,
            };
            let rate = final_value.map(|v| if ind.target > 0.0 { round6(v / ind.target) } else { ON_TRACK });
            IndicatorEvaluation {
                id: ind.id.clone(),
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                kind: ind.kind,
                attribute: ind.attribute.clone(),
                baseline: ind.base_value,
                target: ind.target,
                values: by_year.iter().map(|(y, v)| (y.to_string(), *v)).collect(),
                final_value,
                final_year,
                rate,
                verdict: Verdict::of_rate(rate),
            }
        })
        .collect()
}

fn measures(plan: &Plan, merges: &[&Merge]) -> Vec<MeasureEvaluation> {
    let mut out = Vec::new();
    for m in plan.measures() {
        // Every unit of the measure with its role, lead units first (a plan without roles:
        // every unit 责任).
        let units: Vec<(&String, &str)> = if m.measure.roles.is_empty() {
            m.measure.units.iter().map(|u| (u, Role::Responsible.label())).collect()
        } else {
            m.measure.roles.iter().map(|r| (&r.unit, r.role.label())).collect()
        };
        for (unit, role) in units {
            let mut statuses = BTreeMap::new();
            let mut last = None;
            for merge in merges {
                let row = merge.rows.iter().find(|r| r.measure == m.measure.id && &r.unit == unit);
                let status = row.map_or(NOT_SUBMITTED, |r| r.status.as_str());
                statuses.insert(merge.summary.year.to_string(), status.to_string());
                if status != NOT_SUBMITTED {
                    last = row.map(|r| (merge.summary.year, r));
                }
            }
            let final_status = last.map_or(NOT_SUBMITTED, |(_, r)| r.status.as_str()).to_string();
            let verdict = if final_status == Status::Done.label() {
                MeasureVerdict::Done
            } else if final_status == Status::Ongoing.label() {
                MeasureVerdict::Ongoing
            } else {
                MeasureVerdict::NotDone
            };
            out.push(MeasureEvaluation {
                id: m.measure.id.clone(),
                task: m.task.number,
                unit: unit.clone(),
                role: role.to_string(),
                statuses,
                final_status,
                final_year: last.map(|(y, _)| y),
                verdict,
                progress: last.map(|(_, r)| r.progress.clone()).unwrap_or_default(),
                problems: last.map(|(_, r)| r.problems.clone()).unwrap_or_default(),
            });
        }
    }
    out
}

fn units(plan: &Plan, merges: &[&Merge]) -> Vec<UnitRecord> {
    plan.units
        .iter()
        .filter_map(|u| {
            let mut rec = UnitRecord {
                unit: u.name.clone(),
                expected: 0,
                reported: 0,
                on_time: 0,
                late: 0,
                rejected: 0,
                missing: 0,
            };
            for merge in merges {
                let Some(s) = merge.units.iter().find(|s| s.unit == u.name) else { continue };
                rec.expected += 1;
                match s.state {
                    UnitState::Received => {
                        rec.reported += 1;
                        if on_time(plan, merge, &u.name, s.path.as_ref()) {
                            rec.on_time += 1;
                        } else {
                            rec.late += 1;
                        }
                    }
                    UnitState::Rejected => rec.rejected += 1,
                    UnitState::Missing => rec.missing += 1,
                }
            }
            (rec.expected > 0).then_some(rec)
        })
        .collect()
}

impl Evaluation {
    /// How many indicators have each verdict, in [`Verdict::ALL`] order.
    pub fn indicator_counts(&self) -> [(Verdict, usize); 4] {
        Verdict::ALL.map(|v| (v, self.indicators.iter().filter(|i| i.verdict == v).count()))
    }

    /// How many measure × unit pairs have each verdict, in [`MeasureVerdict::ALL`] order.
    pub fn measure_counts(&self) -> [(MeasureVerdict, usize); 3] {
        MeasureVerdict::ALL.map(|v| (v, self.measures.iter().filter(|m| m.verdict == v).count()))
    }
}

/// Sheet names and header labels of the evaluation workbook (contract §12).
pub mod layout {
    /// The indicators sheet.
    pub const INDICATOR_SHEET: &str = "指标终期评估";
    /// The measures sheet.
    pub const MEASURE_SHEET: &str = "举措终期评估";
    /// The reporting record sheet.
    pub const UNIT_SHEET: &str = "单位报送情况";
    /// Indicator columns before the year columns.
    pub const INDICATOR_LEAD: [&str; 6] = ["指标编号", "指标名称", "属性", "计量单位", "基期值", "目标值"];
    /// Indicator columns after the year columns.
    pub const INDICATOR_TAIL: [&str; 3] = ["期末值", "完成率", "评估结论"];
    /// Measure columns before the year columns.
    pub const MEASURE_LEAD: [&str; 4] = ["举措编号", "落实举措", "单位", "角色"];
    /// Measure columns after the year columns.
    pub const MEASURE_TAIL: [&str; 2] = ["终期状态", "评估结论"];
    /// The reporting record's columns.
    pub const UNIT_COLUMNS: [&str; 7] = ["单位", "应报年度", "已报", "按期", "逾期", "退回", "未报送"];

    /// A year column's label: `2022年`.
    pub fn year_label(year: u16) -> String {
        format!("{year}年")
    }

    /// The full header of a sheet: `lead`, one column per year, `tail`.
    pub fn header(lead: &[&str], years: &[u16], tail: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = lead.iter().map(|s| s.to_string()).collect();
        out.extend(years.iter().map(|&y| year_label(y)));
        out.extend(tail.iter().map(|s| s.to_string()));
        out
    }
}

//! Progress over the whole plan period (2022..2025): per indicator the value so far
//! against the target, and an on-track judgement; per measure the status of each unit in
//! each year.
//!
//! # What "so far" means (contract §3)
//! - `flow` (new each year): the **sum** of the city values of the years `first_year..=Y`;
//!   a year without data counts as 0 and the reason says so.
//! - `stock` (level at year end): the city value of the **latest** year `<= Y` with data.
//! - `annual` (each year on its own): the city value of year `Y` alone.
//!
//! # The on-track judgement
//! With `n = last_year - first_year + 1` plan years (4) and `k = Y - first_year + 1`
//! years elapsed at the end of `Y`:
//! - `flow` and `stock`: the **expected** value at the end of `Y` is `target × k / n` (a
//!   straight line from zero at the end of `first_year - 1` to the target at the end of
//!   `last_year`) when the plan states no baseline. `ratio = value / expected`.
//!   A `stock` with a baseline (基期年度 B, 基期值 b) is expected at
//!   `b + (target − b) × (Y − B) / (last_year − B)` and judged on the way made from the
//!   baseline: `ratio = (value − b) / (expected − b)` (below the baseline is 滞后).
//!   A value at or above the target is always 正常.
//! - `annual`: `ratio = value of Y / target` (the target holds every year).
//!
//! `ratio` is rounded to 6 decimals, then: `ratio >= 1.0` → 正常 ([`Judgement::OnTrack`]),
//! `1.0 > ratio >= 0.8` → 关注 ([`Judgement::Watch`]), `ratio < 0.8` → 滞后
//! ([`Judgement::Behind`]); no data at all → 无数据 ([`Judgement::NoData`]).
//! The reason (Chinese) states the value, the expected value, the ratio and, for `flow`,
//! the yearly pace so far against the yearly pace needed in the remaining years.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::number::{city_total, round6};
use crate::plan::{Indicator, IndicatorKind, Plan};
use crate::report::{NOT_SUBMITTED, Report};
use crate::value::display;

/// `ratio >= ON_TRACK` is 正常.
pub const ON_TRACK: f64 = 1.0;
/// `ON_TRACK > ratio >= WATCH` is 关注; below is 滞后.
pub const WATCH: f64 = 0.8;

/// The rule in words for people, from [`ON_TRACK`] and [`WATCH`]:
/// `实际 ÷ 应达值 ≥ 100% 为“正常”，≥ 80% 为“关注”，低于 80% 为“滞后”`.
///
/// ```
/// assert!(jz_core::progress::judgement_rule().contains("≥ 80% 为“关注”"));
/// ```
pub fn judgement_rule() -> String {
    let pct = |r: f64| round6(r * 100.0);
    format!("实际 ÷ 应达值 ≥ {}% 为“正常”，≥ {}% 为“关注”，低于 {}% 为“滞后”", pct(ON_TRACK), pct(WATCH), pct(WATCH))
}

/// What one unit reported in one year: indicator values and measure statuses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitYear {
    /// Indicator id → value (blank values are left out).
    #[serde(default)]
    pub values: BTreeMap<String, f64>,
    /// Measure id → 完成状态 label (blank statuses are left out).
    #[serde(default)]
    pub statuses: BTreeMap<String, String>,
}

/// Everything known about one year: each unit's accepted report, reduced to numbers and statuses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearData {
    /// The reporting year.
    pub year: u16,
    /// Canonical unit name → what it reported.
    pub units: BTreeMap<String, UnitYear>,
}

impl YearData {
    /// The year's data from the accepted reports of that year.
    pub fn from_reports<'a>(year: u16, reports: impl IntoIterator<Item = &'a Report>) -> YearData {
        let mut units = BTreeMap::new();
        for r in reports {
            let Some(unit) = r.unit.clone() else { continue };
            let values = r.indicators.iter().filter_map(|e| Some((e.id.clone(), e.value?))).collect();
            let statuses =
                r.measures.iter().filter_map(|e| Some((e.id.clone(), e.status?.label().to_string()))).collect();
            units.insert(unit, UnitYear { values, statuses });
        }
        YearData { year, units }
    }

    /// The city value of an indicator this year: the sum over its reporters, or the first
    /// reporter's value (plan unit order) for `single`; `None` when no reporter has a value.
    pub fn city_value(&self, plan: &Plan, ind: &Indicator) -> Option<f64> {
        let counted: Vec<f64> = plan
            .units
            .iter()
            .filter(|u| ind.reporter_units.contains(&u.name))
            .filter_map(|u| self.units.get(&u.name)?.values.get(&ind.id).copied())
            .collect();
        city_total(ind.aggregation, &counted)
    }
}

/// 正常 / 关注 / 滞后 / 无数据.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Judgement {
    /// 正常: at or above the expected pace.
    #[serde(rename = "正常")]
    OnTrack,
    /// 关注: at least 80 % of the expected pace.
    #[serde(rename = "关注")]
    Watch,
    /// 滞后: below 80 % of the expected pace.
    #[serde(rename = "滞后")]
    Behind,
    /// 无数据: nothing reported.
    #[serde(rename = "无数据")]
    NoData,
}

impl Judgement {
    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Judgement::OnTrack => "正常",
            Judgement::Watch => "关注",
            Judgement::Behind => "滞后",
            Judgement::NoData => "无数据",
        }
    }

    /// The judgement of a ratio of actual to expected (rounded to 6 decimals first).
    pub fn of_ratio(ratio: f64) -> Judgement {
        let r = round6(ratio);
        if r >= ON_TRACK {
            Judgement::OnTrack
        } else if r >= WATCH {
            Judgement::Watch
        } else {
            Judgement::Behind
        }
    }
}

/// One indicator's standing against the plan target at the end of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorProgress {
    /// `I01`..
    pub id: String,
    /// flow / stock / annual.
    pub kind: IndicatorKind,
    /// The plan target.
    pub target: f64,
    /// flow: sum so far; stock: latest level; annual: this year's value. `null` without data.
    pub cumulative: Option<f64>,
    /// `cumulative / target`; `null` without data.
    pub rate: Option<f64>,
    /// What `cumulative` should be by now (flow, stock: `target × k / n`; annual: `target`).
    pub expected: f64,
    /// 正常 / 关注 / 滞后 / 无数据.
    pub judgement: Judgement,
    /// Why, in Chinese.
    pub reason: String,
    /// City value per year `first_year..=Y` (`"2022"` → value, `null` when no data).
    pub years: BTreeMap<String, Option<f64>>,
    /// `rate` as it stood at the end of each year `first_year..=Y` (`null` without data then).
    pub rates: BTreeMap<String, Option<f64>>,
}

/// The value an indicator is judged on at the end of `year`: flow the sum so far, stock the
/// latest level, annual that year's value; `None` without data.
pub fn value_at(kind: IndicatorKind, values: &BTreeMap<u16, f64>, year: u16) -> Option<f64> {
    let mut so_far = values.range(..=year);
    match kind {
        IndicatorKind::Flow => {
            let v: Vec<f64> = so_far.map(|(_, v)| *v).collect();
            if v.is_empty() { None } else { Some(round6(v.iter().sum())) }
        }
        IndicatorKind::Stock => so_far.next_back().map(|(_, v)| *v),
        IndicatorKind::Annual => values.get(&year).copied(),
    }
}

/// One row of the summary's hidden `_meta` as JSON (progress, trend, history rows).
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Parses a `_meta` JSON row written by [`to_json`]; `None` when it does not parse.
pub fn from_json<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// The statuses of one unit for a measure, per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitTrend {
    /// Canonical unit name.
    pub unit: String,
    /// `"2022"` → 完成状态, or `未报送` when the unit has no data that year.
    pub years: BTreeMap<String, String>,
}

/// Per measure, the status of each responsible unit in each year with data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureTrend {
    /// Measure id.
    pub id: String,
    /// Responsible units in plan order.
    pub units: Vec<UnitTrend>,
}

/// The progress view of the year `year` from the data of every year (any order; years after
/// `year` are ignored). Returns the years with data, the indicators and the measure trend.
pub fn progress(plan: &Plan, year: u16, data: &[YearData]) -> (Vec<u16>, Vec<IndicatorProgress>, Vec<MeasureTrend>) {
    let by_year: BTreeMap<u16, &YearData> = data.iter().filter(|d| d.year <= year).map(|d| (d.year, d)).collect();
    let years: Vec<u16> = by_year.keys().copied().collect();
    let indicators = plan
        .indicators
        .iter()
        .map(|ind| {
            let values: BTreeMap<u16, f64> =
                by_year.iter().filter_map(|(&y, d)| Some((y, d.city_value(plan, ind)?))).collect();
            assess(ind, plan.first_year, plan.last_year, year, &values)
        })
        .collect();
    let trend = plan
        .measures()
        .map(|m| MeasureTrend {
            id: m.measure.id.clone(),
            units: m
                .task
                .units
                .iter()
                .map(|unit| UnitTrend {
                    unit: unit.clone(),
                    years: by_year
                        .iter()
                        .map(|(y, d)| {
                            let status = d.units.get(unit).and_then(|u| u.statuses.get(&m.measure.id));
                            (y.to_string(), status.map_or(NOT_SUBMITTED.to_string(), Clone::clone))
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    (years, indicators, trend)
}

/// One indicator's progress at the end of `year`, from its city values by year.
pub fn assess(
    ind: &Indicator,
    first_year: u16,
    last_year: u16,
    year: u16,
    values: &BTreeMap<u16, f64>,
) -> IndicatorProgress {
    let target = ind.target;
    let u = ind.unit.as_str();
    let n = f64::from(last_year.saturating_sub(first_year) + 1);
    let k_years = year.saturating_sub(first_year) + 1;
    let k = f64::from(k_years).min(n);
    let so_far: BTreeMap<u16, f64> = values.range(..=year).map(|(y, v)| (*y, *v)).collect();
    let years = (first_year..=year).map(|y| (y.to_string(), so_far.get(&y).copied())).collect();
    let missing: Vec<String> = (first_year..=year).filter(|y| !so_far.contains_key(y)).map(|y| y.to_string()).collect();
    let pct = |r: f64| format!("{:.1}%", round6(r) * 100.0);
    let line_expected = round6(target * k / n);

    let (cumulative, expected, judgement, reason) = match ind.kind {
        IndicatorKind::Flow => {
            if so_far.is_empty() {
                (None, line_expected, Judgement::NoData, format!("{first_year}–{year} 年均无填报数据。"))
            } else {
                let c = round6(so_far.values().sum());
                let mut reason = format!(
                    "{first_year}–{year} 年累计 {} {u}，按进度 {year} 年末应达 {} {u}（目标 {} {u} 的 {k_years}/{n}），为应达进度的 {}",
                    display(c),
                    display(line_expected),
                    display(target),
                    pct(c / line_expected)
                );
                let left = n - k;
                if c >= target {
                    reason.push_str("；已达到目标。");
                } else if left > 0.0 {
                    reason.push_str(&format!(
                        "；此前年均 {} {u}，余下 {left} 年需年均 {} {u}。",
                        display(round6(c / k)),
                        display(round6((target - c) / left))
                    ));
                } else {
                    reason.push_str(&format!("；计划期已满，尚差 {} {u}。", display(round6(target - c))));
                }
                if !missing.is_empty() {
                    reason.push_str(&format!("（{} 年无数据，按 0 计。）", missing.join("、")));
                }
                let j = if c >= target { Judgement::OnTrack } else { Judgement::of_ratio(c / line_expected) };
                (Some(c), line_expected, j, reason)
            }
        }
        IndicatorKind::Stock if ind.baseline().is_some_and(|(y, _)| y < last_year) => {
            stock_from_baseline(ind, last_year, year, &so_far)
        }
        IndicatorKind::Stock => match so_far.iter().next_back() {
            None => (None, line_expected, Judgement::NoData, format!("{first_year}–{year} 年均无填报数据。")),
            Some((&ly, &v)) => {
                let mut reason = format!(
                    "{ly} 年末为 {} {u}，目标 {} {u}；按线性进度 {year} 年末应达 {} {u}（目标的 {k_years}/{n}），为应达进度的 {}",
                    display(v),
                    display(target),
                    display(line_expected),
                    pct(v / line_expected)
                );
                reason.push_str(if v >= target { "；已达到目标。" } else { "。" });
                if ly < year {
                    reason.push_str(&format!("（{year} 年无数据，用 {ly} 年的数值。）"));
                }
                let j = if v >= target { Judgement::OnTrack } else { Judgement::of_ratio(v / line_expected) };
                (Some(v), line_expected, j, reason)
            }
        },
        IndicatorKind::Annual => match so_far.get(&year) {
            None => (None, target, Judgement::NoData, format!("{year} 年无填报数据。")),
            Some(&v) => {
                let met = so_far.values().filter(|&&x| x >= target).count();
                let reason = format!(
                    "{year} 年为 {} {u}，每年目标 {} {u}，为目标的 {}；有数据的 {} 年中 {met} 年达到目标。",
                    display(v),
                    display(target),
                    pct(v / target),
                    so_far.len()
                );
                (Some(v), target, Judgement::of_ratio(v / target), reason)
            }
        },
    };
    IndicatorProgress {
        id: ind.id.clone(),
        kind: ind.kind,
        target,
        cumulative,
        rate: cumulative.map(|c| round6(c / target)),
        expected,
        judgement,
        reason,
        years,
        rates: (first_year..=year)
            .map(|y| (y.to_string(), value_at(ind.kind, values, y).map(|v| round6(v / target))))
            .collect(),
    }
}

/// A stock indicator with a baseline (contract §11): expected at the end of `year` is
/// `基期值 + (目标值 − 基期值) × (Y − 基期年度) / (截止年度 − 基期年度)`; judged on the way
/// made from the baseline (`(value − 基期值) / (expected − 基期值)`), so a value below
/// the baseline is 滞后. Returns (value, expected, judgement, reason).
fn stock_from_baseline(
    ind: &Indicator,
    last_year: u16,
    year: u16,
    so_far: &BTreeMap<u16, f64>,
) -> (Option<f64>, f64, Judgement, String) {
    let (base_year, base) = ind.baseline().unwrap_or((last_year, 0.0));
    let target = ind.target;
    let u = ind.unit.as_str();
    let span = f64::from(last_year.saturating_sub(base_year).max(1));
    let elapsed = f64::from(year.min(last_year).saturating_sub(base_year));
    let expected = round6(base + (target - base) * elapsed / span);
    let Some((&ly, &v)) = so_far.iter().next_back() else {
        return (None, expected, Judgement::NoData, format!("截至 {year} 年均无填报数据。"));
    };
    let rising = target >= base;
    let reached = if rising { v >= target } else { v <= target };
    let step = expected - base;
    let ratio = if step.abs() < 1e-9 { if reached { 1.0 } else { 0.0 } } else { (v - base) / step };
    let mut reason = format!(
        "{ly} 年末为 {} {u}，基期（{base_year} 年）为 {} {u}，目标 {} {u}；按基期起的线性进度 {year} 年末应达 {} {u}，已完成应达增量的 {:.1}%",
        display(v),
        display(base),
        display(target),
        display(expected),
        round6(ratio) * 100.0
    );
    if reached {
        reason.push_str("；已达到目标。");
    } else if if rising { v < base } else { v > base } {
        reason.push_str("；低于基期值。");
    } else {
        reason.push('。');
    }
    if ly < year {
        reason.push_str(&format!("（{year} 年无数据，用 {ly} 年的数值。）"));
    }
    let j = if reached { Judgement::OnTrack } else { Judgement::of_ratio(ratio) };
    (Some(v), expected, j, reason)
}

/// Combines year data from several sources into one entry per year (sorted by year): a
/// unit present in several entries of the same year takes its data from the last one.
pub fn combine(sources: impl IntoIterator<Item = YearData>) -> Vec<YearData> {
    let mut out: BTreeMap<u16, YearData> = BTreeMap::new();
    for d in sources {
        let entry = out.entry(d.year).or_insert_with(|| YearData { year: d.year, units: BTreeMap::new() });
        entry.units.extend(d.units);
    }
    out.into_values().collect()
}

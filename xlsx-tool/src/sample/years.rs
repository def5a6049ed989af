//! A whole reporting round over several years (`sample --years 2022-2025`): every unit's
//! workbook of every year on a plausible path, so one merge shows the multi-year view,
//! the cross-year warnings and 变更记录.
//!
//! What the last year of the round holds, on purpose:
//! - the city reaches most indicator targets on pace (正常); [`WATCH`] are a little short
//!   (关注), [`BEHIND`] clearly behind (滞后);
//! - 孟州市 writes I12 (亿元) ten times its previous year's value: a 万元/亿元 slip
//!   (`value-jump`); 山阳区's I07 (a year-end stock) falls below its previous year's
//!   (`stock-decreased`);
//! - 温县 sends two files differing in exactly three cells (填报日期, the first measure's
//!   进展情况, I11's 本年度完成值); the later 填报日期 wins;
//! - 中医药局 sends nothing, 博爱县's file has errors (rejected);
//! - files are dated before the plan's deadline, except 修武县's and 马村区's (late).
//!
//! Values are shared among an indicator's reporters so the city totals are exactly as
//! planned (the rejected unit's share goes to the others). Deterministic from the seed.

use jz_core::{Date, IndicatorKind, Plan, Report, Status};

use super::{NEXT, PROGRESS, Rng, break_file, sample_report};
use crate::Error;

/// Indicators a little short of their pace in the last year (关注).
pub const WATCH: [&str; 5] = ["I02", "I11", "I17", "I21", "I26"];
/// Indicators clearly behind in the last year (滞后).
pub const BEHIND: [&str; 3] = ["I04", "I13", "I16"];
/// The unit whose last-year file is resubmitted (two versions).
pub const RESUBMITTING: &str = "温县";
/// The unit with no file in the last year.
pub const MISSING: &str = "中医药局";
/// The unit whose last-year file has errors.
pub const REJECTED: &str = "博爱县";
/// The unit with the 万元/亿元 slip in I12.
pub const SLIPPING: &str = "孟州市";
/// The unit whose I07 stock decreases.
pub const DECREASING: &str = "山阳区";
/// Units that send their last-year file after the deadline.
pub const LATE: [&str; 2] = ["修武县", "马村区"];

/// The workbooks of every unit for every year `first..=last` (file names
/// `{unit}_{year}年度填报表.xlsx`, plus 温县's `_初稿`), in year then plan unit order.
///
/// # Errors
/// When a workbook cannot be written (not expected).
pub fn sample_years(plan: &Plan, first: u16, last: u16, seed: u64) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut rng = Rng::new(seed);
    let units = plan.expected_units();
    let paths: Vec<Path> = units.iter().map(|_| Path::new(&mut rng)).collect();
    let mut files = Vec::new();
    for year in first..=last {
        let final_year = year == last;
        for (u, unit) in units.iter().enumerate() {
            if final_year && *unit == MISSING {
                continue;
            }
            let mut report = sample_report(plan, unit, year, &mut rng);
            set_statuses(&mut report, &paths[u], year - first, &mut rng);
            set_values(plan, &mut report, first, last, year);
            report.date = date(plan, year, unit, final_year, &mut rng);
            if final_year && *unit == REJECTED {
                break_file(&mut report);
            }
            if final_year && *unit == RESUBMITTING {
                let draft = draft_of(&report);
                files.push((
                    format!("{unit}_{year}年度填报表_初稿.xlsx"),
                    crate::template::filled(plan, &draft, unit, year, &[])?,
                ));
            }
            let name = format!("{unit}_{year}年度填报表.xlsx");
            files.push((name, crate::template::filled(plan, &report, unit, year, &[])?));
        }
    }
    Ok(files)
}

/// How one unit's measures move over the years: the year index each is completed in
/// (`None`: never in the round), whether it is 持续推进 work, and whether it had not
/// started in the first year.
struct Path(Vec<(Option<u16>, bool, bool)>);

impl Path {
    fn new(rng: &mut Rng) -> Path {
        Path(
            (0..64)
                .map(|_| {
                    let done = [Some(1), Some(2), Some(3), Some(3), None, None][rng.below(6)];
                    (done, rng.below(2) == 0, rng.below(3) == 0)
                })
                .collect(),
        )
    }
}

fn set_statuses(report: &mut Report, path: &Path, k: u16, rng: &mut Rng) {
    for (i, m) in report.measures.iter_mut().enumerate() {
        let (done, ongoing, late_start) = path.0.get(i % path.0.len()).copied().unwrap_or((None, false, false));
        let status = match done {
            Some(d) if k >= d => Status::Done,
            _ if k == 0 && late_start => Status::NotStarted,
            _ if ongoing => Status::Ongoing,
            _ => Status::InProgress,
        };
        m.status = Some(status);
        m.status_text = status.label().to_string();
        match status {
            Status::NotStarted => m.progress.clear(),
            _ if m.progress.is_empty() => {
                m.progress = format!("{}。", rng.pick(&PROGRESS).replace("{n}", "3").replace("{m}", "120"))
            }
            _ => {}
        }
        if status == Status::Done {
            m.next_plan.clear();
        } else if m.next_plan.is_empty() {
            m.next_plan = rng.pick(&NEXT).to_string();
        }
    }
}

/// The city value of `indicator` planned for `year`, in hundredths (decimals) or whole
/// numbers (counts): flow as the step of a cumulative path, stock as a rising level,
/// annual near the target, each ending at `target × ratio` in the last year.
fn city_value(plan: &Plan, id: &str, first: u16, last: u16, year: u16) -> Option<i64> {
    let ind = plan.indicator(id)?;
    let ratio = if WATCH.contains(&id) {
        0.88
    } else if BEHIND.contains(&id) {
        0.6
    } else {
        1.2
    };
    let scale = if ind.is_count() { 1.0 } else { 100.0 };
    let n = f64::from(last - first + 1);
    let k = f64::from(year - first + 1);
    let at = |k: f64| -> i64 {
        // Flows grow a little each year: cumulative share k(k+7)/(n(n+7)).
        let share = match ind.kind {
            IndicatorKind::Flow => k * (k + 7.0) / (n * (n + 7.0)),
            IndicatorKind::Stock => k / n,
            IndicatorKind::Annual => 0.85 + 0.15 * k / n,
        };
        (ind.target * ratio * share * scale).round() as i64
    };
    Some(match ind.kind {
        IndicatorKind::Flow => at(k) - at(k - 1.0),
        _ => at(k),
    })
}

/// One unit's planned value of an indicator in `year` (its share of the city value).
fn unit_value(plan: &Plan, id: &str, unit: &str, first: u16, last: u16, year: u16) -> Option<f64> {
    let ind = plan.indicator(id)?;
    // In the last year the rejected unit's share goes to the others.
    let sharing: Vec<&String> = ind
        .reporter_units
        .iter()
        .filter(|u| year != last || u.as_str() != REJECTED || ind.reporter_units.len() == 1)
        .collect();
    let index = sharing.iter().position(|u| u.as_str() == unit)?;
    let total = city_value(plan, id, first, last, year)?;
    let n = sharing.len() as i64;
    let mine = total / n + i64::from((index as i64) < total % n);
    Some(if ind.is_count() { mine as f64 } else { mine as f64 / 100.0 })
}

fn set_values(plan: &Plan, report: &mut Report, first: u16, last: u16, year: u16) {
    let Some(unit) = report.unit.clone() else { return };
    for entry in &mut report.indicators {
        let Some(mut value) = unit_value(plan, &entry.id, &unit, first, last, year) else { continue };
        if year == last && year > first && unit == DECREASING && entry.id == "I07" {
            let before = unit_value(plan, &entry.id, &unit, first, last, year - 1).unwrap_or(1.0);
            value = (before - 1.0).max(0.0);
        }
        if year == last && year > first && unit == SLIPPING && entry.id == "I12" {
            let before = unit_value(plan, &entry.id, &unit, first, last, year - 1).unwrap_or(0.3);
            value = (before * 1000.0).round() / 100.0;
        }
        entry.value = Some(value);
        entry.value_text = jz_core::cell::format_number(value);
    }
}

fn date(plan: &Plan, year: u16, unit: &str, final_year: bool, rng: &mut Rng) -> Option<Date> {
    let deadline = plan.due_date(year)?;
    if final_year && LATE.contains(&unit) {
        return Date::from_serial(deadline.to_serial() + 3.0 + rng.below(6) as f64);
    }
    Date::from_serial(deadline.to_serial() - 6.0 - rng.below(20) as f64)
}

/// The first version of a resubmitted file: three cells differ from the final one.
fn draft_of(report: &Report) -> Report {
    let mut draft = report.clone();
    draft.date = report.date.and_then(|d| Date::from_serial(d.to_serial() - 5.0));
    if let Some(m) = draft.measures.iter_mut().find(|m| !m.progress.is_empty()) {
        m.progress = "（初稿）相关工作正在推进，具体情况待补充".into();
    }
    if let Some(e) = draft.indicators.iter_mut().find(|e| e.id == "I11") {
        let v = e.value.unwrap_or(0.0) + 5.0;
        e.value = Some(v);
        e.value_text = jz_core::cell::format_number(v);
    }
    draft
}

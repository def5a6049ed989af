//! What the office chases after a merge (contract §10): the 督办清单 (units that did not
//! report or were sent back, measures still 未启动 in the plan's last two years, indicators
//! judged 滞后 or 关注 per reporting unit) and the 催报名单 (every unit 未报送 or 退回, with
//! whom to call and a notice ready to paste into a message).
//!
//! Pure: computed from a [`Merge`] (its unit statuses, every file of every year with its
//! outcome, the multi-year `progress` and `trend`, the data of every year) and the plan.
//!
//! # Order
//! 督办清单: by unit in plan order, then category ([`category::ALL`] order), then the
//! measure or indicator in plan order. 催报名单: by unit in plan order.
//!
//! # Where a contact comes from
//! A unit's 联系人 and 联系电话 come from its latest file among the inputs that names
//! either (latest by 报告年度, then 填报日期, then SHA-256, then file name), whether that
//! file was accepted, rejected, superseded or of an earlier year: a rejected file still
//! says whom to call. `最近一次报送` describes the unit's latest file of all.

use std::collections::BTreeMap;

use super::{FileOutcome, Merge, MergeSummary, UnitState};
use crate::plan::{Aggregation, IndicatorKind, Plan};
use crate::progress::Judgement;
use crate::report::Status;
use crate::value::display;

/// 督办清单 header (contract §10).
pub const SUPERVISION_COLUMNS: [&str; 6] = ["单位", "类别", "编号", "内容", "情况", "依据"];
/// 催报名单 header (contract §10).
pub const REMINDER_COLUMNS: [&str; 6] = ["单位", "状态", "联系人", "联系电话", "最近一次报送", "需要做的"];
/// `最近一次报送` of a unit that never sent a file among the inputs.
pub const NEVER_SUBMITTED: &str = "未收到过该单位的报表";

/// The categories of the 督办清单, in sheet order.
pub mod category {
    /// A unit that did not report, or whose file was sent back.
    pub const REPORT: &str = "报送";
    /// A measure still 未启动 in the plan's last two years.
    pub const NOT_STARTED: &str = "举措未启动";
    /// An indicator judged 滞后.
    pub const BEHIND: &str = "指标滞后";
    /// An indicator judged 关注.
    pub const WATCH: &str = "指标关注";
    /// A measure past its 完成时限 and not 已完成 (contract §11).
    pub const OVERDUE: &str = "逾期未完成";
    /// Every category in order.
    pub const ALL: [&str; 5] = [REPORT, OVERDUE, NOT_STARTED, BEHIND, WATCH];
}

pub use super::result::{ReminderRow, SupervisionRow};

/// The deadline for the report of `year` as people write it (`2026年1月31日`), from
/// [`Plan::report_deadline`].
pub fn deadline(plan: &Plan, year: u16) -> String {
    let d = plan.report_deadline();
    format!("{}年{}", u32::from(year) + 1, d.chinese())
}

/// Fills `merge.summary.supervision` and `merge.summary.reminders`.
pub fn fill(plan: &Plan, merge: &mut Merge) {
    merge.summary.supervision = supervision(plan, merge);
    merge.summary.reminders = reminders(plan, merge);
}

/// The 督办清单 of a merge.
pub fn supervision(plan: &Plan, merge: &Merge) -> Vec<SupervisionRow> {
    let s = &merge.summary;
    let year = s.year;
    let unit_rank = |unit: &str| plan.units.iter().position(|u| u.name == unit).unwrap_or(usize::MAX);
    let cat_rank = |c: &str| category::ALL.iter().position(|x| *x == c).unwrap_or(usize::MAX);
    let mut keyed: Vec<((usize, usize, usize), SupervisionRow)> = Vec::new();
    let mut push = |item: usize, row: SupervisionRow| {
        keyed.push(((unit_rank(&row.unit), cat_rank(&row.category), item), row));
    };

    // (a) Not reported, or sent back.
    let report_basis = plan.report_basis();
    for u in merge.units.iter().filter(|u| u.state != UnitState::Received) {
        let situation = match u.state {
            UnitState::Rejected => {
                let file = u.path.as_deref().and_then(|p| rejected_file(merge, &u.unit, p));
                let (name, y, errors) = file.map_or((String::new(), None, 0), |f| {
                    let errs = f.submission.diagnostics.iter().filter(|d| d.is_error()).count();
                    (short(f.submission.file_name(), MAX_NAME), f.submission.report.year, errs)
                });
                let y = y.map(|y| format!("{y}年度")).unwrap_or_default();
                format!("退回：{y}填报表“{name}”有 {errors} 处错误，未汇总")
            }
            _ => format!("未报送：没有收到{year}年度填报表"),
        };
        push(
            0,
            SupervisionRow {
                unit: u.unit.clone(),
                category: category::REPORT.into(),
                id: String::new(),
                content: format!("{year}年度任务落实情况填报表"),
                situation,
                basis: report_basis.clone(),
            },
        );
    }

    // (b) Measures past their 完成时限 (on or before 31 December of the year) and not 已完成.
    let overdue = overdue_rows(plan, merge);
    for (item, row) in overdue.iter().cloned() {
        push(item, row);
    }

    // (c) Measures still 未启动 in the plan's last two years (unless already overdue).
    if year.saturating_add(1) >= plan.last_year {
        let order: BTreeMap<&str, usize> =
            plan.measures().enumerate().map(|(i, m)| (m.measure.id.as_str(), i)).collect();
        let not_started = Status::NotStarted.label();
        let listed = |r: &crate::merge::DetailRow| overdue.iter().any(|(_, o)| o.unit == r.unit && o.id == r.measure);
        for r in merge.rows.iter().filter(|r| r.assigned && r.status == not_started && !listed(r)) {
            let Some(m) = plan.measure(&r.measure) else { continue };
            let before: Vec<String> = s
                .trend
                .iter()
                .find(|t| t.id == r.measure)
                .and_then(|t| t.units.iter().find(|u| u.unit == r.unit))
                .map(|u| {
                    u.years
                        .iter()
                        .filter(|(y, st)| y.parse::<u16>().is_ok_and(|y| y < year) && st.as_str() == not_started)
                        .map(|(y, _)| y.clone())
                        .collect()
                })
                .unwrap_or_default();
            let mut situation = format!("{year}年度填报为“未启动”");
            if !r.role.is_empty() {
                situation.push_str(&format!("（本单位为{}单位）", r.role));
            }
            if !before.is_empty() {
                situation.push_str(&format!("，{}年度也为“未启动”", before.join("、")));
            }
            if year < plan.last_year {
                situation.push_str(&format!(
                    "；距计划期结束（{}年底）只剩 {} 年",
                    plan.last_year,
                    plan.last_year - year
                ));
            } else {
                situation.push_str(&format!("；{year}年是计划期最后一年"));
            }
            push(
                order.get(r.measure.as_str()).copied().unwrap_or(usize::MAX),
                SupervisionRow {
                    unit: r.unit.clone(),
                    category: category::NOT_STARTED.into(),
                    id: r.measure.clone(),
                    content: m.measure.text.clone(),
                    situation,
                    basis: format!(
                        "实施方案附件任务清单：各项举措应在{}–{}年计划期内落实；计划期最后两年（{}–{}年）仍未启动的举措列入督办",
                        plan.first_year,
                        plan.last_year,
                        plan.last_year.saturating_sub(1),
                        plan.last_year
                    ),
                },
            );
        }
    }

    // (d) Indicators judged 滞后 or 关注, for every unit that reports them.
    for (i, p) in s.progress.iter().enumerate() {
        let cat = match p.judgement {
            Judgement::Behind => category::BEHIND,
            Judgement::Watch => category::WATCH,
            _ => continue,
        };
        let Some(ind) = plan.indicator(&p.id) else { continue };
        let u = ind.unit.as_str();
        let fmt = |v: Option<f64>| v.map_or("未填报".to_string(), |v| format!("{} {u}", display(v)));
        let single = ind.aggregation == Aggregation::Single;
        for unit in &ind.reporter_units {
            let own: BTreeMap<u16, f64> =
                merge.history.iter().filter_map(|d| Some((d.year, *d.units.get(unit)?.values.get(&ind.id)?))).collect();
            let this = own.get(&year).copied();
            let mut parts = match ind.kind {
                IndicatorKind::Flow => vec![
                    format!("本单位{year}年度：{}", fmt(this)),
                    format!(
                        "本单位{}–{year}年累计：{}",
                        plan.first_year,
                        fmt(crate::progress::value_at(ind.kind, &own, year))
                    ),
                ],
                IndicatorKind::Stock => match own.range(..=year).next_back() {
                    Some((&ly, &v)) if ly < year => {
                        vec![format!("本单位{year}年末：未填报"), format!("本单位{ly}年末：{}", fmt(Some(v)))]
                    }
                    _ => vec![format!("本单位{year}年末：{}", fmt(this))],
                },
                IndicatorKind::Annual => vec![format!("本单位{year}年度：{}", fmt(this))],
            };
            if single {
                if let Some(first) = parts.first_mut() {
                    first.push_str("（即全市数值）");
                }
            } else {
                let city = if ind.kind == IndicatorKind::Flow { "全市累计" } else { "全市" };
                parts.push(format!("{city}：{}", fmt(p.cumulative)));
            }
            let want = if ind.kind == IndicatorKind::Annual { "每年目标" } else { "按进度应达" };
            parts.push(format!("{want}：{}", fmt(Some(p.expected))));
            push(
                i,
                SupervisionRow {
                    unit: unit.clone(),
                    category: cat.into(),
                    id: p.id.clone(),
                    content: format!("{}（目标 {} {u}）", ind.marked_name(), display(ind.target)),
                    situation: parts.join("；"),
                    basis: format!("进度判断“{}”：{}", p.judgement.label(), p.reason),
                },
            );
        }
    }
    // Among a unit's 滞后/关注 rows, 约束性 indicators come first (contract §11).
    let behind = cat_rank(category::BEHIND);
    let expected_only = |r: &SupervisionRow| {
        (r.category == category::BEHIND || r.category == category::WATCH)
            && !plan.indicator(&r.id).is_some_and(|i| i.is_binding())
    };
    keyed.sort_by_key(|(k, r)| (k.0, k.1.min(behind), expected_only(r), k.1, k.2));
    keyed.into_iter().map(|(_, r)| r).collect()
}

/// The rejected file a [`crate::merge::UnitStatus`] points at.
fn rejected_file<'a>(merge: &'a Merge, unit: &str, path: &str) -> Option<&'a FileOutcome> {
    merge.files.iter().find(|f| f.submission.path == path && f.submission.report.unit.as_deref() == Some(unit))
}

/// The unit's latest file among the inputs (any outcome), optionally only among files
/// naming a contact or a phone.
fn latest_file<'a>(merge: &'a Merge, unit: &str, with_contact: bool) -> Option<&'a FileOutcome> {
    merge
        .files
        .iter()
        .filter(|f| f.submission.report.unit.as_deref() == Some(unit))
        .filter(|f| {
            let r = &f.submission.report;
            !with_contact || !r.contact.trim().is_empty() || !r.phone.trim().is_empty()
        })
        .max_by_key(|f| {
            let s = &f.submission;
            (s.report.year, s.report.date, s.sha256.as_str(), s.file_name())
        })
}

/// `2025-01-20（2024年度，温县.xlsx）`, or without a date `2024年度，温县.xlsx（未写填报日期）`.
fn describe_file(f: &FileOutcome) -> String {
    let s = &f.submission;
    let year = s.report.year.map(|y| format!("{y}年度，")).unwrap_or_default();
    match s.report.date {
        Some(d) => format!("{d}（{year}{}）", short(s.file_name(), MAX_NAME)),
        None => format!("{year}{}（未写填报日期）", short(s.file_name(), MAX_NAME)),
    }
}

/// The first error of a file as `任务填报!E11 …`, cut to about 60 characters.
fn first_error(f: &FileOutcome) -> String {
    let Some(d) = f.submission.diagnostics.iter().find(|d| d.is_error()) else { return String::new() };
    let place = match (d.sheet.as_str(), d.cell.as_str()) {
        ("", _) => String::new(),
        (s, "") => format!("{s}："),
        (s, c) => format!("{s}!{c}："),
    };
    short(&format!("{place}{}", d.message.trim().trim_end_matches(['。', '.'])), 60)
}

/// Longest contact or phone taken into the lists, in characters (a hostile file may hold
/// 32767 in a cell; the lists and their `_meta` rows must stay within Excel's cell limit).
const MAX_CONTACT: usize = 40;
/// Longest file name taken into the lists, in characters.
const MAX_NAME: usize = 120;

/// `text` trimmed and cut to `max` characters, `…` marking a cut.
fn short(text: &str, max: usize) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut cut: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        cut.push('…');
    }
    cut
}

/// The 催报名单 of a merge.
pub fn reminders(plan: &Plan, merge: &Merge) -> Vec<ReminderRow> {
    let year = merge.summary.year;
    let due = deadline(plan, year);
    // The receiving office: its own latest file names whom units call.
    let receiver = plan.collector_full_name();
    let receiver_unit = plan.collector.as_str();
    let office = latest_file(merge, receiver_unit, true).map(|f| &f.submission.report);
    let mut out = Vec::new();
    for u in merge.units.iter().filter(|u| u.state != UnitState::Received) {
        let reached = latest_file(merge, &u.unit, true).map(|f| &f.submission.report);
        let contact = reached.map(|r| short(&r.contact, MAX_CONTACT)).unwrap_or_default();
        let phone = reached.map(|r| short(&r.phone, MAX_CONTACT)).unwrap_or_default();
        let last_submitted =
            latest_file(merge, &u.unit, false).map_or_else(|| NEVER_SUBMITTED.to_string(), describe_file);
        let greeting =
            if contact.is_empty() { format!("{}：", u.unit) } else { format!("{}{contact}同志：", u.unit) };
        let mut ask = format!("如有疑问，请与{receiver}联系");
        if let Some(o) = office.filter(|_| u.unit != receiver_unit) {
            let who: Vec<String> = [short(&o.contact, MAX_CONTACT), short(&o.phone, MAX_CONTACT)]
                .iter()
                .zip(["联系人", "电话"])
                .filter(|(v, _)| !v.is_empty())
                .map(|(v, label)| format!("{label} {v}"))
                .collect();
            if !who.is_empty() {
                ask.push_str(&format!("（{}）", who.join("，")));
            }
        }
        ask.push('。');
        let (todo, notice) = match u.state {
            UnitState::Rejected => {
                let file = u.path.as_deref().and_then(|p| rejected_file(merge, &u.unit, p));
                let errors = file.map_or(0, |f| f.submission.diagnostics.iter().filter(|d| d.is_error()).count());
                let example = file.map(first_error).unwrap_or_default();
                let like = if example.is_empty() { String::new() } else { format!("，如：{example}") };
                let like_notice = if example.is_empty() { String::new() } else { format!("（如：{example}）") };
                let name = file.map_or(String::new(), |f| short(f.submission.file_name(), MAX_NAME));
                let y = file.and_then(|f| f.submission.report.year).map(|y| format!("{y}年度")).unwrap_or_default();
                (
                    format!("请按校验问题修改后重新报送（错误{errors}处{like}）"),
                    format!(
                        "{greeting}您好！贵单位报送的{y}填报表“{name}”有 {errors} 处错误，未能汇总。请按校验问题修改{like_notice}后，于{due}前重新报送{receiver}。{ask}"
                    ),
                )
            }
            _ => (
                format!("请于{due}前报送{year}年度任务落实情况填报表"),
                format!(
                    "{greeting}您好！贵单位尚未报送{template}。请于{due}前将填好的填报表（Excel 文件）报送{receiver}。{ask}",
                    template = plan.template_title(year),
                ),
            ),
        };
        out.push(ReminderRow {
            unit: u.unit.clone(),
            status: u.state.label().to_string(),
            contact,
            phone,
            last_submitted,
            todo,
            notice,
        });
    }
    out
}

/// The 逾期未完成 rows: every unit's row of a measure whose 完成时限 falls on or before 31
/// December of the merged year, with a status other than 已完成 (units that sent no file
/// are listed under 报送 already); keyed by plan measure order.
fn overdue_rows(plan: &Plan, merge: &Merge) -> Vec<(usize, SupervisionRow)> {
    let year = merge.summary.year;
    let mut out = Vec::new();
    for (i, m) in plan.measures().enumerate() {
        for r in merge.rows.iter().filter(|r| r.measure == m.measure.id && r.overdue) {
            let role = if r.role.is_empty() { String::new() } else { format!("（本单位为{}单位）", r.role) };
            out.push((
                i,
                SupervisionRow {
                    unit: r.unit.clone(),
                    category: category::OVERDUE.into(),
                    id: m.measure.id.clone(),
                    content: m.measure.text.clone(),
                    situation: format!("完成时限“{}”已到，{year}年度填报为“{}”{role}", m.measure.due, r.status),
                    basis: format!("实施方案任务清单：举措 {} 的完成时限为“{}”", m.measure.id, m.measure.due),
                },
            ));
        }
    }
    out
}

/// One line for people: `督办事项 N 条（未报送/退回 a，未启动举措 b，滞后或关注指标 c），催报单位 M 个：…`
/// (with `逾期未完成 d` after 未报送/退回 when there is any).
pub fn headline(s: &MergeSummary) -> String {
    let count = |cats: &[&str]| s.supervision.iter().filter(|r| cats.contains(&r.category.as_str())).count();
    let units: Vec<&str> = s.reminders.iter().map(|r| r.unit.as_str()).collect();
    let list = if units.is_empty() { "无".to_string() } else { units.join("、") };
    let overdue = count(&[category::OVERDUE]);
    let overdue = if overdue == 0 { String::new() } else { format!("，逾期未完成 {overdue}") };
    format!(
        "督办事项 {} 条（未报送/退回 {}{overdue}，未启动举措 {}，滞后或关注指标 {}），催报单位 {} 个：{list}",
        s.supervision.len(),
        count(&[category::REPORT]),
        count(&[category::NOT_STARTED]),
        count(&[category::BEHIND, category::WATCH]),
        units.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deadline_comes_from_the_plan() {
        let mut plan = Plan::builtin();
        assert_eq!(deadline(&plan, 2025), "2026年1月31日");
        plan.deadline = crate::date::MonthDay::parse("02-28");
        assert_eq!(deadline(&plan, 2024), "2025年2月28日");
        plan.deadline = None;
        assert_eq!(deadline(&plan, 2024), "2025年1月31日");
    }

    #[test]
    fn an_empty_merge_chases_every_unit_and_invents_no_contact() {
        let plan = Plan::builtin();
        let m = crate::merge(&plan, 2025, Vec::new());
        let s = &m.summary;
        assert_eq!(s.reminders.len(), plan.expected_units().len());
        assert!(s.reminders.iter().all(|r| r.contact.is_empty() && r.phone.is_empty()));
        assert!(s.reminders.iter().all(|r| r.last_submitted == NEVER_SUBMITTED));
        assert!(
            s.reminders[0].notice.ends_with("如有疑问，请与焦作市市场监督管理局联系。"),
            "{}",
            s.reminders[0].notice
        );
        // Only 报送 rows: no measure was reported 未启动 and no indicator has data.
        assert!(s.supervision.iter().all(|r| r.category == category::REPORT));
        assert_eq!(s.supervision.len(), s.reminders.len());
        assert!(headline(s).starts_with(
            "督办事项 22 条（未报送/退回 22，未启动举措 0，滞后或关注指标 0），催报单位 22 个：市场监管局、"
        ));
    }
}

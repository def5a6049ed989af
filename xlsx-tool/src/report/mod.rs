//! The annual work report in Word (contract §10): the draft
//! `{Y}年度焦作市推动知识产权高质量发展工作情况报告` in the 公文 layout of GB/T 9704-2012.
//!
//! [`write_report`] renders a [`Merge`] (this year's accepted files and the multi-year
//! `progress`); it never reads a summary workbook back. [`report_files`] is the whole
//! pipeline on bytes, for the CLI and the browser alike: validate, merge, report.
//!
//! Writer: a small WordprocessingML writer on the zip crate already in the tree
//! ([`docx`]), not docx-rs: measured in the wasm module (README, "Word report"), docx-rs
//! cost far more for the same document and brings a second zip and quick-xml.

pub mod docx;
mod input;
pub mod style;

use jz_core::merge::{FileOutcome, Outcome, UnitState};
use jz_core::progress::Judgement;
use jz_core::{Date, Merge, Plan, Status};

pub use input::{report_files, report_files_with, summary_fallback};

use crate::Error;
use docx::{Body, Column, Properties};

/// The report's title for `year`: the plan's 报告标题.
pub fn title(plan: &Plan, year: u16) -> String {
    plan.report_title_for(year)
}

/// The report's file name for `year` (its title, `.docx`).
pub fn file_name(plan: &Plan, year: u16) -> String {
    format!("{}.docx", title(plan, year))
}

/// Level-1 headings, in order.
pub const HEADINGS: [&str; 5] =
    ["一、总体情况", "二、主要工作进展", "三、量化指标完成情况", "四、存在的问题", "五、下一步工作安排"];
/// The annex as the body names it (附件说明) and its title.
pub const ANNEX: &str = "报送情况";

/// Columns of the indicator table.
pub const INDICATOR_COLUMNS: [&str; 6] = ["指标", "目标值", "本年度", "累计或最新", "完成率", "判断"];
/// Columns of the annex table.
pub const ANNEX_COLUMNS: [&str; 6] = ["序号", "单位", "状态", "文件", "填报日期", "是否按期"];

/// The draft annual report of `merge` as .docx bytes.
///
/// Sections in order: 一、总体情况, 二、主要工作进展 (every accepted unit's 进展情况
/// verbatim under its section and task, led by the unit's name), 三、量化指标完成情况 (a
/// table with the merge's numbers), 四、存在的问题, 五、下一步工作安排, and the annex
/// 报送情况 (every expected unit). Byte-identical for the same merge: the document is dated
/// by the latest 填报日期 (or 1 January after the year), never by the clock.
///
/// # Errors
/// [`Error::Report`] when the package cannot be written (memory only).
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// let files = xlsx_tool::sample::sample_set(&plan, 2025, 7)?;
/// let (merge, _summary) = xlsx_tool::merge_files(
///     &plan,
///     files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())),
///     2025,
///     &xlsx_tool::Limits::default(),
/// )?;
/// let docx = xlsx_tool::report::write_report(&plan, &merge)?;
/// assert!(docx.starts_with(b"PK")); // a .docx package
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
pub fn write_report(plan: &Plan, merge: &Merge) -> Result<Vec<u8>, Error> {
    let year = merge.summary.year;
    let mut body = Body::default();
    // Broken where the sense breaks, not where the line runs out (公文 titles).
    body.title(&title(plan, year).replacen("发展工作", "发展\n工作", 1));
    body.blank();
    body.flush(&format!("{}：", plan.addressee));
    let plan_name = plan.title.trim_end_matches("（征求意见稿）");
    body.text(&format!(
        "根据《{plan_name}》关于各责任单位每年报送上一年度工作成效的要求，现将{year}年度全市推动知识产权高质量发展工作情况报告如下。"
    ));
    overview(&mut body, plan, merge);
    progress_texts(&mut body, plan, merge);
    indicators(&mut body, plan, merge);
    by_task(&mut body, plan, merge, HEADINGS[3], |r| &r.problems, "各单位均未报告存在的问题。");
    by_task(&mut body, plan, merge, HEADINGS[4], |r| &r.next_plan, "各单位均未报告下一步计划。");
    sign_off(&mut body, plan, ANNEX, year);
    annex(&mut body, plan, merge);

    let props = Properties {
        title: title(plan, year),
        creator: crate::meta::generated_by(),
        date: document_date(merge.latest_date, year),
    };
    docx::package(&body, &props)
}

/// The end of a report to the addressee: the annex line, then the sender (the plan's
/// 收报单位 in full) and a date line in the year after `year`, to be dated and stamped.
pub(crate) fn sign_off(body: &mut Body, plan: &Plan, annex: &str, year: u16) {
    body.blank();
    body.text(&format!("附件：{annex}"));
    body.blank();
    body.blank();
    body.right(&plan.collector_full_name(), 4);
    body.right(&format!("{}年  月  日", u32::from(year) + 1), 4);
}

/// A report's document date: the latest 填报日期 it covers, else 1 January after `year`.
pub(crate) fn document_date(latest: Option<Date>, year: u16) -> (u16, u8, u8) {
    latest
        .and_then(|d| Some((u16::try_from(d.year).ok()?, u8::try_from(d.month).ok()?, u8::try_from(d.day).ok()?)))
        .unwrap_or((year.saturating_add(1), 1, 1))
}

/// The plan's 报送截止日期 for reports of `year` ([`Plan::due_date`]).
pub fn deadline(plan: &Plan, year: u16) -> Option<Date> {
    plan.due_date(year)
}

/// `2026年1月31日`.
fn chinese_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// Chinese numerals for heading numbers: 一 … 九十九.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

/// A ratio as a percentage with one decimal (`93.3%`).
fn percent(r: f64) -> String {
    format!("{:.1}%", jz_core::merge::round6(r) * 100.0)
}

/// The file that stands for an expected unit in 报送情况: the accepted one, or the rejected one.
fn unit_file<'a>(merge: &'a Merge, unit: &str, state: UnitState, path: Option<&String>) -> Option<&'a FileOutcome> {
    let want = match state {
        UnitState::Received => Outcome::Accepted,
        UnitState::Rejected => Outcome::Rejected,
        UnitState::Missing => return None,
    };
    merge.files.iter().find(|f| {
        f.outcome == want && Some(&f.submission.path) == path && f.submission.report.unit.as_deref() == Some(unit)
    })
}

/// Whether a 填报日期 is on or before the deadline.
fn on_time(date: Option<Date>, deadline: Option<Date>) -> bool {
    matches!((date, deadline), (Some(d), Some(limit)) if d <= limit)
}

fn overview(body: &mut Body, plan: &Plan, merge: &Merge) {
    let year = merge.summary.year;
    let limit = deadline(plan, year);
    body.heading1(HEADINGS[0]);
    let expected = merge.units.len();
    let received: Vec<&str> =
        merge.units.iter().filter(|u| u.state == UnitState::Received).map(|u| u.unit.as_str()).collect();
    let punctual = merge
        .units
        .iter()
        .filter(|u| u.state == UnitState::Received)
        .filter(|u| {
            unit_file(merge, &u.unit, u.state, u.path.as_ref())
                .is_some_and(|f| on_time(f.submission.report.date, limit))
        })
        .count();
    let names = |state: UnitState| -> Vec<&str> {
        merge.units.iter().filter(|u| u.state == state).map(|u| u.unit.as_str()).collect()
    };
    let (rejected, missing) = (names(UnitState::Rejected), names(UnitState::Missing));
    let when = limit.map_or_else(|| format!("{}年报送期限", u32::from(year) + 1), chinese_date);
    let mut s = format!("截至{when}，应报送单位{expected}个，已报送{}个（按期{punctual}个", received.len());
    if punctual < received.len() {
        s.push_str(&format!("，逾期{}个", received.len() - punctual));
    }
    s.push('）');
    if !rejected.is_empty() {
        s.push_str(&format!("，退回修改{}个（{}）", rejected.len(), rejected.join("、")));
    }
    if !missing.is_empty() {
        s.push_str(&format!("，未报送{}个（{}）", missing.len(), missing.join("、")));
    }
    s.push('。');
    body.text(&s);

    // Measures by 完成状态 (measure × responsible unit).
    let count = |key: &str| -> u32 {
        merge.summary.measures.iter().map(|m| m.status_counts.get(key).copied().unwrap_or(0)).sum()
    };
    let total: u32 = merge.summary.measures.iter().map(|m| m.status_counts.values().sum::<u32>()).sum();
    let mut s = format!(
        "《实施方案》确定的{}项落实举措分解到各责任单位共{total}项次。各单位报告：",
        merge.summary.measures.len()
    );
    let parts: Vec<String> = [Status::Done, Status::Ongoing, Status::InProgress, Status::NotStarted]
        .iter()
        .map(|st| format!("{}{}项次", st.label(), count(st.label())))
        .collect();
    s.push_str(&parts.join("，"));
    let not_in = count(jz_core::merge::NOT_SUBMITTED);
    if not_in > 0 {
        s.push_str(&format!("；另有{not_in}项次因单位未报送或被退回，暂无情况"));
    }
    s.push('。');
    body.text(&s);

    // Indicators by judgement.
    let progress = &merge.summary.progress;
    let judged = |j: Judgement| progress.iter().filter(|p| p.judgement == j).collect::<Vec<_>>();
    let mut s =
        format!("{}项量化指标对照{}年目标、按截至{year}年末应达到的进度判断：", plan.indicators.len(), plan.last_year);
    let labels: Vec<String> = [Judgement::OnTrack, Judgement::Watch, Judgement::Behind, Judgement::NoData]
        .iter()
        .filter(|&&j| j != Judgement::NoData || !judged(j).is_empty())
        .map(|&j| format!("{}{}项", j.label(), judged(j).len()))
        .collect();
    s.push_str(&labels.join("，"));
    s.push('。');
    let name = |id: &str| plan.indicator(id).map_or_else(|| id.to_string(), |i| i.marked_name());
    for (j, what) in [(Judgement::Behind, "滞后"), (Judgement::Watch, "需要关注")] {
        // Names only: the rates and the reasons are in part 三.
        let list: Vec<String> = judged(j).iter().map(|p| name(&p.id)).collect();
        if !list.is_empty() {
            s.push_str(&format!("{what}的是：{}。", list.join("、")));
        }
    }
    if progress.iter().any(|p| matches!(p.judgement, Judgement::Behind | Judgement::Watch)) {
        s.push_str("各项指标的完成率和原因见第三部分。");
    }
    body.text(&s);
}

fn progress_texts(body: &mut Body, plan: &Plan, merge: &Merge) {
    body.heading1(HEADINGS[1]);
    for (section, tasks) in plan.tasks_by_section() {
        body.heading2(&format!("（{}）{}", section.number, section.title));
        for (k, task) in tasks.iter().enumerate() {
            body.heading3(&format!("{}.{}", k + 1, task.title));
            let mut any = false;
            for m in &task.measures {
                for r in merge.rows.iter().filter(|r| r.measure == m.id && !r.progress.trim().is_empty()) {
                    // Lead units come first (the merge orders them), each named with its role.
                    let role = if r.role.is_empty() { String::new() } else { format!("（{}）", r.role) };
                    body.text(&format!("{}{role}：{}", r.unit, r.progress));
                    any = true;
                }
            }
            if !any {
                body.text("本年度暂无单位报送该项任务的进展情况。");
            }
        }
    }
}

fn indicators(body: &mut Body, plan: &Plan, merge: &Merge) {
    let year = merge.summary.year;
    body.heading1(HEADINGS[2]);
    body.text(&format!(
        "各项量化指标完成情况见下表。“本年度”为{year}年全市合计数（单一单位填报的指标为该单位的数值）；“累计或最新”中，累计新增类为{}年以来的累计数，年末存量类为最近一年的年末数，当年数值类为本年度数；完成率为累计或最新值与{}年目标值之比；判断对照截至{year}年末应达到的进度。",
        plan.first_year, plan.last_year
    ));
    let dash = || "—".to_string();
    let show = |v: Option<f64>| v.map_or_else(dash, jz_core::cell::format_number);
    let mut rows = Vec::new();
    for (i, total) in merge.summary.indicators.iter().enumerate() {
        let ind = plan.indicator(&total.id);
        let name = ind.map_or_else(|| total.id.clone(), |i| format!("{}（{}）", i.marked_name(), i.unit));
        let p = merge.summary.progress.iter().find(|p| p.id == total.id);
        rows.push(vec![
            format!("{}.{name}", i + 1),
            jz_core::cell::format_number(total.target),
            show(total.total),
            show(p.and_then(|p| p.cumulative)),
            p.and_then(|p| p.rate).map_or_else(dash, percent),
            p.map_or("无数据", |p| p.judgement.label()).to_string(),
        ]);
    }
    let widths = [3405, 1000, 1000, 1240, 1100, 1100];
    let columns = Column::all(&INDICATOR_COLUMNS, &widths, 0);
    body.table(&columns, &rows);
    for p in merge.summary.progress.iter().filter(|p| matches!(p.judgement, Judgement::Behind | Judgement::Watch)) {
        let name = plan.indicator(&p.id).map_or_else(|| p.id.clone(), |i| i.marked_name());
        body.text(&format!("{name}（{}）：{}", p.judgement.label(), p.reason));
    }
}

/// Level-1 heading `heading`, then per task with any text (picked by `field`) a level-2
/// heading and one paragraph per text, led by the unit's name.
fn by_task(
    body: &mut Body,
    plan: &Plan,
    merge: &Merge,
    heading: &str,
    field: impl Fn(&jz_core::merge::DetailRow) -> &String,
    none: &str,
) {
    body.heading1(heading);
    let mut n = 0;
    for task in &plan.tasks {
        let texts: Vec<String> = task
            .measures
            .iter()
            .flat_map(|m| merge.rows.iter().filter(move |r| r.measure == m.id))
            .filter(|r| !field(r).trim().is_empty())
            .map(|r| format!("{}：{}", r.unit, field(r)))
            .collect();
        if texts.is_empty() {
            continue;
        }
        n += 1;
        body.heading2(&format!("（{}）{}", chinese_number(n), task.title));
        for t in &texts {
            body.text(t);
        }
    }
    if n == 0 {
        body.text(none);
    }
}

fn annex(body: &mut Body, plan: &Plan, merge: &Merge) {
    let limit = deadline(plan, merge.summary.year);
    body.annex_label("附件");
    body.blank();
    body.title(ANNEX);
    body.blank();
    let mut rows = Vec::new();
    for (i, u) in merge.units.iter().enumerate() {
        let file = unit_file(merge, &u.unit, u.state, u.path.as_ref());
        let report = file.map(|f| &f.submission.report);
        let date = report.map_or_else(String::new, |r| r.date.map_or_else(|| r.date_text.clone(), |d| d.to_string()));
        let punctual = match u.state {
            UnitState::Received if on_time(report.and_then(|r| r.date), limit) => "按期",
            UnitState::Received => "逾期",
            _ => "—",
        };
        rows.push(vec![
            (i + 1).to_string(),
            u.unit.clone(),
            u.state.label().to_string(),
            u.path.as_deref().map(jz_core::merge::file_name).unwrap_or("").to_string(),
            date,
            punctual.to_string(),
        ]);
    }
    let widths = [600, 1500, 1000, 2945, 1700, 1100];
    let columns = Column::all(&ANNEX_COLUMNS, &widths, 3);
    body.table(&columns, &rows);
    if let Some(d) = limit {
        body.text(&format!("注：报送截止日期为{}；“是否按期”按填报日期判断。", chinese_date(d)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_in_words() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(14), "十四");
        assert_eq!(chinese_number(20), "二十");
        assert_eq!(chinese_number(23), "二十三");
        let plan = Plan::builtin();
        assert_eq!(deadline(&plan, 2025).map(chinese_date).as_deref(), Some("2026年1月31日"));
        assert_eq!(percent(0.9333333), "93.3%");
    }
}

//! The evaluation report in Word: `{计划名称}实施情况终期评估报告` in the 公文 layout of the
//! annual report ([`crate::report::docx`]), every sentence from the evaluation's data and
//! every place only the office can judge a marked paragraph `【请填写：……】`.

use jz_core::Plan;
use jz_core::evaluation::{Evaluation, MeasureEvaluation, MeasureVerdict, Verdict};
use jz_core::progress::{ON_TRACK, WATCH};

use crate::Error;
use crate::report::docx::{self, Body, Column, Properties};
use crate::report::{chinese_number, document_date, sign_off};

/// Level-1 headings, in order.
pub const HEADINGS: [&str; 4] = ["一、总体评价", "二、主要指标完成情况", "三、重点任务落实情况", "四、存在的主要问题"];
/// The annex's title.
pub const ANNEX: &str = "单位报送情况";
/// Columns of the indicator table around the year columns.
pub const INDICATOR_COLUMNS: [&str; 5] = ["指标", "目标值", "期末值", "完成率", "评估结论"];
/// Columns of the annex table.
pub const UNIT_COLUMNS: [&str; 8] = ["序号", "单位", "应报年度", "已报", "按期", "逾期", "退回", "未报送"];
/// The opening of every paragraph the office has to write itself.
pub const FILL_IN: &str = "【请填写：";

/// The report's title: `{计划名称}实施情况终期评估报告` (中期 for an interim evaluation).
pub fn title(e: &Evaluation) -> String {
    format!("{}实施情况{}评估报告", e.plan, if e.interim { "中期" } else { "终期" })
}

/// A ratio as a percentage with one decimal (`93.3%`).
fn percent(r: f64) -> String {
    format!("{:.1}%", jz_core::number::round6(r) * 100.0)
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), jz_core::cell::format_number)
}

/// The evaluation report as .docx bytes; byte-identical for the same evaluation (dated by
/// the latest 填报日期, never the clock).
///
/// # Errors
/// [`Error::Report`] when the package cannot be written (memory only).
pub fn write_report(plan: &Plan, e: &Evaluation) -> Result<Vec<u8>, Error> {
    let first = e.years.first().copied().unwrap_or(plan.first_year);
    let end = e.years.last().copied().unwrap_or(plan.last_year);
    let period = format!("{first}—{end}年");
    let mut body = Body::default();
    body.title(&title(e).replacen("实施情况", "\n实施情况", 1));
    body.blank();
    body.flush(&format!("{}：", plan.addressee));
    body.text(&format!("根据《{}》，现将{period}实施情况评估如下。", e.plan));
    overall(&mut body, e, &period);
    indicator_table(&mut body, e, end, &period);
    tasks(&mut body, plan, e);
    problems(&mut body, e);
    sign_off(&mut body, plan, ANNEX, end);
    annex(&mut body, e, &period);

    let props =
        Properties { title: title(e), creator: crate::meta::generated_by(), date: document_date(e.latest_date, end) };
    docx::package(&body, &props)
}

fn overall(body: &mut Body, e: &Evaluation, period: &str) {
    body.heading1(HEADINGS[0]);
    let counts: Vec<String> = e
        .indicator_counts()
        .iter()
        .filter(|(v, n)| *v != Verdict::NoData || *n > 0)
        .map(|(v, n)| format!("{}{n}项", v.label()))
        .collect();
    let mut s =
        format!("计划确定的{}项主要指标，按{period}各年度全市数据评估：{}。", e.indicators.len(), counts.join("，"));
    let not_met: Vec<&str> =
        e.indicators.iter().filter(|i| i.verdict == Verdict::NotMet).map(|i| i.name.as_str()).collect();
    if !not_met.is_empty() {
        s.push_str(&format!("未完成的是：{}。", not_met.join("、")));
    }
    body.text(&s);

    let measures = e.measures.iter().map(|m| m.id.as_str()).collect::<std::collections::BTreeSet<_>>().len();
    let counts: Vec<String> = e.measure_counts().iter().map(|(v, n)| format!("{}{n}项次", v.label())).collect();
    let mut s = format!(
        "计划确定的{measures}项落实举措分解到各责任单位共{}项次，按各单位最后一次报送的完成状态评估：{}",
        e.measures.len(),
        counts.join("，")
    );
    let never = e.measures.iter().filter(|m| m.final_year.is_none()).count();
    if never > 0 {
        s.push_str(&format!("（未完成中有{never}项次计划期内从未报送）"));
    }
    s.push('。');
    body.text(&s);

    let sum = |f: fn(&jz_core::evaluation::UnitRecord) -> u32| e.units.iter().map(f).sum::<u32>();
    let mut s = format!(
        "{period}，{}个责任单位应报送年度报告{}份，已报送{}份（按期{}份，逾期{}份）",
        e.units.len(),
        sum(|u| u.expected),
        sum(|u| u.reported),
        sum(|u| u.on_time),
        sum(|u| u.late)
    );
    for (n, what) in [(sum(|u| u.rejected), "退回"), (sum(|u| u.missing), "未报送")] {
        if n > 0 {
            s.push_str(&format!("，{what}{n}份"));
        }
    }
    s.push_str("；各单位情况见附件。");
    body.text(&s);
    body.text(&format!("{FILL_IN}计划实施的总体评价，如取得的主要成效、经验做法，由牵头单位根据实际情况撰写。】"));
}

fn indicator_table(body: &mut Body, e: &Evaluation, end: u16, period: &str) {
    body.heading1(HEADINGS[1]);
    body.text(&format!(
        "各项主要指标完成情况见下表，各年度全市数值（各单位合计，单一单位填报的指标为该单位的数值）见终期评估表。期末值中，累计新增类为{period}各年之和，年末存量类为{end}年末数，当年数值类为{end}年数值；完成率为期末值与目标值之比，达到{}为已完成，达到{}为基本完成，低于{}为未完成。",
        percent(ON_TRACK),
        percent(WATCH),
        percent(WATCH)
    ));
    // Twips of the 8,845 of the text width. The years are in the workbook: on A4 portrait
    // at 小四 their columns would break 5-digit numbers over two lines (seen in LibreOffice).
    let widths = [3745, 1250, 1350, 1250, 1250];
    let columns = Column::all(&INDICATOR_COLUMNS, &widths, 0);
    let rows: Vec<Vec<String>> = e
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            vec![
                format!("{}.{}（{}）", i + 1, ind.name, ind.unit),
                jz_core::cell::format_number(ind.target),
                show(ind.final_value),
                ind.rate.map_or_else(|| "—".to_string(), percent),
                ind.verdict.label().to_string(),
            ]
        })
        .collect();
    body.table(&columns, &rows);
    for ind in e.indicators.iter().filter(|i| i.final_year.is_some()) {
        if let Some(y) = ind.final_year {
            body.text(&format!("注：{}{end}年无数据，期末值取{y}年末数。", ind.name));
        }
    }
}

/// One unit's line under a measure: role, verdict, last status and its 进展情况 verbatim.
fn unit_line(m: &MeasureEvaluation) -> String {
    match m.final_year {
        None => format!("{}（{}）：计划期内未报送。", m.unit, m.role),
        Some(y) => {
            let mut s =
                format!("{}（{}，{y}年报送{}，评估结论：{}）", m.unit, m.role, m.final_status, m.verdict.label());
            if m.progress.trim().is_empty() {
                s.push_str("：未填写进展情况。");
            } else {
                s.push('：');
                s.push_str(&m.progress);
            }
            s
        }
    }
}

fn tasks(body: &mut Body, plan: &Plan, e: &Evaluation) {
    body.heading1(HEADINGS[2]);
    for (t, task) in plan.tasks.iter().enumerate() {
        body.heading2(&format!("（{}）{}", chinese_number(t + 1), task.title));
        for (k, measure) in task.measures.iter().enumerate() {
            body.heading3(&format!("{}.{}", k + 1, measure.text));
            let rows: Vec<&MeasureEvaluation> = e.measures.iter().filter(|m| m.id == measure.id).collect();
            let counts: Vec<String> = MeasureVerdict::ALL
                .iter()
                .map(|v| (v, rows.iter().filter(|m| m.verdict == *v).count()))
                .filter(|(_, n)| *n > 0)
                .map(|(v, n)| format!("{}{n}个", v.label()))
                .collect();
            if rows.is_empty() {
                body.text("评估结论：该举措没有责任单位。");
                continue;
            }
            body.text(&format!("评估结论：{}个责任单位中，{}。", rows.len(), counts.join("，")));
            for m in rows {
                body.text(&unit_line(m));
            }
        }
    }
}

fn problems(body: &mut Body, e: &Evaluation) {
    body.heading1(HEADINGS[3]);
    body.heading2("（一）未完成的指标");
    let mut any = false;
    for ind in e.indicators.iter().filter(|i| matches!(i.verdict, Verdict::NotMet | Verdict::NoData)) {
        any = true;
        body.text(&match (ind.final_value, ind.rate) {
            (Some(v), Some(r)) => format!(
                "{}：期末值{}{u}，目标值{}{u}，完成率{}。",
                ind.name,
                jz_core::cell::format_number(v),
                jz_core::cell::format_number(ind.target),
                percent(r),
                u = ind.unit
            ),
            _ => format!("{}：计划期内无填报数据，无法评估。", ind.name),
        });
    }
    if !any {
        body.text("主要指标均已完成或基本完成。");
    }
    body.heading2("（二）未完成的举措");
    let open: Vec<&MeasureEvaluation> = e.measures.iter().filter(|m| m.verdict == MeasureVerdict::NotDone).collect();
    if open.is_empty() {
        body.text("各责任单位最后一次报送的完成状态均为已完成或持续推进。");
    }
    for m in open {
        body.text(&match m.final_year {
            Some(y) => format!("举措{}（{}）：{y}年状态为{}。", m.id, m.unit, m.final_status),
            None => format!("举措{}（{}）：计划期内未报送。", m.id, m.unit),
        });
    }
    body.heading2("（三）各单位反映的问题");
    let mut any = false;
    for m in e.measures.iter().filter(|m| !m.problems.trim().is_empty()) {
        any = true;
        body.text(&format!("{}（举措{}，{}年）：{}", m.unit, m.id, m.final_year.unwrap_or_default(), m.problems));
    }
    if !any {
        body.text("各单位最后一次报送中均未填写存在问题。");
    }
    body.text(&format!("{FILL_IN}问题的主要原因分析和下一步改进建议，由牵头单位根据实际情况撰写。】"));
}

fn annex(body: &mut Body, e: &Evaluation, period: &str) {
    body.annex_label("附件");
    body.blank();
    body.title(ANNEX);
    body.blank();
    let widths = [700, 2045, 1100, 1000, 1000, 1000, 1000, 1000];
    let columns = Column::all(&UNIT_COLUMNS, &widths, 1);
    let rows: Vec<Vec<String>> = e
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut row = vec![(i + 1).to_string(), u.unit.clone()];
            row.extend([u.expected, u.reported, u.on_time, u.late, u.rejected, u.missing].map(|n| n.to_string()));
            row
        })
        .collect();
    body.table(&columns, &rows);
    body.text(&format!("注：统计{period}各年度报告；“按期”“逾期”按填报日期对照计划规定的报送截止日期判断。"));
}

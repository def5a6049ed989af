//! The city summary workbook (汇总表, contract §7) and reading it back.
//!
//! [`write_summary`] renders a [`Merge`]; [`read_summary`] rebuilds the [`MergeSummary`]
//! from the visible sheets (and the file list in `_meta`), so a summary that was passed
//! around still answers `xlsx-tool read`. Output is byte-identical for the same merge: the
//! document date is the latest 填报日期, never the clock.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};
use jz_core::merge::HistorySource;
use jz_core::merge::MergeSummary;
use jz_core::merge::{FileOutcome, IndicatorTotal, MeasureCounts, NOT_SUBMITTED, Outcome, UnitState, file_name};
use jz_core::progress::{UnitYear, YearData, from_json, to_json};
use jz_core::{FORMAT_VERSION, IndicatorKind, Merge, Plan, SUMMARY_FORMAT, Status, sheets};
use rust_xlsxwriter::{
    Chart, ChartType, Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

use crate::Error;
use crate::template::{clip, generated_by, properties, put_text, row_height, text_lines};

/// Sheet names of the summary, in order.
pub mod names {
    /// Per task overview.
    pub const OVERVIEW: &str = "汇总总览";
    /// One row per measure × unit.
    pub const DETAIL: &str = "任务明细";
    /// Per indicator.
    pub const INDICATORS: &str = "指标汇总";
    /// Per unit and file.
    pub const UNITS: &str = "报送情况";
    /// What resubmissions changed.
    pub const CHANGES: &str = "变更记录";
    /// Every diagnostic.
    pub const ISSUES: &str = "校验问题";
    /// The multi-year view.
    pub const TREND: &str = "年度趋势";
}

/// 任务明细 header.
pub const DETAIL_COLUMNS: [&str; 11] = [
    "序号",
    "任务内容",
    "落实举措",
    "责任单位",
    "完成状态",
    "进展情况",
    "存在问题",
    "下一步计划",
    "佐证材料",
    "来源文件",
    "备注",
];
const DETAIL_WIDTHS: [f64; 11] = [6.0, 22.0, 40.0, 12.0, 10.0, 48.0, 30.0, 30.0, 24.0, 20.0, 16.0];
/// 报送情况 header.
pub const UNIT_COLUMNS: [&str; 9] =
    ["单位", "状态", "文件名", "联系人", "联系电话", "填报日期", "错误数", "提醒数", "备注"];
const UNIT_WIDTHS: [f64; 9] = [14.0, 10.0, 36.0, 12.0, 16.0, 12.0, 8.0, 8.0, 40.0];
/// 校验问题 header.
pub const ISSUE_COLUMNS: [&str; 7] = ["文件名", "单位", "严重程度", "代码", "工作表", "单元格", "说明"];
const ISSUE_WIDTHS: [f64; 7] = [30.0, 12.0, 10.0, 22.0, 12.0, 8.0, 70.0];

/// 备注 of a detail row the unit wrote for a measure not assigned to it.
pub const NOT_ASSIGNED_REMARK: &str = "非本单位责任举措，未计入统计";
/// 备注 of the placeholder row of a measure no unit is expected to report.
const NO_UNITS_REMARK: &str = "该举措没有应报单位";
/// Note on a value from a unit that is not a reporter of the indicator.
const NOT_REPORTER_NOTE: &str = "非指定填报单位，未计入合计";

const TOTAL_FILL: u32 = 0xF2F2F2;

/// The formats of the summary.
struct Styles {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    center: Format,
    number: Format,
    percent: Format,
    date: Format,
    flagged: Format,
    total_text: Format,
    total_number: Format,
    note: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
        let total = cell.clone().set_bold().set_background_color(Color::RGB(TOTAL_FILL));
        Styles {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            subtitle: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            header: crate::template::header_format(),
            center: cell.clone().set_align(FormatAlign::Center),
            number: cell.clone().set_align(FormatAlign::Right),
            percent: cell.clone().set_align(FormatAlign::Right).set_num_format("0.0%"),
            date: cell.clone().set_num_format("yyyy-mm-dd"),
            flagged: cell.clone().set_align(FormatAlign::Right).set_italic().set_font_color(Color::RGB(0x808080)),
            total_text: total.clone(),
            total_number: total.set_align(FormatAlign::Right),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            text: cell,
        }
    }
}

fn header(ws: &mut Worksheet, row: u32, labels: &[&str], widths: &[f64], st: &Styles) -> Result<(), XlsxError> {
    for (col, (label, width)) in labels.iter().zip(widths).enumerate() {
        ws.write_string_with_format(row, col as u16, *label, &st.header)?;
        ws.set_column_width(col as u16, *width)?;
    }
    ws.set_row_height(row, 22)?;
    Ok(())
}

fn num(ws: &mut Worksheet, row: u32, col: u16, value: Option<f64>, fmt: &Format) -> Result<(), XlsxError> {
    match value {
        Some(v) => ws.write_number_with_format(row, col, v, fmt)?,
        None => ws.write_blank(row, col, fmt)?,
    };
    Ok(())
}

/// A4 landscape, one page wide, the header row repeated.
fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// The city summary workbook of `merge` (contract §7).
///
/// Byte-identical for the same merge: the document creation date is `merge.latest_date`
/// (or `{year+1}-01-01` when no file was accepted), never the clock.
///
/// # Errors
/// [`Error::Write`] when the workbook cannot be built (e.g. a text longer than Excel's
/// 32767-character cell limit, which validation rules out).
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// let merge = jz_core::merge(&plan, 2025, Vec::new());
/// let xlsx = xlsx_tool::summary::write_summary(&plan, &merge)?;
/// // The workbook carries its merge JSON: reading it back gives the same summary.
/// let back = xlsx_tool::summary::read_summary(&xlsx)?;
/// assert_eq!(back.year, 2025);
/// assert_eq!(back.missing_units, merge.summary.missing_units);
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
pub fn write_summary(plan: &Plan, merge: &Merge) -> Result<Vec<u8>, Error> {
    let year = merge.summary.year;
    let st = Styles::new();
    let mut wb = Workbook::new();
    // Deflate level 3, not 6: measured on 22 units, the merge is a third faster for a file
    // 11 % larger (bench/RESULTS.md); the summary is written once, read by people.
    wb.set_zip_compression_level(3);
    let title = format!("{year}年度焦作市推动知识产权高质量发展任务落实情况汇总表");
    let doc_date = merge
        .latest_date
        .and_then(|d| Some((u16::try_from(d.year).ok()?, u8::try_from(d.month).ok()?, u8::try_from(d.day).ok()?)));
    let (y, m, d) = doc_date.unwrap_or((year.saturating_add(1), 1, 1));
    wb.set_properties(&properties(&title, y, m, d)?);

    let ws = wb.add_worksheet();
    ws.set_name(names::OVERVIEW)?;
    write_overview(ws, plan, merge, &title, &st)?;
    ws.set_active(true);

    let ws = wb.add_worksheet();
    ws.set_name(names::DETAIL)?;
    write_detail(ws, plan, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::INDICATORS)?;
    write_indicators(ws, plan, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::UNITS)?;
    write_units(ws, merge, &st)?;

    follow_up::write_sheets(&mut wb, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::CHANGES)?;
    changes::write_changes(ws, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::ISSUES)?;
    write_issues(ws, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(names::TREND)?;
    write_trend(ws, plan, merge, &st)?;

    let ws = wb.add_worksheet();
    ws.set_name(sheets::META)?;
    let s = &merge.summary;
    let meta = [
        ("format", SUMMARY_FORMAT.to_string()),
        ("format_version", FORMAT_VERSION.to_string()),
        ("year", year.to_string()),
        ("plan_id", s.plan_id.clone()),
        ("plan_hash", s.plan_hash.clone()),
        ("generated_by", generated_by()),
    ];
    for (row, (key, value)) in meta.iter().enumerate() {
        ws.write_string(row as u32, 0, *key)?;
        ws.write_string(row as u32, 1, value)?;
    }
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
    row = changes::write_meta(ws, row, &s.changes)?;
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
    follow_up::write_meta(ws, row, merge)?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 40)?;
    ws.set_column_width(2, 66)?;
    ws.set_hidden(true);

    Ok(wb.save_to_buffer()?)
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

/// Status columns of 汇总总览 and the keys of `status_counts`.
fn status_keys() -> [&'static str; 5] {
    let [a, b, c, d] = Status::ALL.map(Status::label);
    [a, b, c, d, NOT_SUBMITTED]
}

fn write_overview(ws: &mut Worksheet, plan: &Plan, merge: &Merge, title: &str, st: &Styles) -> Result<(), XlsxError> {
    let keys = status_keys();
    let last_col = 4 + keys.len() as u16;
    ws.merge_range(0, 0, 0, last_col, title, &st.title)?;
    ws.set_row_height(0, 30)?;

    let received: BTreeSet<&str> =
        merge.units.iter().filter(|u| u.state == UnitState::Received).map(|u| u.unit.as_str()).collect();
    let count = |state: UnitState| merge.units.iter().filter(|u| u.state == state).count();
    let line = format!(
        "计划：{}（{}，{}）。应报单位 {} 个：已报送 {} 个，未报送 {} 个，退回 {} 个。收到文件 {} 份：采用 {} 份，退回 {} 份，被替代 {} 份，往年报告 {} 份。",
        plan.title,
        merge.summary.plan_id,
        merge.summary.plan_hash,
        merge.units.len(),
        count(UnitState::Received),
        count(UnitState::Missing),
        count(UnitState::Rejected),
        merge.files.len(),
        merge.summary.accepted.len(),
        merge.summary.rejected.len(),
        merge.summary.superseded.len(),
        merge.summary.earlier.len(),
    );
    ws.merge_range(1, 0, 1, last_col, &line, &st.subtitle)?;
    ws.set_row_height(1, row_height(text_lines(&line, 120.0)))?;

    let h = 2;
    let mut labels = vec!["任务编号", "任务内容", "举措数", "应报单位数", "已报送单位数"];
    labels.extend(keys);
    let mut widths = vec![8.0, 44.0, 8.0, 10.0, 12.0];
    widths.extend([10.0; 5]);
    header(ws, h, &labels, &widths, st)?;

    let counts: BTreeMap<&str, &MeasureCounts> = merge.summary.measures.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut totals = [0u64; 5];
    let mut measures_total = 0u64;
    let mut expected_all: BTreeSet<&str> = BTreeSet::new();
    let mut row = h + 1;
    for task in &plan.tasks {
        let task_text = format!("{}.{}", task.number, task.title);
        ws.write_number_with_format(row, 0, task.number, &st.center)?;
        put_text(ws, row, 1, &task_text, &st.text)?;
        ws.write_number_with_format(row, 2, task.measures.len() as f64, &st.number)?;
        ws.write_number_with_format(row, 3, task.units.len() as f64, &st.number)?;
        let got = task.units.iter().filter(|u| received.contains(u.as_str())).count();
        ws.write_number_with_format(row, 4, got as f64, &st.number)?;
        for (k, key) in keys.iter().enumerate() {
            let n: u64 = task
                .measures
                .iter()
                .filter_map(|m| counts.get(m.id.as_str()))
                .map(|c| u64::from(c.status_counts.get(*key).copied().unwrap_or(0)))
                .sum();
            totals[k] += n;
            ws.write_number_with_format(row, 5 + k as u16, n as f64, &st.number)?;
        }
        measures_total += task.measures.len() as u64;
        expected_all.extend(task.units.iter().map(String::as_str));
        ws.set_row_height(row, row_height(text_lines(&task_text, 44.0)))?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "合计", &st.total_text)?;
    ws.write_string_with_format(row, 1, "（应报、已报送单位数按单位去重）", &st.total_text)?;
    ws.write_number_with_format(row, 2, measures_total as f64, &st.total_number)?;
    ws.write_number_with_format(row, 3, expected_all.len() as f64, &st.total_number)?;
    let got = expected_all.iter().filter(|u| received.contains(*u)).count();
    ws.write_number_with_format(row, 4, got as f64, &st.total_number)?;
    for (k, n) in totals.iter().enumerate() {
        ws.write_number_with_format(row, 5 + k as u16, *n as f64, &st.total_number)?;
    }
    row += 2;
    let explain = "说明：各状态列为“举措 × 应报单位”的条数；“未报送”指应报单位没有被采用的报表（含未报送和被退回）。非本单位责任举措的填报内容列在“任务明细”中，不计入统计。";
    ws.merge_range(row, 0, row, last_col, explain, &st.note)?;
    ws.set_row_height(row, row_height(text_lines(explain, 120.0)))?;
    row += 1;
    if !plan.notes.is_empty() {
        row += 1;
        ws.merge_range(row, 0, row, last_col, "关于计划的说明（源文件中的假定和不一致之处）", &st.header)?;
        row += 1;
        for (i, note) in plan.notes.iter().enumerate() {
            let text = format!("{}. {note}", i + 1);
            ws.merge_range(row, 0, row, last_col, &text, &st.note)?;
            ws.set_row_height(row, row_height(text_lines(&text, 120.0)))?;
            row += 1;
        }
    }
    ws.set_freeze_panes(h + 1, 0)?;
    print_setup(ws, h)?;
    Ok(())
}

fn write_detail(ws: &mut Worksheet, plan: &Plan, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &DETAIL_COLUMNS, &DETAIL_WIDTHS, st)?;
    // Rows grouped by measure in summary order; a measure without rows gets a placeholder so
    // that reading the sheet back still finds it.
    let mut order: Vec<&str> = merge.summary.measures.iter().map(|m| m.id.as_str()).collect();
    for r in &merge.rows {
        if !order.contains(&r.measure.as_str()) {
            order.push(&r.measure);
        }
    }
    let mut row = 1u32;
    for id in order {
        let (task_text, measure_text) = match plan.measure(id) {
            Some(m) => (format!("{}.{}", m.task.number, m.task.title), m.measure.text.clone()),
            None => (String::new(), String::new()),
        };
        let rows: Vec<_> = merge.rows.iter().filter(|r| r.measure == id).collect();
        if rows.is_empty() {
            put_text(ws, row, 0, id, &st.center)?;
            put_text(ws, row, 1, &task_text, &st.text)?;
            put_text(ws, row, 2, &measure_text, &st.text)?;
            for col in 3..10 {
                ws.write_blank(row, col, &st.text)?;
            }
            put_text(ws, row, 10, NO_UNITS_REMARK, &st.text)?;
            row += 1;
            continue;
        }
        for r in rows {
            let remark = if r.assigned { "" } else { NOT_ASSIGNED_REMARK };
            let texts = [
                r.measure.as_str(),
                &task_text,
                &measure_text,
                &r.unit,
                &r.status,
                &r.progress,
                &r.problems,
                &r.next_plan,
                &r.evidence,
                &r.source,
                remark,
            ];
            let mut lines = 1;
            for (col, text) in texts.iter().enumerate() {
                let fmt = if col == 0 || col == 4 { &st.center } else { &st.text };
                put_text(ws, row, col as u16, text, fmt)?;
                lines = lines.max(text_lines(text, DETAIL_WIDTHS[col]));
            }
            ws.set_row_height(row, row_height(lines))?;
            row += 1;
        }
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), DETAIL_COLUMNS.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, 0)?;
    Ok(())
}

fn write_indicators(ws: &mut Worksheet, plan: &Plan, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    // Unit columns: every plan unit that reports an indicator or wrote a value, plan order,
    // then any other unit that wrote a value.
    let mut units: Vec<&str> = plan
        .units
        .iter()
        .map(|u| u.name.as_str())
        .filter(|&u| {
            plan.indicators.iter().any(|i| i.reporter_units.iter().any(|r| r == u))
                || merge.values.iter().flatten().any(|v| v.unit == u)
        })
        .collect();
    for v in merge.values.iter().flatten() {
        if !units.contains(&v.unit.as_str()) {
            units.push(&v.unit);
        }
    }
    let mut labels = vec!["指标编号", "指标名称", "计量单位", "统计方式", "汇总方式", "目标值"];
    let mut widths = vec![8.0, 30.0, 8.0, 10.0, 12.0, 8.0];
    labels.extend(units.iter().copied());
    widths.extend(units.iter().map(|_| 9.0));
    labels.extend(["全市合计", "完成率", "已报/应报", "说明"]);
    widths.extend([10.0, 9.0, 10.0, 40.0]);
    header(ws, 0, &labels, &widths, st)?;
    let first_unit_col = 6u16;
    let total_col = first_unit_col + units.len() as u16;

    for (i, total) in merge.summary.indicators.iter().enumerate() {
        let row = 1 + i as u32;
        let ind = plan.indicator(&total.id);
        put_text(ws, row, 0, &total.id, &st.center)?;
        let name = ind.map_or("", |p| p.name.as_str());
        put_text(ws, row, 1, name, &st.text)?;
        put_text(ws, row, 2, ind.map_or("", |p| p.unit.as_str()), &st.center)?;
        put_text(ws, row, 3, ind.map_or("", |p| p.kind.label()), &st.center)?;
        put_text(ws, row, 4, ind.map_or("", |p| p.aggregation.label()), &st.center)?;
        ws.write_number_with_format(row, 5, total.target, &st.number)?;
        let values = merge.values.get(i).map_or(&[][..], Vec::as_slice);
        for (k, unit) in units.iter().enumerate() {
            let col = first_unit_col + k as u16;
            match values.iter().find(|v| v.unit == *unit) {
                Some(v) => {
                    let fmt = if v.assigned { &st.number } else { &st.flagged };
                    num(ws, row, col, v.value, fmt)?;
                    let mut note = Vec::new();
                    if !v.assigned {
                        note.push(NOT_REPORTER_NOTE.to_string());
                    }
                    if !v.remark.trim().is_empty() {
                        note.push(format!("说明：{}", v.remark));
                    }
                    if !note.is_empty() {
                        let text = clip(&note.join("\n"), 32000);
                        let height = (text_lines(&text, 40.0).min(30) as u32 * 20 + 20).clamp(60, 600);
                        let n = Note::new(text).set_author("xlsx-tool").add_author_prefix(false).set_height(height);
                        ws.insert_note(row, col, &n)?;
                    }
                }
                None => ws.write_blank(row, col, &st.number).map(|_| ())?,
            }
        }
        num(ws, row, total_col, total.total, &st.number)?;
        num(ws, row, total_col + 1, total.rate, &st.percent)?;
        put_text(ws, row, total_col + 2, &format!("{}/{}", total.reported, total.expected), &st.center)?;
        let note = ind.and_then(|p| p.note.as_deref()).unwrap_or("");
        put_text(ws, row, total_col + 3, note, &st.text)?;
        let lines = text_lines(name, 30.0).max(text_lines(note, 40.0));
        ws.set_row_height(row, row_height(lines))?;
    }

    let n = merge.summary.indicators.len() as u32;
    if n > 0 {
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_name("完成率").set_categories((names::INDICATORS, 1, 0, n, 0)).set_values((
            names::INDICATORS,
            1,
            total_col + 1,
            n,
            total_col + 1,
        ));
        chart.title().set_name("各指标完成率（全市合计 ÷ 目标值）");
        chart.y_axis().set_num_format("0%");
        chart.legend().set_hidden();
        chart.set_width(960).set_height(360);
        ws.insert_chart(n + 2, 0, &chart)?;
    }
    ws.set_freeze_panes(1, 2)?;
    print_setup(ws, 0)?;
    Ok(())
}

/// Indicator groups of the trend charts: one line chart per kind.
const TREND_GROUPS: [(IndicatorKind, &str); 3] = [
    (IndicatorKind::Flow, "累计新增类指标：累计完成率"),
    (IndicatorKind::Stock, "存量类指标：年末水平 ÷ 目标值"),
    (IndicatorKind::Annual, "年度类指标：当年数值 ÷ 目标值"),
];

/// 年度趋势: per indicator the city value of each year, the value so far, the rate and the
/// judgement with its reason; the rate at the end of each year with a line chart per
/// indicator kind; per measure the status of each responsible unit in each year.
fn write_trend(ws: &mut Worksheet, plan: &Plan, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    let s = &merge.summary;
    let all_years: Vec<u16> = (plan.first_year..=plan.last_year).collect();
    let ny = all_years.len() as u16;
    let last_col = 8 + ny;
    let title =
        format!("{}–{}年度趋势（截至 {} 年末，对照 {} 年目标）", plan.first_year, s.year, s.year, plan.last_year);
    ws.merge_range(0, 0, 0, last_col, &title, &st.title)?;
    ws.set_row_height(0, 30)?;
    let n = f64::from(plan.last_year.saturating_sub(plan.first_year) + 1);
    let explain = format!(
        "说明：累计新增类指标按 {first}–{y} 年逐年合计，存量类取最近一年的年末数，年度类取 {y} 年当年数。应达值：累计新增类和存量类为“目标 × 已过年数 ÷ {n}”（从 {base} 年末的 0 直线增长到 {last} 年末的目标），年度类为目标本身。实际 ÷ 应达值 ≥ 100% 为“正常”，≥ 80% 为“关注”，低于 80% 为“滞后”；已达到目标的为“正常”。有数据的年度：{years}。",
        first = plan.first_year,
        y = s.year,
        base = plan.first_year.saturating_sub(1),
        last = plan.last_year,
        years = if s.years.is_empty() {
            "无".to_string()
        } else {
            s.years.iter().map(u16::to_string).collect::<Vec<_>>().join("、")
        }
    );
    ws.merge_range(1, 0, 1, last_col, &explain, &st.subtitle)?;
    ws.set_row_height(1, row_height(text_lines(&explain, 150.0)))?;

    let h = 2u32;
    let year_labels: Vec<String> = all_years.iter().map(|y| format!("{y}年")).collect();
    let mut labels: Vec<&str> = vec!["指标编号", "指标名称", "计量单位", "类型", "目标值"];
    labels.extend(year_labels.iter().map(String::as_str));
    labels.extend(["累计/最新值", "完成率", "应达值", "进度判断", "原因"]);
    let mut widths = vec![8.0, 30.0, 8.0, 10.0, 9.0];
    widths.extend(std::iter::repeat_n(10.0, usize::from(ny)));
    widths.extend([11.0, 9.0, 9.0, 9.0, 60.0]);
    header(ws, h, &labels, &widths, st)?;
    let mut row = h + 1;
    for p in &s.progress {
        let ind = plan.indicator(&p.id);
        put_text(ws, row, 0, &p.id, &st.center)?;
        let name = ind.map_or("", |i| i.name.as_str());
        put_text(ws, row, 1, name, &st.text)?;
        put_text(ws, row, 2, ind.map_or("", |i| i.unit.as_str()), &st.center)?;
        put_text(ws, row, 3, p.kind.label(), &st.center)?;
        ws.write_number_with_format(row, 4, p.target, &st.number)?;
        for (k, y) in all_years.iter().enumerate() {
            num(ws, row, 5 + k as u16, p.years.get(&y.to_string()).copied().flatten(), &st.number)?;
        }
        let c = 5 + ny;
        num(ws, row, c, p.cumulative, &st.number)?;
        num(ws, row, c + 1, p.rate, &st.percent)?;
        ws.write_number_with_format(row, c + 2, p.expected, &st.number)?;
        put_text(ws, row, c + 3, p.judgement.label(), &st.center)?;
        put_text(ws, row, c + 4, &p.reason, &st.text)?;
        ws.set_row_height(row, row_height(text_lines(&p.reason, 60.0).max(text_lines(name, 30.0))))?;
        row += 1;
    }

    // Rates at the end of each year, the charts' data.
    row += 1;
    ws.merge_range(row, 0, row, 4 + ny, "各年末完成率（图表数据：累计/最新值 ÷ 目标值）", &st.header)?;
    row += 1;
    let rate_header = row;
    put_text(ws, row, 0, "指标编号", &st.header)?;
    put_text(ws, row, 1, "指标名称", &st.header)?;
    for (k, label) in year_labels.iter().enumerate() {
        put_text(ws, row, 5 + k as u16, label, &st.header)?;
    }
    row += 1;
    let line_row = row;
    put_text(ws, row, 0, "进度线", &st.center)?;
    put_text(ws, row, 1, "应达进度（已过年数 ÷ 计划年数）", &st.text)?;
    for (k, _) in all_years.iter().enumerate() {
        ws.write_number_with_format(row, 5 + k as u16, (k as f64 + 1.0) / n, &st.percent)?;
    }
    row += 1;
    let mut rate_rows: Vec<(IndicatorKind, u32, String)> = Vec::new();
    for p in &s.progress {
        put_text(ws, row, 0, &p.id, &st.center)?;
        put_text(ws, row, 1, plan.indicator(&p.id).map_or("", |i| i.name.as_str()), &st.text)?;
        for (k, y) in all_years.iter().enumerate() {
            num(ws, row, 5 + k as u16, p.rates.get(&y.to_string()).copied().flatten(), &st.percent)?;
        }
        rate_rows.push((p.kind, row, p.id.clone()));
        row += 1;
    }
    let (first_year_col, last_year_col) = (5u16, 4 + ny);
    let mut chart_row = row + 1;
    for (kind, title) in TREND_GROUPS {
        let members: Vec<&(IndicatorKind, u32, String)> = rate_rows.iter().filter(|r| r.0 == kind).collect();
        if members.is_empty() {
            continue;
        }
        let mut chart = Chart::new(ChartType::Line);
        for (_, r, id) in &members {
            chart
                .add_series()
                .set_name(id.as_str())
                .set_categories((names::TREND, rate_header, first_year_col, rate_header, last_year_col))
                .set_values((names::TREND, *r, first_year_col, *r, last_year_col));
        }
        if kind != IndicatorKind::Annual {
            chart
                .add_series()
                .set_name("进度线")
                .set_categories((names::TREND, rate_header, first_year_col, rate_header, last_year_col))
                .set_values((names::TREND, line_row, first_year_col, line_row, last_year_col));
        }
        chart.title().set_name(title);
        chart.y_axis().set_num_format("0%");
        chart.set_width(720).set_height(320);
        ws.insert_chart(chart_row, 0, &chart)?;
        chart_row += 17;
    }

    // Per measure, each responsible unit's status in each year.
    row = chart_row + 1;
    ws.merge_range(row, 0, row, 4 + ny, "各举措各单位逐年完成状态", &st.header)?;
    row += 1;
    put_text(ws, row, 0, "序号", &st.header)?;
    put_text(ws, row, 1, "落实举措", &st.header)?;
    put_text(ws, row, 2, "责任单位", &st.header)?;
    for (k, label) in year_labels.iter().enumerate() {
        put_text(ws, row, 5 + k as u16, label, &st.header)?;
    }
    row += 1;
    for t in &s.trend {
        let text = plan.measure(&t.id).map_or("", |m| m.measure.text.as_str());
        for u in &t.units {
            put_text(ws, row, 0, &t.id, &st.center)?;
            put_text(ws, row, 1, &clip(text, 60), &st.text)?;
            put_text(ws, row, 2, &u.unit, &st.center)?;
            for (k, y) in all_years.iter().enumerate() {
                let status = u.years.get(&y.to_string()).map_or("", String::as_str);
                put_text(ws, row, 5 + k as u16, status, &st.center)?;
            }
            row += 1;
        }
    }
    ws.set_freeze_panes(h + 1, 2)?;
    print_setup(ws, h)?;
    Ok(())
}

fn write_units(ws: &mut Worksheet, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &UNIT_COLUMNS, &UNIT_WIDTHS, st)?;
    // The file each expected unit's row stands for.
    let mut shown = vec![false; merge.files.len()];
    let mut row = 1u32;
    for u in &merge.units {
        let want = match u.state {
            UnitState::Received => Some(Outcome::Accepted),
            UnitState::Rejected => Some(Outcome::Rejected),
            UnitState::Missing => None,
        };
        let index = want.and_then(|o| {
            merge.files.iter().position(|f| {
                f.outcome == o
                    && Some(&f.submission.path) == u.path.as_ref()
                    && f.submission.report.unit.as_deref() == Some(u.unit.as_str())
            })
        });
        if let Some(i) = index {
            shown[i] = true;
        }
        let remark = match u.state {
            UnitState::Received => "",
            UnitState::Missing => "没有收到该单位的报表",
            UnitState::Rejected => "报表有错误，未汇总，请按“校验问题”表修改后重新报送",
        };
        unit_row(ws, row, &u.unit, u.state.label(), index.map(|i| &merge.files[i]), u.path.as_deref(), remark, st)?;
        row += 1;
    }
    let others: Vec<&FileOutcome> = merge.files.iter().zip(&shown).filter(|(_, s)| !**s).map(|(f, _)| f).collect();
    if !others.is_empty() {
        row += 1;
        ws.merge_range(
            row,
            0,
            row,
            UNIT_COLUMNS.len() as u16 - 1,
            "其他文件（未采用、被替代或往年的报表）",
            &st.header,
        )?;
        row += 1;
        for f in others {
            let unit = f.submission.report.unit.as_deref().unwrap_or("（无法识别的单位）");
            let remark = match f.outcome {
                Outcome::Accepted => "已汇总（该单位不在应报单位之列）",
                Outcome::Rejected => "报表有错误，未汇总",
                Outcome::Superseded => "同一单位有填报日期更晚的报表，本份未采用",
                Outcome::Earlier => "往年度的报表，不计入本年度汇总",
            };
            unit_row(ws, row, unit, f.outcome.label(), Some(f), Some(&f.submission.path), remark, st)?;
            row += 1;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    print_setup(ws, 0)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn unit_row(
    ws: &mut Worksheet,
    row: u32,
    unit: &str,
    state: &str,
    file: Option<&FileOutcome>,
    path: Option<&str>,
    remark: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    put_text(ws, row, 0, unit, &st.text)?;
    put_text(ws, row, 1, state, &st.center)?;
    put_text(ws, row, 2, path.map(file_name).unwrap_or(""), &st.text)?;
    let report = file.map(|f| &f.submission.report);
    put_text(ws, row, 3, report.map_or("", |r| r.contact.as_str()), &st.text)?;
    put_text(ws, row, 4, report.map_or("", |r| r.phone.as_str()), &st.text)?;
    let date = report.and_then(|r| r.date).and_then(|d| {
        ExcelDateTime::from_ymd(u16::try_from(d.year).ok()?, u8::try_from(d.month).ok()?, u8::try_from(d.day).ok()?)
            .ok()
    });
    match date {
        Some(d) => ws.write_datetime_with_format(row, 5, &d, &st.date).map(|_| ())?,
        None => put_text(ws, row, 5, report.map_or("", |r| r.date_text.as_str()), &st.text)?,
    }
    let diags = file.map_or(&[][..], |f| f.submission.diagnostics.as_slice());
    let errors = diags.iter().filter(|d| d.is_error()).count();
    num(ws, row, 6, file.map(|_| errors as f64), &st.number)?;
    num(ws, row, 7, file.map(|_| (diags.len() - errors) as f64), &st.number)?;
    put_text(ws, row, 8, remark, &st.text)?;
    Ok(())
}

fn write_issues(ws: &mut Worksheet, merge: &Merge, st: &Styles) -> Result<(), XlsxError> {
    header(ws, 0, &ISSUE_COLUMNS, &ISSUE_WIDTHS, st)?;
    let mut row = 1u32;
    for f in &merge.files {
        let unit = f.submission.report.unit.as_deref().unwrap_or("");
        for d in &f.submission.diagnostics {
            let texts =
                [f.submission.file_name(), unit, d.severity.label(), d.code.as_str(), &d.sheet, &d.cell, &d.message];
            for (col, text) in texts.iter().enumerate() {
                let fmt = if col == 2 || col == 5 { &st.center } else { &st.text };
                put_text(ws, row, col as u16, text, fmt)?;
            }
            ws.set_row_height(row, row_height(text_lines(&d.message, ISSUE_WIDTHS[6])))?;
            row += 1;
        }
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), ISSUE_COLUMNS.len() as u16 - 1)?;
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, 0)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Reading a summary back.
// ---------------------------------------------------------------------------------------

/// Reads a summary written by [`write_summary`] back into the [`MergeSummary`] the merge
/// produced (the same JSON as `merge --json`).
///
/// # Errors
/// [`Error::NotASummary`] when the bytes are not a workbook, have no `_meta` sheet with
/// `format` = `jz-ip-summary`, or a sheet or column the summary needs is missing or unreadable.
pub fn read_summary(bytes: &[u8]) -> Result<MergeSummary, Error> {
    let bad = |m: String| Error::NotASummary(m);
    // A summary lists every source file, so it may be larger than a unit workbook; it is
    // still untrusted input and inflated with a counting reader first.
    let limits = crate::Limits::summary();
    let unpacked = crate::unpack::unpack_zip(bytes, &limits).map_err(|d| bad(d.message))?;
    // A slice, as for unit workbooks: one copy of calamine's code for both (wasm size).
    let mut wb = open_workbook_auto_from_rs(Cursor::new(unpacked.as_slice()))
        .map_err(|_| bad("无法作为 Excel 工作簿打开。请选择由本工具“汇总”生成的 .xlsx 文件。".into()))?;
    let mut sheet = |name: &str| -> Result<Range<Data>, Error> {
        wb.worksheet_range(name).map_err(|_| {
            bad(format!("缺少工作表“{name}”。请选择由本工具“汇总”生成的汇总表，不要删除或改名其中的工作表。"))
        })
    };
    let meta = sheet(sheets::META).map_err(|_| bad("没有“_meta”工作表。请选择由本工具“汇总”生成的汇总表。".into()))?;

    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut files: BTreeMap<Outcome, Vec<String>> = BTreeMap::new();
    let (mut summaries, mut progress, mut trend, mut changes, mut skipped) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut follow = follow_up::FollowUp::default();
    let unreadable = |what: &str, row: u32| bad(format!("“_meta”第 {} 行的{what}数据无法识别。", row + 1));
    for row in rows(&meta) {
        let key = text(&meta, row, 0);
        if key == "summary" {
            summaries.push(text(&meta, row, 1));
        } else if key == "progress" {
            progress.push(from_json(&text(&meta, row, 1)).ok_or_else(|| unreadable("进度", row))?);
        } else if key == "trend" {
            trend.push(from_json(&text(&meta, row, 1)).ok_or_else(|| unreadable("趋势", row))?);
        } else if key == changes::META_KEY {
            changes.push(changes::read_meta(&text(&meta, row, 1)).ok_or_else(|| unreadable("变更记录", row))?);
        } else if key == "skipped" {
            skipped.push(jz_core::merge::Skipped { path: text(&meta, row, 1), reason: text(&meta, row, 2) });
        } else if key == "history" || follow.take(&key, &text(&meta, row, 1)).map_err(|what| unreadable(what, row))? {
            continue;
        } else if key == "file" {
            let outcome = match text(&meta, row, 3).as_str() {
                "accepted" => Outcome::Accepted,
                "rejected" => Outcome::Rejected,
                "superseded" => Outcome::Superseded,
                "earlier" => Outcome::Earlier,
                other => return Err(bad(format!("“_meta”中的文件状态“{other}”无法识别。"))),
            };
            files.entry(outcome).or_default().push(text(&meta, row, 1));
        } else if !key.is_empty() {
            keys.entry(key).or_insert_with(|| text(&meta, row, 1));
        }
    }
    let get = |k: &str| keys.get(k).cloned().unwrap_or_default();
    if get("format") != SUMMARY_FORMAT {
        return Err(bad("“_meta”中没有 format = jz-ip-summary，这可能是单位填报表而不是汇总表。".into()));
    }
    let year: u16 = get("year").trim().parse().map_err(|_| bad("“_meta”中的年度无法识别。".into()))?;
    let mut take = |o: Outcome| files.remove(&o).unwrap_or_default();

    let years = get("years")
        .split(',')
        .filter(|y| !y.trim().is_empty())
        .map(|y| y.trim().parse::<u16>().map_err(|_| bad("“_meta”中的年度列表无法识别。".into())))
        .collect::<Result<Vec<_>, _>>()?;
    let summary_measures = read_measures(&sheet(names::DETAIL)?)?;
    let indicators = read_indicators(&sheet(names::INDICATORS)?)?;
    let missing_units = read_missing(&sheet(names::UNITS)?)?;

    Ok(MergeSummary {
        year,
        plan_id: get("plan_id"),
        plan_hash: get("plan_hash"),
        accepted: take(Outcome::Accepted),
        rejected: take(Outcome::Rejected),
        superseded: take(Outcome::Superseded),
        earlier: take(Outcome::Earlier),
        missing_units,
        indicators,
        measures: summary_measures,
        summaries,
        years,
        progress,
        trend,
        changes,
        supervision: follow.supervision,
        reminders: follow.reminders,
        skipped,
    })
}

/// The data of every year a summary carries (hidden `_meta` rows), for a later multi-year
/// merge: the summary's year, and per year each unit's values and statuses.
///
/// # Errors
/// [`Error::NotASummary`] as for [`read_summary`], or when a history row is unreadable.
pub fn read_history(path: &str, bytes: &[u8]) -> Result<HistorySource, Error> {
    let summary = read_summary(bytes)?;
    let bad = |m: String| Error::NotASummary(m);
    let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|_| bad("无法作为 Excel 工作簿打开。请选择由本工具“汇总”生成的 .xlsx 文件。".into()))?;
    let meta = wb
        .worksheet_range(sheets::META)
        .map_err(|_| bad("没有“_meta”工作表。请选择由本工具“汇总”生成的汇总表。".into()))?;
    let mut by_year: BTreeMap<u16, YearData> = BTreeMap::new();
    for row in rows(&meta) {
        if text(&meta, row, 0) != "history" {
            continue;
        }
        let unreadable = || bad(format!("“_meta”第 {} 行的往年数据无法识别。请使用本工具生成的汇总表。", row + 1));
        let year: u16 = text(&meta, row, 1).trim().parse().map_err(|_| unreadable())?;
        let unit = text(&meta, row, 2);
        let data: UnitYear = from_json(&text(&meta, row, 3)).ok_or_else(unreadable)?;
        by_year.entry(year).or_insert_with(|| YearData { year, units: BTreeMap::new() }).units.insert(unit, data);
    }
    Ok(HistorySource {
        path: path.to_string(),
        sha256: jz_core::plan::sha256_hex(bytes),
        year: summary.year,
        data: by_year.into_values().collect(),
    })
}

/// The cell as text (numbers the way people write them).
fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) | Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => s.clone(),
        Some(Data::Float(f)) => jz_core::cell::format_number(*f),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// The cell as a number; `None` when blank.
fn number(range: &Range<Data>, row: u32, col: u32, what: &str) -> Result<Option<f64>, Error> {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => Ok(None),
        Some(Data::Float(f)) => Ok(Some(*f)),
        Some(Data::Int(i)) => Ok(Some(*i as f64)),
        Some(Data::String(s)) if s.trim().is_empty() => Ok(None),
        Some(other) => Err(Error::NotASummary(format!("第 {} 行的{what}“{other}”不是数字。", row + 1))),
    }
}

/// The rows a range covers (absolute numbers).
fn rows(range: &Range<Data>) -> std::ops::RangeInclusive<u32> {
    match (range.start(), range.end()) {
        (Some((a, _)), Some((b, _))) => a..=b,
        #[allow(clippy::reversed_empty_ranges)]
        _ => 1..=0,
    }
}

/// The header row (the first row whose first cell is `first`) and its columns by label.
fn find_header(range: &Range<Data>, first: &str, sheet: &str) -> Result<(u32, BTreeMap<String, u32>), Error> {
    let width = range.end().map_or(0, |(_, c)| c + 1);
    for row in rows(range) {
        if text(range, row, 0).trim() == first {
            let cols = (0..width).map(|c| (text(range, row, c).trim().to_string(), c)).collect();
            return Ok((row, cols));
        }
    }
    Err(Error::NotASummary(format!("工作表“{sheet}”中找不到表头“{first}”。")))
}

fn column(cols: &BTreeMap<String, u32>, label: &str, sheet: &str) -> Result<u32, Error> {
    cols.get(label).copied().ok_or_else(|| Error::NotASummary(format!("工作表“{sheet}”中缺少“{label}”列。")))
}

/// Data rows below `header`, up to the first row whose first cell is blank.
fn body_rows(range: &Range<Data>, header: u32) -> impl Iterator<Item = u32> + '_ {
    let end = range.end().map_or(0, |(r, _)| r);
    (header + 1..=end).take_while(move |&r| !text(range, r, 0).trim().is_empty())
}

fn read_measures(range: &Range<Data>) -> Result<Vec<MeasureCounts>, Error> {
    let (h, cols) = find_header(range, DETAIL_COLUMNS[0], names::DETAIL)?;
    let status_col = column(&cols, "完成状态", names::DETAIL)?;
    let remark_col = column(&cols, "备注", names::DETAIL)?;
    let mut out: Vec<MeasureCounts> = Vec::new();
    for row in body_rows(range, h) {
        let id = text(range, row, 0).trim().to_string();
        let i = match out.iter().position(|m| m.id == id) {
            Some(i) => i,
            None => {
                let counts = status_keys().iter().map(|k| (k.to_string(), 0)).collect();
                out.push(MeasureCounts { id, status_counts: counts });
                out.len() - 1
            }
        };
        if text(range, row, remark_col).trim().is_empty() {
            let status = text(range, row, status_col).trim().to_string();
            *out[i].status_counts.entry(status).or_default() += 1;
        }
    }
    Ok(out)
}

fn read_indicators(range: &Range<Data>) -> Result<Vec<IndicatorTotal>, Error> {
    let sheet = names::INDICATORS;
    let (h, cols) = find_header(range, "指标编号", sheet)?;
    let target_col = column(&cols, "目标值", sheet)?;
    let total_col = column(&cols, "全市合计", sheet)?;
    let rate_col = column(&cols, "完成率", sheet)?;
    let count_col = column(&cols, "已报/应报", sheet)?;
    let mut out = Vec::new();
    for row in body_rows(range, h) {
        let counts = text(range, row, count_col);
        let parsed = counts.split_once('/').and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
        let (reported, expected) = parsed.ok_or_else(|| {
            Error::NotASummary(format!("工作表“{sheet}”第 {} 行的“已报/应报”“{counts}”无法识别。", row + 1))
        })?;
        out.push(IndicatorTotal {
            id: text(range, row, 0).trim().to_string(),
            total: number(range, row, total_col, "全市合计")?,
            target: number(range, row, target_col, "目标值")?.unwrap_or(0.0),
            rate: number(range, row, rate_col, "完成率")?,
            reported,
            expected,
        });
    }
    Ok(out)
}

fn read_missing(range: &Range<Data>) -> Result<Vec<String>, Error> {
    let (h, cols) = find_header(range, UNIT_COLUMNS[0], names::UNITS)?;
    let state_col = column(&cols, "状态", names::UNITS)?;
    let missing = [UnitState::Missing.label(), UnitState::Rejected.label()];
    Ok(body_rows(range, h)
        .filter(|&r| missing.contains(&text(range, r, state_col).trim()))
        .map(|r| text(range, r, 0).trim().to_string())
        .collect())
}

mod back;
mod changes;
pub mod follow_up;
pub use back::read_merge;

#[cfg(test)]
mod tests;

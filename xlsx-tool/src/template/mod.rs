//! The unit's workbook (填报表, contract §4): the blank template and the same workbook
//! re-made with a report's values filled in and its diagnostics marked at their cells.
//!
//! Output is deterministic: the document date comes from the year, never the clock, so
//! the same plan, unit and year always give the same bytes.

use std::collections::BTreeMap;

use jz_core::{
    Anchor, Diagnostic, FORMAT_VERSION, Field, HEADER_LABELS, INDICATOR_COLUMNS, Indicator, IndicatorEntry,
    MAX_PROGRESS_CHARS, MeasureEntry, Plan, REPORT_FORMAT, Report, Severity, Status, TASK_COLUMNS, sheets,
};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Note, ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use crate::Error;

/// Zero-based row of the contact block on `任务填报`.
pub const CONTACT_ROW: u32 = 1;
/// Zero-based row of the header on `任务填报`.
pub const TASK_HEADER_ROW: u32 = 2;
/// Zero-based row of the header on `指标填报`.
pub const INDICATOR_HEADER_ROW: u32 = 0;

/// Column widths of `任务填报` (A..I); J is the date value of the contact block.
const TASK_WIDTHS: [f64; 10] = [6.0, 22.0, 48.0, 16.0, 12.0, 48.0, 30.0, 30.0, 24.0, 14.0];
/// Column widths of `指标填报` (A..F).
const INDICATOR_WIDTHS: [f64; 6] = [10.0, 36.0, 10.0, 10.0, 16.0, 40.0];

/// Shading of cells a person fills in.
const INPUT_FILL: u32 = 0xFFF2CC;
/// Shading of header rows.
pub(crate) const HEADER_FILL: u32 = 0xDDEBF7;

/// The header-row format every workbook of the project uses (template, summary, plan
/// workbook): bold, thin border, wrapped, shaded, centred.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_background_color(Color::RGB(HEADER_FILL))
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}
/// Fill of a cell with an error.
const ERROR_FILL: u32 = 0xFFC7CE;
/// Fill of a cell with a warning.
const WARNING_FILL: u32 = 0xFFEB9C;

/// Blank workbook for `unit` (canonical or any accepted spelling) and `year`.
///
/// The bytes are deterministic: the document creation date is `{year}-12-01`.
///
/// # Errors
/// [`Error::UnknownUnit`] when the plan does not know the unit, [`Error::BadYear`] when the
/// year is not a reporting year of the plan, [`Error::Write`] if the workbook cannot be built.
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// // Any accepted spelling of the unit works; the bytes are an .xlsx to save or send.
/// let xlsx = xlsx_tool::template::template(&plan, "焦作市人民检察院", 2025)?;
/// assert!(xlsx.starts_with(b"PK"));
/// assert_eq!(xlsx, xlsx_tool::template::template(&plan, "检察院", 2025)?);
///
/// assert!(matches!(
///     xlsx_tool::template::template(&plan, "郑州市", 2025),
///     Err(xlsx_tool::Error::UnknownUnit(_))
/// ));
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
pub fn template(plan: &Plan, unit: &str, year: u16) -> Result<Vec<u8>, Error> {
    build(plan, unit, year, None, &[])
}

/// The unit's workbook re-made from the template with the values of `report` filled in and
/// every diagnostic marked: the cell it is anchored at is filled red (errors) or yellow
/// (warnings) and carries a note with the message(s); diagnostics without an anchor (or whose
/// cell is not in the workbook) go into a note on the title cell A1.
///
/// Everything the unit typed is kept exactly, including invalid texts; measure and indicator
/// entries that are not in the unit's plan rows (unknown, not assigned, duplicated) are
/// appended after the plan rows. With no diagnostics this is the "corrected workbook".
///
/// # Errors
/// As [`template`].
pub fn filled(
    plan: &Plan,
    report: &Report,
    unit: &str,
    year: u16,
    diagnostics: &[Diagnostic],
) -> Result<Vec<u8>, Error> {
    build(plan, unit, year, Some(report), diagnostics)
}

/// The canonical unit name, or the reason it cannot be used.
fn check<'a>(plan: &'a Plan, unit: &str, year: u16) -> Result<&'a str, Error> {
    let canonical = plan.resolve_unit(unit).ok_or_else(|| Error::UnknownUnit(unit.to_string()))?;
    if !plan.has_year(i64::from(year)) {
        return Err(Error::BadYear { year: i64::from(year), first: plan.first_year, last: plan.last_year });
    }
    Ok(canonical)
}

/// The title of the `任务填报` sheet.
pub fn title(year: u16) -> String {
    format!("{year}年度焦作市推动知识产权高质量发展任务落实情况填报表")
}

// ---------------------------------------------------------------------------------------
// Layout: which row holds what, so diagnostics can be placed before anything is written.
// ---------------------------------------------------------------------------------------

/// A measure row of `任务填报`: a plan row (with the unit's entry, if any) or an appended entry.
struct MeasureRow<'a> {
    id: String,
    plan: Option<jz_core::plan::MeasureRef<'a>>,
    entry: Option<&'a MeasureEntry>,
}

/// An indicator row of `指标填报`.
struct IndicatorRow<'a> {
    id: String,
    plan: Option<&'a Indicator>,
    entry: Option<&'a IndicatorEntry>,
}

fn measure_rows<'a>(plan: &'a Plan, unit: &'a str, report: Option<&'a Report>) -> Vec<MeasureRow<'a>> {
    let entries: &[MeasureEntry] = report.map_or(&[], |r| r.measures.as_slice());
    let mut used = vec![false; entries.len()];
    let mut rows = Vec::new();
    for m in plan.measures_of(unit) {
        let found = entries.iter().position(|e| e.id == m.measure.id);
        if let Some(i) = found {
            used[i] = true;
        }
        rows.push(MeasureRow { id: m.measure.id.clone(), plan: Some(m), entry: found.map(|i| &entries[i]) });
    }
    for (e, _) in entries.iter().zip(&used).filter(|(_, u)| !**u) {
        rows.push(MeasureRow { id: e.id.clone(), plan: None, entry: Some(e) });
    }
    rows
}

fn indicator_rows<'a>(plan: &'a Plan, unit: &'a str, report: Option<&'a Report>) -> Vec<IndicatorRow<'a>> {
    let entries: &[IndicatorEntry] = report.map_or(&[], |r| r.indicators.as_slice());
    let mut used = vec![false; entries.len()];
    let mut rows = Vec::new();
    for ind in plan.indicators_of(unit) {
        let found = entries.iter().position(|e| e.id == ind.id);
        if let Some(i) = found {
            used[i] = true;
        }
        rows.push(IndicatorRow { id: ind.id.clone(), plan: Some(ind), entry: found.map(|i| &entries[i]) });
    }
    for (e, _) in entries.iter().zip(&used).filter(|(_, u)| !**u) {
        rows.push(IndicatorRow { id: e.id.clone(), plan: plan.indicator(&e.id), entry: Some(e) });
    }
    rows
}

/// Sheet index of a mark: 0 = `任务填报`, 1 = `指标填报`.
type CellKey = (u8, u32, u16);

/// Diagnostics grouped by the cell they are shown at.
#[derive(Default)]
struct Marks<'a> {
    cells: BTreeMap<CellKey, Vec<&'a Diagnostic>>,
    title: Vec<&'a Diagnostic>,
}

impl Marks<'_> {
    fn severity(&self, key: CellKey) -> Option<Severity> {
        worst(self.cells.get(&key)?)
    }
}

fn worst(diags: &[&Diagnostic]) -> Option<Severity> {
    diags.iter().map(|d| d.severity).min()
}

fn measure_col(field: Field) -> u16 {
    match field {
        Field::Id => 0,
        Field::TaskText => 1,
        Field::MeasureText => 2,
        Field::Responsible => 3,
        Field::Status => 4,
        Field::Progress => 5,
        Field::Problems => 6,
        Field::NextPlan => 7,
        Field::Evidence => 8,
        _ => 0,
    }
}

fn indicator_col(field: Field) -> u16 {
    match field {
        Field::Id => 0,
        Field::IndicatorName => 1,
        Field::IndicatorUnit => 2,
        Field::Target => 3,
        Field::Value => 4,
        Field::Remark => 5,
        _ => 0,
    }
}

fn header_col(field: Field) -> Option<u16> {
    match field {
        Field::Unit => Some(1),
        Field::Year => Some(3),
        Field::Contact => Some(5),
        Field::Phone => Some(7),
        Field::Date => Some(9),
        _ => None,
    }
}

fn place<'a>(diags: &'a [Diagnostic], measures: &[MeasureRow], indicators: &[IndicatorRow]) -> Marks<'a> {
    let mut marks = Marks::default();
    for d in diags {
        let key = match &d.anchor {
            Some(Anchor::Header { field }) => header_col(*field).map(|c| (0, CONTACT_ROW, c)),
            Some(Anchor::Measure { id, field }) => measures
                .iter()
                .position(|r| &r.id == id)
                .map(|i| (0, TASK_HEADER_ROW + 1 + i as u32, measure_col(*field))),
            Some(Anchor::Indicator { id, field }) => indicators
                .iter()
                .position(|r| &r.id == id)
                .map(|i| (1, INDICATOR_HEADER_ROW + 1 + i as u32, indicator_col(*field))),
            None => None,
        };
        match key {
            Some(k) => marks.cells.entry(k).or_default().push(d),
            None => marks.title.push(d),
        }
    }
    marks
}

/// The note text of a cell's diagnostics, one line each.
fn note_text(diags: &[&Diagnostic]) -> String {
    diags.iter().map(|d| format!("【{}】{}", d.severity.label(), d.message)).collect::<Vec<_>>().join("\n")
}

fn make_note(diags: &[&Diagnostic]) -> Note {
    let text = clip(&note_text(diags), 32000);
    let lines = text_lines(&text, 40.0).min(30);
    let height = (lines as u32 * 20 + 20).clamp(80, 600);
    Note::new(text).set_author("xlsx-tool").add_author_prefix(false).set_width(320).set_height(height)
}

// ---------------------------------------------------------------------------------------
// Shared helpers (also used by the summary writer).
// ---------------------------------------------------------------------------------------

/// How many lines `text` takes in a wrapped cell of `width` (Excel character units):
/// CJK characters count double.
pub(crate) fn text_lines(text: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(2.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line.chars().map(|c| if c.is_ascii() { 1.1 } else { 2.0 }).sum();
            ((units / per_line).ceil() as usize).max(1)
        })
        .sum()
}

/// Row height in points for `lines` lines of text.
pub(crate) fn row_height(lines: usize) -> f64 {
    (lines as f64 * 14.5 + 5.0).min(409.0)
}

/// The document properties with a fixed creation date (never the clock).
pub(crate) fn properties(title: &str, year: u16, month: u8, day: u8) -> Result<DocProperties, XlsxError> {
    let date = ExcelDateTime::from_ymd(year, month, day)?;
    Ok(DocProperties::new().set_title(title).set_author("xlsx-tool").set_creation_datetime(&date))
}

/// A copy of `base` filled to show a diagnostic of `severity`.
pub(crate) fn marked(base: &Format, severity: Option<Severity>) -> Format {
    match severity {
        Some(Severity::Error) => base.clone().set_background_color(Color::RGB(ERROR_FILL)),
        Some(Severity::Warning) => base.clone().set_background_color(Color::RGB(WARNING_FILL)),
        None => base.clone(),
    }
}

/// Writes `text` as a string (never a formula), or a formatted blank when empty.
pub(crate) fn put_text(ws: &mut Worksheet, row: u32, col: u16, text: &str, fmt: &Format) -> Result<(), XlsxError> {
    if text.is_empty() {
        ws.write_blank(row, col, fmt)?;
    } else {
        ws.write_string_with_format(row, col, text, fmt)?;
    }
    Ok(())
}

/// Cuts `text` to at most `max` UTF-16 units (Excel's limit for validation messages).
pub(crate) fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in text.chars() {
        len += c.len_utf16();
        if len > max.saturating_sub(1) {
            out.push('…');
            return out;
        }
        out.push(c);
    }
    out
}

/// The formats of the unit workbook.
struct Styles {
    title: Format,
    label: Format,
    fixed: Format,
    fixed_number: Format,
    header: Format,
    body: Format,
    body_center: Format,
    body_number: Format,
    input: Format,
    input_center: Format,
    input_line: Format,
    input_text: Format,
    input_date: Format,
    input_number: Format,
    help_title: Format,
    help_heading: Format,
    help_text: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
        let input = cell.clone().set_unlocked().set_background_color(Color::RGB(INPUT_FILL));
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            label: Format::new()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            fixed: Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter).set_text_wrap(),
            fixed_number: Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_align(FormatAlign::Left)
                .set_num_format("0"),
            header: header_format(),
            body_center: cell.clone().set_align(FormatAlign::Center),
            body_number: cell.clone().set_align(FormatAlign::Right),
            body: cell,
            input_center: input.clone().set_align(FormatAlign::Center),
            input_line: input.clone().set_align(FormatAlign::VerticalCenter),
            input_text: input.clone().set_num_format("@").set_align(FormatAlign::VerticalCenter),
            input_date: input.clone().set_num_format("yyyy-mm-dd").set_align(FormatAlign::VerticalCenter),
            input_number: input.clone().set_align(FormatAlign::Right),
            input,
            help_title: Format::new().set_bold().set_font_size(16),
            help_heading: Format::new().set_bold().set_font_size(12).set_background_color(Color::RGB(HEADER_FILL)),
            help_text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Sheet protection for people: no password, formatting rows/columns allowed.
fn protection() -> ProtectionOptions {
    ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::new() }
}

/// A4 landscape, one page wide, header rows repeated.
fn print_setup(ws: &mut Worksheet, repeat_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(repeat_row, repeat_row)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The workbook.
// ---------------------------------------------------------------------------------------

fn build(plan: &Plan, unit: &str, year: u16, report: Option<&Report>, diags: &[Diagnostic]) -> Result<Vec<u8>, Error> {
    let unit = check(plan, unit, year)?;
    let measures = measure_rows(plan, unit, report);
    let indicators = indicator_rows(plan, unit, report);
    let marks = place(diags, &measures, &indicators);
    let styles = Styles::new();

    let mut wb = Workbook::new();
    wb.set_properties(&properties(&format!("{}（{unit}）", title(year)), year, 12, 1)?);

    let ws = wb.add_worksheet();
    ws.set_name(sheets::TASKS)?;
    write_tasks(ws, unit, year, report, &measures, &marks, &styles)?;

    let ws = wb.add_worksheet();
    ws.set_name(sheets::INDICATORS)?;
    write_indicators(ws, &indicators, &marks, &styles)?;

    let ws = wb.add_worksheet();
    ws.set_name(sheets::HELP)?;
    write_help(ws, plan, unit, year, &styles)?;

    let ws = wb.add_worksheet();
    ws.set_name(sheets::META)?;
    let meta = [
        ("format", REPORT_FORMAT.to_string()),
        ("format_version", FORMAT_VERSION.to_string()),
        ("plan_id", plan.id.clone()),
        ("plan_hash", plan.hash.clone()),
        ("unit", unit.to_string()),
        ("year", year.to_string()),
        ("generated_by", generated_by()),
    ];
    for (row, (key, value)) in meta.iter().enumerate() {
        ws.write_string(row as u32, 0, *key)?;
        ws.write_string(row as u32, 1, value)?;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 40)?;
    ws.set_hidden(true);
    ws.protect();

    Ok(wb.save_to_buffer()?)
}

/// `xlsx-tool <version>`.
pub(crate) fn generated_by() -> String {
    format!("xlsx-tool {}", env!("CARGO_PKG_VERSION"))
}

#[allow(clippy::too_many_arguments)]
fn write_tasks(
    ws: &mut Worksheet,
    unit: &str,
    year: u16,
    report: Option<&Report>,
    rows: &[MeasureRow],
    marks: &Marks,
    st: &Styles,
) -> Result<(), XlsxError> {
    for (col, width) in TASK_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }

    // Title, marked with the diagnostics that have no cell of their own.
    let title_fmt = marked(&st.title, worst(&marks.title));
    ws.merge_range(0, 0, 0, 9, &title(year), &title_fmt)?;
    ws.set_row_height(0, 32)?;
    if !marks.title.is_empty() {
        ws.insert_note(0, 0, &make_note(&marks.title))?;
    }

    // Contact block.
    let r = CONTACT_ROW;
    let m = |col: u16, base: &Format| marked(base, marks.severity((0, r, col)));
    for (i, label) in HEADER_LABELS.iter().enumerate() {
        ws.write_string_with_format(r, (i * 2) as u16, *label, &st.label)?;
    }
    put_text(ws, r, 1, unit, &m(1, &st.fixed))?;
    ws.write_number_with_format(r, 3, year, &m(3, &st.fixed_number))?;
    let contact = report.map_or("", |r| r.contact.as_str());
    put_text(ws, r, 5, contact, &m(5, &st.input_line))?;
    put_text(ws, r, 7, report.map_or("", |r| r.phone.as_str()), &m(7, &st.input_text))?;
    let date_fmt = m(9, &st.input_date);
    match report.map(|r| (r.date, r.date_text.as_str())) {
        Some((Some(d), text)) => match excel_date(d) {
            Some(dt) => {
                ws.write_datetime_with_format(r, 9, &dt, &date_fmt)?;
            }
            None => put_text(ws, r, 9, text, &date_fmt)?,
        },
        Some((None, text)) => put_text(ws, r, 9, text, &date_fmt)?,
        None => put_text(ws, r, 9, "", &date_fmt)?,
    }
    ws.set_row_height(r, 24)?;
    let date_rule =
        DataValidationRule::Between(ExcelDateTime::from_ymd(2000, 1, 1)?, ExcelDateTime::from_ymd(2100, 12, 31)?);
    let dv = DataValidation::new()
        .allow_date(date_rule)
        .set_input_title("填报日期")?
        .set_input_message("请填写填报日期，例如 2026-01-20。")?
        .set_error_title("填报日期格式不对")?
        .set_error_message("请按“年-月-日”填写日期，例如 2026-01-20。")?;
    ws.add_data_validation(r, 9, r, 9, &dv)?;
    let dv = DataValidation::new()
        .allow_any_value()
        .set_input_title("联系电话")?
        .set_input_message("请填写联系人的电话，座机请带区号，例如 0391-1234567，或填写手机号。")?;
    ws.add_data_validation(r, 7, r, 7, &dv)?;

    // Header.
    let h = TASK_HEADER_ROW;
    for (col, label) in TASK_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(h, col as u16, *label, &st.header)?;
    }
    ws.set_row_height(h, 22)?;

    // Measure rows.
    for (i, row) in rows.iter().enumerate() {
        let r = h + 1 + i as u32;
        let m = |col: u16, base: &Format| marked(base, marks.severity((0, r, col)));
        let entry = row.entry;
        let (task_text, measure_text, responsible, fixed_fmt, fixed_center) = match row.plan {
            Some(p) => {
                let responsible = if p.task.responsible_text.trim().is_empty() {
                    p.task.units.join("、")
                } else {
                    p.task.responsible_text.clone()
                };
                (
                    format!("{}.{}", p.task.number, p.task.title),
                    p.measure.text.clone(),
                    responsible,
                    &st.body,
                    &st.body_center,
                )
            }
            None => {
                let e = entry;
                (
                    e.map(|e| e.task_text.clone()).unwrap_or_default(),
                    e.map(|e| e.measure_text.clone()).unwrap_or_default(),
                    e.map(|e| e.responsible.clone()).unwrap_or_default(),
                    &st.input,
                    &st.input_center,
                )
            }
        };
        put_text(ws, r, 0, &row.id, &m(0, fixed_center))?;
        put_text(ws, r, 1, &task_text, &m(1, fixed_fmt))?;
        put_text(ws, r, 2, &measure_text, &m(2, fixed_fmt))?;
        put_text(ws, r, 3, &responsible, &m(3, fixed_fmt))?;
        let texts = [
            entry.map_or("", |e| e.status_text.as_str()),
            entry.map_or("", |e| e.progress.as_str()),
            entry.map_or("", |e| e.problems.as_str()),
            entry.map_or("", |e| e.next_plan.as_str()),
            entry.map_or("", |e| e.evidence.as_str()),
        ];
        for (k, text) in texts.iter().enumerate() {
            let col = 4 + k as u16;
            let base = if k == 0 { &st.input_center } else { &st.input };
            put_text(ws, r, col, text, &m(col, base))?;
        }
        let all =
            [task_text.as_str(), measure_text.as_str(), &responsible, texts[0], texts[1], texts[2], texts[3], texts[4]];
        let cols = [1usize, 2, 3, 4, 5, 6, 7, 8];
        let lines = all.iter().zip(cols).map(|(t, c)| text_lines(t, TASK_WIDTHS[c])).max().unwrap_or(1);
        ws.set_row_height(r, row_height(lines.max(4)))?;
    }

    if !rows.is_empty() {
        let first = h + 1;
        let last = h + rows.len() as u32;
        let list = Status::ALL.map(Status::label);
        let dv = DataValidation::new()
            .allow_list_strings(&list)?
            .set_input_title("完成状态")?
            .set_input_message("请从下拉列表选择：未启动、推进中、已完成、持续推进。")?
            .set_error_title("完成状态填写有误")?
            .set_error_message("完成状态只能是“未启动”“推进中”“已完成”“持续推进”之一，请从下拉列表中选择。")?;
        ws.add_data_validation(first, 4, last, 4, &dv)?;
        let dv = DataValidation::new()
            .allow_text_length(DataValidationRule::LessThanOrEqualTo(MAX_PROGRESS_CHARS as u32))
            .set_input_title("进展情况")?
            .set_input_message(
                "除“未启动”外必须填写：本年度做了哪些工作、取得了什么成效，尽量用数据说明，不超过2000字。",
            )?
            .set_error_title("进展情况太长")?
            .set_error_message("进展情况不能超过2000字，请精简后再填写。")?;
        ws.add_data_validation(first, 5, last, 5, &dv)?;
        let dv = DataValidation::new()
            .allow_any_value()
            .set_input_title("下一步计划")?
            .set_input_message("除“已完成”外应当填写下一步的工作安排。")?;
        ws.add_data_validation(first, 7, last, 7, &dv)?;
    }

    for (&(sheet, row, col), diags) in &marks.cells {
        if sheet == 0 {
            ws.insert_note(row, col, &make_note(diags))?;
        }
    }

    ws.set_freeze_panes(h + 1, 2)?;
    print_setup(ws, h)?;
    ws.protect_with_options(&protection());
    ws.set_active(true);
    Ok(())
}

fn excel_date(d: jz_core::Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year).ok()?;
    ExcelDateTime::from_ymd(year, u8::try_from(d.month).ok()?, u8::try_from(d.day).ok()?).ok()
}

/// Whether `text` is exactly the number a cell can hold (so it is written as a number).
fn parses(text: &str) -> bool {
    text.trim().parse::<f64>().is_ok_and(f64::is_finite)
}

fn write_indicators(ws: &mut Worksheet, rows: &[IndicatorRow], marks: &Marks, st: &Styles) -> Result<(), XlsxError> {
    for (col, width) in INDICATOR_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    let h = INDICATOR_HEADER_ROW;
    for (col, label) in INDICATOR_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(h, col as u16, *label, &st.header)?;
    }
    ws.set_row_height(h, 22)?;

    for (i, row) in rows.iter().enumerate() {
        let r = h + 1 + i as u32;
        let m = |col: u16, base: &Format| marked(base, marks.severity((1, r, col)));
        put_text(ws, r, 0, &row.id, &m(0, &st.body_center))?;
        let name = row.plan.map_or("", |p| p.name.as_str());
        put_text(ws, r, 1, name, &m(1, &st.body))?;
        put_text(ws, r, 2, row.plan.map_or("", |p| p.unit.as_str()), &m(2, &st.body_center))?;
        match row.plan {
            Some(p) => {
                ws.write_number_with_format(r, 3, p.target, &m(3, &st.body_number))?;
            }
            None => put_text(ws, r, 3, "", &m(3, &st.body_number))?,
        }
        let value_fmt = m(4, &st.input_number);
        match row.entry {
            Some(IndicatorEntry { value: Some(v), value_text, .. }) if v.is_finite() && parses(value_text) => {
                ws.write_number_with_format(r, 4, *v, &value_fmt)?;
            }
            Some(e) => put_text(ws, r, 4, &e.value_text, &value_fmt)?,
            None => put_text(ws, r, 4, "", &value_fmt)?,
        }
        let remark = row.entry.map_or("", |e| e.remark.as_str());
        put_text(ws, r, 5, remark, &m(5, &st.input))?;
        let lines = text_lines(name, INDICATOR_WIDTHS[1]).max(text_lines(remark, INDICATOR_WIDTHS[5]));
        ws.set_row_height(r, row_height(lines.max(2)))?;

        if let Some(p) = row.plan {
            let (dv, what) = if p.is_count() {
                (DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)), "整数")
            } else {
                (
                    DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
                    "数字（可以有小数）",
                )
            };
            let message = if p.description.trim().is_empty() {
                format!("单位：{}。只填{what}，不填表示未统计，没有请填 0。", p.unit)
            } else {
                format!("{}（单位：{}，只填{what}）", p.description.trim(), p.unit)
            };
            let dv = dv
                .set_input_title(clip(&format!("{} {}", p.id, p.name), 32))?
                .set_input_message(clip(&message, 255))?
                .set_error_title("请检查本年度完成值")?
                .set_error_message(clip(
                    &format!(
                        "本年度完成值应填{what}（单位：{}），不要填写单位或文字。金额请换算成{}。确实要保留请点“是”。",
                        p.unit, p.unit
                    ),
                    255,
                ))?
                .set_error_style(DataValidationErrorStyle::Warning);
            ws.add_data_validation(r, 4, r, 4, &dv)?;
        }
    }

    for (&(sheet, row, col), diags) in &marks.cells {
        if sheet == 1 {
            ws.insert_note(row, col, &make_note(diags))?;
        }
    }

    ws.set_freeze_panes(h + 1, 0)?;
    print_setup(ws, h)?;
    ws.protect_with_options(&protection());
    Ok(())
}

/// `MM-DD` of the plan's deadline as `M月D日`.
fn deadline_text(plan: &Plan) -> String {
    let mut parts = plan.deadline.split('-').map(|p| p.trim().parse::<u32>());
    match (parts.next(), parts.next()) {
        (Some(Ok(m)), Some(Ok(d))) if (1..=12).contains(&m) && (1..=31).contains(&d) => format!("{m}月{d}日"),
        _ => "1月31日".to_string(),
    }
}

/// What a unit fills in for an indicator of this kind.
fn kind_help(kind: jz_core::IndicatorKind) -> &'static str {
    match kind {
        jz_core::IndicatorKind::Flow => "填本年度新增的数量（不是历年累计数）",
        jz_core::IndicatorKind::Stock => "填本年度12月31日的总量（年末存量）",
        jz_core::IndicatorKind::Annual => "填本年度当年的数值",
    }
}

fn write_help(ws: &mut Worksheet, plan: &Plan, unit: &str, year: u16, st: &Styles) -> Result<(), XlsxError> {
    const WIDTH: f64 = 110.0;
    ws.set_column_width(0, WIDTH)?;
    let next = u32::from(year) + 1;
    let deadline = deadline_text(plan);
    let indicators: Vec<&Indicator> = plan.indicators_of(unit).collect();

    enum Line {
        Title(String),
        Heading(String),
        Text(String),
    }
    use Line::{Heading, Text, Title};
    let mut numerals = ["一", "二", "三", "四", "五", "六", "七", "八"].into_iter();
    let mut heading = |title: &str| Heading(format!("{}、{title}", numerals.next().unwrap_or("")));
    let mut lines = vec![
        Title(format!("{year}年度填报说明（{unit}）")),
        Text(format!("本表用于{unit}填报{year}年度《{}》的任务落实情况和量化指标完成情况。", plan.title)),
        heading("要填写哪些内容"),
        Text("“任务填报”表：第2行填写联系人、联系电话、填报日期；下面每一行是本单位负责的一条落实举措，请在浅黄色底纹的单元格中填写“完成状态”“进展情况”“存在问题”“下一步计划”“佐证材料”。白色单元格（序号、任务内容、落实举措、责任单位）已经填好，不能修改。".into()),
        Text(if indicators.is_empty() {
            "“指标填报”表：本单位没有需要填报的量化指标，该表不用填写。".into()
        } else {
            "“指标填报”表：每一行是本单位负责填报的一项量化指标，请在“本年度完成值”一栏填写数字，需要说明口径或数据来源的，写在“说明”一栏。".into()
        }),
        heading("完成状态怎么选（从下拉列表选择，只能是以下四种之一）"),
        Text("未启动：本年度这项工作还没有开始。".into()),
        Text("推进中：已经开始，但还没有完成。".into()),
        Text("已完成：这项工作已经全部完成，以后不需要再安排。".into()),
        Text("持续推进：属于长期性、经常性的工作，本年度已按计划开展，以后还要继续做。".into()),
        heading("各栏的填写要求"),
        Text("完成状态：每一行都必须选择。".into()),
        Text(format!("进展情况：除“未启动”外必须填写，写明本年度采取了哪些措施、取得了什么成效，尽量用数据说明，不超过{MAX_PROGRESS_CHARS}字。")),
        Text("存在问题：如实填写工作中遇到的困难和问题；没有的可以填“无”。".into()),
        Text("下一步计划：除“已完成”外都应当填写下一步的工作安排（不填会收到提醒）。".into()),
        Text("佐证材料：列出能证明工作成效的文件、报道、证书等的名称。".into()),
        Text("联系人、联系电话、填报日期：必须填写。联系电话座机请带区号（如 0391-1234567），也可以填手机号；填报日期按“年-月-日”填写，如 2026-01-20。".into()),
    ];
    if !indicators.is_empty() {
        lines.push(heading("本年度完成值怎么填"));
        lines.push(Text("只填数字，不要填写单位、文字或公式：例如填 12，不要填“12件”。".into()));
        lines.push(Text(
            "不填（留空）表示本年度没有统计或不报送这项数据；确实没有发生的请填 0。留空和填 0 的意思不一样。".into(),
        ));
        lines.push(Text(
            "计量单位是“件、个、家、所、次”的只能填整数；计量单位是“亿元”“件/万人”“%”的可以填小数。".into(),
        ));
        lines.push(Text("金额一律按“亿元”填写，万元要换算成亿元：2000万元填 0.2，1.5亿元填 1.5。".into()));
        lines.push(Text("统计口径：“累计新增”类指标填本年度新增的数量（不是历年累计数）；“年末存量”类指标填本年度12月31日的总量；“当年数值”类指标填本年度当年的数值。".into()));
        lines.push(Text("本单位要填报的指标：".into()));
        for ind in &indicators {
            let mut text =
                format!("{} {}（{}，{}）：{}", ind.id, ind.name, ind.unit, ind.kind.label(), kind_help(ind.kind));
            if !ind.description.trim().is_empty() {
                text.push('。');
                text.push_str(ind.description.trim());
            }
            lines.push(Text(text));
        }
    }
    lines.push(heading("注意事项"));
    lines.push(Text(
        "请不要修改工作表的名称和列标题，不要插入、删除行或列，不要修改隐藏的工作表，否则系统可能无法识别本表。".into(),
    ));
    lines.push(Text(
        "如需更正已报送的内容，请重新报送完整的表格，并更新填报日期，系统以填报日期较晚的一份为准。".into(),
    ));
    lines.push(heading("报送时间和方式"));
    lines.push(Text(format!(
        "请于{next}年{deadline}前，将填好的本表（保持 Excel 文件格式，不要转成 PDF 或图片）报送焦作市市场监督管理局。逾期未报送的单位，在全市汇总表中列为“未报送”。"
    )));
    if !plan.notes.is_empty() {
        lines.push(heading("关于本计划的说明"));
        for note in &plan.notes {
            lines.push(Text(note.clone()));
        }
    }

    for (row, line) in lines.iter().enumerate() {
        let row = row as u32;
        match line {
            Title(t) => {
                ws.write_string_with_format(row, 0, t, &st.help_title)?;
                ws.set_row_height(row, 28)?;
            }
            Heading(t) => {
                ws.write_string_with_format(row, 0, t, &st.help_heading)?;
                ws.set_row_height(row, 22)?;
            }
            Text(t) => {
                ws.write_string_with_format(row, 0, t, &st.help_text)?;
                ws.set_row_height(row, row_height(text_lines(t, WIDTH)))?;
            }
        }
    }
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.protect_with_options(&protection());
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests;

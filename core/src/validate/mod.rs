//! Every rule of contract §4 applied to a [`RawReport`].

use std::collections::HashSet;

use crate::cell::{CellValue, RawCell, format_number};
use crate::cells::{Cells, id_text};
use crate::date::Date;
use crate::diagnostic::{Anchor, Code, Diagnostic, Field};
use crate::plan::Plan;
use crate::report::{MeasureEntry, RawMeasureRow, RawReport, Report, Status};
use crate::text::{char_len, fold_width, same_text, strip_spaces};
use crate::{MAX_CELL_CHARS, MAX_PROGRESS_CHARS, sheets};

mod by_text;
mod indicators;

/// A value more than this many times the target is flagged `value-outlier`.
pub const OUTLIER_FACTOR: f64 = 10.0;

/// Validates a raw report against the plan: returns what the report says and every
/// finding, each addressed to its cell.
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// let (report, diags) = jz_core::validate(&plan, &jz_core::RawReport::default());
/// assert!(report.unit.is_none());
/// assert!(diags.iter().any(|d| d.code == jz_core::Code::UnitUnknown));
/// ```
pub fn validate(plan: &Plan, raw: &RawReport) -> (Report, Vec<Diagnostic>) {
    let (report, diags, _) = validate_located(plan, raw);
    (report, diags)
}

/// [`validate`], plus where each field stands in the workbook ([`Cells`]).
pub fn validate_located(plan: &Plan, raw: &RawReport) -> (Report, Vec<Diagnostic>, Cells) {
    // Plan identity first: a workbook of an older plan version is read with its rows
    // matched to the current plan (see `crate::revision`).
    let (raw, identity) = crate::revision::reconcile(plan, raw);
    let raw = raw.as_ref();
    let (by_text, mut diags) = by_text::match_rows(plan, raw);
    diags.extend(identity);
    let mut v = Validator { plan, raw, diags, by_text };
    let unit = v.unit();
    let year = v.year();
    let contact = v.required_text(&raw.contact, Field::Contact, "联系人", "请填写本单位负责填报的联系人姓名。");
    let phone_help = format!("请填写联系人的电话号码，如 {}。", plan.phone_example());
    let phone = v.required_text(&raw.phone, Field::Phone, "联系电话", &phone_help);
    let (date, date_text) = v.date();
    let measures = v.measures(unit.as_deref());
    let indicators = v.indicators(unit.as_deref());
    let report = Report { unit, year, contact, phone, date, date_text, measures, indicators };
    let Validator { mut diags, by_text, .. } = v;
    crate::revision::relax_missing(&mut diags);
    crate::diagnostic::sort(&mut diags);
    (report, diags, Cells::of_matched(raw, &by_text))
}

struct Validator<'a> {
    plan: &'a Plan,
    raw: &'a RawReport,
    diags: Vec<Diagnostic>,
    /// Per measure row: the measure it was matched to by its text (its wording is not
    /// judged again), or `None`.
    by_text: Vec<Option<String>>,
}

impl Validator<'_> {
    fn push(&mut self, code: Code, cell: &RawCell, anchor: Anchor, message: String) {
        self.diags.push(Diagnostic::new(code, cell.at.as_ref(), message).anchored(anchor));
    }

    /// A diagnostic about the contact block; without a cell it points at the tasks sheet.
    fn push_header(&mut self, code: Code, cell: &RawCell, field: Field, message: String) {
        let mut d = Diagnostic::new(code, cell.at.as_ref(), message).anchored(Anchor::Header { field });
        if d.sheet.is_empty() {
            d.sheet = self.tasks_sheet().to_string();
        }
        self.diags.push(d);
    }

    fn tasks_sheet(&self) -> &str {
        if self.raw.tasks_sheet.is_empty() { sheets::TASKS } else { &self.raw.tasks_sheet }
    }

    fn unit(&mut self) -> Option<String> {
        let written = self.raw.unit.text_value();
        let meta_unit = self.raw.meta.as_ref().map(|m| m.unit.trim().to_string()).unwrap_or_default();
        let from_meta = self.plan.resolve_unit(&meta_unit).map(str::to_string);
        if written.is_empty() {
            if from_meta.is_none() {
                self.push_header(
                    Code::UnitUnknown,
                    &self.raw.unit,
                    Field::Unit,
                    format!("填报单位未填写。请在“填报单位”右侧填写本单位名称，如{}。", self.plan.example_units(false)),
                );
            }
            return from_meta;
        }
        let Some(unit) = self.plan.resolve_unit(&written).map(str::to_string) else {
            let msg = format!(
                "填报单位“{written}”不是本计划的责任单位。请填写计划中的单位名称，例如：{}。",
                self.plan.units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("、")
            );
            self.push_header(Code::UnitUnknown, &self.raw.unit, Field::Unit, msg);
            return None;
        };
        if let Some(meta) = from_meta.filter(|m| *m != unit) {
            let msg = format!(
                "这份表格是为“{meta}”生成的，但填报单位写的是“{written}”。请用本单位（{unit}）自己的模板重新填报，或确认填报单位是否写错。"
            );
            self.push_header(Code::UnitMismatch, &self.raw.unit, Field::Unit, msg);
        }
        Some(unit)
    }

    fn year(&mut self) -> Option<u16> {
        let (first, last) = (self.plan.first_year, self.plan.last_year);
        let meta_year = self.raw.meta.as_ref().and_then(|m| parse_year(&CellValue::Text(m.year.clone())));
        let cell = &self.raw.year;
        let written = if cell.value.is_blank() { None } else { Some(parse_year(&cell.value)) };
        let year = match written {
            None => meta_year,
            Some(y) => y,
        };
        match year {
            Some(y) if self.plan.has_year(y) => {
                let y = u16::try_from(y).ok()?;
                if let Some(m) = meta_year.filter(|&m| m != i64::from(y)) {
                    let msg = format!(
                        "报告年度写的是 {y}，但这份表格是 {m} 年度的模板。请使用 {y} 年度的模板，或把报告年度改为 {m}。"
                    );
                    self.push_header(Code::YearInvalid, cell, Field::Year, msg);
                }
                Some(y)
            }
            _ => {
                let shown = cell.text_value();
                let msg = if shown.is_empty() {
                    format!("报告年度未填写。请填写 {first}–{last} 之间的年份，如 {last}。")
                } else {
                    format!("报告年度“{shown}”无效。请填写 {first}–{last} 之间的四位年份，如 {last}。")
                };
                self.push_header(Code::YearInvalid, cell, Field::Year, msg);
                None
            }
        }
    }

    fn required_text(&mut self, cell: &RawCell, field: Field, label: &str, hint: &str) -> String {
        let text = match &cell.value {
            CellValue::Number(n) => format_number(*n),
            other => other.as_text().trim().to_string(),
        };
        if text.is_empty() {
            self.push_header(Code::ContactMissing, cell, field, format!("{label}未填写。{hint}"));
        }
        text
    }

    fn date(&mut self) -> (Option<Date>, String) {
        let cell = &self.raw.date;
        let text = cell.text_value();
        let date = match &cell.value {
            CellValue::Empty => None,
            CellValue::Date(n) => Date::from_serial(*n),
            // A date typed into a general cell arrives as its serial number.
            CellValue::Number(n) if (36526.0..73051.0).contains(n) => Date::from_serial(*n),
            CellValue::Text(s) => Date::parse(s),
            _ => None,
        };
        if cell.value.is_blank() {
            let msg = "填报日期未填写。请填写报送日期，如 2026-01-20。".to_string();
            self.push_header(Code::ContactMissing, cell, Field::Date, msg);
        } else if date.is_none() {
            let msg = format!("填报日期“{text}”不是有效日期。请按“2026-01-20”或“2026年1月20日”的格式填写。");
            self.push_header(Code::DateInvalid, cell, Field::Date, msg);
        }
        (date, if date.is_some() { String::new() } else { text })
    }

    fn measures(&mut self, unit: Option<&str>) -> Vec<MeasureEntry> {
        let mut seen = HashSet::new();
        let mut entries = Vec::new();
        for (k, row) in self.raw.measures.iter().enumerate() {
            let by_text = self.by_text.get(k).cloned().flatten();
            if let Some(e) = self.measure_row(row, unit, &mut seen, by_text) {
                entries.push(e);
            }
        }
        // Without a measures sheet the missing-sheet finding already says it all.
        if let Some(unit) = unit.filter(|_| !self.raw.tasks_sheet.is_empty()) {
            let missing: Vec<_> = self.plan.measures_of(unit).filter(|m| !seen.contains(&m.measure.id)).collect();
            for m in missing {
                let msg = format!(
                    "缺少举措 {}（{}）的填报行。请从本单位模板中复制该行补上并填写，不要删除模板中的行。",
                    m.measure.id,
                    preview(&m.measure.text)
                );
                let d = Diagnostic::on_sheet(Code::MeasureMissing, self.tasks_sheet(), msg)
                    .anchored(Anchor::Measure { id: m.measure.id.clone(), field: Field::Id });
                self.diags.push(d);
            }
        }
        entries
    }

    fn measure_row(
        &mut self,
        row: &RawMeasureRow,
        unit: Option<&str>,
        seen: &mut HashSet<String>,
        by_text: Option<String>,
    ) -> Option<MeasureEntry> {
        let matched = by_text.is_some();
        let id = by_text.unwrap_or_else(|| id_text(&row.id.value));
        let anchor = |field| Anchor::Measure { id: id.clone(), field };
        let plan_measure = self.plan.measure(&id);
        let mut assigned = false;
        if id.is_empty() {
            let msg = "这一行没有序号。请填写举措序号（如 2.1），或删除这一行多余的内容。".to_string();
            self.push(Code::MeasureUnknown, &row.id, anchor(Field::Id), msg);
        } else if let Some(m) = plan_measure {
            if !seen.insert(id.clone()) {
                let msg = format!("举措 {id} 填报了不止一次。请把内容合并到同一行，删除重复的行。");
                self.push(Code::MeasureDuplicate, &row.id, anchor(Field::Id), msg);
                return None;
            }
            assigned = unit.is_none_or(|u| m.reports(u));
            if !assigned {
                let msg = format!(
                    "举措 {id} 不是本单位的责任举措（责任单位：{}），该行会保留但不计入统计。如无必要请删除这一行。",
                    m.measure.units.join("、")
                );
                self.push(Code::MeasureNotAssigned, &row.id, anchor(Field::Id), msg);
            }
            let written = row.measure_text.text_value();
            if !matched && !written.is_empty() && !same_text(&written, &m.measure.text) {
                let msg = format!(
                    "举措 {id} 的“落实举措”内容被改动过。原文是：“{}”。请恢复原文，进展写在“进展情况”中。",
                    m.measure.text
                );
                self.push(Code::MeasureTextChanged, &row.measure_text, anchor(Field::MeasureText), msg);
            }
        } else {
            let msg = format!("序号“{id}”不是本计划中的举措。请核对序号（格式如 2.1），或删除这一行。");
            self.push(Code::MeasureUnknown, &row.id, anchor(Field::Id), msg);
        }

        let status_text = row.status.text_value();
        let status = Status::parse(&status_text);
        // A column the sheet lacks has no cells: its `missing-column` says it once, not
        // one error per row.
        if status_text.is_empty() {
            if row.status.at.is_some() {
                let msg = format!("举措 {id} 的完成状态未填写。请在下拉框中选择：未启动、推进中、已完成、持续推进。");
                self.push(Code::StatusMissing, &row.status, anchor(Field::Status), msg);
            }
        } else if status.is_none() {
            let hint = match Status::suggest(&status_text) {
                Some(s) => format!("应改为“{}”。", s.label()),
                None => "请在下拉框中选择：未启动、推进中、已完成、持续推进。".to_string(),
            };
            let msg = format!("举措 {id} 的完成状态“{status_text}”不是可选值，{hint}");
            self.push(Code::StatusInvalid, &row.status, anchor(Field::Status), msg);
        }

        let progress = row.progress.value.as_text();
        let progress_len = char_len(&progress);
        if progress.trim().is_empty() {
            // Without a 完成状态 column whether progress is due is unknown: not judged.
            if status != Some(Status::NotStarted) && row.progress.at.is_some() && row.status.at.is_some() {
                let msg = format!(
                    "举措 {id} 的进展情况未填写。请简要写明本年度做了什么、取得了什么成效（未启动的举措可不填）。"
                );
                self.push(Code::ProgressMissing, &row.progress, anchor(Field::Progress), msg);
            }
        } else if progress_len > MAX_PROGRESS_CHARS {
            let msg = format!(
                "举措 {id} 的进展情况有 {progress_len} 字，超过 {MAX_PROGRESS_CHARS} 字的上限。请精简到 {MAX_PROGRESS_CHARS} 字以内，详细材料可列入“佐证材料”。"
            );
            self.push(Code::TextTooLong, &row.progress, anchor(Field::Progress), msg);
        }
        let next_plan = row.next_plan.value.as_text();
        if next_plan.trim().is_empty() && status.is_some() && status != Some(Status::Done) && row.next_plan.at.is_some()
        {
            let msg = format!("举措 {id} 尚未完成，建议填写下一步计划。");
            self.push(Code::NextPlanMissing, &row.next_plan, anchor(Field::NextPlan), msg);
        }
        for (cell, field, label) in [
            (&row.task_text, Field::TaskText, "任务内容"),
            (&row.measure_text, Field::MeasureText, "落实举措"),
            (&row.responsible, Field::Responsible, "责任单位"),
            (&row.problems, Field::Problems, "存在问题"),
            (&row.next_plan, Field::NextPlan, "下一步计划"),
            (&row.evidence, Field::Evidence, "佐证材料"),
        ] {
            let n = char_len(&cell.value.as_text());
            if n > MAX_CELL_CHARS {
                let msg = format!("举措 {id} 的{label}有 {n} 字，超过单元格上限 {MAX_CELL_CHARS} 字。请精简内容。");
                self.push(Code::TextTooLong, cell, anchor(field), msg);
            }
        }
        Some(MeasureEntry {
            id,
            task_text: row.task_text.value.as_text(),
            measure_text: row.measure_text.value.as_text(),
            responsible: row.responsible.value.as_text(),
            status,
            status_text,
            progress,
            problems: row.problems.value.as_text(),
            next_plan,
            evidence: row.evidence.value.as_text(),
            assigned: assigned && plan_measure.is_some(),
        })
    }
}

fn parse_year(v: &CellValue) -> Option<i64> {
    match v {
        CellValue::Number(n) if n.fract() == 0.0 => Some(*n as i64),
        CellValue::Text(s) => {
            let s = strip_spaces(&fold_width(s));
            let s = s.trim_end_matches("年度").trim_end_matches('年');
            s.parse().ok()
        }
        _ => None,
    }
}

/// The first 20 characters of a text, for messages.
fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(20).collect();
    if char_len(s) > 20 {
        out.push('…');
    }
    out
}

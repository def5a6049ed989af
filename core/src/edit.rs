//! Editing a unit's report in place: one change typed into the page's fixing grid (or
//! given on a command line) applied to a [`Report`], with the plan deciding what may be
//! changed. Owns [`Edit`], [`EditValue`], [`apply_edit`] and [`EditError`].

use serde::Deserialize;
use thiserror::Error;

use crate::date::Date;
use crate::diagnostic::Field;
use crate::plan::Plan;
use crate::report::{IndicatorEntry, MeasureEntry, Report, Status};

/// One change requested by the fixing grid.
///
/// The JavaScript shape (wasm `correct`): `{measure: "2.1", field: "status", value: "已完成"}`,
/// `{indicator: "I12", field: "value", value: "0.2"}`, `{field: "contact", value: "张伟"}`,
/// or a diagnostic anchor plus value: `{kind: "measure", id: "2.1", field: "progress", value}`.
#[derive(Debug, Clone, Deserialize)]
pub struct Edit {
    /// Measure id, for a measure cell.
    #[serde(default)]
    pub measure: Option<String>,
    /// Indicator id, for an indicator cell.
    #[serde(default)]
    pub indicator: Option<String>,
    /// Anchor form: `header`, `measure` or `indicator` (with `id`).
    #[serde(default)]
    pub kind: Option<String>,
    /// Anchor form: the measure or indicator id.
    #[serde(default)]
    pub id: Option<String>,
    /// Which column.
    pub field: Field,
    /// The new value (text or number; null = blank).
    #[serde(default)]
    pub value: Option<EditValue>,
}

/// A value typed into the grid.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum EditValue {
    /// Text as typed.
    Text(String),
    /// A number.
    Number(f64),
}

impl Edit {
    /// The new value as cell text: trimmed text, a number as the workbook shows it, or
    /// empty for a blank.
    pub fn text(&self) -> String {
        match &self.value {
            None => String::new(),
            Some(EditValue::Text(s)) => s.trim().to_string(),
            Some(EditValue::Number(n)) => crate::cell::format_number(*n),
        }
    }
}

/// Why an edit was refused. Every message is plain Chinese the page shows as it is.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The column is given by the template (序号, 落实举措, ...), not typed by the unit.
    #[error("“{label}”一栏由模板给出，不能修改。")]
    Fixed {
        /// Chinese column name of the field.
        label: &'static str,
    },
    /// 填报单位 names no unit of the plan.
    #[error("“{unit}”不是计划中的责任单位，请填写计划中的单位名称，例如“{example}”。")]
    UnknownUnit {
        /// The name written.
        unit: String,
        /// A unit of the plan in use, as an example ([`Plan::example_unit`]).
        example: String,
    },
    /// 报告年度 is not a year of the plan.
    #[error("报告年度请填写 {first}–{last} 之间的年份。")]
    BadYear {
        /// The plan's first year.
        first: u16,
        /// The plan's last year.
        last: u16,
    },
    /// No measure of the plan has this id.
    #[error("计划中没有序号为“{0}”的落实举措。")]
    UnknownMeasure(String),
    /// No indicator of the plan has this id.
    #[error("计划中没有编号为“{0}”的指标。")]
    UnknownIndicator(String),
}

/// Applies one edit to `report`. A measure or indicator the unit left out is added from
/// the plan first; nothing is validated here (validate the re-made workbook for that).
///
/// # Errors
/// An [`EditError`] when the edit targets a column the template fixes, or a unit, year,
/// measure or indicator the plan does not know.
///
/// # Examples
///
/// ```
/// use jz_core::edit::{Edit, EditError, EditValue, apply_edit};
/// use jz_core::{Field, Plan, Report, Status};
///
/// let plan = Plan::builtin();
/// let mut report = Report { unit: Some("孟州市".into()), year: Some(2025), ..Report::default() };
/// let edit = |measure: &str, field, value: &str| Edit {
///     measure: Some(measure.into()),
///     indicator: None,
///     kind: None,
///     id: None,
///     field,
///     value: Some(EditValue::Text(value.into())),
/// };
/// apply_edit(&plan, &mut report, &edit("2.1", Field::Status, "已完成")).unwrap();
/// assert_eq!(report.measure("2.1").and_then(|m| m.status), Some(Status::Done));
///
/// let refused = apply_edit(&plan, &mut report, &edit("99.9", Field::Status, "已完成"));
/// assert_eq!(refused, Err(EditError::UnknownMeasure("99.9".into())));
/// assert_eq!(refused.unwrap_err().to_string(), "计划中没有序号为“99.9”的落实举措。");
/// ```
pub fn apply_edit(plan: &Plan, report: &mut Report, edit: &Edit) -> Result<(), EditError> {
    let text = edit.text();
    let kind = edit.kind.as_deref().unwrap_or("");
    let id = edit.id.as_deref().map(str::trim).unwrap_or("");
    let fixed = || EditError::Fixed { label: edit.field.label() };
    if let Some(m) = edit.measure.as_deref().or((kind == "measure").then_some(id)) {
        let entry = measure_entry(plan, report, m.trim())?;
        match edit.field {
            Field::Status => {
                entry.status = Status::parse(&text);
                entry.status_text = text;
            }
            Field::Progress => entry.progress = text,
            Field::Problems => entry.problems = text,
            Field::NextPlan => entry.next_plan = text,
            Field::Evidence => entry.evidence = text,
            _ => return Err(fixed()),
        }
    } else if let Some(i) = edit.indicator.as_deref().or((kind == "indicator").then_some(id)) {
        let entry = indicator_entry(plan, report, i.trim())?;
        match edit.field {
            Field::Value => {
                entry.value = plain_number(&text);
                entry.value_text = text;
            }
            Field::Remark => entry.remark = text,
            _ => return Err(fixed()),
        }
    } else {
        match edit.field {
            Field::Unit => {
                let unit = plan.resolve_unit(&text).ok_or_else(|| EditError::UnknownUnit {
                    unit: text.clone(),
                    example: plan.example_unit().to_string(),
                })?;
                report.unit = Some(unit.to_string());
            }
            Field::Year => {
                let year = text
                    .parse::<u16>()
                    .ok()
                    .filter(|y| plan.has_year(i64::from(*y)))
                    .ok_or(EditError::BadYear { first: plan.first_year, last: plan.last_year })?;
                report.year = Some(year);
            }
            Field::Contact => report.contact = text,
            Field::Phone => report.phone = text,
            Field::Date => {
                report.date = Date::parse(&text);
                report.date_text = text;
            }
            _ => return Err(fixed()),
        }
    }
    Ok(())
}

/// A plain decimal number (anything else stays text for validation to judge).
fn plain_number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The report's entry for measure `id`, created from the plan when the unit left it out.
fn measure_entry<'a>(plan: &Plan, report: &'a mut Report, id: &str) -> Result<&'a mut MeasureEntry, EditError> {
    if let Some(pos) = report.measures.iter().position(|m| m.id == id) {
        return Ok(&mut report.measures[pos]);
    }
    let m = plan.measure(id).ok_or_else(|| EditError::UnknownMeasure(id.to_string()))?;
    let assigned = report.unit.as_deref().is_some_and(|u| m.reports(u));
    report.measures.push(MeasureEntry::blank(&m, assigned));
    let last = report.measures.len() - 1;
    Ok(&mut report.measures[last])
}

/// The report's entry for indicator `id`, created from the plan when the unit left it out.
fn indicator_entry<'a>(plan: &Plan, report: &'a mut Report, id: &str) -> Result<&'a mut IndicatorEntry, EditError> {
    if let Some(pos) = report.indicators.iter().position(|i| i.id == id) {
        return Ok(&mut report.indicators[pos]);
    }
    let ind = plan.indicator(id).ok_or_else(|| EditError::UnknownIndicator(id.to_string()))?;
    let assigned = report.unit.as_deref().is_some_and(|u| ind.reporter_units.iter().any(|x| x == u));
    report.indicators.push(IndicatorEntry {
        id: ind.id.clone(),
        value: None,
        value_text: String::new(),
        remark: String::new(),
        assigned,
    });
    let last = report.indicators.len() - 1;
    Ok(&mut report.indicators[last])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(measure: Option<&str>, indicator: Option<&str>, field: Field, value: &str) -> Edit {
        Edit {
            measure: measure.map(String::from),
            indicator: indicator.map(String::from),
            kind: None,
            id: None,
            field,
            value: Some(EditValue::Text(value.to_string())),
        }
    }

    #[test]
    fn edits_change_the_report() {
        let plan = Plan::builtin();
        let mut report = Report { unit: Some("孟州市".into()), year: Some(2025), ..Report::default() };
        let first = plan.measures_of("孟州市").next().map(|m| m.measure.id.clone()).unwrap_or_default();
        assert!(apply_edit(&plan, &mut report, &edit(Some(&first), None, Field::Status, "已完成")).is_ok());
        assert_eq!(report.measure(&first).and_then(|m| m.status), Some(Status::Done));
        assert!(apply_edit(&plan, &mut report, &edit(None, Some("I12"), Field::Value, " 0.2 ")).is_ok());
        assert_eq!(report.indicator("I12").and_then(|i| i.value), Some(0.2));
        assert!(apply_edit(&plan, &mut report, &edit(None, None, Field::Date, "2026年1月20日")).is_ok());
        assert_eq!(report.date, Date::new(2026, 1, 20));
        assert!(apply_edit(&plan, &mut report, &edit(Some("99.9"), None, Field::Status, "已完成")).is_err());
        assert!(apply_edit(&plan, &mut report, &edit(Some(&first), None, Field::MeasureText, "x")).is_err());
        assert!(apply_edit(&plan, &mut report, &edit(None, None, Field::Unit, "不存在的单位")).is_err());
    }

    #[test]
    fn messages_are_the_ones_the_page_shows() {
        let plan = Plan::builtin();
        let mut report = Report::default();
        let fixed = apply_edit(&plan, &mut report, &edit(Some("2.1"), None, Field::MeasureText, "x"));
        assert_eq!(fixed.map_err(|e| e.to_string()), Err("“落实举措”一栏由模板给出，不能修改。".to_string()));
        let unit = apply_edit(&plan, &mut report, &edit(None, None, Field::Unit, "火星"));
        assert_eq!(
            unit.map_err(|e| e.to_string()),
            Err("“火星”不是计划中的责任单位，请填写计划中的单位名称，例如“孟州市”。".to_string())
        );
        let year = apply_edit(&plan, &mut report, &edit(None, None, Field::Year, "1999"));
        assert_eq!(year.map_err(|e| e.to_string()), Err("报告年度请填写 2022–2025 之间的年份。".to_string()));
        let ind = apply_edit(&plan, &mut report, &edit(None, Some("I99"), Field::Value, "1"));
        assert_eq!(ind.map_err(|e| e.to_string()), Err("计划中没有编号为“I99”的指标。".to_string()));
    }
}

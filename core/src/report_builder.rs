//! Building a unit's [`Report`] in code, as if the unit had filled in its workbook: for
//! tests, sample data and library users who have the figures from elsewhere. Owns
//! [`ReportBuilder`] and [`Report::for_unit`].

use crate::date::Date;
use crate::plan::{MeasureRef, Plan};
use crate::report::{IndicatorEntry, MeasureEntry, Report, Status};

/// A [`Report`] being filled in; start with [`Report::for_unit`], finish with
/// [`build`](ReportBuilder::build).
///
/// It holds every measure the plan assigns to the unit (as [`MeasureEntry::blank`]: the
/// template's texts, 完成状态 blank) and no indicator value until
/// [`value`](ReportBuilder::value) adds one. Nothing is validated: a builder can make a
/// wrong report on purpose (an unknown 完成状态, a value the unit does not report).
#[derive(Debug, Clone)]
pub struct ReportBuilder<'p> {
    plan: &'p Plan,
    report: Report,
}

impl Report {
    /// Starts a report of `unit` (canonical name) for `year` made from `plan`.
    ///
    /// # Examples
    ///
    /// ```
    /// use jz_core::{Date, Plan, Report, Status};
    ///
    /// let plan = Plan::builtin();
    /// let report = Report::for_unit(&plan, "孟州市", 2025)
    ///     .contact("张伟", "0391-1234567")
    ///     .date(Date::new(2026, 1, 20))
    ///     .status(Status::InProgress)
    ///     .status_text("2.1", "完成") // not one of the four values: status stays blank
    ///     .progress("召开推进会2次")
    ///     .value("I02", 3.0)
    ///     .build();
    /// assert_eq!(report.unit.as_deref(), Some("孟州市"));
    /// assert_eq!(report.measures.len(), plan.measures_of("孟州市").count());
    /// assert_eq!(report.measure("2.1").map(|m| (m.status, m.status_text.as_str())), Some((None, "完成")));
    /// assert_eq!(report.indicator("I02").and_then(|i| i.value), Some(3.0));
    /// assert!(report.indicator("I02").is_some_and(|i| i.assigned));
    /// ```
    pub fn for_unit<'p>(plan: &'p Plan, unit: &str, year: u16) -> ReportBuilder<'p> {
        let measures = plan.measures_of(unit).map(|m| MeasureEntry::blank(&m, true)).collect();
        let report = Report { unit: Some(unit.to_string()), year: Some(year), measures, ..Report::default() };
        ReportBuilder { plan, report }
    }
}

impl MeasureEntry {
    /// The entry of measure `m` as the template prints it (序号, 任务内容, 落实举措, 责任单位
    /// from the plan) with nothing filled in yet.
    pub fn blank(m: &MeasureRef<'_>, assigned: bool) -> MeasureEntry {
        MeasureEntry {
            id: m.measure.id.clone(),
            task_text: format!("{}.{}", m.task.number, m.task.title),
            measure_text: m.measure.text.clone(),
            responsible: if m.has_roles() || !m.measure.responsible.is_empty() || !m.measure.due.is_empty() {
                m.responsible_label(None)
            } else {
                m.task.responsible_text.clone()
            },
            status: None,
            status_text: String::new(),
            progress: String::new(),
            problems: String::new(),
            next_plan: String::new(),
            evidence: String::new(),
            assigned,
        }
    }
}

impl ReportBuilder<'_> {
    /// 联系人 and 联系电话.
    pub fn contact(mut self, name: &str, phone: &str) -> Self {
        self.report.contact = name.to_string();
        self.report.phone = phone.to_string();
        self
    }

    /// 填报日期 (`None` = blank).
    pub fn date(mut self, date: Option<Date>) -> Self {
        self.report.date = date;
        self
    }

    /// The same 完成状态 for every measure.
    pub fn status(mut self, status: Status) -> Self {
        for m in &mut self.report.measures {
            m.status = Some(status);
            m.status_text = status.label().to_string();
        }
        self
    }

    /// 完成状态 of measure `id` as typed: understood when it is one of the four values,
    /// kept as text either way. A measure the report does not hold is left alone.
    pub fn status_text(mut self, id: &str, text: &str) -> Self {
        if let Some(m) = self.report.measures.iter_mut().find(|m| m.id == id) {
            m.status = Status::parse(text);
            m.status_text = text.to_string();
        }
        self
    }

    /// The same 进展情况 for every measure.
    pub fn progress(mut self, text: &str) -> Self {
        for m in &mut self.report.measures {
            m.progress = text.to_string();
        }
        self
    }

    /// The same 下一步计划 for every measure.
    pub fn next_plan(mut self, text: &str) -> Self {
        for m in &mut self.report.measures {
            m.next_plan = text.to_string();
        }
        self
    }

    /// Keeps only the first `n` measures (plan order).
    pub fn first_measures(mut self, n: usize) -> Self {
        self.report.measures.truncate(n);
        self
    }

    /// 本年度完成值 of indicator `id` (appended; `assigned` as the plan says).
    pub fn value(mut self, id: &str, value: f64) -> Self {
        let unit = self.report.unit.as_deref().unwrap_or_default();
        let assigned = self.plan.indicator(id).is_some_and(|i| i.reporter_units.iter().any(|u| u == unit));
        self.report.indicators.push(IndicatorEntry {
            id: id.to_string(),
            value: Some(value),
            value_text: value.to_string(),
            remark: String::new(),
            assigned,
        });
        self
    }

    /// Several values at once, in order (see [`value`](Self::value)).
    pub fn values(self, values: &[(&str, f64)]) -> Self {
        values.iter().fold(self, |b, (id, v)| b.value(id, *v))
    }

    /// The report.
    pub fn build(self) -> Report {
        self.report
    }
}

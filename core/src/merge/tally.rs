//! This year's figures from the accepted files: 任务明细 rows and status counts per
//! measure, city totals and unit values per indicator.

use std::collections::BTreeMap;

use super::result::{DetailRow, IndicatorTotal, MeasureCounts, UnitValue};
use super::submission::Submission;
use crate::number::city_total;
use crate::plan::{Plan, Role};
use crate::report::{NOT_SUBMITTED, Status};

/// 任务明细 rows (plan measure order, then plan unit order) and each measure's status
/// counts over its responsible units (`未报送` for a unit without an accepted file).
/// A measure a unit reported without being responsible is shown, not counted.
pub(super) fn measures(
    plan: &Plan,
    year: u16,
    accepted: &BTreeMap<&str, &Submission>,
) -> (Vec<DetailRow>, Vec<MeasureCounts>) {
    let mut rows = Vec::new();
    let mut measures = Vec::new();
    for m in plan.measures() {
        // Past its 完成时限: due on or before 31 December of the year.
        let due = crate::plan::due_date(&m.measure.due).is_some_and(|d| d.year <= i32::from(year));
        let mut counts: BTreeMap<String, u32> = Status::ALL.iter().map(|s| (s.label().to_string(), 0)).collect();
        counts.insert(NOT_SUBMITTED.into(), 0);
        // Lead units first, supporting units last (contract §11), else plan unit order.
        let rank = |unit: &str| match m.role_of(unit) {
            Some(Role::Lead) => 0,
            Some(Role::Support) => 2,
            _ => 1,
        };
        let mut order: Vec<&str> = plan.units.iter().map(|u| u.name.as_str()).collect();
        order.sort_by_key(|u| rank(u));
        for unit in order {
            let assigned = m.reports(unit);
            let role = match m.role_of(unit) {
                Some(r @ (Role::Lead | Role::Support)) if assigned => r.label().to_string(),
                _ => String::new(),
            };
            let sub = accepted.get(unit);
            let entry = sub.and_then(|s| s.report.measure(&m.measure.id));
            if !assigned && entry.is_none() {
                continue;
            }
            let status = entry.and_then(|e| e.status).map_or(NOT_SUBMITTED, Status::label);
            if assigned {
                *counts.entry(status.to_string()).or_default() += 1;
            }
            rows.push(DetailRow {
                measure: m.measure.id.clone(),
                unit: unit.to_string(),
                status: status.to_string(),
                progress: entry.map(|e| e.progress.clone()).unwrap_or_default(),
                problems: entry.map(|e| e.problems.clone()).unwrap_or_default(),
                next_plan: entry.map(|e| e.next_plan.clone()).unwrap_or_default(),
                evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
                source: sub.map(|s| s.file_name().to_string()).unwrap_or_default(),
                assigned,
                role,
                overdue: due && assigned && status != Status::Done.label() && status != NOT_SUBMITTED,
            });
        }
        measures.push(MeasureCounts { id: m.measure.id.clone(), status_counts: counts });
    }
    (rows, measures)
}

/// Per indicator (plan order) the city total against the target, and every unit value
/// from the accepted files (plan unit order); only reporters count in the total.
pub(super) fn indicators(
    plan: &Plan,
    accepted: &BTreeMap<&str, &Submission>,
) -> (Vec<IndicatorTotal>, Vec<Vec<UnitValue>>) {
    let mut indicators = Vec::new();
    let mut values = Vec::new();
    for ind in &plan.indicators {
        let mut vals = Vec::new();
        for unit in plan.units.iter().map(|u| u.name.as_str()) {
            let assigned = ind.reporter_units.iter().any(|u| u == unit);
            if let Some(e) = accepted.get(unit).and_then(|s| s.report.indicator(&ind.id)) {
                vals.push(UnitValue { unit: unit.into(), value: e.value, assigned, remark: e.remark.clone() });
            }
        }
        let counted: Vec<f64> = vals.iter().filter(|v| v.assigned).filter_map(|v| v.value).collect();
        let total = city_total(ind.aggregation, &counted);
        indicators.push(IndicatorTotal {
            id: ind.id.clone(),
            total,
            target: ind.target,
            rate: total.map(|t| t / ind.target),
            reported: counted.len(),
            expected: ind.reporter_units.len(),
        });
        values.push(vals);
    }
    (indicators, values)
}

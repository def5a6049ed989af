//! Reading a workbook made from an older version of the plan.
//!
//! A workbook's `_meta` records the plan id and hash it was made from. The rule
//! (`plan-mismatch`):
//! - another plan id: an **error** (a different plan altogether);
//! - the same id but another hash (the plan was revised): every measure row is matched to
//!   the current plan, first by id and identical text, then by identical text under another
//!   id (the measure was renumbered or moved to another task; the row is then read under its
//!   new id), then by id with similar text (a reworded measure, reported as
//!   `measure-text-changed` as usual). When every row matches, `plan-mismatch` is a
//!   **warning** whose message lists what changed for this workbook (renumbered measures,
//!   indicator targets and units that differ from the workbook's own 目标值/计量单位
//!   columns), and `measure-missing` for measures the old template could not have had
//!   becomes a warning too. When some row matches nothing, `plan-mismatch` stays an
//!   **error** naming those rows.

use std::borrow::Cow;

use crate::cell::{CellValue, format_number};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::plan::Plan;
use crate::plan_diff::{SIMILAR, similarity};
use crate::report::RawReport;
use crate::sheets;
use crate::text::{fold_width, same_text, strip_spaces};
use crate::value::display;

/// The measure id as written (same normalisation as validation).
fn row_id(v: &CellValue) -> String {
    let s = match v {
        CellValue::Number(n) => format_number(*n),
        other => other.as_text(),
    };
    strip_spaces(&fold_width(&s)).trim_end_matches('.').replace(['．', '。'], ".")
}

/// The workbook as the current plan reads it, and the `plan-mismatch` finding if any.
///
/// Returns the report unchanged (borrowed) unless rows had to be renumbered.
pub fn reconcile<'a>(plan: &Plan, raw: &'a RawReport) -> (Cow<'a, RawReport>, Vec<Diagnostic>) {
    let Some(meta) = &raw.meta else { return (Cow::Borrowed(raw), Vec::new()) };
    let (id, hash) = (meta.plan_id.trim(), meta.plan_hash.trim());
    if !id.is_empty() && id != plan.id {
        let msg = format!("这份表格依据的计划是“{id}”，与当前计划“{}”不同。请下载当前计划的模板重新填报。", plan.id);
        return (Cow::Borrowed(raw), vec![Diagnostic::on_sheet(Code::PlanMismatch, sheets::META, msg)]);
    }
    if hash.is_empty() || hash == plan.hash {
        return (Cow::Borrowed(raw), Vec::new());
    }

    let mut adapted = raw.clone();
    let mut changes = Vec::new();
    let mut unmatched = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let written: Vec<(String, String)> =
        raw.measures.iter().map(|r| (row_id(&r.id.value), r.measure_text.text_value())).collect();
    for (k, (rid, text)) in written.iter().enumerate() {
        let same_id = plan.measure(rid);
        let keep = match same_id {
            Some(m) => text.is_empty() || same_text(text, &m.measure.text),
            None => false,
        };
        if keep || rid.is_empty() {
            used.push(rid.clone());
            continue;
        }
        // The text under another id, not claimed by a row that already has that id.
        let moved = if text.is_empty() {
            None
        } else {
            plan.measures().find(|m| {
                same_text(text, &m.measure.text)
                    && !used.contains(&m.measure.id)
                    && !written.iter().any(|(i, t)| i == &m.measure.id && same_text(t, text))
            })
        };
        if let Some(m) = moved {
            let new_id = m.measure.id.clone();
            let move_text = if m.task.number.to_string() != rid.split('.').next().unwrap_or_default() {
                format!("举措 {rid} 在当前计划中移到任务 {}，编号改为 {new_id}", m.task.number)
            } else {
                format!("举措 {rid} 在当前计划中编号改为 {new_id}")
            };
            changes.push(move_text);
            if let Some(row) = adapted.measures.get_mut(k) {
                row.id.value = CellValue::Text(new_id.clone());
            }
            used.push(new_id);
            continue;
        }
        match same_id {
            Some(m) if similarity(text, &m.measure.text) >= SIMILAR => used.push(rid.clone()),
            _ => unmatched.push(rid.clone()),
        }
    }

    for row in &raw.indicators {
        let iid = strip_spaces(&fold_width(&row.id.value.as_text())).to_uppercase();
        let Some(ind) = plan.indicator(&iid) else { continue };
        let old_target = match &row.target.value {
            CellValue::Number(n) => Some(*n),
            CellValue::Text(t) => strip_spaces(&fold_width(t)).parse::<f64>().ok(),
            _ => None,
        };
        if let Some(t) = old_target.filter(|t| (t - ind.target).abs() > 1e-9) {
            changes.push(format!(
                "指标 {iid} 的目标值由 {} 改为 {} {}（汇总按新目标计算）",
                display(t),
                display(ind.target),
                ind.unit
            ));
        }
        let old_unit = strip_spaces(&row.unit.value.as_text());
        if !old_unit.is_empty() && !same_text(&old_unit, &ind.unit) {
            changes.push(format!("指标 {iid} 的计量单位由“{old_unit}”改为“{}”，请按新单位核对所填数值", ind.unit));
        }
    }

    let diag = if unmatched.is_empty() {
        let what = if changes.is_empty() {
            "本表涉及的举措和指标没有变化".to_string()
        } else {
            changes.join("；")
        };
        let msg = format!(
            "这份表格按旧版计划（版本 {hash}）生成，当前计划已修订（版本 {}）。已按举措编号和原文逐行对应读取。变化：{what}。下一年度请使用新模板。",
            plan.hash
        );
        Diagnostic::on_sheet(Code::PlanMismatch, sheets::META, msg).with_severity(Severity::Warning)
    } else {
        let msg = format!(
            "这份表格按旧版计划（版本 {hash}）生成，当前计划已修订（版本 {}）；举措 {} 在当前计划中找不到对应的举措（编号和原文都对不上）。请下载新模板，把内容复制过去后再报送。",
            plan.hash,
            unmatched.join("、")
        );
        Diagnostic::on_sheet(Code::PlanMismatch, sheets::META, msg)
    };
    let renumbered = adapted.measures != raw.measures;
    let report = if renumbered { Cow::Owned(adapted) } else { Cow::Borrowed(raw) };
    (report, vec![diag])
}

/// After validation: when the workbook was read from an older plan (a `plan-mismatch`
/// warning), a measure the current plan gives the unit but the old template lacked is
/// reported as a warning rather than an error.
pub fn relax_missing(diags: &mut [Diagnostic]) {
    let revised = diags.iter().any(|d| d.code == Code::PlanMismatch && d.severity == Severity::Warning);
    if !revised {
        return;
    }
    for d in diags.iter_mut().filter(|d| d.code == Code::MeasureMissing) {
        d.severity = Severity::Warning;
        d.message.push_str("（这份表格按旧版计划生成，旧模板中没有这一行；下一年度请使用新模板填报。）");
    }
}

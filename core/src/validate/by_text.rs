//! Rows without a usable 序号 recognised by their 落实举措 text (contract §15): a unit that
//! wiped or mistyped the 序号 column keeps its rows, with one warning each.

use std::collections::HashSet;

use crate::cell::CellValue;
use crate::diagnostic::{Anchor, Code, Diagnostic, Field};
use crate::plan::Plan;
use crate::report::RawReport;
use crate::text::loose_key;

use crate::cells::id_text;

/// The rows of `raw` whose 序号 is blank or no measure of the plan but whose 落实举措 text
/// is one measure's text (letters, digits and ideographs compared, width-folded): those
/// rows get the measure's id. Returns the adapted report (when a row was matched), which
/// rows were matched, and one `measure-matched-by-text` warning per matched row, at its
/// 序号 cell (at its 落实举措 cell when the sheet has no 序号 column).
pub(super) fn match_rows(plan: &Plan, raw: &RawReport) -> (Option<RawReport>, Vec<bool>, Vec<Diagnostic>) {
    let mut matched = vec![false; raw.measures.len()];
    let needs = |v: &CellValue| {
        let id = id_text(v);
        id.is_empty() || plan.measure(&id).is_none()
    };
    if !raw.measures.iter().any(|r| needs(&r.id.value) && !r.measure_text.text_value().is_empty()) {
        return (None, matched, Vec::new());
    }
    let unit = {
        let written = raw.unit.text_value();
        let meta = raw.meta.as_ref().map(|m| m.unit.trim().to_string()).unwrap_or_default();
        plan.resolve_unit(&written).or_else(|| plan.resolve_unit(&meta)).map(str::to_string)
    };
    let keys: Vec<(String, String, bool)> = plan
        .measures()
        .map(|m| {
            let mine = unit.as_deref().is_none_or(|u| m.task.units.iter().any(|x| x == u));
            (loose_key(&m.measure.text), m.measure.id.clone(), mine)
        })
        .collect();
    let mut adapted = raw.clone();
    let mut diags = Vec::new();
    // Measures a row already names by its own 序号 are not matched again.
    let mut taken: HashSet<String> =
        raw.measures.iter().map(|r| id_text(&r.id.value)).filter(|id| plan.measure(id).is_some()).collect();
    for (k, row) in adapted.measures.iter_mut().enumerate() {
        if !needs(&row.id.value) {
            continue;
        }
        let key = loose_key(&row.measure_text.text_value());
        if key.is_empty() {
            continue;
        }
        // The unit's measures with this text first; several (the plan repeats a text
        // under two tasks): the rows take them in plan order, as the template lists them.
        let same: Vec<&(String, String, bool)> = keys.iter().filter(|(k, _, _)| *k == key).collect();
        let mine: Vec<&(String, String, bool)> = same.iter().copied().filter(|(_, _, m)| *m).collect();
        let pool = if mine.is_empty() { &same } else { &mine };
        let Some(id) = pool.iter().map(|(_, id, _)| id).find(|id| !taken.contains(*id)).cloned() else {
            // Every such measure is named by another row already: left unmatched.
            continue;
        };
        taken.insert(id.clone());
        let written = id_text(&row.id.value);
        let message = if row.id.at.is_none() {
            format!("这一行没有序号，已按“落实举措”的内容认定为举措 {id}。如不对，请按模板补上“序号”列。")
        } else if written.is_empty() {
            format!("这一行没有序号，已按“落实举措”的内容认定为举措 {id}。请在序号列填写“{id}”。")
        } else {
            format!("序号“{written}”不是本计划中的举措，已按“落实举措”的内容认定为举措 {id}。请把序号改为“{id}”。")
        };
        let at = row.id.at.as_ref().or(row.measure_text.at.as_ref());
        diags.push(
            Diagnostic::new(Code::MeasureMatchedByText, at, message)
                .anchored(Anchor::Measure { id: id.clone(), field: Field::Id }),
        );
        row.id.value = CellValue::Text(id);
        matched[k] = true;
    }
    if diags.is_empty() { (None, matched, diags) } else { (Some(adapted), matched, diags) }
}

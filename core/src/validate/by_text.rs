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
/// rows are that measure. Returns per row the measure id so found (`None`: the row keeps
/// its own 序号) and one `measure-matched-by-text` warning per matched row, at its 序号 cell
/// (at its 落实举措 cell when the sheet has no 序号 column).
pub(crate) fn match_rows(plan: &Plan, raw: &RawReport) -> (Vec<Option<String>>, Vec<Diagnostic>) {
    let mut matched: Vec<Option<String>> = vec![None; raw.measures.len()];
    let mut diags = Vec::new();
    let needs = |v: &CellValue| {
        let id = id_text(v);
        id.is_empty() || plan.measure(&id).is_none()
    };
    if !raw.measures.iter().any(|r| needs(&r.id.value) && !r.measure_text.text_value().is_empty()) {
        return (matched, diags);
    }
    let unit = {
        let written = raw.unit.text_value();
        let meta = raw.meta.as_ref().map(|m| m.unit.trim().to_string()).unwrap_or_default();
        plan.resolve_unit(&written).or_else(|| plan.resolve_unit(&meta)).map(str::to_string)
    };
    // (text key, id, the unit's own measure)
    let mut keys: Vec<(String, String, bool)> = Vec::new();
    for m in plan.measures() {
        let mine = unit.as_deref().is_none_or(|u| m.task.units.iter().any(|x| x == u));
        keys.push((loose_key(&m.measure.text), m.measure.id.clone(), mine));
    }
    // Measures a row already names by its own 序号 are not matched again.
    let mut taken: HashSet<String> = HashSet::new();
    for r in &raw.measures {
        let id = id_text(&r.id.value);
        if plan.measure(&id).is_some() {
            taken.insert(id);
        }
    }
    for (k, row) in raw.measures.iter().enumerate() {
        if !needs(&row.id.value) {
            continue;
        }
        let key = loose_key(&row.measure_text.text_value());
        if key.is_empty() {
            continue;
        }
        // The unit's measures with this text first; several (the plan repeats a text
        // under two tasks): the rows take them in plan order, as the template lists them.
        let mine = keys.iter().any(|(k2, _, m)| *k2 == key && *m);
        let Some(id) = keys
            .iter()
            .find(|(k2, id, m)| *k2 == key && (*m || !mine) && !taken.contains(id))
            .map(|(_, id, _)| id.clone())
        else {
            // Named by another row, or a second row with the same text: left unmatched
            // (and reported as such).
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
        matched[k] = Some(id);
    }
    (matched, diags)
}

//! 变更记录: what a resubmission changed. Every cell that differs between a unit's accepted
//! file and each file of the same unit and year it superseded (contract §10).
//!
//! A merge streams its files, so a superseded file is compared with the file that beats it
//! at that moment, before its texts are dropped ([`diff`]); when a still later file wins, the
//! earlier differences are carried over to it exactly ([`compose`]): the result is the
//! difference against the finally accepted file whatever the order the files came in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cells::Cells;
use crate::diagnostic::{Anchor, Field};
use crate::report::Report;

/// One row of 变更记录 (merge JSON `changes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    /// Canonical unit.
    pub unit: String,
    /// The accepted file's name.
    pub file: String,
    /// The superseded file's name.
    pub superseded: String,
    /// Sheet of the accepted file the cell is on.
    pub sheet: String,
    /// A1 cell of the field in the accepted file (empty when the accepted file lacks it).
    pub cell: String,
    /// The column, e.g. `进展情况（举措 2.1）` or `本年度完成值（I12）`.
    pub field: String,
    /// What the superseded file had.
    pub old: String,
    /// What the accepted file has.
    pub new: String,
}

/// Header of the 变更记录 sheet.
pub const CHANGE_COLUMNS: [&str; 8] = ["单位", "文件", "被替代的文件", "工作表", "单元格", "栏目", "原内容", "新内容"];

/// Differing fields between two files: field → (older file's text, newer file's text).
pub type Diff = BTreeMap<Anchor, (String, String)>;

/// Every compared field of a report as written: 联系人, 联系电话, 填报日期; each measure's
/// 完成状态, 进展情况, 存在问题, 下一步计划, 佐证材料; each indicator's 本年度完成值 and 说明.
pub fn fields(report: &Report) -> BTreeMap<Anchor, String> {
    let mut out = BTreeMap::new();
    let date = report.date.map_or_else(|| report.date_text.trim().to_string(), |d| d.to_string());
    for (field, text) in
        [(Field::Contact, report.contact.clone()), (Field::Phone, report.phone.clone()), (Field::Date, date)]
    {
        out.insert(Anchor::Header { field }, text);
    }
    for m in &report.measures {
        let texts = [
            (Field::Status, &m.status_text),
            (Field::Progress, &m.progress),
            (Field::Problems, &m.problems),
            (Field::NextPlan, &m.next_plan),
            (Field::Evidence, &m.evidence),
        ];
        for (field, text) in texts {
            out.entry(Anchor::Measure { id: m.id.clone(), field }).or_insert_with(|| text.trim().to_string());
        }
    }
    for i in &report.indicators {
        let value = if i.value_text.trim().is_empty() {
            i.value.map(crate::cell::format_number).unwrap_or_default()
        } else {
            i.value_text.trim().to_string()
        };
        out.entry(Anchor::Indicator { id: i.id.clone(), field: Field::Value }).or_insert(value);
        out.entry(Anchor::Indicator { id: i.id.clone(), field: Field::Remark })
            .or_insert_with(|| i.remark.trim().to_string());
    }
    out
}

/// The fields that differ from `old` to `new` (a field one of them lacks counts as blank).
pub fn diff(old: &Report, new: &Report) -> Diff {
    let (mut a, b) = (fields(old), fields(new));
    let mut out = Diff::new();
    for (anchor, new_text) in b {
        let old_text = a.remove(&anchor).unwrap_or_default();
        if old_text != new_text {
            out.insert(anchor, (old_text, new_text));
        }
    }
    for (anchor, old_text) in a.into_iter().filter(|(_, t)| !t.is_empty()) {
        out.insert(anchor, (old_text, String::new()));
    }
    out
}

/// `X → B` followed by `B → C` gives `X → C`: what `X` had (from the first step, else what
/// `B` had), against what `C` has (from the second step, else what `B` had); fields that
/// end up equal drop out.
pub fn compose(first: Diff, then: &Diff) -> Diff {
    let mut out = Diff::new();
    let mut seen = Vec::with_capacity(first.len());
    for (anchor, (old, mid)) in first {
        let new = then.get(&anchor).map_or(mid, |(_, n)| n.clone());
        if old != new {
            out.insert(anchor.clone(), (old, new));
        }
        seen.push(anchor);
    }
    for (anchor, (mid, new)) in then {
        if seen.binary_search(anchor).is_err() {
            out.insert(anchor.clone(), (mid.clone(), new.clone()));
        }
    }
    out
}

/// The Chinese name of a field in a 变更记录 row: `联系人`, `进展情况（举措 2.1）`,
/// `本年度完成值（I12）`.
pub fn field_name(anchor: &Anchor) -> String {
    match anchor {
        Anchor::Header { field } => field.label().to_string(),
        Anchor::Measure { id, field } => format!("{}（举措 {id}）", field.label()),
        Anchor::Indicator { id, field } => format!("{}（{id}）", field.label()),
    }
}

/// The rows of one superseded file against the accepted one, in the accepted file's
/// reading order (measures sheet first, then by row and column).
pub fn rows(unit: &str, file: &str, superseded: &str, diff: &Diff, cells: &Cells) -> Vec<Change> {
    let mut placed: Vec<(u8, u32, u32, Change)> = diff
        .iter()
        .map(|(anchor, (old, new))| {
            let at = cells.cell(anchor);
            let sheet_order = u8::from(matches!(anchor, Anchor::Indicator { .. }));
            let (row, col) = at.as_ref().map_or((u32::MAX, u32::MAX), |c| (c.row, c.col));
            let change = Change {
                unit: unit.to_string(),
                file: file.to_string(),
                superseded: superseded.to_string(),
                sheet: cells.sheet(anchor).to_string(),
                cell: at.map(|c| c.a1()).unwrap_or_default(),
                field: field_name(anchor),
                old: old.clone(),
                new: new.clone(),
            };
            (sheet_order, row, col, change)
        })
        .collect();
    placed.sort_by_key(|a| (a.0, a.1, a.2));
    placed.into_iter().map(|(_, _, _, c)| c).collect()
}

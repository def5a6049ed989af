//! Warnings across years (contract §5): a unit's numbers and statuses against its own
//! data of the previous year, when that year's file or a summary carrying it is among the
//! inputs.
//!
//! - `stock-decreased`: a 年末存量 (stock) indicator below the unit's previous-year value;
//! - `value-jump`: a value at least [`JUMP_FACTOR`] times, or at most 1/[`JUMP_FACTOR`] of,
//!   the previous-year value, both non-zero (a likely 万元/亿元 slip);
//! - `status-regressed`: a measure 已完成 the previous year is now 未启动 (已完成 → 推进中
//!   is not a regression: work often reopens).
//!
//! Checked for every year that has a previous year among the inputs, not just the merge
//! year: each valid file (accepted, or of an earlier year) of year `y` against the unit's
//! data of `y - 1` as the merge combined it (its own file of `y - 1`, else a summary).

use super::{FileOutcome, Outcome};
use crate::cells::Cells;
use crate::diagnostic::{Anchor, Code, Diagnostic, Field};
use crate::number::round6;
use crate::plan::{IndicatorKind, Plan};
use crate::progress::{UnitYear, YearData};
use crate::report::{Report, Status};
use crate::value::display;

/// The codes of the cross-year warnings.
pub const CODES: [Code; 3] = [Code::StockDecreased, Code::ValueJump, Code::StatusRegressed];

/// A value this many times the previous year's (or this fraction of it, inverted) is a
/// `value-jump`.
pub const JUMP_FACTOR: f64 = 10.0;

/// Adds the cross-year warnings to every accepted or earlier-year file in `files`, from
/// the per-year data `history` (one entry per year, as [`crate::progress::combine`] gives).
pub fn annotate(plan: &Plan, history: &[YearData], files: &mut [FileOutcome]) {
    for f in files.iter_mut().filter(|f| matches!(f.outcome, Outcome::Accepted | Outcome::Earlier)) {
        let s = &mut f.submission;
        let (Some(unit), Some(year)) = (s.report.unit.as_deref(), s.report.year) else { continue };
        let before = year.checked_sub(1).and_then(|py| history.iter().find(|d| d.year == py));
        let Some(prev) = before.and_then(|d| d.units.get(unit)) else { continue };
        let found = warnings(plan, year - 1, prev, &s.report, &s.cells);
        if !found.is_empty() {
            s.diagnostics.extend(found);
            crate::diagnostic::sort(&mut s.diagnostics);
        }
    }
}

/// The cross-year warnings of `report` (of year `prev_year + 1`) against `prev`, the same
/// unit's data of `prev_year`; each at its cell in `cells` when known.
pub fn warnings(plan: &Plan, prev_year: u16, prev: &UnitYear, report: &Report, cells: &Cells) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |anchor: Anchor, code: Code, message: String| {
        let cell = cells.cell(&anchor);
        let mut d = Diagnostic::new(code, cell.as_ref(), message).anchored(anchor.clone());
        if d.sheet.is_empty() {
            d.sheet = cells.sheet(&anchor).to_string();
        }
        d
    };
    for entry in &report.indicators {
        let (Some(now), Some(&then)) = (entry.value, prev.values.get(&entry.id)) else { continue };
        let Some(ind) = plan.indicator(&entry.id) else { continue };
        let anchor = Anchor::Indicator { id: entry.id.clone(), field: Field::Value };
        let u = ind.unit.as_str();
        if ind.kind == IndicatorKind::Stock && round6(now) < round6(then) {
            let msg = format!(
                "指标 {}（{}）是年末存量，本年度完成值 {} {u} 低于 {prev_year} 年的 {} {u}。存量一般不会减少，请核对是否填成了本年新增数，或在“说明”中写明减少的原因。",
                ind.id,
                ind.name,
                display(now),
                display(then)
            );
            out.push(at(anchor.clone(), Code::StockDecreased, msg));
        }
        if now != 0.0 && then != 0.0 {
            let ratio = round6(now / then);
            if ratio >= JUMP_FACTOR {
                let msg = format!(
                    "指标 {}（{}）本年度完成值 {} 是 {prev_year} 年（{}）的 {} 倍，请核对计量单位是否为{u}（例如把万元当成了{u}填写）；如数值无误，请在“说明”中写明原因。",
                    ind.id,
                    ind.name,
                    display(now),
                    display(then),
                    display(round2(ratio))
                );
                out.push(at(anchor, Code::ValueJump, msg));
            } else if ratio <= round6(1.0 / JUMP_FACTOR) {
                let msg = format!(
                    "指标 {}（{}）本年度完成值 {} 只有 {prev_year} 年（{}）的 {} 分之一，请核对计量单位是否为{u}；如数值无误，请在“说明”中写明原因。",
                    ind.id,
                    ind.name,
                    display(now),
                    display(then),
                    display(round2(then / now))
                );
                out.push(at(anchor, Code::ValueJump, msg));
            }
        }
    }
    for entry in &report.measures {
        let was_done = prev.statuses.get(&entry.id).is_some_and(|s| s == Status::Done.label());
        if was_done && entry.status == Some(Status::NotStarted) {
            let msg = format!(
                "举措 {} 在 {prev_year} 年已填“已完成”，本年度却填“未启动”。请核对完成状态；如工作确需重新开展，请填“推进中”或“持续推进”，并在“进展情况”中说明。",
                entry.id
            );
            out.push(at(Anchor::Measure { id: entry.id.clone(), field: Field::Status }, Code::StatusRegressed, msg));
        }
    }
    out
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

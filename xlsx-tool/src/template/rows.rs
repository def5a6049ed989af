//! Where things go on the unit workbook before anything is written: the measure and
//! indicator rows (the plan's rows with the unit's entries, then entries the plan does not
//! have), and the diagnostics grouped by the cell that shows them (marks and notes).

use std::collections::BTreeMap;

use jz_core::{Anchor, Diagnostic, Field, Indicator, IndicatorEntry, MeasureEntry, Plan, Report, Severity};
use rust_xlsxwriter::{Color, Format, Note};

use super::{CONTACT_ROW, INDICATOR_HEADER_ROW, TASK_HEADER_ROW};
use crate::sheet_format::{clip, text_lines};

/// Fill of a cell with an error.
pub(super) const ERROR_FILL: u32 = 0xFFC7CE;
/// Fill of a cell with a warning.
pub(super) const WARNING_FILL: u32 = 0xFFEB9C;

// ---------------------------------------------------------------------------------------
// Layout: which row holds what, so diagnostics can be placed before anything is written.
// ---------------------------------------------------------------------------------------

/// A measure row of `任务填报`: a plan row (with the unit's entry, if any) or an appended entry.
pub(super) struct MeasureRow<'a> {
    pub(super) id: String,
    pub(super) plan: Option<jz_core::plan::MeasureRef<'a>>,
    pub(super) entry: Option<&'a MeasureEntry>,
}

/// An indicator row of `指标填报`.
pub(super) struct IndicatorRow<'a> {
    pub(super) id: String,
    pub(super) plan: Option<&'a Indicator>,
    pub(super) entry: Option<&'a IndicatorEntry>,
}

pub(super) fn measure_rows<'a>(plan: &'a Plan, unit: &'a str, report: Option<&'a Report>) -> Vec<MeasureRow<'a>> {
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

pub(super) fn indicator_rows<'a>(plan: &'a Plan, unit: &'a str, report: Option<&'a Report>) -> Vec<IndicatorRow<'a>> {
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
pub(super) type CellKey = (u8, u32, u16);

/// Diagnostics grouped by the cell they are shown at.
#[derive(Default)]
pub(super) struct Marks<'a> {
    pub(super) cells: BTreeMap<CellKey, Vec<&'a Diagnostic>>,
    pub(super) title: Vec<&'a Diagnostic>,
}

impl Marks<'_> {
    pub(super) fn severity(&self, key: CellKey) -> Option<Severity> {
        worst(self.cells.get(&key)?)
    }
}

pub(super) fn worst(diags: &[&Diagnostic]) -> Option<Severity> {
    diags.iter().map(|d| d.severity).min()
}

pub(super) fn measure_col(field: Field) -> u16 {
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

pub(super) fn indicator_col(field: Field) -> u16 {
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

pub(super) fn header_col(field: Field) -> Option<u16> {
    match field {
        Field::Unit => Some(1),
        Field::Year => Some(3),
        Field::Contact => Some(5),
        Field::Phone => Some(7),
        Field::Date => Some(9),
        _ => None,
    }
}

pub(super) fn place<'a>(diags: &'a [Diagnostic], measures: &[MeasureRow], indicators: &[IndicatorRow]) -> Marks<'a> {
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
pub(super) fn note_text(diags: &[&Diagnostic]) -> String {
    diags.iter().map(|d| format!("【{}】{}", d.severity.label(), d.message)).collect::<Vec<_>>().join("\n")
}

pub(super) fn make_note(diags: &[&Diagnostic]) -> Note {
    let text = clip(&note_text(diags), 32000);
    let lines = text_lines(&text, 40.0).min(30);
    let height = (lines as u32 * 20 + 20).clamp(80, 600);
    Note::new(text).set_author("xlsx-tool").add_author_prefix(false).set_width(320).set_height(height)
}

/// A copy of `base` filled to show a diagnostic of `severity`.
pub(crate) fn marked(base: &Format, severity: Option<Severity>) -> Format {
    match severity {
        Some(Severity::Error) => base.clone().set_background_color(Color::RGB(ERROR_FILL)),
        Some(Severity::Warning) => base.clone().set_background_color(Color::RGB(WARNING_FILL)),
        None => base.clone(),
    }
}

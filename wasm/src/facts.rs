//! What the page needs to know that Rust owns: the status list, field labels, the fields
//! the fixing grid may edit, the file size limit, the spreadsheet extensions, the
//! order diagnostics are shown in and the progress thresholds (`facts()`), and the merge data the page shows beyond
//! the contract's merge JSON (`merge` result's `detail`).
//!
//! The page reads these instead of keeping copies, so a change here reaches the page.

use jz_core::diagnostic::Severity;
use jz_core::merge::NOT_SUBMITTED;
#[cfg(feature = "writer")]
use jz_core::merge::{DetailRow, Merge, Outcome, UnitStatus};
#[cfg(feature = "writer")]
use jz_core::{Date, Diagnostic};
use jz_core::{Field, Status};
use jz_read::Limits;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{JsResult, to_js};

/// Every field a diagnostic may point at, in workbook order.
const FIELDS: [Field; 19] = [
    Field::Unit,
    Field::Year,
    Field::Contact,
    Field::Phone,
    Field::Date,
    Field::Id,
    Field::TaskText,
    Field::MeasureText,
    Field::Responsible,
    Field::Status,
    Field::Progress,
    Field::Problems,
    Field::NextPlan,
    Field::Evidence,
    Field::IndicatorName,
    Field::IndicatorUnit,
    Field::Target,
    Field::Value,
    Field::Remark,
];

/// Fields of the contact block that `correct` changes.
pub const EDITABLE_HEADER: [Field; 5] = [Field::Unit, Field::Year, Field::Contact, Field::Phone, Field::Date];
/// Fields of a measure row that `correct` changes.
pub const EDITABLE_MEASURE: [Field; 5] =
    [Field::Status, Field::Progress, Field::Problems, Field::NextPlan, Field::Evidence];
/// Fields of an indicator row that `correct` changes.
pub const EDITABLE_INDICATOR: [Field; 2] = [Field::Value, Field::Remark];
/// Fields typed as several lines of text (a text area in the grid).
const LONG_TEXT: [Field; 4] = [Field::Progress, Field::Problems, Field::NextPlan, Field::Evidence];

/// A field with its column name.
#[derive(Serialize)]
struct FieldFact {
    field: Field,
    label: &'static str,
    long_text: bool,
}

/// A severity with its word, in the order diagnostics are shown.
#[derive(Serialize)]
struct SeverityFact {
    id: Severity,
    label: &'static str,
}

/// The fields `correct` accepts, per anchor kind.
#[derive(Serialize)]
struct Editable {
    header: &'static [Field],
    measure: &'static [Field],
    indicator: &'static [Field],
}

/// The progress judgement's thresholds ([`jz_core::progress`]) and the rule in words.
#[derive(Serialize)]
struct JudgementFact {
    on_track: f64,
    watch: f64,
    rule: String,
}

/// Everything `facts()` returns.
#[derive(Serialize)]
struct Facts {
    statuses: Vec<&'static str>,
    not_submitted: &'static str,
    fields: Vec<FieldFact>,
    editable: Editable,
    max_file_bytes: u64,
    extensions: &'static [&'static str],
    plan_extensions: Vec<&'static str>,
    severities: Vec<SeverityFact>,
    judgement: JudgementFact,
    /// Where the year goes in a plan's `report_title` (`{年度}`).
    year_slot: &'static str,
    /// The 督办清单 category of a measure past its 完成时限 (`逾期未完成`).
    overdue: &'static str,
    /// 属性 of a binding indicator (`约束性`), marked after its name.
    binding: &'static str,
}

/// The facts the page needs from Rust: `{statuses, not_submitted, fields: [{field, label,
/// long_text}], editable: {header, measure, indicator}, max_file_bytes, extensions,
/// plan_extensions, severities: [{id, label}], judgement: {on_track, watch, rule}, year_slot, overdue, binding}` (severities
/// in the order diagnostics are listed; `judgement` the 正常/关注/滞后 thresholds and the rule in words;
/// `year_slot` where the year goes in a plan's `report_title`).
///
/// # Errors
/// Only if the result cannot be converted (never in practice).
#[wasm_bindgen(js_name = facts, unchecked_return_type = "Facts")]
pub fn facts_js() -> JsResult<JsValue> {
    let facts = Facts {
        statuses: Status::ALL.iter().map(|s| s.label()).collect(),
        not_submitted: NOT_SUBMITTED,
        fields: FIELDS
            .iter()
            .map(|&field| FieldFact { field, label: field.label(), long_text: LONG_TEXT.contains(&field) })
            .collect(),
        editable: Editable { header: &EDITABLE_HEADER, measure: &EDITABLE_MEASURE, indicator: &EDITABLE_INDICATOR },
        max_file_bytes: Limits::default().max_file_bytes,
        extensions: &jz_read::inputs::SPREADSHEET_EXTENSIONS,
        plan_extensions: jz_read::plan_file::plan_extensions(),
        year_slot: jz_core::plan::YEAR_SLOT,
        overdue: jz_core::follow_up::category::OVERDUE,
        binding: jz_core::plan::BINDING,
        severities: [Severity::Error, Severity::Warning]
            .into_iter()
            .map(|id| SeverityFact { id, label: id.label() })
            .collect(),
        judgement: JudgementFact {
            on_track: jz_core::progress::ON_TRACK,
            watch: jz_core::progress::WATCH,
            rule: jz_core::progress::judgement_rule(),
        },
    };
    to_js(&facts)
}

#[cfg(feature = "writer")]
/// One file as the merge saw it, for the page's file cards and merge view.
#[derive(Serialize)]
struct FileView<'a> {
    path: &'a str,
    outcome: Outcome,
    outcome_label: &'static str,
    unit: Option<&'a str>,
    year: Option<u16>,
    date: Option<Date>,
    diagnostics: &'a [Diagnostic],
}

#[cfg(feature = "writer")]
/// What the page shows of a merge beyond the merge JSON.
#[derive(Serialize)]
struct MergeDetail<'a> {
    rows: &'a [DetailRow],
    units: &'a [UnitStatus],
    files: Vec<FileView<'a>>,
}

/// The merge's 任务明细 rows, every expected unit's state and every file with its outcome
/// and findings (including those the merge adds, e.g. across years) as JavaScript data.
#[cfg(feature = "writer")]
pub(crate) fn merge_detail(merge: &Merge) -> JsResult<JsValue> {
    let files = merge
        .files
        .iter()
        .map(|f| FileView {
            path: &f.submission.path,
            outcome: f.outcome,
            outcome_label: f.outcome.label(),
            unit: f.submission.report.unit.as_deref(),
            year: f.submission.report.year,
            date: f.submission.report.date,
            diagnostics: &f.submission.diagnostics,
        })
        .collect();
    to_js(&MergeDetail { rows: &merge.rows, units: &merge.units, files })
}

//! Browser bindings over `xlsx-tool` (contract §8).
//!
//! Every function only converts: JavaScript values in, a call into `xlsx-tool` /
//! `jz-core`, JavaScript values out. Nothing here knows about workbooks. Errors are
//! thrown as JavaScript `Error`s whose message is plain Chinese; problems *inside* a
//! unit's file are not errors but diagnostics in the returned data.
//!
//! JavaScript names: `plan`, `template`, `validate`, `inspect`, `headers`, `merge`, `annotate`,
//! `correct`, `samples`, `planDiff`, `report`, `loadPlan`, `planWorkbook`, `board`,
//! `annotatedName`, `evaluate`. Their TypeScript types are in the custom section below.
//! Which files a folder holds that are read: `spreadsheetExtensions`, `isSpreadsheetName`,
//! `skipReason` (module `inputs`).
//!
//! Feature `writer` (default) exports everything. Without it (`--no-default-features`)
//! the module only reads and checks — `plan`, `validate`, `inspect`, `planDiff`, `loadPlan`,
//! `facts`, `board`, `annotatedName` and the `inputs` functions — and leaves out the workbook and report writers,
//! so it is much smaller (the npm package's `jz-ip-report/check` entry).

mod board;
mod convert;
#[cfg(feature = "writer")]
mod correct;
mod facts;
pub mod inputs;
mod plan_file;
#[cfg(feature = "writer")]
mod samples;

use jz_read::Limits;
use wasm_bindgen::prelude::*;

pub use board::{annotated_name_js, board_js, corrected_name_js};
pub use convert::MappingArg;
pub(crate) use convert::{JsResult, js_error, load_plan, object, to_js};
#[cfg(feature = "writer")]
pub(crate) use convert::{bytes_js, mapped_files, plan_year};
#[cfg(feature = "writer")]
pub use correct::{annotate_js, correct_js};
pub use facts::facts_js;
pub use jz_core::edit::{Edit, EditValue, apply_edit};
pub use plan_file::load_plan_js;
#[cfg(feature = "writer")]
pub use plan_file::{import_plan_js, plan_workbook_js};
#[cfg(feature = "writer")]
pub use samples::{samples_js, samples_years_js};

/// Seed of the built-in sample set (the CLI's `sample` default, so both give the same files).
pub const SAMPLE_SEED: u64 = 2025;

/// The declarations generated from the Rust types (`tests/types.rs`, ts-rs): `Plan`,
/// `Report`, `Diagnostic`, `FileResult`, `MergeSummary`, `PlanDiff` and what they contain.
#[wasm_bindgen(typescript_custom_section)]
const GENERATED_TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A file handed to `merge`, or returned by `samples`; `mapping`: its headers mapped to template columns. */
export interface NamedFile { name: string; bytes: Uint8Array; mapping?: Mapping }
/** The person's mapping of a file's headers to template columns: `{"完成情况": "完成状态"}`. */
export type Mapping = Record<string, string>;
/** `merge` result: the contract's merge JSON and the 汇总表 workbook. */
export interface MergeResult { summary: MergeSummary; xlsx: Uint8Array; detail: MergeDetail }
/** The page's view of a merge: 任务明细 rows, every expected unit, every file with its findings. */
export interface MergeDetail {
  rows: { measure: string; unit: string; status: string; progress: string; problems: string; next_plan: string; evidence: string; source: string; assigned: boolean }[];
  units: { unit: string; state: "received" | "missing" | "rejected"; path: string | null }[];
  files: { path: string; outcome: "accepted" | "rejected" | "superseded" | "earlier"; outcome_label: string; unit: string | null; year: number | null; date: string | null; diagnostics: Diagnostic[] }[];
}
/** `evaluate` result: the evaluation JSON (contract §12), the files of any year not counted, and both outputs with their file names. */
export interface EvaluateResult { summary: Evaluation; columns: { indicators: string[]; measures: string[]; units: string[] }; rejected: string[]; skipped: Skipped[]; xlsx: Uint8Array; docx: Uint8Array; xlsxName: string; docxName: string }
/** `facts()`: what the page needs from Rust instead of copies of its own. */
export interface Facts {
  statuses: string[];
  not_submitted: string;
  fields: { field: string; label: string; long_text: boolean }[];
  editable: { header: string[]; measure: string[]; indicator: string[] };
  max_file_bytes: number;
  extensions: string[];
  /** Extensions of plan files `loadPlan` reads (`toml` only where TOML is read: not in the browser module). */
  plan_extensions: string[];
  severities: { id: "error" | "warning"; label: string }[];
  /** The progress judgement: a ratio ≥ `on_track` is 正常, ≥ `watch` 关注, below 滞后; `rule` says it in words. */
  judgement: { on_track: number; watch: number; rule: string };
  /** Where the year goes in a plan's `report_title` (`{年度}`). */
  year_slot: string;
  /** The 督办清单 category of a measure past its 完成时限 (`逾期未完成`). */
  overdue: string;
  /** 属性 of a binding indicator (`约束性`), marked after its name. */
  binding: string;
}
/** `inspect` result: the validation result, the report as understood, and the measures sheet's header row as read (null when none was found, and always in the check-only module: ask `headers`): what the 对应列 step shows. */
export interface Inspection { result: FileResult; report: Report; columns: HeaderView | null }
/**
 * One change for `correct`: `{measure: "2.1", field: "status", value: "已完成"}`,
 * `{indicator: "I12", field: "value", value: "0.2"}`, `{field: "contact", value: "张伟"}`,
 * or a diagnostic anchor plus value: `{kind: "measure", id: "2.1", field: "progress", value}`.
 */
export interface Edit {
  measure?: string;
  indicator?: string;
  kind?: "header" | "measure" | "indicator";
  id?: string;
  field: string;
  value: string | number | null;
}
/** `correct` result: the corrected workbook and its validation. */
export interface Corrected { xlsx: Uint8Array; result: FileResult }
"#;

/// The plan as a JavaScript object: sections, tasks, measures, units, indicators.
/// Its JSON (`JSON.stringify`) is itself a plan file that `planText` accepts.
///
/// # Errors
/// When `plan_text` is not a usable plan.
#[wasm_bindgen(js_name = plan, unchecked_return_type = "Plan")]
pub fn plan_js(plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    to_js(plan.as_ref())
}

/// The blank workbook (.xlsx bytes) for `unit` and `year`.
///
/// # Errors
/// Unknown unit, a year outside the plan, or a bad plan.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = template)]
pub fn template_js(unit: &str, year: f64, plan_text: Option<String>) -> JsResult<Vec<u8>> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    xlsx_tool::template::template(&plan, unit, year).map_err(js_error)
}

/// One file read and validated under `plan_text` with the person's `mapping` (`validate`,
/// `inspect`, `headers`).
fn checked(
    bytes: &[u8],
    file_name: &str,
    plan_text: Option<String>,
    mapping: Option<convert::MappingArg>,
) -> JsResult<jz_read::Checked> {
    let plan = load_plan(plan_text.as_deref())?;
    let mapping = convert::mapping_arg(mapping)?;
    Ok(jz_read::check_with(&plan, bytes, file_name, &Limits::default(), &mapping))
}

/// Reads and validates one file: `{path, unit, year, ok, diagnostics}`. `mapping`
/// (`{"<file header>": "<template column>"}`) says which template column a header is.
///
/// # Errors
/// A bad plan or a bad mapping; problems in the file are diagnostics.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "FileResult")]
pub fn validate_js(
    bytes: &[u8],
    file_name: &str,
    plan_text: Option<String>,
    mapping: Option<convert::MappingArg>,
) -> JsResult<JsValue> {
    let checked = checked(bytes, file_name, plan_text, mapping)?;
    to_js(&checked.result())
}

/// Like `validate`, plus the report as understood and the header row as read:
/// `{result, report, columns}` (what the fixing grid shows next to each problem; what the
/// 对应列 step offers: the file's headers, the template's columns, the tool's best match,
/// the first rows).
///
/// # Errors
/// A bad plan or a bad mapping.
#[wasm_bindgen(js_name = inspect, unchecked_return_type = "Inspection")]
pub fn inspect_js(
    bytes: &[u8],
    file_name: &str,
    plan_text: Option<String>,
    mapping: Option<convert::MappingArg>,
) -> JsResult<JsValue> {
    let checked = checked(bytes, file_name, plan_text, mapping)?;
    // The check-only module reads no header view (jz-read's `header-view` feature): `headers`.
    let columns = if cfg!(feature = "writer") { to_js(&checked.header)? } else { JsValue::NULL };
    object(&[("result", &to_js(&checked.result())?), ("report", &to_js(&checked.report)?), ("columns", &columns)])
}

/// The file's header row as read, for the 对应列 step: the sheet, the header row, the
/// template's columns, each header cell with what it is read as (or most likely is) and
/// the first rows; `null` when the file has no sheet with a likely header row. In the
/// writer module only (the check-only module's `inspect` gives `columns: null`).
///
/// # Errors
/// A bad plan or a bad mapping.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = headers, unchecked_return_type = "HeaderView | null")]
pub fn headers_js(
    bytes: &[u8],
    file_name: &str,
    plan_text: Option<String>,
    mapping: Option<convert::MappingArg>,
) -> JsResult<JsValue> {
    let checked = checked(bytes, file_name, plan_text, mapping)?;
    to_js(&checked.header)
}

/// Validates every file and merges the valid ones into the summary of `year`:
/// `{summary: <merge JSON>, xlsx: Uint8Array}`. `files` is `[{name, bytes}]`.
///
/// # Errors
/// A malformed `files` list, a year outside the plan, a bad plan, or a summary that
/// cannot be written.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = merge, unchecked_return_type = "MergeResult")]
pub fn merge_js(
    #[wasm_bindgen(unchecked_param_type = "NamedFile[]")] files: JsValue,
    year: f64,
    plan_text: Option<String>,
) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    let files = mapped_files(&files)?;
    let (merge, xlsx) = xlsx_tool::merge_files_with(
        &plan,
        files.iter().map(|(n, b, m)| (n.as_str(), b.as_slice(), m)),
        year,
        &Limits::default(),
    )
    .map_err(js_error)?;
    object(&[
        ("summary", &to_js(&merge.summary)?),
        ("xlsx", &bytes_js(&xlsx)),
        ("detail", &facts::merge_detail(&merge)?),
    ])
}

/// The year's work report (.docx bytes, 公文 layout, contract §10) from the same inputs as
/// `merge`: `files` is `[{name, bytes}]`; a summary of `year` alone also serves.
///
/// # Errors
/// A malformed `files` list, a year outside the plan, a bad plan, or a document that
/// cannot be written.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = report)]
pub fn report_js(
    #[wasm_bindgen(unchecked_param_type = "NamedFile[]")] files: JsValue,
    year: f64,
    plan_text: Option<String>,
) -> JsResult<Vec<u8>> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = plan_year(&plan, year)?;
    let files = mapped_files(&files)?;
    let (_, docx) = xlsx_tool::report::report_files_with(
        &plan,
        files.iter().map(|(n, b, m)| (n.as_str(), b.as_slice(), m)),
        year,
        &Limits::default(),
    )
    .map_err(js_error)?;
    Ok(docx)
}

/// The end-of-plan evaluation (终期评估, contract §12) from the files of every year (unit
/// files and summaries, any mix; `files` is `[{name, bytes}]`), up to `year` (default: the
/// plan's last year; earlier = an interim evaluation): `{summary: <evaluation JSON>,
/// columns, rejected, skipped, xlsx, docx, xlsxName, docxName}` (`columns`: the workbook's
/// headers, for the page's tables).
///
/// # Errors
/// A malformed `files` list, a year outside the plan, a bad plan, or an output that
/// cannot be written.
#[cfg(feature = "writer")]
#[wasm_bindgen(js_name = evaluate, unchecked_return_type = "EvaluateResult")]
pub fn evaluate_js(
    #[wasm_bindgen(unchecked_param_type = "NamedFile[]")] files: JsValue,
    plan_text: Option<String>,
    year: Option<f64>,
) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let year = match year {
        Some(y) => plan_year(&plan, y)?,
        None => plan.last_year,
    };
    // The evaluation reads each file as the template's layout (a mapping is for one round's
    // merge and report).
    let files: Vec<(String, Vec<u8>)> = mapped_files(&files)?.into_iter().map(|(n, b, _)| (n, b)).collect();
    let (done, xlsx, docx) = xlsx_tool::evaluation::evaluate_files(
        &plan,
        files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
        year,
        &Limits::default(),
    )
    .map_err(js_error)?;
    let e = &done.evaluation;
    use jz_core::evaluation::layout as l;
    let columns = object(&[
        ("indicators", &to_js(&l::header(&l::INDICATOR_LEAD, &e.years, &l::INDICATOR_TAIL))?),
        ("measures", &to_js(&l::header(&l::MEASURE_LEAD, &e.years, &l::MEASURE_TAIL))?),
        ("units", &to_js(&l::UNIT_COLUMNS)?),
    ])?;
    object(&[
        ("summary", &to_js(e)?),
        ("columns", &columns),
        ("rejected", &to_js(&done.rejected)?),
        ("skipped", &to_js(&done.skipped)?),
        ("xlsx", &bytes_js(&xlsx)),
        ("docx", &bytes_js(&docx)),
        ("xlsxName", &JsValue::from_str(&xlsx_tool::evaluation::workbook_name(e))),
        ("docxName", &JsValue::from_str(&format!("{}.docx", xlsx_tool::evaluation::title(e)))),
    ])
}

/// What changed between two plan files (TOML or JSON text, e.g. `loadPlan`'s `planText`;
/// empty = the built-in plan): the same JSON as `xlsx-tool plan diff OLD NEW --json`
/// (`measures`, `indicators`, `unit_changes`, `group_changes`, ... and `memo`, the
/// changes as a short memo in Chinese, one line a sentence).
///
/// # Errors
/// When either text is not a usable plan.
#[wasm_bindgen(js_name = planDiff, unchecked_return_type = "PlanDiff")]
pub fn plan_diff_js(old_text: &str, new_text: &str) -> JsResult<JsValue> {
    // An empty text is the built-in plan (as for every other call).
    let old =
        load_plan(Some(old_text)).map_err(|e| js_error(format!("旧计划不可用：{}", String::from(e.message()))))?;
    let new =
        load_plan(Some(new_text)).map_err(|e| js_error(format!("新计划不可用：{}", String::from(e.message()))))?;
    to_js(&jz_core::plan_diff::diff(&old, &new))
}

//! Browser bindings over `xlsx-tool` (contract §8).
//!
//! Every function only converts: JavaScript values in, a call into `xlsx-tool` /
//! `jz-core`, JavaScript values out. Nothing here knows about workbooks. Errors are
//! thrown as JavaScript `Error`s whose message is plain Chinese; problems *inside* a
//! unit's file are not errors but diagnostics in the returned data.
//!
//! JavaScript names: `plan`, `template`, `validate`, `inspect`, `merge`, `annotate`,
//! `correct`, `samples`, `planDiff`, `report`, `loadPlan`, `planWorkbook`, `board`,
//! `annotatedName`. Their TypeScript types are in the custom section below.
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

pub use board::{annotated_name_js, board_js};
pub(crate) use convert::{JsResult, js_error, load_plan, object, to_js};
#[cfg(feature = "writer")]
pub(crate) use convert::{bytes_js, named_files, plan_year};
#[cfg(feature = "writer")]
pub use correct::{annotate_js, correct_js};
pub use facts::facts_js;
pub use jz_core::edit::{Edit, EditValue, apply_edit};
pub use plan_file::load_plan_js;
#[cfg(feature = "writer")]
pub use plan_file::plan_workbook_js;
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
/** A file handed to `merge`, or returned by `samples`. */
export interface NamedFile { name: string; bytes: Uint8Array }
/** `merge` result: the contract's merge JSON and the 汇总表 workbook. */
export interface MergeResult { summary: MergeSummary; xlsx: Uint8Array; detail: MergeDetail }
/** The page's view of a merge: 任务明细 rows, every expected unit, every file with its findings. */
export interface MergeDetail {
  rows: { measure: string; unit: string; status: string; progress: string; problems: string; next_plan: string; evidence: string; source: string; assigned: boolean }[];
  units: { unit: string; state: "received" | "missing" | "rejected"; path: string | null }[];
  files: { path: string; outcome: "accepted" | "rejected" | "superseded" | "earlier"; outcome_label: string; unit: string | null; year: number | null; date: string | null; diagnostics: Diagnostic[] }[];
}
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
/** `inspect` result: the validation result and the report as understood. */
export interface Inspection { result: FileResult; report: Report }
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

/// Reads and validates one file: `{path, unit, year, ok, diagnostics}`.
///
/// # Errors
/// Only a bad plan; problems in the file are diagnostics.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "FileResult")]
pub fn validate_js(bytes: &[u8], file_name: &str, plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let checked = jz_read::check(&plan, bytes, file_name, &Limits::default());
    to_js(&checked.result())
}

/// Like `validate`, plus the report as understood: `{result, report}` (what the fixing
/// grid shows next to each problem).
///
/// # Errors
/// Only a bad plan.
#[wasm_bindgen(js_name = inspect, unchecked_return_type = "Inspection")]
pub fn inspect_js(bytes: &[u8], file_name: &str, plan_text: Option<String>) -> JsResult<JsValue> {
    let plan = load_plan(plan_text.as_deref())?;
    let checked = jz_read::check(&plan, bytes, file_name, &Limits::default());
    object(&[("result", &to_js(&checked.result())?), ("report", &to_js(&checked.report)?)])
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
    let files = named_files(&files)?;
    let (merge, xlsx) =
        xlsx_tool::merge_files(&plan, files.iter().map(|(n, b)| (n.as_str(), b.as_slice())), year, &Limits::default())
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
    let files = named_files(&files)?;
    let (_, docx) = xlsx_tool::report::report_files(
        &plan,
        files.iter().map(|(n, b)| (n.as_str(), b.as_slice())),
        year,
        &Limits::default(),
    )
    .map_err(js_error)?;
    Ok(docx)
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

//! The plan as a file people edit (contract §9): loading a plan from TOML, JSON or a plan
//! workbook (.xlsx .xls .ods, as Excel, WPS and LibreOffice save it), writing the plan
//! workbook, and importing the annex 任务清单 from the plan's Word document.
//!
//! Every problem of a plan file is answered at its sheet and cell in Chinese, with the
//! closest valid value where there is one; all problems are listed, and a plan with
//! problems is never used.

#[cfg(feature = "word")]
mod docx;
mod names;
mod rows;
mod suggest;
mod table;
mod workbook;

use std::fmt;

use jz_core::{Aggregation, IndicatorKind, Plan, Severity};
use serde::Serialize;

use crate::format::{Format, detect};
use crate::limits::Limits;

#[cfg(feature = "word")]
pub use docx::{Imported, Unmapped, import_docx};

/// The `类型` label of an indicator kind (the contract's words).
pub fn kind_label(kind: IndicatorKind) -> &'static str {
    kind.label()
}

/// The `汇总方式` label (the contract's words: `各单位合计`, `单一单位`).
pub fn aggregation_label(a: Aggregation) -> &'static str {
    match a {
        Aggregation::Sum => AGGREGATION_LABELS[0],
        Aggregation::Single => AGGREGATION_LABELS[1],
    }
}

/// Sheet `计划信息`: label/value rows.
pub const INFO_SHEET: &str = "计划信息";
/// Sheet `任务清单`: one row per measure.
pub const TASK_SHEET: &str = "任务清单";
/// Sheet `责任单位`.
pub const UNIT_SHEET: &str = "责任单位";
/// Sheet `单位组`.
pub const GROUP_SHEET: &str = "单位组";
/// Sheet `量化指标`.
pub const INDICATOR_SHEET: &str = "量化指标";
/// Sheet `说明`: one note a row.
pub const NOTE_SHEET: &str = "说明";
/// Sheet `填写说明`: how to edit the workbook.
pub const HELP_SHEET: &str = "填写说明";
/// `_meta` value of `format` in a plan workbook.
pub const PLAN_FORMAT: &str = "jz-ip-plan";

/// Labels of `计划信息`, in order: the first [`INFO_REQUIRED`] must be there; the others
/// (contract §11: 地区, 收报单位, 主送机关, 报告标题, 配合单位填报) are optional.
pub const INFO_LABELS: [&str; 10] = [
    "计划编号",
    "计划名称",
    "起始年度",
    "截止年度",
    "报送截止日期",
    "地区",
    "收报单位",
    "主送机关",
    "报告标题",
    "配合单位填报",
];
/// How many of [`INFO_LABELS`] must be present.
pub const INFO_REQUIRED: usize = 5;
/// Values of `配合单位填报` (yes, no).
pub const YES_NO: [&str; 2] = ["是", "否"];
/// Header of `任务清单`: the first [`TASK_REQUIRED`] must be there; then `责任单位`,
/// `牵头单位`, `配合单位` (at least one of them) and `完成时限` (contract §11).
pub const TASK_COLUMNS: [&str; 9] =
    ["部分", "任务编号", "任务内容", "举措编号", "落实举措", "责任单位", "牵头单位", "配合单位", "完成时限"];
/// How many of [`TASK_COLUMNS`] must be present.
pub const TASK_REQUIRED: usize = 5;
/// Header of `责任单位`.
pub const UNIT_COLUMNS: [&str; 3] = ["单位名称", "分组", "别名"];
/// Header of `单位组`.
pub const GROUP_COLUMNS: [&str; 2] = ["组名", "成员"];
/// Header of `量化指标`: the contract's eight columns, then `来源` and `备注` (the
/// indicator's source in the document and its remark; optional on input).
/// Then `基期年度`, `基期值` and `属性` (contract §11, optional).
pub const INDICATOR_COLUMNS: [&str; 13] = [
    "指标编号",
    "指标名称",
    "目标值",
    "计量单位",
    "类型",
    "汇总方式",
    "填报单位",
    "说明",
    "来源",
    "备注",
    "基期年度",
    "基期值",
    "属性",
];
/// Values of `属性`.
pub const ATTRIBUTES: [&str; 2] = [jz_core::plan::BINDING, jz_core::plan::EXPECTED];
/// How many of [`INDICATOR_COLUMNS`] must be present (the contract's eight).
pub const INDICATOR_REQUIRED: usize = 8;
/// Values of `汇总方式` (sum, single).
pub const AGGREGATION_LABELS: [&str; 2] = ["各单位合计", "单一单位"];
/// Values of `分组` in `责任单位`.
pub const UNIT_GROUPS: [&str; 2] = ["市直", "各县区"];

/// One problem of a plan file, at its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanProblem {
    /// `plan-invalid` (the plan cannot be used) or `unit-unmapped` (an import listed a name
    /// it could not map to a unit of the plan).
    pub code: String,
    /// `error` stops the plan from being used.
    pub severity: Severity,
    /// Sheet name (empty for a text plan file or the whole file).
    pub sheet: String,
    /// A1 reference, or empty.
    pub cell: String,
    /// What is wrong and what to type instead, in Chinese.
    pub message: String,
}

impl PlanProblem {
    /// An error at `sheet`!`cell` (either may be empty).
    pub fn error(sheet: &str, cell: &str, message: impl Into<String>) -> PlanProblem {
        PlanProblem {
            code: "plan-invalid".into(),
            severity: Severity::Error,
            sheet: sheet.into(),
            cell: cell.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.sheet.is_empty(), self.cell.is_empty()) {
            (true, _) => write!(f, "{}", self.message),
            (false, true) => write!(f, "{}：{}", self.sheet, self.message),
            (false, false) => write!(f, "{}!{}：{}", self.sheet, self.cell, self.message),
        }
    }
}

/// Why a plan file cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanFileError {
    /// The file has problems (all of them listed, each at its place).
    #[error("{}", list(.0))]
    Invalid(Vec<PlanProblem>),
}

impl PlanFileError {
    /// The problems, each at its place.
    pub fn problems(&self) -> &[PlanProblem] {
        match self {
            PlanFileError::Invalid(p) => p,
        }
    }

    fn one(message: impl Into<String>) -> PlanFileError {
        PlanFileError::Invalid(vec![PlanProblem::error("", "", message)])
    }
}

fn list(problems: &[PlanProblem]) -> String {
    let mut out = format!("计划文件有 {} 处问题，未使用该计划：", problems.len());
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}

/// Extensions of the files a plan is read from, for file pickers: the plan workbook's,
/// `json`, `toml` when this build reads TOML (feature `toml`), and `docx` (the plan's
/// Word document, read by `import_docx`). [`load_plan`] itself goes by content.
pub fn plan_extensions() -> Vec<&'static str> {
    let mut list = vec!["xlsx", "xls", "ods", "xlsb", "et", "docx", "json"];
    if cfg!(feature = "toml") {
        list.push("toml");
    }
    list
}

/// Whether the bytes are a Word document (.docx): `plan import` material, not a plan file.
pub fn is_word_document(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && crate::unpack::open_zip(bytes).is_some_and(|z| z.index_for_name("word/document.xml").is_some())
}

/// Loads a plan from any plan file: a plan workbook (.xlsx .xls .ods, also .xlsb and
/// .et; by content, whatever the extension), or TOML or JSON text. A Word document is
/// not a plan file: it is refused with a message pointing to `plan import`.
///
/// # Errors
/// [`PlanFileError::Invalid`] listing every problem at its sheet and cell.
///
/// # Examples
///
/// ```
/// use jz_read::plan_file::load_plan;
///
/// let plan = jz_core::Plan::builtin();
/// // The JSON of `xlsx-tool plan --json` loads (so does the plan workbook people edit).
/// let from_json = load_plan(plan.to_json().as_bytes(), "plan.json")?;
/// assert_eq!(from_json.hash, plan.hash);
///
/// // Broken input is an error listing what is wrong (in Chinese), never a panic.
/// let err = load_plan(b"id = ", "plan.toml").unwrap_err();
/// assert!(!err.problems().is_empty());
/// # Ok::<(), jz_read::plan_file::PlanFileError>(())
/// ```
pub fn load_plan(bytes: &[u8], file_name: &str) -> Result<Plan, PlanFileError> {
    let limits = Limits::default();
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(PlanFileError::one(crate::limits::file_too_large(&limits).message));
    }
    if is_word_document(bytes) {
        return Err(PlanFileError::one(
            "这是 Word 文档，不是计划文件。请先用“xlsx-tool plan import 实施方案.docx -o 计划.xlsx”（网页上直接选择该 Word 文件）把附件任务清单导入为计划表，核对后再使用。",
        ));
    }
    match detect(bytes, file_name) {
        Some(Format::Xlsx | Format::Xlsb | Format::Ods | Format::Xls) => {
            workbook::read_plan(bytes, file_name, &limits).map_err(PlanFileError::Invalid)
        }
        _ => load_text(bytes),
    }
}

/// A TOML or JSON plan (UTF-8 with or without BOM, else GB18030).
fn load_text(bytes: &[u8]) -> Result<Plan, PlanFileError> {
    if bytes.contains(&0) || bytes.is_empty() {
        return Err(PlanFileError::one(
            "无法识别该计划文件：它既不是计划表（.xlsx/.xls/.ods），也不是 TOML 或 JSON 计划文件。请用“xlsx-tool plan export”导出计划表，修改后再使用。",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    };
    let plan = Plan::from_text(&text).map_err(|e| PlanFileError::one(e.to_string()))?;
    // A plan imported from Word and saved as text still has cells to fill in.
    match plan.open_items().as_slice() {
        [] => Ok(plan),
        open => Err(PlanFileError::Invalid(open.iter().map(|m| PlanProblem::error("", "", m)).collect())),
    }
}

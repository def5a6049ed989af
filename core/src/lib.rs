//! The Jiaozuo IP plan (《焦作市推动知识产权高质量发展实施方案（2022-2025）》) as data,
//! a unit's annual report, its validation and the merge into the city summary.
//!
//! This crate does no I/O: readers (`xlsx-tool`) turn workbooks into a [`RawReport`],
//! [`validate()`] turns that into a [`Report`] plus [`Diagnostic`]s, and [`merge()`] turns
//! many reports into a [`Merge`] that writers render.
//!
//! # Where each concept lives
//!
//! | Concept | Module | Main items |
//! |---|---|---|
//! | The plan (sections, tasks, measures, units, indicators) | [`plan`] | [`Plan::builtin`], [`Plan::from_text`], [`Plan::resolve_unit`] |
//! | A plan file that cannot be used | [`error`] | [`PlanError`] |
//! | What changed between two plan versions, and the memo about it | [`plan_diff`] | |
//! | Reading a workbook made from an older plan version | [`revision`] | |
//! | A unit's report, as read and as understood | [`report`] | [`RawReport`], [`Report`], [`Status`] |
//! | A report built in code (tests, samples, figures from elsewhere) | [`report_builder`] | [`Report::for_unit`], [`ReportBuilder`] |
//! | Cell positions and raw cell values | [`cell`], [`cells`] | [`CellRef`], [`RawCell`], [`Cells`] |
//! | Dates people type and Excel serials | [`date`] | [`Date`] |
//! | Indicator values as typed (`1,200`, `12件`) | [`value`] | |
//! | Rounding and an indicator's city total | [`number`] | [`number::round6`], [`number::city_total`] |
//! | The validation rules (contract §4) | [`validate`](mod@validate) | [`validate()`] |
//! | Findings and their stable codes (contract §5) | [`diagnostic`] | [`Diagnostic`], [`Code`], [`Severity`], [`Anchor`], [`Field`] |
//! | The merge of a year and its JSON, fed one input at a time | [`merge`](mod@merge) | [`merge::Merging`], [`merge::Input`], [`merge()`], [`merge_with_history`], [`Merge`], [`Submission`] |
//! | Choosing each unit's file (later 填报日期, then SHA-256, then file name) — for the merge and the page's board | [`merge`](mod@merge) (`choose`) | [`merge::Rank`], [`merge::Winners`], [`merge::board()`] |
//! | The report deadline (`MM-DD` of the next year) and the date a year's report is due | [`date`] | [`date::MonthDay`], [`Plan::due_date`] |
//! | Editing a report as the fixing grid does | [`edit`] | [`edit::apply_edit`], [`edit::Edit`], [`edit::EditError`] |
//! | Warnings across years | [`cross_year`] | |
//! | Progress over the plan period; the 正常/关注/滞后 thresholds (100 %, 80 %) | [`progress`] | [`progress::ON_TRACK`], [`progress::WATCH`], [`progress::judgement_rule`] |
//! | 变更记录 (what a resubmission changed) | [`changes`] | |
//! | 督办清单 and 催报名单 | [`follow_up`] | |
//! | SHA-256 of received files | [`digest`] | [`digest::sha256_hex`] |
//! | Small text helpers | [`text`] | |
//!
//! # Example
//!
//! Validate what a reader produced, then merge it (here an empty report, so the file is
//! rejected and every expected unit is missing):
//!
//! ```
//! use jz_core::{Code, Plan, RawReport, Submission};
//!
//! let plan = Plan::builtin();
//! assert_eq!(plan.measures().count(), 43);
//! assert_eq!(plan.resolve_unit("焦作市人民检察院"), Some("检察院"));
//!
//! let (report, diagnostics) = jz_core::validate(&plan, &RawReport::default());
//! assert!(diagnostics.iter().any(|d| d.code == Code::UnitUnknown));
//!
//! let submission = Submission {
//!     path: "未命名.xlsx".into(),
//!     sha256: String::new(),
//!     report,
//!     diagnostics,
//!     cells: Default::default(),
//! };
//! let merge = jz_core::merge(&plan, 2025, vec![submission]);
//! assert_eq!(merge.summary.rejected, ["未命名.xlsx"]);
//! assert!(merge.summary.accepted.is_empty());
//! assert_eq!(merge.summary.missing_units.len(), plan.expected_units().len());
//! ```

pub mod cell;
pub mod cells;
pub mod changes;
pub mod date;
pub mod diagnostic;
pub mod digest;
pub mod edit;
pub mod error;
pub mod merge;
pub mod number;
pub mod plan;
pub mod plan_diff;
pub mod progress;
pub mod report;
pub mod report_builder;
pub mod revision;
pub mod summary_layout;
pub mod text;
pub mod validate;
pub mod value;

pub use cell::{CellRef, CellValue, RawCell};
pub use cells::Cells;
pub use date::Date;
pub use diagnostic::{Anchor, Code, Diagnostic, Field, Severity};
pub use error::PlanError;
pub use merge::{Merge, Submission, cross_year, follow_up, merge, merge_with_history};
pub use plan::{Aggregation, Indicator, IndicatorKind, Measure, Plan, Task};
pub use report::{IndicatorEntry, MeasureEntry, RawIndicatorRow, RawMeasureRow, RawReport, Report, Status};
pub use report_builder::ReportBuilder;
pub use validate::{validate, validate_located};

/// Sheet names of the unit workbook (contract §4).
pub mod sheets {
    /// The measures sheet.
    pub const TASKS: &str = "任务填报";
    /// The indicators sheet.
    pub const INDICATORS: &str = "指标填报";
    /// The instructions sheet.
    pub const HELP: &str = "填报说明";
    /// The hidden key/value sheet.
    pub const META: &str = "_meta";
}

/// Column labels of the `任务填报` header row, in template order.
pub const TASK_COLUMNS: [&str; 9] =
    ["序号", "任务内容", "落实举措", "责任单位", "完成状态", "进展情况", "存在问题", "下一步计划", "佐证材料"];

/// Column labels of the `指标填报` header row, in template order.
pub const INDICATOR_COLUMNS: [&str; 6] = ["指标编号", "指标名称", "计量单位", "目标值", "本年度完成值", "说明"];

/// Labels of the contact block above the `任务填报` header (label cell, value to its right).
pub const HEADER_LABELS: [&str; 5] = ["填报单位", "报告年度", "联系人", "联系电话", "填报日期"];

/// `_meta` value of `format` in a unit workbook.
pub const REPORT_FORMAT: &str = "jz-ip-report";
/// `_meta` value of `format` in a city summary workbook.
pub const SUMMARY_FORMAT: &str = "jz-ip-summary";
/// `_meta` value of `format_version`.
pub const FORMAT_VERSION: &str = "1";
/// Longest 进展情况 a unit may write, in characters.
pub const MAX_PROGRESS_CHARS: usize = 2000;
/// Longest text any cell may hold (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32767;

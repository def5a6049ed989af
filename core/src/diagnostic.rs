//! Diagnostics: findings about a file, each addressed to a cell, in plain Chinese.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::cell::CellRef;

/// Stable diagnostic codes (contract §5). Outside scripts match on these strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// Not a spreadsheet, or one that cannot be opened (also an unreadable folder entry).
    NotAWorkbook,
    /// Over a size limit (bytes, cells, rows or text): not read further.
    TooLarge,
    /// A spreadsheet, but not laid out like the unit template.
    UnknownLayout,
    /// A sheet of the template is missing.
    MissingSheet,
    /// A column of the template is missing.
    MissingColumn,
    /// A column the template does not have (ignored).
    ExtraColumn,
    /// The unit name is not one of the plan's units.
    UnitUnknown,
    /// The 填报单位 differs from the unit the template was made for.
    UnitMismatch,
    /// The report year is missing or not a plausible year.
    YearInvalid,
    /// The workbook was made from another plan than the one in use.
    PlanMismatch,
    /// A measure id the plan does not have.
    MeasureUnknown,
    /// A measure of the plan, but not one assigned to this unit.
    MeasureNotAssigned,
    /// A measure assigned to the unit has no row.
    MeasureMissing,
    /// The same measure appears in more than one row.
    MeasureDuplicate,
    /// The measure text differs from the plan's.
    MeasureTextChanged,
    /// A measure row without a completion status.
    StatusMissing,
    /// A status that is not one of the allowed values.
    StatusInvalid,
    /// A measure row without a progress description.
    ProgressMissing,
    /// A text cell longer than allowed.
    TextTooLong,
    /// An unfinished measure without a next-step plan.
    NextPlanMissing,
    /// The contact person or phone is missing.
    ContactMissing,
    /// The fill-in date cannot be read as a date.
    DateInvalid,
    /// An indicator id the plan does not have.
    IndicatorUnknown,
    /// An indicator of the plan, but not one assigned to this unit.
    IndicatorNotAssigned,
    /// The same indicator appears in more than one row.
    IndicatorDuplicate,
    /// An indicator value that is not a number.
    ValueNotNumber,
    /// A negative indicator value.
    ValueNegative,
    /// A fractional value for an indicator counted in whole units.
    ValueNotInteger,
    /// The unit of measure differs from the plan's.
    ValueUnitMismatch,
    /// A value written as text (`1,200`, `12件`) that was read as a number.
    ValueCoerced,
    /// A value far beyond what the indicator's target makes plausible (warning).
    ValueOutlier,
    /// A 年末存量 value below the unit's own value of the previous year (cross-year warning).
    StockDecreased,
    /// A value at least 10× or at most 1/10 of the unit's previous-year value: a likely 万元/亿元 slip (cross-year warning).
    ValueJump,
    /// A measure 已完成 the previous year is now 未启动 (cross-year warning).
    StatusRegressed,
    /// A password to open is set: the file is encrypted and cannot be read.
    Encrypted,
    /// A header read as a template column under another name (synonym, content, or the
    /// person's own mapping): one warning at the header cell naming both labels (§15).
    ColumnRenamed,
    /// A row without a usable 序号 recognised as a measure by its 落实举措 text (§15).
    MeasureMatchedByText,
}

impl Code {
    /// Every code, in contract order.
    pub const ALL: [Code; 37] = [
        Code::NotAWorkbook,
        Code::TooLarge,
        Code::UnknownLayout,
        Code::MissingSheet,
        Code::MissingColumn,
        Code::ExtraColumn,
        Code::UnitUnknown,
        Code::UnitMismatch,
        Code::YearInvalid,
        Code::PlanMismatch,
        Code::MeasureUnknown,
        Code::MeasureNotAssigned,
        Code::MeasureMissing,
        Code::MeasureDuplicate,
        Code::MeasureTextChanged,
        Code::StatusMissing,
        Code::StatusInvalid,
        Code::ProgressMissing,
        Code::TextTooLong,
        Code::NextPlanMissing,
        Code::ContactMissing,
        Code::DateInvalid,
        Code::IndicatorUnknown,
        Code::IndicatorNotAssigned,
        Code::IndicatorDuplicate,
        Code::ValueNotNumber,
        Code::ValueNegative,
        Code::ValueNotInteger,
        Code::ValueUnitMismatch,
        Code::ValueCoerced,
        Code::ValueOutlier,
        Code::StockDecreased,
        Code::ValueJump,
        Code::StatusRegressed,
        Code::Encrypted,
        Code::ColumnRenamed,
        Code::MeasureMatchedByText,
    ];

    /// The code's contract string (`"value-coerced"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NotAWorkbook => "not-a-workbook",
            Code::TooLarge => "too-large",
            Code::UnknownLayout => "unknown-layout",
            Code::MissingSheet => "missing-sheet",
            Code::MissingColumn => "missing-column",
            Code::ExtraColumn => "extra-column",
            Code::UnitUnknown => "unit-unknown",
            Code::UnitMismatch => "unit-mismatch",
            Code::YearInvalid => "year-invalid",
            Code::PlanMismatch => "plan-mismatch",
            Code::MeasureUnknown => "measure-unknown",
            Code::MeasureNotAssigned => "measure-not-assigned",
            Code::MeasureMissing => "measure-missing",
            Code::MeasureDuplicate => "measure-duplicate",
            Code::MeasureTextChanged => "measure-text-changed",
            Code::StatusMissing => "status-missing",
            Code::StatusInvalid => "status-invalid",
            Code::ProgressMissing => "progress-missing",
            Code::TextTooLong => "text-too-long",
            Code::NextPlanMissing => "next-plan-missing",
            Code::ContactMissing => "contact-missing",
            Code::DateInvalid => "date-invalid",
            Code::IndicatorUnknown => "indicator-unknown",
            Code::IndicatorNotAssigned => "indicator-not-assigned",
            Code::IndicatorDuplicate => "indicator-duplicate",
            Code::ValueNotNumber => "value-not-number",
            Code::ValueNegative => "value-negative",
            Code::ValueNotInteger => "value-not-integer",
            Code::ValueUnitMismatch => "value-unit-mismatch",
            Code::ValueCoerced => "value-coerced",
            Code::ValueOutlier => "value-outlier",
            Code::StockDecreased => "stock-decreased",
            Code::ValueJump => "value-jump",
            Code::StatusRegressed => "status-regressed",
            Code::Encrypted => "encrypted",
            Code::ColumnRenamed => "column-renamed",
            Code::MeasureMatchedByText => "measure-matched-by-text",
        }
    }

    /// The severity the contract gives this code.
    pub fn severity(self) -> Severity {
        match self {
            Code::ValueOutlier
            | Code::ExtraColumn
            | Code::MeasureTextChanged
            | Code::MeasureNotAssigned
            | Code::IndicatorNotAssigned
            | Code::NextPlanMissing
            | Code::ValueCoerced
            | Code::StockDecreased
            | Code::ValueJump
            | Code::StatusRegressed
            | Code::ColumnRenamed
            | Code::MeasureMatchedByText => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `error` stops a file from being merged; `warning` does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file is not merged until this is fixed.
    Error,
    /// Worth a look; the file is still merged.
    Warning,
}

impl Severity {
    /// `错误` / `提醒`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "提醒",
        }
    }
}

/// A field of the unit workbook a diagnostic is about, independent of where the unit's
/// copy had it: lets a fixed copy be re-made with the problem marked at the right cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// 填报单位.
    Unit,
    /// 报告年度.
    Year,
    /// 联系人.
    Contact,
    /// 联系电话.
    Phone,
    /// 填报日期.
    Date,
    /// 序号/指标编号.
    Id,
    /// 任务内容.
    TaskText,
    /// 落实举措.
    MeasureText,
    /// 责任单位.
    Responsible,
    /// 完成状态.
    Status,
    /// 进展情况.
    Progress,
    /// 存在问题.
    Problems,
    /// 下一步计划.
    NextPlan,
    /// 佐证材料.
    Evidence,
    /// 指标名称.
    IndicatorName,
    /// 计量单位.
    IndicatorUnit,
    /// 目标值.
    Target,
    /// 本年度完成值.
    Value,
    /// 说明.
    Remark,
}

impl Field {
    /// The column's Chinese name in the unit workbook (`进展情况`); the one table of field
    /// labels (messages, 变更记录, the page).
    pub fn label(self) -> &'static str {
        match self {
            Field::Unit => "填报单位",
            Field::Year => "报告年度",
            Field::Contact => "联系人",
            Field::Phone => "联系电话",
            Field::Date => "填报日期",
            Field::Id => "序号/指标编号",
            Field::TaskText => "任务内容",
            Field::MeasureText => "落实举措",
            Field::Responsible => "责任单位",
            Field::Status => "完成状态",
            Field::Progress => "进展情况",
            Field::Problems => "存在问题",
            Field::NextPlan => "下一步计划",
            Field::Evidence => "佐证材料",
            Field::IndicatorName => "指标名称",
            Field::IndicatorUnit => "计量单位",
            Field::Target => "目标值",
            Field::Value => "本年度完成值",
            Field::Remark => "说明",
        }
    }
}

/// What a diagnostic is about: the report header, a measure row or an indicator row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Anchor {
    /// A field of the contact block.
    Header {
        /// Which one.
        field: Field,
    },
    /// A cell of a measure row.
    Measure {
        /// Measure id (`2.1`).
        id: String,
        /// Which column.
        field: Field,
    },
    /// A cell of an indicator row.
    Indicator {
        /// Indicator id (`I02`).
        id: String,
        /// Which column.
        field: Field,
    },
}

/// One finding about one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// `error` or `warning`.
    pub severity: Severity,
    /// Sheet name as in the file, or empty.
    pub sheet: String,
    /// A1 reference, or empty when the finding is about the whole file or sheet.
    pub cell: String,
    /// Plain Chinese: what is wrong and what to type instead.
    pub message: String,
    /// What the finding is about, when it is about a field of the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
}

impl Diagnostic {
    /// A finding with the contract severity of `code`, at `at` (or the whole file).
    pub fn new(code: Code, at: Option<&CellRef>, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            sheet: at.map(|c| c.sheet.clone()).unwrap_or_default(),
            cell: at.map(CellRef::a1).unwrap_or_default(),
            message: message.into(),
            anchor: None,
        }
    }

    /// A finding about a whole sheet.
    pub fn on_sheet(code: Code, sheet: &str, message: impl Into<String>) -> Self {
        Diagnostic { sheet: sheet.to_string(), ..Diagnostic::new(code, None, message) }
    }

    /// Sets the anchor.
    pub fn anchored(mut self, anchor: Anchor) -> Self {
        self.anchor = Some(anchor);
        self
    }

    /// Overrides the severity (e.g. a missing indicator sheet in a CSV is only a warning).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match (self.sheet.is_empty(), self.cell.is_empty()) {
            (true, _) => String::new(),
            (false, true) => format!("[{}] ", self.sheet),
            (false, false) => format!("[{}!{}] ", self.sheet, self.cell),
        };
        write!(f, "{}{} {}（{}）", place, self.severity.label(), self.message, self.code)
    }
}

/// Sorts diagnostics the way people read them: errors first, then by sheet, row, column.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_cached_key(|d| (d.severity, d.sheet.clone(), cell_key(&d.cell), d.code, d.message.clone()));
}

fn cell_key(a1: &str) -> (u32, u32) {
    let letters: String = a1.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let row = a1[letters.len()..].parse().unwrap_or(0);
    let col = letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    (row, col)
}

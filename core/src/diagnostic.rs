//! Diagnostics: findings about a file, each addressed to a cell, in plain Chinese.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::cell::CellRef;

/// Stable diagnostic codes (contract §5). Outside scripts match on these strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Code {
    NotAWorkbook,
    TooLarge,
    UnknownLayout,
    MissingSheet,
    MissingColumn,
    ExtraColumn,
    UnitUnknown,
    UnitMismatch,
    YearInvalid,
    PlanMismatch,
    MeasureUnknown,
    MeasureNotAssigned,
    MeasureMissing,
    MeasureDuplicate,
    MeasureTextChanged,
    StatusMissing,
    StatusInvalid,
    ProgressMissing,
    TextTooLong,
    NextPlanMissing,
    ContactMissing,
    DateInvalid,
    IndicatorUnknown,
    IndicatorNotAssigned,
    IndicatorDuplicate,
    ValueNotNumber,
    ValueNegative,
    ValueNotInteger,
    ValueUnitMismatch,
    ValueCoerced,
    ValueOutlier,
    StockDecreased,
    ValueJump,
    StatusRegressed,
}

impl Code {
    /// Every code, in contract order.
    pub const ALL: [Code; 34] = [
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
            | Code::StatusRegressed => Severity::Warning,
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
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Field {
    Unit,
    Year,
    Contact,
    Phone,
    Date,
    Id,
    TaskText,
    MeasureText,
    Responsible,
    Status,
    Progress,
    Problems,
    NextPlan,
    Evidence,
    IndicatorName,
    IndicatorUnit,
    Target,
    Value,
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

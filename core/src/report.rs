//! A unit's annual report: as read ([`RawReport`]) and as understood ([`Report`]).

use serde::{Deserialize, Serialize};

use crate::cell::RawCell;
use crate::date::Date;

/// 完成状态.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Status {
    /// 未启动
    #[serde(rename = "未启动")]
    NotStarted,
    /// 推进中
    #[serde(rename = "推进中")]
    InProgress,
    /// 已完成
    #[serde(rename = "已完成")]
    Done,
    /// 持续推进
    #[serde(rename = "持续推进")]
    Ongoing,
}

impl Status {
    /// All values, in dropdown order.
    pub const ALL: [Status; 4] = [Status::NotStarted, Status::InProgress, Status::Done, Status::Ongoing];

    /// The Chinese value typed in the workbook.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "未启动",
            Status::InProgress => "推进中",
            Status::Done => "已完成",
            Status::Ongoing => "持续推进",
        }
    }

    /// Exact match after trimming whitespace.
    pub fn parse(s: &str) -> Option<Status> {
        let s = crate::text::strip_spaces(s);
        Status::ALL.into_iter().find(|st| st.label() == s)
    }

    /// The value a person most likely meant by a wrong entry (`完成` → `已完成`).
    pub fn suggest(s: &str) -> Option<Status> {
        let s = crate::text::strip_spaces(s);
        let table: [(&[&str], Status); 4] = [
            (&["未开始", "没开始", "未开展", "未启动", "尚未启动", "未实施"], Status::NotStarted),
            (&["进行中", "正在推进", "推进", "在推进", "实施中", "开展中", "正在进行", "部分完成"], Status::InProgress),
            (&["完成", "已经完成", "全部完成", "完成了", "已结束", "已办结", "办结"], Status::Done),
            (&["持续", "长期推进", "常态化", "持续开展", "长期", "持续进行"], Status::Ongoing),
        ];
        table.iter().find(|(words, _)| words.contains(&s.as_str())).map(|(_, st)| *st)
    }
}

/// `未报送`: the status of an expected unit with no accepted file.
pub const NOT_SUBMITTED: &str = "未报送";

/// The `_meta` sheet of a unit workbook, as read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Meta {
    /// `jz-ip-report`.
    pub format: String,
    /// `1`.
    pub format_version: String,
    /// Plan id the template was made from.
    pub plan_id: String,
    /// Plan hash the template was made from.
    pub plan_hash: String,
    /// Unit the template was made for.
    pub unit: String,
    /// Year the template was made for.
    pub year: String,
    /// Program that made it.
    pub generated_by: String,
}

/// One row of `任务填报` as read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RawMeasureRow {
    /// 序号.
    pub id: RawCell,
    /// 任务内容.
    pub task_text: RawCell,
    /// 落实举措.
    pub measure_text: RawCell,
    /// 责任单位.
    pub responsible: RawCell,
    /// 完成状态.
    pub status: RawCell,
    /// 进展情况.
    pub progress: RawCell,
    /// 存在问题.
    pub problems: RawCell,
    /// 下一步计划.
    pub next_plan: RawCell,
    /// 佐证材料.
    pub evidence: RawCell,
}

/// One row of `指标填报` as read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RawIndicatorRow {
    /// 指标编号.
    pub id: RawCell,
    /// 指标名称.
    pub name: RawCell,
    /// 计量单位.
    pub unit: RawCell,
    /// 目标值.
    pub target: RawCell,
    /// 本年度完成值.
    pub value: RawCell,
    /// 说明.
    pub remark: RawCell,
}

/// A unit workbook as a reader found it: values with positions, nothing interpreted.
///
/// Rows that are entirely blank are already skipped by the reader.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RawReport {
    /// 填报单位 value cell.
    pub unit: RawCell,
    /// 报告年度 value cell.
    pub year: RawCell,
    /// 联系人 value cell.
    pub contact: RawCell,
    /// 联系电话 value cell.
    pub phone: RawCell,
    /// 填报日期 value cell.
    pub date: RawCell,
    /// `_meta`, when the workbook has one.
    pub meta: Option<Meta>,
    /// Name of the measures sheet as found.
    pub tasks_sheet: String,
    /// Name of the indicators sheet as found, `None` when it is missing.
    pub indicators_sheet: Option<String>,
    /// Measure rows.
    pub measures: Vec<RawMeasureRow>,
    /// Indicator rows.
    pub indicators: Vec<RawIndicatorRow>,
}

/// A unit's measure entry, as understood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureEntry {
    /// Measure id (`2.1`) as written (trimmed).
    pub id: String,
    /// 任务内容 as written.
    pub task_text: String,
    /// 落实举措 as written.
    pub measure_text: String,
    /// 责任单位 as written.
    pub responsible: String,
    /// 完成状态, `None` when blank or not one of the four values.
    pub status: Option<Status>,
    /// 完成状态 exactly as written (kept so nothing typed is lost).
    pub status_text: String,
    /// 进展情况.
    pub progress: String,
    /// 存在问题.
    pub problems: String,
    /// 下一步计划.
    pub next_plan: String,
    /// 佐证材料.
    pub evidence: String,
    /// Whether the plan assigns this measure to the unit.
    pub assigned: bool,
}

/// A unit's indicator entry, as understood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorEntry {
    /// Indicator id (`I02`).
    pub id: String,
    /// The number, `None` when blank ("not reported") or not understood.
    pub value: Option<f64>,
    /// 本年度完成值 exactly as written.
    pub value_text: String,
    /// 说明.
    pub remark: String,
    /// Whether the plan makes the unit a reporter of this indicator.
    pub assigned: bool,
}

/// A unit's report as understood by [`crate::validate()`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    /// Canonical unit name, `None` when it could not be resolved.
    pub unit: Option<String>,
    /// Reporting year.
    pub year: Option<u16>,
    /// 联系人.
    pub contact: String,
    /// 联系电话 (text; leading zeros kept).
    pub phone: String,
    /// 填报日期.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub date: Option<Date>,
    /// 填报日期 exactly as written (kept when it is not a date).
    pub date_text: String,
    /// Measure entries, in the order read.
    pub measures: Vec<MeasureEntry>,
    /// Indicator entries, in the order read.
    pub indicators: Vec<IndicatorEntry>,
}

impl Report {
    /// The entry for a measure id, if the unit wrote one.
    pub fn measure(&self, id: &str) -> Option<&MeasureEntry> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The entry for an indicator id, if the unit wrote one.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorEntry> {
        self.indicators.iter().find(|i| i.id == id)
    }
}

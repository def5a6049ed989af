//! The plan's parts as data: units and groups, sections, tasks with their measures, and
//! the quantitative indicators (目标值, 类型, 汇总方式).

use serde::{Deserialize, Serialize};

/// A responsible unit (责任单位).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Canonical name, the key everywhere.
    pub name: String,
    /// `市直` or `各县区`.
    pub group: String,
    /// Other names accepted on input.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A named set of units.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Group name as the annex writes it.
    pub name: String,
    /// Canonical unit names.
    pub members: Vec<String>,
}

/// A section of the annex (一..四).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// `一`, `二`, ...
    pub number: String,
    /// Section title.
    pub title: String,
}

/// A task (任务内容) with its measures.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// 1..14.
    pub number: u32,
    /// The section number it belongs to.
    pub section: String,
    /// Task title without its number.
    pub title: String,
    /// The annex 责任单位 cell verbatim.
    #[serde(default)]
    pub responsible_text: String,
    /// Unit or group names responsible for every measure of the task.
    pub responsible: Vec<String>,
    /// Set when the responsibility is an assumption of the built-in plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// The measures (落实举措) in annex order.
    pub measures: Vec<Measure>,
    /// `responsible` expanded to canonical unit names (output only).
    #[serde(default)]
    pub units: Vec<String>,
}

/// A measure (落实举措).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// `"<task>.<n>"`.
    pub id: String,
    /// The annex text verbatim.
    pub text: String,
}

/// A measure as listed in the flat `measures` array of the plan JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureInfo {
    /// `"<task>.<n>"`.
    pub id: String,
    /// Task number.
    pub task: u32,
    /// The annex text verbatim.
    pub text: String,
    /// Canonical units responsible for it.
    pub units: Vec<String>,
}

/// How an indicator's yearly values relate to its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    /// New this year; judged on the sum over the years.
    Flow,
    /// Level at year end; judged on the latest value.
    Stock,
    /// Each year's own value against the target.
    Annual,
}

impl IndicatorKind {
    /// Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::Flow => "累计新增",
            IndicatorKind::Stock => "年末存量",
            IndicatorKind::Annual => "当年数值",
        }
    }
}

/// How unit values combine into the city value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// Sum over the reporters.
    Sum,
    /// The one reporter's value is the city value.
    Single,
}

impl Aggregation {
    /// Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Aggregation::Sum => "各单位合计",
            Aggregation::Single => "单一单位填报",
        }
    }
}

/// A quantitative target (量化指标).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// `I01`..
    pub id: String,
    /// 名称.
    pub name: String,
    /// Target value for the plan period.
    pub target: f64,
    /// 计量单位: `件`, `个`, `家`, `所`, `次`, `件/万人`, `亿元`, `%`.
    pub unit: String,
    /// flow / stock / annual.
    pub kind: IndicatorKind,
    /// sum / single.
    pub aggregation: Aggregation,
    /// Unit or group names that get the row in their template.
    pub reporters: Vec<String>,
    /// Where the document states the target.
    #[serde(default)]
    pub source: String,
    /// What to fill in, in plain Chinese.
    #[serde(default)]
    pub description: String,
    /// A discrepancy or remark shown in the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `reporters` expanded to canonical unit names (output only).
    #[serde(default)]
    pub reporter_units: Vec<String>,
}

impl Indicator {
    /// Whether values must be whole numbers (count units 件 个 家 所 次).
    pub fn is_count(&self) -> bool {
        matches!(self.unit.as_str(), "件" | "个" | "家" | "所" | "次" | "项" | "人")
    }
}

/// A measure together with its task, as iterated by [`Plan::measures`](super::Plan::measures).
#[derive(Debug, Clone, Copy)]
pub struct MeasureRef<'a> {
    /// The owning task.
    pub task: &'a Task,
    /// The measure.
    pub measure: &'a Measure,
}

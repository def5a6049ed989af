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
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// `"<task>.<n>"`.
    pub id: String,
    /// The annex text verbatim.
    pub text: String,
    /// 责任单位 of this measure when it differs from its task's (unit or group names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<String>,
    /// 牵头单位 (unit or group names); with `support`, replaces the task's 责任单位.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<String>,
    /// 配合单位 (unit or group names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub support: Vec<String>,
    /// 完成时限 verbatim (`2026年底前`, `长期坚持`), empty when the plan gives none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due: String,
    /// Every unit of the measure with its role, lead units first, then responsible, then
    /// supporting units, each in plan unit order (output only).
    #[serde(default)]
    pub roles: Vec<UnitRole>,
    /// The units that report on it: `roles` without supporting units when the plan's
    /// 配合单位填报 is 否 (output only).
    #[serde(default)]
    pub units: Vec<String>,
}

/// A unit's part in a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 牵头单位.
    Lead,
    /// 责任单位 (the plan names no lead or supporting units).
    Responsible,
    /// 配合单位.
    Support,
}

impl Role {
    /// Chinese label shown to users (`牵头`, `责任`, `配合`).
    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Responsible => "责任",
            Role::Support => "配合",
        }
    }
}

/// A unit with its role in one measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitRole {
    /// Canonical unit name.
    pub unit: String,
    /// Its role.
    pub role: Role,
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
    /// Canonical units that report on it.
    pub units: Vec<String>,
    /// Every unit with its role, lead units first.
    #[serde(default)]
    pub roles: Vec<UnitRole>,
    /// 完成时限 verbatim.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due: String,
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
    /// 基期年度: the year of the baseline value (usually the year before the plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_year: Option<u16>,
    /// 基期值: the value in `base_year`; a stock indicator's expected pace starts there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_value: Option<f64>,
    /// 属性: `约束性` or `预期性` as the plan marks it (empty when it does not).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub attribute: String,
    /// What the plan's Word document left open (an import): the plan workbook leaves
    /// these cells for the office and does not load until they are filled in. Empty for
    /// a plan read from a plan workbook or a plan file.
    #[serde(default, skip_serializing_if = "ToFill::is_empty")]
    pub to_fill: ToFill,
}

/// The cells of an imported indicator the office must fill in (see
/// [`Indicator::to_fill`]; an indicator without 填报单位 has empty `reporters`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ToFill {
    /// The document does not say whether it is 累计新增, 年末存量 or 当年数值.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kind: bool,
    /// The target as the document writes it when that is not a number (`稳步提升`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
}

impl ToFill {
    /// Nothing left open.
    pub fn is_empty(&self) -> bool {
        !self.kind && self.target.is_empty()
    }
}

/// 属性 of a binding indicator.
pub const BINDING: &str = "约束性";
/// 属性 of an expected (guiding) indicator.
pub const EXPECTED: &str = "预期性";

impl Indicator {
    /// Whether the plan marks the indicator 约束性.
    pub fn is_binding(&self) -> bool {
        self.attribute == BINDING
    }

    /// The name with its 约束性 mark (`专利密集型产业增加值占GDP比重（约束性）`).
    pub fn marked_name(&self) -> String {
        if self.is_binding() { format!("{}（{BINDING}）", self.name) } else { self.name.clone() }
    }

    /// The baseline (基期年度, 基期值) when the plan gives both.
    pub fn baseline(&self) -> Option<(u16, f64)> {
        Some((self.base_year?, self.base_value.filter(|v| v.is_finite())?))
    }

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

impl MeasureRef<'_> {
    /// Whether `unit` reports on this measure.
    pub fn reports(&self, unit: &str) -> bool {
        self.measure.units.iter().any(|u| u == unit)
    }

    /// The role of `unit` in this measure, if it has one.
    pub fn role_of(&self, unit: &str) -> Option<Role> {
        self.measure.roles.iter().find(|r| r.unit == unit).map(|r| r.role)
    }

    /// Whether the plan names lead or supporting units for this measure.
    pub fn has_roles(&self) -> bool {
        self.measure.roles.iter().any(|r| r.role != Role::Responsible)
    }

    /// The measure's 责任单位 as the template and the report print it: the annex words of
    /// its task (`市场监管局、各县区`), or `牵头：…；配合：…` where the plan names lead and
    /// supporting units; led by `本单位：牵头` for `unit` when it has such a role; ending with
    /// `完成时限：…` when the plan gives one.
    pub fn responsible_label(&self, unit: Option<&str>) -> String {
        let label = self.units_label(unit);
        if self.measure.due.is_empty() { label } else { format!("{label}\n完成时限：{}", self.measure.due) }
    }

    fn units_label(&self, unit: Option<&str>) -> String {
        let m = self.measure;
        if !self.has_roles() {
            if !m.responsible.is_empty() {
                return m.responsible.join("、");
            }
            return if self.task.responsible_text.trim().is_empty() {
                self.task.units.join("、")
            } else {
                self.task.responsible_text.clone()
            };
        }
        let mut parts = Vec::new();
        for (label, names) in [("牵头", &m.lead), ("责任", &m.responsible), ("配合", &m.support)] {
            if !names.is_empty() {
                parts.push(format!("{label}：{}", names.join("、")));
            }
        }
        let mut all = parts.join("；");
        if let Some(role) = unit.and_then(|u| self.role_of(u)) {
            all = format!("本单位：{}\n{all}", role.label());
        }
        all
    }
}

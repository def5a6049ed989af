//! The plan: sections, tasks, measures, units and indicators, loaded from one data file.
//!
//! The built-in plan is `plan/jiaozuo-2022-2025.toml`, embedded at build time. A revised
//! plan is loaded with [`Plan::from_text`] (TOML or JSON, same schema); the JSON that
//! [`Plan::to_json`] prints is itself a loadable plan file.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::PlanError;
use crate::text::{fold_width, strip_spaces};

const BUILTIN: &str = include_str!("../plan/jiaozuo-2022-2025.toml");

/// The whole plan. Fields marked "output only" are derived on load and ignored when read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Stable identifier, written into every workbook's `_meta`.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// First reporting year (2022).
    pub first_year: u16,
    /// Last reporting year (2025).
    pub last_year: u16,
    /// Report deadline as `MM-DD` of the following year.
    #[serde(default)]
    pub deadline: String,
    /// Assumptions and discrepancies with the source document, shown in summaries.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The responsible units, canonical names first.
    pub units: Vec<Unit>,
    /// Named groups of units used in 责任单位 and reporters (`各县区`).
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Sections 一..四.
    pub sections: Vec<Section>,
    /// Tasks 1..14 with their measures.
    pub tasks: Vec<Task>,
    /// Quantitative targets.
    pub indicators: Vec<Indicator>,
    /// Every measure in plan order with its task and units (output only; derived from
    /// `tasks`, ignored on load) for scripts that want a flat list.
    #[serde(default)]
    pub measures: Vec<MeasureInfo>,
    /// Content hash (output only; recomputed on load).
    #[serde(default)]
    pub hash: String,
    #[serde(skip)]
    index: Index,
}

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

/// A measure together with its task, as iterated by [`Plan::measures`].
#[derive(Debug, Clone, Copy)]
pub struct MeasureRef<'a> {
    /// The owning task.
    pub task: &'a Task,
    /// The measure.
    pub measure: &'a Measure,
}

#[derive(Debug, Clone, Default)]
struct Index {
    names: HashMap<String, usize>,
    measures: HashMap<String, (usize, usize)>,
    indicators: HashMap<String, usize>,
}

impl Plan {
    /// The built-in plan (the 2022-2025 draft).
    ///
    /// # Panics
    /// Never in a released build: the embedded file is checked by the test suite.
    ///
    /// # Examples
    ///
    /// ```
    /// let plan = jz_core::Plan::builtin();
    /// assert_eq!((plan.first_year, plan.last_year), (2022, 2025));
    /// let first = plan.measures_of("检察院").next().map(|m| m.measure.id.as_str());
    /// assert!(first.is_some());
    /// assert_eq!(plan.indicator("I01").map(|i| i.target), Some(3.0));
    /// ```
    pub fn builtin() -> Plan {
        #[allow(clippy::expect_used)]
        Plan::from_text(BUILTIN).expect("the built-in plan is valid")
    }

    /// Loads a plan from TOML or JSON text (JSON when it starts with `{`).
    ///
    /// # Errors
    /// [`PlanError::Syntax`] when the text does not parse, [`PlanError::Invalid`] naming the
    /// first inconsistent item (unknown unit, duplicate id, misnumbered measure...).
    ///
    /// # Examples
    ///
    /// A one-task plan in TOML (the layout of `core/plan/jiaozuo-2022-2025.toml`):
    ///
    /// ```
    /// let toml = r#"
    /// id = "demo"
    /// title = "示例计划"
    /// first_year = 2024
    /// last_year = 2025
    /// units = [{ name = "市场监管局", group = "市直" }]
    /// sections = [{ number = "一", title = "创造" }]
    /// indicators = []
    ///
    /// [[tasks]]
    /// number = 1
    /// section = "一"
    /// title = "强化顶层设计"
    /// responsible = ["市场监管局"]
    /// measures = [{ id = "1.1", text = "制定工作方案。" }]
    /// "#;
    /// let plan = jz_core::Plan::from_text(toml)?;
    /// assert_eq!(plan.measures().count(), 1);
    ///
    /// // The JSON form loads back to the same plan; broken text is an error, not a panic.
    /// assert_eq!(jz_core::Plan::from_text(&plan.to_json())?.hash, plan.hash);
    /// assert!(jz_core::Plan::from_text("id = ").is_err());
    /// # Ok::<(), jz_core::PlanError>(())
    /// ```
    pub fn from_text(text: &str) -> Result<Plan, PlanError> {
        let text = text.trim_start_matches('\u{FEFF}');
        let mut plan: Plan = if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| PlanError::Syntax(e.to_string()))?
        } else {
            toml::from_str(text).map_err(|e| PlanError::Syntax(e.to_string()))?
        };
        plan.check_and_index()?;
        Ok(plan)
    }

    /// Checks a plan whose public fields were set by a reader of another format (a plan
    /// workbook, a Word annex) and derives the output-only fields and the hash, exactly as
    /// [`Plan::from_text`] does.
    ///
    /// # Errors
    /// [`PlanError::Invalid`] naming the first inconsistent item.
    pub fn revalidated(mut self) -> Result<Plan, PlanError> {
        self.check_and_index()?;
        Ok(self)
    }

    /// The plan as pretty JSON; loadable again with [`Plan::from_text`].
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    fn check_and_index(&mut self) -> Result<(), PlanError> {
        let bad = |m: String| Err(PlanError::Invalid(m));
        if self.id.trim().is_empty() {
            return bad("计划缺少 id".into());
        }
        if self.first_year > self.last_year || self.first_year < 2000 || self.last_year > 2100 {
            return bad(format!("年度范围 {}..{} 不合理", self.first_year, self.last_year));
        }
        let mut names: HashMap<String, usize> = HashMap::new();
        for (i, unit) in self.units.iter().enumerate() {
            if unit.name.trim().is_empty() {
                return bad(format!("第 {} 个单位没有名称", i + 1));
            }
            for name in std::iter::once(&unit.name).chain(&unit.aliases) {
                for key in [name.clone(), name_key(name)] {
                    if let Some(&j) = names.get(&key)
                        && j != i
                    {
                        return bad(format!("单位名称“{}”同时指向“{}”和“{}”", name, self.units[j].name, unit.name));
                    }
                    names.insert(key, i);
                }
            }
        }
        for group in &self.groups {
            if names.contains_key(&group.name) {
                return bad(format!("分组“{}”与单位重名", group.name));
            }
            for m in &group.members {
                if !self.units.iter().any(|u| &u.name == m) {
                    return bad(format!("分组“{}”中的单位“{}”不在单位列表中", group.name, m));
                }
            }
        }
        let mut measures = HashMap::new();
        for (ti, task) in self.tasks.iter().enumerate() {
            if task.number as usize != ti + 1 {
                return bad(format!("任务编号应为 {}，实际为 {}", ti + 1, task.number));
            }
            if !self.sections.iter().any(|s| s.number == task.section) {
                return bad(format!("任务 {} 的所属部分“{}”不存在", task.number, task.section));
            }
            if task.measures.is_empty() {
                return bad(format!("任务 {} 没有落实举措", task.number));
            }
            for (mi, m) in task.measures.iter().enumerate() {
                let want = format!("{}.{}", task.number, mi + 1);
                if m.id != want {
                    return bad(format!(
                        "任务 {} 第 {} 条举措的编号应为 {}，实际为 {}",
                        task.number,
                        mi + 1,
                        want,
                        m.id
                    ));
                }
                if m.text.trim().is_empty() {
                    return bad(format!("举措 {} 没有内容", m.id));
                }
                measures.insert(m.id.clone(), (ti, mi));
            }
        }
        let mut indicators = HashMap::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            if indicators.insert(ind.id.clone(), i).is_some() {
                return bad(format!("指标编号 {} 重复", ind.id));
            }
            if !(ind.target.is_finite() && ind.target > 0.0) {
                return bad(format!("指标 {} 的目标值必须是正数", ind.id));
            }
        }
        self.index = Index { names, measures, indicators };
        let mut expanded = Vec::new();
        for task in &self.tasks {
            expanded.push(self.expand(&task.responsible, &format!("任务 {} 的责任单位", task.number))?);
        }
        for (task, units) in self.tasks.iter_mut().zip(expanded) {
            task.units = units;
        }
        let mut expanded = Vec::new();
        for ind in &self.indicators {
            expanded.push(self.expand(&ind.reporters, &format!("指标 {} 的填报单位", ind.id))?);
        }
        for (ind, units) in self.indicators.iter_mut().zip(expanded) {
            ind.reporter_units = units;
        }
        self.measures = self
            .measures()
            .map(|m| MeasureInfo {
                id: m.measure.id.clone(),
                task: m.task.number,
                text: m.measure.text.clone(),
                units: m.task.units.clone(),
            })
            .collect();
        self.hash = String::new();
        let digest = Sha256::digest(serde_json::to_vec(self).unwrap_or_default());
        self.hash = hex(&digest)[..16].to_string();
        Ok(())
    }

    /// Expands unit and group names to canonical unit names, in plan unit order.
    fn expand(&self, names: &[String], what: &str) -> Result<Vec<String>, PlanError> {
        let mut set = Vec::new();
        for name in names {
            if let Some(g) = self.groups.iter().find(|g| &g.name == name) {
                set.extend(g.members.iter().cloned());
            } else if let Some(u) = self.resolve_unit(name) {
                set.push(u.to_string());
            } else {
                return Err(PlanError::Invalid(format!("{what}中的“{name}”既不是单位也不是分组")));
            }
        }
        Ok(self.units.iter().map(|u| u.name.clone()).filter(|n| set.contains(n)).collect())
    }

    /// Resolves any accepted spelling of a unit (alias, `焦作市`/`市` prefix, `人民`) to its
    /// canonical name.
    ///
    /// ```
    /// let plan = jz_core::Plan::builtin();
    /// assert_eq!(plan.resolve_unit("焦作市市场监督管理局"), Some("市场监管局"));
    /// assert_eq!(plan.resolve_unit("城乡一体化示范区"), Some("示范区"));
    /// assert_eq!(plan.resolve_unit("郑州市"), None);
    /// ```
    pub fn resolve_unit(&self, name: &str) -> Option<&str> {
        let trimmed = strip_spaces(&fold_width(name));
        if trimmed.is_empty() {
            return None;
        }
        let i = self.index.names.get(&trimmed).or_else(|| self.index.names.get(&name_key(&trimmed)))?;
        Some(self.units[*i].name.as_str())
    }

    /// The plan's measures in order, with their tasks.
    pub fn measures(&self) -> impl Iterator<Item = MeasureRef<'_>> {
        self.tasks.iter().flat_map(|task| task.measures.iter().map(move |measure| MeasureRef { task, measure }))
    }

    /// Looks a measure up by id (`"2.1"`).
    pub fn measure(&self, id: &str) -> Option<MeasureRef<'_>> {
        let (t, m) = *self.index.measures.get(id)?;
        Some(MeasureRef { task: &self.tasks[t], measure: &self.tasks[t].measures[m] })
    }

    /// Looks an indicator up by id (`"I01"`).
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.index.indicators.get(id).map(|&i| &self.indicators[i])
    }

    /// Measures the unit is responsible for, in plan order.
    pub fn measures_of<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = MeasureRef<'a>> + 'a {
        self.measures().filter(move |m| m.task.units.iter().any(|u| u == unit))
    }

    /// Indicators the unit reports, in plan order.
    pub fn indicators_of<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| i.reporter_units.iter().any(|u| u == unit))
    }

    /// Units expected to report: responsible for a measure or reporter of an indicator,
    /// in plan unit order.
    pub fn expected_units(&self) -> Vec<&str> {
        self.units
            .iter()
            .map(|u| u.name.as_str())
            .filter(|&u| self.measures_of(u).next().is_some() || self.indicators_of(u).next().is_some())
            .collect()
    }

    /// Whether `year` is a reporting year of this plan.
    pub fn has_year(&self, year: i64) -> bool {
        (i64::from(self.first_year)..=i64::from(self.last_year)).contains(&year)
    }

    /// Sections with their tasks, for display.
    pub fn tasks_by_section(&self) -> Vec<(&Section, Vec<&Task>)> {
        self.sections.iter().map(|s| (s, self.tasks.iter().filter(|t| t.section == s.number).collect())).collect()
    }
}

/// The loose key a unit name is matched by: prefixes `焦作市`, `焦作`, `市` and every
/// `人民` removed (also used by plan file readers to match names the same way).
pub fn name_key(name: &str) -> String {
    let mut s = strip_spaces(&fold_width(name)).replace("人民", "");
    loop {
        let before = s.len();
        for prefix in ["焦作市", "焦作", "市"] {
            if let Some(rest) = s.strip_prefix(prefix)
                && !rest.is_empty()
            {
                s = rest.to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of bytes as lower-case hex (used for source files).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

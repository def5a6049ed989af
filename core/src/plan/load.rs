//! Getting a plan: the built-in one, one read from TOML or JSON text, or one a file reader
//! filled in; each is checked (units, groups, numbering) and indexed, and its hash computed
//! from its content.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::{Index, Measure, MeasureInfo, Plan, Role, UnitRole, name_key, words};
use crate::digest::hex;
use crate::error::PlanError;
use crate::text::{fold_width, strip_spaces};

const BUILTIN: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin-plan.json"));

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
    /// [`PlanError::Syntax`] when the text does not parse (or is TOML and the crate was
    /// built without its `toml` feature, as the browser module is), [`PlanError::Invalid`] naming the
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
            from_toml(text)?
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
        if self.region.trim().is_empty() {
            self.region = words::place_of(&self.title);
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
                for key in [strip_spaces(&fold_width(name)), name_key(name, &self.region)] {
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
            if !ind.attribute.is_empty() && ![super::BINDING, super::EXPECTED].contains(&ind.attribute.as_str()) {
                return bad(format!("指标 {} 的属性“{}”应为约束性或预期性", ind.id, ind.attribute));
            }
            if ind.base_year.is_some() != ind.base_value.is_some() {
                return bad(format!("指标 {} 的基期年度和基期值应同时填写", ind.id));
            }
        }
        self.index = Index { names, measures, indicators };
        self.settle_words()?;
        let mut expanded = Vec::new();
        for task in &self.tasks {
            let of_task = self.expand(&task.responsible, &format!("任务 {} 的责任单位", task.number))?;
            let mut measures = Vec::new();
            for m in &task.measures {
                measures.push(self.roles(m, &of_task)?);
            }
            expanded.push(measures);
        }
        let order: Vec<String> = self.units.iter().map(|u| u.name.clone()).collect();
        for (task, measures) in self.tasks.iter_mut().zip(expanded) {
            for (m, (roles, units)) in task.measures.iter_mut().zip(measures) {
                m.roles = roles;
                m.units = units;
            }
            task.units = order.iter().filter(|u| task.measures.iter().any(|m| m.units.contains(u))).cloned().collect();
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
                units: m.measure.units.clone(),
                roles: m.measure.roles.clone(),
                due: m.measure.due.clone(),
            })
            .collect();
        self.hash = String::new();
        let digest = Sha256::digest(serde_json::to_vec(self).unwrap_or_default());
        self.hash = hex(&digest)[..16].to_string();
        Ok(())
    }

    /// A measure's units with their roles (lead, responsible, supporting; each in plan
    /// unit order, a unit only once, in its first role), and the units that report on it.
    fn roles(&self, m: &Measure, of_task: &[String]) -> Result<(Vec<UnitRole>, Vec<String>), PlanError> {
        let what = |label: &str| format!("举措 {} 的{label}", m.id);
        let lists: Vec<(Role, Vec<String>)> = if m.lead.is_empty() && m.support.is_empty() && m.responsible.is_empty() {
            vec![(Role::Responsible, of_task.to_vec())]
        } else {
            vec![
                (Role::Lead, self.expand(&m.lead, &what("牵头单位"))?),
                (Role::Responsible, self.expand(&m.responsible, &what("责任单位"))?),
                (Role::Support, self.expand(&m.support, &what("配合单位"))?),
            ]
        };
        let mut roles: Vec<UnitRole> = Vec::new();
        for (role, units) in lists {
            for unit in units {
                if !roles.iter().any(|r| r.unit == unit) {
                    roles.push(UnitRole { unit, role });
                }
            }
        }
        let units = roles
            .iter()
            .filter(|r| self.supporting_report || r.role != Role::Support)
            .map(|r| r.unit.clone())
            .collect();
        Ok((roles, units))
    }

    /// Looks a group up by name, ignoring spaces and full/half-width differences.
    pub fn group(&self, name: &str) -> Option<&super::Group> {
        let key = strip_spaces(&fold_width(name));
        self.groups.iter().find(|g| strip_spaces(&fold_width(&g.name)) == key)
    }

    /// Expands unit and group names to canonical unit names, in plan unit order.
    fn expand(&self, names: &[String], what: &str) -> Result<Vec<String>, PlanError> {
        let mut set = Vec::new();
        for name in names {
            if let Some(g) = self.group(name) {
                set.extend(g.members.iter().cloned());
            } else if let Some(u) = self.resolve_unit(name) {
                set.push(u.to_string());
            } else {
                return Err(PlanError::Invalid(format!("{what}中的“{name}”既不是单位也不是分组")));
            }
        }
        Ok(self.units.iter().map(|u| u.name.clone()).filter(|n| set.contains(n)).collect())
    }
}

#[cfg(feature = "toml")]
fn from_toml(text: &str) -> Result<Plan, PlanError> {
    toml::from_str(text).map_err(|e| PlanError::Syntax(e.to_string()))
}

/// Without the TOML parser (the browser module): say what to open instead.
#[cfg(not(feature = "toml"))]
fn from_toml(_text: &str) -> Result<Plan, PlanError> {
    Err(PlanError::Syntax(TOML_NOT_READ.to_string()))
}

/// What a build without the `toml` feature answers for a TOML plan file.
#[cfg(not(feature = "toml"))]
const TOML_NOT_READ: &str = "网页版不读取 TOML 格式的计划文本。请打开计划工作簿（.xlsx/.xls/.ods）、JSON 计划文件或实施方案 Word 文档；TOML 文件可在命令行用“xlsx-tool --plan 文件.toml plan export -o 计划.xlsx”转为计划工作簿。";

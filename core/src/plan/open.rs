//! What a plan imported from Word still leaves for the office to fill in.

use super::{IndicatorKind, Plan};

impl Plan {
    /// What the office must fill in before the plan can run a round, one Chinese
    /// sentence each: groups without members, and indicators without a kind, a numeric
    /// target or 填报单位. Only a plan imported from Word has any; its plan workbook
    /// names the cells, and a plan with open items is not adopted.
    ///
    /// # Examples
    /// ```
    /// assert!(jz_core::Plan::builtin().open_items().is_empty());
    /// ```
    pub fn open_items(&self) -> Vec<String> {
        let mut out = Vec::new();
        for g in self.groups.iter().filter(|g| g.members.is_empty()) {
            out.push(format!("单位组“{}”还没有成员：请在计划表“单位组”表的“成员”栏写出它包含的单位。", g.name));
        }
        for ind in &self.indicators {
            let which = format!("指标 {}“{}”", ind.id, ind.name);
            if !ind.to_fill.target.is_empty() {
                out.push(format!(
                    "{which}的目标值文件中写作“{}”，不是一个大于 0 的数：请在计划表“量化指标”表的“目标值”栏只填一个数字。",
                    ind.to_fill.target
                ));
            }
            if ind.to_fill.kind {
                let [a, b, c] =
                    [IndicatorKind::Flow, IndicatorKind::Stock, IndicatorKind::Annual].map(IndicatorKind::label);
                out.push(format!("{which}的类型文件中没有写明：请在计划表“量化指标”表的“类型”栏选择{a}、{b}或{c}。"));
            }
            if ind.reporters.is_empty() {
                out.push(format!("{which}还没有填报单位：请在计划表“量化指标”表的“填报单位”栏写单位或单位组名称。"));
            }
        }
        out
    }
}

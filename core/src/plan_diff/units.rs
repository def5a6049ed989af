//! The parts of a plan diff about units, aliases, groups and everything outside measures
//! and indicator targets (the plan's name, years, deadline, titles, notes).

use serde::{Deserialize, Serialize};

use crate::plan::Plan;

/// A unit (责任单位) that differs between the versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitChange {
    /// Canonical name.
    pub name: String,
    /// `added`, `removed` or `changed`.
    pub change: String,
    /// Group (`市直`/`各县区`) in the old plan (none when added).
    pub old_group: Option<String>,
    /// Group in the new plan (none when removed).
    pub new_group: Option<String>,
    /// Aliases only in the new plan (all of them when added).
    pub aliases_added: Vec<String>,
    /// Aliases only in the old plan.
    pub aliases_removed: Vec<String>,
}

/// A named group of units (单位组) that differs between the versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupChange {
    /// Group name.
    pub name: String,
    /// `added`, `removed` or `changed`.
    pub change: String,
    /// Members only in the new plan (all of them when added).
    pub members_added: Vec<String>,
    /// Members only in the old plan (all of them when removed).
    pub members_removed: Vec<String>,
}

/// The names in `a` that are not in `b`, in `a`'s order.
pub(super) fn minus(a: &[String], b: &[String]) -> Vec<String> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

/// Units added, removed, regrouped or with aliases added or removed; in new plan order,
/// removed ones last.
pub fn unit_changes(old: &Plan, new: &Plan) -> Vec<UnitChange> {
    let mut out = Vec::new();
    for n in &new.units {
        match old.units.iter().find(|o| o.name == n.name) {
            None => out.push(UnitChange {
                name: n.name.clone(),
                change: "added".into(),
                old_group: None,
                new_group: Some(n.group.clone()),
                aliases_added: n.aliases.clone(),
                aliases_removed: Vec::new(),
            }),
            Some(o) => {
                let (added, removed) = (minus(&n.aliases, &o.aliases), minus(&o.aliases, &n.aliases));
                if o.group != n.group || !added.is_empty() || !removed.is_empty() {
                    out.push(UnitChange {
                        name: n.name.clone(),
                        change: "changed".into(),
                        old_group: Some(o.group.clone()),
                        new_group: Some(n.group.clone()),
                        aliases_added: added,
                        aliases_removed: removed,
                    });
                }
            }
        }
    }
    for o in old.units.iter().filter(|o| !new.units.iter().any(|n| n.name == o.name)) {
        out.push(UnitChange {
            name: o.name.clone(),
            change: "removed".into(),
            old_group: Some(o.group.clone()),
            new_group: None,
            aliases_added: Vec::new(),
            aliases_removed: o.aliases.clone(),
        });
    }
    out
}

/// Groups added, removed or with members added or removed.
pub fn group_changes(old: &Plan, new: &Plan) -> Vec<GroupChange> {
    let mut out = Vec::new();
    for n in &new.groups {
        let old_members = old.groups.iter().find(|o| o.name == n.name).map(|o| &o.members);
        let change = if old_members.is_some() { "changed" } else { "added" };
        let empty = Vec::new();
        let om = old_members.unwrap_or(&empty);
        let (added, removed) = (minus(&n.members, om), minus(om, &n.members));
        if old_members.is_none() || !added.is_empty() || !removed.is_empty() {
            out.push(GroupChange {
                name: n.name.clone(),
                change: change.into(),
                members_added: added,
                members_removed: removed,
            });
        }
    }
    for o in old.groups.iter().filter(|o| !new.groups.iter().any(|n| n.name == o.name)) {
        out.push(GroupChange {
            name: o.name.clone(),
            change: "removed".into(),
            members_added: Vec::new(),
            members_removed: o.members.clone(),
        });
    }
    out
}

/// Changes outside measures, units, groups and indicator targets: the plan's name, years
/// and deadline, section and task titles, notes, indicator texts.
pub fn other_changes(old: &Plan, new: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(format!("计划名称由“{}”改为“{}”。", old.title, new.title));
    }
    if (old.first_year, old.last_year) != (new.first_year, new.last_year) {
        out.push(format!(
            "计划年度由 {}–{} 改为 {}–{}。",
            old.first_year, old.last_year, new.first_year, new.last_year
        ));
    }
    if old.deadline != new.deadline {
        let text = |d: Option<crate::date::MonthDay>| d.map(|d| d.to_string()).unwrap_or_default();
        out.push(format!("报送截止日期由“{}”改为“{}”。", text(old.deadline), text(new.deadline)));
    }
    for n in &new.sections {
        match old.sections.iter().find(|o| o.number == n.number) {
            None => out.push(format!("新增第{}部分“{}”。", n.number, n.title)),
            Some(o) if o.title != n.title => {
                out.push(format!("第{}部分标题由“{}”改为“{}”。", n.number, o.title, n.title));
            }
            Some(_) => {}
        }
    }
    for o in old.sections.iter().filter(|o| !new.sections.iter().any(|n| n.number == o.number)) {
        out.push(format!("删除第{}部分“{}”。", o.number, o.title));
    }
    for n in &new.tasks {
        match old.tasks.iter().find(|o| o.number == n.number) {
            None => out.push(format!("新增任务 {}“{}”。", n.number, n.title)),
            Some(o) if o.title != n.title => {
                out.push(format!("任务 {} 的任务内容由“{}”改为“{}”。", n.number, o.title, n.title));
            }
            Some(o) if o.section != n.section => {
                out.push(format!("任务 {} 由第{}部分移到第{}部分。", n.number, o.section, n.section));
            }
            Some(_) => {}
        }
    }
    for o in old.tasks.iter().filter(|o| !new.tasks.iter().any(|n| n.number == o.number)) {
        out.push(format!("删除任务 {}“{}”。", o.number, o.title));
    }
    for n in &new.indicators {
        if let Some(o) = old.indicator(&n.id)
            && (o.description != n.description || o.source != n.source || o.note != n.note)
        {
            out.push(format!("指标 {} {} 的说明、来源或备注文字有修改。", n.id, n.name));
        }
    }
    for n in minus(&new.notes, &old.notes) {
        out.push(format!("新增说明：“{n}”。"));
    }
    for n in minus(&old.notes, &new.notes) {
        out.push(format!("删除说明：“{n}”。"));
    }
    out
}

//! Unit and group names as an annex writes them, mapped to the base plan's units and
//! groups. A name that maps to nothing is never matched by guessing: it becomes a new
//! unit (or, for a group word such as `各县（市、区）`, a group without members) of the
//! imported plan, and is listed for the office to review.

use jz_core::Plan;
use jz_core::plan::{Group, Unit};

use super::Unmapped;
use super::text::strip_region;
use crate::plan_file::names::Names;

/// The base plan's names, growing with the names the document adds.
pub(super) struct Resolver<'a> {
    base: &'a Plan,
    known: Names,
    pub units: Vec<Unit>,
    pub groups: Vec<Group>,
    pub unmapped: Vec<Unmapped>,
    pub new_units: Vec<String>,
    pub empty_groups: Vec<String>,
    /// More than [`MAX_NEW_NAMES`] names the base plan does not know: the document is no
    /// plan's annex (and adding them all would take time for nothing).
    pub too_many: bool,
}

/// How many new unit and group names an import may add. A city's plan names a few dozen
/// units; a document with a thousand unknown ones is not read as a plan.
pub(super) const MAX_NEW_NAMES: usize = 1_000;

impl<'a> Resolver<'a> {
    pub fn new(base: &'a Plan) -> Self {
        let mut known = Names::new(&base.region);
        for u in &base.units {
            known.add_unit(&u.name, &u.aliases);
        }
        for g in &base.groups {
            known.add_group(&g.name, g.members.clone());
        }
        Resolver {
            base,
            known,
            units: base.units.clone(),
            groups: base.groups.clone(),
            unmapped: Vec::new(),
            new_units: Vec::new(),
            empty_groups: Vec::new(),
            too_many: false,
        }
    }

    /// The canonical unit and group names of a list as written (`市场监管局、各县（市、区）`);
    /// `place` says where it was read (`任务 3`, `指标 I02`) in the messages, `task` is
    /// the task's number (0 for an indicator).
    pub fn resolve(&mut self, text: &str, task: u32, place: &str) -> Vec<String> {
        let (names, unknown) = self.known.resolve_list(text);
        let mut out: Vec<String> = names.iter().map(|n| n.text().to_string()).collect();
        for u in unknown {
            if self.new_units.len() + self.empty_groups.len() >= MAX_NEW_NAMES {
                self.too_many = true;
                break;
            }
            let name = strip_region(&u, &self.base.region);
            // `各县（市、区）`, `各乡镇`: a group word; its members are for the office to fill in.
            let is_group = name.starts_with('各') && self.known.unit(&name).is_none();
            if is_group && self.known.group(&name).is_none() {
                self.known.add_group(&name, Vec::new());
                self.groups.push(Group { name: name.clone(), members: Vec::new() });
                self.empty_groups.push(name.clone());
                self.unmapped.push(Unmapped {
                    text: u.clone(),
                    task,
                    message: format!("{place} 中的“{u}”是原计划中没有的单位组，已作为单位组“{name}”加入，请在计划表“单位组”表中填写它的成员。"),
                });
            } else if !is_group && self.known.unit(&name).is_none() {
                self.known.add_unit(&name, &[]);
                self.units.push(Unit { name: name.clone(), group: "市直".into(), aliases: Vec::new() });
                self.new_units.push(name.clone());
                self.unmapped.push(Unmapped {
                    text: u.clone(),
                    task,
                    message: format!(
                        "{place} 的单位“{u}”不是原计划中的单位、别名或单位组，已作为新单位“{name}”加入（分组暂按“市直”）。如果它是已有单位的另一种写法，请在计划表“责任单位”表中把它写为该单位的别名。"
                    ),
                });
            }
            let canonical = self.known.group(&name).or(self.known.unit(&name)).unwrap_or(&name).to_string();
            if !out.contains(&canonical) {
                out.push(canonical);
            }
        }
        out
    }
}

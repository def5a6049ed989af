//! `plan import`: the plan read out of its Word document (contract §11).
//!
//! The tasks come from the annex task table ([`task_table`]: any of the common column
//! layouts, sections spanning the table, merged task and unit cells) or, when the
//! document has none, from the body's measures that end with their units in brackets
//! ([`list`]). An indicator table gives the indicators ([`indicators`]); otherwise they
//! are the base plan's. The title paragraph gives the name, the period and the place.
//! Units are mapped with the base plan's names, aliases and groups; what maps to nothing
//! is added and listed ([`units`]), never matched by guessing. What the document leaves
//! open is left for the office to fill in ([`Plan::open_items`]).

mod indicators;
mod list;
#[cfg(test)]
mod props;
mod task_table;
mod text;
mod units;
mod xml;

use jz_core::plan::Section;
use jz_core::text::same_text;
use jz_core::{Plan, Severity, Task};
use serde::Serialize;

use super::rows::{RowUnits, settle_units};
use super::{PlanFileError, PlanProblem};
use crate::limits::Limits;
use text::{is_title, year_range};
use units::Resolver;
use xml::{body_paragraphs, document_xml, tables};

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The plan: the document's sections, tasks, measures (and indicators, when it has
    /// an indicator table) on the base plan's units and groups (and its notes when the
    /// document is the same plan).
    pub plan: Plan,
    /// Every name or cell that could not be mapped.
    pub unmapped: Vec<Unmapped>,
    /// Units the base plan did not know, added to the imported plan for review.
    pub new_units: Vec<String>,
    /// Group words the base plan did not know (`各县（市、区）`), kept as groups without
    /// members for the office to fill in (the plan workbook does not load until then).
    pub empty_groups: Vec<String>,
    /// Whether the indicators are the document's indicator table's (otherwise the base
    /// plan's).
    pub indicators_from_document: bool,
}

impl Imported {
    /// What the office must fill in before the plan is used ([`Plan::open_items`]), as
    /// errors: the page shows them and offers the plan workbook instead of adopting.
    pub fn open_problems(&self) -> Vec<PlanProblem> {
        let open = self.plan.open_items().into_iter();
        open.map(|message| PlanProblem { code: "plan-to-fill".into(), ..PlanProblem::error("", "", message) }).collect()
    }
}

/// A name or cell of the annex that could not be mapped to the base plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unmapped {
    /// The text as the document writes it.
    pub text: String,
    /// The task it belongs to (0: an indicator).
    pub task: u32,
    /// What was done with it, in Chinese.
    pub message: String,
}

impl Unmapped {
    /// As a plan problem (a warning), for the page's diagnostics list.
    pub fn problem(&self) -> PlanProblem {
        PlanProblem {
            code: "unit-unmapped".into(),
            severity: Severity::Warning,
            sheet: "任务清单".into(),
            cell: String::new(),
            message: self.message.clone(),
        }
    }
}

/// The tasks read from the document before their units are mapped.
#[derive(Default)]
struct Draft {
    sections: Vec<Section>,
    tasks: Vec<Task>,
    /// Per task, per measure: its units and deadline as written.
    words: Vec<Vec<Words>>,
    /// What the reader settled by a rule the office should check.
    unmapped: Vec<Unmapped>,
}

/// A measure's units and 完成时限 as the document writes them.
#[derive(Debug, Default, Clone, PartialEq)]
struct Words {
    responsible: String,
    lead: String,
    support: String,
    due: String,
}

impl Words {
    /// No responsible, lead or supporting units.
    fn no_units(&self) -> bool {
        self.responsible.is_empty() && self.lead.is_empty() && self.support.is_empty()
    }
}

/// How many body paragraphs are read for a plan without an annex table.
const MAX_PARAGRAPHS: usize = 50_000;
/// How many measures an import takes: a city's plan has tens to hundreds.
const MAX_MEASURES: usize = 5_000;

/// Imports the plan of a .docx against `base`.
///
/// # Errors
/// [`PlanFileError::Invalid`] when the document cannot be read, has neither an annex
/// table nor measures with their units, or the tasks read from it do not make a plan.
pub fn import_docx(bytes: &[u8], base: &Plan) -> Result<Imported, PlanFileError> {
    let limits = Limits::default();
    let xml = document_xml(bytes, &limits).map_err(PlanFileError::one)?;
    let all = tables(&xml, &limits).map_err(PlanFileError::one)?;
    let paragraphs = body_paragraphs(&xml, MAX_PARAGRAPHS);
    let Some(draft) = task_table::read(&all).or_else(|| list::read(&paragraphs)) else {
        return Err(PlanFileError::one(
            "文档中找不到附件任务清单表格（表头应有任务列“重点任务/主要任务/工作任务/任务内容”、措施列“具体措施/落实举措/工作措施/主要措施/工作内容”和单位列“牵头单位/配合单位/责任单位/责任部门/执行部门”），正文中也没有以“（……负责）”或“（责任单位：……）”结尾的举措。请确认选择的是实施方案的 Word 文档。",
        ));
    };
    let measures: usize = draft.tasks.iter().map(|t| t.measures.len()).sum();
    if measures > MAX_MEASURES {
        return Err(PlanFileError::one(format!(
            "文档中读出 {measures} 条举措，超过 {MAX_MEASURES} 条，不像实施方案的任务清单。请确认选择的是实施方案的 Word 文档。"
        )));
    }
    let mut plan = base.clone();
    // The title paragraph: 计划名称, its year range and the place it starts with.
    let mut notes = draft.unmapped;
    if let Some(title) = paragraphs.iter().take(12).map(|p| &p.text).find(|p| is_title(p)) {
        match year_range(title) {
            Some((first, last)) => (plan.first_year, plan.last_year) = (first, last),
            None if !same_text(title, &base.title) => notes.push(Unmapped {
                text: title.clone(),
                task: 0,
                message: format!(
                    "标题“{title}”中没有写明年度范围，起止年度暂按原计划（{}—{}年）。请在计划表“计划信息”中填写本计划的起始年度和截止年度。",
                    base.first_year, base.last_year
                ),
            }),
            None => {}
        }
        let region = jz_core::plan::place_of(title);
        if !region.is_empty() && region != base.region {
            plan.region = region;
            plan.report_title = String::new();
        }
        if !same_text(title, &base.title) {
            // Another plan: an identifier of its own (the office may rename it).
            let digest = jz_core::plan::sha256_hex(title.as_bytes());
            plan.id = format!("plan-{}-{}-{}", plan.first_year, plan.last_year, &digest[..8]);
            // The base plan's notes are remarks on its own document.
            plan.notes.clear();
        }
        plan.title = title.clone();
    }
    let mut units = Resolver::new(base);
    units.unmapped = notes;
    let tasks = settle_tasks(draft.tasks, draft.words, base, &mut units);
    let from_document = indicators::read(&all, plan.first_year, &mut units);
    let indicators_from_document = from_document.is_some();
    plan.indicators = from_document.unwrap_or(plan.indicators);
    if units.too_many {
        return Err(PlanFileError::one(format!(
            "文档中有超过 {} 个原计划中没有的单位名称，不像实施方案的任务清单。请确认选择的是实施方案的 Word 文档；如果确实是新计划，请先在当前计划表的“责任单位”表中加入这些单位再导入。",
            units::MAX_NEW_NAMES
        )));
    }
    let Resolver { units: plan_units, groups, unmapped, new_units, empty_groups, .. } = units;
    (plan.units, plan.groups, plan.sections, plan.tasks) = (plan_units, groups, draft.sections, tasks);
    let plan = plan.revalidated().map_err(|e| PlanFileError::one(format!("从文档读出的任务清单不完整：{e}")))?;
    Ok(Imported { plan, unmapped, new_units, empty_groups, indicators_from_document })
}

/// Each task's units: its first measure's 责任单位 for the task, each measure whose
/// units differ (or that names lead or supporting units) its own. A task the document
/// gives no units takes the base plan's same-named task's, or is listed.
fn settle_tasks(mut tasks: Vec<Task>, words: Vec<Vec<Words>>, base: &Plan, units: &mut Resolver<'_>) -> Vec<Task> {
    for (task, words) in tasks.iter_mut().zip(words) {
        let place = format!("任务 {}", task.number);
        if words.iter().all(Words::no_units) {
            for (m, w) in task.measures.iter_mut().zip(&words) {
                m.due = w.due.clone();
            }
            from_base(task, base, &mut units.unmapped);
            continue;
        }
        let rows: Vec<RowUnits> = words
            .iter()
            .map(|w| {
                let mut r = |text: &str| units.resolve(text, task.number, &place);
                (r(&w.responsible), r(&w.lead), r(&w.support), w.due.clone())
            })
            .collect();
        task.responsible_text = words.first().map(|w| w.responsible.clone()).unwrap_or_default();
        task.responsible = rows.first().map(|r| r.0.clone()).unwrap_or_default();
        settle_units(task, rows);
    }
    tasks
}

/// A task without units in the document: the base plan's same-named task's, or listed.
fn from_base(task: &mut Task, base: &Plan, unmapped: &mut Vec<Unmapped>) {
    let Some(b) = base.tasks.iter().find(|b| same_text(&b.title, &task.title)) else {
        unmapped.push(Unmapped {
            text: String::new(),
            task: task.number,
            message: format!(
                "任务 {} 的责任单位栏为空，原计划中也没有同名任务。请在计划表中为它填写责任单位。",
                task.number
            ),
        });
        return;
    };
    task.responsible = b.responsible.clone();
    task.assumption = b.assumption.clone();
    if b.responsible_text.is_empty() && b.assumption.is_some() {
        return;
    }
    unmapped.push(Unmapped {
        text: String::new(),
        task: task.number,
        message: format!(
            "任务 {} 的责任单位栏为空，已沿用原计划中同名任务的责任单位“{}”。请核对。",
            task.number,
            b.responsible.join("、")
        ),
    });
}

//! `plan import`: the annex 任务清单 read out of the plan's Word document.
//!
//! The table is the one whose header row holds 任务内容 | 落实举措 | 责任单位 (a 序号
//! column may be there too). Section rows span the table (`gridSpan`) or hold one text
//! only; task and unit cells may be merged vertically (`w:vMerge`) or left blank below a
//! task's first row; a cell may hold several measures as paragraphs, or each measure has
//! its own row. Typed numbering (`1.`, `（1）`) is stripped; automatic numbering
//! (`w:numPr`) is not part of the text at all. Units are mapped with the base plan's
//! names, aliases and groups; a name that maps to nothing is listed in
//! [`Imported::unmapped`] and added as a new unit (never matched to a unit by guessing).
//! Indicators, units, groups and notes come from the base plan.

use jz_core::plan::Section;
use jz_core::plan::Unit;
use jz_core::text::{fold_width, label_key, same_text};
use jz_core::{Measure, Plan, Severity, Task};
use serde::Serialize;

use super::docx_xml::{Cell, VMerge, body_paragraphs, document_xml, tables};
use super::names::Names;
use super::rows::{numeral, split_section};
use super::{PlanFileError, PlanProblem};
use crate::limits::Limits;

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The plan: the document's sections, tasks and measures on the base plan's units,
    /// indicators and notes.
    pub plan: Plan,
    /// Every name or cell that could not be mapped.
    pub unmapped: Vec<Unmapped>,
    /// Units the base plan did not know, added to the imported plan for review.
    pub new_units: Vec<String>,
    /// Group words the base plan did not know (`各县（市、区）`), kept as groups without
    /// members for the office to fill in (the plan workbook does not load until then).
    pub empty_groups: Vec<String>,
}

/// A name or cell of the annex that could not be mapped to the base plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unmapped {
    /// The text as the document writes it.
    pub text: String,
    /// The task it belongs to.
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

/// Whether the bytes are a Word document (.docx).
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && crate::unpack::open_zip(bytes).is_some_and(|z| z.index_for_name("word/document.xml").is_some())
}

/// Typed numbering at the start of a paragraph: `1.` `1、` `1．` `（1）` `(1)` `1)`.
fn strip_number(s: &str) -> &str {
    let t = s.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        for mark in ['.', '、', '．', ')', '）'] {
            if let Some(r) = rest.strip_prefix(mark)
                && !r.starts_with(|c: char| c.is_ascii_digit())
            {
                return r.trim_start();
            }
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(r) = t.strip_prefix(open)
            && let Some((n, rest)) = r.split_once(close)
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
        {
            return rest.trim_start();
        }
    }
    t
}

/// A cell's text: its paragraphs joined; a line break inside a paragraph is layout (a
/// long title wrapped by hand), not text.
fn text_of(cell: &Cell) -> String {
    cell.paragraphs.iter().map(|p| one_line(p)).collect::<Vec<_>>().join("")
}

fn one_line(p: &str) -> String {
    p.split('\n').map(str::trim).collect::<Vec<_>>().join("")
}

/// Imports the annex of a .docx against `base`.
///
/// # Errors
/// [`PlanFileError::Invalid`] when the document cannot be read, has no annex table, or
/// the tasks read from it do not make a plan.
pub fn import_docx(bytes: &[u8], base: &Plan) -> Result<Imported, PlanFileError> {
    let limits = Limits::default();
    let xml = document_xml(bytes, &limits).map_err(PlanFileError::one)?;
    let all = tables(&xml, &limits).map_err(PlanFileError::one)?;
    let found =
        all.iter().find_map(|t| t.iter().enumerate().find_map(|(i, row)| header_columns(row).map(|cols| (t, i, cols))));
    let Some((table, header, Columns { task: task_col, measure: measure_col, units: unit_col, lead, support, due })) =
        found
    else {
        return Err(PlanFileError::one(
            "文档中找不到附件任务清单表格（表头应有任务列“重点任务/主要任务/工作任务/任务内容”、措施列“具体措施/落实举措/工作措施/主要措施/工作内容”和单位列“牵头单位/配合单位/责任单位/责任部门/执行部门”）。请确认选择的是实施方案的 Word 文档，且附件任务清单是一个表格。",
        ));
    };
    // Per measure row: 牵头单位, 配合单位 and 完成时限 as written (blank or merged: the row above).
    let mut row_words: [String; 3] = Default::default();
    let mut measure_words: Vec<(usize, u32, [String; 3])> = Vec::new();
    let width = grid_width(&table[header]);

    let mut known = Names::new(&base.region);
    for u in &base.units {
        known.add_unit(&u.name, &u.aliases);
    }
    for g in &base.groups {
        known.add_group(&g.name, g.members.clone());
    }
    let mut units = base.units.clone();
    let mut groups = base.groups.clone();
    let mut unmapped = Vec::new();
    let (mut new_units, mut empty_groups) = (Vec::new(), Vec::new());
    let mut sections: Vec<Section> = Vec::new();
    let mut tasks: Vec<Task> = Vec::new();
    let mut unit_texts: Vec<Option<String>> = Vec::new();
    let mut merged_units = String::new();

    for row in &table[header + 1..] {
        let at = |col: u32| cell_at(row, col);
        let filled: Vec<&Cell> = row.iter().filter(|c| !text_of(c).is_empty()).collect();
        let spans_all = row.len() == 1 && row[0].span >= width.saturating_sub(1).max(2);
        let numbered = filled.len() == 1 && split_section(&text_of(filled[0])).0.is_some();
        if (spans_all || numbered || (filled.len() == 1 && filled[0].span >= 2)) && !filled.is_empty() {
            let (number, title) = split_section(&strip_spaces_inner(&text_of(filled[0])));
            sections.push(Section { number: number.unwrap_or_else(|| numeral(sections.len())), title });
            continue;
        }
        let task_cell = at(task_col);
        if let Some(c) = task_cell
            && c.vmerge != VMerge::Continue
            && !text_of(c).is_empty()
        {
            let title = strip_number(&text_of(c)).trim_end_matches(['。', '.']).trim().to_string();
            let Some(section) = sections.last() else { continue };
            tasks.push(Task {
                number: tasks.len() as u32 + 1,
                section: section.number.clone(),
                title,
                responsible_text: String::new(),
                responsible: Vec::new(),
                assumption: None,
                measures: Vec::new(),
                units: Vec::new(),
            });
            unit_texts.push(None);
        }
        let (Some(task), Some(unit_text)) = (tasks.last_mut(), unit_texts.last_mut()) else { continue };
        // A cell merged down keeps the text above; an empty cell of its own is empty.
        for (k, col) in [lead, support, due].into_iter().enumerate() {
            if let Some(c) = col.and_then(at)
                && c.vmerge != VMerge::Continue
            {
                row_words[k] = text_of(c);
            }
        }
        if let Some(c) = unit_col.and_then(at) {
            // A unit cell merged down across tasks gives its text to each of them.
            let t = if c.vmerge == VMerge::Continue {
                if unit_text.is_some() { String::new() } else { merged_units.clone() }
            } else {
                merged_units = text_of(c);
                merged_units.clone()
            };
            if !t.is_empty() && unit_text.is_none() {
                *unit_text = Some(t);
            } else if !t.is_empty() && unit_text.as_deref() != Some(t.as_str()) {
                unmapped.push(Unmapped {
                    text: t.clone(),
                    task: task.number,
                    message: format!(
                        "任务 {} 的责任单位出现了两种写法，已采用第一处，未采用“{t}”。请在计划表中核对。",
                        task.number
                    ),
                });
            }
        }
        if let Some(c) = at(measure_col)
            && c.vmerge != VMerge::Continue
        {
            for p in &c.paragraphs {
                let text = strip_number(&one_line(p)).trim().to_string();
                if !text.is_empty() {
                    let id = format!("{}.{}", task.number, task.measures.len() + 1);
                    measure_words.push((task.number as usize - 1, task.measures.len() as u32, row_words.clone()));
                    task.measures.push(Measure { id, text, ..Measure::default() });
                }
            }
        }
    }

    let mut resolve = |text: &str, task: u32, unmapped: &mut Vec<Unmapped>| -> Vec<String> {
        let (names, unknown) = known.resolve_list(text);
        let mut out: Vec<String> = names.iter().map(|n| n.text().to_string()).collect();
        for u in unknown {
            let name = strip_region(&u, &base.region);
            // `各县（市、区）`, `各乡镇`: a group word; its members are for the office to fill in.
            let is_group = name.starts_with('各') && known.unit(&name).is_none();
            if is_group && known.group(&name).is_none() {
                known.add_group(&name, Vec::new());
                groups.push(jz_core::plan::Group { name: name.clone(), members: Vec::new() });
                empty_groups.push(name.clone());
                unmapped.push(Unmapped {
                    text: u.clone(),
                    task,
                    message: format!("任务 {task} 中的“{u}”是原计划中没有的单位组，已作为单位组“{name}”加入，请在计划表“单位组”表中填写它的成员。"),
                });
            } else if !is_group && known.unit(&name).is_none() {
                known.add_unit(&name, &[]);
                units.push(Unit { name: name.clone(), group: "市直".into(), aliases: Vec::new() });
                new_units.push(name.clone());
                unmapped.push(Unmapped {
                    text: u.clone(),
                    task,
                    message: format!(
                        "任务 {task} 的责任单位“{u}”不是原计划中的单位、别名或单位组，已作为新单位“{name}”加入（分组暂按“市直”）。如果它是已有单位的另一种写法，请在计划表“责任单位”表中把它写为该单位的别名。"
                    ),
                });
            }
            let canonical = known.group(&name).or(known.unit(&name)).unwrap_or(&name).to_string();
            if !out.contains(&canonical) {
                out.push(canonical);
            }
        }
        out
    };
    for (t, m, [lead_text, support_text, due_text]) in measure_words {
        let Some(task) = tasks.get_mut(t) else { continue };
        let number = task.number;
        let Some(measure) = task.measures.get_mut(m as usize) else { continue };
        measure.lead = resolve(&lead_text, number, &mut unmapped);
        measure.support = resolve(&support_text, number, &mut unmapped);
        measure.due = due_text;
    }
    for (task, text) in tasks.iter_mut().zip(unit_texts) {
        let text = text.unwrap_or_default();
        task.responsible_text = text.clone();
        if text.is_empty() && task.measures.iter().any(|m| !m.lead.is_empty() || !m.support.is_empty()) {
            continue;
        }
        if text.is_empty() {
            let same = base.tasks.iter().find(|b| same_text(&b.title, &task.title));
            match same {
                Some(b) => {
                    task.responsible = b.responsible.clone();
                    task.assumption = b.assumption.clone();
                    if b.responsible_text.is_empty() && b.assumption.is_some() {
                        continue;
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
                None => unmapped.push(Unmapped {
                    text: String::new(),
                    task: task.number,
                    message: format!(
                        "任务 {} 的责任单位栏为空，原计划中也没有同名任务。请在计划表中为它填写责任单位。",
                        task.number
                    ),
                }),
            }
            continue;
        }
        task.responsible = resolve(&text, task.number, &mut unmapped);
        // With lead or supporting units on a measure, its 责任单位 is the row's own.
        for m in task.measures.iter_mut().filter(|m| !m.lead.is_empty() || !m.support.is_empty()) {
            m.responsible = task.responsible.clone();
        }
    }

    let mut plan = base.clone();
    plan.units = units;
    plan.groups = groups;
    // The title paragraph: 计划名称, its year range and the place it starts with.
    if let Some(title) = body_paragraphs(&xml, 12).into_iter().find(|p| is_title(p)) {
        if let Some((first, last)) = year_range(&title) {
            (plan.first_year, plan.last_year) = (first, last);
        }
        let region = jz_core::plan::place_of(&title);
        if !region.is_empty() && region != base.region {
            plan.region = region;
            plan.report_title = String::new();
        }
        plan.title = title;
    }
    plan.sections = sections;
    plan.tasks = tasks;
    let plan = plan.revalidated().map_err(|e| PlanFileError::one(format!("从文档读出的任务清单不完整：{e}")))?;
    Ok(Imported { plan, unmapped, new_units, empty_groups })
}

/// Spaces inside a section title (`四、 优化…`) come from typing, not from the text.
fn strip_spaces_inner(s: &str) -> String {
    let t = s.trim();
    match t.split_once('、') {
        Some((n, rest)) => format!("{n}、{}", rest.trim_start()),
        None => t.to_string(),
    }
}

/// Whether a paragraph is the plan's title (`…实施方案（2026—2030年）`).
fn is_title(p: &str) -> bool {
    let p = p.trim();
    p.chars().count() <= 80
        && (p.contains("方案") || p.contains("规划") || p.contains("计划"))
        && !p.starts_with("附件")
}

/// A year range in a title: `（2026—2030年）`, `2026-2030`, `2026年至2030年`.
fn year_range(title: &str) -> Option<(u16, u16)> {
    let t = fold_width(title);
    let mut years = Vec::new();
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let run: String = chars[i..].iter().take_while(|c| c.is_ascii_digit()).collect();
        if run.is_empty() {
            i += 1;
            continue;
        }
        if let Ok(y) = run.parse::<u16>()
            && run.len() == 4
            && (2000..=2100).contains(&y)
        {
            years.push(y);
        }
        i += run.len();
    }
    match years.as_slice() {
        [first, last, ..] if first <= last => Some((*first, *last)),
        _ => None,
    }
}

/// A name without the plan's place prefix (`焦作市科技局` → `科技局`).
fn strip_region(name: &str, region: &str) -> String {
    match name.strip_prefix(region) {
        Some(rest) if !region.is_empty() && !rest.is_empty() => rest.to_string(),
        _ => name.to_string(),
    }
}

/// Header words of the annex columns (contract §11), in [`Columns`] order: task,
/// measure, 责任单位, 牵头单位, 配合单位, 完成时限. A `序号` column is ignored.
const HEADER_WORDS: [&[&str]; 6] = [
    &["重点任务", "主要任务", "工作任务", "任务内容", "任务"],
    &["具体措施", "落实举措", "工作措施", "主要措施", "工作内容"],
    &["责任单位", "责任部门", "执行部门"],
    &["牵头单位", "牵头部门"],
    &["配合单位", "参与单位", "协办单位", "配合部门"],
    &["完成时限", "完成时间", "时间节点"],
];

/// The grid columns of an annex table.
struct Columns {
    task: u32,
    measure: u32,
    units: Option<u32>,
    lead: Option<u32>,
    support: Option<u32>,
    due: Option<u32>,
}

/// The columns when `row` is the annex header: a task column, a measure column and at
/// least one unit column, in any order.
fn header_columns(row: &[Cell]) -> Option<Columns> {
    let mut cols = [None; 6];
    let mut col = 0;
    for c in row {
        let key = label_key(&fold_width(&text_of(c)));
        if let Some(i) = HEADER_WORDS.iter().position(|words| words.contains(&key.as_str())) {
            cols[i].get_or_insert(col);
        }
        col += c.span;
    }
    let [task, measure, units, lead, support, due] = cols;
    if units.is_none() && lead.is_none() && support.is_none() {
        return None;
    }
    Some(Columns { task: task?, measure: measure?, units, lead, support, due })
}

fn grid_width(row: &[Cell]) -> u32 {
    row.iter().map(|c| c.span).sum()
}

/// The cell of `row` that starts at grid column `col`.
fn cell_at(row: &[Cell], col: u32) -> Option<&Cell> {
    let mut at = 0;
    for c in row {
        if at == col {
            return Some(c);
        }
        at += c.span;
    }
    None
}

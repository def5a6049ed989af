//! A plan without an annex table: its measures are the body paragraphs that end with
//! their units in brackets, `……（市场监管局、公安局负责）` or `……（责任单位：……）`, under
//! headings `一、` (sections) and `（一）` (tasks).

use std::collections::HashSet;

use jz_core::plan::Section;
use jz_core::{Measure, Task};

use super::task_table::{HEADER_WORDS, fill_blank_rows};
use super::text::{strip_number, years_in};
use super::xml::Paragraph;
use super::{Draft, Unmapped, Words};
use crate::plan_file::rows::{NUMERALS, numeral};

/// A paragraph that may be a measure, under its headings.
struct Item {
    section: (String, String),
    task: String,
    text: String,
    /// The units and deadline of its closing bracket; `None` for a numbered paragraph
    /// without one.
    words: Option<Words>,
}

/// Sections and tasks from the body paragraphs; `None` when no paragraph names units.
/// Only headings with a measure naming units under them become sections and tasks; a
/// numbered paragraph without units under such a task is a measure too, with the units
/// of its neighbours, and listed for review.
pub(super) fn read(paragraphs: &[Paragraph]) -> Option<Draft> {
    let items = items(paragraphs);
    // The headings that have a measure with its units under them (a set: a document may
    // hold tens of thousands of paragraphs).
    let headed: HashSet<(&(String, String), &String)> =
        items.iter().filter(|i| i.words.is_some()).map(|i| (&i.section, &i.task)).collect();
    let with_units = |i: &&Item| headed.contains(&(&i.section, &i.task));
    let mut draft = Draft::default();
    let mut section_of = Vec::new();
    for item in items.iter().filter(with_units) {
        let (number, title) = &item.section;
        if draft.sections.last().is_none_or(|s| s.number != *number || s.title != *title) {
            draft.sections.push(Section { number: number.clone(), title: title.clone() });
        }
        let new_section = draft.sections.len() - 1;
        if section_of.last() != Some(&new_section) || draft.tasks.last().is_none_or(|t| t.title != item.task) {
            let number = number.clone();
            draft.tasks.push(Task {
                number: draft.tasks.len() as u32 + 1,
                section: number,
                title: item.task.clone(),
                ..Task::default()
            });
            draft.words.push(Vec::new());
            section_of.push(new_section);
        }
        let (Some(task), Some(list)) = (draft.tasks.last_mut(), draft.words.last_mut()) else { continue };
        let id = format!("{}.{}", task.number, task.measures.len() + 1);
        if item.words.as_ref().is_none_or(Words::no_units) {
            draft.unmapped.push(Unmapped {
                text: item.text.clone(),
                task: task.number,
                message: format!("举措 {id} 的段末没有写明责任单位（“（……负责）”），已按同一任务中相邻举措的单位填写。请在计划表中核对。"),
            });
        }
        task.measures.push(Measure { id, text: sentence(&item.text), ..Measure::default() });
        list.push(item.words.clone().unwrap_or_default());
    }
    if draft.tasks.is_empty() {
        return None;
    }
    for words in &mut draft.words {
        fill_blank_rows(words, false);
    }
    renumber_if_repeated(&mut draft, &section_of);
    Some(draft)
}

/// The paragraphs that may be measures, with the headings above them. A heading is typed
/// (`一、`, `（一）`) or, with automatic numbering, a paragraph of heading style 1 or 2
/// (numbered here in order).
fn items(paragraphs: &[Paragraph]) -> Vec<Item> {
    let mut out = Vec::new();
    let mut section = (numeral(0), "重点任务".to_string());
    let mut task: Option<String> = None;
    let mut styled_sections = 0;
    for Paragraph { text: p, heading } in paragraphs {
        let Some((body, words)) = unit_suffix(p) else {
            if let Some(title) = task_heading(p).or_else(|| (*heading == Some(2)).then(|| first_sentence(p))) {
                task = Some(title);
            } else if let Some(heading) = section_heading(p).or_else(|| {
                (*heading == Some(1)).then(|| {
                    styled_sections += 1;
                    (numeral(styled_sections - 1), p.trim().trim_end_matches('。').to_string())
                })
            }) {
                section = heading;
                task = None;
            } else if let Some(task) = &task
                && strip_number(p) != p.trim()
            {
                let text = strip_number(p).trim().to_string();
                out.push(Item { section: section.clone(), task: task.clone(), text, words: None });
            }
            continue;
        };
        // A `（一）` paragraph with its own units is a task of one measure.
        let text = match task_heading(&body) {
            Some(title) => {
                task = Some(title);
                strip_number(&body).trim().to_string()
            }
            None => strip_number(&body).trim().to_string(),
        };
        let task_title = task.clone().unwrap_or_else(|| section.1.clone());
        out.push(Item { section: section.clone(), task: task_title, text, words: Some(words) });
    }
    out
}

/// Measures before the first `一、` heading have a section numbered 一 of their own: when
/// a heading numbered 一 follows, the sections are numbered in order instead
/// (`section_of[t]` is task `t`'s section index).
fn renumber_if_repeated(draft: &mut Draft, section_of: &[usize]) {
    let numbers: Vec<&str> = draft.sections.iter().map(|s| s.number.as_str()).collect();
    if (1..numbers.len()).all(|i| !numbers[..i].contains(&numbers[i])) {
        return;
    }
    for (i, section) in draft.sections.iter_mut().enumerate() {
        section.number = numeral(i);
    }
    for (task, &i) in draft.tasks.iter_mut().zip(section_of) {
        task.section = numeral(i);
    }
}

/// `一、总体要求` → (`一`, `总体要求`).
fn section_heading(p: &str) -> Option<(String, String)> {
    let (n, rest) = p.trim().split_once('、')?;
    (NUMERALS.contains(&n.trim()) && p.chars().count() <= 60)
        .then(|| (n.trim().to_string(), rest.trim().trim_end_matches('。').to_string()))
}

/// `（一）加强行政执法` (either bracket width) → `加强行政执法`; a heading that runs on
/// into its text (`（一）加强行政执法。严格落实……`) → its first sentence.
fn task_heading(p: &str) -> Option<String> {
    let t = p.trim_start();
    let rest = t.strip_prefix('（').or_else(|| t.strip_prefix('('))?;
    let (n, title) = rest.split_once(['）', ')'])?;
    NUMERALS.contains(&n.trim()).then(|| first_sentence(title))
}

/// The first sentence of a heading, as a title.
fn first_sentence(t: &str) -> String {
    t.split_once('。').map_or(t, |(a, _)| a).trim().to_string()
}

/// A measure's text ends as a sentence.
fn sentence(t: &str) -> String {
    let t = t.trim().trim_end_matches(['，', ',', '；', ';']);
    if t.ends_with(['。', '.', '！', '？']) { t.to_string() } else { format!("{t}。") }
}

/// Words that end a clause naming units, with the role they give, longest first.
const ROLE_ENDINGS: [(&str, Role); 10] = [
    ("按职责分工负责", Role::Responsible),
    ("按职责负责", Role::Responsible),
    ("分别负责", Role::Responsible),
    ("共同负责", Role::Responsible),
    ("负责", Role::Responsible),
    ("牵头", Role::Lead),
    ("配合", Role::Support),
    ("参与", Role::Support),
    ("协助", Role::Support),
    ("协同", Role::Support),
];

/// The role a label opening a clause gives (`责任单位：`, `完成时间：`): the annex
/// table's column words, in [`HEADER_WORDS`] order from 责任单位 on.
fn role_of_label(clause: &str) -> Option<(Role, &str)> {
    let roles = [Role::Responsible, Role::Lead, Role::Support, Role::Due];
    HEADER_WORDS[2..].iter().zip(roles).find_map(|(words, role)| {
        let rest = words.iter().find_map(|w| clause.strip_prefix(w))?;
        Some((role, rest.trim_start_matches([':', '：', ' '])))
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Responsible,
    Lead,
    Support,
    Due,
}

/// A paragraph's closing `（…负责）` or `（责任单位：…）`: the text before it and the units
/// and deadline it names. `None` when the paragraph does not end with units.
pub(super) fn unit_suffix(p: &str) -> Option<(String, Words)> {
    let t = p.trim().trim_end_matches(['。', '；', ';', '.']).trim_end();
    let close = t.chars().last().filter(|c| matches!(c, '）' | ')'))?;
    // The matching opening bracket (brackets nest: `各县（市、区）`).
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in t.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' => {
                depth -= 1;
                if depth == 0 {
                    open = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let open = open?;
    let inner = &t[open + open_len(t, open)..t.len() - close.len_utf8()];
    let words = clauses(inner)?;
    let body = t[..open].trim_end().to_string();
    (!body.is_empty()).then_some((body, words))
}

fn open_len(t: &str, at: usize) -> usize {
    t[at..].chars().next().map_or(1, char::len_utf8)
}

/// The units and deadline of a bracket's text, or `None` when it does not name units. A
/// clause without a label or a role word of its own continues the clause before it
/// (`牵头单位：A；配合单位：B，C`).
fn clauses(inner: &str) -> Option<Words> {
    let mut words = Words::default();
    let (mut roled, mut previous) = (false, None);
    for clause in split_outside_brackets(inner) {
        let clause = clause.trim();
        let (role, names) = if let Some((role, rest)) = role_of_label(clause) {
            (role, rest.to_string())
        } else if is_deadline(clause) {
            (Role::Due, clause.to_string())
        } else if let Some((ending, role)) = ROLE_ENDINGS.iter().find(|(e, _)| clause.ends_with(e)) {
            (*role, clause[..clause.len() - ending.len()].to_string())
        } else if let Some(role) = previous {
            (role, clause.to_string())
        } else {
            continue;
        };
        previous = Some(role);
        let slot = match role {
            Role::Responsible => &mut words.responsible,
            Role::Lead => &mut words.lead,
            Role::Support => &mut words.support,
            Role::Due => {
                words.due = clause_due(&names);
                continue;
            }
        };
        roled = true;
        let names = tidy_names(&names);
        if names.is_empty() {
            continue;
        }
        if !slot.is_empty() {
            slot.push('、');
        }
        slot.push_str(&names);
    }
    roled.then_some(words)
}

/// `2026年底前完成` → `2026年底前`.
fn clause_due(text: &str) -> String {
    text.trim().trim_end_matches("完成").to_string()
}

/// `2026年底前`, `长期坚持`, `每年`: a clause that is a deadline, not units.
fn is_deadline(clause: &str) -> bool {
    !years_in(clause).is_empty() || ["长期坚持", "持续推进", "每年", "长期"].contains(&clause.trim_end_matches("完成"))
}

/// Words that name nobody in particular (`有关单位负责`): no unit is made of them.
const NOBODY: [&str; 8] =
    ["有关单位", "有关部门", "相关单位", "相关部门", "各有关单位", "各有关部门", "各相关单位", "各相关部门"];

/// `科技局等部门` → `科技局`; `有关单位` alone names nobody.
fn tidy_names(names: &str) -> String {
    let mut t = names.trim().to_string();
    for tail in ["等有关部门", "等相关部门", "等有关单位", "等部门", "等单位"] {
        if let Some(rest) = t.strip_suffix(tail) {
            t = rest.to_string();
        }
    }
    let t = t.trim_matches(['，', ',', '、', ' ']);
    if NOBODY.contains(&t) { String::new() } else { t.to_string() }
}

/// Clauses separated by `，` `；` outside brackets.
fn split_outside_brackets(s: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth) = (Vec::new(), String::new(), 0usize);
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            '，' | ',' | '；' | ';' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(p: &str) -> Option<(String, [String; 4])> {
        unit_suffix(p).map(|(b, w)| (b, [w.responsible, w.lead, w.support, w.due]))
    }

    #[test]
    fn unit_endings_as_plans_write_them() {
        let s = |a: &str| a.to_string();
        assert_eq!(
            w("开展专项整治。（市场监管局、公安局负责）"),
            Some((s("开展专项整治。"), [s("市场监管局、公安局"), s(""), s(""), s("")]))
        );
        assert_eq!(
            w("建设数据平台（责任单位：市数据局、各县（市、区）政府）。"),
            Some((s("建设数据平台"), [s("市数据局、各县（市、区）政府"), s(""), s(""), s("")]))
        );
        assert_eq!(
            w("培育中心（市场监管局牵头，科技局等部门配合；2026年底前完成）"),
            Some((s("培育中心"), [s(""), s("市场监管局"), s("科技局"), s("2026年底前")]))
        );
        assert_eq!(
            w("建立机制（牵头单位：市场监管局；配合单位：市法院）"),
            Some((s("建立机制"), [s(""), s("市场监管局"), s("市法院"), s("")]))
        );
        assert_eq!(
            w("建立机制（牵头单位：市场监管局；配合单位：科技局，财政局）"),
            Some((s("建立机制"), [s(""), s("市场监管局"), s("科技局、财政局"), s("")])),
            "a clause without a label continues the one before"
        );
        assert_eq!(
            w("开展宣传（执行部门：市委宣传部；完成时间：2026年底）"),
            Some((s("开展宣传"), [s("市委宣传部"), s(""), s(""), s("2026年底")]))
        );
        assert_eq!(w("加强协作（各有关单位按职责分工负责）"), Some((s("加强协作"), [s(""), s(""), s(""), s("")])));
        assert_eq!(w("加强保护（包括专利、商标）"), None, "a bracket that names no units");
        assert_eq!(w("加强保护"), None);
    }

    fn draft(paragraphs: &[&str]) -> Draft {
        read(&paragraphs.iter().map(|p| Paragraph { text: p.to_string(), heading: None }).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn numbered_paragraphs_without_units_under_a_task_with_units_are_listed_measures() {
        let d = draft(&[
            "一、总体要求",
            "（一）主要目标",
            "1.创造质量显著提升。",
            "二、重点任务",
            "（一）加强行政执法。严格落实执法责任。",
            "１．开展宣传。",
            "2．建设平台（市场监管局负责）。",
        ]);
        let titles: Vec<&str> = d.tasks.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["加强行政执法"], "the goals are no task; a run-in heading's first sentence");
        let texts: Vec<&str> = d.tasks[0].measures.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(texts, ["开展宣传。", "建设平台。"]);
        assert_eq!(d.words[0][0].responsible, "市场监管局", "the neighbour's units");
        assert_eq!(d.unmapped.len(), 1);
        assert!(d.unmapped[0].message.starts_with("举措 1.1 的段末没有写明责任单位"), "{}", d.unmapped[0].message);
    }

    #[test]
    fn measures_before_the_first_heading_and_a_later_heading_one() {
        let d = draft(&["建设平台（市场监管局负责）。", "一、强化保护", "开展整治（公安局负责）。"]);
        let sections: Vec<(&str, &str)> = d.sections.iter().map(|s| (s.number.as_str(), s.title.as_str())).collect();
        assert_eq!(sections, [("一", "重点任务"), ("二", "强化保护")]);
        assert_eq!(d.tasks[1].section, "二");
    }

    #[test]
    fn headings() {
        assert_eq!(section_heading("二、强化知识产权保护"), Some(("二".into(), "强化知识产权保护".into())));
        assert_eq!(task_heading("(三)加强行政执法"), Some("加强行政执法".into()));
        assert_eq!(
            task_heading("（二）加强知识产权（专利）保护，提升水平"),
            Some("加强知识产权（专利）保护，提升水平".into())
        );
        assert_eq!(task_heading("(3)加强"), None);
    }
}

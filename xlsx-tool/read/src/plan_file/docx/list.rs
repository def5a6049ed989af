//! A plan without an annex table: its measures are the body paragraphs that end with
//! their units in brackets, `……（市场监管局、公安局负责）` or `……（责任单位：……）`, under
//! headings `一、` (sections) and `（一）` (tasks).

use jz_core::plan::Section;
use jz_core::text::fold_width;
use jz_core::{Measure, Task};

use super::text::{strip_number, years_in};
use super::{Draft, Words};
use crate::plan_file::rows::{NUMERALS, numeral};

/// Sections and tasks from the body paragraphs; `None` when no paragraph names units.
pub(super) fn read(paragraphs: &[String]) -> Option<Draft> {
    let mut draft = Draft::default();
    // The heading above, not yet a section or task of the plan (only headings with
    // measures under them become one).
    let mut section: Option<(String, String)> = None;
    let mut task_title: Option<String> = None;
    for p in paragraphs {
        let folded = fold_width(p);
        let Some((body, words)) = unit_suffix(p) else {
            if let Some(title) = task_heading(&folded) {
                task_title = Some(title);
            } else if let Some((n, title)) = section_heading(&folded) {
                section = Some((n, title));
                task_title = None;
            }
            continue;
        };
        // A `（一）` paragraph with its own units is a task of one measure.
        let own_task = task_heading(&fold_width(&body)).map(|t| first_sentence(&t));
        let text = match own_task {
            Some(_) => body.split_once(['）', ')']).map_or(body.as_str(), |(_, rest)| rest).trim().to_string(),
            None => strip_number(&body).trim().to_string(),
        };
        if own_task.is_some() {
            task_title = own_task;
        }
        let (number, title) = section.clone().unwrap_or_else(|| (numeral(0), "重点任务".to_string()));
        if draft.sections.last().is_none_or(|s| s.number != number || s.title != title) {
            draft.sections.push(Section { number: number.clone(), title: title.clone() });
        }
        let task_title = task_title.clone().unwrap_or(title);
        let new_task = own_task_started(&draft, &number, &task_title);
        if new_task {
            draft.tasks.push(Task {
                number: draft.tasks.len() as u32 + 1,
                section: number,
                title: task_title,
                ..Task::default()
            });
            draft.words.push(Vec::new());
        }
        let (Some(task), Some(list)) = (draft.tasks.last_mut(), draft.words.last_mut()) else { continue };
        let id = format!("{}.{}", task.number, task.measures.len() + 1);
        task.measures.push(Measure { id, text: sentence(&text), ..Measure::default() });
        list.push(words);
    }
    (!draft.tasks.is_empty()).then_some(draft)
}

/// Whether the measure belongs to a new task (another heading than the last task's).
fn own_task_started(draft: &Draft, section: &str, title: &str) -> bool {
    draft.tasks.last().is_none_or(|t| t.section != section || t.title != title)
}

/// `一、总体要求` → (`一`, `总体要求`).
fn section_heading(p: &str) -> Option<(String, String)> {
    let (n, rest) = p.split_once('、')?;
    (NUMERALS.contains(&n.trim()) && p.chars().count() <= 60)
        .then(|| (n.trim().to_string(), rest.trim().trim_end_matches('。').to_string()))
}

/// `（一）加强行政执法` → `加强行政执法` (folded: `(一)`).
fn task_heading(p: &str) -> Option<String> {
    let rest = p.trim_start().strip_prefix('(')?;
    let (n, title) = rest.split_once(')')?;
    NUMERALS.contains(&n.trim()).then(|| title.trim().trim_end_matches('。').to_string())
}

/// The first sentence of a task paragraph, as its title.
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

/// Labels that open a clause naming units (`责任单位：`).
const ROLE_LABELS: [(&str, Role); 8] = [
    ("责任单位", Role::Responsible),
    ("责任部门", Role::Responsible),
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("配合单位", Role::Support),
    ("配合部门", Role::Support),
    ("参与单位", Role::Support),
    ("完成时限", Role::Due),
];

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

/// The units and deadline of a bracket's text, or `None` when it does not name units.
fn clauses(inner: &str) -> Option<Words> {
    let mut words = Words::default();
    let mut named = false;
    for clause in split_outside_brackets(inner) {
        let clause = clause.trim();
        let labelled = ROLE_LABELS.iter().find_map(|(label, role)| {
            let rest = clause.strip_prefix(label)?.trim_start_matches([':', '：', ' ']);
            Some((*role, rest.to_string()))
        });
        let (role, names) = match labelled {
            Some(x) => x,
            None if is_deadline(clause) => (Role::Due, clause.to_string()),
            None => {
                let Some((ending, role)) = ROLE_ENDINGS.iter().find(|(e, _)| clause.ends_with(e)) else { continue };
                (*role, clause[..clause.len() - ending.len()].to_string())
            }
        };
        let names = tidy_names(&names);
        if names.is_empty() {
            continue;
        }
        let slot = match role {
            Role::Responsible => &mut words.responsible,
            Role::Lead => &mut words.lead,
            Role::Support => &mut words.support,
            Role::Due => {
                words.due = names.trim_end_matches("完成").to_string();
                continue;
            }
        };
        named = true;
        if !slot.is_empty() {
            slot.push('、');
        }
        slot.push_str(&names);
    }
    named.then_some(words)
}

/// `2026年底前`, `长期坚持`, `每年`: a clause that is a deadline, not units.
fn is_deadline(clause: &str) -> bool {
    !years_in(clause).is_empty() || ["长期坚持", "持续推进", "每年", "长期"].contains(&clause.trim_end_matches("完成"))
}

/// `科技局等部门` → `科技局`; `有关单位` and `相关部门` alone name nobody in particular.
fn tidy_names(names: &str) -> String {
    let mut t = names.trim().to_string();
    for tail in ["等有关部门", "等相关部门", "等有关单位", "等部门", "等单位"] {
        if let Some(rest) = t.strip_suffix(tail) {
            t = rest.to_string();
        }
    }
    t.trim_matches(['，', ',', '、', ' ']).to_string()
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
        assert_eq!(w("加强保护（包括专利、商标）"), None, "a bracket that names no units");
        assert_eq!(w("加强保护"), None);
    }

    #[test]
    fn headings() {
        assert_eq!(section_heading("二、强化知识产权保护"), Some(("二".into(), "强化知识产权保护".into())));
        assert_eq!(task_heading("(三)加强行政执法"), Some("加强行政执法".into()));
        assert_eq!(task_heading("(3)加强"), None);
    }
}

//! The annex task table (contract §11): a header with a task column, a measure column
//! and unit columns in any order, section rows spanning the table, task and unit cells
//! merged down or left blank below a task's first row, several measures per cell as
//! paragraphs or one measure per row.

use jz_core::plan::Section;
use jz_core::text::{fold_width, label_key};
use jz_core::{Measure, Task};

use super::text::{one_line, strip_number, strip_spaces_inner, text_of};
use super::xml::{Cell, Table, VMerge};
use super::{Draft, Words};
use crate::plan_file::rows::{numeral, split_section};

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

/// The grid columns of an annex table; the unit and deadline columns in [`Words`] order.
struct Columns {
    task: u32,
    measure: u32,
    /// 责任单位, 牵头单位, 配合单位, 完成时限.
    words: [Option<u32>; 4],
}

/// The first table of `tables` with an annex header, as sections and tasks.
pub(super) fn read(tables: &[Table]) -> Option<Draft> {
    let (table, header, cols) = tables
        .iter()
        .find_map(|t| t.iter().enumerate().find_map(|(i, row)| header_columns(row).map(|cols| (t, i, cols))))?;
    let width = grid_width(&table[header]);
    let mut draft = Draft::default();
    // The unit and deadline cells of the row above (a cell merged down keeps its text).
    let mut above = Words::default();
    for row in &table[header + 1..] {
        let at = |col: u32| cell_at(row, col);
        let filled: Vec<&Cell> = row.iter().filter(|c| !text_of(c).is_empty()).collect();
        let spans_all = row.len() == 1 && row[0].span >= width.saturating_sub(1).max(2);
        let numbered = filled.len() == 1 && split_section(&text_of(filled[0])).0.is_some();
        if (spans_all || numbered || (filled.len() == 1 && filled[0].span >= 2)) && !filled.is_empty() {
            let (number, title) = split_section(&strip_spaces_inner(&text_of(filled[0])));
            let number = number.unwrap_or_else(|| numeral(draft.sections.len()));
            draft.sections.push(Section { number, title });
            continue;
        }
        if let Some(c) = at(cols.task)
            && c.vmerge != VMerge::Continue
            && !text_of(c).is_empty()
            && let Some(section) = draft.sections.last()
        {
            let title = strip_number(&text_of(c)).trim_end_matches(['。', '.']).trim().to_string();
            draft.tasks.push(Task {
                number: draft.tasks.len() as u32 + 1,
                section: section.number.clone(),
                title,
                ..Task::default()
            });
            draft.words.push(Vec::new());
        }
        let (Some(task), Some(words)) = (draft.tasks.last_mut(), draft.words.last_mut()) else { continue };
        let row_words = row_words(&cols, &at, &above);
        above = row_words.clone();
        if let Some(c) = at(cols.measure)
            && c.vmerge != VMerge::Continue
        {
            for p in &c.paragraphs {
                let text = strip_number(&one_line(p)).trim().to_string();
                if !text.is_empty() {
                    let id = format!("{}.{}", task.number, task.measures.len() + 1);
                    task.measures.push(Measure { id, text, ..Measure::default() });
                    words.push(row_words.clone());
                }
            }
        }
    }
    for words in &mut draft.words {
        fill_blank_rows(words);
    }
    Some(draft)
}

/// A row's units and deadline as written: a cell merged down has the text above, a
/// blank cell of its own is blank (filled in by [`fill_blank_rows`]).
fn row_words<'r>(cols: &Columns, at: &impl Fn(u32) -> Option<&'r Cell>, above: &Words) -> Words {
    let mut texts: [String; 4] = Default::default();
    let above_texts = [&above.responsible, &above.lead, &above.support, &above.due];
    for (k, col) in cols.words.iter().enumerate() {
        texts[k] = match col.and_then(at) {
            Some(c) if c.vmerge == VMerge::Continue => above_texts[k].clone(),
            Some(c) => text_of(c),
            None => String::new(),
        };
    }
    let [responsible, lead, support, due] = texts;
    Words { responsible, lead, support, due }
}

/// Inside a task, a row without units has the units of the row above, and rows before
/// the first row with units have that row's (a unit cell written once, in the middle of
/// the task's rows, as tables centre it); the same for 完成时限.
fn fill_blank_rows(words: &mut [Words]) {
    let no_units = |w: &Words| w.responsible.is_empty() && w.lead.is_empty() && w.support.is_empty();
    let pass = |words: &mut [Words], order: &mut dyn Iterator<Item = usize>| {
        let mut last: Option<Words> = None;
        for i in order {
            let w = &mut words[i];
            if let Some(l) = &last {
                if no_units(w) {
                    (w.responsible, w.lead, w.support) = (l.responsible.clone(), l.lead.clone(), l.support.clone());
                }
                if w.due.is_empty() {
                    w.due = l.due.clone();
                }
            }
            if !no_units(w) || !w.due.is_empty() {
                last = Some(w.clone());
            }
        }
    };
    let n = words.len();
    pass(words, &mut (0..n));
    pass(words, &mut (0..n).rev());
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
    Some(Columns { task: task?, measure: measure?, words: [units, lead, support, due] })
}

pub(super) fn grid_width(row: &[Cell]) -> u32 {
    row.iter().map(|c| c.span).sum()
}

/// The cell of `row` that starts at grid column `col`.
pub(super) fn cell_at(row: &[Cell], col: u32) -> Option<&Cell> {
    let mut at = 0;
    for c in row {
        if at == col {
            return Some(c);
        }
        at += c.span;
    }
    None
}

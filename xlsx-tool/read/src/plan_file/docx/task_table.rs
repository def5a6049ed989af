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
pub(super) const HEADER_WORDS: [&[&str]; 6] = [
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
    let (table, header, (cols, header_rows)) = tables.iter().find_map(|t| {
        t.iter().enumerate().find_map(|(i, row)| header_columns(row, t.get(i + 1)).map(|cols| (t, i, cols)))
    })?;
    let width = grid_width(&table[header]);
    let mut draft = Draft::default();
    // The unit and deadline cells of the row above (a cell merged down keeps its text).
    let mut above = Words::default();
    for row in &table[header + header_rows..] {
        let at = |col: u32| cell_at(row, col);
        // The header repeated on a later page (pasted tables keep it): not a task.
        if header_columns(row, None).is_some() {
            continue;
        }
        let filled: Vec<&Cell> = row.iter().filter(|c| !text_of(c).is_empty()).collect();
        let first_col = row.iter().take_while(|c| text_of(c).is_empty()).map(|c| c.span).sum::<u32>();
        let spans_all = row.len() == 1 && row[0].span >= width.saturating_sub(1).max(2);
        let numbered = filled.len() == 1 && split_section(&text_of(filled[0])).0.is_some();
        let wide_first = filled.len() == 1 && filled[0].span >= 2 && first_col == 0;
        if (spans_all || numbered || wide_first) && !filled.is_empty() {
            let (number, title) = split_section(&strip_spaces_inner(&text_of(filled[0])));
            let number = number.unwrap_or_else(|| numeral(draft.sections.len()));
            draft.sections.push(Section { number, title });
            continue;
        }
        if let Some(c) = at(cols.task)
            && c.vmerge != VMerge::Continue
            && !text_of(c).is_empty()
        {
            // A table without section rows: its tasks make one section.
            if draft.sections.is_empty() {
                draft.sections.push(Section { number: numeral(0), title: "重点任务".into() });
            }
            let section = &draft.sections[draft.sections.len() - 1];
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
        fill_blank_rows(words, true);
    }
    (!draft.tasks.is_empty()).then_some(draft)
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
/// the task's rows, as tables centre it). With `carry_due`, a blank 完成时限 is the row
/// above's (never the row below's: a deadline is not moved up to an earlier measure).
pub(super) fn fill_blank_rows(words: &mut [Words], carry_due: bool) {
    let no_units = Words::no_units;
    let pass = |words: &mut [Words], order: &mut dyn Iterator<Item = usize>, due: bool| {
        let mut last: Option<Words> = None;
        for i in order {
            let w = &mut words[i];
            if let Some(l) = &last {
                if no_units(w) {
                    (w.responsible, w.lead, w.support) = (l.responsible.clone(), l.lead.clone(), l.support.clone());
                }
                if due && w.due.is_empty() {
                    w.due = l.due.clone();
                }
            }
            if !no_units(w) || !w.due.is_empty() {
                last = Some(w.clone());
            }
        }
    };
    let n = words.len();
    pass(words, &mut (0..n), carry_due);
    pass(words, &mut (0..n).rev(), false);
}

/// The columns when `row` is the annex header (a task column, a measure column and at
/// least one unit column, in any order), and how many rows the header takes: a header
/// cell spanning columns (`责任单位` over `牵头单位 | 配合单位`) takes its labels from the
/// row below.
fn header_columns(row: &[Cell], next: Option<&Vec<Cell>>) -> Option<(Columns, usize)> {
    let top = labels(row);
    if let Some(next) = next {
        let below = labels(next);
        let spanned = |col: u32| top.iter().any(|(c, span, _)| *span > 1 && (*c..c + span).contains(&col));
        if below.iter().any(|(c, _, key)| spanned(*c) && word_index(key).is_some()) {
            let mut both: Vec<(u32, u32, String)> = top.iter().filter(|(_, span, _)| *span == 1).cloned().collect();
            both.extend(below.into_iter().filter(|(c, _, _)| spanned(*c)));
            return columns(&both).map(|c| (c, 2));
        }
    }
    columns(&top).map(|c| (c, 1))
}

/// Each cell's grid column, span and label key.
fn labels(row: &[Cell]) -> Vec<(u32, u32, String)> {
    let mut col = 0;
    row.iter()
        .map(|c| {
            let at = col;
            col += c.span;
            (at, c.span, label_key(&fold_width(&text_of(c))))
        })
        .collect()
}

/// Which of [`HEADER_WORDS`] a label is.
fn word_index(key: &str) -> Option<usize> {
    HEADER_WORDS.iter().position(|words| words.contains(&key))
}

fn columns(labels: &[(u32, u32, String)]) -> Option<Columns> {
    let mut cols = [None; 6];
    for (col, _, key) in labels {
        if let Some(i) = word_index(key) {
            cols[i].get_or_insert(*col);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, span: u32) -> Cell {
        Cell { paragraphs: vec![text.to_string()], span, vmerge: VMerge::None }
    }

    fn row(texts: &[&str]) -> Vec<Cell> {
        texts.iter().map(|t| cell(t, 1)).collect()
    }

    fn units(d: &Draft) -> Vec<(String, String, String)> {
        d.words.iter().flatten().map(|w| (w.responsible.clone(), w.lead.clone(), w.support.clone())).collect()
    }

    #[test]
    fn a_two_row_header_gives_lead_and_supporting_columns() {
        let table = vec![
            vec![cell("重点任务", 1), cell("具体措施", 1), cell("责任分工", 2)],
            row(&["", "", "牵头单位", "配合单位"]),
            row(&["培育高价值专利", "建设培育中心。", "市场监管局", "科技局"]),
        ];
        let d = read(&[table]).unwrap();
        assert_eq!(units(&d), [(String::new(), "市场监管局".into(), "科技局".into())]);
        assert_eq!(d.sections[0].title, "重点任务", "no section rows: one section");
    }

    #[test]
    fn repeated_headers_and_wide_measure_cells() {
        let table = vec![
            vec![cell("重点任务", 1), cell("具体措施", 2), cell("责任单位", 1)],
            vec![cell("一、强化保护", 4)],
            vec![cell("加强执法", 1), cell("开展专项整治。", 2), cell("市场监管局", 1)],
            vec![cell("重点任务", 1), cell("具体措施", 2), cell("责任单位", 1)],
            vec![cell("", 1), cell("开展试点。", 2), cell("", 1)],
        ];
        let d = read(&[table]).unwrap();
        let measures: Vec<&str> = d.tasks.iter().flat_map(|t| t.measures.iter().map(|m| m.text.as_str())).collect();
        assert_eq!(measures, ["开展专项整治。", "开展试点。"], "a measure cell spanning two columns is no section");
        assert_eq!(d.sections.len(), 1);
        assert_eq!(units(&d)[1].0, "市场监管局", "a blank unit cell is the row above's");
    }

    #[test]
    fn a_deadline_is_never_moved_up() {
        let mut words = vec![
            Words { responsible: "市场监管局".into(), ..Words::default() },
            Words { due: "2026年底前".into(), ..Words::default() },
        ];
        fill_blank_rows(&mut words, true);
        assert_eq!((words[0].due.as_str(), words[1].responsible.as_str()), ("", "市场监管局"));
    }
}

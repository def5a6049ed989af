//! The `任务清单` and `量化指标` sheets of a plan workbook, row by row.

use jz_core::text::fold_width;
use jz_core::{Aggregation, CellValue, Indicator, IndicatorKind, Measure, Task, plan::Section};

use super::PlanProblem;
use super::names::Names;
use super::suggest::hint;
use super::table::{MetaTask, Table};
use super::{aggregation_label, kind_label};

/// Column indexes of `任务清单` (see [`super::TASK_COLUMNS`]).
const SECTION: usize = 0;
const TASK_NO: usize = 1;
const TASK_TEXT: usize = 2;
const MEASURE_NO: usize = 3;
const MEASURE_TEXT: usize = 4;
const UNITS: usize = 5;
const LEAD: usize = 6;
const SUPPORT: usize = 7;
const DUE: usize = 8;

/// A measure row's units as written: (责任单位, 牵头单位, 配合单位) names and 完成时限.
pub(crate) type RowUnits = (Vec<String>, Vec<String>, Vec<String>, String);

/// Chinese numerals for section numbers.
pub(crate) const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
    "十八", "十九", "二十",
];

/// `一、标题` → (Some("一"), "标题"); `标题` → (None, "标题").
pub(crate) fn split_section(text: &str) -> (Option<String>, String) {
    let t = text.trim();
    if let Some((num, rest)) = t.split_once(['、', '.', '．'])
        && NUMERALS.contains(&num.trim())
    {
        return (Some(num.trim().to_string()), rest.trim().to_string());
    }
    (None, t.to_string())
}

/// The number a section gets from its position when the sheet does not write one.
pub(crate) fn numeral(i: usize) -> String {
    NUMERALS.get(i).map_or_else(|| (i + 1).to_string(), |s| s.to_string())
}

/// An integer as people type it: `3`, `3.0`, `３`, `任务3`, `3.`.
fn integer(v: &CellValue) -> Option<u32> {
    match v {
        CellValue::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e6 => Some(*n as u32),
        CellValue::Text(t) => {
            let t = fold_width(t);
            let t = t.trim().trim_start_matches("任务").trim_end_matches(['.', '、']).trim();
            t.parse().ok()
        }
        _ => None,
    }
}

/// Resolves a 责任单位 / 填报单位 cell; unknown names are problems.
fn units_of(t: &Table<'_>, r: u32, col: usize, known: &Names, p: &mut Vec<PlanProblem>, what: &str) -> Vec<String> {
    let (names, unknown) = known.resolve_list(&t.text(r, col));
    for u in unknown {
        p.push(t.problem(r, col, format!("{what}“{u}”不在责任单位表中，{}", known.hint(&u, false))));
    }
    names.iter().map(|n| n.text().to_string()).collect::<Vec<_>>()
}

/// Reads `任务清单`: sections, tasks and measures.
pub(crate) fn read_tasks(
    t: &Table<'_>,
    known: &Names,
    meta: &[MetaTask],
    p: &mut Vec<PlanProblem>,
) -> (Vec<Section>, Vec<Task>) {
    let mut sections: Vec<Section> = Vec::new();
    let mut tasks: Vec<Task> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    // Per task, per measure: the units as written (a blank row means those of the row above).
    let mut written: Vec<Vec<RowUnits>> = Vec::new();
    for r in t.rows() {
        let section = t.text(r, SECTION);
        if !section.is_empty() {
            let (number, title) = split_section(&section);
            if sections.last().is_none_or(|s| s.title != title) {
                let number = number.unwrap_or_else(|| numeral(sections.len()));
                sections.push(Section { number, title });
            }
        }
        let task_no = t.value(r, TASK_NO);
        let content = t.text(r, TASK_TEXT);
        let given = [UNITS, LEAD, SUPPORT].iter().any(|&c| !t.text(r, c).is_empty());
        let starts = !task_no.is_blank() && integer(task_no) != tasks.last().map(|t| t.number);
        if starts {
            let expected = tasks.len() as u32 + 1;
            match integer(task_no) {
                Some(n) if n == expected => {}
                Some(n) => p.push(t.problem(
                    r,
                    TASK_NO,
                    format!("任务编号应为 {expected}（任务按 1、2、3……连续编号），这里是 {n}。"),
                )),
                None => p.push(t.problem(
                    r,
                    TASK_NO,
                    format!("任务编号“{}”不是数字，应为 {expected}。", task_no.as_text().trim()),
                )),
            }
            let Some(sec) = sections.last() else {
                p.push(t.problem(
                    r,
                    SECTION,
                    "第一个任务所在行缺少“部分”（附件中的部分标题，如“持续强化顶层设计，……”）。",
                ));
                return (sections, tasks);
            };
            if content.is_empty() {
                p.push(t.problem(r, TASK_TEXT, format!("任务 {expected} 缺少任务内容，请在任务的第一行写任务内容。")));
            }
            // Checked below with the row's other unit cells.
            let responsible: Vec<String> =
                known.resolve_list(&t.text(r, UNITS)).0.iter().map(|n| n.text().to_string()).collect();
            if !given {
                p.push(t.problem(
                    r,
                    UNITS,
                    format!("任务 {expected} 没有填写责任单位。请在任务的第一行写责任单位（或牵头单位、配合单位），多个单位用“、”隔开，如：市场监管局、各县区。"),
                ));
            }
            written.push(Vec::new());
            let joined = responsible.join("、");
            let kept = meta.iter().find(|(title, units, _, _)| *title == content && *units == joined);
            tasks.push(Task {
                number: expected,
                section: sec.number.clone(),
                title: content,
                responsible_text: kept.map_or_else(|| joined.clone(), |m| m.2.clone()),
                responsible,
                assumption: kept.and_then(|m| (!m.3.is_empty()).then(|| m.3.clone())),
                measures: Vec::new(),
                units: Vec::new(),
            });
        } else if let Some(task) = tasks.last() {
            if !content.is_empty() && content != task.title {
                p.push(t.problem(
                    r,
                    TASK_TEXT,
                    format!("同一任务的任务内容只写在第一行；这里与任务 {} 第一行的不同。如果这是一个新任务，请填写任务编号 {}。", task.number, task.number + 1),
                ));
            }
        } else {
            p.push(t.problem(r, TASK_NO, "第一条举措所在行缺少任务编号，请填写 1。"));
            continue;
        }
        let Some(task) = tasks.last_mut() else { continue };
        let Some(rows) = written.last_mut() else { continue };
        // Units may differ from one measure to the next; a blank row is the row above.
        let due = t.text(r, DUE);
        let units = match rows.last() {
            Some(above) if !given => {
                (above.0.clone(), above.1.clone(), above.2.clone(), if due.is_empty() { above.3.clone() } else { due })
            }
            _ => (
                units_of(t, r, UNITS, known, p, "责任单位"),
                units_of(t, r, LEAD, known, p, "牵头单位"),
                units_of(t, r, SUPPORT, known, p, "配合单位"),
                if due.is_empty() { rows.last().map(|a| a.3.clone()).unwrap_or_default() } else { due },
            ),
        };
        rows.push(units);
        let want = format!("{}.{}", task.number, task.measures.len() + 1);
        let id_cell = t.value(r, MEASURE_NO);
        let id = match id_cell {
            CellValue::Number(n) if want.parse::<f64>() == Ok(*n) => want.clone(),
            v => fold_width(&v.as_text()).trim().to_string(),
        };
        let at = t.at(r, MEASURE_NO);
        if let Some((_, first)) = seen.iter().find(|(i, _)| !id.is_empty() && *i == id) {
            p.push(t.problem(r, MEASURE_NO, format!("举措编号 {id} 重复（{first} 已使用），这里应为 {want}。")));
        } else if !id.is_empty() && id != want {
            p.push(t.problem(
                r,
                MEASURE_NO,
                format!("举措编号应为“{want}”（任务 {} 的第 {} 条举措），这里是“{id}”。举措编号由任务编号和顺序号组成，同一任务内从 1 起连续编号。", task.number, task.measures.len() + 1),
            ));
        }
        seen.push((if id.is_empty() { want.clone() } else { id }, at));
        let text = t.text(r, MEASURE_TEXT);
        if text.is_empty() {
            p.push(t.problem(r, MEASURE_TEXT, "落实举措为空。每行写一条举措的原文；如要删除这条举措，请删除整行。"));
        }
        task.measures.push(Measure { id: want, text, ..Measure::default() });
    }
    if tasks.is_empty() {
        p.push(jz_core_problem(t, "任务清单中没有任何举措。"));
    }
    for (task, rows) in tasks.iter_mut().zip(written) {
        settle_units(task, rows);
    }
    (sections, tasks)
}

/// A task's 责任单位 is its first row's; a measure whose units differ from it, or that
/// names lead or supporting units, carries its own.
pub(crate) fn settle_units(task: &mut Task, rows: Vec<RowUnits>) {
    for (m, (responsible, lead, support, due)) in task.measures.iter_mut().zip(rows) {
        m.due = due;
        if !(lead.is_empty() && support.is_empty() && responsible == task.responsible) {
            m.responsible = responsible;
            m.lead = lead;
            m.support = support;
        }
    }
}

fn jz_core_problem(t: &Table<'_>, message: &str) -> PlanProblem {
    PlanProblem::error(&t.grid.name, "", message)
}

/// Reads `量化指标`.
pub(crate) fn read_indicators(t: &Table<'_>, known: &Names, p: &mut Vec<PlanProblem>) -> Vec<Indicator> {
    let kinds = [IndicatorKind::Flow, IndicatorKind::Stock, IndicatorKind::Annual];
    let aggregations = [Aggregation::Sum, Aggregation::Single];
    let mut out: Vec<Indicator> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for r in t.rows() {
        let id = fold_width(&t.text(r, 0)).to_uppercase();
        if id.is_empty() {
            p.push(t.problem(r, 0, "指标编号为空。请填写编号，如 I27。"));
        } else if let Some((_, first)) = seen.iter().find(|(i, _)| *i == id) {
            p.push(t.problem(r, 0, format!("指标编号 {id} 重复（{first} 已使用）。每个指标的编号不能相同。")));
        }
        seen.push((id.clone(), t.at(r, 0)));
        let name = t.text(r, 1);
        if name.is_empty() {
            p.push(t.problem(r, 1, "指标名称为空。"));
        }
        let target = match t.value(r, 2) {
            CellValue::Number(n) => Some(*n),
            v => fold_width(&v.as_text()).replace([',', ' '], "").parse::<f64>().ok(),
        };
        let target_text = t.text(r, 2);
        match target {
            Some(n) if n.is_finite() && n > 0.0 => {}
            Some(n) if n.is_finite() => {
                p.push(t.problem(r, 2, format!("目标值 {target_text} 不是正数。目标值必须大于 0，请只填数字。")))
            }
            _ if target_text.is_empty() => p.push(t.problem(r, 2, "目标值为空。请只填数字（不带单位），如 30000。")),
            _ => p.push(t.problem(r, 2, format!("目标值“{target_text}”不是数字。请只填数字（不带单位），如 30000。"))),
        }
        let unit = t.text(r, 3);
        if unit.is_empty() {
            p.push(t.problem(r, 3, "计量单位为空。请填写，如 件、个、家、亿元。"));
        }
        let kind_text = t.text(r, 4);
        let kind = kinds
            .iter()
            .copied()
            .find(|k| kind_text == kind_label(*k) || kind_text.eq_ignore_ascii_case(&format!("{k:?}")));
        if kind.is_none() && kind_text.is_empty() {
            let [a, b, c] = kinds.map(kind_label);
            p.push(t.problem(r, 4, format!("类型为空。请选择{a}、{b}或{c}（见“填写说明”表）。")));
        } else if kind.is_none() {
            let labels = kinds.map(kind_label);
            let c: Vec<(&str, &str)> = labels.iter().map(|l| (*l, *l)).collect();
            p.push(t.problem(r, 4, format!("类型“{kind_text}”不是可选的值，{}", hint(&kind_text, &c, &labels))));
        }
        let agg_text = t.text(r, 5);
        let aggregation = aggregations.iter().copied().find(|a| {
            agg_text == aggregation_label(*a)
                || agg_text == a.label()
                || agg_text.eq_ignore_ascii_case(&format!("{a:?}"))
        });
        if aggregation.is_none() {
            let labels = aggregations.map(aggregation_label);
            let c: Vec<(&str, &str)> = labels.iter().map(|l| (*l, *l)).collect();
            p.push(t.problem(r, 5, format!("汇总方式“{agg_text}”不是可选的值，{}", hint(&agg_text, &c, &labels))));
        }
        let reporters = units_of(t, r, 6, known, p, "填报单位");
        if t.text(r, 6).is_empty() {
            p.push(t.problem(r, 6, "填报单位为空。请写“责任单位”表中的单位名称或“单位组”表中的组名，多个用“、”隔开。"));
        }
        let note = t.text(r, 9);
        let (base_year, base_value, attribute) = baseline(t, r, p);
        out.push(Indicator {
            id,
            name,
            target: target.unwrap_or(1.0),
            unit,
            kind: kind.unwrap_or(IndicatorKind::Flow),
            aggregation: aggregation.unwrap_or(Aggregation::Sum),
            reporters,
            source: t.text(r, 8),
            description: t.text(r, 7),
            note: (!note.is_empty()).then_some(note),
            reporter_units: Vec::new(),
            base_year,
            base_value,
            attribute,
            to_fill: Default::default(),
        });
    }
    out
}

/// 基期年度, 基期值 and 属性 of an indicator row (all optional; a year without a value or
/// a value without a year is a problem at the empty cell).
fn baseline(t: &Table<'_>, r: u32, p: &mut Vec<PlanProblem>) -> (Option<u16>, Option<f64>, String) {
    let (year_text, value_text, attribute) = (t.text(r, 10), t.text(r, 11), t.text(r, 12));
    let year = match t.value(r, 10) {
        CellValue::Number(n) if n.fract() == 0.0 && (2000.0..=2100.0).contains(n) => Some(*n as u16),
        _ => fold_width(&year_text).trim_end_matches('年').parse::<u16>().ok().filter(|y| (2000..=2100).contains(y)),
    };
    if !year_text.is_empty() && year.is_none() {
        p.push(t.problem(r, 10, format!("基期年度“{year_text}”不是年份，请写四位数的年份，如 2025。")));
    }
    let value = match t.value(r, 11) {
        CellValue::Number(n) if n.is_finite() => Some(*n),
        v => fold_width(&v.as_text()).replace([',', ' '], "").parse::<f64>().ok().filter(|n| n.is_finite()),
    };
    if !value_text.is_empty() && value.is_none() {
        p.push(t.problem(r, 11, format!("基期值“{value_text}”不是数字。请只填数字（不带单位）。")));
    }
    if year.is_some() && value_text.is_empty() {
        p.push(t.problem(r, 11, "写了基期年度，但基期值为空。请填写基期值（只填数字），或清空基期年度。"));
    }
    if value.is_some() && year_text.is_empty() {
        p.push(t.problem(r, 10, "写了基期值，但基期年度为空。请填写基期年度，如 2025。"));
    }
    if !attribute.is_empty() && !super::ATTRIBUTES.contains(&attribute.as_str()) {
        let c: Vec<(&str, &str)> = super::ATTRIBUTES.iter().map(|a| (*a, *a)).collect();
        p.push(t.problem(
            r,
            12,
            format!("属性“{attribute}”不是可选的值，{}", hint(&attribute, &c, &super::ATTRIBUTES)),
        ));
    }
    (year, value, attribute)
}

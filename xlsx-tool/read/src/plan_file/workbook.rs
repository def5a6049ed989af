//! Reading a plan workbook (contract §9) as tolerantly as a unit's workbook: sheets by
//! name, else by their header labels; the header row by its labels; columns by label in
//! any order; merged cells. Every problem is collected at its cell (all of them, not just
//! the first) with the closest valid value; the plan is built only when there is none.

use jz_core::date::MonthDay;
use jz_core::plan::{Group, Unit};
use jz_core::{CellRef, CellValue, Plan};

use super::names::Names;
use super::rows::{read_indicators, read_tasks};
use super::suggest::split_names;
use super::table::{MetaTask, Table};
use super::{
    GROUP_COLUMNS, GROUP_SHEET, INDICATOR_COLUMNS, INDICATOR_REQUIRED, INDICATOR_SHEET, INFO_LABELS, INFO_REQUIRED,
    INFO_SHEET, NOTE_SHEET, PlanProblem, TASK_COLUMNS, TASK_REQUIRED, TASK_SHEET, UNIT_COLUMNS, UNIT_SHEET,
};
use crate::grid::Grid;
use crate::limits::{Limits, not_a_workbook};
use crate::open::{Opened, open_workbook};
use crate::unit_workbook::layout::{HEADER_SEARCH_ROWS, canonical, find_header};

/// Reads a plan workbook through the guarded entry ([`crate::open`]); `Err` lists every
/// problem.
pub(crate) fn read_plan(bytes: &[u8], file_name: &str, limits: &Limits) -> Result<Plan, Vec<PlanProblem>> {
    let whole = |d: jz_core::Diagnostic| vec![PlanProblem::error("", "", d.message)];
    let read = |_, opened: Opened<'_>| match opened {
        Opened::Book(mut sheets) => {
            let names = sheets.names().to_vec();
            let grids = names.iter().map(|name| sheets.read(name)).collect::<Result<Vec<_>, _>>()?;
            Ok(read_grids(&grids))
        }
        Opened::Csv(_) => Err(not_a_workbook()),
    };
    match open_workbook(bytes, file_name, limits, read) {
        Ok(result) => result,
        Err(refused) => Err(whole(refused.diagnostic)),
    }
}

/// The plan from the sheets of its workbook.
fn read_grids(grids: &[Grid]) -> Result<Plan, Vec<PlanProblem>> {
    let mut p = Vec::new();
    let meta = grids.iter().find(|g| g.name.trim().eq_ignore_ascii_case(jz_core::sheets::META));
    let sheets: Vec<&Grid> =
        grids.iter().filter(|g| !g.name.trim().eq_ignore_ascii_case(jz_core::sheets::META)).collect();

    let info = find_info(&sheets);
    let tasks = find_table(&sheets, TASK_SHEET, &TASK_COLUMNS, &["任务编号", "落实举措"], TASK_REQUIRED, &mut p);
    if let Some(t) = &tasks
        && t.cols[5..8].iter().all(Option::is_none)
    {
        p.push(PlanProblem::error(
            &t.grid.name,
            "",
            "任务清单的表头缺少“责任单位”列（或“牵头单位”“配合单位”列）。请把这一列（连同表头）补回来。",
        ));
    }
    let units = find_table(&sheets, UNIT_SHEET, &UNIT_COLUMNS, &["单位名称", "分组"], 2, &mut p);
    let groups = find_table(&sheets, GROUP_SHEET, &GROUP_COLUMNS, &["组名", "成员"], 2, &mut p);
    let indicators = find_table(
        &sheets,
        INDICATOR_SHEET,
        &INDICATOR_COLUMNS,
        &["指标编号", "目标值", "类型"],
        INDICATOR_REQUIRED,
        &mut p,
    );
    let notes = sheets.iter().find(|g| g.name.trim() == NOTE_SHEET);
    if info.is_none() {
        p.push(missing_sheet(INFO_SHEET, "计划编号、计划名称、起始年度、截止年度、报送截止日期"));
    }
    let (Some(info), Some(tasks), Some(units), Some(groups), Some(indicators)) =
        (info, tasks, units, groups, indicators)
    else {
        return Err(p);
    };

    let mut plan = Plan::builtin();
    let collector_at = read_info(info, &mut plan, &mut p);
    let mut known = Names::new(&plan.region);
    plan.units = read_units(&units, &mut known, &mut p);
    if !plan.collector.is_empty() && known.unit(&plan.collector).is_none() {
        let hint = known.hint(&plan.collector, false);
        p.push(PlanProblem::error(
            &info.name,
            &collector_at,
            format!("收报单位“{}”不在责任单位表中，{hint}", plan.collector),
        ));
    }
    plan.groups = read_groups(&groups, &mut known, &mut p);
    let meta_tasks = meta.map(read_meta).unwrap_or_default();
    let (sections, task_list) = read_tasks(&tasks, &known, &meta_tasks, &mut p);
    plan.sections = sections;
    plan.tasks = task_list;
    plan.indicators = read_indicators(&indicators, &known, &mut p);
    plan.notes = notes.map(|g| read_notes(g)).unwrap_or_default();
    if !p.is_empty() {
        return Err(p);
    }
    plan.revalidated().map_err(|e| vec![PlanProblem::error("", "", e.to_string())])
}

fn missing_sheet(name: &str, what: &str) -> PlanProblem {
    PlanProblem::error(
        name,
        "",
        format!(
            "找不到“{name}”工作表（应包含：{what}）。请用“xlsx-tool plan export”导出的计划表修改，不要删除或改名这张工作表。"
        ),
    )
}

/// `计划信息`: by name, else the sheet with a `计划编号` label cell.
fn find_info<'a>(sheets: &[&'a Grid]) -> Option<&'a Grid> {
    let has_label = |g: &Grid| {
        g.rows(..HEADER_SEARCH_ROWS)
            .any(|(_, v)| matches!(v, CellValue::Text(t) if canonical(t, &INFO_LABELS) == Some(0)))
    };
    sheets.iter().find(|g| g.name.trim() == INFO_SHEET).or_else(|| sheets.iter().find(|g| has_label(g))).copied()
}

/// A table sheet: by name with its header, else the first sheet whose header row has all
/// `keys`; then its columns by label (the first `required` labels must be there).
fn find_table<'a>(
    sheets: &[&'a Grid],
    wanted: &str,
    labels: &[&str],
    keys: &[&str],
    required: usize,
    p: &mut Vec<PlanProblem>,
) -> Option<Table<'a>> {
    let by_name = sheets.iter().find(|g| g.name.trim() == wanted);
    let found = by_name
        .and_then(|g| find_header(g, labels, keys, false).map(|h| (*g, h)))
        .or_else(|| sheets.iter().find_map(|g| find_header(g, labels, keys, true).map(|h| (*g, h))));
    let Some((grid, header)) = found else {
        p.push(missing_sheet(wanted, &labels[..required].join("、")));
        return None;
    };
    let mut cols = vec![None; labels.len()];
    let mut last = 0;
    for (c, v) in grid.row(header) {
        if let CellValue::Text(t) = v
            && let Some(i) = canonical(t, labels)
            && cols[i].is_none()
        {
            cols[i] = Some(c);
        }
        last = c;
    }
    let mut complete = true;
    for (i, label) in labels.iter().enumerate().take(required) {
        if cols[i].is_none() {
            complete = false;
            p.push(PlanProblem::error(
                &grid.name,
                &CellRef::new(&grid.name, header, last.saturating_add(1)).a1(),
                format!(
                    "表头缺少“{label}”列。表头应为：{}。请把这一列（连同表头）补回来。",
                    labels[..required].join(" | ")
                ),
            ));
        }
    }
    // Without a required column the rows are not checked: one message, not one a row.
    complete.then_some(Table { grid, header, cols })
}

/// `计划信息`: each label's value is the cell right of it.
/// Returns the 收报单位 cell, checked once the units are read.
fn read_info(grid: &Grid, plan: &mut Plan, p: &mut Vec<PlanProblem>) -> String {
    let mut values: [Option<(CellValue, String)>; INFO_LABELS.len()] = Default::default();
    for ((r, c), v) in grid.rows(..HEADER_SEARCH_ROWS.saturating_mul(2)) {
        if let CellValue::Text(t) = v
            && let Some(i) = canonical(t, &INFO_LABELS)
            && values[i].is_none()
        {
            let vc = c.saturating_add(1);
            values[i] = Some((grid.get(r, vc).clone(), CellRef::new(&grid.name, r, vc).a1()));
        }
    }
    let name = grid.name.as_str();
    let mut text = |i: usize| -> Option<(String, String, CellValue)> {
        match &values[i] {
            Some((v, at)) => Some((v.as_text().trim().to_string(), at.clone(), v.clone())),
            None if i >= INFO_REQUIRED => None,
            None => {
                p.push(PlanProblem::error(
                    name,
                    "",
                    format!("缺少“{}”一行（A 列写“{}”，B 列写内容）。", INFO_LABELS[i], INFO_LABELS[i]),
                ));
                None
            }
        }
    };
    let id = text(0);
    let title = text(1);
    let first = text(2);
    let last = text(3);
    let deadline = text(4);
    let words: Vec<Option<(String, String, CellValue)>> = (INFO_REQUIRED..INFO_LABELS.len()).map(&mut text).collect();
    let year = |v: Option<(String, String, CellValue)>, what: &str, p: &mut Vec<PlanProblem>| -> Option<u16> {
        let (t, at, _) = v?;
        match t.parse::<u16>() {
            Ok(y) if (2000..=2100).contains(&y) => Some(y),
            _ => {
                p.push(PlanProblem::error(name, &at, format!("{what}“{t}”不是年份，请写四位数的年份，如 2022。")));
                None
            }
        }
    };
    if let Some((t, at, _)) = &id {
        if t.is_empty() {
            p.push(PlanProblem::error(
                name,
                at,
                "计划编号为空。请写一个区分版本的编号，如 jiaozuo-ip-2022-2025-final。",
            ));
        }
        plan.id = t.clone();
    }
    if let Some((t, at, _)) = &title {
        if t.is_empty() {
            p.push(PlanProblem::error(name, at, "计划名称为空，请写实施方案的标题。"));
        }
        plan.title = t.clone();
    }
    let last_at = last.as_ref().map(|l| l.1.clone()).unwrap_or_default();
    let (fy, ly) = (year(first, "起始年度", p), year(last, "截止年度", p));
    if let (Some(f), Some(l)) = (fy, ly)
        && f > l
    {
        p.push(PlanProblem::error(
            name,
            &last_at,
            format!("截止年度 {l} 早于起始年度 {f}。请检查两个年份，截止年度应不早于起始年度。"),
        ));
    }
    plan.first_year = fy.unwrap_or(plan.first_year);
    plan.last_year = ly.unwrap_or(plan.last_year);
    if let Some((t, at, v)) = deadline {
        match parse_deadline(&t, &v) {
            Some(d) => plan.deadline = Some(d),
            None => p.push(PlanProblem::error(name, &at, MonthDay::problem(&t))),
        }
    }
    read_words(name, words, plan, p)
}

/// The optional rows 地区, 收报单位, 主送机关, 报告标题, 配合单位填报: absent or empty,
/// the plan's defaults (settled on load).
fn read_words(
    name: &str,
    words: Vec<Option<(String, String, CellValue)>>,
    plan: &mut Plan,
    p: &mut Vec<PlanProblem>,
) -> String {
    let mut it = words.into_iter().map(|w| w.unwrap_or_default());
    let mut next = || it.next().unwrap_or_default();
    plan.region = next().0;
    let (collector, collector_at, _) = next();
    plan.collector = collector;
    plan.addressee = next().0;
    let (title, title_at, _) = next();
    if !title.is_empty() && !title.contains(jz_core::plan::YEAR_SLOT) {
        p.push(PlanProblem::error(
            name,
            &title_at,
            format!("报告标题“{title}”中没有“{{年度}}”。请在写年份的地方写“{{年度}}”，如“{{年度}}年度某某市推动知识产权高质量发展工作情况报告”。"),
        ));
    }
    plan.report_title = title;
    let (yes, yes_at, _) = next();
    plan.supporting_report = match yes.as_str() {
        "" | "是" => true,
        "否" => false,
        other => {
            p.push(PlanProblem::error(name, &yes_at, format!("配合单位填报“{other}”无法识别，请写“是”或“否”。")));
            true
        }
    };
    collector_at
}

/// The deadline from a date cell (its month and day) or text ([`MonthDay::parse`]:
/// `01-31`, `1-31`, `1月31日`, `01/31`).
fn parse_deadline(text: &str, value: &CellValue) -> Option<MonthDay> {
    if let CellValue::Date(serial) = value {
        let d = jz_core::Date::from_serial(*serial)?;
        return MonthDay::new(d.month, d.day);
    }
    MonthDay::parse(text)
}

fn read_units(t: &Table<'_>, known: &mut Names, p: &mut Vec<PlanProblem>) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for r in t.rows() {
        let name = t.text(r, 0);
        let group = t.text(r, 1);
        let aliases = split_names(&t.text(r, 2));
        if name.is_empty() {
            p.push(t.problem(r, 0, "单位名称为空。请填写单位名称，或删除这一行。"));
            continue;
        }
        if units.iter().any(|u| u.name == name) {
            p.push(t.problem(r, 0, format!("单位“{name}”重复出现。每个单位只写一行，其他写法请写在“别名”中。")));
            continue;
        }
        // 分组 is free text (contract §11): the order of first appearance orders the units.
        if group.is_empty() {
            p.push(t.problem(r, 1, format!("单位“{name}”的分组为空。请填写分组，如“市直”或“各县区”。")));
        }
        for (spelling, other) in known.add_unit(&name, &aliases) {
            let col = if spelling == name { 0 } else { 2 };
            p.push(t.problem(
                r,
                col,
                format!("“{spelling}”已是单位“{other}”的名称或别名，同一个写法不能指向两个单位。请删除或改写。"),
            ));
        }
        units.push(Unit { name, group, aliases });
    }
    if units.is_empty() {
        p.push(PlanProblem::error(&t.grid.name, "", "责任单位表中没有任何单位。"));
    }
    units
}

fn read_groups(t: &Table<'_>, known: &mut Names, p: &mut Vec<PlanProblem>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for r in t.rows() {
        let name = t.text(r, 0);
        if name.is_empty() {
            p.push(t.problem(r, 0, "组名为空。请填写单位组的名称，或删除这一行。"));
            continue;
        }
        if let Some(u) = known.unit(&name) {
            p.push(t.problem(r, 0, format!("组名“{name}”与单位“{u}”重名。请换一个组名。")));
            continue;
        }
        if groups.iter().any(|g| g.name == name) {
            p.push(t.problem(r, 0, format!("单位组“{name}”重复出现。每个组只写一行。")));
            continue;
        }
        let mut members = Vec::new();
        for m in split_names(&t.text(r, 1)) {
            match known.unit(&m) {
                Some(u) if !members.iter().any(|x| x == u) => members.push(u.to_string()),
                Some(_) => {}
                None => p.push(t.problem(
                    r,
                    1,
                    format!("成员“{m}”不在责任单位表中，{}（新单位请先加到“责任单位”表）", known.hint(&m, true)),
                )),
            }
        }
        if members.is_empty() && t.text(r, 1).is_empty() {
            p.push(t.problem(
                r,
                1,
                format!(
                    "单位组“{name}”还没有成员。请在“成员”栏写出它包含的单位（“责任单位”表中的名称），多个单位用“、”隔开。"
                ),
            ));
        }
        groups.push(Group { name, members });
    }
    for g in &groups {
        known.add_group(&g.name, g.members.clone());
    }
    groups
}

fn read_notes(grid: &Grid) -> Vec<String> {
    let mut notes = Vec::new();
    for ((r, c), v) in grid.cells() {
        let text = v.as_text().trim().to_string();
        if c != 0 || text.is_empty() || grid.is_covered(r, c) || (r == 0 && text == NOTE_SHEET) {
            continue;
        }
        notes.push(text);
    }
    notes
}

fn read_meta(grid: &Grid) -> Vec<MetaTask> {
    let mut out = Vec::new();
    for ((r, c), v) in grid.cells() {
        if c == 0 && v.as_text() == "task" {
            let t = |c: u32| grid.get(r, c).as_text();
            out.push((t(1), t(2), t(3), t(4)));
        }
    }
    out
}

//! The diff written as a short memo in Chinese: a title line, the counts, then grouped
//! sentences (measures, units and aliases, groups, indicators) — what the office reads
//! before adopting a revision.

use super::PlanDiff;
use super::units::minus;

/// The diff as a memo, one line a sentence. The first line is the title, the second the
/// counts; then the sentences grouped under `一、举措` … `四、量化指标` (only the groups
/// that have changes).
pub fn memo(d: &PlanDiff, old_title: &str, new_title: &str) -> Vec<String> {
    let mut out = vec![if old_title == new_title {
        format!("关于《{new_title}》修订内容的说明")
    } else {
        format!("关于《{old_title}》修订为《{new_title}》的说明")
    }];
    if d.identical {
        out.push(format!("两个计划内容完全相同（计划编号 {}，版本 {}），没有任何变化。", d.new_id, d.new_hash));
        return out;
    }
    let count = |c: &str| d.measures.iter().filter(|m| m.change == c).count();
    let (added, removed) = (count("added"), count("removed"));
    let changed: Vec<_> = d.measures.iter().filter(|m| m.change == "changed").collect();
    let moved = changed.iter().filter(|m| m.moved_task).count();
    let reworded = changed.iter().filter(|m| m.reworded).count();
    let mut counts = Vec::new();
    for (n, what) in
        [(added, "新增举措"), (removed, "删除举措"), (moved, "移到其他任务的举措"), (reworded, "文字修改的举措")]
    {
        if n > 0 {
            counts.push(format!("{what} {n} 条"));
        }
    }
    let units_added = d.unit_changes.iter().filter(|u| u.change == "added").count();
    if units_added > 0 {
        counts.push(format!("新增责任单位 {units_added} 个"));
    }
    let units_removed = d.unit_changes.iter().filter(|u| u.change == "removed").count();
    if units_removed > 0 {
        counts.push(format!("删除责任单位 {units_removed} 个"));
    }
    if !d.group_changes.is_empty() {
        counts.push(format!("单位组变化 {} 个", d.group_changes.len()));
    }
    if !d.indicators.is_empty() {
        counts.push(format!("指标变化 {} 个", d.indicators.len()));
    }
    if !d.other_changes.is_empty() {
        counts.push(format!("其他修改 {} 处", d.other_changes.len()));
    }
    out.push(format!(
        "旧计划 {}（版本 {}），新计划 {}（版本 {}）。{}。",
        d.old_id,
        d.old_hash,
        d.new_id,
        d.new_hash,
        if counts.is_empty() {
            "举措、单位和指标没有变化，只有责任单位的原文写法等不影响填报的内容不同".to_string()
        } else {
            counts.join("，")
        }
    ));

    let mut measures = Vec::new();
    for m in d.measures.iter().filter(|m| m.change == "added") {
        if let Some(n) = &m.new {
            measures.push(format!(
                "新增举措 {}（任务 {}，责任单位：{}）：“{}”。",
                n.id,
                n.task,
                n.units.join("、"),
                n.text.trim_end_matches('。')
            ));
        }
    }
    for m in d.measures.iter().filter(|m| m.change == "removed") {
        if let Some(o) = &m.old {
            measures.push(format!("删除举措 {}（任务 {}）：“{}”。", o.id, o.task, o.text.trim_end_matches('。')));
        }
    }
    let mut renumbered_only = Vec::new();
    type UnitMove = ((u32, Vec<String>, Vec<String>), Vec<String>);
    let mut unit_moves: Vec<UnitMove> = Vec::new();
    for m in &changed {
        let (Some(o), Some(n)) = (&m.old, &m.new) else { continue };
        if m.moved_task {
            measures.push(format!("举措 {} 移到任务 {}，改为 {}。", o.id, n.task, n.id));
        } else if m.renumbered && !m.reworded && !m.units_changed {
            renumbered_only.push(format!("{} 改为 {}", o.id, n.id));
            continue;
        } else if m.renumbered {
            measures.push(format!("举措 {} 改为 {}。", o.id, n.id));
        }
        if m.reworded {
            measures.push(format!("举措 {} 文字修改：原文“{}”；新文“{}”。", n.id, o.text, n.text));
        }
        if m.units_changed && !m.moved_task {
            let key = (n.task, minus(&n.units, &o.units), minus(&o.units, &n.units));
            match unit_moves.iter_mut().find(|(k, _)| *k == key) {
                Some((_, ids)) => ids.push(n.id.clone()),
                None => unit_moves.push((key, vec![n.id.clone()])),
            }
        }
    }
    for ((task, added, removed), ids) in unit_moves {
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("增加{}", added.join("、")));
        }
        if !removed.is_empty() {
            parts.push(format!("减少{}", removed.join("、")));
        }
        measures.push(format!("任务 {task}（举措 {}）的责任单位{}。", ids.join("、"), parts.join("，")));
    }
    if !renumbered_only.is_empty() {
        measures.push(format!("因举措增删或移动，以下举措只有编号变化：{}。", renumbered_only.join("，")));
    }
    section(&mut out, "一、举措", measures);

    let mut units = Vec::new();
    for u in &d.unit_changes {
        match u.change.as_str() {
            "added" => units.push(format!(
                "新增单位“{}”（分组：{}{}）。",
                u.name,
                u.new_group.as_deref().unwrap_or(""),
                if u.aliases_added.is_empty() {
                    String::new()
                } else {
                    format!("；别名：{}", u.aliases_added.join("、"))
                }
            )),
            "removed" => units.push(format!("删除单位“{}”。", u.name)),
            _ => {
                if u.old_group != u.new_group {
                    units.push(format!(
                        "单位“{}”的分组由“{}”改为“{}”。",
                        u.name,
                        u.old_group.as_deref().unwrap_or(""),
                        u.new_group.as_deref().unwrap_or("")
                    ));
                }
                if !u.aliases_added.is_empty() {
                    units.push(format!("单位“{}”新增别名：{}。", u.name, u.aliases_added.join("、")));
                }
                if !u.aliases_removed.is_empty() {
                    units.push(format!("单位“{}”删除别名：{}。", u.name, u.aliases_removed.join("、")));
                }
            }
        }
    }
    section(&mut out, "二、责任单位及别名", units);

    let mut groups = Vec::new();
    for g in &d.group_changes {
        match g.change.as_str() {
            "added" => groups.push(format!("新增单位组“{}”，成员：{}。", g.name, g.members_added.join("、"))),
            "removed" => groups.push(format!("删除单位组“{}”。", g.name)),
            _ => {
                if !g.members_added.is_empty() {
                    groups.push(format!("单位组“{}”新增成员：{}。", g.name, g.members_added.join("、")));
                }
                if !g.members_removed.is_empty() {
                    groups.push(format!("单位组“{}”减少成员：{}。", g.name, g.members_removed.join("、")));
                }
            }
        }
    }
    section(&mut out, "三、单位组", groups);
    section(&mut out, "四、量化指标", d.indicators.iter().map(|i| sentence(&i.message)).collect());
    section(&mut out, "五、其他", d.other_changes.clone());
    out
}

/// Pushes a heading and its sentences, unless there are none.
fn section(out: &mut Vec<String>, heading: &str, lines: Vec<String>) {
    if !lines.is_empty() {
        out.push(heading.to_string());
        out.extend(lines);
    }
}

fn sentence(s: &str) -> String {
    if s.ends_with('。') { s.to_string() } else { format!("{s}。") }
}

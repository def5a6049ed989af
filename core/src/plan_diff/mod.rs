//! What changed between two versions of the plan: measures added, removed, renumbered
//! (moved within or between tasks) and reworded, responsible units changed, and indicator
//! targets, units and kinds changed.
//!
//! Measures are matched in three passes: first by identical text (ignoring whitespace and
//! full/half width), then by the same id when the texts are still similar, then by the most
//! similar text among the rest. Similarity is the Dice coefficient of the two texts'
//! character bigrams; two texts match when it is at least [`SIMILAR`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::plan::{MeasureRef, Plan};
mod memo;
mod units;

pub use memo::memo;
pub use units::{GroupChange, UnitChange, group_changes, other_changes, unit_changes};

use crate::text::{fold_width, same_text, strip_spaces};
use crate::value::display;

/// Two measure texts with at least this bigram similarity are the same measure reworded.
pub const SIMILAR: f64 = 0.5;

/// A measure in one plan version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureSide {
    /// Measure id (`2.1`).
    pub id: String,
    /// Task number.
    pub task: u32,
    /// The measure text.
    pub text: String,
    /// Responsible units.
    pub units: Vec<String>,
}

impl MeasureSide {
    fn of(m: MeasureRef<'_>) -> MeasureSide {
        MeasureSide {
            id: m.measure.id.clone(),
            task: m.task.number,
            text: m.measure.text.clone(),
            units: m.measure.units.clone(),
        }
    }
}

/// One measure that differs between the versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureChange {
    /// `added`, `removed` or `changed`.
    pub change: String,
    /// The measure in the old plan (none when added).
    pub old: Option<MeasureSide>,
    /// The measure in the new plan (none when removed).
    pub new: Option<MeasureSide>,
    /// The id changed (moved within a task or to another task).
    pub renumbered: bool,
    /// It is now under another task.
    pub moved_task: bool,
    /// The text changed.
    pub reworded: bool,
    /// The responsible units changed.
    pub units_changed: bool,
    /// What changed, in Chinese.
    pub message: String,
}

/// One indicator that differs between the versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorChange {
    /// Indicator id (the new one when both exist).
    pub id: String,
    /// `added`, `removed` or `changed`.
    pub change: String,
    /// Fields that changed: `name`, `target`, `unit`, `kind`, `aggregation`, `reporters`.
    pub fields: Vec<String>,
    /// Old target (when it exists in the old plan).
    pub old_target: Option<f64>,
    /// New target (when it exists in the new plan).
    pub new_target: Option<f64>,
    /// What changed, in Chinese.
    pub message: String,
}

/// The difference between two plans (JSON of `xlsx-tool plan diff --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanDiff {
    /// Old plan id.
    pub old_id: String,
    /// Old plan hash.
    pub old_hash: String,
    /// New plan id.
    pub new_id: String,
    /// New plan hash.
    pub new_hash: String,
    /// Whether the two are the same plan content.
    pub identical: bool,
    /// Units (责任单位) only in the new plan.
    pub units_added: Vec<String>,
    /// Units only in the old plan.
    pub units_removed: Vec<String>,
    /// Measures that differ, in new plan order, removed ones last.
    pub measures: Vec<MeasureChange>,
    /// Indicators that differ, in new plan order, removed ones last.
    pub indicators: Vec<IndicatorChange>,
    /// Units added, removed, regrouped or with aliases changed.
    #[serde(default)]
    pub unit_changes: Vec<UnitChange>,
    /// Groups added, removed or with members changed.
    #[serde(default)]
    pub group_changes: Vec<GroupChange>,
    /// Other changes in Chinese: plan name, years, deadline, section and task titles,
    /// notes, indicator texts.
    #[serde(default)]
    pub other_changes: Vec<String>,
    /// The whole diff as a short memo in Chinese, one line a sentence (see
    /// [`memo()`]).
    #[serde(default)]
    pub memo: Vec<String>,
}

/// Character bigram Dice similarity of two texts (after removing whitespace and folding width):
/// 1.0 for identical texts, 0.0 for texts without a common bigram.
pub fn similarity(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> BTreeMap<(char, char), usize> {
        let chars: Vec<char> = strip_spaces(&fold_width(s)).chars().collect();
        let mut m = BTreeMap::new();
        for w in chars.windows(2) {
            *m.entry((w[0], w[1])).or_insert(0) += 1;
        }
        m
    };
    let (ga, gb) = (grams(a), grams(b));
    let total: usize = ga.values().sum::<usize>() + gb.values().sum::<usize>();
    if total == 0 {
        return if same_text(a, b) { 1.0 } else { 0.0 };
    }
    let common: usize = ga.iter().map(|(g, n)| (*n).min(gb.get(g).copied().unwrap_or(0))).sum();
    2.0 * common as f64 / total as f64
}

/// Matches the measures of `old` to those of `new`: returns pairs (old index, new index) in
/// the plans' measure order (see the module doc for the passes).
pub fn match_measures(old: &[(String, String)], new: &[(String, String)]) -> Vec<(usize, usize)> {
    let mut old_used = vec![false; old.len()];
    let mut new_used = vec![false; new.len()];
    let mut pairs = Vec::new();
    // 1. Identical text (prefer the same id when a text occurs twice).
    for pass_same_id in [true, false] {
        for (i, (oid, otext)) in old.iter().enumerate() {
            if old_used[i] {
                continue;
            }
            let found = new
                .iter()
                .enumerate()
                .position(|(j, (nid, ntext))| !new_used[j] && same_text(otext, ntext) && (!pass_same_id || oid == nid));
            if let Some(j) = found {
                old_used[i] = true;
                new_used[j] = true;
                pairs.push((i, j));
            }
        }
    }
    // 2. Same id, similar text.
    for (i, (oid, otext)) in old.iter().enumerate() {
        if old_used[i] {
            continue;
        }
        if let Some(j) = new.iter().position(|(nid, _)| nid == oid)
            && !new_used[j]
            && similarity(otext, &new[j].1) >= SIMILAR
        {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push((i, j));
        }
    }
    // 3. Most similar text among the rest (greedy, best pairs first; ties by order).
    let mut candidates = Vec::new();
    for (i, (_, otext)) in old.iter().enumerate().filter(|(i, _)| !old_used[*i]) {
        for (j, (_, ntext)) in new.iter().enumerate().filter(|(j, _)| !new_used[*j]) {
            let s = similarity(otext, ntext);
            if s >= SIMILAR {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in candidates {
        if !old_used[i] && !new_used[j] {
            old_used[i] = true;
            new_used[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort();
    pairs
}

/// The first 24 characters of a text, for messages.
fn preview(s: &str) -> String {
    let mut out: String = s.chars().take(24).collect();
    if s.chars().count() > 24 {
        out.push('…');
    }
    out
}

/// What changed from `old` to `new`.
pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    let olds: Vec<MeasureSide> = old.measures().map(MeasureSide::of).collect();
    let news: Vec<MeasureSide> = new.measures().map(MeasureSide::of).collect();
    let key = |v: &[MeasureSide]| v.iter().map(|m| (m.id.clone(), m.text.clone())).collect::<Vec<_>>();
    let pairs = match_measures(&key(&olds), &key(&news));
    let by_new: BTreeMap<usize, usize> = pairs.iter().map(|&(i, j)| (j, i)).collect();
    let matched_old: BTreeSet<usize> = pairs.iter().map(|&(i, _)| i).collect();

    let mut measures = Vec::new();
    for (j, n) in news.iter().enumerate() {
        let Some(&i) = by_new.get(&j) else {
            measures.push(MeasureChange {
                change: "added".into(),
                old: None,
                new: Some(n.clone()),
                renumbered: false,
                moved_task: false,
                reworded: false,
                units_changed: false,
                message: format!(
                    "新增举措 {}（任务 {}，责任单位：{}）：“{}”",
                    n.id,
                    n.task,
                    n.units.join("、"),
                    preview(&n.text)
                ),
            });
            continue;
        };
        let o = &olds[i];
        let renumbered = o.id != n.id;
        let moved_task = o.task != n.task;
        let reworded = !same_text(&o.text, &n.text);
        let units_changed = o.units != n.units;
        if !(renumbered || reworded || units_changed) {
            continue;
        }
        let mut parts = Vec::new();
        if moved_task {
            parts.push(format!("从任务 {} 移到任务 {}，编号由 {} 改为 {}", o.task, n.task, o.id, n.id));
        } else if renumbered {
            parts.push(format!("编号由 {} 改为 {}", o.id, n.id));
        }
        if reworded {
            parts.push(format!("内容由“{}”改为“{}”", preview(&o.text), preview(&n.text)));
        }
        if units_changed {
            parts.push(format!("责任单位由“{}”改为“{}”", o.units.join("、"), n.units.join("、")));
        }
        measures.push(MeasureChange {
            change: "changed".into(),
            old: Some(o.clone()),
            new: Some(n.clone()),
            renumbered,
            moved_task,
            reworded,
            units_changed,
            message: format!("举措 {}：{}。", o.id, parts.join("；")),
        });
    }
    for (_, o) in olds.iter().enumerate().filter(|(i, _)| !matched_old.contains(i)) {
        measures.push(MeasureChange {
            change: "removed".into(),
            old: Some(o.clone()),
            new: None,
            renumbered: false,
            moved_task: false,
            reworded: false,
            units_changed: false,
            message: format!("删除举措 {}（任务 {}）：“{}”", o.id, o.task, preview(&o.text)),
        });
    }

    let mut indicators = Vec::new();
    let mut old_seen = BTreeSet::new();
    for n in &new.indicators {
        let o = old.indicator(&n.id).or_else(|| old.indicators.iter().find(|o| same_text(&o.name, &n.name)));
        let Some(o) = o else {
            indicators.push(IndicatorChange {
                id: n.id.clone(),
                change: "added".into(),
                fields: Vec::new(),
                old_target: None,
                new_target: Some(n.target),
                message: format!("新增指标 {} {}：目标 {} {}", n.id, n.name, display(n.target), n.unit),
            });
            continue;
        };
        old_seen.insert(o.id.clone());
        let mut fields = Vec::new();
        let mut parts = Vec::new();
        if o.id != n.id {
            parts.push(format!("编号由 {} 改为 {}", o.id, n.id));
        }
        if !same_text(&o.name, &n.name) {
            fields.push("name".to_string());
            parts.push(format!("名称由“{}”改为“{}”", o.name, n.name));
        }
        if o.target != n.target {
            fields.push("target".to_string());
            parts.push(format!("目标值由 {} 改为 {}", display(o.target), display(n.target)));
        }
        if o.unit != n.unit {
            fields.push("unit".to_string());
            parts.push(format!("计量单位由“{}”改为“{}”", o.unit, n.unit));
        }
        if o.kind != n.kind {
            fields.push("kind".to_string());
            parts.push(format!("类型由“{}”改为“{}”", o.kind.label(), n.kind.label()));
        }
        if o.aggregation != n.aggregation {
            fields.push("aggregation".to_string());
            parts.push(format!("汇总方式由“{}”改为“{}”", o.aggregation.label(), n.aggregation.label()));
        }
        if o.reporter_units != n.reporter_units {
            fields.push("reporters".to_string());
            parts.push(format!("填报单位由“{}”改为“{}”", o.reporter_units.join("、"), n.reporter_units.join("、")));
        }
        if parts.is_empty() {
            continue;
        }
        indicators.push(IndicatorChange {
            id: n.id.clone(),
            change: "changed".into(),
            fields,
            old_target: Some(o.target),
            new_target: Some(n.target),
            message: format!("指标 {} {}：{}。", n.id, n.name, parts.join("；")),
        });
    }
    for o in old.indicators.iter().filter(|o| !old_seen.contains(&o.id)) {
        indicators.push(IndicatorChange {
            id: o.id.clone(),
            change: "removed".into(),
            fields: Vec::new(),
            old_target: Some(o.target),
            new_target: None,
            message: format!("删除指标 {} {}", o.id, o.name),
        });
    }

    let names = |p: &Plan| p.units.iter().map(|u| u.name.clone()).collect::<Vec<_>>();
    let (on, nn) = (names(old), names(new));
    let mut d = PlanDiff {
        old_id: old.id.clone(),
        old_hash: old.hash.clone(),
        new_id: new.id.clone(),
        new_hash: new.hash.clone(),
        identical: old.hash == new.hash,
        units_added: nn.iter().filter(|u| !on.contains(u)).cloned().collect(),
        units_removed: on.iter().filter(|u| !nn.contains(u)).cloned().collect(),
        measures,
        indicators,
        unit_changes: unit_changes(old, new),
        group_changes: group_changes(old, new),
        other_changes: other_changes(old, new),
        memo: Vec::new(),
    };
    d.memo = memo(&d, &old.title, &new.title);
    d
}

impl PlanDiff {
    /// Every change as one Chinese line each (units, measures, indicators).
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.units_added.is_empty() {
            out.push(format!("新增责任单位：{}。", self.units_added.join("、")));
        }
        if !self.units_removed.is_empty() {
            out.push(format!("删除责任单位：{}。", self.units_removed.join("、")));
        }
        out.extend(self.measures.iter().map(|m| m.message.clone()));
        out.extend(self.indicators.iter().map(|i| i.message.clone()));
        out
    }
}

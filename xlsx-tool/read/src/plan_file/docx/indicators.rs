//! The plan's indicator table (contract §11): a header with an indicator column (`指标`)
//! and a target (`目标`, or the later of two year columns such as `2025年 | 2030年`);
//! optional `单位`/`计量单位`, a baseline (`基期`, or the earlier year column), `属性`,
//! `类型` and the reporting units. What the document does not say (the kind, the
//! reporters, a target that is not a number) is left for the office to fill in
//! ([`jz_core::plan::ToFill`]), never guessed.

use jz_core::plan::{BINDING, EXPECTED, ToFill};
use jz_core::text::{fold_width, label_key};
use jz_core::{Aggregation, Indicator, IndicatorKind};

use super::task_table::cell_at;
use super::text::{figure, strip_number, text_of, years_in};
use super::units::Resolver;
use super::xml::{Cell, Table};

/// The grid columns of an indicator table.
#[derive(Default)]
struct Columns {
    name: Option<u32>,
    target: Option<u32>,
    unit: Option<u32>,
    /// The baseline column and the year its header names.
    base: Option<(u32, Option<u16>)>,
    attribute: Option<u32>,
    kind: Option<u32>,
    reporters: Option<u32>,
}

/// Header words of a reporting-units column.
const REPORTER_WORDS: [&str; 6] = ["责任单位", "牵头单位", "填报单位", "责任部门", "牵头部门", "责任主体"];

/// The indicators of the first indicator table, numbered `I01`…, with the baseline year
/// `first_year − 1` where a `基期` header names no year. `None` without such a table.
pub(super) fn read(tables: &[Table], first_year: u16, units: &mut Resolver<'_>) -> Option<Vec<Indicator>> {
    let (table, header, cols) = tables
        .iter()
        .find_map(|t| t.iter().enumerate().take(3).find_map(|(i, row)| header_columns(row).map(|c| (t, i, c))))?;
    let (name_col, target_col) = (cols.name?, cols.target?);
    let mut out = Vec::new();
    for row in &table[header + 1..] {
        let text = |col: Option<u32>| col.and_then(|c| cell_at(row, c)).map(text_of).unwrap_or_default();
        let raw_name = text(Some(name_col));
        let target_text = text(Some(target_col));
        if raw_name.is_empty() || target_text.is_empty() || row.iter().filter(|c| !text_of(c).is_empty()).count() < 2 {
            continue;
        }
        let id = format!("I{:02}", out.len() + 1);
        let (name, marked) = name_and_mark(&raw_name);
        let mut to_fill = ToFill::default();
        let (target, target_unit) = match figure(&target_text) {
            Some((n, unit)) if n > 0.0 => (n, unit),
            _ => {
                to_fill.target = target_text.clone();
                (1.0, String::new())
            }
        };
        let base = cols.base.and_then(|(c, year)| Some((figure(&text(Some(c)))?, year.unwrap_or(first_year.saturating_sub(1)))));
        let mut unit = text(cols.unit);
        for u in [&target_unit, &base.as_ref().map(|((_, u), _)| u.clone()).unwrap_or_default()] {
            if unit.is_empty() || unit == "—" {
                unit = u.clone();
            }
        }
        let kind_text = text(cols.kind);
        let kind = [IndicatorKind::Flow, IndicatorKind::Stock, IndicatorKind::Annual]
            .into_iter()
            .find(|k| !kind_text.is_empty() && kind_text.contains(k.label()));
        to_fill.kind = kind.is_none();
        let attribute = attribute_of(&text(cols.attribute)).or(marked).unwrap_or_default();
        let reporters = units.resolve(&text(cols.reporters), 0, &format!("指标 {id}"));
        out.push(Indicator {
            id,
            name,
            target,
            unit,
            kind: kind.unwrap_or(IndicatorKind::Flow),
            aggregation: Aggregation::Sum,
            reporters,
            source: "实施方案指标表".into(),
            description: String::new(),
            note: None,
            reporter_units: Vec::new(),
            base_year: base.as_ref().map(|(_, y)| *y),
            base_value: base.as_ref().map(|((v, _), _)| *v),
            attribute: attribute.to_string(),
            to_fill,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// `约束性`, `约束`, `预期性` → the plan's word.
fn attribute_of(text: &str) -> Option<&'static str> {
    if text.contains("约束") {
        Some(BINDING)
    } else if text.contains("预期") {
        Some(EXPECTED)
    } else {
        None
    }
}

/// The indicator's name without numbering, markers and a bracketed 属性
/// (`1.每万人口高价值发明专利拥有量（约束性）★`).
fn name_and_mark(raw: &str) -> (String, Option<&'static str>) {
    let t = strip_number(raw).trim().trim_end_matches(['★', '*', '＊', '☆']).trim();
    for (mark, attr) in
        [("（约束性）", BINDING), ("(约束性)", BINDING), ("（预期性）", EXPECTED), ("(预期性)", EXPECTED)]
    {
        if let Some(name) = t.strip_suffix(mark) {
            return (name.trim().to_string(), Some(attr));
        }
    }
    (t.to_string(), None)
}

/// The columns when `row` is an indicator table's header.
fn header_columns(row: &[Cell]) -> Option<Columns> {
    let mut cols = Columns::default();
    let mut years: Vec<(u32, u16)> = Vec::new();
    let mut col = 0;
    for c in row {
        let key = label_key(&fold_width(&text_of(c)));
        let year = years_in(&key).first().copied();
        let slot = if key.contains("属性") || key.contains("性质") {
            &mut cols.attribute
        } else if key.contains("类型") {
            &mut cols.kind
        } else if REPORTER_WORDS.iter().any(|w| key.contains(w)) {
            &mut cols.reporters
        } else if key.contains("目标") {
            &mut cols.target
        } else if key.contains("基期") || key.contains("现状") {
            cols.base.get_or_insert((col, year));
            col += c.span;
            continue;
        } else if key.contains("指标") {
            &mut cols.name
        } else if key == "单位" || key.contains("计量单位") {
            &mut cols.unit
        } else if let Some(y) = year {
            years.push((col, y));
            col += c.span;
            continue;
        } else {
            col += c.span;
            continue;
        };
        slot.get_or_insert(col);
        col += c.span;
    }
    // `2025年 | 2030年`: the later year is the target, the one before it the baseline.
    years.sort_by_key(|(_, y)| *y);
    if cols.target.is_none() && years.len() >= 2 {
        cols.target = years.pop().map(|(c, _)| c);
    }
    if cols.base.is_none() {
        cols.base = years.pop().map(|(c, y)| (c, Some(y)));
    }
    (cols.name.is_some() && cols.target.is_some()).then_some(cols)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan_file::docx::xml::VMerge;

    fn row(texts: &[&str]) -> Vec<Cell> {
        texts.iter().map(|t| Cell { paragraphs: vec![t.to_string()], span: 1, vmerge: VMerge::None }).collect()
    }

    fn read_rows(rows: &[&[&str]]) -> (Vec<Indicator>, Vec<String>) {
        let base = jz_core::Plan::builtin();
        let mut units = Resolver::new(&base);
        let table: Table = rows.iter().map(|r| row(r)).collect();
        let got = read(&[table], 2026, &mut units).unwrap_or_default();
        (got, units.new_units)
    }

    #[test]
    fn two_year_columns_are_baseline_and_target() {
        let (got, _) = read_rows(&[&["指标", "单位", "2025年", "2030年", "属性"], &["专利密集型产业增加值占GDP比重", "%", "9.5", "13", "预期性"]]);
        let i = &got[0];
        assert_eq!((i.target, i.unit.as_str(), i.base_year, i.base_value), (13.0, "%", Some(2025), Some(9.5)));
    }

    #[test]
    fn a_baseline_without_a_year_is_the_year_before_the_plan() {
        let (got, _) = read_rows(&[&["指标名称", "基期值", "目标值"], &["商标注册量", "1.2万件", "2万件"]]);
        let i = &got[0];
        assert_eq!((i.target, i.unit.as_str(), i.base_year, i.base_value), (2.0, "万件", Some(2025), Some(1.2)));
    }

    #[test]
    fn reporting_units_and_kind_when_the_table_gives_them() {
        let (got, new_units) = read_rows(&[
            &["序号", "指标", "2030年目标", "类型", "责任单位"],
            &["1", "PCT国际专利申请量", "300件", "累计新增", "市场监管局、市数据局"],
            &["二、保护", "", "", "", ""],
            &["2", "知识产权纠纷调解成功率", "稳步提升", "", "中院"],
        ]);
        assert_eq!(got.len(), 2, "the section row is not an indicator");
        assert_eq!((got[0].kind, got[0].to_fill.kind), (IndicatorKind::Flow, false));
        assert_eq!(got[0].reporters, ["市场监管局", "市数据局"]);
        assert_eq!(new_units, ["市数据局"]);
        assert!(got[1].to_fill.kind);
        assert_eq!(got[1].to_fill.target, "稳步提升");
    }

    #[test]
    fn a_task_table_is_not_an_indicator_table() {
        let (got, _) = read_rows(&[&["工作任务", "任务目标", "落实举措", "执行部门"], &["提升质量", "持续增长", "开展工程", "市场监管局"]]);
        assert!(got.is_empty());
    }
}

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
        let column_unit = text(cols.unit).replace('—', "");
        let target = figure(&target_text).map(|f| in_unit(f, &column_unit)).filter(|(n, _)| *n > 0.0);
        let (target, target_unit) = target.unwrap_or_else(|| {
            to_fill.target = target_text.clone();
            (1.0, String::new())
        });
        let base = cols.base.and_then(|(c, year)| {
            let (value, unit) = in_unit(figure(&text(Some(c)))?, &column_unit);
            Some((value, unit, year.unwrap_or(first_year.saturating_sub(1))))
        });
        let unit = [&column_unit, &target_unit, &base.as_ref().map(|b| b.1.clone()).unwrap_or_default()]
            .into_iter()
            .find(|u| !u.is_empty())
            .cloned()
            .unwrap_or_default();
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
            base_year: base.as_ref().map(|b| b.2),
            base_value: base.as_ref().map(|b| b.0),
            attribute: attribute.to_string(),
            to_fill,
        });
    }
    (!out.is_empty()).then_some(out)
}

/// A figure in the table's unit: `1.2万` under a column unit `件` is 12000; with no
/// column unit the figure keeps its own (`1.2`, `万件`).
fn in_unit((value, unit): (f64, String), column_unit: &str) -> (f64, String) {
    let scale = |prefix: char, by: f64| (unit.starts_with(prefix) && !column_unit.starts_with(prefix)).then_some(by);
    match scale('万', 1e4).or_else(|| scale('亿', 1e8)) {
        Some(by) if !column_unit.is_empty() => (value * by, column_unit.to_string()),
        _ => (value, unit),
    }
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
    let mut names: Vec<(u32, String)> = Vec::new();
    let mut col = 0;
    for c in row {
        let raw = text_of(c);
        let key = label_key(&fold_width(&raw));
        let year = years_in(&raw).first().copied();
        let at = col;
        col += c.span;
        let slot = if key.contains("属性") || key.contains("性质") {
            &mut cols.attribute
        } else if key.contains("类型") || key.contains("类别") || key.contains("一级") {
            if key.contains("类型") {
                cols.kind.get_or_insert(at);
            }
            continue;
        } else if REPORTER_WORDS.iter().any(|w| key.contains(w)) {
            &mut cols.reporters
        } else if key.contains("目标") {
            &mut cols.target
        } else if key.contains("基期") || key.contains("现状") {
            cols.base.get_or_insert((at, year));
            continue;
        } else if key.contains("指标") {
            names.push((at, key));
            continue;
        } else if key == "单位" || key.contains("计量单位") {
            &mut cols.unit
        } else if let Some(y) = year {
            years.push((at, y));
            continue;
        } else {
            continue;
        };
        slot.get_or_insert(at);
    }
    // `指标名称` or `指标`; of `一级指标 | 二级指标`-like columns the last.
    cols.name = names.iter().find(|(_, k)| k == "指标名称" || k == "指标").or(names.last()).map(|(c, _)| *c);
    // `2025年 | 2027年 | 2030年`: the last year is the target, the first the baseline.
    years.sort_by_key(|(_, y)| *y);
    if cols.target.is_none() && years.len() >= 2 {
        cols.target = years.pop().map(|(c, _)| c);
    }
    if cols.base.is_none() {
        cols.base = years.first().map(|(c, y)| (*c, Some(*y)));
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
        let (got, _) = read_rows(&[
            &["指标", "单位", "2025年", "2030年", "属性"],
            &["专利密集型产业增加值占GDP比重", "%", "9.5", "13", "预期性"],
        ]);
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
    fn ten_thousands_years_and_name_columns() {
        let (got, _) = read_rows(&[
            &["一级指标", "二级指标", "单位", "现状值（2024年）", "2027年", "2030年目标值"],
            &["创造", "发明专利授权量", "件", "0.8万", "1万", "1.2万"],
            &["运用", "技术合同成交额", "亿元", "8-10", "", "50"],
        ]);
        let i = &got[0];
        assert_eq!(i.name, "发明专利授权量", "the last of the indicator columns names it");
        assert_eq!((i.target, i.unit.as_str(), i.base_year, i.base_value), (12000.0, "件", Some(2024), Some(8000.0)));
        assert_eq!((got[1].target, got[1].base_value), (50.0, None), "a range is no baseline");
        let (got, _) = read_rows(&[&["指标", "2025年", "2027年", "2030年"], &["专利拥有量", "5", "6", "8"]]);
        assert_eq!((got[0].base_year, got[0].base_value, got[0].target), (Some(2025), Some(5.0), 8.0));
    }

    #[test]
    fn a_task_table_is_not_an_indicator_table() {
        let (got, _) = read_rows(&[
            &["工作任务", "任务目标", "落实举措", "执行部门"],
            &["提升质量", "持续增长", "开展工程", "市场监管局"],
        ]);
        assert!(got.is_empty());
    }
}

//! No panic on any text a Word document can hold: the paragraph and cell readers run on
//! strings made of the characters their rules slice at (brackets of both widths,
//! numbering, separators, role words, digits of both widths, multi-byte text).

use proptest::prelude::*;

use super::xml::{Cell, Paragraph, VMerge};
use super::{Words, indicators, list, task_table, text, units};

/// Pieces the rules look for, joined at random.
const PIECES: [&str; 40] = [
    "（",
    "）",
    "(",
    ")",
    "、",
    "，",
    "；",
    "：",
    ":",
    "。",
    ".",
    "．",
    "1",
    "１",
    "2026",
    "年底前",
    "一",
    "二",
    "负责",
    "牵头",
    "配合",
    "责任单位",
    "牵头单位：",
    "完成时间：",
    "有关单位",
    "等部门",
    "各县（市、区）",
    "市场监管局",
    "万",
    "亿",
    "件",
    "%",
    "-",
    "≥",
    "指标",
    "目标",
    "基期",
    "2025年",
    " ",
    "\n",
];

fn text_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..24).prop_map(|v| v.concat())
}

fn cell_strategy() -> impl Strategy<Value = Cell> {
    (text_strategy(), 0u32..4, 0u8..3).prop_map(|(t, span, m)| Cell {
        paragraphs: t.split('\n').map(str::to_string).collect(),
        span,
        vmerge: [VMerge::None, VMerge::Restart, VMerge::Continue][m as usize],
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn paragraphs_never_panic(paragraphs in proptest::collection::vec(text_strategy(), 0..12)) {
        for p in &paragraphs {
            let _ = list::unit_suffix(p);
            let _ = text::strip_number(p);
            let _ = text::figure(p);
            let _ = text::year_range(p);
        }
        let paragraphs: Vec<Paragraph> =
            paragraphs.into_iter().enumerate().map(|(i, text)| Paragraph { text, heading: [None, Some(1), Some(2)].get(i % 4).copied().flatten() }).collect();
        let _ = list::read(&paragraphs);
    }

    #[test]
    fn tables_never_panic(rows in proptest::collection::vec(proptest::collection::vec(cell_strategy(), 0..7), 0..8)) {
        let base = jz_core::Plan::builtin();
        let mut resolver = units::Resolver::new(&base);
        let tables = vec![rows];
        let _ = task_table::read(&tables);
        let _ = indicators::read(&tables, 2026, &mut resolver);
        let mut words: Vec<Words> = Vec::new();
        task_table::fill_blank_rows(&mut words, true);
    }
}

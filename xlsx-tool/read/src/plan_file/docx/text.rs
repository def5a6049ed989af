//! Text as a Word document writes it: typed numbering, line breaks inside a cell, the
//! title paragraph and its year range, numbers with their units.

use jz_core::text::fold_width;

use super::xml::Cell;
use crate::plan_file::rows::NUMERALS;

/// Typed numbering at the start of a paragraph, in either width: `1.` `1、` `１．` `（1）`
/// `(1)` `1)` `（一）`.
pub(super) fn strip_number(s: &str) -> &str {
    let t = s.trim_start();
    let folded = fold_width(t);
    let rest = strip_number_folded(&folded);
    // Folding maps one character to one: skip as many characters of the original.
    let skip = folded.chars().count() - rest.chars().count();
    let at = t.char_indices().nth(skip).map_or(t.len(), |(i, _)| i);
    t[at..].trim_start()
}

fn strip_number_folded(t: &str) -> &str {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        for mark in ['.', '、', ')'] {
            if let Some(r) = rest.strip_prefix(mark)
                && !r.starts_with(|c: char| c.is_ascii_digit())
            {
                return r;
            }
        }
    }
    if let Some(r) = t.strip_prefix('(')
        && let Some((n, rest)) = r.split_once(')')
        && !n.is_empty()
        && (n.chars().all(|c| c.is_ascii_digit()) || NUMERALS.contains(&n))
    {
        return rest;
    }
    t
}

/// A cell's text: its paragraphs joined; a line break inside a paragraph is layout (a
/// long title wrapped by hand), not text.
pub(super) fn text_of(cell: &Cell) -> String {
    cell.paragraphs.iter().map(|p| one_line(p)).collect::<Vec<_>>().join("")
}

/// A paragraph without its hand-made line breaks.
pub(super) fn one_line(p: &str) -> String {
    p.split('\n').map(str::trim).collect::<Vec<_>>().join("")
}

/// Spaces inside a section title (`四、 优化…`) come from typing, not from the text.
pub(super) fn strip_spaces_inner(s: &str) -> String {
    let t = s.trim();
    match t.split_once('、') {
        Some((n, rest)) => format!("{n}、{}", rest.trim_start()),
        None => t.to_string(),
    }
}

/// Whether a paragraph is the plan's title (`…实施方案（2026—2030年）`).
pub(super) fn is_title(p: &str) -> bool {
    let p = p.trim();
    p.chars().count() <= 80
        && (p.contains("方案") || p.contains("规划") || p.contains("计划"))
        && !p.starts_with("附件")
}

/// The four-digit years (2000–2100) a text names, in order: `（2026—2030年）` → 2026, 2030.
pub(super) fn years_in(text: &str) -> Vec<u16> {
    let t = fold_width(text);
    let mut years = Vec::new();
    let mut run = String::new();
    for c in t.chars().chain([' ']) {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        if run.len() == 4
            && let Ok(y) = run.parse::<u16>()
            && (2000..=2100).contains(&y)
        {
            years.push(y);
        }
        run.clear();
    }
    years
}

/// A year range in a title: `（2026—2030年）`, `2026-2030`, `2026年至2030年`.
pub(super) fn year_range(title: &str) -> Option<(u16, u16)> {
    match years_in(title).as_slice() {
        [first, last, ..] if first <= last => Some((*first, *last)),
        _ => None,
    }
}

/// A name without the plan's place prefix (`焦作市科技局` → `科技局`).
pub(super) fn strip_region(name: &str, region: &str) -> String {
    match name.strip_prefix(region) {
        Some(rest) if !region.is_empty() && !rest.is_empty() => rest.to_string(),
        _ => name.to_string(),
    }
}

/// Words around a figure that are not part of it: `≥8`, `达到30%`, `5000件以上`.
const AROUND: [&str; 17] = [
    "≥",
    "≧",
    ">",
    "＞",
    "达到",
    "超过",
    "不低于",
    "不少于",
    "力争",
    "累计",
    "保持",
    "稳定在",
    "约",
    "及以上",
    "以上",
    "左右",
    "+",
];

/// A figure as a plan's indicator table writes it: the number and what follows it as its
/// unit (`8件/万人` → 8, `件/万人`; `30%` → 30, `%`; `1,200` → 1200). `None` when the
/// cell holds no one number (`稳步提升`, `—`, `8-10`).
pub(super) fn figure(text: &str) -> Option<(f64, String)> {
    let mut t = fold_width(text).replace([',', ' ', '，'], "");
    for w in AROUND {
        t = t.replace(w, "");
    }
    let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let number: f64 = t[..end].parse().ok().filter(|n: &f64| n.is_finite())?;
    // A range (`8-10`, `8～10`, `8至10`) is no one figure.
    if t[end..].starts_with(['-', '—', '–', '~', '～', '至']) {
        return None;
    }
    let unit = t[end..].trim_start_matches(['（', '(']).trim_end_matches(['）', ')']).trim().to_string();
    Some((number, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_as_tables_write_them() {
        assert_eq!(figure("8件/万人"), Some((8.0, "件/万人".into())));
        assert_eq!(figure("≥30%"), Some((30.0, "%".into())));
        assert_eq!(figure("1,200"), Some((1200.0, String::new())));
        assert_eq!(figure("５０００件以上"), Some((5000.0, "件".into())));
        assert_eq!(figure("达到 2.5"), Some((2.5, String::new())));
        assert_eq!(figure("稳步提升"), None);
        assert_eq!(figure("—"), None);
        assert_eq!(figure("8-10"), None);
        assert_eq!(figure("累计300件"), Some((300.0, "件".into())));
        assert_eq!(figure("1.2万件"), Some((1.2, "万件".into())));
    }

    #[test]
    fn years_and_ranges() {
        assert_eq!(years_in("2025年（基期）"), [2025]);
        assert_eq!(year_range("某市实施方案（2026—2030年）"), Some((2026, 2030)));
        assert_eq!(year_range("2026年至2030年"), Some((2026, 2030)));
        assert_eq!(year_range("实施方案"), None);
        assert_eq!(strip_number("（2）建立机制"), "建立机制");
        assert_eq!(strip_number("1.5倍增长"), "1.5倍增长");
        assert_eq!(strip_number("１．开展专项整治"), "开展专项整治");
        assert_eq!(strip_number("（一）加强执法"), "加强执法");
        assert_eq!(strip_number("(二) 强化保护"), "强化保护");
    }
}

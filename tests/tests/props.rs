//! Property tests: nothing a unit writes is lost or changed on the way through our
//! workbooks, and text is always written as text (never a formula).
//!
//! Case counts are kept small (CI time); each case writes and reads real workbooks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Cursor, Read};

use jz_core::{Plan, Report, Status};
use proptest::prelude::*;
use xlsx_tool::{Limits, check, sample, summary, template};

/// Characters units really type: ASCII, Chinese, full-width, emoji, characters outside
/// the BMP, markup and quotes, line breaks and tabs (Excel holds no other control
/// characters).
const CHARS: &[char] = &[
    'a',
    'Z',
    '0',
    '9',
    ' ',
    '.',
    ',',
    '&',
    '<',
    '>',
    '"',
    '\'',
    '%',
    '\n',
    '\t',
    '进',
    '展',
    '情',
    '况',
    '亿',
    '元',
    '，',
    '。',
    '（',
    '）',
    '\u{3000}',
    '１',
    '😀',
    '👍',
    '\u{1F3FD}',
    '𠀀',
    '䶮',
    '=',
    '+',
    '-',
    '@',
];

/// A text as a unit may write it: maybe starting with a formula-like character, maybe
/// very long (up to 2000 characters, the limit for 进展情况).
fn text() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec!["", "=", "+", "-", "@", "=SUM(A1:A3)", "+86 ", "-1"]);
    let body = prop::collection::vec(prop::sample::select(CHARS), 0..40);
    let long = prop::bool::weighted(0.1);
    (prefix, body, long).prop_map(|(p, body, long)| {
        let mut s: String = p.to_string();
        s.extend(body);
        if long {
            let fill: String = std::iter::repeat_n('长', 2000).collect();
            s.push_str(&fill);
            s = s.chars().take(2000).collect();
        }
        // Leading and trailing spaces are not the unit's content: the reader trims them.
        s.trim().to_string()
    })
}

/// An indicator value: blank, 0, an integer, or a decimal (亿元 and 件/万人 only).
fn value() -> impl Strategy<Value = (u8, u32, u16)> {
    (0u8..4, 0u32..2_000_000, 0u16..10_000)
}

fn to_value(unit: &str, (kind, int, frac): (u8, u32, u16)) -> Option<f64> {
    let decimal = unit == "亿元" || unit.contains('/');
    match kind {
        0 => None,
        1 => Some(0.0),
        2 if decimal => Some(f64::from(int % 1000) + f64::from(frac) / 10_000.0),
        _ => Some(f64::from(int)),
    }
}

/// A sample report of `unit` with generated texts and values.
fn report_with(plan: &Plan, unit: &str, texts: &[String], values: &[(u8, u32, u16)], seed: u64) -> Report {
    let mut r = sample::sample_report(plan, unit, 2025, &mut sample::Rng::new(seed));
    let mut t = texts.iter().cycle();
    for m in &mut r.measures {
        m.progress = t.next().cloned().unwrap_or_default();
        m.problems = t.next().cloned().unwrap_or_default();
        m.next_plan = t.next().cloned().unwrap_or_default();
        m.evidence = t.next().cloned().unwrap_or_default();
        // Keep the report valid where the rules need text.
        if m.progress.is_empty() {
            m.status = Some(Status::NotStarted);
            m.status_text = Status::NotStarted.label().to_string();
        }
    }
    r.contact = t.next().cloned().unwrap_or_default();
    let mut v = values.iter().cycle();
    for ind in &mut r.indicators {
        let unit = plan.indicator(&ind.id).map(|i| i.unit.clone()).unwrap_or_default();
        ind.value = v.next().and_then(|x| to_value(&unit, *x));
        ind.value_text = ind.value.map(jz_core::cell::format_number).unwrap_or_default();
        ind.remark = t.next().cloned().unwrap_or_default();
    }
    r
}

/// Every sheet part of a workbook, as text.
fn sheet_parts(xlsx: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            let mut xml = String::new();
            entry.read_to_string(&mut xml).unwrap();
            out.push((name, xml));
        }
    }
    out
}

fn assert_same(got: &Report, want: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(&got.contact, &want.contact);
    prop_assert_eq!(&got.phone, &want.phone);
    prop_assert_eq!(got.date, want.date);
    prop_assert_eq!(got.measures.len(), want.measures.len());
    for (g, w) in got.measures.iter().zip(&want.measures) {
        prop_assert_eq!(&g.id, &w.id);
        prop_assert_eq!(g.status, w.status, "{}", w.id);
        prop_assert_eq!(&g.progress, &w.progress, "{}", w.id);
        prop_assert_eq!(&g.problems, &w.problems, "{}", w.id);
        prop_assert_eq!(&g.next_plan, &w.next_plan, "{}", w.id);
        prop_assert_eq!(&g.evidence, &w.evidence, "{}", w.id);
    }
    prop_assert_eq!(got.indicators.len(), want.indicators.len());
    for (g, w) in got.indicators.iter().zip(&want.indicators) {
        prop_assert_eq!(&g.id, &w.id);
        prop_assert_eq!(g.value, w.value, "{}", w.id);
        prop_assert_eq!(&g.remark, &w.remark, "{}", w.id);
    }
    Ok(())
}

const UNITS: [&str; 4] = ["孟州市", "市场监管局", "海关", "农业局"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Any report → the unit's workbook re-made with its values → read → the same report.
    #[test]
    fn filled_workbook_reads_back_as_the_same_report(
        unit in prop::sample::select(&UNITS[..]),
        texts in prop::collection::vec(text(), 1..12),
        values in prop::collection::vec(value(), 1..8),
        seed in any::<u64>(),
    ) {
        let plan = Plan::builtin();
        let want = report_with(&plan, unit, &texts, &values, seed);
        let bytes = template::filled(&plan, &want, unit, 2025, &[]).unwrap();
        // Text is written as text: no formula anywhere.
        for (name, xml) in sheet_parts(&bytes) {
            prop_assert!(!xml.contains("<f>") && !xml.contains("<f "), "formula in {}", name);
        }
        let got = check(&plan, &bytes, "filled.xlsx", &Limits::default());
        assert_same(&got.report, &want)?;
    }
}

/// One generated report: unit (index into UNITS), texts, values, sample seed.
type Pick = (usize, Vec<String>, Vec<(u8, u32, u16)>, u64);

/// Reports of a few units, as files: (path, bytes).
fn files_of(plan: &Plan, picks: &[Pick]) -> Vec<(String, Vec<u8>)> {
    picks
        .iter()
        .enumerate()
        .map(|(i, (u, texts, values, seed))| {
            let unit = UNITS[u % UNITS.len()];
            let r = report_with(plan, unit, texts, values, *seed);
            (format!("收到/{i}_{unit}.xlsx"), template::filled(plan, &r, unit, 2025, &[]).unwrap())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Any set of reports → merge → summary written → read back → the same merge; and
    /// the summary's bytes do not depend on the order the files came in.
    #[test]
    fn merge_summary_reads_back_and_ignores_file_order(
        picks in prop::collection::vec(
            (0usize..4, prop::collection::vec(text(), 1..6), prop::collection::vec(value(), 1..6), any::<u64>()),
            1..5,
        ),
        rotate in 0usize..5,
    ) {
        let plan = Plan::builtin();
        let files = files_of(&plan, &picks);
        let limits = Limits::default();
        let (merge, bytes) =
            xlsx_tool::merge_files(&plan, files.iter().map(|(p, b)| (p.as_str(), b.as_slice())), 2025, &limits).unwrap();
        prop_assert_eq!(&summary::read_summary(&bytes).unwrap(), &merge.summary);
        for (name, xml) in sheet_parts(&bytes) {
            prop_assert!(!xml.contains("<f>") && !xml.contains("<f "), "formula in {}", name);
        }
        let mut reordered = files.clone();
        reordered.reverse();
        let k = rotate % reordered.len();
        reordered.rotate_left(k);
        let (_, again) =
            xlsx_tool::merge_files(&plan, reordered.iter().map(|(p, b)| (p.as_str(), b.as_slice())), 2025, &limits)
                .unwrap();
        prop_assert!(again == bytes, "summary bytes differ with the file order");
    }
}

/// Text a unit wrote that looks like a formula stays text in every output: the
/// re-made workbook, the summary workbook, and read back identical.
#[test]
fn formula_like_text_is_written_as_text_everywhere() {
    let plan = Plan::builtin();
    let texts: Vec<String> =
        ["=1+1", "+86 0391 1234567", "-3", "@某人", "=HYPERLINK(\"http://x\")", "=SUM(A1:A3)\n第二行"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    let want = report_with(&plan, "孟州市", &texts, &[(2, 5, 0)], 1);
    let bytes = template::filled(&plan, &want, "孟州市", 2025, &[]).unwrap();
    for (name, xml) in sheet_parts(&bytes) {
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "formula in {name}");
    }
    let got = check(&plan, &bytes, "f.xlsx", &Limits::default());
    assert_eq!(got.report.measures[0].progress, "=1+1");
    assert!(got.report.measures.iter().any(|m| m.problems == "+86 0391 1234567"));
    assert_same(&got.report, &want).unwrap();
    // Through the merge into the summary.
    let (merge, summary_bytes) =
        xlsx_tool::merge_files(&plan, [("f.xlsx", bytes.as_slice())], 2025, &Limits::default()).unwrap();
    assert_eq!(merge.summary.accepted, ["f.xlsx"], "{:?}", got.diagnostics);
    let mut archive = zip::ZipArchive::new(Cursor::new(&summary_bytes)).unwrap();
    let mut all = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        if entry.name().is_ok_and(|n| n.ends_with(".xml")) {
            entry.read_to_string(&mut all).unwrap();
        }
    }
    assert!(all.contains("=1+1") && all.contains("@某人"), "the texts are in the summary");
    for (name, xml) in sheet_parts(&summary_bytes) {
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "formula in {name}");
    }
    assert_eq!(summary::read_summary(&summary_bytes).unwrap(), merge.summary);
}

//! The multi-year view, checked against numbers worked out by hand.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use jz_core::progress::{Judgement, UnitYear, YearData, assess, progress};
use jz_core::{IndicatorKind, Plan};

/// Year data where each `(unit, indicator, value)` is one reported value.
fn year(y: u16, values: &[(&str, &str, f64)]) -> YearData {
    let mut units: BTreeMap<String, UnitYear> = BTreeMap::new();
    for (unit, id, v) in values {
        units.entry((*unit).into()).or_default().values.insert((*id).into(), *v);
    }
    YearData { year: y, units }
}

fn find<'a>(list: &'a [jz_core::progress::IndicatorProgress], id: &str) -> &'a jz_core::progress::IndicatorProgress {
    list.iter().find(|p| p.id == id).unwrap()
}

#[test]
fn flow_sums_the_years_so_far() {
    // I02 PCT专利申请量, target 14 件, flow, summed over 各县区.
    // 2022: 孟州市 2 + 温县 1 = 3; 2023: 孟州市 3 = 3; 2024: 温县 2 + 沁阳市 1 = 3. Cumulative 9.
    // By the end of 2024 (k = 3 of n = 4) expected 14 × 3/4 = 10.5; 9 / 10.5 = 85.7 % → 关注.
    // Pace so far 9/3 = 3 a year; needed (14 − 9)/1 = 5 in 2025.
    let plan = Plan::builtin();
    let data = [
        year(2022, &[("孟州市", "I02", 2.0), ("温县", "I02", 1.0)]),
        year(2023, &[("孟州市", "I02", 3.0)]),
        year(2024, &[("温县", "I02", 2.0), ("沁阳市", "I02", 1.0)]),
    ];
    let (years, list, _) = progress(&plan, 2024, &data);
    assert_eq!(years, vec![2022, 2023, 2024]);
    let p = find(&list, "I02");
    assert_eq!(p.kind, IndicatorKind::Flow);
    assert_eq!(p.cumulative, Some(9.0));
    assert_eq!(p.expected, 10.5);
    assert_eq!(p.rate, Some(0.642857));
    assert_eq!(p.judgement, Judgement::Watch);
    assert!(p.reason.contains("累计 9 件"), "{}", p.reason);
    assert!(p.reason.contains("应达 10.5 件"), "{}", p.reason);
    assert!(p.reason.contains("此前年均 3 件，余下 1 年需年均 5 件"), "{}", p.reason);
    assert_eq!(p.years.get("2023"), Some(&Some(3.0)));
    assert_eq!(p.rates.get("2022"), Some(&Some(0.214286)));
    // The same data judged at the end of 2025: 9 of 14, expected 14 → 64.3 % → 滞后.
    let (_, list, _) = progress(&plan, 2025, &data);
    let p = find(&list, "I02");
    assert_eq!(p.judgement, Judgement::Behind);
    assert!(p.reason.contains("2025 年无数据，按 0 计"), "{}", p.reason);
    assert!(p.reason.contains("计划期已满，尚差 5 件"), "{}", p.reason);
}

#[test]
fn stock_takes_the_latest_level() {
    // I05 有效商标注册量, target 30000 件, stock, summed over 各县区.
    // 2022: 12000 + 8000 = 20000; 2023: 13000 + 9000 = 22000.
    // End of 2023: latest 22000, expected 30000 × 2/4 = 15000 → above the line → 正常.
    // I18 知识产权代理机构数, target 3 家, stock, single (市场监管局): 2022: 1, 2023: none.
    // End of 2023: latest 1 (from 2022), expected 3 × 2/4 = 1.5; 1/1.5 = 66.7 % → 滞后.
    let plan = Plan::builtin();
    let data = [
        year(2022, &[("孟州市", "I05", 12000.0), ("温县", "I05", 8000.0), ("市场监管局", "I18", 1.0)]),
        year(2023, &[("孟州市", "I05", 13000.0), ("温县", "I05", 9000.0)]),
    ];
    let (_, list, _) = progress(&plan, 2023, &data);
    let p = find(&list, "I05");
    assert_eq!((p.cumulative, p.expected, p.judgement), (Some(22000.0), 15000.0, Judgement::OnTrack));
    let p = find(&list, "I18");
    assert_eq!((p.cumulative, p.expected, p.judgement), (Some(1.0), 1.5, Judgement::Behind));
    assert!(p.reason.contains("2023 年无数据，用 2022 年的数值"), "{}", p.reason);
    // A stock at or above its target is 正常 whatever the year.
    let (_, list, _) = progress(&plan, 2022, &[year(2022, &[("市场监管局", "I18", 3.0)])]);
    assert_eq!(find(&list, "I18").judgement, Judgement::OnTrack);
}

#[test]
fn annual_is_each_year_on_its_own() {
    // I19 高校年专利转化量, target 100 件 every year, annual, single (市场监管局).
    // 2022: 120, 2023: 90, 2024: 70. End of 2023: 90/100 → 关注 (1 of 2 years met);
    // end of 2024: 70/100 → 滞后; a year's value does not carry over.
    let plan = Plan::builtin();
    let data = [
        year(2022, &[("市场监管局", "I19", 120.0)]),
        year(2023, &[("市场监管局", "I19", 90.0)]),
        year(2024, &[("市场监管局", "I19", 70.0)]),
    ];
    let (_, list, _) = progress(&plan, 2023, &data);
    let p = find(&list, "I19");
    assert_eq!((p.cumulative, p.rate, p.judgement), (Some(90.0), Some(0.9), Judgement::Watch));
    assert!(p.reason.contains("2 年中 1 年达到目标"), "{}", p.reason);
    let (_, list, _) = progress(&plan, 2024, &data);
    assert_eq!(find(&list, "I19").judgement, Judgement::Behind);
    assert_eq!(find(&list, "I19").rates.get("2022"), Some(&Some(1.2)));
    let (_, list, _) = progress(&plan, 2025, &data);
    assert_eq!(find(&list, "I19").judgement, Judgement::NoData);
}

#[test]
fn judgement_boundaries() {
    // Flow target 10 at the end of 2023 (k = 2 of 4): expected 5.
    let plan = Plan::builtin();
    let ind = plan.indicator("I03").unwrap(); // 河南省专利奖获奖数, 10 件, flow
    let judge = |values: &[(u16, f64)], y: u16| {
        let v: BTreeMap<u16, f64> = values.iter().copied().collect();
        assess(ind, 2022, 2025, y, &v).judgement
    };
    assert_eq!(judge(&[(2022, 2.0), (2023, 3.0)], 2023), Judgement::OnTrack); // 5/5 = 100 %
    assert_eq!(judge(&[(2022, 2.0), (2023, 2.0)], 2023), Judgement::Watch); // 4/5 = 80 %
    assert_eq!(judge(&[(2022, 2.0), (2023, 1.9)], 2023), Judgement::Behind); // 3.9/5 = 78 %
    assert_eq!(judge(&[(2022, 2.0), (2023, 2.9)], 2023), Judgement::Watch); // 98 %
    assert_eq!(judge(&[], 2023), Judgement::NoData);
    // 0.1 + 0.7 = 0.7999999999999999 in floating point: still exactly 80 % → 关注.
    assert_eq!(Judgement::of_ratio((0.1 + 0.7) / 1.0), Judgement::Watch);
    assert_eq!(Judgement::of_ratio(0.999_999_6), Judgement::OnTrack);
    assert_eq!(Judgement::of_ratio(0.999_998), Judgement::Watch);
    assert_eq!(Judgement::of_ratio(0.799_998), Judgement::Behind);
    // Annual at exactly the target is 正常, just below 80 % is 滞后.
    let i19 = plan.indicator("I19").unwrap();
    let at = |v: f64| assess(i19, 2022, 2025, 2022, &BTreeMap::from([(2022, v)])).judgement;
    assert_eq!(at(100.0), Judgement::OnTrack);
    assert_eq!(at(80.0), Judgement::Watch);
    assert_eq!(at(79.0), Judgement::Behind);
}

#[test]
fn trend_lists_each_unit_each_year() {
    let plan = Plan::builtin();
    let mut y22 = YearData { year: 2022, units: BTreeMap::new() };
    y22.units.entry("孟州市".into()).or_default().statuses.insert("2.1".into(), "推进中".into());
    let mut y23 = YearData { year: 2023, units: BTreeMap::new() };
    y23.units.entry("孟州市".into()).or_default().statuses.insert("2.1".into(), "已完成".into());
    let (_, _, trend) = progress(&plan, 2023, &[y23, y22]);
    let m = trend.iter().find(|t| t.id == "2.1").unwrap();
    let u = m.units.iter().find(|u| u.unit == "孟州市").unwrap();
    assert_eq!(u.years.get("2022").map(String::as_str), Some("推进中"));
    assert_eq!(u.years.get("2023").map(String::as_str), Some("已完成"));
    let other = m.units.iter().find(|u| u.unit == "温县").unwrap();
    assert_eq!(other.years.get("2022").map(String::as_str), Some("未报送"));
}

//! Calendar dates without a date library: parsing what people type and Excel serials.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::fold_width;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// 1..=12.
    pub month: u32,
    /// 1..=31.
    pub day: u32,
}

impl Date {
    /// A checked date.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let ok =
            (1900..=2200).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// From an Excel serial day number (1900 date system, fraction = time of day).
    ///
    /// ```
    /// assert_eq!(jz_core::Date::from_serial(46042.0).map(|d| d.to_string()), Some("2026-01-20".into()));
    /// ```
    pub fn from_serial(serial: f64) -> Option<Date> {
        if !(1.0..=2_958_465.0).contains(&serial) {
            return None;
        }
        // Serial 25569 is 1970-01-01; Excel's fictitious 1900-02-29 only matters before March 1900.
        let days = serial.floor() as i64 - 25569;
        let (y, m, d) = civil_from_days(days);
        Date::new(y as i32, m, d)
    }

    /// The Excel serial day number of this date.
    pub fn to_serial(self) -> f64 {
        (days_from_civil(i64::from(self.year), self.month, self.day) + 25569) as f64
    }

    /// Parses what people type: `2026-01-20`, `2026/1/20`, `2026.1.20`, `2026年1月20日`,
    /// `20260120`, optionally followed by a time; full-width digits are accepted.
    ///
    /// ```
    /// use jz_core::Date;
    /// let d = Date::new(2026, 1, 20);
    /// assert_eq!(Date::parse("2026年1月20日"), d);
    /// assert_eq!(Date::parse("2026/1/20"), d);
    /// assert_eq!(Date::parse("２０２６-01-20T00:00:00"), d);
    /// assert_eq!(Date::parse("2026-02-30"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        let s = fold_width(text);
        let s = s.trim();
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() == 8 && s.len() == 8 {
            let n: u32 = digits.parse().ok()?;
            return Date::new((n / 10000) as i32, n / 100 % 100, n % 100);
        }
        let mut parts = Vec::new();
        let mut cur = String::new();
        let mut rest_start = s.len();
        for (i, c) in s.char_indices() {
            if c.is_ascii_digit() {
                cur.push(c);
            } else {
                if !cur.is_empty() {
                    parts.push(std::mem::take(&mut cur));
                }
                let sep_ok = matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | '号');
                if parts.len() == 3 || !sep_ok {
                    rest_start = i;
                    break;
                }
            }
        }
        if !cur.is_empty() {
            parts.push(cur);
        }
        if parts.len() < 3 {
            return None;
        }
        let rest = s[rest_start.min(s.len())..].trim_start_matches(['日', '号']).trim();
        if !(rest.is_empty()
            || rest.starts_with('T')
            || rest.starts_with(' ')
            || rest.chars().next().is_some_and(|c| c.is_ascii_digit() || c == ' '))
        {
            return None;
        }
        let y: i32 = parts[0].parse().ok()?;
        if parts[0].len() != 4 {
            return None;
        }
        Date::new(y, parts[1].parse().ok()?, parts[2].parse().ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

/// A day of the year without the year: the plan's 报送截止日期, written `MM-DD` (`01-31`),
/// meaning that day of the year after the report's year. The one place the deadline is
/// parsed, checked and turned into a date.
///
/// ```
/// use jz_core::date::{Date, MonthDay};
/// let d = MonthDay::parse("1月31日").unwrap();
/// assert_eq!(d.to_string(), "01-31");
/// assert_eq!(d.due_date(2025), Date::new(2026, 1, 31));
/// assert_eq!(d.chinese(), "1月31日");
/// // 02-29 is allowed; in a year without it the deadline is 02-28.
/// assert_eq!(MonthDay::parse("02-29").unwrap().due_date(2024), Date::new(2025, 2, 28));
/// assert_eq!(MonthDay::parse("13-01"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthDay {
    month: u32,
    day: u32,
}

impl MonthDay {
    /// 31 January: the deadline of 实施方案“六、工作要求”, used for a plan that names none.
    pub const DEFAULT: MonthDay = MonthDay { month: 1, day: 31 };

    /// A checked month and day (29 February allowed).
    pub fn new(month: u32, day: u32) -> Option<MonthDay> {
        // Checked against a leap year so that 02-29 is allowed.
        Date::new(2024, month, day).map(|_| MonthDay { month, day })
    }

    /// Parses `01-31`, `1-31`, `1月31日`, `01/31`, `1.31` (full-width digits accepted).
    pub fn parse(text: &str) -> Option<MonthDay> {
        let t = fold_width(text).replace(['月', '/', '.'], "-").replace(['日', '号'], "");
        let (m, d) = t.trim().split_once('-')?;
        MonthDay::new(m.trim().parse().ok()?, d.trim().parse().ok()?)
    }

    /// 1..=12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// 1..=31.
    pub fn day(self) -> u32 {
        self.day
    }

    /// The deadline for the report of `year`: this day of `year + 1` (28 February for
    /// 02-29 when `year + 1` has no 29 February); `None` only for a year out of range.
    pub fn due_date(self, year: u16) -> Option<Date> {
        let next = i32::from(year) + 1;
        Date::new(next, self.month, self.day.min(days_in_month(next, self.month)))
    }

    /// `1月31日`.
    pub fn chinese(self) -> String {
        format!("{}月{}日", self.month, self.day)
    }

    /// What a plan file says when its 报送截止日期 cannot be read, in Chinese.
    pub fn problem(text: &str) -> String {
        format!("报送截止日期“{text}”无法识别。请写成“月-日”，如 01-31（表示次年 1 月 31 日前报送）。")
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

/// Serde for an optional [`MonthDay`] as plan files write it: `"MM-DD"`, or `""` for none
/// (the plan's JSON, and so its hash, is what it was when the field was a string).
pub mod optional_month_day {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::MonthDay;

    /// `"01-31"`, or `""` for `None`.
    pub fn serialize<S: Serializer>(value: &Option<MonthDay>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.collect_str(d),
            None => s.serialize_str(""),
        }
    }

    /// `""` (or blank) is `None`; anything [`MonthDay::parse`] reads is `Some`; the rest is
    /// an error whose message says, in Chinese, how to write it.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<MonthDay>, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        MonthDay::parse(&text).map(Some).ok_or_else(|| serde::de::Error::custom(MonthDay::problem(&text)))
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_round_trip() {
        for serial in [36526.0, 45000.0, 46042.0, 47000.0] {
            let d = Date::from_serial(serial).unwrap();
            assert_eq!(d.to_serial(), serial);
        }
        assert_eq!(Date::from_serial(36526.0).unwrap().to_string(), "2000-01-01");
    }

    #[test]
    fn parses_common_forms() {
        let d = Date::new(2026, 1, 5);
        for s in ["2026-1-5", "2026.01.05", "2026年1月5日", "2026年01月05日 10:00", "2026/01/05 00:00:00", "20260105"]
        {
            assert_eq!(Date::parse(s), d, "{s}");
        }
        for s in ["", "明天", "2026", "26-1-5", "2026-13-01", "1月5日"] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
    }
}

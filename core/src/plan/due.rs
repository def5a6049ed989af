//! 完成时限 (contract §11): kept verbatim in the plan, read as a date where it names one.

use crate::date::Date;
use crate::text::{fold_width, strip_spaces};

/// The date a 完成时限 names: the end of the last year (or month, or the day) it writes;
/// `None` when it names no year (`长期坚持`, `每年`, `持续推进`).
///
/// ```
/// use jz_core::plan::due_date;
/// let d = |t: &str| due_date(t).map(|d| d.to_string());
/// assert_eq!(d("2026年底前").as_deref(), Some("2026-12-31"));
/// assert_eq!(d("2027年6月底前").as_deref(), Some("2027-06-30"));
/// assert_eq!(d("2026—2028年").as_deref(), Some("2028-12-31"));
/// assert_eq!(d("长期坚持"), None);
/// ```
pub fn due_date(text: &str) -> Option<Date> {
    let chars: Vec<char> = strip_spaces(&fold_width(text)).chars().collect();
    let number = |from: usize| -> (u32, usize) {
        let mut n = 0u32;
        let mut i = from;
        while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(d);
            i += 1;
        }
        (n, i)
    };
    // The last four-digit year in the text.
    let mut year = None;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let (n, end) = number(i);
            if end - i == 4 && (2000..=2100).contains(&n) {
                year = Some((n, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    let (y, mut at) = year?;
    let y = i32::try_from(y).ok()?;
    if chars.get(at) == Some(&'年') {
        at += 1;
    }
    let (month, end) = number(at);
    if end > at && chars.get(end) == Some(&'月') && (1..=12).contains(&month) {
        let (day, day_end) = number(end + 1);
        if day_end > end + 1
            && matches!(chars.get(day_end), Some('日' | '号'))
            && let Some(d) = Date::new(y, month, day)
        {
            return Some(d);
        }
        return (28..=31).rev().find_map(|d| Date::new(y, month, d));
    }
    Date::new(y, 12, 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parsing table (contract §11): text → date or none.
    #[test]
    fn deadlines_read_as_the_end_of_the_year_or_month_they_name() {
        let table: [(&str, Option<&str>); 16] = [
            ("2026年底前", Some("2026-12-31")),
            ("2027年6月底前", Some("2027-06-30")),
            ("2026—2028年", Some("2028-12-31")),
            ("2026-2028年", Some("2028-12-31")),
            ("2026年—2028年6月", Some("2028-06-30")),
            ("2028年2月底", Some("2028-02-29")),
            ("2027年2月底前", Some("2027-02-28")),
            ("２０２６年底前", Some("2026-12-31")),
            ("2026年", Some("2026-12-31")),
            ("2026年6月30日前", Some("2026-06-30")),
            ("2026年12月", Some("2026-12-31")),
            ("长期坚持", None),
            ("每年", None),
            ("持续推进", None),
            ("", None),
            ("每年12月底前", None),
        ];
        for (text, want) in table {
            assert_eq!(due_date(text).map(|d| d.to_string()).as_deref(), want, "{text}");
        }
    }
}

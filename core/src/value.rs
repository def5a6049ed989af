//! Interpreting what a unit typed as an indicator value (本年度完成值).

use crate::cell::{CellValue, format_number};
use crate::plan::Indicator;
use crate::text::{fold_width, strip_spaces};

/// What a value cell means.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Blank: not reported (distinct from 0).
    Blank,
    /// A number as it should be.
    Number(f64),
    /// A number that arrived as text (full-width digits, thousands separators, the
    /// indicator's own unit); accepted with a warning that says what was understood.
    Coerced(f64),
    /// Text that is no number; carries a number found inside it, if any, to suggest.
    NotNumber(Option<f64>),
    /// A negative number.
    Negative(f64),
    /// A fraction where a count is asked.
    NotInteger(f64),
    /// Written in another unit (`2000万元` where 亿元 is asked); carries the number in the
    /// indicator's unit when it can be converted.
    UnitMismatch {
        /// The unit the person wrote.
        written: String,
        /// The value converted to the indicator's unit, if a conversion exists.
        converted: Option<f64>,
    },
}

/// Money units and their size in 元.
const MONEY: [(&str, f64); 6] =
    [("亿元", 1e8), ("千万元", 1e7), ("百万元", 1e6), ("万元", 1e4), ("千元", 1e3), ("元", 1.0)];
/// Other units people append.
const OTHER_UNITS: [&str; 12] = ["件/万人", "件", "个", "家", "所", "次", "项", "人", "%", "％", "万", "亿"];

/// Interprets a value cell for `indicator`.
///
/// ```
/// use jz_core::{CellValue, value::{interpret, Value}};
/// let plan = jz_core::Plan::builtin();
/// let i12 = plan.indicator("I12").unwrap(); // 亿元
/// assert_eq!(interpret(&CellValue::Text("0.5亿元".into()), i12), Value::Coerced(0.5));
/// assert_eq!(
///     interpret(&CellValue::Text("2000万元".into()), i12),
///     Value::UnitMismatch { written: "万元".into(), converted: Some(0.2) }
/// );
/// ```
pub fn interpret(cell: &CellValue, indicator: &Indicator) -> Value {
    let n = match cell {
        CellValue::Empty => return Value::Blank,
        CellValue::Number(n) | CellValue::Date(n) => *n,
        CellValue::Bool(_) | CellValue::Error(_) => return Value::NotNumber(None),
        CellValue::Text(s) => match parse_text(s, indicator) {
            Ok(None) => return Value::Blank,
            Ok(Some(n)) => return check(n, indicator, true),
            Err(v) => return v,
        },
    };
    if !n.is_finite() {
        return Value::NotNumber(None);
    }
    check(n, indicator, false)
}

fn check(n: f64, indicator: &Indicator, coerced: bool) -> Value {
    if n < 0.0 {
        Value::Negative(n)
    } else if indicator.is_count() && n.fract() != 0.0 {
        Value::NotInteger(n)
    } else if coerced {
        Value::Coerced(n)
    } else {
        Value::Number(n)
    }
}

/// Parses text: `Ok(None)` blank, `Ok(Some)` a number in the indicator's unit.
fn parse_text(s: &str, indicator: &Indicator) -> Result<Option<f64>, Value> {
    let folded = strip_spaces(&fold_width(s)).replace('％', "%");
    if folded.is_empty() {
        return Ok(None);
    }
    let own_unit = fold_width(&indicator.unit).replace('％', "%");
    let (body, unit) = split_unit(&folded);
    let number = parse_number(body).ok_or_else(|| Value::NotNumber(first_number(&folded)))?;
    if unit.is_empty() || unit == own_unit || (own_unit == "亿元" && unit == "亿") {
        return Ok(Some(number));
    }
    let converted = money_factor(unit)
        .zip(money_factor(&own_unit))
        .map(|(from, to)| crate::number::round6(number * from / to))
        .or_else(|| (unit == "万" && own_unit == "亿元").then(|| crate::number::round6(number / 1e4)))
        .or_else(|| (is_count_unit(unit) && is_count_unit(&own_unit)).then_some(number));
    if !OTHER_UNITS.contains(&unit) && money_factor(unit).is_none() {
        return Err(Value::NotNumber(Some(number)));
    }
    Err(Value::UnitMismatch { written: unit.to_string(), converted })
}

fn is_count_unit(u: &str) -> bool {
    matches!(u, "件" | "个" | "家" | "所" | "次" | "项" | "人")
}

fn money_factor(unit: &str) -> Option<f64> {
    MONEY.iter().find(|(u, _)| *u == unit).map(|(_, f)| *f)
}

/// Splits `"1,200件"` into `("1,200", "件")`: the unit is whatever follows the last digit.
fn split_unit(s: &str) -> (&str, &str) {
    let end =
        s.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(i, c)| i + c.len_utf8()).next_back().unwrap_or(0);
    (&s[..end], &s[end..])
}

/// A plain decimal with optional thousands separators (`1,234.5`); no sign, no exponent.
fn parse_number(s: &str) -> Option<f64> {
    let s = s.strip_prefix('+').unwrap_or(s);
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.contains(',') || int.starts_with(',') || int.ends_with(',') || int.contains(",,") {
        return None;
    }
    if int.contains(',') && int.split(',').skip(1).any(|g| g.len() != 3) {
        return None;
    }
    let clean: String = s.chars().filter(|&c| c != ',').collect();
    let n: f64 = clean.parse().ok()?;
    Some(if neg { -n } else { n })
}

/// The first plain number inside free text, to suggest (`约12件左右` → 12).
fn first_number(s: &str) -> Option<f64> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let tail = &s[start..];
    let end = tail.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(tail.len());
    tail[..end].trim_end_matches('.').parse().ok()
}

/// A number as the person should type it (`0.2`, `12`).
pub fn display(n: f64) -> String {
    format_number(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Plan;

    fn text(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }

    #[test]
    fn coerces_what_people_type() {
        let plan = Plan::builtin();
        let i02 = plan.indicator("I02").unwrap(); // 件
        assert_eq!(interpret(&text("12"), i02), Value::Coerced(12.0));
        assert_eq!(interpret(&text("１２"), i02), Value::Coerced(12.0));
        assert_eq!(interpret(&text("1,200"), i02), Value::Coerced(1200.0));
        assert_eq!(interpret(&text("3 件"), i02), Value::Coerced(3.0));
        assert_eq!(interpret(&text("  "), i02), Value::Blank);
        assert_eq!(interpret(&CellValue::Number(0.0), i02), Value::Number(0.0));
        assert_eq!(interpret(&CellValue::Empty, i02), Value::Blank);
    }

    #[test]
    fn refuses_with_a_suggestion() {
        let plan = Plan::builtin();
        let i02 = plan.indicator("I02").unwrap();
        let i12 = plan.indicator("I12").unwrap();
        assert_eq!(interpret(&text("不详"), i02), Value::NotNumber(None));
        assert_eq!(interpret(&text("约12件左右"), i02), Value::NotNumber(Some(12.0)));
        assert_eq!(interpret(&CellValue::Number(-3.0), i02), Value::Negative(-3.0));
        assert_eq!(interpret(&text("-3"), i02), Value::Negative(-3.0));
        assert_eq!(interpret(&CellValue::Number(2.5), i02), Value::NotInteger(2.5));
        assert_eq!(interpret(&text("3个"), i02), Value::UnitMismatch { written: "个".into(), converted: Some(3.0) });
        assert_eq!(
            interpret(&text("2000万元"), i12),
            Value::UnitMismatch { written: "万元".into(), converted: Some(0.2) }
        );
        assert_eq!(interpret(&text("1,2,3"), i02), Value::NotNumber(Some(1.0)));
        assert_eq!(interpret(&CellValue::Number(0.35), i12), Value::Number(0.35));
    }
}

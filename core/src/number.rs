//! Numbers every part of the merge agrees on: rounding to 6 decimals and an indicator's
//! city total over its reporters' values. A leaf: it imports only the plan's
//! [`Aggregation`], so `merge`, `progress`, `value` and `cross_year` can all use it.

use crate::plan::Aggregation;

/// Rounds to 6 decimals, so sums of decimals (`0.1 + 0.2`) read as people expect.
///
/// ```
/// assert_eq!(jz_core::number::round6(0.1 + 0.2), 0.3);
/// ```
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The city total of an indicator from its reporters' values in plan unit order: the sum
/// (rounded with [`round6`]), or the first value for [`Aggregation::Single`]; `None` when
/// no reporter has a value.
///
/// ```
/// use jz_core::Aggregation;
/// use jz_core::number::city_total;
///
/// assert_eq!(city_total(Aggregation::Sum, &[0.1, 0.2]), Some(0.3));
/// assert_eq!(city_total(Aggregation::Single, &[5.0, 7.0]), Some(5.0));
/// assert_eq!(city_total(Aggregation::Sum, &[]), None);
/// ```
pub fn city_total(aggregation: Aggregation, values: &[f64]) -> Option<f64> {
    match (aggregation, values) {
        (_, []) => None,
        (Aggregation::Single, [first, ..]) => Some(*first),
        (Aggregation::Sum, all) => Some(round6(all.iter().sum())),
    }
}

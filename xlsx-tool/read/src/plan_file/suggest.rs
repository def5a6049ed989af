//! The closest valid value for a mistyped name or label, and the splitting of unit lists
//! as people type them (`市场监管局、各县区`, with `，` `,` `；` or spaces as well).

use jz_core::text::{fold_width, strip_spaces};

/// Length of the longest common subsequence of two character lists (short texts only).
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for &x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// How alike two short texts are, 0..1: twice their longest common subsequence over their
/// total length (an abbreviation such as `市监局` of `市场监管局` scores high).
pub(crate) fn likeness(a: &str, b: &str) -> f64 {
    let a: Vec<char> = strip_spaces(&fold_width(a)).chars().take(64).collect();
    let b: Vec<char> = strip_spaces(&fold_width(b)).chars().take(64).collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * lcs(&a, &b) as f64 / (a.len() + b.len()) as f64
}

/// Among `candidates` (spelling, value to suggest), the value whose spelling is most like
/// `typed`, if it is alike enough to be a likely slip.
pub(crate) fn closest<'a>(typed: &str, candidates: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for (spelling, value) in candidates {
        let s = likeness(typed, spelling);
        if s >= 0.5 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, value));
        }
    }
    best.map(|(_, v)| v)
}

/// `，是否为“X”？` when there is a closest value, else the list of valid values.
pub(crate) fn hint<'a>(typed: &str, candidates: &[(&'a str, &'a str)], all: &[&str]) -> String {
    match closest(typed, candidates.iter().copied()) {
        Some(v) => format!("是否为“{v}”？"),
        None => {
            let shown: Vec<&str> = all.iter().take(12).copied().collect();
            let more = if all.len() > shown.len() { "等" } else { "" };
            format!("请填写其中之一：{}{more}。", shown.join("、"))
        }
    }
}

/// Splits a list of names typed in one cell: `、` is the separator the annex uses; `，`
/// `,` `；` `;` `/`, line breaks and spaces (also full-width) are accepted too. Inside
/// brackets (`（）`, `()`, `〔〕`, `【】`) nothing splits: `各县（市、区）` is one name.
pub(crate) fn split_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' | '〔' | '【' => depth += 1,
            '）' | ')' | '〕' | '】' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let separator =
            matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | '／') || c.is_whitespace() || c == '\u{3000}';
        if separator && depth == 0 {
            out.push(std::mem::take(&mut current));
        } else if !(separator && c.is_whitespace()) {
            current.push(c);
        }
    }
    out.push(current);
    out.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_find_their_unit() {
        let c = [("市场监管局", "市场监管局"), ("司法局", "司法局"), ("商务局", "商务局")];
        assert_eq!(closest("市监局", c), Some("市场监管局"));
        assert_eq!(closest("司法厅", c), Some("司法局"));
        assert_eq!(closest("郑州市", c), None);
    }

    #[test]
    fn names_split_on_every_separator() {
        assert_eq!(
            split_names("市场监管局、各县区，检察院 法院\u{3000}中院;司法局"),
            ["市场监管局", "各县区", "检察院", "法院", "中院", "司法局"]
        );
    }

    #[test]
    fn a_separator_inside_brackets_does_not_split() {
        assert_eq!(split_names("市场监管局、各县（市、区）"), ["市场监管局", "各县（市、区）"]);
        assert_eq!(split_names("各县(市、区)，市直有关单位"), ["各县(市、区)", "市直有关单位"]);
        assert_eq!(split_names("各县（市 、区）"), ["各县（市、区）"]);
        // An unclosed bracket keeps the rest together rather than splitting at random.
        assert_eq!(split_names("甲）、乙"), ["甲）", "乙"]);
    }
}

//! calamine 0.38: cell references no spreadsheet writes make it overflow.
//!
//! calamine 0.38's `get_row_and_optional_column` (src/xlsx/mod.rs, behind the sheet
//! dimension and merged-range parsing) accumulates a reference's column letters and
//! row digits with unchecked `u32` arithmetic: a reference with too many letters or
//! digits panics in a debug build (or one with overflow checks) and wraps silently
//! otherwise — a cell at a place the file does not say. Upstream: tafia/calamine
//! issue #694 (open: "Cell reference parsing overflows u32 unchecked"), issue #709 and
//! PR #705 (checked arithmetic there); 0.38 still multiplies unchecked. We found it by
//! fuzzing.
//!
//! Until calamine checks, a worksheet part holding such a reference is refused
//! (`not-a-workbook`) before calamine sees it: Excel's largest is `XFD1048576`.

/// Whether sheet XML holds a cell reference (`r="…"`, `ref="…"`, `sqref="…"`, either
/// quote, spaces around `=`) that no spreadsheet writes — more than 3 column letters or
/// 7 row digits. Such references make calamine 0.38 overflow its column or row
/// arithmetic (found by fuzzing).
pub(crate) fn absurd_reference(xml: &[u8]) -> bool {
    let mut at = 0;
    while let Some(eq) = memchr::memchr(b'=', &xml[at..]) {
        let eq = at + eq;
        at = eq + 1;
        if !is_reference_attribute(&xml[..eq]) {
            continue;
        }
        let Some(open) = xml[at..].iter().position(|b| !b.is_ascii_whitespace()).map(|i| at + i) else { break };
        if matches!(xml[open], b'"' | b'\'') {
            let start = open + 1;
            let end = memchr::memchr(xml[open], &xml[start..]).map_or(xml.len(), |e| start + e);
            if absurd_reference_value(&xml[start..end]) {
                return true;
            }
            at = end;
        }
    }
    false
}

/// Whether the text before an `=` ends with `sqref`, or with ` ref` or ` r` after
/// whitespace (spaces before `=` allowed).
fn is_reference_attribute(before: &[u8]) -> bool {
    let name = before.trim_ascii_end();
    let after_space =
        |attr: &[u8]| name.strip_suffix(attr).is_some_and(|b| b.last().is_some_and(u8::is_ascii_whitespace));
    name.ends_with(b"sqref") || after_space(b"ref") || after_space(b"r")
}

/// A reference list (`A1`, `B2:C9 E4`) with a part of more than 3 letters before its
/// digits, or more than 7 digits.
fn absurd_reference_value(value: &[u8]) -> bool {
    value.split(|&b| b == b':' || b.is_ascii_whitespace()).any(|cell| {
        let letters = cell.iter().take_while(|b| !b.is_ascii_digit()).filter(|b| b.is_ascii_alphabetic()).count();
        let digits = cell.iter().filter(|b| b.is_ascii_digit()).count();
        letters > 3 || digits > 7
    })
}

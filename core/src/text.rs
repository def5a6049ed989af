//! Small text helpers shared by the reader, the validator and the name resolver.

/// Folds full-width ASCII variants (`１２３`, `，`, `．`, the ideographic space) to ASCII.
///
/// ```
/// assert_eq!(jz_core::text::fold_width("１２，３４５．５"), "12,345.5");
/// ```
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// One character with full-width ASCII forms and U+3000 folded to half-width.
fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whitespace of any kind (also U+3000 and the byte-order mark).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}'
}

/// The characters of `s` width-folded, without whitespace: what [`same_text`] compares.
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().map(fold_char).filter(|c| !is_space(*c))
}

/// Removes every kind of whitespace (also U+3000 and no-break space).
pub fn strip_spaces(s: &str) -> String {
    s.chars().filter(|c| !is_space(*c)).collect()
}

/// Normalises a header label for matching: whitespace, `*`, colons and a trailing
/// parenthesised hint (`完成状态（下拉选择）`) are ignored.
///
/// ```
/// assert_eq!(jz_core::text::label_key(" 完成状态\n（下拉选择）"), "完成状态");
/// assert_eq!(jz_core::text::label_key("*联系人："), "联系人");
/// ```
pub fn label_key(s: &str) -> String {
    // Folded first: full-width `：` and `（）` are `:` and `()` here.
    let mut s: String = folded(s).filter(|c| !matches!(c, '*' | ':')).collect();
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】')] {
        if s.ends_with(close)
            && let Some(i) = s.rfind(open)
            && i > 0
        {
            s.truncate(i);
        }
    }
    s
}

/// Compares two texts ignoring whitespace and full-width/half-width differences; used to
/// tell whether a unit changed a measure's wording.
pub fn same_text(a: &str, b: &str) -> bool {
    a == b || folded(a).eq(folded(b))
}

/// A text reduced to its letters, ASCII digits and ideographs, width-folded: spaces and
/// punctuation of any width are gone. Two measure texts with the same key say the same
/// (what matches a row without 序号 to its measure).
///
/// ```
/// assert_eq!(jz_core::text::loose_key("加强 知识产权保护，（试点）。"), jz_core::text::loose_key("加强知识产权保护,(试点)"));
/// ```
pub fn loose_key(s: &str) -> String {
    s.chars().map(fold_char).filter(|c| c.is_alphabetic() || c.is_ascii_digit()).collect()
}

/// Number of characters (not bytes) in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The last component of a `/` or `\` separated path (a file name as the user sees it).
///
/// ```
/// assert_eq!(jz_core::text::file_name("收件\\2025/孟州市.xlsx"), "孟州市.xlsx");
/// ```
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The name of the marked-up copy of a unit's file (what `xlsx_tool::template::filled` makes with the file's
/// diagnostics): `{stem}_问题标注.xlsx`, the stem being the file name without folders and
/// without its extension (`填报表` when nothing is left). The CLI's `validate --annotate`
/// and the page's download use it.
///
/// ```
/// assert_eq!(jz_core::text::annotated_name("收件/孟州市.xls"), "孟州市_问题标注.xlsx");
/// assert_eq!(jz_core::text::annotated_name("C:\\收件\\温县.v2.xlsx"), "温县.v2_问题标注.xlsx");
/// ```
pub fn annotated_name(path: &str) -> String {
    named_copy(path, ANNOTATED_SUFFIX)
}

/// What [`annotated_name`] puts after the stem.
pub const ANNOTATED_SUFFIX: &str = "_问题标注.xlsx";

/// The name of a unit's file corrected in the page (fixed in place and downloaded):
/// `{stem}_已修改.xlsx`, the stem as in [`annotated_name`].
///
/// ```
/// assert_eq!(jz_core::text::corrected_name("收件/孟州市.xls"), "孟州市_已修改.xlsx");
/// ```
pub fn corrected_name(path: &str) -> String {
    named_copy(path, CORRECTED_SUFFIX)
}

/// What [`corrected_name`] puts after the stem.
pub const CORRECTED_SUFFIX: &str = "_已修改.xlsx";

/// `{stem}{suffix}`: the file name without folders and extension (`填报表` when nothing
/// is left), then the suffix.
fn named_copy(path: &str, suffix: &str) -> String {
    let name = file_name(path);
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    let stem = if stem.trim().is_empty() { "填报表" } else { stem };
    format!("{stem}{suffix}")
}

//! Workaround for calamine 0.38: a workbook with an Excel 4.0 macro sheet
//! (`xl/macrosheets/…`, in .xlsm and .xlsb files) cannot be opened at all.
//!
//! calamine knows worksheets, chart sheets and dialog sheets only (the sheet types
//! came with tafia/calamine PR #344; macro sheets of .xlsx/.xlsb were left out there,
//! and no upstream issue asks for them yet). When it meets a macro sheet in the
//! workbook's relationships it fails to open the whole workbook
//! (`Unrecognized sheet:type` for .xlsx, `Unrecognized BoundSheet8:dt` for .xlsb), so a
//! report saved with one would be `not-a-workbook`.
//!
//! In the private copy calamine reads (see [`crate::unpack::unpack_zip`]), a macro
//! sheet's relationship is made a dialog sheet's: its type ends in `/dialogsheet` (what
//! calamine's .xlsx reader looks at) and its target folder is `dialogsheets/` (what its
//! .xlsb reader looks at). calamine then lists the sheet as a dialog sheet, which the
//! reader never reads (only worksheets hold cells). Delete this module once calamine
//! opens such workbooks itself.

/// Whether `name` is a workbook's relationships part (`xl/_rels/workbook.xml.rels`,
/// `xl/_rels/workbook.bin.rels`), where sheets are typed.
pub(crate) fn is_workbook_rels(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("_rels/workbook.xml.rels") || lower.ends_with("_rels/workbook.bin.rels")
}

/// Macro sheet relationship types (Excel 4.0 macro sheets, international or not).
const MACRO_TYPES: [&str; 2] = ["/xlMacrosheet", "/xlIntlMacrosheet"];

/// The relationships part `rels` with every macro sheet's relationship made a dialog
/// sheet's; `None` when there is none (the part is then left as it is).
pub(crate) fn macro_sheets_as_dialog_sheets(rels: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(rels).ok()?;
    if !MACRO_TYPES.iter().any(|t| text.contains(t)) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag_len = rest[at..].find('>').map_or(rest.len() - at, |e| e + 1);
        let tag = &rest[at..at + tag_len];
        match as_dialog_sheet(tag) {
            Some(new) => {
                out.push_str(&new);
                changed = true;
            }
            None => out.push_str(tag),
        }
        rest = &rest[at + tag_len..];
    }
    out.push_str(rest);
    changed.then(|| out.into_bytes())
}

/// One `<Relationship …>` tag of a macro sheet, made a dialog sheet's.
fn as_dialog_sheet(tag: &str) -> Option<String> {
    let typ = attribute(tag, "Type")?;
    let macro_type = MACRO_TYPES.iter().find(|t| typ.value.ends_with(*t))?;
    let new_type = format!("{}/dialogsheet", &typ.value[..typ.value.len() - macro_type.len()]);
    let mut tag = format!("{}{new_type}{}", &tag[..typ.start], &tag[typ.start + typ.value.len()..]);
    if let Some(target) = attribute(&tag, "Target") {
        let new_target = target.value.replacen("macrosheets/", "dialogsheets/", 1);
        tag = format!("{}{new_target}{}", &tag[..target.start], &tag[target.start + target.value.len()..]);
    }
    Some(tag)
}

/// An attribute's value inside a tag, and where it starts.
struct Attribute<'a> {
    start: usize,
    value: &'a str,
}

/// The value of attribute `name` (either quote; `=` may have spaces around it).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<Attribute<'a>> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name).map(|i| from + i) {
        from = at + name.len();
        let before_ok = tag[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let after = tag[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let after_eq = after[1..].trim_start();
        let quote = after_eq.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let start = tag.len() - after_eq.len() + 1;
        let len = tag[start..].find(quote)?;
        return Some(Attribute { start, value: &tag[start..start + len] });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_sheets_become_dialog_sheets_and_nothing_else_changes() {
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Target = 'macrosheets/intl.bin' Type = 'http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet' Id='rId3'/></Relationships>"#;
        let out = String::from_utf8(macro_sheets_as_dialog_sheets(rels.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            out,
            rels.replace("relationships/xlMacrosheet", "relationships/dialogsheet")
                .replace("relationships/xlIntlMacrosheet", "relationships/dialogsheet")
                .replace("macrosheets/", "dialogsheets/")
        );
        let plain = r#"<Relationships><Relationship Id="rId1" Type="a/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
        assert_eq!(macro_sheets_as_dialog_sheets(plain.as_bytes()), None);
        assert!(is_workbook_rels("xl/_rels/workbook.bin.rels") && !is_workbook_rels("_rels/.rels"));
    }
}

//! calamine 0.38: merged ranges found by parsing a whole sheet a second time.
//!
//! calamine's `Xlsx::worksheet_merge_cells` / `merge_cells_by_sheet_name` (added in
//! tafia/calamine PR #437, "Adding in ability to read merge cells from xls and xlsx
//! files", closing issue #305) opens the sheet's XML again and reads it up to its
//! `<mergeCells>` element, which the format puts after all the cells: every sheet is
//! parsed twice. No upstream issue about the cost was found (searched tafia/calamine
//! issues for merged cells, merge_cells performance). The upstream fix would be to
//! collect the merged ranges while the cells are read.
//!
//! Until then the element is moved forward in the private copy calamine reads (below).

use memchr::memmem::find;

/// calamine finds a sheet's merged ranges by parsing the whole sheet a second time, up to
/// its `<mergeCells>` element, which comes after all the cells. In the private copy
/// calamine reads, that element is moved right after the root tag (an empty one is put
/// there when the sheet has none), so the lookup stops at once; calamine's cell reader
/// skips it. Done in place (no second copy of a large sheet); `false` (the part is left
/// as it is) when the sheet's shape is unexpected, e.g. a `mergeCells` element with a
/// namespace prefix.
pub(crate) fn merges_first(xml: &mut Vec<u8>) -> bool {
    let Some((root_end, from, to)) = merges_place(xml) else { return false };
    if from == to {
        xml.splice(root_end..root_end, b"<mergeCells/>".iter().copied());
    } else {
        xml[root_end..to].rotate_right(to - from);
    }
    true
}

/// For [`merges_first`]: the end of the root start tag and the `<mergeCells>` block
/// (`from == to` when there is none).
fn merges_place(xml: &[u8]) -> Option<(usize, usize, usize)> {
    let root_end = root_start_tag_end(xml)?;
    // Looked for before and after the cells only (most of the part), not through them.
    let cells = match (find(xml, b"<sheetData"), memchr::memmem::rfind(xml, b"</sheetData>")) {
        (Some(start), Some(end)) if root_end <= start && start < end => start..end,
        _ => root_end..root_end,
    };
    let find_outside = |needle: &[u8]| {
        find(&xml[..cells.start], needle).or_else(|| find(&xml[cells.end..], needle).map(|at| cells.end + at))
    };
    let (from, to) = match find_outside(b"<mergeCells") {
        Some(at) if !matches!(xml.get(at + 11), Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) => return None,
        Some(at) => {
            let tag_end = at + tag_end(&xml[at..])?;
            let to = if xml[tag_end - 2] == b'/' {
                tag_end
            } else {
                tag_end + find(&xml[tag_end..], b"</mergeCells>")? + b"</mergeCells>".len()
            };
            (at, to)
        }
        None if find_outside(b"mergeCells").is_some() => return None,
        None => (root_end, root_end),
    };
    (from >= root_end).then_some((root_end, from, to))
}

/// Where the root element's start tag ends (just past its `>`); `None` when the root
/// element is empty (`<worksheet/>`) or there is none.
fn root_start_tag_end(xml: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        at += memchr::memchr(b'<', &xml[at..])?;
        if xml.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            break;
        }
        at += 1; // `<?xml … ?>` or a comment
    }
    let end = at + tag_end(&xml[at..])?;
    (xml[end - 2] != b'/').then_some(end)
}

/// Just past the `>` that closes the tag `tag` starts with (quotes respected).
fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in tag.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved_merges(xml: &[u8]) -> String {
        let mut part = xml.to_vec();
        merges_first(&mut part);
        String::from_utf8(part).unwrap()
    }

    #[test]
    fn merged_ranges_move_first_and_nothing_else_changes() {
        let decl = r#"<?xml version="1.0"?><!-- c --><worksheet a="x>y">"#;
        let sheet =
            format!(r#"{decl}<sheetData/><mergeCells count="1"><mergeCell ref="A1:J1"/></mergeCells><x/></worksheet>"#);
        assert_eq!(
            moved_merges(sheet.as_bytes()),
            format!(r#"{decl}<mergeCells count="1"><mergeCell ref="A1:J1"/></mergeCells><sheetData/><x/></worksheet>"#)
        );
        // None: an empty element goes first, so calamine's lookup stops there too.
        assert_eq!(
            moved_merges(b"<worksheet><sheetData/></worksheet>"),
            "<worksheet><mergeCells/><sheetData/></worksheet>"
        );
        assert_eq!(moved_merges(b"<w><d/><mergeCells/></w>"), "<w><mergeCells/><d/></w>");
        // Cell texts are not looked at.
        assert_eq!(
            moved_merges(b"<w><sheetData><t>mergeCells</t></sheetData></w>"),
            "<w><mergeCells/><sheetData><t>mergeCells</t></sheetData></w>"
        );
        // Shapes left alone: a prefixed element, an empty root, no root, an unclosed block.
        for odd in
            ["<x:w><x:mergeCells><x:mergeCell ref=\"A1:B1\"/></x:mergeCells></x:w>", "<w/>", "text", "<w><mergeCells>"]
        {
            assert_eq!(moved_merges(odd.as_bytes()), odd);
        }
    }
}

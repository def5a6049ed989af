//! calamine 0.38: the sheet list of .xlsb workbooks saved by a beta of Excel 2007.
//!
//! Each sheet of an .xlsb workbook is a `BrtBundleSh` record in `xl/workbook.bin`
//! ([MS-XLSB] §2.4.304): `hsState` (4 bytes), `iTabID` (4 bytes), `strRelID` and
//! `strName` (each a 4-byte character count, then UTF-16). Files saved by a beta of
//! Excel 2007 (Apache POI's `Simple.xlsb`, which POI reads: `XSSFBReader`'s
//! `tryOldFormat`, "written with a beta version of Excel") hold 8 bytes before `iTabID`
//! instead of 4. calamine 0.38 (src/xlsb/mod.rs, `read_workbook`, line 312) then reads
//! the relationship id from the wrong place (the 1-character id `r`) and looks it up
//! with `relationships[&*relid]`, which panics (`no entry found for key`) when the id
//! is not in `xl/_rels/workbook.bin.rels`. Natively the panic is caught; in the browser
//! (wasm, panic = abort) it kills the module. The lookup is the one of tafia/calamine
//! issue #252 (fixed there for .xlsx only; the .xlsb reader still indexes the map).
//!
//! Here a record of the beta shape (the standard reading does not end at the record's
//! end, the beta reading does, with a tab id in 1..=0xFFFF as POI requires) loses its 4
//! extra bytes, in the private copy calamine reads, so the workbook reads as POI reads
//! it. Any record still naming a relationship that is not there is refused before
//! calamine by `xlsb_prescan`.

/// `BrtBundleSh`.
const BUNDLE_SH: u32 = 0x9C;
/// Where the extra bytes of the beta shape sit (after the 4-byte `hsState`).
const EXTRA: std::ops::Range<usize> = 4..8;

/// Whether `name` is the workbook part of an .xlsb file.
pub(crate) fn is_workbook_part(name: &str) -> bool {
    name.eq_ignore_ascii_case("xl/workbook.bin")
}

/// Rewrites every `BrtBundleSh` record of the beta shape into the standard one.
/// Returns `false` (and leaves `part` as it was) when there is none, or when the
/// records run past the end of the part.
pub(crate) fn standard_sheet_records(part: &mut Vec<u8>) -> bool {
    let mut any_beta = false;
    if !super::xlsb_short_cells::records(part, |typ, _, data| any_beta |= typ == BUNDLE_SH && is_beta(data))
        || !any_beta
    {
        return false;
    }
    let mut out = Vec::with_capacity(part.len());
    super::xlsb_short_cells::records(part, |typ, whole, data| {
        if typ == BUNDLE_SH && is_beta(data) {
            super::xlsb_short_cells::write_header(&mut out, typ, data.len() - EXTRA.len());
            out.extend_from_slice(&data[..EXTRA.start]);
            out.extend_from_slice(&data[EXTRA.end..]);
        } else {
            out.extend_from_slice(whole);
        }
    });
    *part = out;
    true
}

/// Whether a `BrtBundleSh` body has the beta shape: the tab id and two strings from
/// offset 8 end exactly at its end, and from offset 4 they do not.
fn is_beta(data: &[u8]) -> bool {
    !ends_at_end(data, 4) && ends_at_end(data, 8)
}

/// Whether `iTabID` at `at` is in 1..=0xFFFF and the relationship id and the name after
/// it end exactly at the end of `data`.
fn ends_at_end(data: &[u8], at: usize) -> bool {
    let Some(tab) = u32_at(data, at) else { return false };
    if !(1..=0xFFFF).contains(&tab) {
        return false;
    }
    let rel_id_end = match u32_at(data, at + 4) {
        // A null relationship id (no characters).
        Some(u32::MAX) => Some(at as u64 + 8),
        Some(cch) => Some(at as u64 + 8 + 2 * u64::from(cch)),
        None => None,
    };
    let name_end = rel_id_end.and_then(|end| {
        let cch = u32_at(data, usize::try_from(end).ok()?)?;
        Some(end + 4 + 2 * u64::from(cch))
    });
    name_end == Some(data.len() as u64)
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let bytes = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

#[cfg(test)]
mod tests {
    use super::super::xlsb_short_cells::{record, wide};
    use super::*;

    fn bundle(state: &[u8], tab: u32, rel: &str, name: &str) -> Vec<u8> {
        record(BUNDLE_SH, &[state, &tab.to_le_bytes(), &wide(rel), &wide(name)].concat())
    }

    #[test]
    fn beta_sheet_records_lose_their_extra_bytes() {
        let begin = record(0x8F, &[]);
        let end = record(0x90, &[]);
        let mut part =
            [begin.clone(), bundle(&[0; 8], 1, "rId1", "Sheet1"), bundle(&[0; 8], 2, "rId2", "表2"), end.clone()]
                .concat();
        assert!(standard_sheet_records(&mut part));
        let want = [begin, bundle(&[0; 4], 1, "rId1", "Sheet1"), bundle(&[0; 4], 2, "rId2", "表2"), end].concat();
        assert_eq!(part, want);
        // Already standard: nothing to do.
        assert!(!standard_sheet_records(&mut part));
        assert_eq!(part, want);
    }

    #[test]
    fn other_records_and_odd_shapes_are_left_alone() {
        for mut part in [
            bundle(&[0; 4], 1, "rId1", "S"),
            bundle(&[0; 8], 0, "rId1", "S"),
            record(BUNDLE_SH, &[0; 3]),
            [bundle(&[0; 8], 1, "rId1", "S"), vec![0x9C, 0x01, 0x7F]].concat(),
            record(0x27, &[[0; 4].as_slice(), &1u32.to_le_bytes(), &wide("r"), &wide("S")].concat()),
        ] {
            let copy = part.clone();
            assert!(!standard_sheet_records(&mut part));
            assert_eq!(part, copy);
        }
    }
}

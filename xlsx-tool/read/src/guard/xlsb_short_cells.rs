//! calamine 0.38: the "short" cell records of .xlsb worksheets.
//!
//! [MS-XLSB] has two forms of each cell record: `BrtCellBlank`, `BrtCellRk`,
//! `BrtCellError`, `BrtCellBool`, `BrtCellReal`, `BrtCellSt`, `BrtCellIsst` (types
//! 0x01–0x07) start with a `Cell` (§2.5.9: a 4-byte column, then a 4-byte style
//! field); `BrtShortBlank` … `BrtShortIsst` (0x0C–0x12) start with a `ShortCell`
//! (§2.5.10: the style field alone) and stand in the column after the previous cell's.
//! Excel writes only the long form (calamine's and POI's Excel-made fixtures hold
//! nothing else); SheetJS writes the short form for every cell after the first of a
//! run, so a report saved by SheetJS (or by any web system using it) has one column.
//!
//! calamine 0.38's `XlsbCellsReader::next_cell` (src/xlsb/cells_reader.rs) matches
//! 0x01–0x0B and skips every other record type, so the short records are lost with no
//! error. No upstream issue was found (searched tafia/calamine issues for BrtShort,
//! short cell records, SheetJS xlsb). The fix offered upstream: in `next_cell`, keep
//! the last column read, and for 0x0C–0x12 read the record as 0x01–0x07 with the
//! column `last + 1` and the value 4 bytes earlier (see `docs/calamine-xlsb-short-cells.patch`
//! beside this crate).
//!
//! Until then each worksheet part is rewritten here, in the private copy calamine reads:
//! every short record becomes its long form, with the column made explicit.

/// Record types of the short forms and the long form each stands for.
const SHORT_FIRST: u32 = 0x0C;
const SHORT_LAST: u32 = 0x12;
const SHORT_TO_LONG: u32 = 0x0B;
/// `BrtRowHdr`: a new row starts.
const ROW_HEADER: u32 = 0x00;

/// Whether `name` is an .xlsb worksheet (or macro sheet) part.
pub(crate) fn is_xlsb_sheet_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("xl/worksheets/") || lower.starts_with("xl/macrosheets/")) && lower.ends_with(".bin")
}

/// Rewrites the short cell records of a worksheet part into their long forms. Returns
/// `false` (and leaves `part` as it was) when there is none. A part whose records run
/// past its end is left to calamine, which refuses it. The part grows by 4 bytes per
/// short record (at most 2/3 of its size: the smallest short record is 6 bytes).
pub(crate) fn expand_short_cells(part: &mut Vec<u8>) -> bool {
    // First pass: the records are whole, and some are short (nothing is stored).
    let mut any_short = false;
    if !records(part, |typ, _, data| any_short |= is_short(typ, data)) || !any_short {
        return false;
    }
    let mut out = Vec::with_capacity(part.len() + part.len() / 2);
    let mut column: Option<u32> = None;
    records(part, |typ, whole, data| match typ {
        ROW_HEADER => {
            column = None;
            out.extend_from_slice(whole);
        }
        0x01..=0x0B | 0x3E if data.len() >= 4 => {
            column = Some(u32::from_le_bytes([data[0], data[1], data[2], data[3]]));
            out.extend_from_slice(whole);
        }
        _ if is_short(typ, data) => {
            let col = column.map_or(0, |c| c.saturating_add(1));
            column = Some(col);
            write_header(&mut out, typ - SHORT_TO_LONG, data.len() + 4);
            out.extend_from_slice(&col.to_le_bytes());
            out.extend_from_slice(data);
        }
        _ => out.extend_from_slice(whole),
    });
    *part = out;
    true
}

fn is_short(typ: u32, data: &[u8]) -> bool {
    (SHORT_FIRST..=SHORT_LAST).contains(&typ) && data.len() >= 4
}

/// Calls `f(type, whole record, data)` for each record; `false` when a record runs past
/// the end of the part.
pub(crate) fn records(part: &[u8], mut f: impl FnMut(u32, &[u8], &[u8])) -> bool {
    let mut at = 0usize;
    while at < part.len() {
        let Some((typ, len, header)) = record_header(&part[at..]) else { return false };
        let data_start = at + header;
        let Some(end) = data_start.checked_add(len).filter(|e| *e <= part.len()) else { return false };
        f(typ, &part[at..end], &part[data_start..end]);
        at = end;
    }
    true
}

/// (type, data length, header length) of the record at the start of `b`: the type is
/// 1–2 bytes and the length 1–4 bytes, 7 bits each, high bit = more.
fn record_header(b: &[u8]) -> Option<(u32, usize, usize)> {
    let mut i = 0;
    let mut varint = |max_bytes: usize| -> Option<u32> {
        let mut v = 0u32;
        for k in 0..max_bytes {
            let byte = *b.get(i)?;
            i += 1;
            v |= u32::from(byte & 0x7F) << (7 * k);
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        Some(v)
    };
    let typ = varint(2)?;
    let len = varint(4)?;
    Some((typ, len as usize, i))
}

/// Writes a record header (type < 2^14, length < 2^28, as [`record_header`] reads).
pub(crate) fn write_header(out: &mut Vec<u8>, typ: u32, len: usize) {
    let mut varint = |mut v: u32, max_bytes: usize| {
        for k in 0..max_bytes {
            let more = v >= 0x80 && k + 1 < max_bytes;
            out.push((v & 0x7F) as u8 | if more { 0x80 } else { 0 });
            v >>= 7;
            if !more {
                break;
            }
        }
    };
    varint(typ, 2);
    varint(len as u32, 4);
}

/// A whole record (header and data), for the .xlsb guards' tests.
#[cfg(test)]
pub(crate) fn record(typ: u32, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    write_header(&mut out, typ, data.len());
    out.extend_from_slice(data);
    out
}

/// An XLWideString (a u32 count of UTF-16 units, then the units), for the tests.
#[cfg(test)]
pub(crate) fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    units.iter().for_each(|u| out.extend_from_slice(&u.to_le_bytes()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_cells_get_the_next_column() {
        let row = record(0x00, &[5, 0, 0, 0, 0, 0, 0, 0]);
        // BrtCellIsst at column 2, then BrtShortRk and BrtShortIsst.
        let long = record(0x07, &[2, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0]);
        let short_rk = record(0x0D, &[0, 0, 0, 0, 0x0A, 0, 0, 0]);
        let short_isst = record(0x12, &[0, 0, 0, 0, 3, 0, 0, 0]);
        let mut part = [row.clone(), long.clone(), short_rk, short_isst, row.clone(), record(0x11, &[0; 6])].concat();
        assert!(expand_short_cells(&mut part));
        let want = [
            row.clone(),
            long,
            record(0x02, &[3, 0, 0, 0, 0, 0, 0, 0, 0x0A, 0, 0, 0]),
            record(0x07, &[4, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0]),
            row,
            record(0x06, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        ]
        .concat();
        assert_eq!(part, want);
    }

    #[test]
    fn parts_without_short_cells_or_broken_are_left_alone() {
        let mut plain = [record(0x00, &[0; 8]), record(0x07, &[0; 12])].concat();
        let copy = plain.clone();
        assert!(!expand_short_cells(&mut plain));
        assert_eq!(plain, copy);
        let mut broken = [record(0x0D, &[0; 8]), vec![0x07, 0x7F]].concat();
        let copy = broken.clone();
        assert!(!expand_short_cells(&mut broken));
        assert_eq!(broken, copy);
    }

    #[test]
    fn long_headers_round_trip() {
        for (typ, len) in [(0, 0), (0x7F, 0x7F), (0x80, 0x80), (0x3FFF, 0x0FFF_FFFF), (0x94, 300)] {
            let mut out = Vec::new();
            write_header(&mut out, typ, len);
            assert_eq!(record_header(&out), Some((typ, len, out.len())), "{typ} {len}");
        }
    }
}

//! `Xlsb::new`'s reading of the workbook part and its relationships (see the parent
//! module), and `parse_formula` on the defined names.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::{Halt, Records, Walk, u16_at, u32_at, wide_str};

/// Entries of `FTAB` in calamine 0.38 (src/utils.rs `FTAB_LEN`).
const FTAB_LEN: u16 = 485;
/// Nesting of `PtgMemFunc` tokens followed (Excel nests at most 64 function levels).
const MAX_NESTING: u32 = 64;

/// `read_relationships`: relationship id → target, as calamine's XML reading and
/// `get_attrs!` take them (the first attributes named exactly `Id` and `Target`).
pub(super) fn relationships(xml: &[u8]) -> Walk<HashMap<String, String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut rels = HashMap::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "Relationship" => {
                let (mut id, mut target, mut found) = (None, None, 0);
                for (key, value) in raw_attributes(e.attributes_raw()) {
                    let value = value.ok_or(Halt::Stop)?;
                    match key {
                        "Id" => id = Some(value),
                        "Target" => target = Some(value),
                        _ => continue,
                    }
                    found += 1;
                    if found == 2 {
                        break;
                    }
                }
                if let (Some(id), Some(target)) = (id, target) {
                    let target = quick_xml::escape::unescape(target).map_err(|_| Halt::Stop)?;
                    rels.insert(id.to_string(), target.into_owned());
                }
            }
            Ok(Event::Eof) => return Ok(rels),
            Err(_) => return Err(Halt::Stop),
            _ => {}
        }
        buf.clear();
    }
}

/// calamine's `RawAttrIter`: (key, value) pairs; `None` for a malformed attribute,
/// which ends the iteration.
fn raw_attributes(raw: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    let bytes = raw.as_bytes();
    let mut pos = 0usize;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        if pos >= bytes.len() {
            return None;
        }
        let key_start = pos;
        while bytes.get(pos).is_some_and(|b| *b != b'=') {
            pos += 1;
        }
        let key = raw.get(key_start..pos)?.trim_ascii_end();
        if pos >= bytes.len() {
            done = true;
            return Some((key, None));
        }
        pos += 1;
        while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => {
                done = true;
                return Some((key, None));
            }
        };
        pos += 1;
        let value_start = pos;
        while bytes.get(pos).is_some_and(|b| *b != quote) {
            pos += 1;
        }
        let value = raw.get(value_start..pos)?;
        pos = (pos + 1).min(bytes.len());
        Some((key, Some(value)))
    })
}

/// `read_workbook`: the sheets' part paths (`xl/` + the relationship's target).
pub(super) fn workbook(part: &[u8], rels: &HashMap<String, String>) -> Walk<Vec<String>> {
    let mut r = Records::new(part);
    let mut paths = Vec::new();
    loop {
        match r.read_type()? {
            0x99 => {
                // BrtWbProp: `buf[0]`.
                r.fill_buffer()?;
                r.need(1)?;
            }
            0x9C => paths.extend(bundle_sheet(&mut r, rels)?),
            0x90 => {
                r.fill_buffer()?;
                break;
            }
            _ => {
                r.fill_buffer()?;
            }
        }
        r.buf.clear();
    }
    // Defined names, up to the first record that follows them.
    let mut extern_sheets = 0usize;
    loop {
        match r.read_type()? {
            0x16A => {
                // BrtExternSheet: a count, then 12-byte entries; calamine reads bytes
                // 4..8 of the first `count` chunks of the whole buffer.
                r.fill_buffer()?;
                r.need(4)?;
                let count = r.u32_at(0)? as usize;
                let entries = &r.buf[4..];
                let (whole, rest) = (entries.len() / 12, entries.len() % 12);
                if (1..8).contains(&rest) && count > whole {
                    return Err(Halt::Refuse);
                }
                extern_sheets = count.min(whole + usize::from(rest > 0));
            }
            0x27 => {
                // BrtName
                let len = r.fill_buffer()?;
                let record = &r.buf[..len];
                let name_len = wide_str(record.get(9..).ok_or(Halt::Stop)?)?;
                let rgce_start = 13 + name_len;
                let rgce_len = u32_at(record, 9 + name_len).ok_or(Halt::Stop)?;
                let rgce_end = rgce_start as u64 + u64::from(rgce_len);
                if rgce_end > len as u64 {
                    return Err(Halt::Stop);
                }
                formula(&record[rgce_start..rgce_end as usize], extern_sheets, 0)?;
            }
            0x9D | 0x225 | 0x18D | 0x180 | 0x9A | 0x252 | 0x229 | 0x9B | 0x84 => return Ok(paths),
            _ => {
                r.fill_buffer()?;
            }
        }
    }
}

/// One `BrtBundleSh`: its sheet's part path, `None` for a sheet without one.
fn bundle_sheet(r: &mut Records<'_>, rels: &HashMap<String, String>) -> Walk<Option<String>> {
    let len = r.fill_buffer()?;
    if len < 12 {
        return Err(Halt::Refuse);
    }
    let rel_len = r.u32_at(8)?;
    if rel_len == u32::MAX {
        return Ok(None);
    }
    let rel_end = 12 + 2 * u64::from(rel_len);
    if rel_end > len as u64 {
        return Err(Halt::Refuse);
    }
    let rel_end = rel_end as usize;
    let rel_id = encoding_rs::UTF_16LE.decode(&r.buf[12..rel_end]).0;
    // `relationships[&*relid]`.
    let target = rels.get(&*rel_id).ok_or(Halt::Refuse)?;
    if r.u32_at(0)? > 2 {
        return Err(Halt::Stop);
    }
    let path = format!("xl/{target}");
    if !matches!(path.split('/').nth(1), Some("worksheets" | "chartsheets" | "dialogsheets")) {
        return Err(Halt::Stop);
    }
    wide_str(&r.buf[rel_end..len])?;
    Ok(Some(path))
}

/// `parse_formula` on a defined name's tokens: the reads that index past them or
/// past a table. calamine's errors on its evaluation stack are not followed (an error
/// there fails the whole workbook, as a refusal does).
fn formula(mut rgce: &[u8], extern_sheets: usize, depth: u32) -> Walk<()> {
    if depth > MAX_NESTING {
        return Err(Halt::Refuse);
    }
    let sheet = |b: &[u8]| match u16_at(b, 0) {
        Some(ixti) if usize::from(ixti) < extern_sheets => Ok(()),
        _ => Err(Halt::Refuse),
    };
    // `read_u32(..) + 1` on a row overflows at u32::MAX.
    let row = |b: &[u8], at: usize| match u32_at(b, at) {
        Some(r) if r < u32::MAX => Ok(()),
        _ => Err(Halt::Refuse),
    };
    while let Some((&ptg, rest)) = rgce.split_first() {
        rgce = rest;
        let size = match ptg {
            0x3A | 0x5A | 0x7A => {
                sheet(rgce)?;
                row(rgce, 2)?;
                8
            }
            0x3B | 0x5B | 0x7B => {
                sheet(rgce)?;
                row(rgce, 2)?;
                row(rgce, 6)?;
                14
            }
            0x3C | 0x5C | 0x7C => {
                sheet(rgce)?;
                8
            }
            0x3D | 0x5D | 0x7D => {
                sheet(rgce)?;
                14
            }
            0x01 => 4,
            0x03..=0x16 => 0,
            0x17 => 2 + 2 * usize::from(u16_at(rgce, 0).ok_or(Halt::Refuse)?),
            0x18 => match rgce.first().ok_or(Halt::Refuse)? {
                0x19 => 13,
                0x1D => 5,
                _ => return Err(Halt::Stop),
            },
            0x19 => match rgce.first().ok_or(Halt::Refuse)? {
                0x01 | 0x02 | 0x08 | 0x10 | 0x20 | 0x21 | 0x40 | 0x41 | 0x80 => 3,
                0x04 => 11,
                _ => return Err(Halt::Stop),
            },
            0x1C => match rgce.first().ok_or(Halt::Refuse)? {
                0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B => 1,
                _ => return Err(Halt::Stop),
            },
            0x1D => 1,
            0x1E => 2,
            0x1F => 8,
            0x20 | 0x40 | 0x60 => 14,
            0x21 | 0x41 | 0x61 => match u16_at(rgce, 0).ok_or(Halt::Refuse)? {
                t if t > FTAB_LEN => return Err(Halt::Stop),
                // `FTAB_ARGC[FTAB_LEN]`: calamine checks `>` where `>=` was meant.
                FTAB_LEN => return Err(Halt::Refuse),
                _ => 2,
            },
            0x22 | 0x42 | 0x62 => match u16_at(rgce, 1).ok_or(Halt::Refuse)? {
                // `FTAB[iftab]`, unchecked.
                t if t >= FTAB_LEN => return Err(Halt::Refuse),
                _ => 3,
            },
            0x23 | 0x43 | 0x63 => match u32_at(rgce, 0).ok_or(Halt::Refuse)? {
                // `read_u32(..) - 1`: a name index of 0 underflows.
                0 => return Err(Halt::Refuse),
                _ => 4,
            },
            0x24 | 0x44 | 0x64 => {
                row(rgce, 0)?;
                6
            }
            0x25 | 0x45 | 0x65 => {
                row(rgce, 0)?;
                row(rgce, 4)?;
                12
            }
            0x2A | 0x4A | 0x6A | 0x39 | 0x59 | 0x79 => 6,
            0x2B | 0x4B | 0x6B => 12,
            0x29 | 0x49 | 0x69 => {
                let cce = usize::from(u16_at(rgce, 0).ok_or(Halt::Refuse)?);
                formula(rgce.get(2..2 + cce).ok_or(Halt::Refuse)?, extern_sheets, depth + 1)?;
                2 + cce
            }
            _ => return Err(Halt::Stop),
        };
        rgce = rgce.get(size..).ok_or(Halt::Refuse)?;
    }
    Ok(())
}

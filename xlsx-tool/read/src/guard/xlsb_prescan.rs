//! calamine 0.38: the .xlsb reads that panic, found before calamine reads the file.
//!
//! calamine's .xlsb reader (src/xlsb/mod.rs, src/xlsb/cells_reader.rs) indexes record
//! bodies and tables with values from the file: a record shorter than its fields
//! (`&buf[8..len]`, `buf[8]`, `&buf[..16]`, `read_u32(&buf[..4])`), a relationship id
//! missing from `xl/_rels/workbook.bin.rels` (`relationships[&*relid]`, line 312: see
//! `xlsb_beta_sheets`), a shared string index past the table (`self.strings[isst]`), a
//! sheet index or function number past its table in a defined name's formula
//! (`sheets[ixti]`, `FTAB[iftab]`, `FTAB_ARGC[485]`), string lengths that overflow a
//! 32-bit `usize` (`4 + len * 2` in `wide_str`: only in wasm), and with overflow checks
//! on, `+ 1` / `- 1` on a row or name index. Natively `quiet_panic::catch_quietly`
//! turns such a panic into `not-a-workbook`; in wasm (panic = abort) it kills the
//! module (contract §14). Besides, a record header may declare up to 256 MB, which
//! calamine allocates before it finds the part shorter, and nested `PtgMemFunc` tokens
//! make its formula parser recurse once per 3 bytes (a stack overflow aborts even
//! natively).
//!
//! Upstream: tafia/calamine issue #252 (the same map lookup in the .xlsx reader, fixed
//! there) and #721 (open: index panics in `parse_formula`); issue #184 (an .xlsb name
//! index panic). No upstream issue covers the rest; the fix is to read with
//! `get(..)` and return `XlsbError` instead of indexing.
//!
//! [`check`] reads the repacked workbook the way calamine 0.38 reads it when it opens
//! the file (shared strings, styles, relationships, workbook with its defined names) and
//! each sheet's cells, record by record with the same buffer, and refuses the file
//! (`not-a-workbook`, as the caught panic was answered) wherever calamine would panic;
//! where calamine would return an error it stops, as calamine does. Delete this file
//! when calamine reads .xlsb records without indexing past them.

#[cfg(test)]
mod tests;
mod workbook;

use std::collections::HashMap;
use std::io::{Cursor, Read};

use jz_core::Diagnostic;

use crate::limits::not_a_workbook;
use workbook::{relationships, workbook};

/// Why the walk through a part ended early.
enum Halt {
    /// calamine would panic (or allocate for a record longer than its part): refuse.
    Refuse,
    /// calamine returns an error here, or is done: it reads no further.
    Stop,
}

type Walk<T> = Result<T, Halt>;

/// Refuses (`not-a-workbook`) an .xlsb workbook, repacked by `unpack_archive`, on which
/// calamine 0.38 would panic when it opens the file or reads a sheet's cells.
pub(crate) fn check(packed: &[u8]) -> Result<(), Diagnostic> {
    match walk_workbook(packed) {
        Err(Halt::Refuse) => Err(not_a_workbook()),
        Ok(()) | Err(Halt::Stop) => Ok(()),
    }
}

fn walk_workbook(packed: &[u8]) -> Walk<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(packed)).map_err(|_| Halt::Stop)?;
    // calamine finds parts by their lower-case names (`build_zip_path_cache`).
    let names: HashMap<String, String> = zip
        .file_names()
        .map(|n| n.map(|n| (n.replace('\\', "/").to_ascii_lowercase(), n.into_owned())))
        .collect::<Result<_, _>>()
        .map_err(|_| Halt::Stop)?;
    let mut part = |path: &str| -> Option<Vec<u8>> {
        let name = names.get(&path.to_ascii_lowercase()).map_or(path, String::as_str);
        let mut entry = zip.by_name(name).ok()?;
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).ok()?;
        Some(bytes)
    };
    // `Xlsb::new`: shared strings, styles, relationships, workbook; any error ends it.
    let strings = match part("xl/sharedStrings.bin") {
        Some(p) => shared_strings(&p)?,
        None => 0,
    };
    if let Some(p) = part("xl/styles.bin") {
        styles(&p)?;
    }
    // calamine looks the relationships up by their exact name.
    let rels = match part("xl/_rels/workbook.bin.rels") {
        Some(p) if names.values().any(|n| n == "xl/_rels/workbook.bin.rels") => relationships(&p)?,
        _ => HashMap::new(),
    };
    let sheets = workbook(&part("xl/workbook.bin").ok_or(Halt::Stop)?, &rels)?;
    for path in sheets {
        if let Some(p) = part(&path)
            && let Err(Halt::Refuse) = sheet(&p, strings)
        {
            return Err(Halt::Refuse);
        }
    }
    Ok(())
}

/// One part's records as calamine's `RecordIter` reads them, into a buffer that, like
/// calamine's, only grows (a short record leaves the longer one's bytes behind it).
struct Records<'a> {
    part: &'a [u8],
    at: usize,
    buf: Vec<u8>,
}

impl<'a> Records<'a> {
    fn new(part: &'a [u8]) -> Self {
        Records { part, at: 0, buf: Vec::new() }
    }

    fn byte(&mut self) -> Walk<u8> {
        let b = *self.part.get(self.at).ok_or(Halt::Stop)?;
        self.at += 1;
        Ok(b)
    }

    /// `read_type`: 1 or 2 bytes, 7 bits each.
    fn read_type(&mut self) -> Walk<u16> {
        let b = self.byte()?;
        if b & 0x80 == 0 {
            return Ok(u16::from(b));
        }
        Ok(u16::from(b & 0x7F) + (u16::from(self.byte()? & 0x7F) << 7))
    }

    /// `fill_buffer`: the length (1 to 4 bytes), then the body into the buffer.
    fn fill_buffer(&mut self) -> Walk<usize> {
        let mut b = self.byte()?;
        let mut len = usize::from(b & 0x7F);
        for i in 1..4 {
            if b & 0x80 == 0 {
                break;
            }
            b = self.byte()?;
            len += usize::from(b & 0x7F) << (7 * i);
        }
        // calamine allocates `len` bytes before it finds the part too short.
        let body = self.part.get(self.at..).and_then(|rest| rest.get(..len)).ok_or(Halt::Refuse)?;
        if self.buf.len() < len {
            self.buf.resize(len, 0);
        }
        self.buf[..len].copy_from_slice(body);
        self.at += len;
        Ok(len)
    }

    /// `next_skip_blocks`: records up to one of type `typ`, skipping the blocks from a
    /// start type to its end type.
    fn next_skip_blocks(&mut self, typ: u16, blocks: &[(u16, u16)]) -> Walk<usize> {
        loop {
            let found = self.read_type()?;
            let len = self.fill_buffer()?;
            if found == typ {
                return Ok(len);
            }
            if let Some(&(_, end)) = blocks.iter().find(|(start, _)| *start == found) {
                while self.read_type()? != end {
                    self.fill_buffer()?;
                }
                self.fill_buffer()?;
            }
        }
    }

    /// The buffer holds at least `n` bytes (else calamine's indexing panics).
    fn need(&self, n: usize) -> Walk<()> {
        if self.buf.len() >= n { Ok(()) } else { Err(Halt::Refuse) }
    }

    fn u32_at(&self, at: usize) -> Walk<u32> {
        u32_at(&self.buf, at).ok_or(Halt::Refuse)
    }
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let bytes = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at.checked_add(1)?)?]))
}

/// calamine's `wide_str` on `b`: the bytes it takes. Its `4 + len * 2` overflows a
/// 32-bit `usize` (wasm) for lengths from 2^31 - 2 on, and then slices backwards.
fn wide_str(b: &[u8]) -> Walk<usize> {
    let cch = u32_at(b, 0).ok_or(Halt::Stop)?;
    let need = 4 + 2 * u64::from(cch);
    if need > u64::from(u32::MAX) {
        return Err(Halt::Refuse);
    }
    if need > b.len() as u64 {
        return Err(Halt::Stop);
    }
    Ok(need as usize)
}

/// `read_shared_strings`: the number of strings calamine keeps.
fn shared_strings(part: &[u8]) -> Walk<usize> {
    let mut r = Records::new(part);
    r.next_skip_blocks(0x9F, &[])?; // BrtBeginSst
    r.need(8)?;
    let count = r.u32_at(4)?;
    for _ in 0..count {
        r.next_skip_blocks(0x13, &[(0x23, 0x24)])?; // BrtSSTItem
        r.need(1)?;
        wide_str(&r.buf[1..])?;
    }
    Ok(count as usize)
}

/// `read_styles`. calamine reads only the type of the records it does not want, not
/// their length or body, so it goes on from the next byte: so does this walk.
fn styles(part: &[u8]) -> Walk<()> {
    let mut r = Records::new(part);
    loop {
        match r.read_type()? {
            0x267 => {
                // BrtBeginFmts, then BrtFmt records.
                r.fill_buffer()?;
                r.need(4)?;
                for _ in 0..r.u32_at(0)? {
                    r.next_skip_blocks(0x2C, &[])?;
                    r.need(2)?;
                    wide_str(&r.buf[2..])?;
                }
            }
            0x269 => {
                // BrtBeginCellXFs, then BrtXF records; calamine stops reading here.
                r.fill_buffer()?;
                r.need(4)?;
                for _ in 0..r.u32_at(0)? {
                    r.next_skip_blocks(0x2F, &[])?;
                    r.need(4)?;
                }
                return Ok(());
            }
            _ => {}
        }
        r.buf.clear();
    }
}

/// `XlsbCellsReader::new` and `next_cell` over one sheet part, up to where calamine
/// stops (`BrtEndSheetData`, a row past 2^20, an error).
fn sheet(part: &[u8], strings: usize) -> Walk<()> {
    let mut r = Records::new(part);
    r.next_skip_blocks(0x94, &[])?; // BrtWsDim: `&buf[..16]`
    r.need(16)?;
    r.next_skip_blocks(0x91, &[(0x85, 0x86), (0x25, 0x26), (0x186, 0x187)])?; // BrtBeginSheetData
    loop {
        let typ = r.read_type()?;
        r.fill_buffer()?;
        match typ {
            0x00 => {
                // BrtRowHdr
                r.need(4)?;
                if r.u32_at(0)? > 0x0010_0000 {
                    return Ok(());
                }
            }
            0x02 => {
                // BrtCellRk; calamine clears two bits of byte 8 in its buffer.
                r.need(12)?;
                r.buf[8] &= 0xFC;
            }
            0x03 => {
                r.need(9)?;
                if !matches!(r.buf[8], 0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B) {
                    return Err(Halt::Stop);
                }
            }
            0x04 | 0x0A => r.need(9)?,
            0x05 | 0x09 => r.need(16)?,
            0x06 | 0x08 => {
                r.need(8)?;
                wide_str(&r.buf[8..])?;
            }
            0x07 => {
                // BrtCellIsst: `self.strings[isst]`.
                r.need(12)?;
                if r.u32_at(8)? as usize >= strings {
                    return Err(Halt::Refuse);
                }
            }
            0x92 => return Ok(()),
            _ => {}
        }
    }
}

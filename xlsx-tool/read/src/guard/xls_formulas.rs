//! calamine 0.38: formula token streams of an .xls, which calamine parses when it opens
//! the file and indexes unchecked.
//!
//! `Xls::new` (`parse_workbook`) parses the formula of every Formula record (0x0006) of
//! every sheet, even when only cell values are asked for: `parse_formula(&r.data[20..])`
//! reads the token length `cce` at bytes 20..22 and then walks the tokens (`rgce`),
//! slicing each token's operands with some 80 unchecked indexes (`&rgce[6..]`,
//! `rgce[0]`, `read_u16(&rgce[1..])`, `read_u32(rgce) - 1`, ...). A malformed token
//! stream — one byte changed in a real file is enough — panics, which traps the browser
//! module. Upstream: tafia/calamine issue #721 (open: "panic in `parse_formula()`",
//! "range start index 4 out of range for slice of length 2"); PRs #643, #707 and #703 each
//! fixed or propose to fix one token. Delete this module when `parse_formula` checks
//! every operand length.
//!
//! The cell's value is not in the tokens: calamine takes it from bytes 6..14 of the same
//! record (`parse_formula_value`; a string result from the String record that follows),
//! and this crate never asks calamine for formulas. So in the copy calamine reads, each
//! Formula record calamine would parse gets `cce = 0`: calamine then parses no token (it
//! records "Unrecognised formula" for the cell, a text nobody reads) and the values stay
//! exactly as they were. Shared (0x04BC) and array (0x0221) formula records, and the
//! Formula records of nested substreams (charts), are not parsed by calamine 0.38 at all;
//! defined names (Lbl, 0x0018) have only their first token read, checked by the prescan.
//!
//! The edited Workbook stream is handed to calamine in a compound file written here
//! (`compound_of`), not patched in place: calamine's compound-file reader differs from
//! ours on broken containers (its own cutoff, root entry and FAT rules, and unchecked FAT
//! indexes of its own), so a patch placed through our reading of the chains could miss
//! the bytes calamine reads. In a container written here both read the same stream.

use jz_core::Diagnostic;

use super::prescan::{biff_records, cfb_workbook_stream, sheet_records};
use crate::cfb::SIGNATURE;
use crate::limits::not_a_workbook;

/// End of a sector chain.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// A FAT entry marking a FAT sector.
const FAT_SECTOR: u32 = 0xFFFF_FFFD;
/// A free FAT entry; also "no sibling" in the directory.
const FREE: u32 = 0xFFFF_FFFF;
/// Streams shorter than this live in the mini stream (calamine 0.38 hard-codes it).
const CUTOFF: usize = 4096;
/// The mini sector size (calamine 0.38 accepts no other).
const MINI: usize = 64;

/// The bytes calamine is given for an .xls: its Workbook (or BIFF5 Book) stream with
/// every formula calamine would parse emptied ([`neutralise_formulas`]), in a compound
/// file written here. `not-a-workbook` when the stream cannot be read.
pub(crate) fn rewrite(bytes: &[u8]) -> Result<Vec<u8>, Diagnostic> {
    let mut stream = cfb_workbook_stream(bytes).ok_or_else(not_a_workbook)?;
    neutralise_formulas(&mut stream)?;
    compound_of(&stream).ok_or_else(not_a_workbook)
}

/// Sets the token length of every Formula record calamine 0.38 parses to 0: the records
/// at depth 0 of each sheet substream a BoundSheet8 record points at, read from its
/// position as calamine reads them. Sheets that overlap could see each other's edits as
/// different records: a second pass that still finds a formula to empty refuses the file.
fn neutralise_formulas(stream: &mut [u8]) -> Result<(), Diagnostic> {
    let at = formula_lengths(stream);
    for &i in &at {
        if let Some(cce) = stream.get_mut(i..i + 2) {
            cce.fill(0);
        }
    }
    if at.is_empty() || formula_lengths(stream).is_empty() { Ok(()) } else { Err(not_a_workbook()) }
}

/// Stream offsets of the non-zero token lengths of the formulas calamine 0.38 parses.
fn formula_lengths(stream: &[u8]) -> Vec<usize> {
    let mut positions = Vec::new();
    for (_, typ, data) in biff_records(stream, 0) {
        match typ {
            0x0085 if data.len() >= 4 => {
                positions.push(u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize);
            }
            0x000A => break,
            _ => {}
        }
    }
    let mut found = Vec::new();
    for pos in positions.into_iter().filter(|p| *p <= stream.len()) {
        for (at, typ, data, own) in sheet_records(stream, pos) {
            if own && typ == 0x0006 && data.get(20..22).is_some_and(|cce| cce != [0, 0]) {
                found.push(at + 4 + 20);
            }
        }
    }
    found
}

fn put_u16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

/// A compound file holding `stream` as its only stream, "Workbook": 512-byte sectors and
/// the mini stream for a stream under [`CUTOFF`] bytes, 4096-byte sectors otherwise (109
/// FAT sectors in the header then reach 457 MB, past every limit, so no DIFAT is needed).
/// Layout: the stream (or the mini stream holding it), the mini FAT, the directory, the
/// FAT. `None` when the stream is too long for that.
pub(crate) fn compound_of(stream: &[u8]) -> Option<Vec<u8>> {
    let small = stream.len() < CUTOFF;
    let ssz: usize = if small { 512 } else { 4096 };
    let body_len = if small { stream.len().div_ceil(MINI) * MINI } else { stream.len() };
    let n_body = body_len.div_ceil(ssz);
    let n_minifat = if small { (body_len / MINI * 4).div_ceil(ssz) } else { 0 };
    let dir = n_body + n_minifat;
    let mut n_fat = 1;
    while n_fat * ssz / 4 < dir + 1 + n_fat {
        n_fat += 1;
    }
    if n_fat > 109 {
        return None;
    }
    let total = dir + 1 + n_fat;
    let mut out = vec![0u8; ssz.checked_mul(total + 1)?];
    let sector = |id: usize| ssz * (id + 1);
    let id = |i: usize| u32::try_from(i).ok();

    // Header.
    out[..8].copy_from_slice(&SIGNATURE);
    put_u16(&mut out, 0x18, 0x3E);
    put_u16(&mut out, 0x1A, if small { 3 } else { 4 });
    put_u16(&mut out, 0x1C, 0xFFFE);
    put_u16(&mut out, 0x1E, if small { 9 } else { 12 });
    put_u16(&mut out, 0x20, 6);
    put_u32(&mut out, 0x28, if small { 0 } else { 1 });
    put_u32(&mut out, 0x2C, id(n_fat)?);
    put_u32(&mut out, 0x30, id(dir)?);
    put_u32(&mut out, 0x38, CUTOFF as u32);
    put_u32(&mut out, 0x3C, if n_minifat > 0 { id(n_body)? } else { END_OF_CHAIN });
    put_u32(&mut out, 0x40, id(n_minifat)?);
    put_u32(&mut out, 0x44, END_OF_CHAIN);
    for k in 0..109 {
        put_u32(&mut out, 0x4C + 4 * k, if k < n_fat { id(dir + 1 + k)? } else { FREE });
    }

    // The stream, or the mini stream holding it from mini sector 0.
    out[sector(0)..sector(0) + stream.len()].copy_from_slice(stream);
    if n_minifat > 0 {
        let minifat = &mut out[sector(n_body)..sector(dir)];
        minifat.fill(0xFF);
        let minis = body_len / MINI;
        for m in 0..minis {
            put_u32(minifat, 4 * m, if m + 1 < minis { id(m + 1)? } else { END_OF_CHAIN });
        }
    }

    // Directory: the root entry (owning the mini stream), then "Workbook".
    let d = sector(dir);
    out[d..d + ssz].chunks_exact_mut(128).for_each(|e| {
        e[0x44..0x50].fill(0xFF);
    });
    let has_body = n_body > 0;
    let entry = |out: &mut [u8], at: usize, name: &str, typ: u8, child: u32, start: u32, size: usize| {
        let units: Vec<u16> = name.encode_utf16().collect();
        for (k, u) in units.iter().enumerate() {
            put_u16(out, at + 2 * k, *u);
        }
        put_u16(out, at + 0x40, (2 * units.len() + 2) as u16);
        out[at + 0x42] = typ;
        out[at + 0x43] = 1; // black
        put_u32(out, at + 0x4C, child);
        put_u32(out, at + 0x74, start);
        put_u32(out, at + 0x78, size as u32);
    };
    // calamine 0.38 refuses a version 4 file whose root starts at END_OF_CHAIN, even with no
    // mini stream: the root then points at sector 0 with size 0 (never read).
    let root_start = match (small, has_body) {
        (true, true) | (false, _) => 0,
        (true, false) => END_OF_CHAIN,
    };
    let root_size = if small { body_len } else { 0 };
    entry(&mut out, d, "Root Entry", 5, 1, root_start, root_size);
    entry(&mut out, d + 128, "Workbook", 2, FREE, if has_body { 0 } else { END_OF_CHAIN }, stream.len());

    // FAT: the body's chain, the mini FAT's chain, the directory, the FAT sectors.
    let f = sector(dir + 1);
    let fat = &mut out[f..f + n_fat * ssz];
    fat.fill(0xFF);
    let chain = |fat: &mut [u8], first: usize, count: usize| -> Option<()> {
        for s in first..first + count {
            put_u32(fat, 4 * s, if s + 1 < first + count { id(s + 1)? } else { END_OF_CHAIN });
        }
        Some(())
    };
    chain(fat, 0, n_body)?;
    chain(fat, n_body, n_minifat)?;
    chain(fat, dir, 1)?;
    for s in dir + 1..total {
        put_u32(fat, 4 * s, FAT_SECTOR);
    }
    Some(out)
}

#[cfg(test)]
mod tests;

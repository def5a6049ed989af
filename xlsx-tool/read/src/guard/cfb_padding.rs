//! calamine 0.38: a compound file (.xls) whose last sector is short.
//!
//! Writers may end a compound file before the end of its last 512-byte sector
//! (LibreOffice pads it; tools that copy "only the data" cut the padding off).
//! LibreOffice and Excel read such files, and so does calamine 0.38 most of the time. But
//! its `cfb::Sectors::get` (src/cfb.rs), on reaching the end of the file inside a
//! sector, resizes its buffer to the sector's end yet returns only the bytes read
//! (`&self.data[start..len]`); a stream then comes out shorter than its directory entry
//! says, and a sector asked for later past what was read (the mini stream's, which has
//! its own buffer) makes `start > len`: a slice panic — fatal in wasm, where panics
//! abort. No upstream issue was found (searched tafia/calamine issues for short or
//! truncated last sectors; #714 is about header counts). Upstream fix: return
//! `&self.data[start..end]`, the missing bytes as the zeros `resize` put there.
//!
//! Until then the bytes calamine (and the prescan) see are padded here with zeros to a
//! whole number of sectors, as the sector would have been on disk.

use crate::cfb::sector_size;

/// A copy of `bytes` padded with zeros to a whole number of sectors, when `bytes` is a
/// compound file whose length is not one; `None` when nothing needs doing.
pub(crate) fn pad_last_sector(bytes: &[u8]) -> Option<Vec<u8>> {
    let ssz = sector_size(bytes)?;
    let rest = bytes.len() % ssz;
    if rest == 0 {
        return None;
    }
    let mut padded = Vec::with_capacity(bytes.len() + ssz - rest);
    padded.extend_from_slice(bytes);
    padded.resize(bytes.len() + ssz - rest, 0);
    Some(padded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cfb::SIGNATURE;

    #[test]
    fn pads_only_a_short_compound_file() {
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&SIGNATURE);
        header[0x1E] = 9; // 512-byte sectors
        assert_eq!(pad_last_sector(&header), None);
        let mut short = header.clone();
        short.extend_from_slice(&[1; 504]);
        let padded = pad_last_sector(&short).unwrap();
        assert_eq!(padded.len(), 1024);
        assert_eq!(&padded[..1016], &short[..]);
        assert_eq!(padded[1016..], [0; 8]);
        assert_eq!(pad_last_sector(b"PK\x03\x04 not a compound file"), None);
    }
}

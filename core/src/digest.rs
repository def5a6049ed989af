//! Content fingerprints: SHA-256 of a received file (the `sha256` of every submission and
//! of the summary's source list) and the lower-case hex both are written in.

use sha2::{Digest, Sha256};

/// Lower-case hex of bytes.
///
/// # Examples
///
/// ```
/// assert_eq!(jz_core::digest::hex(&[0x0f, 0xa0]), "0fa0");
/// ```
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of bytes as lower-case hex (64 characters).
///
/// # Examples
///
/// ```
/// let h = jz_core::digest::sha256_hex(b"abc");
/// assert!(h.starts_with("ba7816bf"));
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

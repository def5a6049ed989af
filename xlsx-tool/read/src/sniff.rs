//! What a file is before any workbook reader looks at it: an empty file, a web page
//! saved under a spreadsheet's name, or a workbook encrypted with a password to open.
//! Each gets its own diagnostic, with what to do, before another check could misjudge
//! the file (an encrypted .xls read as records looks "too large"; an encrypted .xlsx is
//! a compound file, not a zip).

use std::io::Read;

use jz_core::{Code, Diagnostic};

use crate::cfb::{Compound, SIGNATURE};
use memchr::memmem::find;

use crate::unpack::Zip;

/// The diagnostic for a file that is no workbook for a reason stated here, or `None`
/// when the file may be read. `bytes` of a compound file should already be padded to a
/// whole number of sectors (see [`crate::guard::cfb_padding`]).
/// `zip` is the zip `bytes` hold when they start like one (`None` when it could not be
/// opened).
pub(crate) fn refuse(bytes: &[u8], zip: Option<&mut Zip<'_>>) -> Option<Diagnostic> {
    if bytes.is_empty() {
        return Some(empty_file());
    }
    if bytes.starts_with(&SIGNATURE) {
        return compound_encrypted(bytes).then(encrypted);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip.is_some_and(odf_encrypted).then(encrypted);
    }
    markup(bytes).map(|m| m.diagnostic())
}

/// The `encrypted` diagnostic (whole file): a password to open is set.
pub fn encrypted() -> Diagnostic {
    Diagnostic::new(
        Code::Encrypted,
        None,
        "该文件设置了打开密码（已加密），本工具无法读取。请去掉密码后重新保存，再报送：\
Excel 中点“文件→信息→保护工作簿→用密码进行加密”，清空密码后保存；\
WPS 中点“文件→文档加密→密码加密”，清空密码后保存；\
LibreOffice 中点“文件→另存为”，取消勾选“使用密码保存”后保存。\
只是重新保存或另存为而不清空密码，密码仍然存在。",
    )
}

/// `not-a-workbook` for a file of 0 bytes.
fn empty_file() -> Diagnostic {
    Diagnostic::new(
        Code::NotAWorkbook,
        None,
        "这是一个空文件（0 字节），里面没有任何内容，通常是保存、下载或复制时没有完成。\
请在 Excel 或 WPS 中重新打开填报表，保存为 .xlsx 文件，确认文件大小不为 0 后再报送。",
    )
}

/// Text formats that spreadsheet programs open but that are no workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    /// An HTML page (often what a web system exports as "Excel").
    Html,
    /// A single-file web page (MHTML), as Excel's "单个文件网页" saves it.
    Mhtml,
    /// Excel's "XML 电子表格 2003".
    XmlSpreadsheet2003,
}

impl Markup {
    fn diagnostic(self) -> Diagnostic {
        let what = match self {
            Markup::Html => "该文件其实是一个网页（HTML），只是扩展名像表格文件（常见于从网站或业务系统导出的“Excel”）",
            Markup::Mhtml => "该文件其实是“单个文件网页”（MHTML），不是表格文件",
            Markup::XmlSpreadsheet2003 => "该文件是“XML 电子表格 2003”格式，不是本工具能读取的表格文件",
        };
        Diagnostic::new(
            Code::NotAWorkbook,
            None,
            format!(
                "{what}。请在 Excel 或 WPS 中打开它，点“文件→另存为”，保存类型选择“Excel 工作簿（*.xlsx）”，再报送另存得到的 .xlsx 文件。"
            ),
        )
    }
}

/// Which markup format the text starts as, if any (UTF-8 or UTF-16, with or without BOM).
fn markup(bytes: &[u8]) -> Option<Markup> {
    let head = ascii_head(bytes, 2048);
    let text = head.trim_start();
    let has = |needle: &str| head.contains(needle);
    if text.starts_with("mime-version:") || (text.starts_with("content-") && has("multipart/related")) {
        return Some(Markup::Mhtml);
    }
    if !text.starts_with('<') {
        return None;
    }
    if has("urn:schemas-microsoft-com:office:spreadsheet") || has("progid=\"excel.sheet\"") {
        return Some(Markup::XmlSpreadsheet2003);
    }
    let html = ["<!doctype html", "<html", "<head", "<body", "<table", "<meta", "<style", "<title"];
    html.iter().any(|tag| has(tag)).then_some(Markup::Html)
}

/// The first `max` bytes as lower-case ASCII: a BOM is dropped, UTF-16 is narrowed to
/// its low bytes, anything else not ASCII becomes a space.
fn ascii_head(bytes: &[u8], max: usize) -> String {
    let head = &bytes[..bytes.len().min(max)];
    let narrowed: Vec<u8> = if let Some(rest) = head.strip_prefix(&[0xFF, 0xFE]) {
        rest.chunks(2).map(|p| if p.get(1) == Some(&0) { p[0] } else { b' ' }).collect()
    } else if let Some(rest) = head.strip_prefix(&[0xFE, 0xFF]) {
        rest.chunks(2).map(|p| if p[0] == 0 { p.get(1).copied().unwrap_or(b' ') } else { b' ' }).collect()
    } else {
        head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head).to_vec()
    };
    narrowed.iter().map(|b| if b.is_ascii() && *b != 0 { b.to_ascii_lowercase() as char } else { ' ' }).collect()
}

/// Whether a compound file is encrypted: an encrypted Office Open XML package (an
/// `EncryptionInfo` or `EncryptedPackage` stream, whatever the file's extension), or an
/// .xls whose workbook stream has a `FILEPASS` record in its globals.
fn compound_encrypted(bytes: &[u8]) -> bool {
    let Some(cfb) = Compound::parse(bytes) else { return false };
    if cfb.has("EncryptionInfo") || cfb.has("EncryptedPackage") {
        return true;
    }
    // FILEPASS comes right after the globals' BOF; 64 KB hold it in any real file.
    cfb.stream(&["Workbook", "Book"], 64 * 1024).is_some_and(|s| biff_filepass(&s))
}

/// Whether BIFF records up to the first `EOF` hold a `FILEPASS` (0x002F).
fn biff_filepass(stream: &[u8]) -> bool {
    let mut i = 0usize;
    while let (Some(typ), Some(len)) = (u16_le(stream, i), u16_le(stream, i + 2)) {
        match typ {
            0x002F => return true,
            0x000A => return false,
            _ => i += 4 + len as usize,
        }
    }
    false
}

fn u16_le(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

/// Whether a zip is an encrypted OpenDocument file: its `META-INF/manifest.xml` gives
/// `manifest:encryption-data` for a part.
fn odf_encrypted(archive: &mut Zip<'_>) -> bool {
    let Ok(entry) = archive.by_name("META-INF/manifest.xml") else { return false };
    let mut xml = Vec::new();
    // A manifest lists the parts: a few KB. 4 MB is far more than any real one.
    if entry.take(4 * 1024 * 1024).read_to_end(&mut xml).is_err() {
        return false;
    }
    find(&xml, b"encryption-data").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_pages_and_xml_spreadsheets_are_named() {
        let cases: [(&[u8], Option<Markup>); 8] = [
            (b"<html><body><table><tr><td>1</td></tr></table></body></html>", Some(Markup::Html)),
            (b"\xEF\xBB\xBF\r\n  <!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0//EN\">", Some(Markup::Html)),
            (b"<table border=1><tr><td>\xe5\x8d\x95\xe4\xbd\x8d</td></tr></table>", Some(Markup::Html)),
            (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x", Some(Markup::Mhtml)),
            (
                b"<?xml version=\"1.0\"?>\r\n<?mso-application progid=\"Excel.Sheet\"?>\r\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
                Some(Markup::XmlSpreadsheet2003),
            ),
            (b"\xFF\xFE<\0h\0t\0m\0l\0>\0", Some(Markup::Html)),
            (b"\xe5\xba\x8f\xe5\x8f\xb7,<html>", None),
            (b"a,b\n1,2\n", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(markup(bytes), want, "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        assert!(empty_file().message.contains("空文件"));
        let html = Markup::Html.diagnostic();
        assert_eq!(html.code, Code::NotAWorkbook);
        assert!(html.message.contains("网页") && html.message.contains("另存为"), "{}", html.message);
        let e = encrypted();
        assert_eq!(e.code, Code::Encrypted);
        for part in ["文件→信息→保护工作簿→用密码进行加密", "文件→文档加密→密码加密", "使用密码保存", "密码仍然存在"]
        {
            assert!(e.message.contains(part), "{part}");
        }
    }

    #[test]
    fn filepass_only_in_the_globals() {
        let rec = |typ: u16, len: u16| {
            let mut r = typ.to_le_bytes().to_vec();
            r.extend_from_slice(&len.to_le_bytes());
            r.extend(std::iter::repeat_n(0u8, len as usize));
            r
        };
        let bof = rec(0x0809, 16);
        assert!(biff_filepass(&[bof.clone(), rec(0x002F, 54)].concat()));
        assert!(!biff_filepass(&[bof.clone(), rec(0x000A, 0), rec(0x002F, 54)].concat()));
        assert!(!biff_filepass(&bof[..10]));
    }
}

//! Finding and reading the files a user names, from disk: the CLI's edge.
//!
//! - Folders are scanned recursively for [`super::SPREADSHEET_EXTENSIONS`]; every other
//!   file is listed as [`Skipped`] with its reason. Links to folders are followed once
//!   (a link back to a folder already scanned is listed as skipped, so loops end).
//! - Nothing is opened before its metadata says it is a regular file within the size
//!   limit, so a FIFO or a device (`/dev/zero`) never blocks or floods the run, and a
//!   1 GB file is refused without reading it. At most `limit + 1` bytes are read, in
//!   case the file grows in between.
//! - An entry that cannot be read (a broken link, a FIFO, a device, no permission, a
//!   path that does not exist) gets a `not-a-workbook` diagnostic naming the reason,
//!   and the caller goes on with the rest.

use std::collections::HashSet;
use std::fs::{self, File, FileType, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use jz_core::{Code, Diagnostic};

use super::{SkipReason, Skipped, skip_folder_reason, skip_reason};
use crate::limits::{Limits, file_too_large};

/// One input to read: a file named by the user or found in a folder, or a folder that
/// could not be listed (its diagnostic is known already).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The path as given or found.
    pub path: PathBuf,
    /// Set when the entry is known to be unreadable without opening it.
    problem: Option<Diagnostic>,
}

impl Entry {
    /// An entry to be read from `path`.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Entry { path: path.into(), problem: None }
    }

    /// The file's bytes, at most `limits.max_file_bytes` of them.
    ///
    /// # Errors
    /// The diagnostic to report for this entry instead: `too-large` (size, from the
    /// metadata, before reading) or `not-a-workbook` (not a regular file, no permission,
    /// a broken link, missing, a folder that could not be listed).
    pub fn read(&self, limits: &Limits) -> Result<Vec<u8>, Diagnostic> {
        match &self.problem {
            Some(d) => Err(d.clone()),
            None => read_regular_file(&self.path, limits.max_file_bytes)
                .map_err(|e| e.diagnostic(|| file_too_large(limits))),
        }
    }
}

/// The inputs of a run: what to read, in order, and what was skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    /// Files named by the user (in the order given) and spreadsheets found in the folders
    /// named (sorted by path within each folder).
    pub entries: Vec<Entry>,
    /// Files in the folders that are not read, with the reason, sorted by path.
    pub skipped: Vec<Skipped>,
}

/// Expands `inputs`: a folder becomes the spreadsheets inside it (recursively), anything
/// else is read as it is (a file named explicitly is read by its content whatever its
/// extension; a path that cannot be read gets its diagnostic when read). Never fails.
pub fn scan(inputs: &[PathBuf]) -> Scan {
    let mut scan = Scan::default();
    let mut seen = HashSet::new();
    for input in inputs {
        if fs::metadata(input).is_ok_and(|m| m.is_dir()) {
            let mut found = Scan::default();
            walk(input, &mut found, &mut seen);
            found.entries.sort_by(|a, b| a.path.cmp(&b.path));
            scan.entries.extend(found.entries);
            scan.skipped.extend(found.skipped);
        } else {
            scan.entries.push(Entry::file(input));
        }
    }
    scan.skipped.sort();
    scan
}

fn walk(dir: &Path, scan: &mut Scan, seen: &mut HashSet<PathBuf>) {
    let skip = |scan: &mut Scan, path: &Path, reason: SkipReason| {
        scan.skipped.push(Skipped { path: path.display().to_string(), reason: reason.message() });
    };
    if let Ok(real) = fs::canonicalize(dir)
        && !seen.insert(real)
    {
        skip(scan, dir, SkipReason::FolderSeen);
        return;
    }
    let listing = match fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) => {
            scan.entries.push(Entry { path: dir.to_path_buf(), problem: Some(folder_unreadable(&e)) });
            return;
        }
    };
    for item in listing {
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                scan.entries.push(Entry { path: dir.to_path_buf(), problem: Some(folder_unreadable(&e)) });
                break;
            }
        };
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        // `metadata` follows links and never opens the file: a FIFO does not block here.
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => match skip_folder_reason(&name) {
                Some(reason) => skip(scan, &path, reason),
                None => walk(&path, scan, seen),
            },
            Ok(m) if m.is_file() => match skip_reason(&name, m.len()) {
                Some(reason) => skip(scan, &path, reason),
                None => scan.entries.push(Entry::file(path)),
            },
            // Not a regular file, or a broken link, or no permission: a spreadsheet's name
            // gets its diagnostic when read; anything else is listed as skipped.
            _ => match skip_reason(&name, 0) {
                Some(reason) => skip(scan, &path, reason),
                None => scan.entries.push(Entry::file(path)),
            },
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than the limit (from the metadata, or more bytes came than it said).
    TooLarge,
    /// Not readable as a file; the text says why, in Chinese.
    Unreadable(String),
}

impl ReadError {
    /// The diagnostic for a unit's file: `too_large` makes the `too-large` one.
    pub fn diagnostic(self, too_large: impl FnOnce() -> Diagnostic) -> Diagnostic {
        match self {
            ReadError::TooLarge => too_large(),
            ReadError::Unreadable(reason) => Diagnostic::new(Code::NotAWorkbook, None, reason),
        }
    }
}

/// Reads at most `max_bytes` of the regular file at `path` (links followed), checking
/// its type and size from the metadata before opening it.
///
/// # Errors
/// [`ReadError::TooLarge`] past `max_bytes`; [`ReadError::Unreadable`] with the reason in
/// Chinese for anything that is not a readable regular file.
pub fn read_regular_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(|e| ReadError::Unreadable(io_reason(path, &e)))?;
    check_regular(&meta)?;
    if meta.len() > max_bytes {
        return Err(ReadError::TooLarge);
    }
    let file = File::open(path).map_err(|e| ReadError::Unreadable(io_reason(path, &e)))?;
    // The path may have been replaced in between: check what was actually opened.
    let opened = file.metadata().map_err(|e| ReadError::Unreadable(io_reason(path, &e)))?;
    check_regular(&opened)?;
    let capacity = usize::try_from(opened.len().min(max_bytes)).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Unreadable(io_reason(path, &e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

fn check_regular(meta: &Metadata) -> Result<(), ReadError> {
    if meta.is_file() {
        Ok(())
    } else if meta.is_dir() {
        Err(ReadError::Unreadable(unreadable("这是一个文件夹，不是文件", "请选择文件夹中的表格文件")))
    } else {
        Err(ReadError::Unreadable(unreadable(
            &format!("这是{}，不是普通文件，无法作为表格读取", special_kind(&meta.file_type())),
            "请放入单位报送的表格文件",
        )))
    }
}

/// What kind of special file this is, in Chinese.
fn special_kind(t: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "一个命名管道（FIFO）";
        }
        if t.is_char_device() || t.is_block_device() {
            return "一个设备文件";
        }
        if t.is_socket() {
            return "一个套接字（socket）文件";
        }
    }
    let _ = t;
    "一个特殊文件"
}

/// The reason an I/O error gives, in Chinese (never the system's English text).
fn io_reason(path: &Path, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            unreadable("这是一个失效的快捷方式（符号链接），它指向的文件已不存在", "请把单位报送的原文件放到这里后再试")
        }
        io::ErrorKind::NotFound => {
            unreadable("找不到这个文件，它可能已被移动、改名或删除", "请检查文件名和所在位置后再试")
        }
        io::ErrorKind::PermissionDenied => {
            unreadable("没有读取这个文件的权限", "请关闭正在使用它的程序，或请管理员开放读取权限后再试")
        }
        _ => unreadable(&system_error(e), "请把文件复制到本机硬盘后再试"),
    }
}

/// `not-a-workbook` for a folder that could not be listed.
fn folder_unreadable(e: &io::Error) -> Diagnostic {
    let why = match e.kind() {
        io::ErrorKind::PermissionDenied => "没有访问权限".to_string(),
        _ => system_error(e),
    };
    Diagnostic::new(
        Code::NotAWorkbook,
        None,
        format!("无法打开这个文件夹（{why}），其中的文件都没有检查。请开放访问权限或把文件复制出来后再试。"),
    )
}

fn system_error(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => format!("读取时出现系统错误（错误代码 {code}）"),
        None => "读取时出现系统错误".to_string(),
    }
}

fn unreadable(reason: &str, advice: &str) -> String {
    format!("无法读取该文件：{reason}。{advice}。")
}

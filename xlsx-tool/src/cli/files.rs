//! The CLI's files: scanning the inputs named, reading them on all cores with a
//! progress bar ([`each_file`]), and writing outputs.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::{Context, Result};
use jz_core::Diagnostic;
use xlsx_tool::Limits;
use xlsx_tool::inputs::disk::{Entry, Scan, read_regular_file, scan};

/// Reads every entry (within `limits`) and runs `work` on its bytes, or on the
/// diagnostic saying why it cannot be read, on all cores (one file in memory per core),
/// handing each result with its index in `paths` to `sink` on this thread as it
/// arrives, with a progress bar.
/// Stops at the first `Err` of `work`.
pub(super) fn each_file<T: Send>(
    paths: &[Entry],
    limits: &Limits,
    work: impl Fn(&str, Result<Vec<u8>, Diagnostic>) -> Result<T> + Sync,
    mut sink: impl FnMut(usize, T),
) -> Result<()> {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(paths.len().max(1));
    let mut progress = Progress::new(paths.len());
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<(usize, Result<T>)>(workers * 2);
        for _ in 0..workers {
            let (tx, next, work) = (tx.clone(), &next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let result = work(&path.path.display().to_string(), path.read(limits));
                    let failed = result.is_err();
                    if tx.send((i, result)).is_err() || failed {
                        next.store(paths.len(), Ordering::Relaxed);
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            progress.step(&paths[i].path);
            match result {
                Ok(value) => sink(i, value),
                Err(e) => {
                    next.store(paths.len(), Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(())
    })?;
    progress.done();
    Ok(())
}

/// Files as given, directories expanded (recursively, sorted) to the spreadsheets inside;
/// every other file found is listed as skipped with its reason (`xlsx_tool::inputs`).
pub(super) fn expand_inputs(inputs: &[PathBuf]) -> Scan {
    scan(inputs)
}

/// A city summary's bytes, within the summary's own size limit.
pub(super) fn read_summary_file(path: &Path) -> Result<Vec<u8>> {
    read_regular_file(path, Limits::summary().max_file_bytes).map_err(|e| {
        anyhow::anyhow!("{}", e.diagnostic(|| xlsx_tool::limits::file_too_large(&Limits::summary())).message)
    })
}

/// Writes `bytes` to `path`, creating its folder first.
pub(super) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("无法写入文件 {}", path.display()))
}

/// A one-line progress bar on stderr, shown only when stderr is a terminal and there are
/// several files.
struct Progress {
    total: usize,
    done: usize,
    on: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Progress { total, done: 0, on: total > 3 && std::io::stderr().is_terminal() }
    }

    fn step(&mut self, path: &Path) {
        self.done += 1;
        if self.on {
            let width = 30;
            let filled = self.done * width / self.total.max(1);
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let mut err = std::io::stderr();
            let _ = write!(
                err,
                "\r[{}{}] {}/{} {:<40}",
                "#".repeat(filled),
                " ".repeat(width - filled),
                self.done,
                self.total,
                name.chars().take(40).collect::<String>()
            );
            let _ = err.flush();
        }
    }

    fn done(&self) {
        if self.on {
            eprintln!();
        }
    }
}

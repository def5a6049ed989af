//! Every read path besides the unit workbook's — a summary (`read`), a plan workbook
//! (`--plan FILE plan`), the Word annex (`plan import`) — fed every hostile fixture and
//! encrypted file (contract §14: one guarded entry for every workbook and document): each run
//! answers within [`TIME`] and [`MEMORY_KB`], refuses with exit code 2, and says why in one
//! plain Chinese sentence on stderr — no panic text, no English.
//!
//! A hostile fixture that is still a summary (`summary_*`: a summary with a far-away cell)
//! may be read as one, within the same bounds.
//!
//! Each run is a child process of its own under GNU time (`/usr/bin/time -f %M`), as in
//! `corpus.rs`, so its time and peak memory are its own.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Most time one read may take.
const TIME: Duration = Duration::from_secs(5);
/// Most memory (peak resident set) one read may take.
const MEMORY_KB: u64 = 512 * 1024;
const GNU_TIME: &str = "/usr/bin/time";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// The hostile fixtures and the encrypted files, plus a unit workbook and a CSV (not a
/// summary, not a plan, not a Word document either).
fn inputs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["hostile", "encrypted"] {
        for entry in std::fs::read_dir(fixtures().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            if !matches!(ext, "py" | "md" | "sh") {
                files.push(path);
            }
        }
    }
    files.push(fixtures().join("good_mengzhou.xlsx"));
    files.push(fixtures().join("csv_utf8.csv"));
    files.sort();
    files
}

/// What one run gave: exit code, stderr, wall time, peak memory.
struct Run {
    code: Option<i32>,
    stderr: String,
    elapsed: Duration,
    peak_kb: Option<u64>,
}

fn run(args: &[&str], rss: &Path) -> Run {
    let measured = Path::new(GNU_TIME).exists();
    let mut command = if measured {
        let mut c = Command::new(GNU_TIME);
        c.args(["-q", "-f", "%M", "-o"]).arg(rss).arg(env!("CARGO_BIN_EXE_xlsx-tool"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_xlsx-tool"))
    };
    let start = Instant::now();
    let out = command.args(args).stdin(Stdio::null()).output().expect("run xlsx-tool");
    let elapsed = start.elapsed();
    let peak_kb = measured.then(|| std::fs::read_to_string(rss).ok()).flatten().and_then(|t| t.trim().parse().ok());
    Run { code: out.status.code(), stderr: String::from_utf8_lossy(&out.stderr).into_owned(), elapsed, peak_kb }
}

/// Why `run` broke a rule, if it did. `readable`: the file is a summary the read may
/// accept (an edited summary that is still one), which must then print it on stdout.
fn judge(run: &Run, readable: bool) -> Option<String> {
    if readable && run.code == Some(0) && run.stderr.trim().is_empty() && run.elapsed <= TIME {
        return run.peak_kb.filter(|&kb| kb > MEMORY_KB).map(|kb| format!("peak memory {} MB", kb / 1024));
    }
    let mut wrong = Vec::new();
    if run.elapsed > TIME {
        wrong.push(format!("took {:?}", run.elapsed));
    }
    if let Some(kb) = run.peak_kb.filter(|&kb| kb > MEMORY_KB) {
        wrong.push(format!("peak memory {} MB", kb / 1024));
    }
    if run.code != Some(2) {
        wrong.push(format!("exit {:?}, expected 2", run.code));
    }
    let text = run.stderr.trim();
    let chinese = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let rust = ["panicked", "called `", "thread '", "Error(", "RUST_BACKTRACE", "error:"];
    if !text.starts_with("错误：") || !chinese || rust.iter().any(|r| text.contains(r)) {
        wrong.push(format!("stderr is not one Chinese refusal: {text}"));
    }
    (!wrong.is_empty()).then(|| wrong.join("; "))
}

#[test]
fn summary_plan_and_word_readers_refuse_hostile_files_in_chinese_within_bounds() {
    let scratch = common::scratch("read-paths");
    let rss = scratch.join("peak.rss");
    let out = scratch.join("计划.xlsx");
    let mut failures = Vec::new();
    let mut runs = 0;
    for file in inputs() {
        let f = common::s(&file);
        let reads: [(&str, Vec<&str>); 3] = [
            ("summary", vec!["read", f, "--json"]),
            ("plan workbook", vec!["--plan", f, "plan", "--json"]),
            ("Word annex", vec!["plan", "import", f, "-o", common::s(&out), "--json"]),
        ];
        for (what, args) in reads {
            runs += 1;
            let readable =
                what == "summary" && file.file_name().is_some_and(|n| n.to_string_lossy().starts_with("summary_"));
            if let Some(why) = judge(&run(&args, &rss), readable) {
                failures.push(format!("{} as a {what}: {why}", file.display()));
            }
        }
    }
    assert!(!out.exists(), "a hostile file was imported as a plan");
    assert!(runs > 60, "only {runs} runs: fixtures missing?");
    assert!(failures.is_empty(), "{} reads broke a rule:\n{}", failures.len(), failures.join("\n"));
}

//! Helpers shared by the tests that run the `xlsx-tool` binary: run it, parse its JSON,
//! make a scratch folder. Each test file uses some of them.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `xlsx-tool` with `args`.
pub fn tool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xlsx-tool")).args(args).output().expect("run xlsx-tool")
}

/// The JSON the run printed on stdout.
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

/// An empty folder of this test binary and process, named `name`.
pub fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("xlsx-tool-{}-{}-{name}", env!("CARGO_CRATE_NAME"), std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A path as `&str` (every test path is UTF-8).
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

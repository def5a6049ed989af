//! The one error type of this crate: a plan file that cannot be used.

use thiserror::Error;

/// Why a plan file was refused. Every message names the bad item so the author can fix it.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The file is neither valid TOML nor valid JSON for the plan schema.
    #[error("计划文件无法解析：{0}")]
    Syntax(String),
    /// The file parsed, but an item in it is inconsistent.
    #[error("计划文件有误：{0}")]
    Invalid(String),
}

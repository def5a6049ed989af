//! The error of a read that cannot give its result.
//!
//! Problems *in* a unit's file are not errors: they are [`jz_core::Diagnostic`]s returned
//! as data. A plan file's problems are [`crate::plan_file::PlanFileError`].

use thiserror::Error;

/// Why a city summary could not be read back. Messages are plain Chinese.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// The file is not a city summary made by this tool.
    #[error("该文件不是本工具生成的汇总表：{0}")]
    NotASummary(String),
}

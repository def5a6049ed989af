//! The one error type of this crate: the call itself could not proceed.
//!
//! Problems *in* a unit's file are not errors: they are [`jz_core::Diagnostic`]s returned
//! as data. An [`Error`](enum@Error) means e.g. the plan is bad or a workbook could not be written.

use thiserror::Error;

/// Why an operation failed. Messages are plain Chinese for the people who see them.
#[derive(Debug, Error)]
pub enum Error {
    /// The plan file is unusable.
    #[error(transparent)]
    Plan(#[from] jz_core::PlanError),
    /// The unit name is not one of the plan's units.
    #[error("“{unit}”不是计划中的责任单位。请使用计划中的单位名称，例如{examples}。")]
    UnknownUnit {
        /// The name given.
        unit: String,
        /// Units of the plan in use as examples, quoted (`“市场监管局”或“孟州市”`, from
        /// `Plan::example_units`).
        examples: String,
    },
    /// The year is outside the plan's years.
    #[error("{}", jz_core::plan::year_outside(*.year, *.first, *.last))]
    BadYear {
        /// The year given.
        year: i64,
        /// First plan year.
        first: u16,
        /// Last plan year.
        last: u16,
    },
    /// Writing a workbook failed inside rust_xlsxwriter.
    #[error("生成工作簿失败：{0}")]
    Write(#[from] rust_xlsxwriter::XlsxError),
    /// A city summary could not be read back.
    #[error(transparent)]
    Read(#[from] jz_read::Error),
    /// Writing the Word report failed (the package is built in memory).
    #[error("生成 Word 报告失败：{0}。请重试；如仍失败，请把输入文件发给技术人员。")]
    Report(String),
}

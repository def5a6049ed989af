//! The untrusted-input boundary of the project: everything that reads bytes from outside.
//!
//! Units' workbooks, city summaries passed around, plan workbooks and the plan's Word annex
//! all arrive as bytes nobody here wrote. This crate alone depends on calamine, zip, the
//! compound-file reader and quick-xml's reader; it exposes four reads from bytes, each
//! within [`Limits`] (whole-workbook bounds on memory and time), each answering in plain
//! Chinese, none panicking:
//!
//! | Input | Entry | Result |
//! |---|---|---|
//! | A unit's workbook (.xlsx .xlsm .xls .et .xlsb .ods .csv) | [`read_unit_workbook`], or [`check()`] to also validate it; [`check_with`] with the person's [`Mapping`] of headers to template columns | [`unit_workbook::ReadResult`], [`Checked`] |
//! | A city summary (汇总表) | [`summary::open_summary`] then `.summary()`, `.history(..)`, `.merge()` | [`jz_core::merge::MergeSummary`], [`jz_core::merge::HistorySource`], [`jz_core::Merge`] |
//! | A plan file (plan workbook, TOML, JSON) | [`plan_file::load_plan`] | [`jz_core::Plan`] or [`plan_file::PlanFileError`] |
//! | The plan's Word annex (.docx) | [`plan_file::import_docx`] | [`plan_file::Imported`] |
//!
//! Every spreadsheet goes through one guarded entry, `open` (private): size, format sniffing,
//! encrypted and empty files, zip inflation with the calamine workarounds of [`guard`], the
//! prescans that prevent what calamine 0.38 would panic on — only then calamine. In wasm a
//! panic is a trap nothing can catch, so the prescans, not [`quiet_panic`], are the defence
//! there. Which files of a folder are inputs at all is [`inputs`].
//!
//! Writers (templates, the summary, the Word report) and the command line sit on top, in
//! `xlsx-tool`; this crate writes nothing but the private stored copy of a zip it reads.
//!
//! # Example
//!
//! ```
//! let plan = jz_core::Plan::builtin();
//! let checked = jz_read::check(&plan, b"\xD0\xCF\x11\xE0 not really", "坏文件.xls", &jz_read::Limits::default());
//! assert!(!checked.ok());
//! assert_eq!(checked.diagnostics[0].code.as_str(), "not-a-workbook");
//! ```

mod cfb;
pub mod check;
mod csvgrid;
pub mod error;
mod format;
mod grid;
pub mod guard;
pub mod inputs;
pub mod limits;
mod open;
pub mod plan_file;
pub mod quiet_panic;
mod sheets;
mod sniff;
pub mod summary;
pub mod unit_workbook;
pub mod unpack;

pub use check::{Checked, FileResult, check, check_located, check_located_with, check_with};
pub use error::Error;
pub use format::detect;
pub use limits::Limits;
pub use unit_workbook::{Format, Kind, Mapping, MappingError, ReadResult, read_unit_workbook, read_unit_workbook_with};

//! The plan as a file people edit (contract §9): loading a plan file and importing the Word
//! annex are reads of untrusted bytes, in [`jz_read::plan_file`] (re-exported here); writing
//! the plan workbook is [`export_plan`].

mod export;
#[cfg(test)]
mod tests;

pub use export::{export_plan, try_export_plan};
pub use jz_read::plan_file::*;

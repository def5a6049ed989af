//! Bytes in, the merge's inputs out: each file is read and checked ([`Reader::read`], safe
//! to run on any thread) into a [`jz_core::merge::Input`] — a unit file validated, an
//! earlier summary's data, or a summary whose data cannot be read — and handed to core's
//! streaming merge ([`jz_core::merge::Merging`]), which alone chooses each unit's file,
//! builds 变更记录 and lists what was not read. The CLI (on all cores),
//! [`crate::merge_files`], the report and the browser all run it.

pub use jz_core::merge::{Input, MAX_SUPERSEDED_WITH_CHANGES};
use jz_core::merge::{Merging, Skipped};
use jz_core::{Merge, Plan};

use jz_read::{Kind, Limits, check_located, summary};

/// Reads and checks files for a [`Merger`]; cheap to copy, usable from any thread.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'p> {
    plan: &'p Plan,
    year: u16,
    limits: Limits,
}

impl Reader<'_> {
    /// Reads one file: a unit workbook (checked; slimmed unless it is a valid file of the
    /// merge year) or a city summary (its data of earlier years).
    pub fn read(&self, name: &str, bytes: &[u8]) -> Input {
        let (checked, cells) = check_located(self.plan, bytes, name, &self.limits);
        if checked.kind == Kind::Summary {
            return match summary::read_history(name, bytes) {
                Ok(h) => Input::Summary(h),
                Err(e) => Input::Unreadable(Skipped {
                    path: name.to_string(),
                    reason: format!("这是汇总表，但无法读出其中的往年数据（{e}）"),
                }),
            };
        }
        let mut sub = checked.into_located_submission(bytes, cells);
        // Trimmed here, on the worker thread, as the merge would trim it.
        sub.trim_for(self.year);
        Input::Report(Box::new(sub))
    }
}

/// The streaming merge: [`Merger::add`] (or [`Reader::read`] then [`Merger::push`]) each
/// file in any order, then [`Merger::finish`]. The result never depends on the order.
///
/// # Examples
///
/// Feed files one at a time (here the built-in sample set plus a stray file), then look
/// at the merge: accepted, rejected and superseded files, missing units, totals.
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// let mut merger = xlsx_tool::Merger::new(&plan, 2025, &xlsx_tool::Limits::default());
/// for (name, bytes) in xlsx_tool::sample::sample_set(&plan, 2025, 1)? {
///     merger.add(&name, &bytes);
/// }
/// merger.add("x.xlsx", b"not a workbook");
/// let merge = merger.finish();
/// assert!(merge.summary.rejected.iter().any(|p| p == "x.xlsx"));
/// assert!(!merge.summary.accepted.is_empty());
/// assert_eq!(merge.summary.missing_units, ["中医药局", "博爱县"]); // 博爱县 was rejected
/// // The summary workbook of this merge:
/// let xlsx = xlsx_tool::summary::write_summary(&plan, &merge)?;
/// assert!(xlsx.starts_with(b"PK"));
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
#[derive(Debug)]
pub struct Merger<'p> {
    reader: Reader<'p>,
    merging: Merging<'p>,
}

impl<'p> Merger<'p> {
    /// A merge of the summary of `year` under `plan`.
    pub fn new(plan: &'p Plan, year: u16, limits: &Limits) -> Self {
        Merger { reader: Reader { plan, year, limits: *limits }, merging: Merging::new(plan, year) }
    }

    /// The reader to run on worker threads; [`Merger::push`] what it returns.
    pub fn reader(&self) -> Reader<'p> {
        self.reader
    }

    /// Reads one file and takes it in. A summary whose data cannot be read is listed in
    /// the merge's `summary.skipped` with the reason.
    pub fn add(&mut self, name: &str, bytes: &[u8]) {
        let input = self.reader.read(name, bytes);
        self.push(input);
    }

    /// Takes in a file read by [`Reader::read`] (or an input not read: [`Input::Unreadable`]).
    pub fn push(&mut self, input: Input) {
        self.merging.push(input);
    }

    /// The merge of everything added ([`jz_core::merge::Merging::finish`]): outcomes,
    /// totals, the multi-year view with its cross-year warnings, 变更记录, the follow-up
    /// lists and the inputs not read.
    pub fn finish(self) -> Merge {
        self.merging.finish()
    }
}

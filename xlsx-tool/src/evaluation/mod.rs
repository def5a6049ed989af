//! The end-of-plan evaluation, 终期评估 (contract §12): the merges of every year of the
//! plan from the inputs of `merge` (unit files of any year and city summaries, in any mix),
//! [`jz_core::evaluation::evaluate`] over them, the workbook ([`write_workbook`]) and the
//! Word report ([`write_report`]).
//!
//! Each input is read once ([`Reader::read`]); a unit file joins the merge of the year it
//! states (a file of no readable year joins the last year's, where `merge --year` would
//! reject it too); a file of a year after the evaluation's (an interim evaluation) is left
//! out and listed as skipped, so it does not make its unit 退回 in the last year. The merge of each year is exactly
//! `merge --year Y` given that year's unit files; when no unit file of a year is accepted,
//! a summary of that year stands in ([`crate::report::summary_fallback`], as for the annual
//! report), so four summaries alone give the same evaluation as the files they summarise.

mod report;
mod workbook;

use std::collections::BTreeMap;

use jz_core::evaluation::{Evaluation, evaluate};
use jz_core::merge::Skipped;
use jz_core::{Merge, Plan, Submission};
use jz_read::{Kind, Limits, check_located, summary};

use crate::Error;

pub use report::{HEADINGS, INDICATOR_COLUMNS, UNIT_COLUMNS as REPORT_UNIT_COLUMNS, title, write_report};
pub use workbook::{INDICATOR_SHEET, MEASURE_SHEET, UNIT_COLUMNS, UNIT_SHEET, write_workbook};

/// The workbook's file name: `终期评估表.xlsx` (`中期评估表.xlsx` for an interim evaluation).
pub fn workbook_name(e: &Evaluation) -> String {
    format!("{}评估表.xlsx", if e.interim { "中期" } else { "终期" })
}

/// One input once read.
#[derive(Debug)]
pub enum Input {
    /// A unit workbook, checked.
    Report(Box<Submission>),
    /// A city summary: its path, own year and bytes (read again only if it stands in).
    Summary {
        /// The path as given.
        path: String,
        /// The summary's own year.
        year: u16,
        /// The workbook.
        bytes: Vec<u8>,
    },
    /// A summary whose data cannot be read: its path and why, in Chinese.
    Unreadable(Skipped),
}

/// Reads inputs for an [`Evaluator`]; cheap to copy, usable from any thread.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'p> {
    plan: &'p Plan,
    limits: Limits,
}

impl Reader<'_> {
    /// Reads one file: a unit workbook (checked) or a city summary.
    pub fn read(&self, name: &str, bytes: &[u8]) -> Input {
        let (checked, cells) = check_located(self.plan, bytes, name, &self.limits);
        if checked.kind == Kind::Summary {
            return match summary::read_history(name, bytes) {
                Ok(h) => Input::Summary { path: name.to_string(), year: h.year, bytes: bytes.to_vec() },
                Err(e) => Input::Unreadable(Skipped {
                    path: name.to_string(),
                    reason: format!("这是汇总表，但无法读出其中的数据（{e}）"),
                }),
            };
        }
        let mut sub = checked.into_located_submission(bytes, cells);
        sub.cells = Default::default();
        if sub.has_errors() {
            sub.slim();
        }
        Input::Report(Box::new(sub))
    }
}

/// What an evaluation found: the evaluation, the merge of each year it was made from, and
/// the inputs not used.
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// The evaluation (the JSON of contract §12).
    pub evaluation: Evaluation,
    /// The merge of each year evaluated, ascending.
    pub merges: Vec<Merge>,
    /// Rejected unit files of every year, sorted.
    pub rejected: Vec<String>,
    /// Inputs not read (summaries whose data cannot be read), sorted.
    pub skipped: Vec<Skipped>,
}

/// The evaluation fed a file at a time ([`Evaluator::add`], or [`Reader::read`] on worker
/// threads then [`Evaluator::push`]), in any order, then [`Evaluator::finish`].
#[derive(Debug)]
pub struct Evaluator<'p> {
    reader: Reader<'p>,
    end: u16,
    by_year: BTreeMap<u16, Vec<Submission>>,
    summaries: Vec<(String, u16, Vec<u8>)>,
    skipped: Vec<Skipped>,
}

impl<'p> Evaluator<'p> {
    /// An evaluation of `plan` from its first year up to `end` (its last year for the
    /// 终期评估, an earlier one for an interim evaluation).
    ///
    /// # Errors
    /// [`Error::BadYear`] when `end` is not a year of the plan.
    pub fn new(plan: &'p Plan, end: u16, limits: &Limits) -> Result<Self, Error> {
        if !plan.has_year(i64::from(end)) {
            return Err(Error::BadYear { year: i64::from(end), first: plan.first_year, last: plan.last_year });
        }
        Ok(Evaluator {
            reader: Reader { plan, limits: *limits },
            end,
            by_year: BTreeMap::new(),
            summaries: Vec::new(),
            skipped: Vec::new(),
        })
    }

    /// The reader to run on worker threads; [`Evaluator::push`] what it returns.
    pub fn reader(&self) -> Reader<'p> {
        self.reader
    }

    /// Reads one file and takes it in.
    pub fn add(&mut self, name: &str, bytes: &[u8]) {
        let input = self.reader.read(name, bytes);
        self.push(input);
    }

    /// Takes in a file read by [`Reader::read`].
    pub fn push(&mut self, input: Input) {
        match input {
            Input::Report(sub) => {
                let first = self.reader.plan.first_year;
                match sub.report.year {
                    Some(y) if y > self.end => self.skipped.push(Skipped {
                        path: sub.path,
                        reason: format!("这是 {y} 年度的报告，晚于评估截止年度 {}，未计入本次评估", self.end),
                    }),
                    year => {
                        let year = year.map_or(self.end, |y| y.max(first));
                        self.by_year.entry(year).or_default().push(*sub);
                    }
                }
            }
            Input::Summary { path, year, bytes } => self.summaries.push((path, year, bytes)),
            Input::Unreadable(s) => self.skipped.push(s),
        }
    }

    /// The merge of each year, then the evaluation over them.
    ///
    /// # Errors
    /// [`Error::Read`] when a summary standing in for a year cannot be read back.
    pub fn finish(self) -> Result<Evaluated, Error> {
        let Evaluator { reader, end, mut by_year, summaries, mut skipped } = self;
        let plan = reader.plan;
        let mut merges = Vec::new();
        let mut rejected = Vec::new();
        for year in plan.first_year..=end {
            let subs = by_year.remove(&year).unwrap_or_default();
            let merge = jz_core::merge(plan, year, subs);
            rejected.extend(merge.summary.rejected.iter().cloned());
            let own: Vec<(&str, &[u8])> =
                summaries.iter().filter(|s| s.1 == year).map(|(p, _, b)| (p.as_str(), b.as_slice())).collect();
            merges.push(crate::report::summary_fallback(merge, &own)?);
        }
        rejected.sort();
        skipped.sort();
        Ok(Evaluated { evaluation: evaluate(plan, &merges), merges, rejected, skipped })
    }
}

/// Evaluates the plan up to `end` from the files given (unit files and summaries of any
/// year, any order): the evaluation, the workbook and the Word report.
///
/// # Errors
/// [`Error::BadYear`] for a year outside the plan; [`Error::Write`] or [`Error::Report`]
/// when an output cannot be written; [`Error::Read`] when a summary standing in for a year
/// cannot be read back.
///
/// # Examples
///
/// ```
/// let plan = jz_core::Plan::builtin();
/// let files = xlsx_tool::sample::sample_years(&plan, 2024, 2025, 1)?;
/// let (done, xlsx, docx) = xlsx_tool::evaluation::evaluate_files(
///     &plan,
///     files.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())),
///     2025,
///     &xlsx_tool::Limits::default(),
/// )?;
/// assert_eq!(done.evaluation.years, [2022, 2023, 2024, 2025]);
/// assert!(xlsx.starts_with(b"PK") && docx.starts_with(b"PK"));
/// # Ok::<(), xlsx_tool::Error>(())
/// ```
pub fn evaluate_files<'a>(
    plan: &Plan,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    end: u16,
    limits: &Limits,
) -> Result<(Evaluated, Vec<u8>, Vec<u8>), Error> {
    let mut evaluator = Evaluator::new(plan, end, limits)?;
    for (name, bytes) in files {
        evaluator.add(name, bytes);
    }
    let done = evaluator.finish()?;
    let xlsx = write_workbook(plan, &done.evaluation)?;
    let docx = write_report(plan, &done.evaluation)?;
    Ok((done, xlsx, docx))
}

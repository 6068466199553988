//! Renders the result of a Moat run — findings, the files that could not be analysed and a
//! summary — as human-readable text, as JSON and as SARIF 2.1.0, and reads and writes
//! baseline files.
//!
//! This crate does no file-system I/O: every writer renders into a `&mut dyn Write` given by
//! the caller, source text for code frames comes through [`SourceLookup`], and baselines are
//! parsed from and written to strings. Output is deterministic: it follows the order of
//! [`Report::findings`] (sorted by file, line, column, rule) and carries no timestamps, except
//! the run duration in the text summary line.
//!
//! [`sbom`] renders software bills of materials (CycloneDX 1.6 and SPDX 2.3 JSON) from a
//! format-neutral model; they carry the creation time the caller gives.
//!
//! The JSON output types in [`json`] are the stable, documented contract of `--format json`,
//! those in [`audit`] of `moat audit --format json`; `docs/output-formats.md` describes every
//! format.

#![warn(missing_docs)]

pub mod audit;
pub mod baseline;
pub mod json;
mod percent;
mod sarif;
pub mod sbom;
mod source;
mod summary;
mod text;

use moat_diagnostics::{Finding, Problem, RuleMeta};
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

pub use json::write_json;
pub use sarif::write_sarif;
pub use summary::Summary;
pub use text::write_text;

/// Everything one run produced, borrowed from the caller, ready to render in any format.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The findings to report (after suppressions and the baseline), sorted by
    /// file, line, column, rule ([`Finding::sort_key`]).
    pub findings: &'a [Finding],
    /// Files (or paths) that could not be analysed, and why.
    pub problems: &'a [Problem],
    /// The rules that ran; SARIF lists them as `tool.driver.rules`.
    pub rules: &'a [&'static RuleMeta],
    /// Counts for the summary.
    pub summary: Summary,
    /// Moat's version, written into JSON and SARIF.
    pub tool_version: &'a str,
}

/// Gives the decoded text of a file by its displayed path, so the text format can show
/// code frames. A file it does not know is shown without a frame.
pub trait SourceLookup {
    /// The decoded source of `file` (the path exactly as in [`Finding::file`]), if known.
    fn source(&self, file: &str) -> Option<&str>;
}

impl<S: BuildHasher> SourceLookup for HashMap<String, String, S> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

impl SourceLookup for BTreeMap<String, String> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

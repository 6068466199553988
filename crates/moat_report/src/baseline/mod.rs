//! Baseline files: findings accepted at one point in time, so that only new ones are
//! reported.
//!
//! A baseline is a TOML file with `version = 1` and one `[[finding]]` entry per accepted
//! finding, keyed by rule id, displayed file path and fingerprint. Matching is a multiset:
//! an entry absorbs at most one finding, so two identical entries absorb at most two. An entry
//! may carry a `reason` and an `expires` date (`YYYY-MM-DD`); after that date it absorbs
//! nothing and the finding is reported again.
//!
//! Written baselines are stable: entries are sorted by file, rule and fingerprint and carry
//! no timestamps, so regenerating an unchanged project gives an identical file.

mod parse;
mod write;

use moat_diagnostics::Finding;
use std::ops::Range;

pub use parse::BaselineError;

/// The set of accepted findings read from, or to be written to, a baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// Sorted by file, rule, fingerprint (then reason and expiry).
    entries: Vec<BaselineEntry>,
}

/// One accepted finding.
///
/// The field order is the sort order of a baseline's entries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BaselineEntry {
    /// Path of the file as displayed when the baseline was written.
    pub file: String,
    /// Rule id.
    pub rule: String,
    /// The finding's fingerprint.
    pub fingerprint: String,
    /// Why the finding was accepted, if someone wrote it down.
    pub reason: Option<String>,
    /// Last day (`YYYY-MM-DD`) on which the entry absorbs its finding.
    pub expires: Option<String>,
}

impl BaselineEntry {
    /// Whether the entry has expired on `today` (`YYYY-MM-DD`): its `expires` date is before
    /// `today`. An entry without a date never expires.
    pub fn is_expired(&self, today: &str) -> bool {
        self.expires
            .as_deref()
            .is_some_and(|expires| expires < today)
    }

    fn key(&self) -> (&str, &str, &str) {
        (&self.file, &self.rule, &self.fingerprint)
    }
}

impl Baseline {
    /// Reads a baseline file's text. See [`BaselineError`] for what is rejected.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        parse::parse(text).map(Self::from_entries)
    }

    /// A baseline that accepts exactly `findings`.
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        Self::updated(None, findings)
    }

    /// A baseline that accepts exactly `findings`, keeping the `reason` and `expires` of the
    /// `previous` baseline's entries that still match one of them (one entry per finding).
    /// Entries of `previous` that match no finding any more are dropped.
    pub fn updated(previous: Option<&Baseline>, findings: &[Finding]) -> Baseline {
        let mut taken = vec![false; previous.map_or(0, |p| p.entries.len())];
        let entries = findings
            .iter()
            .map(|finding| {
                let mut entry = BaselineEntry {
                    file: finding.file.clone(),
                    rule: finding.rule.id.to_string(),
                    fingerprint: finding.fingerprint.clone(),
                    reason: None,
                    expires: None,
                };
                if let Some(previous) = previous
                    && let Some(i) = take_first(&mut taken, previous.matching(finding))
                {
                    entry.reason.clone_from(&previous.entries[i].reason);
                    entry.expires.clone_from(&previous.entries[i].expires);
                }
                entry
            })
            .collect();
        Self::from_entries(entries)
    }

    /// The entries, sorted by file, rule and fingerprint.
    pub fn entries(&self) -> &[BaselineEntry] {
        &self.entries
    }

    /// The baseline as TOML text, ready to write to a file.
    pub fn to_toml_string(&self) -> String {
        write::to_toml_string(&self.entries)
    }

    /// Splits `findings` into the new ones, returned in their order, and the number absorbed
    /// by an entry that has not expired on `today` (`YYYY-MM-DD`).
    pub fn filter(&self, findings: Vec<Finding>, today: &str) -> (Vec<Finding>, usize) {
        let mut taken: Vec<bool> = self
            .entries
            .iter()
            .map(|entry| entry.is_expired(today))
            .collect();
        let mut matched = 0;
        let new = findings
            .into_iter()
            .filter(|finding| {
                let absorbed = take_first(&mut taken, self.matching(finding)).is_some();
                matched += usize::from(absorbed);
                !absorbed
            })
            .collect();
        (new, matched)
    }

    fn from_entries(mut entries: Vec<BaselineEntry>) -> Self {
        entries.sort();
        Self { entries }
    }

    /// Indices of the entries with `finding`'s file, rule and fingerprint.
    fn matching(&self, finding: &Finding) -> Range<usize> {
        let key = (
            finding.file.as_str(),
            finding.rule.id,
            finding.fingerprint.as_str(),
        );
        let start = self.entries.partition_point(|entry| entry.key() < key);
        let end = start + self.entries[start..].partition_point(|entry| entry.key() == key);
        start..end
    }
}

/// Marks the first index in `candidates` not yet taken as taken, and returns it.
fn take_first(taken: &mut [bool], candidates: Range<usize>) -> Option<usize> {
    let index = candidates.into_iter().find(|&i| !taken[i])?;
    taken[index] = true;
    Some(index)
}

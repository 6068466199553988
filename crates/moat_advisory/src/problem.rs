//! Problems: advisories, or parts of them, that could not be used.
//!
//! Moat's shared `moat_diagnostics::Problem` describes source files that could not be
//! analysed and has no kinds for advisory data, so this crate reports its own type; the
//! caller renders it next to the others. A problem never stops loading: the rest of the
//! database is still usable.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong with an advisory file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ProblemKind {
    /// The file could not be read or decompressed.
    Unreadable,
    /// The file is larger than [`crate::MAX_ADVISORY_SIZE`].
    TooLarge,
    /// The file is not a valid OSV record (bad JSON, missing `id`, wrong types).
    InvalidRecord,
    /// Another file already defined a record with the same `id`; this one was skipped.
    DuplicateId,
    /// A range event sets none or several of `introduced`, `fixed`, `last_affected`,
    /// `limit`; the event was skipped.
    InvalidEvent,
    /// A version in a range event or a `versions` list is not a PEP 440 version. A range
    /// event with such a version is skipped; a listed version still matches by exact text.
    InvalidVersion,
}

impl ProblemKind {
    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unreadable => "unreadable-advisory",
            Self::TooLarge => "advisory-too-large",
            Self::InvalidRecord => "invalid-advisory",
            Self::DuplicateId => "duplicate-advisory",
            Self::InvalidEvent => "invalid-range-event",
            Self::InvalidVersion => "invalid-version",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An advisory file, or a part of one, that Moat could not use.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Problem {
    /// The advisory file: its name inside the zip, or its path relative to the directory.
    pub file: String,
    /// The advisory's id, when the file could be read far enough to know it.
    pub advisory: Option<String>,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// A message for the user.
    pub message: String,
}

impl Problem {
    /// A problem with `file` as a whole.
    pub fn new(file: impl Into<String>, kind: ProblemKind, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            advisory: None,
            kind,
            message: message.into(),
        }
    }

    /// Names the advisory the problem is about.
    #[must_use]
    pub fn for_advisory(mut self, id: impl Into<String>) -> Self {
        self.advisory = Some(id.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", self.file)?;
        if let Some(id) = &self.advisory {
            write!(f, " ({id})")?;
        }
        write!(f, ": {} [{}]", self.message, self.kind)
    }
}

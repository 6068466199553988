//! A finding: one weakness at one place in one file.

use crate::meta::{Confidence, RuleMeta, Severity};

/// A 1-based line and column; columns count Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A span of source text: start inclusive, end exclusive, plus the byte offsets they came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    pub start: Position,
    pub end: Position,
    /// Byte offset of `start` in the decoded source.
    pub start_offset: u32,
    /// Byte offset of `end` in the decoded source.
    pub end_offset: u32,
}

/// One step of a trace that explains a finding (for taint: source → … → sink).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceStep {
    /// Path of the file the step is in, as displayed.
    pub file: String,
    pub location: Location,
    pub message: String,
}

/// Whether a fix keeps the program's behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Keeps behaviour for all correct programs; may be applied without review.
    Safe,
    /// May change behaviour; needs review.
    Unsafe,
}

impl Applicability {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

/// A replacement of the text at `location` by `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub location: Location,
    pub content: String,
}

/// A suggested change that removes the weakness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub description: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// One weakness found at one place.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    /// What was found, specific to this code (names the call, the argument…).
    pub message: String,
    /// Path of the file as displayed (relative to the working directory when possible,
    /// `/` separators).
    pub file: String,
    pub location: Location,
    /// Severity of this finding; starts as the rule's default.
    pub severity: Severity,
    /// Confidence of this finding; starts as the rule's default.
    pub confidence: Confidence,
    pub trace: Vec<TraceStep>,
    pub fix: Option<Fix>,
    /// Stable content fingerprint (hex) used by baselines and SARIF `partialFingerprints`.
    pub fingerprint: String,
}

impl Finding {
    /// The key findings are sorted by: file, line, column, rule.
    pub fn sort_key(&self) -> (&str, Position, &'static str) {
        (&self.file, self.location.start, self.rule.id)
    }
}

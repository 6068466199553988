//! Problems: why a file (or part of a run) could not be analysed.

use crate::finding::Position;
use std::fmt;

/// What kind of problem stopped a file from being analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// The file is not valid Python.
    SyntaxError,
    /// The file's bytes are not valid in its declared encoding.
    DecodeError,
    /// The file could not be read (permissions, vanished, not a regular file…).
    IoError,
    /// The file is larger than the size limit.
    TooLarge,
    /// The file nests deeper than the analyser's bounds.
    TooDeep,
    /// The file looks binary (NUL bytes).
    Binary,
    /// Moat itself failed on this file; a bug to report.
    InternalError,
    /// An analysis stopped at one of its bounds (taint summary size, fixpoint rounds):
    /// the file was analysed, but some flows may be missed. A note: it does not change
    /// the exit status.
    AnalysisBound,
}

impl ProblemKind {
    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SyntaxError => "syntax-error",
            Self::DecodeError => "decode-error",
            Self::IoError => "io-error",
            Self::TooLarge => "too-large",
            Self::TooDeep => "too-deep",
            Self::Binary => "binary-file",
            Self::InternalError => "internal-error",
            Self::AnalysisBound => "analysis-bound",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file (or path) that could not be analysed, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Path as displayed.
    pub file: String,
    pub kind: ProblemKind,
    pub message: String,
    /// Where in the file, when known.
    pub position: Option<Position>,
}

impl Problem {
    /// A problem with no position in the file.
    pub fn new(file: impl Into<String>, kind: ProblemKind, message: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            kind,
            message: message.into(),
            position: None,
        }
    }

    /// Sets where in the file the problem is.
    #[must_use]
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }
}

//! Errors reading dependency files, turned into [`Problem`]s at the edge.

use moat_diagnostics::{Problem, ProblemKind};

/// Why a dependency file could not be read or recognised.
#[derive(Debug, thiserror::Error)]
pub enum DepsError {
    /// Reading failed; the message (from `fs-err`) names the path.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The file is not UTF-8.
    #[error("`{path}` is not valid UTF-8 (invalid byte at offset {offset}); save it as UTF-8")]
    NotUtf8 {
        /// The file, as displayed.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file name matches no known dependency file format.
    #[error(
        "`{path}` is not a known dependency file; expected `requirements*.txt`, `*.in`, \
         `pyproject.toml`, `uv.lock`, `poetry.lock`, `Pipfile.lock`, `pdm.lock` or `pylock.toml`"
    )]
    UnknownFormat {
        /// The file, as displayed.
        path: String,
    },
}

impl DepsError {
    /// The problem to report for `file`.
    pub fn into_problem(self, file: &str) -> Problem {
        let kind = match &self {
            Self::Io(_) | Self::UnknownFormat { .. } => ProblemKind::IoError,
            Self::NotUtf8 { .. } => ProblemKind::DecodeError,
        };
        Problem::new(file, kind, self.to_string())
    }
}

//! Errors that stop a whole database or index from loading.

use std::path::PathBuf;

/// A source of advisories (zip or directory) could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum AdvisoryError {
    /// Reading the source failed; the I/O error names the path.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The file is not a readable zip archive (corrupt or truncated).
    #[error("`{path}` is not a readable zip archive ({source}); download or copy it again")]
    Zip {
        /// The archive.
        path: PathBuf,
        /// What the zip reader reported.
        #[source]
        source: zip::result::ZipError,
    },
    /// The path given as a directory of advisories is not a directory.
    #[error("`{path}` is not a directory of OSV `.json` files")]
    NotADirectory {
        /// The path.
        path: PathBuf,
    },
}

/// An index file could not be written or read. See [`IndexError::needs_rebuild`] for the
/// errors that rebuilding the index from its source fixes.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Reading or writing the index failed; the I/O error names the path.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The file is not a Moat advisory index.
    #[error("`{path}` is not a Moat advisory index")]
    NotAnIndex {
        /// The file.
        path: PathBuf,
    },
    /// The index was written by another version of Moat.
    #[error("`{path}` has index format {found}, this Moat reads format {expected}; rebuild it")]
    UnsupportedFormat {
        /// The file.
        path: PathBuf,
        /// The format found in the file.
        found: u32,
        /// The format this build reads and writes.
        expected: u32,
    },
    /// The index is damaged: truncated, checksum mismatch, or undecodable content.
    #[error("`{path}` is corrupt ({reason}); rebuild it")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What check failed.
        reason: String,
    },
    /// Encoding the index failed (a bug, reported rather than panicking).
    #[error("could not encode the advisory index: {0}")]
    Encode(String),
}

impl IndexError {
    /// Whether rebuilding the index from its source would fix this error: the index is
    /// missing, not an index, of another format, or corrupt.
    pub fn needs_rebuild(&self) -> bool {
        match self {
            Self::Io(error) => error.kind() == std::io::ErrorKind::NotFound,
            Self::NotAnIndex { .. } | Self::UnsupportedFormat { .. } | Self::Corrupt { .. } => true,
            Self::Encode(_) => false,
        }
    }
}

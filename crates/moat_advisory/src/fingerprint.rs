//! What a database was built from: a SHA-256 and a size.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Identifies the source a database was loaded from, so a caller can tell whether an
/// index is still current. For a zip: the SHA-256 of the file and its size. For a
/// directory: the SHA-256 over every advisory file's relative path and contents, in sorted
/// order, and their total size.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceFingerprint {
    /// Lowercase hex SHA-256.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

impl SourceFingerprint {
    /// The fingerprint of one file's contents.
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self {
            sha256: hex(&Sha256::digest(bytes)),
            size: bytes.len() as u64,
        }
    }
}

/// Builds the fingerprint of a directory from its files, fed in sorted order.
#[derive(Debug, Default)]
pub struct DirectoryHasher {
    hasher: Sha256,
    size: u64,
}

impl DirectoryHasher {
    /// Adds one file: its relative path and contents, both length-prefixed.
    pub fn add(&mut self, relative_path: &str, bytes: &[u8]) {
        self.hasher
            .update((relative_path.len() as u64).to_le_bytes());
        self.hasher.update(relative_path.as_bytes());
        self.hasher.update((bytes.len() as u64).to_le_bytes());
        self.hasher.update(bytes);
        self.size += bytes.len() as u64;
    }

    /// The fingerprint.
    pub fn finish(self) -> SourceFingerprint {
        SourceFingerprint {
            sha256: hex(&self.hasher.finalize()),
            size: self.size,
        }
    }
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

//! The index file: a database saved in one compact, integrity-checked file.
//!
//! Layout (integers little-endian):
//!
//! | bytes | content |
//! | --- | --- |
//! | 8 | magic `MOATOSVX` |
//! | 4 | format version ([`INDEX_FORMAT_VERSION`]) |
//! | 8 | body length |
//! | 32 | SHA-256 of the body |
//! | … | body: the [`IndexHeader`], then the advisory records and load problems, each in `postcard` encoding |
//!
//! The records are stored as read (versions as text) and compiled again on load, through
//! the same code as an import, so an index answers exactly like its source. Files are
//! replaced atomically: written to a temporary file in the same folder, synced, renamed.

use crate::advisory::Advisory;
use crate::database::Database;
use crate::error::IndexError;
use crate::fingerprint::SourceFingerprint;
use crate::problem::Problem;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// The index format this build reads and writes. Bump it whenever a stored type changes.
pub const INDEX_FORMAT_VERSION: u32 = 2;

const MAGIC: &[u8; 8] = b"MOATOSVX";
const PREAMBLE: usize = 8 + 4 + 8 + 32;

/// What the caller says about the source when writing an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexMeta {
    /// Where the data came from, for `moat db status`: a URL or a path.
    pub source: String,
    /// When the index was built, in seconds since the Unix epoch (the caller's clock, so
    /// tests stay deterministic).
    pub built_at: u64,
}

/// The description stored at the start of an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexHeader {
    /// The format version (always [`INDEX_FORMAT_VERSION`] once read).
    pub format_version: u32,
    /// Where the data came from.
    pub source: String,
    /// The fingerprint of the source file or directory.
    pub fingerprint: SourceFingerprint,
    /// Build time, seconds since the Unix epoch.
    pub built_at: u64,
    /// Advisory records stored, withdrawn ones included.
    pub advisory_count: u64,
    /// Withdrawn records among them.
    pub withdrawn_count: u64,
    /// Vulnerabilities after merging aliases.
    pub vulnerability_count: u64,
    /// The latest `modified` time among the records.
    pub newest_modified: Option<String>,
}

/// A database read from an index, with the index's header and the problems found when
/// the index was built (and again while compiling it).
#[derive(Debug, Clone)]
pub struct LoadedIndex {
    /// The database.
    pub database: Database,
    /// The stored header.
    pub header: IndexHeader,
    /// The problems, sorted; the same list the import that built the index returned.
    pub problems: Vec<Problem>,
}

#[derive(Serialize)]
struct PayloadRef<'a> {
    advisories: &'a [Advisory],
    load_problems: &'a [Problem],
}

#[derive(Deserialize)]
struct Payload {
    advisories: Vec<Advisory>,
    load_problems: Vec<Problem>,
}

impl Database {
    /// Writes the database to an index file at `path`, atomically replacing any file
    /// there. Returns the header written.
    pub fn write_index(
        &self,
        path: impl AsRef<Path>,
        meta: &IndexMeta,
    ) -> Result<IndexHeader, IndexError> {
        let path = path.as_ref();
        let header = IndexHeader {
            format_version: INDEX_FORMAT_VERSION,
            source: meta.source.clone(),
            fingerprint: self.fingerprint.clone(),
            built_at: meta.built_at,
            advisory_count: self.advisory_count() as u64,
            withdrawn_count: self.withdrawn_count() as u64,
            vulnerability_count: self.vulnerabilities().len() as u64,
            newest_modified: self.newest_modified().map(str::to_owned),
        };
        let encode = |error: postcard::Error| IndexError::Encode(error.to_string());
        let mut body = postcard::to_stdvec(&header).map_err(encode)?;
        let payload = PayloadRef {
            advisories: &self.advisories,
            load_problems: &self.load_problems,
        };
        body.extend(postcard::to_stdvec(&payload).map_err(encode)?);

        let mut bytes = Vec::with_capacity(PREAMBLE + body.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&INDEX_FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&Sha256::digest(&body));
        bytes.extend_from_slice(&body);
        write_atomically(path, &bytes)?;
        Ok(header)
    }

    /// Reads an index written by [`Database::write_index`], checking its format version
    /// and checksum. See [`IndexError::needs_rebuild`] for the errors a rebuild fixes.
    pub fn read_index(path: impl AsRef<Path>) -> Result<LoadedIndex, IndexError> {
        let path = path.as_ref();
        let bytes = fs_err::read(path)?;
        let (header, rest) = decode_header(path, &bytes)?;
        let payload: Payload = postcard::from_bytes(rest).map_err(|error| corrupt(path, error))?;
        if payload.advisories.len() as u64 != header.advisory_count {
            return Err(corrupt(
                path,
                format!(
                    "the header counts {} advisories, the body holds {}",
                    header.advisory_count,
                    payload.advisories.len()
                ),
            ));
        }
        let (database, problems) = Database::from_parts(
            payload.advisories,
            payload.load_problems,
            header.fingerprint.clone(),
        );
        Ok(LoadedIndex {
            database,
            header,
            problems,
        })
    }

    /// Reads only an index's header (after checking the whole file's checksum), for a
    /// status display.
    pub fn read_index_header(path: impl AsRef<Path>) -> Result<IndexHeader, IndexError> {
        let path = path.as_ref();
        let bytes = fs_err::read(path)?;
        decode_header(path, &bytes).map(|(header, _)| header)
    }
}

/// Checks the preamble and checksum; returns the header and the bytes after it.
fn decode_header<'a>(path: &Path, bytes: &'a [u8]) -> Result<(IndexHeader, &'a [u8]), IndexError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(IndexError::NotAnIndex {
            path: path.to_path_buf(),
        });
    }
    if bytes.len() < PREAMBLE {
        return Err(corrupt(path, "the file is truncated"));
    }
    let word = |range: std::ops::Range<usize>| -> [u8; 8] {
        let mut out = [0; 8];
        out[..range.len()].copy_from_slice(&bytes[range]);
        out
    };
    let version = u32::from_le_bytes(word(8..12)[..4].try_into().unwrap_or([0; 4]));
    if version != INDEX_FORMAT_VERSION {
        return Err(IndexError::UnsupportedFormat {
            path: path.to_path_buf(),
            found: version,
            expected: INDEX_FORMAT_VERSION,
        });
    }
    let length = u64::from_le_bytes(word(12..20));
    let body = &bytes[PREAMBLE..];
    if body.len() as u64 != length {
        return Err(corrupt(
            path,
            format!("the body is {} bytes, the header says {length}", body.len()),
        ));
    }
    if Sha256::digest(body).as_slice() != &bytes[20..PREAMBLE] {
        return Err(corrupt(path, "checksum mismatch"));
    }
    let (header, rest): (IndexHeader, &[u8]) =
        postcard::take_from_bytes(body).map_err(|error| corrupt(path, error))?;
    if header.format_version != INDEX_FORMAT_VERSION {
        return Err(corrupt(path, "the header's format version disagrees"));
    }
    Ok((header, rest))
}

fn corrupt(path: &Path, reason: impl ToString) -> IndexError {
    IndexError::Corrupt {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Writes `bytes` to a temporary file next to `path`, syncs it, and renames it over
/// `path`, so readers see either the old file or the whole new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let at = |error: std::io::Error, what: &str, target: &Path| {
        std::io::Error::new(
            error.kind(),
            format!("{what} `{}`: {error}", target.display()),
        )
    };
    let mut file = tempfile::Builder::new()
        .prefix(".moat-index-")
        .tempfile_in(dir)
        .map_err(|e| at(e, "could not create a temporary file in", dir))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| at(e, "could not write", file.path()))?;
    file.persist(path)
        .map_err(|e| at(e.error, "could not replace", path))?;
    Ok(())
}

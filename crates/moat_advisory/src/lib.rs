//! The OSV vulnerability database for Moat's dependency audit.
//!
//! - [`osv`]: the OSV JSON format, read leniently (unknown fields ignored).
//! - [`Database::from_zip`] / [`Database::from_dir`]: load an export; advisories that
//!   cannot be used become [`Problem`]s, the rest still load.
//! - Advisories that alias each other are merged into one [`Vulnerability`] with a
//!   preferred id (GHSA, then PYSEC, then CVE, then others).
//! - Matching by PEP 440 ([`Database::vulnerabilities_for`],
//!   [`Database::vulnerable_versions_in`], [`Database::smallest_fix`]).
//! - [`Database::write_index`] / [`Database::read_index`]: a compact, checksummed index.
//!
//! This crate reads and writes the files it is given; it does no network I/O. Only PyPI
//! `affected` entries are kept.

#![warn(missing_docs)]

mod advisory;
mod build;
mod database;
mod dir_source;
mod error;
mod fingerprint;
mod id;
mod index;
mod merge;
mod name;
pub mod osv;
mod parse;
mod problem;
mod range;
mod vulnerability;
mod zip_source;

pub use advisory::{
    Advisory, Affected, Event, EventKind, PYPI_ECOSYSTEM, Range, RangeKind, Reference, Severity,
};
pub use database::{AdmittedVulnerability, Database};
pub use error::{AdvisoryError, IndexError};
pub use fingerprint::SourceFingerprint;
pub use id::{IdKind, VulnerabilityId};
pub use index::{INDEX_FORMAT_VERSION, IndexHeader, IndexMeta, LoadedIndex};
pub use name::PackageName;
pub use parse::MAX_ADVISORY_SIZE;
pub use pep440_rs::{Version, VersionSpecifiers};
pub use problem::{Problem, ProblemKind};
pub use range::{Bound, VersionRange};
pub use vulnerability::{AffectedPackage, Vulnerability};

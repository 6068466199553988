//! Python dependency inputs: requirements files, `pyproject.toml`, lock files (`uv.lock`,
//! `poetry.lock`, `Pipfile.lock`, `pdm.lock`, `pylock.toml`) and installed environments,
//! turned into a list of [`Dependency`] values for auditing and SBOMs.
//!
//! Every parser returns a [`Parsed`]: the dependencies, the entries that cannot be audited
//! ([`Unauditable`]: editable installs, VCS, URL and path requirements) and the
//! [`Problem`](moat_diagnostics::Problem)s met (a malformed line is a problem naming its file
//! and line; the rest of the file is still read). Parsers never panic on bad input.
//!
//! Versions and specifiers are [`pep440_rs`] types; requirement strings are parsed with
//! [`pep508_rs`]. Names are normalised per PEP 503 ([`normalize_name`]).
//!
//! This crate reads files (`parse_*_file`, [`parse_environment`], [`parse_file`],
//! [`discover_dependency_files`]); the `parse_*(file, text)` functions do no I/O.

mod discover;
mod environment;
mod error;
mod import_names;
mod lock;
mod metadata;
mod model;
mod name;
mod pep508;
mod poetry_project;
mod poetry_version;
mod project;
mod pyproject;
mod requirements;
mod text;
mod toml_doc;

pub use discover::{FileFormat, discover_dependency_files, parse_file};
pub use environment::{parse_environment, site_packages_dirs};
pub use error::DepsError;
pub use import_names::{guessed_import_names, import_names};
pub use lock::pdm::parse_pdm_lock;
pub use lock::pipfile::parse_pipfile_lock;
pub use lock::poetry::parse_poetry_lock;
pub use lock::pylock::parse_pylock;
pub use lock::uv::parse_uv_lock;
pub use model::{
    Dependency, DependencyEdge, Kind, License, Parsed, Requirement, Source, Unauditable,
};
pub use name::normalize_name;
pub use pep440_rs::{Version, VersionSpecifiers};
pub use project::{ProjectIdentity, parse_project_identity};
pub use pyproject::parse_pyproject;
pub use requirements::parse_requirements_file;

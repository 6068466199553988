//! Where Moat meets the project on disk: configuration, file discovery and rule selection.
//!
//! - [`config`] finds and validates the configuration (`[tool.moat]` in `pyproject.toml`, or a
//!   `moat.toml`) and turns it into a plain [`Config`].
//! - [`audit_config`] reads the vulnerabilities `moat audit` accepts (`[tool.moat.audit]`),
//!   with the same file-and-line error messages.
//! - [`discovery`] turns the paths named on the command line into a sorted list of
//!   [`SourceFile`]s, honouring `.gitignore`, the built-in exclusions and the `exclude` and
//!   `include` globs, and reports what it had to skip as [`Problem`](moat_diagnostics::Problem)s.
//! - [`taint_config`] reads the taint analysis settings (`[tool.moat.taint]`): which kinds
//!   of input are untrusted, and extra taint model files.
//! - [`selection`] resolves `select`, `ignore` and `per-path-ignores` into the [`RuleSet`] that
//!   runs on each file.
//!
//! This is one of the only crates that touch the disk (with the dependency, report and binary
//! crates): the analysis crates take `(path, text)` and never read files themselves. Nothing
//! here reads a Python file's contents, only metadata, directories and configuration files.
//! Merging command-line flags over configuration is the binary's job; these types are plain
//! data.

#![warn(missing_docs)]

pub mod audit_config;
pub mod config;
pub mod discovery;
mod paths;
pub mod selection;
mod spanned;
pub mod taint_config;

#[cfg(test)]
mod test_rules;

pub use audit_config::AuditIgnore;
pub use config::{
    CONFIG_KEYS, Config, ConfigError, DEFAULT_INCLUDE, DEFAULT_MAX_FILE_SIZE, MOAT_TOML,
    PYPROJECT_TOML, parse_size,
};
pub use discovery::{
    DEFAULT_EXCLUDED_DIRS, Discovered, DiscoveryError, DiscoveryOptions, SourceFile, discover,
};
pub use selection::{RuleSelection, RuleSet, SelectionError};
pub use taint_config::{TAINT_KEYS, TaintConfig};

#[cfg(test)]
mod tests;

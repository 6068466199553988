//! Shared vocabulary of every Moat analysis: rule metadata, findings, their locations,
//! traces and fixes, and the per-file problems that stop a file from being analysed.
//!
//! This crate does no I/O and has no dependencies.

mod finding;
mod meta;
mod problem;
mod selector;
mod test_paths;
mod threat;

pub use finding::{Applicability, Edit, Finding, Fix, Location, Position, TraceStep};
pub use meta::{Category, Confidence, Owasp, RuleMeta, Severity};
pub use problem::{Problem, ProblemKind};
pub use selector::{Selector, UnknownSelector, rules_named};
pub use test_paths::is_test_path;
pub use threat::Threat;

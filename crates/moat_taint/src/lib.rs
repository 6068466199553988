//! Moat's taint analysis: untrusted input followed through assignments, branches, loops,
//! containers, calls and modules to the arguments of dangerous calls.
//!
//! Each module is lowered once ([`lower_module`]) into a small IR that owns its data;
//! [`analyse`] then runs a flow-sensitive abstract interpreter over every function,
//! computes function summaries bottom-up over the project's calls until they are stable,
//! and reports each source that reaches a sink with its trace. Libraries are described by
//! [`moat_models`]; frameworks' entry points are code (`frameworks.rs`).
//!
//! This crate does no I/O.

pub mod cli_options;
mod conditions;
mod frameworks;
mod function;
pub mod ir;
mod lower;
mod mentions;
mod project;
mod rendering;
mod summary;
pub mod templates;
mod value;

pub use lower::{lower_module, lower_module_with_templates};
pub use value::Step;

use moat_models::{Kind, Models, Threat};
use moat_python::TextRange;

/// How the analysis runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Threats whose sources count as untrusted.
    pub untrusted: Vec<Threat>,
    /// Most rounds of summary computation over the project.
    pub max_rounds: usize,
    /// Most statements one analysis of one function evaluates (loops re-run theirs).
    pub max_steps: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            untrusted: vec![Threat::Remote],
            max_rounds: 12,
            max_steps: 200_000,
        }
    }
}

/// Untrusted input that reaches a sink.
#[derive(Debug, Clone)]
pub struct TaintFinding {
    pub kind: Kind,
    /// Index of the sink's module in the analysed modules.
    pub module: u32,
    /// The sink call.
    pub range: TextRange,
    /// The statement holding it.
    pub statement: TextRange,
    /// The function holding the sink, as named within its module (`Handler.get`).
    pub function: String,
    pub message: String,
    /// Source → … → sink.
    pub trace: Vec<Step>,
}

/// Something the analysis could not do completely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaintProblem {
    /// The module concerned, if one.
    pub module: Option<u32>,
    pub message: String,
}

/// What the analysis of a project found.
#[derive(Debug, Default)]
pub struct TaintResult {
    /// Sorted by module, position, kind.
    pub findings: Vec<TaintFinding>,
    pub problems: Vec<TaintProblem>,
    /// Rounds of summary computation run.
    pub rounds: usize,
    /// How many functions each round analysed.
    pub analysed_per_round: Vec<usize>,
}

/// Analyses lowered modules.
pub fn analyse(modules: &[ir::ModuleIr], models: &Models, options: &Options) -> TaintResult {
    project::analyse_project(modules, models, options)
}

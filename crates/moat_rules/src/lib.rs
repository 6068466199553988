//! Moat's pattern rules: one file per rule under `src/rules/<category>/`, each with its
//! metadata and documentation next to its code; one registry list; and the checker that
//! walks a module once and dispatches each node to the rules that inspect it.
//!
//! This crate does no I/O: it takes a file's display path and decoded text. Besides
//! Python modules it checks config files for secrets ([`check_config_file`]).

mod built_strings;
mod checker;
mod config_files;
mod context;
mod external_data;
mod fingerprint;
mod handed_out;
mod overlap;
mod receiver;
mod registry;
mod rule;
mod rules;
mod strings;
mod suppress;
mod taint_findings;
mod value_uses;
mod words;

pub use checker::{CheckedModule, ModuleInput, check_module};
pub use config_files::{CONFIG_FILE_RULE, ConfigInput, check_config_file};
pub use context::{Context, Report};
pub use handed_out::{HandedOut, HandedOutIndex};
pub use moat_diagnostics::is_test_path;
pub use overlap::{drop_subsumed, makes_redundant};
pub use registry::{RULES, all_meta, rule_index};
pub use rule::{Check, Rule};
pub use rules::taint::{TAINT_KINDS, is_taint_rule, taint_rule};
pub use taint_findings::{TaintFindings, TaintModule, taint_findings};

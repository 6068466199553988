//! The one list of rules. `moat rules`, `moat explain`, SARIF `tool.driver.rules`, the
//! generated docs, configuration validation and the checker's dispatch all read it.

use crate::rule::Rule;
use crate::rules;
use moat_diagnostics::RuleMeta;

/// Every rule, in documentation order. Ids are never reused.
pub static RULES: &[Rule] = &[
    rules::code::eval_exec_call::RULE,
    rules::injection::subprocess_shell_true::RULE,
    rules::deserialization::pickle_load::RULE,
    rules::deserialization::yaml_unsafe_load::RULE,
    rules::crypto::weak_hash::RULE,
    rules::crypto::insecure_random::RULE,
    rules::tls::tls_verify_disabled::RULE,
    rules::secrets::hardcoded_password::RULE,
    rules::errors::assert_used::RULE,
    rules::errors::try_except_pass::RULE,
    rules::regex::regex_redos::RULE,
    rules::regex::regex_syntax_error::RULE,
];

/// The metadata of every rule, in registry order (indices match [`RULES`]).
pub fn all_meta() -> Vec<&'static RuleMeta> {
    RULES.iter().map(|rule| rule.meta).collect()
}

/// The registry index of the rule with id `id`.
pub fn rule_index(id: &str) -> Option<usize> {
    RULES.iter().position(|rule| rule.meta.id == id)
}

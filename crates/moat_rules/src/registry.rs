//! The one list of rules. `moat rules`, `moat explain`, SARIF `tool.driver.rules`, the
//! generated docs, configuration validation and the checker's dispatch all read it.

use crate::rule::Rule;
use crate::rules;
use moat_diagnostics::RuleMeta;

/// Every rule, in documentation order. Ids are never reused.
pub static RULES: &[Rule] = &[
    rules::code::eval_exec_call::RULE,
    rules::code::logging_config_listen::RULE,
    rules::code::trojan_source::RULE,
    rules::code::confusable_identifier::RULE,
    rules::code::sys_path_writable::RULE,
    rules::code::ctypes_relative_library::RULE,
    rules::code::secret_logged::RULE,
    rules::code::dynamic_import::RULE,
    rules::code::getattr_from_request::RULE,
    rules::injection::subprocess_shell_true::RULE,
    rules::injection::sql_string_built::RULE,
    rules::injection::wildcard_injection::RULE,
    rules::injection::shell_true_call::RULE,
    rules::injection::process_without_shell::RULE,
    rules::injection::partial_executable_path::RULE,
    rules::injection::paramiko_exec_command::RULE,
    rules::injection::jinja2_autoescape_off::RULE,
    rules::injection::mako_template_unescaped::RULE,
    rules::injection::markup_unsafe::RULE,
    rules::deserialization::pickle_load::RULE,
    rules::deserialization::yaml_unsafe_load::RULE,
    rules::crypto::weak_hash::RULE,
    rules::crypto::insecure_random::RULE,
    rules::tls::tls_verify_disabled::RULE,
    rules::secrets::hardcoded_password::RULE,
    rules::errors::assert_used::RULE,
    rules::errors::try_except_pass::RULE,
    rules::errors::bare_except_swallowed::RULE,
    rules::errors::finally_control_flow::RULE,
    rules::errors::exception_in_response::RULE,
    rules::files::tarfile_unsafe_extract::RULE,
    rules::files::permissive_file_mode::RULE,
    rules::files::tempfile_mktemp::RULE,
    rules::files::hardcoded_temp_path::RULE,
    rules::files::check_then_use_race::RULE,
];

/// The metadata of every rule, in registry order (indices match [`RULES`]).
pub fn all_meta() -> Vec<&'static RuleMeta> {
    RULES.iter().map(|rule| rule.meta).collect()
}

/// The registry index of the rule with id `id`.
pub fn rule_index(id: &str) -> Option<usize> {
    RULES.iter().position(|rule| rule.meta.id == id)
}

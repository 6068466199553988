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
    rules::injection::subprocess_import::RULE,
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
    rules::deserialization::keras_unsafe_load::RULE,
    rules::deserialization::huggingface_trust_remote_code::RULE,
    rules::deserialization::huggingface_unpinned_revision::RULE,
    rules::crypto::weak_hash::RULE,
    rules::crypto::insecure_random::RULE,
    rules::crypto::predictable_random_seed::RULE,
    rules::crypto::weak_cipher::RULE,
    rules::crypto::ecb_mode::RULE,
    rules::crypto::weak_key_size::RULE,
    rules::crypto::static_iv::RULE,
    rules::crypto::hardcoded_crypto_key::RULE,
    rules::crypto::jwt_verification_disabled::RULE,
    rules::crypto::rsa_pkcs1v15_encryption::RULE,
    rules::crypto::weak_password_hash::RULE,
    rules::crypto::timing_unsafe_comparison::RULE,
    rules::crypto::pycrypto_import::RULE,
    rules::tls::tls_verify_disabled::RULE,
    rules::tls::ssl_unverified_context::RULE,
    rules::tls::ssl_insecure_version::RULE,
    rules::network::http_request_without_timeout::RULE,
    rules::network::cleartext_protocol::RULE,
    rules::network::ssh_host_key_not_verified::RULE,
    rules::network::snmp_insecure_version::RULE,
    rules::network::snmp_weak_authentication::RULE,
    rules::network::pyghmi_import::RULE,
    rules::network::httpoxy_cgi_handler::RULE,
    rules::network::bind_all_interfaces::RULE,
    rules::network::url_open_unchecked_scheme::RULE,
    rules::xml::xml_external_entities::RULE,
    rules::xml::xml_unsafe_parser::RULE,
    rules::secrets::hardcoded_password::RULE,
    rules::flask::flask_debug::RULE,
    rules::flask::flask_hardcoded_secret_key::RULE,
    rules::flask::insecure_cookie::RULE,
    rules::flask::csrf_disabled::RULE,
    rules::flask::cors_wildcard_credentials::RULE,
    rules::django::django_debug_true::RULE,
    rules::django::django_allowed_hosts_wildcard::RULE,
    rules::django::django_hardcoded_secret_key::RULE,
    rules::django::django_missing_security_middleware::RULE,
    rules::django::django_insecure_cookie_settings::RULE,
    rules::django::django_weak_password_hasher::RULE,
    rules::django::django_csrf_exempt::RULE,
    rules::django::django_xframe_exempt::RULE,
    rules::django::django_mark_safe::RULE,
    rules::django::django_raw_sql::RULE,
    rules::secrets::leaked_secret::RULE,
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

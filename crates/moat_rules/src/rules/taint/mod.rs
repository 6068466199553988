//! Taint rules: untrusted input that reaches a dangerous sink.
//!
//! These rules have no syntax checks of their own. Their findings come from the taint
//! engine, which follows data from sources to sinks across functions and files; each sink
//! in the library models names its kind, and the kind is the rule id. This module holds
//! their metadata and documentation, so `moat rules`, `moat explain`, selectors,
//! suppressions and SARIF treat them like every other rule.

use crate::registry::{RULES, rule_index};
use crate::rule::Rule;
use moat_diagnostics::RuleMeta;

/// The paragraph of every taint rule's docs that says what counts as untrusted input.
macro_rules! untrusted_input_doc {
    () => {
        "Untrusted input is what a web request carries (Flask's `request.args`, `form`, `json`,
`headers`, `cookies`, `files` and view arguments; Django's `request.GET`, `POST`, `body`,
`META` headers and request-line variables (not the keys the server or middleware set, such
as `CSRF_COOKIE`) and URL parameters; Django REST framework's `request.query_params` and
`data`, in `APIView`, `ViewSet` and `@api_view` views; FastAPI and Starlette handler
parameters and `Request`;
aiohttp handlers' `request.query`, `match_info`, headers, cookies and body), what
`http.server` and `socketserver` handlers, `asyncio.start_server` callbacks and sockets
receive, what a command-line program is given (`sys.argv`, `argparse`, `input()`) when
`[tool.moat.taint] untrusted` includes `local`, and `os.environ` when it includes
`environment`."
    };
}
pub(crate) use untrusted_input_doc;

pub mod code_injection;
pub mod command_injection;
pub mod cookie_injection;
pub mod format_string_injection;
pub mod header_injection;
pub mod integer_overflow;
pub mod ldap_injection;
pub mod log_injection;
pub mod mass_assignment;
pub mod nosql_injection;
pub mod open_redirect;
pub mod path_traversal;
pub mod regex_injection;
pub mod sql_injection;
pub mod ssrf;
pub mod ssti;
pub mod trust_boundary;
pub mod unrestricted_upload;
pub mod unsafe_deserialization;
pub mod unsafe_reflection;
pub mod xpath_injection;
pub mod xss;
pub mod xxe;

/// The id of every taint rule, in registry order: the sink kinds of the taint models
/// (one list, kept by `moat_models`; a test checks the registry follows it).
pub const TAINT_KINDS: &[&str] = moat_models::KINDS;

/// A taint rule with metadata `meta`: no syntax checks, and no modules it needs, because
/// the taint engine decides where it reports.
pub(crate) const fn taint_rule_of(meta: &'static RuleMeta) -> Rule {
    Rule {
        meta,
        checks: &[],
        modules: &[],
    }
}

/// Whether `meta` is a taint rule, whose findings the taint engine reports.
pub fn is_taint_rule(meta: &RuleMeta) -> bool {
    TAINT_KINDS.contains(&meta.id)
}

/// The metadata of the taint rule for the sink kind `kind`, or `None` when `kind` is not
/// one of [`TAINT_KINDS`].
pub fn taint_rule(kind: &str) -> Option<&'static RuleMeta> {
    if !TAINT_KINDS.contains(&kind) {
        return None;
    }
    rule_index(kind).map(|index| RULES[index].meta)
}

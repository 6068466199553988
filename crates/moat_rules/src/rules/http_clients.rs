//! Names of the HTTP client APIs that the TLS and network rules both inspect.

use crate::context::Context;
use moat_python::ast::Expr;

/// The request functions `requests` and `httpx` share, also the methods of their
/// sessions and clients.
pub const REQUEST_VERBS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

/// What `requests.Session()` may resolve to.
const REQUESTS_SESSIONS: &[&str] = &[
    "requests.Session",
    "requests.session",
    "requests.sessions.Session",
    "requests.sessions.session",
];

/// The session class `receiver` was made by, when it is known to be a
/// `requests.Session()` (see [`Context::constructor_of`]).
pub fn requests_session(ctx: &Context<'_, '_>, receiver: &Expr) -> Option<String> {
    ctx.constructor_of(receiver)
        .filter(|origin| REQUESTS_SESSIONS.contains(&origin.as_str()))
}

/// The `requests` request function `callee` names (`get` for `requests.get` or
/// `requests.api.get`), if it is one.
pub fn requests_function(callee: &str) -> Option<&str> {
    callee
        .strip_prefix("requests.api.")
        .or_else(|| callee.strip_prefix("requests."))
        .filter(|function| REQUEST_VERBS.contains(function))
}

/// The `httpx` function or client class `callee` names (`get`, `stream`, `Client`), if it
/// is one that takes `verify=` and `timeout=`.
pub fn httpx_function(callee: &str) -> Option<&str> {
    callee.strip_prefix("httpx.").filter(|function| {
        REQUEST_VERBS.contains(function) || matches!(*function, "stream" | "Client" | "AsyncClient")
    })
}

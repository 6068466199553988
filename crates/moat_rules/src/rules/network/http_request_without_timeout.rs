//! `http-request-without-timeout`: HTTP requests that may wait for an answer forever.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::http_clients::{
    REQUEST_VERBS, httpx_function, requests_function, requests_session,
};
use crate::rules::patterns::as_method_call;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags HTTP requests that have no time limit:
- `requests` request functions (`requests.get`, `post`, `put`, `patch`, `delete`, `head`,
  `options`, `request`, also through `requests.api`) and the same methods of a
  `requests.Session()` (called on the constructor or on a name assigned from it), when
  they have no `timeout=` or `timeout=None`: `requests` has no default timeout;
- `httpx` functions, `httpx.stream` and the `httpx.Client`/`httpx.AsyncClient`
  constructors with an explicit `timeout=None`: `httpx` has a 5-second default, so only
  turning it off is flagged;
- `urllib.request.urlopen` without a timeout, with medium confidence: it waits as long
  as `socket.setdefaulttimeout()` says, which is forever unless the program set it.

Calls that pass `**kwargs` are not flagged (the timeout may be in them), nor is test code.

## Why is this bad?
A request without a timeout waits as long as the server, or anyone in between, keeps the
connection open without answering. A slow or malicious endpoint then holds a worker, a
thread or a connection-pool slot indefinitely; a handful of such requests exhausts the
pool and the service stops answering its own clients.

## Example
```python
import requests

def fetch_rates():
    return requests.get("https://rates.example.com/latest").json()
```

## Use instead
```python
import requests

def fetch_rates():
    return requests.get("https://rates.example.com/latest", timeout=(3.05, 30)).json()
```

## References
- CWE-1088: Synchronous Access of Remote Resource without Timeout
- CWE-400: Uncontrolled Resource Consumption
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions
- Requests documentation: Timeouts
- HTTPX documentation: Timeouts
"#;

/// Metadata of `http-request-without-timeout`.
pub static META: RuleMeta = RuleMeta {
    id: "http-request-without-timeout",
    title: "HTTP request without a timeout",
    category: Category::Network,
    cwe: &[1088, 400],
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B113"],
    ruff: &["S113"],
    docs: DOCS,
};

/// The rule: inspects request functions and session methods.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_call), Check::Expr(check_session_call)],
    modules: &["requests", "httpx", "urllib"],
};

/// How a call sets its timeout.
enum Timeout {
    /// No `timeout` argument (and no `**kwargs` that may hold one).
    Missing,
    /// `timeout=None`, or a name folding to `None`.
    None,
    /// Any other value, or unknown.
    Set,
}

fn timeout_of(ctx: &Context<'_, '_>, call: &ExprCall, position: Option<usize>) -> Timeout {
    let value = match position {
        Some(position) => call.arguments.find_argument_value("timeout", position),
        None => call.arguments.find_keyword("timeout").map(|k| &k.value),
    };
    match value {
        Some(value) if ctx.constant(value) == Some(Constant::None) => Timeout::None,
        Some(_) => Timeout::Set,
        None if call.arguments.keywords.iter().any(|k| k.arg.is_none()) => Timeout::Set,
        None => Timeout::Missing,
    }
}

/// ` to `url``, naming the URL argument when there is one.
fn url_of(ctx: &Context<'_, '_>, call: &ExprCall, position: usize) -> String {
    call.arguments
        .find_argument_value("url", position)
        .map_or_else(String::new, |u| format!(" to `{}`", ctx.snippet(u)))
}

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if callee == "urllib.request.urlopen" {
        let how = match timeout_of(ctx, call, Some(2)) {
            Timeout::Set => None,
            Timeout::Missing => Some("without a `timeout`"),
            Timeout::None => Some("with `timeout=None`"),
        };
        if let Some(how) = how {
            let url = url_of(ctx, call, 0);
            ctx.report(
                call.range(),
                format!("`urllib.request.urlopen` opens a connection{url} {how}, so unless `socket.setdefaulttimeout()` was called it waits forever for a server that does not answer; pass `timeout=`"),
            )
            .confidence(Confidence::Medium);
        }
        return;
    }
    if let Some(function) = requests_function(callee) {
        requests_call(ctx, call, callee, function == "request");
        return;
    }
    if let Some(function) = httpx_function(callee)
        && let Timeout::None = timeout_of(ctx, call, None)
    {
        let what = if function.ends_with("Client") {
            format!(
                "`{callee}` is created with `timeout=None`, which turns off httpx's default timeout: its requests wait"
            )
        } else {
            let url = url_of(
                ctx,
                call,
                usize::from(matches!(function, "request" | "stream")),
            );
            format!(
                "`{callee}` sends a request{url} with `timeout=None`, which turns off httpx's default timeout: it waits"
            )
        };
        ctx.report(
            call.range(),
            format!("{what} forever for a server that does not answer; pass a timeout in seconds or an `httpx.Timeout`"),
        );
    }
}

/// A `requests` request (function or session method) without a timeout.
fn requests_call(ctx: &mut Context<'_, '_>, call: &ExprCall, what: &str, method_first: bool) {
    let how = match timeout_of(ctx, call, None) {
        Timeout::Set => return,
        Timeout::Missing => "without a `timeout`",
        Timeout::None => "with `timeout=None`",
    };
    let url = url_of(ctx, call, usize::from(method_first));
    ctx.report(
        call.range(),
        format!("`{what}` sends a request{url} {how}; `requests` then waits forever for a server that does not answer. Pass `timeout=` in seconds"),
    );
}

/// Request methods of a known `requests.Session()`.
fn check_session_call(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Some((call, receiver, method)) = as_method_call(expr) else {
        return;
    };
    if !REQUEST_VERBS.contains(&method) || requests_session(ctx, receiver).is_none() {
        return;
    }
    let what = ctx.snippet(&*call.func);
    requests_call(ctx, call, &what, method == "request");
}

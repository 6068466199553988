//! `tls-verify-disabled`: HTTPS clients that do not check the server's certificate.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::http_clients::{
    REQUEST_VERBS, httpx_function, requests_function, requests_session,
};
use crate::rules::patterns::{
    as_method_call, attribute_assignments, keyword_constant, spelled_value,
};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, Stmt};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags HTTP clients told not to check the server's certificate:
- a false `verify=` argument (`False`, `0`, or a constant such as `VERIFY_TLS = False`) to
  the request functions of `requests` (`requests.get`, `post`, `put`, `patch`, `delete`,
  `head`, `options`, `request`, also through `requests.api`), to the methods of a
  `requests.Session()` (called on the constructor or on a name assigned from it), and to
  `httpx` (the same functions, `httpx.stream`, and the `httpx.Client`/`httpx.AsyncClient`
  constructors);
- assigning a false value to a `verify` attribute (`session.verify = False`) in modules that
  import `requests` or `httpx`; with high confidence when the object is known to be a
  `requests.Session()`, medium otherwise;
- `urllib3` pools and managers (`PoolManager`, `ProxyManager`, `HTTPSConnectionPool`,
  `connection_from_url`, `proxy_from_url`) created with `cert_reqs="CERT_NONE"` or
  `ssl.CERT_NONE`, or with `assert_hostname=False`;
- `aiohttp` with `ssl=False` or `verify_ssl=False`: `aiohttp.TCPConnector`,
  `aiohttp.request`, and request methods (`get`, `post`, …, `request`, `ws_connect`) in a
  module that imports `aiohttp` (high confidence on a known `aiohttp.ClientSession()`,
  medium on other receivers);
- `urllib3.disable_warnings()` without a category or with `InsecureRequestWarning`, with
  low severity: it hides the warning urllib3 (and so `requests`) print for every
  unverified request, which is how unverified requests go unnoticed.

`verify=True`, a CA bundle path (`verify="/etc/ssl/ca.pem"`), `verify=None` (the default)
and values that are not known constants are not flagged, nor is test code, which usually
talks to local servers with throw-away certificates. Standard-library `ssl` contexts
are the job of `ssl-unverified-context`.

## Why is this bad?
Without certificate verification, TLS still encrypts but no longer proves who is on the
other end. Anyone on the network path (a shared Wi-Fi, a compromised router, a proxy) can
present their own certificate, read the traffic, steal the credentials and tokens it
carries and change the responses.

## Example
```python
import requests

def fetch_invoices(token):
    return requests.get(
        "https://billing.internal/api/invoices",
        headers={"Authorization": f"Bearer {token}"},
        verify=False,
    )
```

## Use instead
Keep verification on; for a private certificate authority pass its bundle:
```python
import requests

def fetch_invoices(token):
    return requests.get(
        "https://billing.internal/api/invoices",
        headers={"Authorization": f"Bearer {token}"},
        verify="/etc/ssl/certs/internal-ca.pem",
    )
```
With `aiohttp`, pass an `ssl.SSLContext` loaded with that bundle as `ssl=`; with `urllib3`,
`cert_reqs="CERT_REQUIRED"` (the default) and `ca_certs=`.

## References
- CWE-295: Improper Certificate Validation
- OWASP Top 10 2025: A04 Cryptographic Failures
- Requests documentation: SSL Cert Verification
- urllib3 documentation: TLS Warnings
- aiohttp documentation: SSL control for TCP sockets
"#;

/// Metadata of `tls-verify-disabled`.
pub static META: RuleMeta = RuleMeta {
    id: "tls-verify-disabled",
    title: "TLS certificate verification disabled",
    category: Category::Tls,
    cwe: &[295],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B501"],
    ruff: &["S501"],
    docs: DOCS,
};

/// The rule: inspects calls into HTTP clients and assignments to `verify` attributes.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[
        Check::Call(check_call),
        Check::Expr(check_method_call),
        Check::Stmt(check_assignment),
    ],
    modules: &["requests", "httpx", "urllib3", "aiohttp"],
};

/// `urllib3` constructors that take `cert_reqs` and `assert_hostname`.
const URLLIB3_POOLS: &[&str] = &[
    "PoolManager",
    "ProxyManager",
    "HTTPSConnectionPool",
    "connection_from_url",
    "proxy_from_url",
    "poolmanager.PoolManager",
    "poolmanager.ProxyManager",
    "poolmanager.proxy_from_url",
    "connectionpool.HTTPSConnectionPool",
    "connectionpool.connection_from_url",
];

/// Whether `callee` takes a `verify=` argument that controls certificate checks.
fn takes_verify(callee: &str) -> bool {
    requests_function(callee).is_some() || httpx_function(callee).is_some()
}

/// `callee` without a `requests.packages.` vendoring prefix, if it is in `urllib3`.
fn urllib3_function(callee: &str) -> Option<&str> {
    callee
        .strip_prefix("requests.packages.urllib3.")
        .or_else(|| callee.strip_prefix("urllib3."))
}

/// Whether `value` turns verification off: a falsy constant other than `None`, which the
/// libraries read as "use the default".
fn disables(value: &Constant) -> bool {
    !matches!(value, Constant::None) && !value.is_truthy()
}

/// The keyword `name` of `call` when it folds to a value that turns verification off,
/// spelled for a message.
fn disabling_keyword(ctx: &Context<'_, '_>, call: &ExprCall, name: &str) -> Option<String> {
    let (value, constant) = keyword_constant(ctx, call, name)?;
    constant
        .filter(disables)
        .map(|_| spelled_value(ctx, &format!("{name}="), value, "false"))
}

/// ` to `url``, naming the URL argument of a request call when there is one.
fn url_of(ctx: &Context<'_, '_>, call: &ExprCall, method_first: bool) -> String {
    call.arguments
        .find_argument_value("url", usize::from(method_first))
        .map_or_else(String::new, |u| format!(" to `{}`", ctx.snippet(u)))
}

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if let Some(function) = urllib3_function(callee) {
        urllib3_call(ctx, call, callee, function);
        return;
    }
    if let Some(function) = callee.strip_prefix("aiohttp.") {
        if matches!(
            function,
            "TCPConnector" | "connector.TCPConnector" | "request"
        ) {
            aiohttp_call(ctx, call, callee, Confidence::High);
        }
        return;
    }
    if !takes_verify(callee) {
        return;
    }
    let Some(value) = disabling_keyword(ctx, call, "verify") else {
        return;
    };
    let what = if callee.ends_with("Client") {
        format!("`{callee}` is created with {value}, so none of its requests check")
    } else {
        // `request(method, url)` and `stream(method, url)` take the method first.
        let url = url_of(
            ctx,
            call,
            callee.ends_with(".request") || callee.ends_with(".stream"),
        );
        format!("`{callee}` sends a request{url} with {value}, so it does not check")
    };
    ctx.report(
        call.range(),
        format!("{what} the server's TLS certificate; anyone on the network path can read and change the traffic"),
    );
}

/// `urllib3` pools with `cert_reqs` off or `assert_hostname=False`, and
/// `urllib3.disable_warnings`.
fn urllib3_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str, function: &str) {
    if function == "disable_warnings" {
        disable_warnings(ctx, call, callee);
        return;
    }
    if !URLLIB3_POOLS.contains(&function) {
        return;
    }
    if let Some(keyword) = call.arguments.find_keyword("cert_reqs")
        && is_cert_none(ctx, &keyword.value)
    {
        ctx.report(
            call.range(),
            format!("`{callee}` is created with `cert_reqs={}`, so its connections do not check the server's TLS certificate; anyone on the network path can read and change the traffic", ctx.snippet(&keyword.value)),
        );
    } else if let Some(value) = disabling_keyword(ctx, call, "assert_hostname") {
        ctx.report(
            call.range(),
            format!("`{callee}` is created with {value}, so its connections accept a valid certificate for any host name; anyone with a certificate for another site can intercept the traffic"),
        );
    }
}

/// Whether `value` is `ssl.CERT_NONE` or the string `"CERT_NONE"`/`"NONE"` urllib3 accepts.
fn is_cert_none(ctx: &Context<'_, '_>, value: &Expr) -> bool {
    if let Some(Constant::Str(name)) = ctx.constant(value) {
        return matches!(name.to_ascii_uppercase().as_str(), "CERT_NONE" | "NONE");
    }
    ctx.resolve(value)
        .is_some_and(|name| matches!(name.as_str(), "ssl.CERT_NONE" | "ssl.VerifyMode.CERT_NONE"))
}

/// `urllib3.disable_warnings()` hides every `InsecureRequestWarning`.
fn disable_warnings(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let category = call.arguments.find_argument_value("category", 0);
    let hides_insecure = match category {
        None => true,
        Some(category) => ctx.resolve(category).is_some_and(|name| {
            name.ends_with(".InsecureRequestWarning")
                || name.ends_with(".exceptions.HTTPWarning")
                || name.ends_with(".exceptions.SecurityWarning")
        }),
    };
    if !hides_insecure {
        return;
    }
    let what = match category {
        None => "every urllib3 warning, including the `InsecureRequestWarning`".to_string(),
        Some(c) if ctx.text(c).ends_with("InsecureRequestWarning") => {
            format!("`{}`, the warning", ctx.snippet(c))
        }
        Some(c) => format!(
            "`{}`, which includes the `InsecureRequestWarning`",
            ctx.snippet(c)
        ),
    };
    ctx.report(
        call.range(),
        format!("`{callee}` silences {what} printed for each request that does not check the server's TLS certificate; fix the verification instead of hiding it"),
    )
    .severity(Severity::Low)
    .confidence(Confidence::Medium);
}

/// `ssl=False` / `verify_ssl=False` on an `aiohttp` connector, request function or method.
fn aiohttp_call(ctx: &mut Context<'_, '_>, call: &ExprCall, what: &str, confidence: Confidence) {
    let Some(value) =
        disabling_keyword(ctx, call, "ssl").or_else(|| disabling_keyword(ctx, call, "verify_ssl"))
    else {
        return;
    };
    let action = if what.ends_with("TCPConnector") {
        format!("`{what}` is created with {value}, so connections made through it do not check")
    } else {
        let url = url_of(ctx, call, what.ends_with("request"));
        format!("`{what}` sends a request{url} with {value}, so it does not check")
    };
    ctx.report(
        call.range(),
        format!("{action} the server's TLS certificate; anyone on the network path can read and change the traffic"),
    )
    .confidence(confidence);
}

/// Request methods of a `requests.Session()` with `verify=False`, and of `aiohttp`
/// sessions with `ssl=False`.
fn check_method_call(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Some((call, receiver, method)) = as_method_call(expr) else {
        return;
    };
    let origin = ctx.constructor_of(receiver);
    if REQUEST_VERBS.contains(&method)
        && let Some(session) = requests_session(ctx, receiver)
        && let Some(value) = disabling_keyword(ctx, call, "verify")
    {
        let url = url_of(ctx, call, method == "request");
        let on = if receiver.is_call_expr() {
            String::new()
        } else {
            format!(" on a `{session}()`")
        };
        ctx.report(
            call.range(),
            format!("`{}`{on} sends a request{url} with {value}, so it does not check the server's TLS certificate; anyone on the network path can read and change the traffic", ctx.snippet(&*call.func)),
        );
        return;
    }
    if (REQUEST_VERBS.contains(&method) || method == "ws_connect") && ctx.imports_module("aiohttp")
    {
        let known = origin.as_deref() == Some("aiohttp.ClientSession");
        // Calls resolving to a qualified name are `check_call`'s.
        if !known && ctx.resolve(&call.func).is_some() {
            return;
        }
        let what = ctx.snippet(&*call.func);
        let confidence = if known {
            Confidence::High
        } else {
            Confidence::Medium
        };
        aiohttp_call(ctx, call, &what, confidence);
    }
}

fn check_assignment(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    if !ctx.imports_module("requests") && !ctx.imports_module("httpx") {
        return;
    }
    for (attribute, value) in attribute_assignments(stmt) {
        if attribute.attr.id.as_str() != "verify"
            || !ctx.constant(value).is_some_and(|v| disables(&v))
        {
            continue;
        }
        let spelled = spelled_value(ctx, "", value, "false");
        let session = requests_session(ctx, &attribute.value).is_some();
        let confidence = if session {
            Confidence::High
        } else {
            Confidence::Medium
        };
        ctx.report(
            stmt.range(),
            format!("`{}` is set to {spelled}; requests made through `{}` will not check the server's TLS certificate", ctx.text(attribute), ctx.snippet(&*attribute.value)),
        )
        .confidence(confidence);
    }
}

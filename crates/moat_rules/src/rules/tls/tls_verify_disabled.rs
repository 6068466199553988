//! `tls-verify-disabled`: HTTPS requests that do not check the server's certificate.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, Stmt};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags HTTP client calls that turn certificate verification off with a false `verify=`
argument (`False`, `0`, or a constant such as `VERIFY_TLS = False`): the request
functions of `requests` (`requests.get`, `post`, `put`, `patch`, `delete`, `head`,
`options`, `request`, also through `requests.api`), and of `httpx` (the same functions,
`httpx.stream`, and the `httpx.Client`/`httpx.AsyncClient` constructors). It also flags
assigning a false value to a `verify` attribute, as in `session.verify = False`, in
modules that import `requests` or `httpx`.

`verify=True`, a CA bundle path (`verify="/etc/ssl/ca.pem"`) and values that are not
known constants are not flagged.

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

## References
- CWE-295: Improper Certificate Validation
- OWASP Top 10 2025: A04 Cryptographic Failures
- Requests documentation: SSL Cert Verification
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
    bandit: &["B501"],
    ruff: &["S501"],
    docs: DOCS,
};

/// The rule: inspects calls into HTTP clients and assignments to `verify` attributes.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_call), Check::Stmt(check_assignment)],
    modules: &["requests", "httpx"],
};

/// The request functions both libraries share.
const VERBS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

/// Whether `callee` takes a `verify=` argument that controls certificate checks.
fn takes_verify(callee: &str) -> bool {
    if let Some(function) = callee
        .strip_prefix("requests.api.")
        .or_else(|| callee.strip_prefix("requests."))
    {
        return VERBS.contains(&function);
    }
    if let Some(function) = callee.strip_prefix("httpx.") {
        return VERBS.contains(&function)
            || matches!(function, "stream" | "Client" | "AsyncClient");
    }
    false
}

/// Whether `value` turns verification off: a falsy constant other than `None`, which both
/// libraries read as "use the default".
fn disables(value: &Constant) -> bool {
    !matches!(value, Constant::None) && !value.is_truthy()
}

/// How the false value is written after `prefix` (`verify=`), for messages.
fn spelled(ctx: &Context<'_, '_>, prefix: &str, value: &Expr) -> String {
    if value.is_boolean_literal_expr() {
        format!("`{prefix}{}`", ctx.text(value))
    } else {
        format!("`{prefix}{}`, which is false", ctx.snippet(value))
    }
}

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !takes_verify(callee) {
        return;
    }
    let Some(verify) = call.arguments.find_keyword("verify") else {
        return;
    };
    if !ctx.constant(&verify.value).is_some_and(|v| disables(&v)) {
        return;
    }
    let value = spelled(ctx, "verify=", &verify.value);
    let what = if callee.ends_with("Client") {
        format!("`{callee}` is created with {value}, so none of its requests check")
    } else {
        // `request(method, url)` and `stream(method, url)` take the method first.
        let position = usize::from(callee.ends_with(".request") || callee.ends_with(".stream"));
        let url = call
            .arguments
            .find_argument_value("url", position)
            .map_or_else(String::new, |u| format!(" to `{}`", ctx.snippet(u)));
        format!("`{callee}` sends a request{url} with {value}, so it does not check")
    };
    ctx.report(
        call.range(),
        format!("{what} the server's TLS certificate; anyone on the network path can read and change the traffic"),
    );
}

fn check_assignment(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let (targets, value): (Vec<&Expr>, &Expr) = match stmt {
        Stmt::Assign(assign) => (assign.targets.iter().collect(), &assign.value),
        Stmt::AnnAssign(assign) => match &assign.value {
            Some(value) => (vec![assign.target.as_ref()], value),
            None => return,
        },
        _ => return,
    };
    for target in targets {
        let Expr::Attribute(attribute) = target else {
            continue;
        };
        if attribute.attr.id.as_str() != "verify"
            || !ctx.constant(value).is_some_and(|v| disables(&v))
        {
            continue;
        }
        let spelled = spelled(ctx, "", value);
        ctx.report(
            stmt.range(),
            format!("`{}` is set to {spelled}; requests made through `{}` will not check the server's TLS certificate", ctx.text(target), ctx.snippet(&*attribute.value)),
        )
        .confidence(Confidence::Medium);
    }
}

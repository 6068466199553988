//! `ssl-unverified-context`: standard-library and pyOpenSSL TLS set up without checking
//! the peer's certificate or host name.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::{
    as_method_call, attribute_assignments, is_false_constant, keyword_constant, spelled_value,
};
use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{CmpOp, Expr, ExprCall, Stmt, UnaryOp};

const DOCS: &str = r#"## What it does
Flags TLS set-ups that do not authenticate the server:
- `ssl._create_unverified_context()` and its alias `ssl._create_stdlib_context()`, which
  make contexts with `verify_mode = CERT_NONE` and `check_hostname = False`;
- `ssl._create_default_https_context = ssl._create_unverified_context`, which turns
  verification off for every `urllib` and `http.client` connection in the process;
- assigning a false value to `check_hostname` or `ssl.CERT_NONE` to `verify_mode` on a
  context, in modules that import `ssl` (high confidence when the object is known to come
  from `ssl.create_default_context()` or `ssl.SSLContext(...)`, medium otherwise; contexts
  known to be for servers, made with `Purpose.CLIENT_AUTH` or `PROTOCOL_TLS_SERVER`, are
  not flagged, as a server does not need to verify clients; nor is `check_hostname =
  False` in the body of `if not server_hostname:` or `if hostname is None:`, where there
  is no host name to check and the certificate chain is still verified);
- `ssl.wrap_socket(..., cert_reqs=ssl.CERT_NONE)` on a client socket;
- pyOpenSSL's `context.set_verify(SSL.VERIFY_NONE, ...)`, with medium confidence: on a
  server context it only means client certificates are not asked for.

HTTP libraries with their own switches (`verify=False`) are `tls-verify-disabled`'s job.
Test code is not checked: it usually talks to local servers with throw-away certificates.

## Why is this bad?
Without certificate verification, TLS still encrypts but no longer proves who is on the
other end: anyone on the network path can present their own certificate and read or
change the traffic. Turning off only the host-name check is nearly as bad: any valid
certificate, for any site, is then accepted, and such certificates are free.

## Example
```python
import ssl
import urllib.request

def download_report(url):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return urllib.request.urlopen(url, context=context).read()
```

## Use instead
Keep the defaults of `ssl.create_default_context()`; for a private certificate authority
load its certificate:
```python
import ssl
import urllib.request

def download_report(url):
    context = ssl.create_default_context(cafile="/etc/ssl/certs/internal-ca.pem")
    return urllib.request.urlopen(url, context=context).read()
```

## References
- CWE-295: Improper Certificate Validation
- CWE-297: Improper Validation of Certificate with Host Mismatch
- OWASP Top 10 2025: A04 Cryptographic Failures
- PEP 476: Enabling certificate verification by default for stdlib http clients
- Python docs: `ssl` — Security considerations
"#;

/// Metadata of `ssl-unverified-context`.
pub static META: RuleMeta = RuleMeta {
    id: "ssl-unverified-context",
    title: "TLS context that does not verify the peer",
    category: Category::Tls,
    cwe: &[295, 297],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B323"],
    ruff: &["S323"],
    docs: DOCS,
};

/// The rule: inspects `ssl` calls, context attribute assignments and `set_verify` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[
        Check::Call(check_call),
        Check::Expr(check_set_verify),
        Check::Stmt(check_assignment),
    ],
    modules: &["ssl", "OpenSSL"],
};

/// Constructors of client-or-server contexts, whose first argument says which.
const CONTEXT_FACTORIES: &[&str] = &["ssl.create_default_context", "ssl.SSLContext"];

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    match callee {
        "ssl._create_unverified_context" | "ssl._create_stdlib_context" => {
            let written = ctx.snippet(&*call.func);
            let what = if written.ends_with(callee.rsplit('.').next().unwrap_or(callee)) {
                format!("`{callee}()`")
            } else {
                format!("`{written}()` (that is, `{callee}`)")
            };
            ctx.report(
                call.range(),
                format!("{what} makes a TLS context that checks neither the certificate nor the host name; anyone on the network path can impersonate the server. Use `ssl.create_default_context()`"),
            );
        }
        "ssl.wrap_socket" => {
            let server = keyword_constant(ctx, call, "server_side")
                .and_then(|(_, value)| value)
                .is_some_and(|value| value.is_truthy());
            if let Some(keyword) = call.arguments.find_keyword("cert_reqs")
                && is_cert_none(ctx, &keyword.value)
                && !server
            {
                ctx.report(
                    call.range(),
                    format!("`ssl.wrap_socket` is called with `cert_reqs={}`, so the server's certificate is not checked; anyone on the network path can impersonate it. Use `ssl.create_default_context().wrap_socket(sock, server_hostname=host)`", ctx.snippet(&keyword.value)),
                );
            }
        }
        _ => {}
    }
}

/// Whether `value` names `ssl.CERT_NONE`.
fn is_cert_none(ctx: &Context<'_, '_>, value: &Expr) -> bool {
    ctx.resolve(value)
        .is_some_and(|name| matches!(name.as_str(), "ssl.CERT_NONE" | "ssl.VerifyMode.CERT_NONE"))
}

/// pyOpenSSL `context.set_verify(SSL.VERIFY_NONE, …)`.
fn check_set_verify(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Some((call, _, "set_verify")) = as_method_call(expr) else {
        return;
    };
    let Some(mode) = call.arguments.find_argument_value("mode", 0) else {
        return;
    };
    if ctx.resolve(mode).as_deref() == Some("OpenSSL.SSL.VERIFY_NONE") {
        ctx.report(
            call.range(),
            format!("`{}` turns off certificate verification for this pyOpenSSL context; on a client that lets anyone on the network path impersonate the server. Use `SSL.VERIFY_PEER`", ctx.snippet(call)),
        )
        .confidence(Confidence::Medium);
    }
}

/// How the context behind `receiver` was made: `Some(true)` for a known client context,
/// `Some(false)` for a known server context, `None` when unknown.
fn is_client_context(ctx: &Context<'_, '_>, receiver: &Expr) -> Option<bool> {
    let (origin, call) = ctx.constructor_call(receiver)?;
    if !CONTEXT_FACTORIES.contains(&origin.as_str()) {
        return None;
    }
    let server = call
        .arguments
        .find_argument_value("purpose", 0)
        .or_else(|| call.arguments.find_argument_value("protocol", 0))
        .and_then(|arg| ctx.resolve(arg))
        .is_some_and(|name| {
            matches!(
                name.as_str(),
                "ssl.Purpose.CLIENT_AUTH" | "ssl.PROTOCOL_TLS_SERVER"
            )
        });
    Some(!server)
}

/// Whether `stmt` runs only when there is no host name to check: in the body of
/// `if not server_hostname:` (or `if hostname is None:`), a name that holds the host
/// name itself, not a setting about checking it (`if not verify_hostname:` is reported).
fn without_a_host_name(ctx: &Context<'_, '_>, stmt: &Stmt) -> bool {
    let is_host_name = |expr: &Expr| {
        words::target_name(expr).is_some_and(|name| {
            let words = words::split(name);
            (words::has(&words, "hostname") || words::has(&words, "host"))
                && !words
                    .iter()
                    .any(|w| matches!(w.as_str(), "verify" | "check" | "validate" | "insecure"))
        })
    };
    ctx.ancestors().iter().rev().any(|ancestor| {
        let Stmt::If(if_stmt) = ancestor else {
            return false;
        };
        let in_body = if_stmt
            .body
            .iter()
            .any(|s| s.range().contains_range(stmt.range()));
        let absent = match if_stmt.test.as_ref() {
            Expr::UnaryOp(unary) if unary.op == UnaryOp::Not => is_host_name(&unary.operand),
            Expr::Compare(compare) => {
                matches!(compare.ops.as_ref(), [CmpOp::Is])
                    && matches!(compare.comparators.as_ref(), [Expr::NoneLiteral(_)])
                    && is_host_name(&compare.left)
            }
            _ => false,
        };
        in_body && absent
    })
}

fn check_assignment(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    if let Stmt::Assign(assign) = stmt
        && let [target] = assign.targets.as_slice()
        && ctx.resolve(target).as_deref() == Some("ssl._create_default_https_context")
        && ctx.resolve(&assign.value).as_deref() == Some("ssl._create_unverified_context")
    {
        ctx.report(
            stmt.range(),
            "`ssl._create_default_https_context` is replaced by `ssl._create_unverified_context`, so no `urllib` or `http.client` HTTPS connection in the process checks certificates; anyone on the network path can impersonate any server",
        );
        return;
    }
    if !ctx.imports_module("ssl") {
        return;
    }
    for (attribute, value) in attribute_assignments(stmt) {
        let message = match attribute.attr.id.as_str() {
            "check_hostname"
                if is_false_constant(ctx, value) && !without_a_host_name(ctx, stmt) =>
            {
                format!(
                    "`{}` is set to {}: any valid certificate, issued for any site, is accepted, so anyone who holds one can impersonate the server",
                    ctx.text(attribute),
                    spelled_value(ctx, "", value, "false")
                )
            }
            "verify_mode" if is_cert_none(ctx, value) => format!(
                "`{}` is set to `{}`: the peer's certificate is not checked, so anyone on the network path can impersonate the server",
                ctx.text(attribute),
                ctx.snippet(value)
            ),
            _ => continue,
        };
        let confidence = match is_client_context(ctx, &attribute.value) {
            Some(false) => continue,
            Some(true) => Confidence::High,
            None => Confidence::Medium,
        };
        ctx.report(stmt.range(), message).confidence(confidence);
    }
}

//! `ssl-insecure-version`: TLS connections allowed to use SSL 2/3 or TLS 1.0/1.1.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::attribute_assignments;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, Stmt};

const DOCS: &str = r#"## What it does
Flags protocol versions older than TLS 1.2 chosen in code:
- `ssl.PROTOCOL_SSLv2`, `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, `PROTOCOL_TLSv1_1` and
  pyOpenSSL's `SSL.SSLv2_METHOD`, `SSLv3_METHOD`, `TLSv1_METHOD`, `TLSv1_1_METHOD` passed
  to any call (`ssl.SSLContext(ssl.PROTOCOL_TLSv1)`, `ssl.wrap_socket(s,
  ssl_version=...)`, `SSL.Context(SSL.TLSv1_METHOD)`);
- the same constants as a parameter's default value, with medium severity and confidence
  (the caller may pass another);
- `context.minimum_version` or `maximum_version` set to `ssl.TLSVersion.SSLv3`, `TLSv1`
  or `TLSv1_1`;
- `ssl.wrap_socket(...)` without `ssl_version`, with low severity and medium confidence:
  it negotiates whatever both ends and the local OpenSSL allow, it was deprecated in
  Python 3.7 and removed in 3.12.

Test files are not checked: tests of old-protocol handling use these constants on
purpose. Comparisons (`if version == ssl.PROTOCOL_TLSv1`) are not flagged.

## Why is this bad?
SSL 2.0 and 3.0 are broken (DROWN, POODLE); TLS 1.0 and 1.1 rely on MD5/SHA-1 and CBC
constructions open to BEAST-style attacks and were deprecated by RFC 8996 in 2021. A
connection that uses or allows them can be downgraded and decrypted by an attacker on the
network path.

## Example
```python
import ssl

def connect(sock, host):
    context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
    return context.wrap_socket(sock, server_hostname=host)
```

## Use instead
```python
import ssl

def connect(sock, host):
    context = ssl.create_default_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context.wrap_socket(sock, server_hostname=host)
```

## References
- CWE-326: Inadequate Encryption Strength
- CWE-327: Use of a Broken or Risky Cryptographic Algorithm
- OWASP Top 10 2025: A04 Cryptographic Failures
- RFC 8996: Deprecating TLS 1.0 and TLS 1.1
- Python docs: `ssl` — Protocol versions
"#;

/// Metadata of `ssl-insecure-version`.
pub static META: RuleMeta = RuleMeta {
    id: "ssl-insecure-version",
    title: "SSL or TLS version older than 1.2",
    category: Category::Tls,
    cwe: &[326, 327],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B502", "B503", "B504"],
    ruff: &["S502", "S503", "S504"],
    docs: DOCS,
};

/// The rule: inspects call arguments, parameter defaults and version assignments.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[
        Check::Expr(check_arguments),
        Check::Call(check_wrap_socket),
        Check::Stmt(check_stmt),
    ],
    modules: &["ssl", "OpenSSL"],
};

/// Protocol selectors that allow only a broken version, with that version's name.
const BAD_PROTOCOLS: &[(&str, &str)] = &[
    ("ssl.PROTOCOL_SSLv2", "SSL 2.0"),
    ("ssl.PROTOCOL_SSLv3", "SSL 3.0"),
    ("ssl.PROTOCOL_TLSv1", "TLS 1.0"),
    ("ssl.PROTOCOL_TLSv1_1", "TLS 1.1"),
    ("ssl._SSLMethod.PROTOCOL_SSLv2", "SSL 2.0"),
    ("ssl._SSLMethod.PROTOCOL_SSLv3", "SSL 3.0"),
    ("ssl._SSLMethod.PROTOCOL_TLSv1", "TLS 1.0"),
    ("ssl._SSLMethod.PROTOCOL_TLSv1_1", "TLS 1.1"),
    ("OpenSSL.SSL.SSLv2_METHOD", "SSL 2.0"),
    ("OpenSSL.SSL.SSLv3_METHOD", "SSL 3.0"),
    ("OpenSSL.SSL.TLSv1_METHOD", "TLS 1.0"),
    ("OpenSSL.SSL.TLSv1_1_METHOD", "TLS 1.1"),
];

/// `ssl.TLSVersion` members below TLS 1.2.
const BAD_VERSIONS: &[(&str, &str)] = &[
    ("ssl.TLSVersion.SSLv3", "SSL 3.0"),
    ("ssl.TLSVersion.TLSv1", "TLS 1.0"),
    ("ssl.TLSVersion.TLSv1_1", "TLS 1.1"),
];

/// The broken version `expr` names, if it is one of `table`.
fn bad_version(
    ctx: &Context<'_, '_>,
    expr: &Expr,
    table: &[(&str, &'static str)],
) -> Option<&'static str> {
    if !matches!(expr, Expr::Attribute(_) | Expr::Name(_)) {
        return None;
    }
    let name = ctx.resolve(expr)?;
    table
        .iter()
        .find(|(qualified, _)| *qualified == name)
        .map(|&(_, version)| version)
}

/// Broken protocol selectors passed to any call.
fn check_arguments(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let values = call
        .arguments
        .args
        .iter()
        .chain(call.arguments.keywords.iter().map(|k| &k.value));
    for value in values {
        if let Some(version) = bad_version(ctx, value, BAD_PROTOCOLS) {
            ctx.report(
                value.range(),
                format!("`{}` passed to `{}` makes the connection use {version}, which is broken and deprecated; use `ssl.create_default_context()` (TLS 1.2 or later)", ctx.snippet(value), ctx.snippet(&*call.func)),
            );
        }
    }
}

/// `ssl.wrap_socket` without `ssl_version`.
fn check_wrap_socket(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if callee != "ssl.wrap_socket"
        || call
            .arguments
            .find_argument_value("ssl_version", 5)
            .is_some()
    {
        return;
    }
    ctx.report(
        call.range(),
        "`ssl.wrap_socket` without `ssl_version` negotiates any protocol version the local OpenSSL still allows; it was deprecated in Python 3.7 and removed in 3.12. Use `ssl.create_default_context().wrap_socket(...)`",
    )
    .severity(Severity::Low)
    .confidence(Confidence::Medium);
}

/// Broken versions as parameter defaults and as `minimum_version`/`maximum_version`.
fn check_stmt(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    if let Stmt::FunctionDef(function) = stmt {
        for parameter in function.parameters.iter_non_variadic_params() {
            let Some(default) = parameter.default() else {
                continue;
            };
            if let Some(version) = bad_version(ctx, default, BAD_PROTOCOLS) {
                ctx.report(
                    default.range(),
                    format!("parameter `{}` of `{}` defaults to `{}`, so callers that do not pass it get {version}, which is broken and deprecated", parameter.parameter.name.id, function.name.id, ctx.snippet(default)),
                )
                .severity(Severity::Medium)
                .confidence(Confidence::Medium);
            }
        }
        return;
    }
    for (attribute, value) in attribute_assignments(stmt) {
        let bound = attribute.attr.id.as_str();
        if !matches!(bound, "minimum_version" | "maximum_version") {
            continue;
        }
        let Some(version) = bad_version(ctx, value, BAD_VERSIONS) else {
            continue;
        };
        let effect = if bound == "minimum_version" {
            "allows connections to fall back to"
        } else {
            "caps connections at"
        };
        ctx.report(
            stmt.range(),
            format!("`{}` is set to `{}`, which {effect} {version}, broken and deprecated; use `ssl.TLSVersion.TLSv1_2` or later", ctx.text(attribute), ctx.snippet(value)),
        );
    }
}

//! `django-allowed-hosts-wildcard`: `ALLOWED_HOSTS` that accepts any `Host` header.

use super::settings::{Calibration, constant_strings, report, setting};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags `ALLOWED_HOSTS` containing `"*"` (a list or tuple of constants, names followed) in a
Django settings module (see `django-debug-true` for what counts as one).
Development settings (`local.py`, `dev.py`, …) are reported at low severity; test
settings are not reported. Patterns such as `".example.com"` (the domain and its
subdomains) are not flagged.

## Why is this bad?
`ALLOWED_HOSTS` is Django's validation of the `Host` header. Django builds absolute URLs
from that header — password-reset links, `request.build_absolute_uri()`, redirects — and
caches may key pages on it. With `"*"` any host is accepted, so an attacker can send a
password-reset request with `Host: evil.example` and the victim receives a genuine e-mail
whose link leaks the reset token to the attacker, or poison a shared cache with links to
their own site.

## Example
```python
ALLOWED_HOSTS = ["*"]
```

## Use instead
```python
ALLOWED_HOSTS = ["mysite.example", "www.mysite.example"]
```

## References
- CWE-183: Permissive List of Allowed Inputs
- CWE-20: Improper Input Validation
- OWASP Top 10 2025: A02 Security Misconfiguration
- Django documentation: `ALLOWED_HOSTS`; Security in Django, Host header validation
"#;

/// Metadata of `django-allowed-hosts-wildcard`.
pub static META: RuleMeta = RuleMeta {
    id: "django-allowed-hosts-wildcard",
    title: "Django ALLOWED_HOSTS accepts any host",
    category: Category::Django,
    cwe: &[183, 20],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects top-level assignments in settings modules.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Some(setting) = setting(ctx, stmt) else {
        return;
    };
    if setting.name != "ALLOWED_HOSTS" {
        return;
    }
    let value = constant_strings(ctx, setting.value);
    if !value.is_some_and(|hosts| hosts.iter().any(|h| h == "*")) {
        return;
    }
    let message = format!(
        "`ALLOWED_HOSTS = {}` accepts any `Host` header: password-reset links and other absolute URLs can be made to point at an attacker's host; list the host names the site is served on",
        ctx.snippet(setting.value)
    );
    report(
        ctx,
        &setting,
        message,
        &Calibration {
            development: Some(Severity::Low),
            test: None,
        },
    );
}

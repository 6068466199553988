//! `django-insecure-cookie-settings`: Django settings that turn cookie protections off.

use super::settings::{Calibration, report, setting};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags explicit assignments in a Django settings module (see `django-debug-true` for what
counts as one) that weaken the session and CSRF cookies:
`SESSION_COOKIE_SECURE = False`, `CSRF_COOKIE_SECURE = False`,
`SESSION_COOKIE_HTTPONLY = False`, and `SESSION_COOKIE_SAMESITE` or
`CSRF_COOKIE_SAMESITE` set to `None` or `False`. Development settings are reported at low
severity (local servers usually run without HTTPS); test settings are not reported.

Only explicit insecure values are flagged, not settings left out: Django's own
`manage.py check --deploy` warns about missing `SESSION_COOKIE_SECURE`,
`CSRF_COOKIE_SECURE`, `SECURE_SSL_REDIRECT` and `SECURE_HSTS_SECONDS`, and should run
before every deployment. `CSRF_COOKIE_HTTPONLY = False` (the default) is not flagged:
Django's documentation explains that it gains nothing. `SECURE_SSL_REDIRECT = False` is
not flagged either: it is often right behind a proxy that redirects.

## Why is this bad?
A session or CSRF cookie without `Secure` is also sent over plain HTTP, where anyone on
the network path can read it and take over the session. Without `HttpOnly`, one
cross-site scripting bug lets JavaScript read the session cookie. `SameSite=None` makes
the browser attach the cookie to requests other sites trigger.

## Example
```python
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
```

## Use instead
```python
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
```

## References
- CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
- CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag
- CWE-1275: Sensitive Cookie with Improper SameSite Attribute
- OWASP Top 10 2025: A02 Security Misconfiguration
- Django documentation: `SESSION_COOKIE_SECURE`, `CSRF_COOKIE_SECURE`, Deployment checklist
"#;

/// Metadata of `django-insecure-cookie-settings`.
pub static META: RuleMeta = RuleMeta {
    id: "django-insecure-cookie-settings",
    title: "Django session or CSRF cookie protection turned off",
    category: Category::Django,
    cwe: &[614, 1004, 1275],
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

/// Settings checked, whether they are a `SameSite` value, and what the insecure value does.
const COOKIE_SETTINGS: &[(&str, bool, &str)] = &[
    (
        "SESSION_COOKIE_SECURE",
        false,
        "the session cookie is also sent over plain HTTP",
    ),
    (
        "CSRF_COOKIE_SECURE",
        false,
        "the CSRF cookie is also sent over plain HTTP",
    ),
    (
        "SESSION_COOKIE_HTTPONLY",
        false,
        "scripts on the page can read the session cookie",
    ),
    (
        "SESSION_COOKIE_SAMESITE",
        true,
        "the browser attaches the session cookie to cross-site requests",
    ),
    (
        "CSRF_COOKIE_SAMESITE",
        true,
        "the browser attaches the CSRF cookie to cross-site requests",
    ),
];

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Some(setting) = setting(ctx, stmt) else {
        return;
    };
    let Some((_, samesite, consequence)) = COOKIE_SETTINGS
        .iter()
        .find(|(name, _, _)| *name == setting.name)
    else {
        return;
    };
    let insecure = match ctx.constant(setting.value) {
        Some(Constant::None | Constant::Bool(false)) => true,
        Some(value) => !samesite && !value.is_truthy(),
        None => false,
    };
    if !insecure {
        return;
    }
    let message = format!(
        "`{} = {}`: {consequence}",
        setting.name,
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

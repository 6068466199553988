//! `django-missing-security-middleware`: a `MIDDLEWARE` list without Django's CSRF or
//! clickjacking protection.

use super::settings::{Calibration, constant_strings, report, setting};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags `MIDDLEWARE` in a Django settings module (see `django-debug-true` for what counts as
one) that lacks `django.middleware.csrf.CsrfViewMiddleware` or
`django.middleware.clickjacking.XFrameOptionsMiddleware`. Each top-level assignment of a
list or tuple of string constants is judged; a module that also changes `MIDDLEWARE`
with `+=` or an import, or builds it from values Moat cannot fold, is not. (Changes made
with `MIDDLEWARE.insert(…)` or `.append(…)` are not seen; suppress the finding then.) Development settings are reported at
low severity; test settings are not reported.

## Why is this bad?
`CsrfViewMiddleware` is what checks the CSRF token of every unsafe request; without it,
any site can make a logged-in user's browser submit forms to the application.
`XFrameOptionsMiddleware` sends `X-Frame-Options: DENY`, which stops other sites from
framing pages to trick users into clicking buttons they cannot see (clickjacking). Both
are in the `MIDDLEWARE` that `startproject` writes; removing one removes the protection
from every view.

## Example
```python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
```

## Use instead
```python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
```
An API that authenticates only with tokens in headers does not need CSRF checks; then
suppress the finding with the reason.

## References
- CWE-352: Cross-Site Request Forgery (CSRF)
- CWE-1021: Improper Restriction of Rendered UI Layers or Frames
- OWASP Top 10 2025: A02 Security Misconfiguration
- Django documentation: Cross Site Request Forgery protection; Clickjacking protection
"#;

/// Metadata of `django-missing-security-middleware`.
pub static META: RuleMeta = RuleMeta {
    id: "django-missing-security-middleware",
    title: "Django CSRF or clickjacking middleware missing",
    category: Category::Django,
    cwe: &[352, 1021],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
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

/// The middleware checked for, and what is lost without it.
const REQUIRED: &[(&str, &str)] = &[
    (
        "django.middleware.csrf.CsrfViewMiddleware",
        "no view checks CSRF tokens, so other sites can submit forms with a logged-in user's session",
    ),
    (
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "no page sends `X-Frame-Options`, so other sites can frame them for clickjacking",
    ),
];

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Some(setting) = setting(ctx, stmt) else {
        return;
    };
    if setting.name != "MIDDLEWARE" || !ctx.module_only_assigns("MIDDLEWARE") {
        return;
    }
    let Some(middleware) = constant_strings(ctx, setting.value) else {
        return;
    };
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|(name, _)| !middleware.iter().any(|m| m == name))
        .map(|(name, consequence)| format!("`{name}` ({consequence})"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let message = format!("`MIDDLEWARE` lacks {}", missing.join(" and "));
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

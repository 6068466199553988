//! `django-hardcoded-secret-key`: a literal `SECRET_KEY` in Django settings.

use super::settings::{Calibration, report, setting};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::{Expr, Stmt};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags a Django settings module (see `django-debug-true` for what counts as one) whose
`SECRET_KEY` is a non-empty string constant, or falls back to one when an environment
variable is missing (`os.environ.get("SECRET_KEY", "…")`, `os.getenv("SECRET_KEY", "…")`).
Keys that `startproject` generated start with `django-insecure-`, and the message says so.
A key read from the environment or a file, or made by `get_random_secret_key()`, is not
flagged.

Development settings (`local.py`, `dev.py`, …) are reported at medium severity and test
settings at low severity: a literal key is harmless only as long as those files never
configure a server.

## Why is this bad?
Django signs sessions (with the signed-cookie backend), password-reset tokens, messages,
`django.core.signing` payloads and CSRF-related values with `SECRET_KEY`. Anyone who has
the key — from the repository, its history or a leaked copy — can forge them: reset any
user's password, and with the signed-cookie session backend log in as anyone.

## Example
```python
SECRET_KEY = "django-insecure-7u#f!9z0^x$l3w2k@q8m1r5t6y_h4j(e)n-b+v=c*d&g"
```

## Use instead
```python
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
```
Generate a key with `django.core.management.utils.get_random_secret_key()` and keep it in
the environment or a secrets manager; rotate a leaked one with `SECRET_KEY_FALLBACKS`.

## References
- CWE-798: Use of Hard-coded Credentials
- CWE-321: Use of Hard-coded Cryptographic Key
- OWASP Top 10 2025: A04 Cryptographic Failures
- Django documentation: `SECRET_KEY`; Deployment checklist
"#;

/// Metadata of `django-hardcoded-secret-key`.
pub static META: RuleMeta = RuleMeta {
    id: "django-hardcoded-secret-key",
    title: "Hard-coded Django SECRET_KEY",
    category: Category::Django,
    cwe: &[798, 321],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
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

/// Functions that read an environment variable, with the position of their default.
const ENVIRONMENT_READS: &[(&str, usize)] = &[
    ("os.environ.get", 1),
    ("os.getenv", 1),
    ("os.environ.setdefault", 1),
];

/// The literal key `value` is or falls back to, and whether it is a fallback.
fn literal_key(ctx: &Context<'_, '_>, value: &Expr) -> Option<(String, bool)> {
    if let Some(Constant::Str(key)) = ctx.constant(value) {
        return (!key.is_empty()).then_some((key, false));
    }
    let Expr::Call(call) = value else {
        return None;
    };
    let callee = ctx.resolve(&call.func)?;
    let (_, position) = ENVIRONMENT_READS.iter().find(|(name, _)| *name == callee)?;
    let default = call.arguments.find_argument_value("default", *position)?;
    match ctx.constant(default) {
        Some(Constant::Str(key)) if !key.is_empty() => Some((key, true)),
        _ => None,
    }
}

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Some(setting) = setting(ctx, stmt) else {
        return;
    };
    if setting.name != "SECRET_KEY" {
        return;
    }
    let Some((key, fallback)) = literal_key(ctx, setting.value) else {
        return;
    };
    let what = if fallback {
        "falls back to a key written in the source when the environment variable is missing"
    } else {
        "is written in the source"
    };
    let generated = if key.starts_with("django-insecure-") {
        " (its `django-insecure-` prefix marks the development key `startproject` generated)"
    } else {
        ""
    };
    let message = format!(
        "Django's `SECRET_KEY` {what}{generated}: anyone who can read the code can forge password-reset tokens, signed cookies and other signed values; load it from the environment"
    );
    report(
        ctx,
        &setting,
        message,
        &Calibration {
            development: Some(Severity::Medium),
            test: Some(Severity::Low),
        },
    );
}

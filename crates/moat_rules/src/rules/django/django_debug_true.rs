//! `django-debug-true`: `DEBUG = True` in Django settings.

use super::settings::{Calibration, report, setting};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags `DEBUG = True` (or any true constant, followed through names) in a Django settings
module. A settings module is one named `settings.py`, `settings_*.py` or `*_settings.py`,
one in a `settings/` package, or one that assigns `INSTALLED_APPS`, `MIDDLEWARE` or `ROOT_URLCONF` at top level; Django's own
`django/conf/global_settings.py` is not one. `DEBUG` read from the environment
(`DEBUG = os.environ.get("DJANGO_DEBUG") == "1"`) is not flagged.

Settings whose file name says they are for development (`local.py`, `dev.py`,
`development.py`, `settings_local.py`, `dev_settings.py`) are reported at low severity, and the message says
so: they are meant to have debug on, but they are still worth a look if they are what a
server loads. Test settings (test code by path, or `test.py`, `testing.py`,
`test_settings.py`…) are not reported.

## Why is this bad?
With `DEBUG = True`, every error page shows the traceback with source code, local
variables, the SQL that ran and the full settings (secrets are masked only when their
names look secret). Django also keeps every SQL query in memory and serves
`ALLOWED_HOSTS`-less requests from `localhost` names. Run in production, it hands
attackers a map of the application and often credentials.

## Example
```python
# mysite/settings.py
DEBUG = True
ALLOWED_HOSTS = ["mysite.example"]
```

## Use instead
```python
# mysite/settings.py
import os

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = ["mysite.example"]
```
and run `python manage.py check --deploy` before deploying.

## References
- CWE-489: Active Debug Code
- CWE-215: Insertion of Sensitive Information Into Debugging Code
- OWASP Top 10 2025: A02 Security Misconfiguration
- Django documentation: settings, `DEBUG`; Deployment checklist
"#;

/// Metadata of `django-debug-true`.
pub static META: RuleMeta = RuleMeta {
    id: "django-debug-true",
    title: "Django DEBUG turned on in settings",
    category: Category::Django,
    cwe: &[489, 215],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::High,
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

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Some(setting) = setting(ctx, stmt) else {
        return;
    };
    if setting.name != "DEBUG" || !ctx.constant(setting.value).is_some_and(|v| v.is_truthy()) {
        return;
    }
    let message = format!(
        "`DEBUG = {}` in a Django settings module: error pages show tracebacks, source, SQL and settings to every visitor; read it from the environment so production runs with `DEBUG = False`",
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

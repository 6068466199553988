//! `csrf-disabled`: Flask-WTF's CSRF protection turned off for the application or
//! exempted for views.

use super::app::config_writes;
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, Stmt};

const DOCS: &str = r#"## What it does
Flags Flask-WTF's CSRF protection being switched off:
- `app.config["WTF_CSRF_ENABLED"] = False` (or through `app.config.update(...)`), which
  turns off the check of every form and of `CSRFProtect`;
- `app.config["WTF_CSRF_CHECK_DEFAULT"] = False`, which makes `CSRFProtect` check no view
  unless each one asks for it;
- `csrf.exempt` used as a decorator or called on a view or blueprint, where `csrf` is a
  `flask_wtf.csrf.CSRFProtect(...)`.

Test files are not checked: turning CSRF off in tests is what Flask-WTF's documentation
recommends. Django's `@csrf_exempt` is `django-csrf-exempt`.

## Why is this bad?
Browsers attach cookies to requests that other sites trigger. Without a CSRF token check,
a page on any site can make a logged-in user's browser submit forms to the application —
change their e-mail address or password, transfer money, delete data — with the user's
session.

## Example
```python
from flask import Flask
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
csrf = CSRFProtect(app)

@app.post("/transfer")
@csrf.exempt
def transfer():
    ...
```

## Use instead
Keep the check and send the token with the form (`{{ csrf_token() }}`) or in the
`X-CSRFToken` header of JavaScript requests. Exempt only endpoints that authenticate
each request another way (a webhook verifying a signature), and say so next to the code.

## References
- CWE-352: Cross-Site Request Forgery (CSRF)
- OWASP Top 10 2025: A01 Broken Access Control
- Flask-WTF documentation: CSRF Protection
"#;

/// Metadata of `csrf-disabled`.
pub static META: RuleMeta = RuleMeta {
    id: "csrf-disabled",
    title: "Flask-WTF CSRF protection disabled",
    category: Category::Flask,
    cwe: &[352],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects Flask configuration writes and `CSRFProtect.exempt`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check_config), Check::Expr(check_exempt)],
    modules: &["flask", "flask_wtf"],
};

/// Callables that make a Flask-WTF CSRF extension object.
const CSRF_EXTENSIONS: &[&str] = &[
    "flask_wtf.CSRFProtect",
    "flask_wtf.csrf.CSRFProtect",
    "flask_wtf.CsrfProtect",
    "flask_wtf.csrf.CsrfProtect",
];

fn check_config(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    for write in config_writes(ctx, stmt) {
        let consequence = match write.key.as_str() {
            "WTF_CSRF_ENABLED" => "turns off Flask-WTF's CSRF check for every form and view",
            "WTF_CSRF_CHECK_DEFAULT" => "makes `CSRFProtect` check only the views that ask for it",
            _ => continue,
        };
        if ctx.constant(write.value).is_some_and(|v| !v.is_truthy()) {
            let message = format!(
                "`{}` {consequence}: other sites can submit requests with a logged-in user's session",
                ctx.snippet(&write.range)
            );
            ctx.report(write.range, message);
        }
    }
}

fn check_exempt(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Attribute(attribute) = expr else {
        return;
    };
    if attribute.attr.id.as_str() != "exempt"
        || !ctx
            .constructor_of(&attribute.value)
            .is_some_and(|callee| CSRF_EXTENSIONS.contains(&callee.as_str()))
    {
        return;
    }
    let message = format!(
        "`{}` exempts a view from Flask-WTF's CSRF check: other sites can submit requests to it with a logged-in user's session; exempt only endpoints that authenticate each request another way",
        ctx.snippet(attribute)
    );
    ctx.report(attribute.range(), message)
        .confidence(Confidence::Medium);
}

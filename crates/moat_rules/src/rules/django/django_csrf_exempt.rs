//! `django-csrf-exempt`: Django views exempted from CSRF protection.

use super::exemptions::reference_to;
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::Expr;

const DOCS: &str = r#"## What it does
Flags uses of `django.views.decorators.csrf.csrf_exempt`: as a decorator (`@csrf_exempt`),
called on a view (`path("hook/", csrf_exempt(hook))`), or passed to `method_decorator`
for a class-based view. Aliased and attribute imports are resolved. Test code, which
exempts views to test the decorator, is not checked. Flask-WTF's `csrf.exempt` is `csrf-disabled`.

## Why is this bad?
`CsrfViewMiddleware` rejects unsafe requests (POST, PUT, DELETE…) that lack the CSRF
token; `csrf_exempt` turns that off for the view. The browser still attaches the user's
session cookie to requests that other sites trigger, so any page can make a logged-in
user's browser call the view: change their settings, make purchases, delete data.

## Example
```python
from django.views.decorators.csrf import csrf_exempt

@csrf_exempt
def update_profile(request):
    request.user.email = request.POST["email"]
    request.user.save()
```

## Use instead
Keep the protection and send the token (`{% csrf_token %}` in forms, the `X-CSRFToken`
header in JavaScript). Exempt only views that authenticate each request without cookies
— a webhook that verifies the sender's signature — and say so in a suppression comment.

## References
- CWE-352: Cross-Site Request Forgery (CSRF)
- OWASP Top 10 2025: A01 Broken Access Control
- Django documentation: Cross Site Request Forgery protection, `csrf_exempt`
"#;

/// Metadata of `django-csrf-exempt`.
pub static META: RuleMeta = RuleMeta {
    id: "django-csrf-exempt",
    title: "Django view exempt from CSRF protection",
    category: Category::Django,
    cwe: &[352],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects references to `csrf_exempt`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check)],
    modules: &["django"],
};

fn check(ctx: &mut Context<'_, '_>, expr: &Expr) {
    if !reference_to(ctx, expr, "django.views.decorators.csrf.csrf_exempt") {
        return;
    }
    let message = format!(
        "`{}` turns off Django's CSRF check for this view: other sites can make a logged-in user's browser send it requests; exempt only views that authenticate each request without cookies",
        ctx.snippet(expr)
    );
    ctx.report(expr.range(), message);
}

//! `django-xframe-exempt`: Django views exempted from clickjacking protection.

use super::exemptions::reference_to;
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::Expr;

const DOCS: &str = r#"## What it does
Flags uses of `django.views.decorators.clickjacking.xframe_options_exempt`: as a
decorator, called on a view, or passed to `method_decorator`. Test code is not checked.
`xframe_options_sameorigin` and `xframe_options_deny` are
not flagged.

## Why is this bad?
`XFrameOptionsMiddleware` sends `X-Frame-Options: DENY` so that other sites cannot show
the application's pages in a frame. An exempt view can be framed invisibly by any site,
which then lures the user into clicking its buttons (clickjacking): confirming a
transfer, granting an OAuth app access, deleting an account.

## Example
```python
from django.views.decorators.clickjacking import xframe_options_exempt

@xframe_options_exempt
def confirm_payment(request):
    ...
```

## Use instead
Allow framing by the same site only, or by named origins with a
`Content-Security-Policy: frame-ancestors` header:
```python
from django.views.decorators.clickjacking import xframe_options_sameorigin

@xframe_options_sameorigin
def confirm_payment(request):
    ...
```

## References
- CWE-1021: Improper Restriction of Rendered UI Layers or Frames
- OWASP Top 10 2025: A02 Security Misconfiguration
- Django documentation: Clickjacking Protection
"#;

/// Metadata of `django-xframe-exempt`.
pub static META: RuleMeta = RuleMeta {
    id: "django-xframe-exempt",
    title: "Django view exempt from clickjacking protection",
    category: Category::Django,
    cwe: &[1021],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::Low,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects references to `xframe_options_exempt`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check)],
    modules: &["django"],
};

fn check(ctx: &mut Context<'_, '_>, expr: &Expr) {
    if !reference_to(
        ctx,
        expr,
        "django.views.decorators.clickjacking.xframe_options_exempt",
    ) {
        return;
    }
    let message = format!(
        "`{}` stops Django from sending `X-Frame-Options` for this view: any site can frame it and trick users into clicking it (clickjacking); use `xframe_options_sameorigin` or a CSP `frame-ancestors` list",
        ctx.snippet(expr)
    );
    ctx.report(expr.range(), message);
}

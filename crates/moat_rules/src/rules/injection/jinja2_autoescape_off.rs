//! `jinja2-autoescape-off`: a Jinja2 environment that does not escape HTML.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags `jinja2.Environment`, `jinja2.sandbox.SandboxedEnvironment` and `jinja2.Template`
created without `autoescape=`, or with an `autoescape` that folds to false. An
`autoescape` given as a call or a variable that is not a constant (usually
`select_autoescape(...)`) is taken as configured and not flagged. Flask's own
environment escapes HTML templates and is not flagged.

## Why is this bad?
Jinja2 does not escape values unless told to. A template rendering a user's name,
comment or search term then puts it into the page as HTML: a value such as
`<script>…</script>` runs in other users' browsers (cross-site scripting), with access
to their session.

## Example
```python
from jinja2 import Environment, FileSystemLoader

env = Environment(loader=FileSystemLoader("templates"))
```

## Use instead
Turn escaping on for HTML and XML templates:
```python
from jinja2 import Environment, FileSystemLoader, select_autoescape

env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())
```
For templates that are not HTML (e-mails in plain text, configuration files), say so
with `autoescape=False` and suppress the finding with a comment explaining why.

## References
- CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
- CWE-116: Improper Encoding or Escaping of Output
- OWASP Top 10 2025: A05 Injection
- Jinja2 docs: Autoescaping, `select_autoescape`
"#;

/// Metadata of `jinja2-autoescape-off`.
pub static META: RuleMeta = RuleMeta {
    id: "jinja2-autoescape-off",
    title: "Jinja2 templates rendered without HTML escaping",
    category: Category::Injection,
    cwe: &[79, 116],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B701"],
    ruff: &["S701"],
    docs: DOCS,
};

/// The rule: inspects calls into `jinja2`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["jinja2"],
};

const ENVIRONMENTS: &[&str] = &[
    "jinja2.Environment",
    "jinja2.environment.Environment",
    "jinja2.sandbox.SandboxedEnvironment",
    "jinja2.sandbox.ImmutableSandboxedEnvironment",
    "jinja2.Template",
    "jinja2.environment.Template",
];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !ENVIRONMENTS.contains(&callee) {
        return;
    }
    let short = callee.rsplit('.').next().unwrap_or(callee);
    match call.arguments.find_keyword("autoescape") {
        None => {
            ctx.report(
                call.range(),
                format!("`{short}(...)` is created without `autoescape=`, so values rendered into HTML are not escaped (cross-site scripting); pass `autoescape=select_autoescape()`"),
            );
        }
        Some(keyword) => {
            if ctx.constant(&keyword.value).is_some_and(|v| !v.is_truthy()) {
                ctx.report(
                    call.range(),
                    format!("`{short}(..., autoescape={})` turns HTML escaping off, so rendered values can inject markup and scripts; use `autoescape=select_autoescape()`", ctx.text(&keyword.value)),
                )
                .confidence(Confidence::High);
            }
        }
    }
}

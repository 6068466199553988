//! `markup-unsafe`: text that is not a constant marked as safe HTML with `Markup`.

use crate::built_strings::{built_from_constants, built_from_data};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags `markupsafe.Markup(...)` (also reached as `flask.Markup` or `jinja2.Markup` in older
versions) called with a value that is not a constant string: a variable or call of
unknown origin, or text built with an f-string, `%`, `str.format` or `+` from at least
one value that is not a constant. Text built only from constants (also through
variables: `Markup("<b>{}</b>".format(TITLE))` with `TITLE` a module constant) is not
flagged, whichever way it is built. `Markup(escape(value))`, text whose values all
went through `escape`, and `Markup.escape(value)` are not flagged, nor is
`Markup("<b>{}</b>").format(value)`, which escapes its arguments.

## Why is this bad?
`Markup` tells the template engine that a string is already safe HTML, so it is never
escaped. Wrapping user input, or text built from it with an f-string, `%` or `+`, puts
that input into the page as markup: cross-site scripting.

## Example
```python
from markupsafe import Markup

def greeting(name):
    return Markup(f"<b>Hello {name}</b>")
```

## Use instead
Let `Markup` escape the values:
```python
from markupsafe import Markup

def greeting(name):
    return Markup("<b>Hello {}</b>").format(name)
```

## References
- CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
- OWASP Top 10 2025: A05 Injection
- MarkupSafe docs: `Markup`, `escape`
"#;

/// Metadata of `markup-unsafe`.
pub static META: RuleMeta = RuleMeta {
    id: "markup-unsafe",
    title: "Text that is not constant marked as safe HTML",
    category: Category::Injection,
    cwe: &[79],
    owasp: Owasp::A05Injection,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B704"],
    ruff: &["S704"],
    docs: DOCS,
};

/// The rule: inspects calls of `Markup`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["markupsafe", "flask", "jinja2"],
};

const MARKUP: &[&str] = &[
    "markupsafe.Markup",
    "flask.Markup",
    "jinja2.Markup",
    "jinja2.utils.Markup",
];

const ESCAPES: &[&str] = &[
    "markupsafe.escape",
    "markupsafe.Markup.escape",
    "flask.escape",
    "jinja2.escape",
    "html.escape",
];

/// Whether `value` is `escape(…)` (or another escaping function) of something.
fn is_escaped(ctx: &Context<'_, '_>, value: &Expr) -> bool {
    matches!(value, Expr::Call(inner) if ctx
        .resolve(&inner.func)
        .is_some_and(|f| ESCAPES.contains(&f.as_str())))
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !MARKUP.contains(&callee) {
        return;
    }
    // `base` up to MarkupSafe 2.1, `object` since 3.0.
    let Some(value) = call
        .arguments
        .find_argument_value("base", 0)
        .or_else(|| call.arguments.find_keyword("object").map(|k| &k.value))
    else {
        return;
    };
    if ctx.constant(value).is_some()
        || is_escaped(ctx, value)
        || built_from_constants(ctx, value, &is_escaped)
    {
        return;
    }
    let text = match built_from_data(ctx, value, &is_escaped) {
        Some(how) => format!(
            "text built with {} from values that are not constants",
            how.describe()
        ),
        None => "text that is not a constant".to_string(),
    };
    ctx.report(
        call.range(),
        format!("`Markup({})` marks {text} as safe HTML, so it is never escaped (cross-site scripting); use `Markup(\"...{{}}...\").format(value)` or `escape(value)`", ctx.snippet(value)),
    );
}

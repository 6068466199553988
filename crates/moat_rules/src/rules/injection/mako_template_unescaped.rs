//! `mako-template-unescaped`: Mako templates rendered without HTML escaping.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags `mako.template.Template` and `mako.lookup.TemplateLookup` created without a
`default_filters=` list that contains the `h` (HTML escape) filter. A `default_filters`
that is not a constant is taken as configured.

## Why is this bad?
Mako does not escape expressions by default: `${comment}` puts the value into the page
as it is, so user input containing markup or scripts runs in other users' browsers
(cross-site scripting).

## Example
```python
from mako.template import Template

page = Template("<p>Hello ${name}</p>")
```

## Use instead
Escape every expression by default (and opt out with `${value | n}` where needed):
```python
from mako.template import Template

page = Template("<p>Hello ${name}</p>", default_filters=["h"])
```

## References
- CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
- CWE-116: Improper Encoding or Escaping of Output
- OWASP Top 10 2025: A05 Injection
- Mako docs: Filtering and Buffering — the `default_filters` argument
"#;

/// Metadata of `mako-template-unescaped`.
pub static META: RuleMeta = RuleMeta {
    id: "mako-template-unescaped",
    title: "Mako templates rendered without HTML escaping",
    category: Category::Injection,
    cwe: &[79, 116],
    owasp: Owasp::A05Injection,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B702"],
    ruff: &["S702"],
    docs: DOCS,
};

/// The rule: inspects calls into `mako`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["mako"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let short = match callee {
        "mako.template.Template" => "Template",
        "mako.lookup.TemplateLookup" => "TemplateLookup",
        _ => return,
    };
    let filters = call
        .arguments
        .find_keyword("default_filters")
        .map(|k| &k.value);
    let escapes = match filters {
        None => false,
        Some(Expr::List(list)) => list.elts.iter().any(|e| is_h(ctx, e)),
        Some(Expr::Tuple(tuple)) => tuple.elts.iter().any(|e| is_h(ctx, e)),
        Some(_) => true,
    };
    if !escapes {
        ctx.report(
            call.range(),
            format!("Mako `{short}(...)` is created without the `h` filter in `default_filters`, so `${{...}}` expressions are not HTML-escaped (cross-site scripting); pass `default_filters=[\"h\"]`"),
        );
    }
}

fn is_h(ctx: &Context<'_, '_>, expr: &Expr) -> bool {
    ctx.constant(expr).is_none_or(|v| v.as_str() == Some("h"))
}

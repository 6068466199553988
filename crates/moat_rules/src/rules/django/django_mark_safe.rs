//! `django-mark-safe`: text marked safe for HTML without being escaped, and
//! `format_html` given a format string that was formatted first.

use crate::built_strings::built_from_data;
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags Django's ways of skipping HTML escaping on text that is not a constant:
- `mark_safe(text)`, `SafeString(text)` (and the old `SafeText`) from
  `django.utils.safestring`, when `text` is built with an f-string, `%`, `str.format` or
  `+` from values that are not escaped (also through a local variable:
  `html = f"…"; mark_safe(html)`);
- `format_html(template, …)` whose `template` is itself built with an f-string, `%`,
  `str.format` or `+` from such values: the formatting happens before `format_html` can
  escape anything, so the values land in the page unescaped.

Constants, and text produced by Django's escaping helpers (`escape`,
`conditional_escape`, `format_html`, `format_html_join`, `json_script`,
`render_to_string`), are not flagged, nor are parts of a built string that are such calls,
nor translations of constant text (`gettext("Select all")`, `_("…")` for any import of
Django's `gettext` family, also through a local name): the project's translators write
those, not its users.
`format_html("<b>{}</b>", name)` — the intended use — is not flagged.

`mark_safe(value)` of a variable or call whose origin Moat cannot see is not reported.
Bandit (B308, B703) and Ruff (S308) report every such call; on Django's own source that
is over fifty findings, each a value the framework escaped earlier, and none a bug. Review
such calls by hand when they take request data. Test files are not checked: the HTML they
build never reaches a user.

## Why is this bad?
Django escapes every value rendered in a template unless it is marked safe. Marking text
that contains a user's name, a comment or a URL parameter as safe lets that user inject
`<script>` into the page (cross-site scripting): steal sessions, act as the victim, change
what they see.

## Example
```python
from django.utils.html import format_html
from django.utils.safestring import mark_safe

def greeting(user):
    return mark_safe(f"<b>Hello {user.first_name}</b>")

def link(url, title):
    return format_html(f'<a href="{url}">{{}}</a>', title)
```

## Use instead
Let `format_html` escape each value:
```python
from django.utils.html import format_html

def greeting(user):
    return format_html("<b>Hello {}</b>", user.first_name)

def link(url, title):
    return format_html('<a href="{}">{}</a>', url, title)
```

## References
- CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
- CWE-80: Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)
- OWASP Top 10 2025: A05 Injection
- Django documentation: `django.utils.safestring.mark_safe`, `django.utils.html.format_html`
"#;

/// Metadata of `django-mark-safe`.
pub static META: RuleMeta = RuleMeta {
    id: "django-mark-safe",
    title: "Django text marked safe without escaping",
    category: Category::Django,
    cwe: &[79, 80],
    owasp: Owasp::A05Injection,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B308", "B703"],
    ruff: &["S308"],
    docs: DOCS,
};

/// The rule: inspects calls of `mark_safe`, `SafeString` and `format_html`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["django"],
};

/// Callables that mark their argument as safe HTML.
const MARKERS: &[&str] = &[
    "django.utils.safestring.mark_safe",
    "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText",
    "django.utils.html.mark_safe",
];

/// Callables whose result is escaped (or otherwise safe) HTML.
const ESCAPERS: &[&str] = &[
    "django.utils.html.escape",
    "django.utils.html.conditional_escape",
    "django.utils.html.format_html",
    "django.utils.html.format_html_join",
    "django.utils.html.json_script",
    "django.template.loader.render_to_string",
    "django.shortcuts.render_to_string",
];

const FORMAT_HTML: &str = "django.utils.html.format_html";

/// Django's translation functions: given constant text, they return the project's own
/// translation of it, written by its developers and translators.
const TRANSLATIONS: &[&str] = &[
    "django.utils.translation.gettext",
    "django.utils.translation.gettext_lazy",
    "django.utils.translation.ngettext",
    "django.utils.translation.ngettext_lazy",
    "django.utils.translation.pgettext",
    "django.utils.translation.pgettext_lazy",
    "django.utils.translation.npgettext",
    "django.utils.translation.npgettext_lazy",
];

/// Whether `expr` is a call of one of Django's escaping helpers, or the translation of
/// constant text (also through a local name it was assigned to).
fn is_escaped(ctx: &Context<'_, '_>, expr: &Expr) -> bool {
    if let Expr::Call(call) = expr
        && ctx
            .resolve(&call.func)
            .is_some_and(|c| ESCAPERS.contains(&c.as_str()))
    {
        return true;
    }
    let translation = match expr {
        Expr::Call(call) => ctx.resolve(&call.func).map(|callee| (callee, call)),
        Expr::Name(_) => ctx.constructor_call(expr),
        _ => None,
    };
    translation.is_some_and(|(callee, call)| {
        let args = &call.arguments.args;
        // The plural forms take the count last; it only picks a form.
        let text_args = if callee.contains("ngettext") {
            args.len().saturating_sub(1)
        } else {
            args.len()
        };
        TRANSLATIONS.contains(&callee.as_str())
            && call.arguments.keywords.is_empty()
            && args[..text_args]
                .iter()
                .all(|arg| matches!(ctx.constant(arg), Some(Constant::Str(_))))
    })
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if callee == FORMAT_HTML {
        check_format_html(ctx, call);
        return;
    }
    if !MARKERS.contains(&callee) {
        return;
    }
    let Some(text) = call.arguments.find_argument_value("s", 0) else {
        return;
    };
    if ctx.constant(text).is_some() || is_escaped(ctx, text) {
        return;
    }
    let function = callee.rsplit('.').next().unwrap_or(callee);
    // Text built only from constants and escaped values, or not traced, is left alone.
    if let Some(how) = built_from_data(ctx, text, &is_escaped) {
        let message = format!(
            "`{function}({})` marks text built with {} as safe HTML without escaping the values in it: one holding user input becomes cross-site scripting; build it with `format_html(\"…{{}}…\", value)`",
            ctx.snippet(text),
            how.describe()
        );
        ctx.report(call.range(), message);
    }
}

fn check_format_html(ctx: &mut Context<'_, '_>, call: &ExprCall) {
    let Some(template) = call.arguments.find_argument_value("format_string", 0) else {
        return;
    };
    let Some(building) = built_from_data(ctx, template, &is_escaped) else {
        return;
    };
    let message = format!(
        "`format_html` is given a template built with {} (`{}`): the values are put in before `format_html` can escape them, so one holding user input becomes cross-site scripting; pass them as arguments: `format_html(\"…{{}}…\", value)`",
        building.describe(),
        ctx.snippet(template)
    );
    ctx.report(call.range(), message);
}

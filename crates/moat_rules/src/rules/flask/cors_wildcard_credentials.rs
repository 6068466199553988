//! `cors-wildcard-credentials`: CORS that lets every origin make requests with the
//! user's cookies (Flask-CORS, django-cors-headers).

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, Stmt};

const DOCS: &str = r#"## What it does
Flags cross-origin resource sharing configured to accept any origin *and* credentials:
- Flask-CORS: `CORS(app, supports_credentials=True)` or `@cross_origin(supports_credentials=True)`
  whose `origins` is left out (it defaults to `"*"`), is `"*"` or `".*"`, or a list holding
  one of them; per-resource options in a `resources={...}` dict literal are read too;
- django-cors-headers: a module that sets `CORS_ALLOW_ALL_ORIGINS = True` (or the legacy
  `CORS_ORIGIN_ALLOW_ALL = True`) and `CORS_ALLOW_CREDENTIALS = True`.

A wildcard without credentials (public, read-only APIs) and explicit origin lists are
not flagged. Test code is not checked: test apps allow any origin on purpose.

## Why is this bad?
Browsers refuse `Access-Control-Allow-Origin: *` together with credentials, so these
libraries answer each request with the origin that sent it. Any web site a logged-in user
visits can then call the API with the user's cookies and read the responses: their
personal data, CSRF tokens, API keys.

## Example
```python
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, supports_credentials=True)
```

## Use instead
List the origins that may make credentialed requests:
```python
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins=["https://app.example.com"], supports_credentials=True)
```
With django-cors-headers, set `CORS_ALLOWED_ORIGINS = ["https://app.example.com"]`.

## References
- CWE-942: Permissive Cross-domain Policy with Untrusted Domains
- CWE-346: Origin Validation Error
- OWASP Top 10 2025: A01 Broken Access Control
- Flask-CORS documentation: `supports_credentials`, `origins`
- django-cors-headers documentation: `CORS_ALLOW_ALL_ORIGINS`, `CORS_ALLOW_CREDENTIALS`
"#;

/// Metadata of `cors-wildcard-credentials`.
pub static META: RuleMeta = RuleMeta {
    id: "cors-wildcard-credentials",
    title: "CORS allows every origin with credentials",
    category: Category::Flask,
    cwe: &[942, 346],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects Flask-CORS calls and django-cors-headers settings.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[
        Check::Call(check_flask_cors),
        Check::Stmt(check_django_settings),
    ],
    modules: &[],
};

const FLASK_CORS: &[&str] = &[
    "flask_cors.CORS",
    "flask_cors.extension.CORS",
    "flask_cors.cross_origin",
    "flask_cors.decorator.cross_origin",
];

/// Whether an `origins` option lets every origin in; `None` when its value is unknown.
fn allows_every_origin(ctx: &Context<'_, '_>, origins: Option<&Expr>) -> Option<bool> {
    let Some(origins) = origins else {
        // Flask-CORS's default.
        return Some(true);
    };
    let is_wildcard = |e: &Expr| {
        ctx.constant(e)
            .and_then(|v| v.as_str().map(|s| matches!(s, "*" | ".*")))
    };
    match origins {
        Expr::List(list) => any_wildcard(&list.elts, is_wildcard),
        Expr::Tuple(tuple) => any_wildcard(&tuple.elts, is_wildcard),
        Expr::Set(set) => any_wildcard(&set.elts, is_wildcard),
        other => is_wildcard(other),
    }
}

fn any_wildcard(elements: &[Expr], is_wildcard: impl Fn(&Expr) -> Option<bool>) -> Option<bool> {
    let mut all_known = true;
    for element in elements {
        match is_wildcard(element) {
            Some(true) => return Some(true),
            Some(false) => {}
            None => all_known = false,
        }
    }
    all_known.then_some(false)
}

/// Whether an option value is a true constant.
fn is_true(ctx: &Context<'_, '_>, value: Option<&Expr>) -> bool {
    value.is_some_and(|v| ctx.constant(v).is_some_and(|c| c.is_truthy()))
}

/// The value of `name` in a dict literal with constant keys.
fn option<'e>(ctx: &Context<'_, '_>, dict: &'e Expr, name: &str) -> Option<&'e Expr> {
    let Expr::Dict(dict) = dict else {
        return None;
    };
    dict.items.iter().find_map(|item| {
        let key = ctx.constant(item.key.as_ref()?)?;
        (key.as_str() == Some(name)).then_some(&item.value)
    })
}

/// The `origins` option (`None` inside: left out) when it opens the API to every origin
/// while credentials are allowed.
fn open<'e>(
    ctx: &Context<'_, '_>,
    credentials: Option<&Expr>,
    origins: Option<&'e Expr>,
) -> Option<Option<&'e Expr>> {
    (is_true(ctx, credentials) && allows_every_origin(ctx, origins) == Some(true))
        .then_some(origins)
}

fn check_flask_cors(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !FLASK_CORS.contains(&callee) {
        return;
    }
    let keyword = |name: &str| call.arguments.find_keyword(name).map(|k| &k.value);
    let credentials = keyword("supports_credentials");
    let origins = keyword("origins");
    let found = match keyword("resources") {
        Some(Expr::Dict(resources)) => resources.items.iter().find_map(|item| {
            open(
                ctx,
                option(ctx, &item.value, "supports_credentials").or(credentials),
                option(ctx, &item.value, "origins").or(origins),
            )
        }),
        _ => open(ctx, credentials, origins),
    };
    let Some(origins) = found else {
        return;
    };
    let origins = origins.map_or_else(
        || "every origin (the default `origins=\"*\"`)".to_string(),
        |o| format!("every origin (`origins` is `{}`)", ctx.snippet(o)),
    );
    let message = format!(
        "`{}` lets {origins} make requests with the user's cookies and read the responses; list the trusted origins instead",
        ctx.snippet(call)
    );
    ctx.report(call.range(), message);
}

fn check_django_settings(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    if !ctx.is_module_level() {
        return;
    }
    let Stmt::Assign(assign) = stmt else {
        return;
    };
    let [Expr::Name(target)] = assign.targets.as_slice() else {
        return;
    };
    let name = target.id.as_str();
    if !matches!(name, "CORS_ALLOW_ALL_ORIGINS" | "CORS_ORIGIN_ALLOW_ALL")
        || !is_true(ctx, Some(&assign.value))
        || !is_true(ctx, ctx.module_assignment("CORS_ALLOW_CREDENTIALS"))
    {
        return;
    }
    let message = format!(
        "`{}` with `CORS_ALLOW_CREDENTIALS = True` lets every origin make requests with the user's cookies and read the responses; list the trusted origins in `CORS_ALLOWED_ORIGINS` instead",
        ctx.snippet(stmt)
    );
    ctx.report(stmt.range(), message);
}

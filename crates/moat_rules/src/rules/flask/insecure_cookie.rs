//! `insecure-cookie`: cookies set without `Secure` or `HttpOnly`, and Flask session
//! cookie settings that turn those flags off.

use super::app::config_writes;
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, Stmt};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags `response.set_cookie(...)` (and Django's `set_signed_cookie`) that leaves out
`secure=True` or `httponly=True`, or sets either to a false constant, when `response` is
known to be an HTTP response: bound to, or itself, a call of a Flask/Werkzeug response
factory (`make_response`, `Response`, `jsonify`, `redirect`, `send_file`,
`send_from_directory`) or a Django one (`HttpResponse` and its subclasses, `JsonResponse`,
`StreamingHttpResponse`, `FileResponse`, `TemplateResponse`, `render`, `redirect`). The
message also notes a missing `samesite=`. A cookie being deleted (`max_age=0`,
`expires=0`), a call that passes `**options`, and flags given as values only known at run
time are not flagged. Responses Moat cannot trace (a `response` parameter of an
`after_request` hook) are not flagged.

It also flags Flask configuration that turns the flags off for the session and
Flask-Login "remember me" cookies: `SESSION_COOKIE_SECURE = False`,
`SESSION_COOKIE_HTTPONLY = False`, `SESSION_COOKIE_SAMESITE = None`,
`REMEMBER_COOKIE_SECURE = False` and `REMEMBER_COOKIE_HTTPONLY = False`, written through
`app.config[...]` or `app.config.update(...)`. Django's settings have their own rule,
`django-insecure-cookie-settings`.

Test files are not checked: their cookies never reach a user's browser.

## Why is this bad?
A cookie without `Secure` is also sent over plain HTTP, where anyone on the network path
reads it; a session cookie stolen that way is a logged-in session. A cookie without
`HttpOnly` can be read by JavaScript, so one cross-site scripting bug hands every session
to the attacker. `SameSite` (`Lax` or `Strict`) keeps the browser from attaching the
cookie to cross-site requests, which blunts cross-site request forgery.

## Example
```python
from flask import make_response

def login_view(token):
    response = make_response("welcome")
    response.set_cookie("session_token", token)
    return response
```

## Use instead
```python
from flask import make_response

def login_view(token):
    response = make_response("welcome")
    response.set_cookie(
        "session_token", token, secure=True, httponly=True, samesite="Lax"
    )
    return response
```

## References
- CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
- CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag
- CWE-1275: Sensitive Cookie with Improper SameSite Attribute
- OWASP Top 10 2025: A02 Security Misconfiguration
- Flask documentation: Security Considerations, Set-Cookie options
"#;

/// Metadata of `insecure-cookie`.
pub static META: RuleMeta = RuleMeta {
    id: "insecure-cookie",
    title: "Cookie without Secure or HttpOnly",
    category: Category::Flask,
    cwe: &[614, 1004, 1275],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects `set_cookie` calls on responses and Flask cookie configuration.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check_set_cookie), Check::Stmt(check_config)],
    modules: &["flask", "werkzeug", "django"],
};

/// Flask and Werkzeug callables that return a response object.
const FLASK_RESPONSES: &[&str] = &[
    "flask.make_response",
    "flask.helpers.make_response",
    "flask.Response",
    "flask.wrappers.Response",
    "flask.jsonify",
    "flask.json.jsonify",
    "flask.redirect",
    "flask.helpers.redirect",
    "flask.send_file",
    "flask.helpers.send_file",
    "flask.send_from_directory",
    "flask.helpers.send_from_directory",
    "werkzeug.Response",
    "werkzeug.wrappers.Response",
    "werkzeug.wrappers.response.Response",
    "werkzeug.utils.redirect",
];

/// Django callables that return a response object (besides the `django.http` classes).
const DJANGO_RESPONSES: &[&str] = &[
    "django.shortcuts.render",
    "django.shortcuts.redirect",
    "django.template.response.TemplateResponse",
    "django.template.response.SimpleTemplateResponse",
];

/// Whether calling `callee` returns an HTTP response.
fn makes_response(callee: &str) -> bool {
    if FLASK_RESPONSES.contains(&callee) || DJANGO_RESPONSES.contains(&callee) {
        return true;
    }
    callee
        .strip_prefix("django.http.response.")
        .or_else(|| callee.strip_prefix("django.http."))
        .is_some_and(|class| !class.contains('.') && class.ends_with("Response"))
}

/// Positions of `secure`, `httponly` and `samesite` in `set_cookie(key, value, max_age,
/// expires, path, domain, secure, httponly, samesite)`, shared by Werkzeug and Django.
const SECURE_AT: usize = 6;
const HTTPONLY_AT: usize = 7;
const SAMESITE_AT: usize = 8;

/// What a call says about one flag: left out, a false constant, or something else.
enum Flag {
    Missing,
    False,
    Set,
}

fn flag(ctx: &Context<'_, '_>, call: &ExprCall, name: &str, position: Option<usize>) -> Flag {
    let value = match position {
        Some(at) => call.arguments.find_argument_value(name, at),
        None => call.arguments.find_keyword(name).map(|k| &k.value),
    };
    match value {
        None => Flag::Missing,
        Some(value) => match ctx.constant(value) {
            Some(Constant::None) if name == "samesite" => Flag::False,
            Some(v) if name != "samesite" && !v.is_truthy() => Flag::False,
            _ => Flag::Set,
        },
    }
}

fn check_set_cookie(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    // `set_signed_cookie(key, value, salt="", **kwargs)` takes the flags by keyword only.
    let positional = match method.attr.id.as_str() {
        "set_cookie" => true,
        "set_signed_cookie" => false,
        _ => return,
    };
    if call.arguments.keywords.iter().any(|k| k.arg.is_none())
        || call.arguments.args.iter().any(Expr::is_starred_expr)
        || !ctx
            .constructor_of(&method.value)
            .is_some_and(|callee| makes_response(&callee))
    {
        return;
    }
    if ["max_age", "expires"].iter().any(|name| {
        call.arguments
            .find_keyword(name)
            .and_then(|k| ctx.constant(&k.value))
            .is_some_and(|v| matches!(v, Constant::Int(0)))
    }) {
        return;
    }
    let at = |position| positional.then_some(position);
    let mut problems = Vec::new();
    for (name, position, consequence) in [
        ("secure", SECURE_AT, "so it is also sent over plain HTTP"),
        (
            "httponly",
            HTTPONLY_AT,
            "so scripts on the page can read it",
        ),
    ] {
        match flag(ctx, call, name, at(position)) {
            Flag::Missing => problems.push(format!("without `{name}=True` ({consequence})")),
            Flag::False => problems.push(format!("with a false `{name}=` ({consequence})")),
            Flag::Set => {}
        }
    }
    if problems.is_empty() {
        return;
    }
    let samesite = match flag(ctx, call, "samesite", at(SAMESITE_AT)) {
        Flag::Set => "",
        Flag::Missing | Flag::False => "; also pass `samesite=\"Lax\"` (or `\"Strict\"`)",
    };
    let cookie = call
        .arguments
        .find_argument_value("key", 0)
        .map_or_else(String::new, |k| format!(" `{}`", ctx.snippet(k)));
    let message = format!(
        "`{}` sets the cookie{cookie} {}{samesite}",
        ctx.snippet(call),
        problems.join(" and ")
    );
    ctx.report(call.range(), message);
}

/// Flask (and Flask-Login) cookie settings, the value that weakens them, and what it does.
const WEAK_SETTINGS: &[(&str, &str)] = &[
    (
        "SESSION_COOKIE_SECURE",
        "the session cookie is also sent over plain HTTP",
    ),
    (
        "SESSION_COOKIE_HTTPONLY",
        "scripts on the page can read the session cookie",
    ),
    (
        "SESSION_COOKIE_SAMESITE",
        "the browser attaches the session cookie to cross-site requests",
    ),
    (
        "REMEMBER_COOKIE_SECURE",
        "the Flask-Login remember-me cookie is also sent over plain HTTP",
    ),
    (
        "REMEMBER_COOKIE_HTTPONLY",
        "scripts on the page can read the Flask-Login remember-me cookie",
    ),
];

fn check_config(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    for write in config_writes(ctx, stmt) {
        let Some((key, consequence)) = WEAK_SETTINGS.iter().find(|(key, _)| *key == write.key)
        else {
            continue;
        };
        let weak = match ctx.constant(write.value) {
            Some(Constant::None) => true,
            Some(v) => !key.ends_with("SAMESITE") && !v.is_truthy(),
            None => false,
        };
        if weak {
            let message = format!(
                "Flask's `{key}` is set to `{}`: {consequence}",
                ctx.snippet(write.value)
            );
            ctx.report(write.range, message);
        }
    }
}

//! `exception-in-response`: exception text or a traceback returned to an HTTP client.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, Stmt, StmtFunctionDef};

const DOCS: &str = r#"## What it does
Flags a `return` inside an `except` clause of a web view whose response carries the
exception's text or a traceback: `str(e)`, `repr(e)`, `e.args`, `e` in an f-string,
`%` or `.format()`, `e` passed to a response, or `traceback.format_exc()` and its
relatives. A function counts as a view when it has a route decorator (`@app.route`,
`@bp.get`, `@router.post`, `@api_view`…), or when the returned value builds a response
with `jsonify`, `make_response` or a Flask, Django, Django REST framework, Starlette or
FastAPI response class. Text shown only when a `DEBUG` setting is on
(`format_exc() if settings.DEBUG else "error"`) and test files are not flagged.

## Why is this bad?
Exception messages and tracebacks describe the inside of the application: file paths,
library versions, SQL statements and table names, hostnames, configuration values and
sometimes the data that caused the error, secrets included. Sent to the client, they
help an attacker map the system and tune an attack.

## Example
```python
@app.route("/orders/<order_id>")
def order(order_id):
    try:
        return jsonify(load_order(order_id))
    except Exception as error:
        return jsonify({"error": str(error)}), 500
```

## Use instead
Log the details on the server and send a generic message, perhaps with an id to quote:
```python
@app.route("/orders/<order_id>")
def order(order_id):
    try:
        return jsonify(load_order(order_id))
    except Exception:
        incident = uuid.uuid4().hex
        app.logger.exception("order lookup failed (%s)", incident)
        return jsonify({"error": "internal error", "incident": incident}), 500
```

## References
- CWE-209: Generation of Error Message Containing Sensitive Information
- CWE-497: Exposure of Sensitive System Information to an Unauthorized Control Sphere
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions
"#;

/// Metadata of `exception-in-response`.
pub static META: RuleMeta = RuleMeta {
    id: "exception-in-response",
    title: "Exception details returned in an HTTP response",
    category: Category::Errors,
    cwe: &[209, 497],
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects `return` statements.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &[],
};

/// Decorator names (last dotted part) that register a web route.
const ROUTE_DECORATORS: &[&str] = &[
    "route",
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "api_view",
    "websocket",
    "view_config",
];

/// Packages whose response classes and helpers send a body to the client.
const RESPONSE_PACKAGES: &[&str] = &[
    "flask.",
    "werkzeug.",
    "django.http",
    "django.shortcuts",
    "rest_framework.response",
    "starlette.responses",
    "fastapi.responses",
    "fastapi.Response",
    "aiohttp.web",
];

/// `traceback` functions that render a traceback as text.
const TRACEBACK_TEXT: &[&str] = &[
    "traceback.format_exc",
    "traceback.format_exception",
    "traceback.format_exception_only",
    "traceback.format_tb",
    "traceback.format_stack",
    "traceback.extract_tb",
    "sys.exc_info",
];

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Stmt::Return(ret) = stmt else {
        return;
    };
    let Some(value) = ret.value.as_deref() else {
        return;
    };
    let ancestors = ctx.ancestors();
    // The enclosing function, and the innermost `except` clause within it holding us.
    let Some(function_at) = ancestors
        .iter()
        .rposition(|s| matches!(s, Stmt::FunctionDef(_)))
    else {
        return;
    };
    let Stmt::FunctionDef(function) = ancestors[function_at] else {
        return;
    };
    let handler = ancestors[function_at..].iter().rev().find_map(|s| match s {
        Stmt::Try(t) => t.handlers.iter().find_map(|h| {
            let moat_python::ast::ExceptHandler::ExceptHandler(h) = h;
            h.range().contains_range(ret.range()).then_some(h)
        }),
        _ => None,
    });
    let Some(handler) = handler else {
        return;
    };
    let mut finder = Leak {
        ctx,
        exception: handler.name.as_ref().map(|n| n.as_str()),
        leak: None,
        response: false,
        depth: 0,
    };
    finder.visit_expr(value);
    let Some(leak) = finder.leak else {
        return;
    };
    if !finder.response && !is_routed(ctx, function) {
        return;
    }
    let message = format!(
        "`return {}` sends {leak} to the client from this view's `except` clause; it can reveal paths, queries and configuration; log it and return a generic error message",
        ctx.snippet(value)
    );
    let report = ctx.report(ret.range(), message);
    if leak.starts_with("a traceback") {
        report.confidence(Confidence::High);
    }
}

fn is_routed(ctx: &Context<'_, '_>, function: &StmtFunctionDef) -> bool {
    function.decorator_list.iter().any(|decorator| {
        let target = match &decorator.expression {
            Expr::Call(call) => call.func.as_ref(),
            other => other,
        };
        let name = ctx
            .resolve(target)
            .unwrap_or_else(|| ctx.text(target).to_string());
        let last = name.rsplit('.').next().unwrap_or_default();
        ROUTE_DECORATORS.contains(&last) && (name.contains('.') || last == "api_view")
    })
}

/// Finds what of the exception the returned value carries, and whether it builds a
/// response.
struct Leak<'c, 'x, 'a, 'e> {
    ctx: &'c Context<'x, 'a>,
    exception: Option<&'e str>,
    leak: Option<String>,
    response: bool,
    /// How many calls (other than responses and text conversions) enclose the node.
    depth: usize,
}

impl Leak<'_, '_, '_, '_> {
    fn is_exception(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Name(n) if Some(n.id.as_str()) == self.exception)
    }

    fn found(&mut self, what: String) {
        if self.leak.is_none() {
            self.leak = Some(what);
        }
    }
}

impl<'e> Visitor<'e> for Leak<'_, '_, '_, 'e> {
    fn visit_expr(&mut self, expr: &'e Expr) {
        match expr {
            Expr::Call(call) => {
                let callee = self.ctx.resolve(&call.func).unwrap_or_default();
                if TRACEBACK_TEXT.contains(&callee.as_str()) {
                    self.found(format!("a traceback (`{}`)", self.ctx.snippet(call)));
                    return;
                }
                let is_response = RESPONSE_PACKAGES.iter().any(|p| callee.starts_with(p))
                    && callee.rsplit('.').next().is_some_and(|l| {
                        l.contains("Response")
                            || l == "jsonify"
                            || l == "make_response"
                            || l == "render"
                    });
                let converts = matches!(callee.as_str(), "builtins.str" | "builtins.repr")
                    || matches!(call.func.as_ref(), Expr::Attribute(a) if a.attr.as_str() == "format");
                if is_response {
                    self.response = true;
                }
                if converts && call.arguments.args.iter().any(|a| self.is_exception(a)) {
                    self.found(format!(
                        "the exception's text (`{}`)",
                        self.ctx.snippet(call)
                    ));
                    return;
                }
                let opaque = !is_response && !converts;
                if opaque {
                    self.depth += 1;
                }
                visitor::walk_expr(self, expr);
                if opaque {
                    self.depth -= 1;
                }
            }
            Expr::Attribute(attribute)
                if self.is_exception(&attribute.value)
                    && matches!(
                        attribute.attr.as_str(),
                        "args" | "message" | "msg" | "strerror" | "detail"
                    ) =>
            {
                self.found(format!(
                    "the exception's text (`{}`)",
                    self.ctx.snippet(attribute)
                ));
            }
            Expr::Name(_) if self.is_exception(expr) && self.depth == 0 => {
                self.found(format!(
                    "the text of the exception `{}`",
                    self.ctx.text(expr)
                ));
            }
            Expr::If(conditional)
                if crate::words::identifiers(&conditional.test)
                    .iter()
                    .any(|name| crate::words::has(&crate::words::split(name), "debug")) =>
            {
                // `traceback.format_exc() if settings.DEBUG else "error"`: debug only.
                self.visit_expr(&conditional.orelse);
            }
            Expr::FString(_) | Expr::BinOp(_) => {
                // An exception formatted into text, whatever encloses it.
                let saved = self.depth;
                self.depth = 0;
                visitor::walk_expr(self, expr);
                self.depth = saved;
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

//! `getattr-from-request`: an attribute looked up by a name taken from an HTTP request.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{CmpOp, Expr, ExprCall, Stmt};

const DOCS: &str = r#"## What it does
Flags `getattr(obj, name)` and `setattr(obj, name, value)` where `name` is read from a
web request: an expression rooted in a variable called `request` (Django, Flask,
Starlette, DRF: `request.GET["action"]`, `request.args.get("op")`,
`request.data["field"]`, `request.json[...]`), possibly through `str()`, `.lower()` or
an f-string. A lookup inside `if name in allowed:` for the same expression is not
flagged, nor is `request.method` (the HTTP verb, which routers match against the
view's methods; class-based views dispatch on it). Names
from anywhere else are not flagged: `getattr` with computed names is
everyday Python.

## Why is this bad?
The client chooses which attribute or method of the object is reached: private helpers
(`_delete_all`), inherited methods (`__class__`, `__init__`), or attributes that were
never meant to be written (`is_admin` through `setattr`). That bypasses the checks a
fixed dispatch would make (CWE-470: unsafe reflection, CWE-915 for mass assignment).

## Example
```python
def dispatch(request, report):
    handler = getattr(report, request.GET["action"])
    return handler()
```

## Use instead
Dispatch through an explicit table of allowed names:
```python
ACTIONS = {"pdf": Report.as_pdf, "csv": Report.as_csv}

def dispatch(request, report):
    handler = ACTIONS.get(request.GET.get("action"))
    if handler is None:
        raise PermissionDenied
    return handler(report)
```

## References
- CWE-470: Use of Externally-Controlled Input to Select Classes or Code ('Unsafe Reflection')
- CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes
- OWASP Top 10 2025: A01 Broken Access Control
"#;

/// Metadata of `getattr-from-request`.
pub static META: RuleMeta = RuleMeta {
    id: "getattr-from-request",
    title: "Attribute chosen by a name from the request",
    category: Category::Code,
    cwe: &[470, 915],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects `getattr` and `setattr` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let verb = match callee {
        "builtins.getattr" => "reads",
        "builtins.setattr" => "sets",
        _ => return,
    };
    let Some(name) = call.arguments.args.get(1) else {
        return;
    };
    if !from_request(name) || checked_against_allowed(ctx, name) {
        return;
    }
    let short = callee.trim_start_matches("builtins.");
    ctx.report(
        call.range(),
        format!("`{short}` {verb} the attribute named by `{}`, which the client chooses; dispatch through a table of allowed names instead", ctx.snippet(name)),
    );
}

/// Whether an enclosing `if` tests `name in allowed` (Django's `View.dispatch` checks
/// `request.method.lower() in self.http_method_names` first).
fn checked_against_allowed(ctx: &Context<'_, '_>, name: &Expr) -> bool {
    let wanted: String = ctx.text(name).split_whitespace().collect();
    ctx.ancestors().iter().any(|stmt| {
        let Stmt::If(if_stmt) = stmt else {
            return false;
        };
        let mut tests = vec![if_stmt.test.as_ref()];
        while let Some(test) = tests.pop() {
            match test {
                Expr::BoolOp(op) => tests.extend(op.values.iter()),
                Expr::Compare(compare)
                    if compare.ops.iter().any(|op| matches!(op, CmpOp::In))
                        && ctx
                            .text(&*compare.left)
                            .split_whitespace()
                            .collect::<String>()
                            == wanted =>
                {
                    return true;
                }
                _ => {}
            }
        }
        false
    })
}

/// Whether `expr` is read from a variable named `request` (through subscripts,
/// attributes, method calls, `str()` and f-strings).
fn from_request(expr: &Expr) -> bool {
    match expr {
        Expr::Name(name) => name.id.as_str() == "request",
        // `request.method` is the HTTP verb, which routers match against the view's
        // methods before it runs (`getattr(self, request.method.lower())` is how
        // class-based views dispatch).
        Expr::Attribute(attribute) if attribute.attr.as_str() == "method" => false,
        Expr::Attribute(attribute) => from_request(&attribute.value),
        Expr::Subscript(subscript) => from_request(&subscript.value),
        Expr::Call(call) => match call.func.as_ref() {
            Expr::Attribute(method) => from_request(&method.value),
            Expr::Name(_) => call.arguments.args.first().is_some_and(from_request),
            _ => false,
        },
        Expr::FString(fstring) => fstring.value.iter().any(|part| match part {
            moat_python::ast::FStringPart::FString(fs) => fs.elements.iter().any(|e| match e {
                moat_python::ast::InterpolatedStringElement::Interpolation(i) => {
                    from_request(&i.expression)
                }
                moat_python::ast::InterpolatedStringElement::Literal(_) => false,
            }),
            moat_python::ast::FStringPart::Literal(_) => false,
        }),
        Expr::BinOp(op) => from_request(&op.left) || from_request(&op.right),
        _ => false,
    }
}

//! `eval-exec-call`: Python code built at run time and executed with `eval` or `exec`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags calls of the builtins `eval` and `exec`, also when they are reached through another
name (`run = eval`) or the `builtins` module. Functions that merely share the name, such
as `ast.literal_eval`, a model's `model.eval()` or a function of your own called `eval`,
are not flagged.

A call whose code is a constant string is reported with low severity: nothing from
outside reaches it today, but it is one edit away from doing so.

`compile` of code that is not a constant is reported too, with low severity and medium
confidence: the code object it returns is only dangerous once it runs, which usually
happens elsewhere. `compile(...)` passed straight to `eval`/`exec` is reported once, as
the `eval`/`exec`; `compile` with `ast.PyCF_ONLY_AST` (which returns a syntax tree) and
with constant source are not flagged.

Test code (files in a `test`, `tests` or `testing` folder, `test_*.py`, `*_test.py`,
`tests.py`, `conftest.py`) is not checked: it is not deployed, and `eval` of test data
there is how tests are written, not a weakness.

## Why is this bad?
`eval` and `exec` run their argument as Python code with the full rights of the process.
If any part of that string comes from a request, a file, a message queue or a database
row, whoever controls it can read secrets, change data or start programs (code
injection). Passing restricted `globals` does not help: the builtins can be reached again
through the attributes of any object (`().__class__.__base__.__subclasses__()`).

## Example
```python
def calculate(request):
    return eval(request.args["expression"])
```

## Use instead
Parse data with a parser that cannot run code, and dispatch to code you wrote:
```python
import ast
import operator

OPERATIONS = {"add": operator.add, "sub": operator.sub}

def parse_settings(text):
    return ast.literal_eval(text)  # literals only: numbers, strings, lists, dicts

def calculate(request):
    op = OPERATIONS[request.args["op"]]
    return op(int(request.args["a"]), int(request.args["b"]))
```

## References
- CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')
- CWE-94: Improper Control of Generation of Code ('Code Injection')
- OWASP Top 10 2025: A05 Injection
- Python docs: `eval`, `exec` and `ast.literal_eval`
"#;

/// Metadata of `eval-exec-call`.
pub static META: RuleMeta = RuleMeta {
    id: "eval-exec-call",
    title: "Code executed with eval or exec",
    category: Category::Code,
    cwe: &[95, 94],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B307", "B102"],
    ruff: &["S307", "S102"],
    docs: DOCS,
};

/// The rule: inspects calls of builtins, which need no import.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let (name, verb) = match callee {
        "builtins.eval" => ("eval", "evaluates"),
        "builtins.exec" => ("exec", "executes"),
        "builtins.compile" => return check_compile(ctx, call),
        _ => return,
    };
    let code = call
        .arguments
        .find_argument_value("source", 0)
        .or_else(|| call.arguments.find_argument_value("expression", 0));
    let called_as = ctx.text(&*call.func);
    let callee_text = if called_as == name || called_as == callee {
        format!("`{name}`")
    } else {
        format!("`{called_as}` (the builtin `{name}`)")
    };
    let constant = code
        .and_then(|c| ctx.constant(c))
        .is_some_and(|c| matches!(c, Constant::Str(_) | Constant::Bytes(_)));
    if constant {
        ctx.report(
            call.range(),
            format!("{callee_text} {verb} constant code; no input reaches it today, but plain Python code would be safer and clearer"),
        )
        .severity(Severity::Low);
    } else {
        let what = code.map_or_else(
            || "its argument".to_string(),
            |c| format!("`{}`", ctx.snippet(c)),
        );
        ctx.report(
            call.range(),
            format!("{callee_text} {verb} {what} as Python code; whoever controls that value can run any code in this process"),
        );
    }
}

/// `compile(source, ...)` of code that is not a constant, unless it only builds an AST or
/// is the code given straight to `eval`/`exec` (reported there).
fn check_compile(ctx: &mut Context<'_, '_>, call: &ExprCall) {
    let Some(source) = call.arguments.find_argument_value("source", 0) else {
        return;
    };
    if ctx.constant(source).is_some() {
        return;
    }
    let only_ast = call
        .arguments
        .find_argument_value("flags", 3)
        .is_some_and(|flags| ctx.text(flags).contains("PyCF_ONLY_AST"));
    if only_ast || is_run_directly(ctx, call) {
        return;
    }
    ctx.report(
        call.range(),
        format!("`compile` turns `{}` into a code object; if that text comes from outside, running the result executes it", ctx.snippet(source)),
    )
    .severity(Severity::Low)
    .confidence(Confidence::Medium);
}

/// Whether `call` is the first argument of an `eval`/`exec` call in the same statement.
fn is_run_directly(ctx: &Context<'_, '_>, call: &ExprCall) -> bool {
    struct Finder<'c, 'x, 'a> {
        ctx: &'c Context<'x, 'a>,
        target: moat_python::TextRange,
        found: bool,
    }
    impl<'e> Visitor<'e> for Finder<'_, '_, '_> {
        fn visit_expr(&mut self, expr: &'e Expr) {
            if let Expr::Call(outer) = expr
                && outer
                    .arguments
                    .args
                    .first()
                    .is_some_and(|a| a.range() == self.target)
                && matches!(
                    self.ctx.resolve(&outer.func).as_deref(),
                    Some("builtins.eval" | "builtins.exec")
                )
            {
                self.found = true;
            }
            visitor::walk_expr(self, expr);
        }
    }
    let Some(statement) = ctx.statement() else {
        return false;
    };
    let mut finder = Finder {
        ctx,
        target: call.range(),
        found: false,
    };
    finder.visit_stmt(statement);
    finder.found
}

//! `eval-exec-call`: every `eval`, `exec` and `compile` call, for audits (off by default).

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall, Operator};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Lists every call of the builtins `eval`, `exec` and `compile`, for audits: also when they
are reached through another name (`run = eval`) or the `builtins` module. Functions that
merely share the name, such as `ast.literal_eval`, a model's `model.eval()` or a function
of your own called `eval`, are not flagged.

Off by default. Debuggers, profilers, `timeit`, `doctest`, code generators
(`dataclasses`, `namedtuple`), interactive consoles and `typing`'s forward references run
code on purpose, so a finding for every call is mostly noise outside an audit. Two rules
report by default the calls whose code comes from where an attacker can reach it:
`code-injection` (untrusted input, such as a request, followed through functions and
files) and `eval-of-external-data` (code read in the same function from a file, the
environment, standard input, the command line or the network). Turn this one on with
`--select eval-exec-call` (or `B307`, `B102`, `S307`, `S102`, `ALL`) to review every call.

A call whose code is a constant string is reported with low severity: nothing from
outside reaches it today, but it is one edit away from doing so.

`compile` of code that is not a constant is reported too, with low severity and medium
confidence: the code object it returns is only dangerous once it runs, which usually
happens elsewhere. `compile(...)` passed straight to `eval`/`exec` is reported once, as
the `eval`/`exec`; `compile` with `ast.PyCF_ONLY_AST` in its flags (which returns a syntax
tree) and with constant source are not flagged.

Where `eval-of-external-data` or `code-injection` reports the same call, this rule stays
quiet on that line.

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
    default_enabled: false,
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
    let Some((name, verb)) = code_runner(callee) else {
        if callee == "builtins.compile" {
            check_compile(ctx, call);
        }
        return;
    };
    let code = code_argument(call);
    let callee_text = callee_text(ctx, call, name, callee);
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

/// For the builtins that run code (`builtins.eval`, `builtins.exec`), their name and the
/// verb messages use.
pub(super) fn code_runner(callee: &str) -> Option<(&'static str, &'static str)> {
    match callee {
        "builtins.eval" => Some(("eval", "evaluates")),
        "builtins.exec" => Some(("exec", "executes")),
        _ => None,
    }
}

/// The code an `eval`/`exec`/`compile` call is given.
pub(super) fn code_argument(call: &ExprCall) -> Option<&Expr> {
    call.arguments
        .find_argument_value("source", 0)
        .or_else(|| call.arguments.find_argument_value("expression", 0))
}

/// How messages name the callee: `` `eval` ``, or `` `run` (the builtin `eval`) `` for
/// another name of it.
pub(super) fn callee_text(
    ctx: &Context<'_, '_>,
    call: &ExprCall,
    name: &str,
    callee: &str,
) -> String {
    let called_as = ctx.text(&*call.func);
    if called_as == name || called_as == callee {
        format!("`{name}`")
    } else {
        format!("`{called_as}` (the builtin `{name}`)")
    }
}

/// `compile(source, ...)` of code that is not a constant, unless it only builds an AST or
/// is the code given straight to `eval`/`exec` (reported there).
fn check_compile(ctx: &mut Context<'_, '_>, call: &ExprCall) {
    let Some(source) = call.arguments.find_argument_value("source", 0) else {
        return;
    };
    if ctx.constant(source).is_some() || builds_only_ast(ctx, call) || is_run_directly(ctx, call) {
        return;
    }
    ctx.report(
        call.range(),
        format!("`compile` turns `{}` into a code object; if that text comes from outside, running the result executes it", ctx.snippet(source)),
    )
    .severity(Severity::Low)
    .confidence(Confidence::Medium);
}

/// `ast.PyCF_ONLY_AST`'s value: with it in its flags, `compile` returns a syntax tree.
const PYCF_ONLY_AST: i128 = 0x400;

/// Whether a `compile` call's flags hold `ast.PyCF_ONLY_AST` (by name, through `|`, or as
/// a constant with its bit set), so it returns a syntax tree and no code.
pub(super) fn builds_only_ast(ctx: &Context<'_, '_>, call: &ExprCall) -> bool {
    fn holds_only_ast(ctx: &Context<'_, '_>, flags: &Expr) -> bool {
        if let Some(Constant::Int(bits)) = ctx.constant(flags) {
            return bits & PYCF_ONLY_AST != 0;
        }
        match flags {
            Expr::BinOp(binop) if binop.op == Operator::BitOr => {
                holds_only_ast(ctx, &binop.left) || holds_only_ast(ctx, &binop.right)
            }
            _ => matches!(
                ctx.resolve(flags).as_deref(),
                Some("ast.PyCF_ONLY_AST" | "_ast.PyCF_ONLY_AST")
            ),
        }
    }
    call.arguments
        .find_argument_value("flags", 3)
        .is_some_and(|flags| holds_only_ast(ctx, flags))
}

/// Whether `call` is the first argument of an `eval`/`exec` call in the same statement.
pub(super) fn is_run_directly(ctx: &Context<'_, '_>, call: &ExprCall) -> bool {
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

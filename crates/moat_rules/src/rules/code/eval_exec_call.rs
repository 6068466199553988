//! `eval-exec-call`: Python code built at run time and executed with `eval` or `exec`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags calls of the builtins `eval` and `exec`, also when they are reached through another
name (`run = eval`) or the `builtins` module. Functions that merely share the name, such
as `ast.literal_eval`, a model's `model.eval()` or a function of your own called `eval`,
are not flagged.

A call whose code is a constant string is reported with low severity: nothing from
outside reaches it today, but it is one edit away from doing so.

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

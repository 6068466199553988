//! `shell-true-call`: a function outside `subprocess` called with `shell=True`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::injection::subprocess_shell_true::SHELL_ARGUMENT;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::Expr;

const DOCS: &str = r#"## What it does
Flags calls of functions other than the `subprocess` ones (which `subprocess-shell-true`
covers) given a true `shell=` argument: usually a project's own wrapper around
`subprocess` (`run_command(cmd, shell=True)`), or another library's. Off by default,
since Moat cannot see what the wrapper does with the flag. Test files are not checked.

## Why is this bad?
A `shell=True` passed along usually ends in `subprocess` running the command through
`/bin/sh`, where `;`, `|`, `$(…)` and quotes in any part of the command that comes from
outside run other commands (OS command injection).

## Example
```python
from myproject.utils import run_command

run_command(f"convert {upload} out.png", shell=True)
```

## Use instead
Pass the command as a list and let the wrapper run it without a shell:
```python
run_command(["convert", upload, "out.png"])
```

## References
- CWE-78: Improper Neutralization of Special Elements used in an OS Command
- OWASP Top 10 2025: A05 Injection
"#;

/// Metadata of `shell-true-call`.
pub static META: RuleMeta = RuleMeta {
    id: "shell-true-call",
    title: "Function called with shell=True",
    category: Category::Injection,
    cwe: &[78],
    owasp: Owasp::A05Injection,
    severity: Severity::Medium,
    confidence: Confidence::Low,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B604"],
    ruff: &["S604"],
    docs: DOCS,
};

/// The rule: inspects every call with a `shell=` keyword.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Some(shell) = call.arguments.find_keyword("shell") else {
        return;
    };
    if !ctx.constant(&shell.value).is_some_and(|v| v.is_truthy()) {
        return;
    }
    let callee = ctx.resolve(&call.func);
    if callee
        .as_deref()
        .is_some_and(|c| SHELL_ARGUMENT.contains(&c) || c.starts_with("subprocess."))
    {
        return;
    }
    let command = call.arguments.args.first().map_or_else(
        || "its command".to_string(),
        |c| format!("`{}`", ctx.snippet(c)),
    );
    ctx.report(
        call.range(),
        format!("`{}` is called with `shell={}`, so {command} probably runs through a shell; pass an argument list without a shell", ctx.snippet(&*call.func), ctx.text(&shell.value)),
    );
}

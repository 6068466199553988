//! `process-without-shell`: a program started without a shell (review its arguments).

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::injection::processes::{Launch, launch};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags every call that starts a program without a shell: `subprocess.run`, `call`,
`check_call`, `check_output` and `Popen` without a true `shell=`, the `os.exec*`,
`os.spawn*` and `os.posix_spawn*` functions, `os.startfile` and
`asyncio.create_subprocess_exec`. Off by default: starting programs is normal, and
without a shell there is no command injection. It exists for audits that want every
process start listed (Bandit B603/B606). Calls whose whole command is a constant are
reported with low confidence.

## Why is this bad?
It is not, by itself. But a program started with arguments from outside can still be
abused: an argument that starts with `-` becomes an option (`--output=/etc/passwd`,
`-oProxyCommand=…` for `ssh`), and a program name from outside runs anything.

## Example
```python
import subprocess

subprocess.run(["git", "clone", repository_url])
```

## Use instead
Validate arguments, end options with `--` where the program supports it, and use
absolute program paths:
```python
subprocess.run(["/usr/bin/git", "clone", "--", repository_url], check=True)
```

## References
- CWE-78: Improper Neutralization of Special Elements used in an OS Command
- CWE-88: Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')
- OWASP Top 10 2025: A05 Injection
"#;

/// Metadata of `process-without-shell`.
pub static META: RuleMeta = RuleMeta {
    id: "process-without-shell",
    title: "Process started without a shell",
    category: Category::Injection,
    cwe: &[78, 88],
    owasp: Owasp::A05Injection,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B603", "B606"],
    ruff: &["S603", "S606"],
    docs: DOCS,
};

/// The rule: inspects calls that start processes.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["subprocess", "os", "asyncio"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(Launch::Direct(program)) = launch(ctx, call, callee) else {
        return;
    };
    let constant = program.is_some_and(|p| ctx.constant(p).is_some() || all_constant(ctx, p));
    if constant {
        ctx.report(
            call.range(),
            format!("`{callee}` starts a constant command without a shell; nothing from outside reaches it today"),
        )
        .confidence(Confidence::Low);
    } else {
        let what = program.map_or_else(
            || "its arguments".to_string(),
            |p| format!("`{}`", ctx.snippet(p)),
        );
        ctx.report(
            call.range(),
            format!("`{callee}` starts a program with {what}; check that no argument from outside can become an option or choose the program"),
        );
    }
}

fn all_constant(ctx: &Context<'_, '_>, expr: &moat_python::ast::Expr) -> bool {
    match expr {
        moat_python::ast::Expr::List(list) => list.elts.iter().all(|e| ctx.constant(e).is_some()),
        _ => false,
    }
}

//! `paramiko-exec-command`: a command line built at run time run over SSH.

use crate::context::Context;
use crate::receiver::constructor;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::Expr;

const DOCS: &str = r#"## What it does
Flags `exec_command` on a Paramiko `SSHClient` (made by `paramiko.SSHClient()`, directly,
through a variable or a `with … as` target) when the command is not a constant string.

## Why is this bad?
The command runs in the remote user's login shell, which interprets `;`, `|`, `$(…)`
and quotes. A host name, file name or other value pasted into it lets whoever controls
that value run their own commands on the remote machine (OS command injection).

## Example
```python
client = paramiko.SSHClient()
client.connect(host)
client.exec_command(f"tail -n 100 /var/log/{service}.log")
```

## Use instead
Quote every value with `shlex.quote` (the remote shell is POSIX), or choose from a fixed
set of commands:
```python
import shlex

client.exec_command(f"tail -n 100 /var/log/{shlex.quote(service)}.log")
```

## References
- CWE-78: Improper Neutralization of Special Elements used in an OS Command
- OWASP Top 10 2025: A05 Injection
- Paramiko docs: `SSHClient.exec_command`
"#;

/// Metadata of `paramiko-exec-command`.
pub static META: RuleMeta = RuleMeta {
    id: "paramiko-exec-command",
    title: "Command built at run time run over SSH",
    category: Category::Injection,
    cwe: &[78],
    owasp: Owasp::A05Injection,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B601"],
    ruff: &["S601"],
    docs: DOCS,
};

/// The rule: inspects `exec_command` calls on Paramiko clients.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check)],
    modules: &["paramiko"],
};

fn check(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    if method.attr.as_str() != "exec_command" {
        return;
    }
    let client = constructor(ctx, &method.value);
    if !matches!(
        client.as_deref(),
        Some("paramiko.SSHClient" | "paramiko.client.SSHClient")
    ) {
        return;
    }
    let Some(command) = call.arguments.find_argument_value("command", 0) else {
        return;
    };
    if ctx.constant(command).is_some() {
        return;
    }
    ctx.report(
        call.range(),
        format!("`{}.exec_command({})` runs a command built at run time in the remote shell; a value containing `;`, `|` or `$(...)` runs other commands; quote values with `shlex.quote`", ctx.snippet(&*method.value), ctx.snippet(command)),
    );
}

//! `ssh-host-key-not-verified`: paramiko clients that accept any server key.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::as_method_call;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::Expr;

const DOCS: &str = r#"## What it does
Flags `client.set_missing_host_key_policy(...)` given paramiko's `AutoAddPolicy` or
`WarningPolicy` (the class or an instance, through any import or alias). Test code is not
checked. `RejectPolicy` (paramiko's default) and policies of your own are not flagged.

## Why is this bad?
SSH authenticates the server by its host key. `AutoAddPolicy` accepts, and remembers, the
key of whatever server answers the first time; `WarningPolicy` logs a warning and connects
anyway. An attacker on the network path can then pose as the server, capture the password
or agent-forwarded credentials and read or change everything sent over the session.

## Example
```python
import paramiko

def run_backup(host):
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="backup", key_filename="/etc/backup/id_ed25519")
```

## Use instead
Load the known host keys and keep the default `RejectPolicy`:
```python
import paramiko

def run_backup(host):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.load_host_keys("/etc/backup/known_hosts")
    client.connect(host, username="backup", key_filename="/etc/backup/id_ed25519")
```

## References
- CWE-322: Key Exchange without Entity Authentication
- CWE-295: Improper Certificate Validation
- OWASP Top 10 2025: A07 Authentication Failures
- Paramiko documentation: `SSHClient.set_missing_host_key_policy`
"#;

/// Metadata of `ssh-host-key-not-verified`.
pub static META: RuleMeta = RuleMeta {
    id: "ssh-host-key-not-verified",
    title: "SSH client accepts unknown host keys",
    category: Category::Network,
    cwe: &[322, 295],
    owasp: Owasp::A07AuthenticationFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B507"],
    ruff: &["S507"],
    docs: DOCS,
};

/// The rule: inspects `set_missing_host_key_policy` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check)],
    modules: &["paramiko"],
};

fn check(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Some((call, _, "set_missing_host_key_policy")) = as_method_call(expr) else {
        return;
    };
    let Some(policy) = call.arguments.find_argument_value("policy", 0) else {
        return;
    };
    let class = match policy {
        Expr::Call(instance) => &*instance.func,
        other => other,
    };
    let Some(name) = ctx.resolve(class) else {
        return;
    };
    let behaviour = match name.as_str() {
        "paramiko.AutoAddPolicy" | "paramiko.client.AutoAddPolicy" => {
            "accepts and saves the key of any server it has not seen"
        }
        "paramiko.WarningPolicy" | "paramiko.client.WarningPolicy" => {
            "only logs a warning for a server key it has not seen, and connects"
        }
        _ => return,
    };
    ctx.report(
        call.range(),
        format!("`{}` {behaviour}, so anyone on the network path can pose as the server; load known host keys and keep `RejectPolicy`", ctx.snippet(policy)),
    );
}

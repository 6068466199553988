//! `partial-executable-path`: a program started by a name looked up on `PATH`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::injection::processes::{Launch, constant_program, launch};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags process starts without a shell (`subprocess` functions, `os.exec*`, `os.spawn*`,
`os.posix_spawn*`, `asyncio.create_subprocess_exec`) whose program is a constant that
is not an absolute path: `subprocess.run(["git", "status"])`, `os.execvp("ls", …)`. Off
by default: running tools from `PATH` is how most scripts work.

## Why is this bad?
A name without a directory is looked up along `PATH` (and, on Windows, in the current
directory first). Whoever can change `PATH` for the program, or write to a directory on
it, chooses which program runs — with the program's privileges.

## Example
```python
subprocess.run(["git", "pull"], check=True)
```

## Use instead
Use the absolute path, or resolve it once with `shutil.which` from a `PATH` you control:
```python
subprocess.run(["/usr/bin/git", "pull"], check=True)
```

## References
- CWE-426: Untrusted Search Path
- CWE-78: Improper Neutralization of Special Elements used in an OS Command
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
"#;

/// Metadata of `partial-executable-path`.
pub static META: RuleMeta = RuleMeta {
    id: "partial-executable-path",
    title: "Process started by a partial executable path",
    category: Category::Injection,
    cwe: &[426, 78],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B607"],
    ruff: &["S607"],
    docs: DOCS,
};

/// The rule: inspects calls that start processes.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["subprocess", "os", "asyncio"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(Launch::Direct(Some(program))) = launch(ctx, call, callee) else {
        return;
    };
    let Some(name) = constant_program(ctx, program) else {
        return;
    };
    let name = name.split_whitespace().next().unwrap_or_default();
    let absolute =
        name.starts_with('/') || name.starts_with('\\') || name.as_bytes().get(1) == Some(&b':');
    if name.is_empty() || absolute {
        return;
    }
    ctx.report(
        call.range(),
        format!("`{callee}` starts `{name}`, found through `PATH`, so whoever controls `PATH` chooses the program; use its absolute path"),
    );
}

//! `tempfile-mktemp`: a temporary file name made with `tempfile.mktemp`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{ExceptHandler, ExprCall, Stmt};

const DOCS: &str = r#"## What it does
Flags calls of `tempfile.mktemp` (also through an alias or `from tempfile import *`) and
of `os.tempnam`/`os.tmpnam` from Python 2. Test files are not checked, nor are names made
for Windows named pipes (`prefix=r"\\.\pipe\..."`), which do not live in a shared
directory, nor the fallback in an `except ImportError:` whose `try` imports `mkstemp`,
`NamedTemporaryFile`, `TemporaryFile` or `mkdtemp` (the safe function exists on every
Python since 2.3, so the fallback never runs).

## Why is this bad?
`mktemp` only returns a name that did not exist when it looked. Between that moment and
the moment the program creates the file, another local user can create the file or a
symbolic link with that name in the shared temporary directory; the program then writes
into the attacker's file, or through the link into any file it can write (a race
condition on an insecure temporary file). Python's documentation has deprecated it since
Python 2.3.

## Example
```python
import tempfile

path = tempfile.mktemp(suffix=".csv")
with open(path, "w") as out:
    out.write(report)
```

## Use instead
Let `tempfile` create the file (atomically, with mode `0o600`) and hand it back:
```python
import tempfile

with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as out:
    out.write(report)
```
or `fd, path = tempfile.mkstemp()`, or `tempfile.mkdtemp()` for a private directory.

## References
- CWE-377: Insecure Temporary File
- OWASP Top 10 2025: A01 Broken Access Control
- Python docs: `tempfile.mktemp` (deprecated)
"#;

/// Metadata of `tempfile-mktemp`.
pub static META: RuleMeta = RuleMeta {
    id: "tempfile-mktemp",
    title: "Insecure temporary file name from mktemp",
    category: Category::Files,
    cwe: &[377],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B306"],
    ruff: &["S306"],
    docs: DOCS,
};

/// The rule: inspects calls into `tempfile` and `os`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["tempfile", "os"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !matches!(callee, "tempfile.mktemp" | "os.tempnam" | "os.tmpnam") {
        return;
    }
    // A Windows named-pipe name (`\\.\pipe\...`) is not a file in a shared directory.
    let pipe = call
        .arguments
        .find_argument_value("prefix", 1)
        .and_then(|p| crate::strings::built_string(ctx, p))
        .is_some_and(|p| p.prefix.starts_with(r"\\.\pipe\"));
    if pipe || is_import_fallback(ctx, call) {
        return;
    }
    ctx.report(
        call.range(),
        format!("`{}` returns a name that another user can create first (as a file or a symbolic link) before this program opens it; use `tempfile.mkstemp()` or `tempfile.NamedTemporaryFile()`", ctx.snippet(call)),
    );
}

/// `tempfile` functions that make the file (or directory) themselves.
const SAFE_TEMPFILE_NAMES: &[&str] = &["mkstemp", "NamedTemporaryFile", "TemporaryFile", "mkdtemp"];

/// Whether `call` is in an `except ImportError:` (or `ModuleNotFoundError`) handler whose
/// `try` imports a safe `tempfile` function: the fallback for a Python without it.
fn is_import_fallback(ctx: &Context<'_, '_>, call: &ExprCall) -> bool {
    ctx.ancestors().iter().any(|stmt| {
        let Stmt::Try(try_stmt) = stmt else {
            return false;
        };
        let in_import_handler = try_stmt.handlers.iter().any(|handler| {
            let ExceptHandler::ExceptHandler(handler) = handler;
            handler.range.contains_range(call.range())
                && handler.type_.as_deref().is_some_and(|t| {
                    matches!(
                        ctx.resolve(t).as_deref(),
                        Some("builtins.ImportError" | "builtins.ModuleNotFoundError")
                    )
                })
        });
        in_import_handler
            && try_stmt.body.iter().any(|s| match s {
                Stmt::ImportFrom(import) => {
                    import
                        .module
                        .as_ref()
                        .is_some_and(|m| m.id.as_str() == "tempfile")
                        && import
                            .names
                            .iter()
                            .any(|alias| SAFE_TEMPFILE_NAMES.contains(&alias.name.id.as_str()))
                }
                _ => false,
            })
    })
}

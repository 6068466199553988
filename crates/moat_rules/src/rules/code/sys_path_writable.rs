//! `sys-path-writable`: the import path made to include the working directory or a
//! shared writable directory.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags `sys.path.insert`, `sys.path.append` and `sys.path.extend` given the current
directory (`""`, `"."`, `os.getcwd()`, `os.curdir`, `pathlib.Path.cwd()`), a relative
path (resolved against the working directory at import time), or a path in `/tmp`,
`/var/tmp` or `/dev/shm`. Paths built from `__file__` are not flagged, nor is test code (import tests put
their fixtures on the path).

## Why is this bad?
Python imports the first matching module it finds along `sys.path`. A directory that
other users can write to, or whatever directory the program happens to be started from
(a download folder, a shared checkout, an upload directory), lets anyone who can place a
file named like a module there (`json.py`, `requests.py`) run code in the program the
next time it imports that module (uncontrolled search path).

## Example
```python
import sys

sys.path.insert(0, ".")
import plugins
```

## Use instead
Install the package, or add a directory derived from the program's own location:
```python
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "vendor"))
```

## References
- CWE-427: Uncontrolled Search Path Element
- CWE-426: Untrusted Search Path
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Python docs: `sys.path`, the `-P` option and `PYTHONSAFEPATH`
"#;

/// Metadata of `sys-path-writable`.
pub static META: RuleMeta = RuleMeta {
    id: "sys-path-writable",
    title: "Import path includes the working directory or a writable location",
    category: Category::Code,
    cwe: &[427, 426],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects calls that change `sys.path`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["sys"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let entries: Vec<&Expr> = match callee {
        "sys.path.insert" => call.arguments.args.get(1).into_iter().collect(),
        "sys.path.append" => call.arguments.args.first().into_iter().collect(),
        "sys.path.extend" => match call.arguments.args.first() {
            Some(Expr::List(list)) => list.elts.iter().collect(),
            Some(Expr::Tuple(tuple)) => tuple.elts.iter().collect(),
            _ => Vec::new(),
        },
        _ => return,
    };
    for entry in entries {
        if let Some(why) = unsafe_entry(ctx, entry) {
            ctx.report(
                call.range(),
                format!("`{callee}` adds `{}`, {why}; a file there named like a module is imported instead of it; add a directory derived from `__file__` or install the package", ctx.snippet(entry)),
            );
            return;
        }
    }
}

/// Why an entry added to `sys.path` is unsafe, if it is.
fn unsafe_entry(ctx: &Context<'_, '_>, entry: &Expr) -> Option<&'static str> {
    if let Expr::Call(call) = entry {
        let callee = ctx.resolve(&call.func)?;
        return matches!(
            callee.as_str(),
            "os.getcwd"
                | "os.getcwdb"
                | "pathlib.Path.cwd"
                | "os.path.abspath"
                | "os.path.realpath"
        )
        .then(|| {
            // `abspath(".")` is the working directory too; `abspath(x)` of anything else
            // is judged by its argument.
            if callee.starts_with("os.path.") {
                let inner = call.arguments.args.first()?;
                unsafe_entry(ctx, inner)
            } else {
                Some("the current working directory")
            }
        })
        .flatten();
    }
    if ctx.resolve(entry).as_deref() == Some("os.curdir") {
        return Some("the current working directory");
    }
    let text = ctx.constant(entry)?.as_str()?.to_string();
    if text.is_empty() || text == "." || text == "./" {
        return Some("the current working directory");
    }
    if ["/tmp", "/var/tmp", "/dev/shm"]
        .iter()
        .any(|d| text == *d || text.starts_with(&format!("{d}/")))
    {
        return Some("a directory every local user can write to");
    }
    let absolute =
        text.starts_with('/') || text.starts_with('~') || text.as_bytes().get(1) == Some(&b':');
    (!absolute).then_some("a path relative to the current working directory")
}

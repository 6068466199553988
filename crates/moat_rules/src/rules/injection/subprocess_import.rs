//! `subprocess-import`: modules that can start processes, imported.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::report_imports;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags imports of `subprocess` (Bandit's B404). **Off by default**: importing `subprocess`
is not a weakness, and the calls that are (`shell=True`, commands built from input) are
reported by `subprocess-shell-true` where they happen. Enable it
(`--extend-select subprocess-import`) to inventory the modules of a code base that start
processes, for review.

## Why is this bad?
Every module that starts processes is a place where a command line might be built from
untrusted input (CWE-78). Knowing where they are narrows a review.

## Example
```python
import subprocess

def convert(path):
    subprocess.run(["convert", path, path + ".png"], check=True)
```

## Use instead
Nothing needs to change when the calls pass argument lists without a shell; prefer
libraries over external programs where one exists (`Pillow` instead of `convert`).

## References
- CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command
  Injection')
- OWASP Top 10 2025: A05 Injection
"#;

/// Metadata of `subprocess-import`.
pub static META: RuleMeta = RuleMeta {
    id: "subprocess-import",
    title: "Module that starts processes imported",
    category: Category::Injection,
    cwe: &[78],
    owasp: Owasp::A05Injection,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B404"],
    ruff: &["S404"],
    docs: DOCS,
};

/// The rule: inspects import statements.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &["subprocess"],
};

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    report_imports(ctx, stmt, &["subprocess"], |name| {
        format!(
            "`{name}` is imported: check that the commands this module runs are argument lists without a shell and never built from untrusted input"
        )
    });
}

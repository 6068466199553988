//! `dynamic-import`: a module imported by a name computed at run time.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags `importlib.import_module(name)`, `__import__(name)` and `importlib.__import__(name)`
when `name` is not a constant. Off by default: plugin loaders, back-end registries and
settings that name classes (Django's `INSTALLED_APPS`, `logging.config`) do this on
purpose with trusted configuration. A name that starts with a constant package prefix
(`import_module(f"myapp.plugins.{name}")`) is reported with low severity: it can only
reach modules under that package. Enable it with `--extend-select dynamic-import` to
review where module names come from.

## Why is this bad?
Importing a module runs its top-level code. If the name comes from a request, a message
or a file someone else can edit, they choose which installed module runs — including
modules with import-time side effects, test helpers left on the path, or a file they
managed to place on `sys.path` (CWE-470: unsafe reflection).

## Example
```python
import importlib

def load_exporter(request):
    module = importlib.import_module(request.args["format"])
    return module.export
```

## Use instead
Map the allowed names to modules or functions you chose:
```python
from myapp.exporters import csv_export, json_export

EXPORTERS = {"csv": csv_export, "json": json_export}

def load_exporter(request):
    return EXPORTERS[request.args["format"]]
```

## References
- CWE-470: Use of Externally-Controlled Input to Select Classes or Code ('Unsafe Reflection')
- OWASP Top 10 2025: A05 Injection
- Python docs: `importlib.import_module`, `__import__`
"#;

/// Metadata of `dynamic-import`.
pub static META: RuleMeta = RuleMeta {
    id: "dynamic-import",
    title: "Module imported by a name computed at run time",
    category: Category::Code,
    cwe: &[470],
    owasp: Owasp::A05Injection,
    severity: Severity::Medium,
    confidence: Confidence::Low,
    default_enabled: false,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects `import_module` and `__import__` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !matches!(
        callee,
        "importlib.import_module" | "builtins.__import__" | "importlib.__import__"
    ) {
        return;
    }
    let Some(name) = call.arguments.find_argument_value("name", 0) else {
        return;
    };
    if ctx.constant(name).is_some() {
        return;
    }
    // A relative name with a constant `package=` stays inside that package too.
    let package = call
        .arguments
        .find_keyword("package")
        .and_then(|k| ctx.constant(&k.value))
        .is_some();
    let prefix = crate::strings::built_string(ctx, name)
        .map(|b| b.prefix)
        .unwrap_or_default();
    let short = callee.rsplit('.').next().unwrap_or(callee);
    if prefix.contains('.') || package {
        ctx.report(
            call.range(),
            format!("`{short}({})` imports a module chosen at run time, within a fixed package; make sure the name cannot come from untrusted input", ctx.snippet(name)),
        )
        .severity(Severity::Low);
    } else {
        ctx.report(
            call.range(),
            format!("`{short}({})` imports whichever module the value names, running its code; map the allowed names to modules instead", ctx.snippet(name)),
        );
    }
}

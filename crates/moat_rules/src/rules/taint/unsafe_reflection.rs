//! `unsafe-reflection`: untrusted input chooses the code that runs (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to names that select code: `importlib.import_module` and
`__import__`, `getattr` on modules and objects whose result is called, and `globals()[…]`
or `locals()[…]` lookups.

"#,
    super::untrusted_input_doc!(),
    r#"

An allow-list check (`if name in HANDLERS:`) or a lookup in a dict of permitted callables
(`HANDLERS[name]`) is the safe path and is not reported, and so is a name built with a
constant identifier prefix or suffix (`"do_" + command`, `f"{scheme}_open"`, `"%s_view" % kind`):
it reaches only attributes the developer named that way. A prefix of only underscores, or one
that starts with `__` (a suffix that ends with `__`), can still make dunder names and is
reported. The finding carries its trace: the
source, each step the value took (assignments, calls and returns, across files) and the
sink; the text output shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
The client chooses which module is imported or which function runs: `os.system`,
`subprocess.getoutput`, a private admin function or a module whose import has side effects.
Any attribute reachable from the object becomes an entry point.

## Example
```python
import importlib
from flask import Flask, request

app = Flask(__name__)

@app.route("/export")
def export():
    fmt = request.args["format"]
    module = importlib.import_module(f"exporters.{fmt}")
    return module.export(load_data())
```

## Use instead
Map the allowed names to the code explicitly:
```python
from exporters import csv_export, json_export

EXPORTERS = {"csv": csv_export, "json": json_export}

@app.route("/export")
def export():
    exporter = EXPORTERS.get(request.args["format"])
    if exporter is None:
        return "unknown format", 400
    return exporter.export(load_data())
```

## References
- CWE-470: Use of Externally-Controlled Input to Select Classes or Code ('Unsafe Reflection')
- OWASP Top 10 2025: A05 Injection
"#
);

/// Metadata of `unsafe-reflection`.
pub static META: RuleMeta = RuleMeta {
    id: "unsafe-reflection",
    title: "Unsafe reflection: untrusted input selects code",
    category: Category::Code,
    cwe: &[470],
    owasp: Owasp::A05Injection,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);

//! `ssti`: untrusted input becomes template source (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the *source* of a template: Flask `render_template_string`,
`jinja2.Template`, `Environment.from_string`, Mako `Template` and Django `Template`. The
values passed to a template as context are not this sink.

"#,
    super::untrusted_input_doc!(),
    r#"

A template source that is a constant, or read from the application's own template folder, is
not reported; passing the input as a context variable
(`render_template_string(TEMPLATE, name=name)`) is the fix. The finding carries its trace:
the source, each step the value took (assignments, calls and returns, across files) and the
sink; the text output shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
Template languages are programs. `{{ cycler.__init__.__globals__.os.popen('id').read() }}`
runs commands on the server through Jinja2; Mako templates can hold Python directly. Even a
sandbox leaks configuration and secrets through `{{ config }}`.

## Example
```python
from flask import Flask, render_template_string, request

app = Flask(__name__)

@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    return render_template_string("<p>Hello " + name + "</p>")
```

## Use instead
Keep the template constant and pass the input as a value:
```python
@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    return render_template_string("<p>Hello {{ name }}</p>", name=name)
```

## References
- CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine
- CWE-94: Improper Control of Generation of Code ('Code Injection')
- OWASP Top 10 2025: A05 Injection
"#
);

/// Metadata of `ssti`.
pub static META: RuleMeta = RuleMeta {
    id: "ssti",
    title: "Server-side template injection: untrusted input as template source",
    category: Category::Injection,
    cwe: &[1336, 94],
    owasp: Owasp::A05Injection,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);

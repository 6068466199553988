//! `format-string-injection`: untrusted input is used as a format string (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the *template* of `str.format` and `format_map` calls
(`user_template.format(user=current_user)`) and of `string.Formatter().format`. The values
formatted into a constant template are not this sink.

"#,
    super::untrusted_input_doc!(),
    r#"

A constant template, `string.Template(...).safe_substitute()` (which cannot reach
attributes) and an allow-list of templates are safe and are not reported. The finding
carries its trace: the source, each step the value took (assignments, calls and returns,
across files) and the sink; the text output shows it under the code frame and SARIF as
`codeFlows`.

## Why is this bad?
Replacement fields reach attributes and items of the arguments: `{user.__class__.__init__.__globals__}`
walks from any object to the module's globals, which leaks the secret key, configuration and
credentials in the response.

## Example
```python
from flask import Flask, request

app = Flask(__name__)

@app.route("/greeting")
def greeting():
    template = request.args.get("template", "Hello {user.name}")
    return template.format(user=current_user())
```

## Use instead
Use a template engine without attribute access, with only the values it needs:
```python
from string import Template

@app.route("/greeting")
def greeting():
    template = Template(request.args.get("template", "Hello $name"))
    return template.safe_substitute(name=current_user().name)
```

## References
- CWE-134: Use of Externally-Controlled Format String
- OWASP Top 10 2025: A05 Injection
- Python documentation: `string.Template` and the format string syntax
"#
);

/// Metadata of `format-string-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "format-string-injection",
    title: "Format string injection: untrusted input as a format template",
    category: Category::Injection,
    cwe: &[134],
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

//! `code-injection`: untrusted input is run as Python code (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to functions that run it as Python: `eval`, `exec`, `compile`,
`code.InteractiveInterpreter.runsource`, `pandas.eval`/`DataFrame.query` and other
expression evaluators named in the models.

"#,
    super::untrusted_input_doc!(),
    r#"

`ast.literal_eval` (which only reads literals), `int()`/`float()` conversion and allow-list
checks make a value safe; `eval` of a constant or of code the program builds from constants
is not reported. The finding carries its trace: the source, each step the value took
(assignments, calls and returns, across files) and the sink; the text output shows it under
the code frame and SARIF as `codeFlows`.

## Why is this bad?
`eval` and `exec` give the input the full power of the interpreter:
`__import__('os').system('…')` runs any command, reads any file and every secret in the
process. There is no reliable way to restrict what evaluated code can reach.

## Example
```python
from flask import Flask, request

app = Flask(__name__)

@app.route("/calc")
def calc():
    expr = request.args["expr"]
    return str(eval(expr))
```

## Use instead
Parse the input with a parser that only accepts what you expect:
```python
import ast

@app.route("/calc")
def calc():
    value = ast.literal_eval(request.args["expr"])
    return str(value)
```
For arithmetic, walk `ast.parse(expr, mode="eval")` and allow only number and operator nodes.

## References
- CWE-95: Improper Neutralization of Directives in Dynamically Evaluated Code ('Eval Injection')
- CWE-94: Improper Control of Generation of Code ('Code Injection')
- OWASP Top 10 2025: A05 Injection
- Python documentation: `ast.literal_eval`
"#
);

/// Metadata of `code-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "code-injection",
    title: "Code injection: untrusted input evaluated as Python",
    category: Category::Code,
    cwe: &[95, 94],
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

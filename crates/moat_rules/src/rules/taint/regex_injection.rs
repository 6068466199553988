//! `regex-injection`: untrusted input is compiled as a regular expression (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the *pattern* of regular expressions: `re.compile`,
`re.match`, `re.search`, `re.fullmatch`, `re.findall`, `re.sub`, `re.split` and the same in
the `regex` package. The text searched is not this sink.

"#,
    super::untrusted_input_doc!(),
    r#"

`re.escape()` makes a value a literal pattern and is safe; patterns that are constants are
checked by `regex-redos` instead. The finding carries its trace: the source, each step the
value took (assignments, calls and returns, across files) and the sink; the text output
shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
The client picks the pattern, so it picks how long matching takes: `(a+)+$` against a
line of `a`s backtracks exponentially and holds a worker for minutes (ReDoS). A pattern also
changes what matches, e.g. `.*` in a search meant to be exact.

## Example
```python
import re
from flask import Flask, request

app = Flask(__name__)

@app.route("/search")
def search():
    term = request.args["q"]
    return [line for line in LINES if re.search(term, line)]
```

## Use instead
Escape the input, or search for it as plain text:
```python
@app.route("/search")
def search():
    term = re.escape(request.args["q"])
    return [line for line in LINES if re.search(term, line)]

def search_plain(term):
    return [line for line in LINES if term in line]
```

## References
- CWE-730: OWASP Top Ten 2004 Category A9 - Denial of Service
- CWE-1333: Inefficient Regular Expression Complexity
- CWE-400: Uncontrolled Resource Consumption
- OWASP Top 10 2025: A05 Injection
"#
);

/// Metadata of `regex-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "regex-injection",
    title: "Regex injection: untrusted input used as a regular expression",
    category: Category::Regex,
    cwe: &[730, 1333, 400],
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

//! `xpath-injection`: untrusted input reaches an XPath expression (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to XPath expressions: lxml `xpath()` on elements and trees,
`etree.XPath`, `etree.XPathEvaluator`, and `ElementTree` `find`/`findall`/`iterfind` paths.

"#,
    super::untrusted_input_doc!(),
    r#"

Values passed as XPath variables (`root.xpath("//user[@name=$name]", name=name)`) are data
and are not reported; nor is a value converted to a number or checked against an allow-list.
The finding carries its trace: the source, each step the value took (assignments, calls and
returns, across files) and the sink; the text output shows it under the code frame and SARIF
as `codeFlows`.

## Why is this bad?
A quote in the input ends the string literal of the expression: `' or '1'='1` makes a lookup
match every node, which bypasses authentication stored in XML and reads data the query was
meant to hide.

## Example
```python
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("users.xml")

@app.route("/user")
def user():
    name = request.args["name"]
    return str(USERS.xpath(f"//user[@name='{name}']/email/text()"))
```

## Use instead
Pass the value as an XPath variable:
```python
@app.route("/user")
def user():
    name = request.args["name"]
    return str(USERS.xpath("//user[@name=$name]/email/text()", name=name))
```

## References
- CWE-643: Improper Neutralization of Data within XPath Expressions ('XPath Injection')
- OWASP Top 10 2025: A05 Injection
"#
);

/// Metadata of `xpath-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "xpath-injection",
    title: "XPath injection: untrusted input in an XPath expression",
    category: Category::Injection,
    cwe: &[643],
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

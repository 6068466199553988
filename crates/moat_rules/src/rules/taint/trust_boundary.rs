//! `trust-boundary`: untrusted input is stored as trusted state (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input into stores the application treats as trusted: Flask `session`
and Django `request.session` items, and Flask's `session.update`/`setdefault`. Off by
default: storing what a user typed in their own session is often the intent (a login
form's user name after the password check), so select it to audit sessions.

"#,
    super::untrusted_input_doc!(),
    r#"

A value checked against the server's own data first (a user id looked up and found, an
allow-list, numeric conversion) is not reported. The finding carries its trace: the source,
each step the value took (assignments, calls and returns, across files) and the sink; the
text output shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
Code that later reads the session assumes the server put the value there after checking
it. Storing request input unchecked (`session["role"] = request.form["role"]`) lets the
client choose roles, user ids or flags that later decide access.

## Example
```python
from flask import Flask, request, session

app = Flask(__name__)

@app.post("/profile")
def profile():
    session["user_id"] = request.form["user_id"]
    return "saved"
```

## Use instead
Store what the server established itself, after checking the input:
```python
@app.post("/login")
def login():
    user = authenticate(request.form["name"], request.form["password"])
    if user is None:
        return "no", 401
    session["user_id"] = user.id
    return "welcome"
```

## References
- CWE-501: Trust Boundary Violation
- OWASP Top 10 2025: A06 Insecure Design
"#
);

/// Metadata of `trust-boundary`.
pub static META: RuleMeta = RuleMeta {
    id: "trust-boundary",
    title: "Trust boundary violation: untrusted input stored in the session",
    category: Category::Injection,
    cwe: &[501],
    // CWE-501 is an Insecure Design weakness (A04 in 2021, A06 in 2025): trusted and
    // untrusted data share one store.
    owasp: Owasp::A06InsecureDesign,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: false,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);

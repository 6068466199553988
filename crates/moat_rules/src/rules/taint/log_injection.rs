//! `log-injection`: untrusted input is written to a log unneutralised (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to log records: the message of `logging` calls on the root
logger and on `logging.getLogger(...)` loggers (`debug` … `critical`, `exception`, `log`),
when the input is part of the message text itself rather than a `%s` argument.

"#,
    super::untrusted_input_doc!(),
    r#"

The message text (the first argument) is the sink: values passed for `%` placeholders
(`log.info("user %r", name)`) are left to the logging configuration and are not reported,
and `%r` shows line breaks escaped. A value with its line breaks removed
(`.replace("\n", "")` and `.replace("\r", "")`) or converted to a number is safe. The
finding carries its trace: the source, each step the value took (assignments, calls and
returns, across files) and the sink; the text output shows it under the code frame and SARIF
as `codeFlows`.

## Why is this bad?
A line break in the input starts a forged log line (`alice\nINFO login ok user=admin`),
hiding an attack or blaming someone else; control characters can also attack the terminal
or log viewer that shows the record.

## Example
```python
import logging
from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger(__name__)

@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"]
    log.warning(f"failed login for {user}")
    return "no", 401
```

## Use instead
Pass values as arguments, and strip line breaks from untrusted text:
```python
@app.route("/login", methods=["POST"])
def login():
    user = request.form["user"].replace("\r", "").replace("\n", "")
    log.warning("failed login for %r", user)
    return "no", 401
```

## References
- CWE-117: Improper Output Neutralization for Logs
- CWE-93: Improper Neutralization of CRLF Sequences ('CRLF Injection')
- OWASP Top 10 2025: A09 Security Logging and Alerting Failures
"#
);

/// Metadata of `log-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "log-injection",
    title: "Log injection: untrusted input written to logs",
    category: Category::Injection,
    cwe: &[117, 93],
    owasp: Owasp::A09SecurityLoggingAndAlertingFailures,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);

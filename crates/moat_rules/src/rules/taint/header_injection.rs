//! `header-injection`: untrusted input reaches an HTTP response header (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the name or value of HTTP response headers: Flask and Werkzeug
`response.headers[...] = …`, `headers.add`/`set`, Django `response[...] = …` and
`HttpResponse(headers=…)`, Starlette `Response(headers=…)`, and `http.server`
`send_header`.

"#,
    super::untrusted_input_doc!(),
    r#"

A value with `\r` and `\n` removed, checked against an allow-list, or converted to a number
is safe, and so are a file's status (`os.stat()`, `os.fstat()`: sizes and times) and a MIME
type from `mimetypes.guess_type()`; constant header names with values from the application's own configuration are not
reported. The finding carries its trace: the source, each step the value took (assignments,
calls and returns, across files) and the sink; the text output shows it under the code frame
and SARIF as `codeFlows`.

## Why is this bad?
A line break in a header value ends the header: the input adds headers of its own
(`Set-Cookie`, `Location`) or a whole second response (response splitting), which poisons
caches and fixes sessions. Werkzeug and Django refuse header values with line breaks, which
turns the attack into an error response; `http.server`, plain WSGI and proxies in front may
not.

## Example
```python
from flask import Flask, make_response, request

app = Flask(__name__)

@app.route("/download")
def download():
    name = request.args["name"]
    response = make_response(load(name))
    response.headers["Content-Disposition"] = f"attachment; filename={name}"
    return response
```

## Use instead
Remove line breaks (and quote or encode the value for the header's syntax):
```python
from urllib.parse import quote

@app.route("/download")
def download():
    name = request.args["name"]
    response = make_response(load(name))
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
```

## References
- CWE-113: Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')
- CWE-93: Improper Neutralization of CRLF Sequences ('CRLF Injection')
- OWASP Top 10 2025: A05 Injection
- RFC 6266: Use of the Content-Disposition Header Field in HTTP
"#
);

/// Metadata of `header-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "header-injection",
    title: "HTTP header injection: untrusted input in a response header",
    category: Category::Injection,
    cwe: &[113, 93],
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

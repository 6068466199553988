//! `cookie-injection`: untrusted input is written into a cookie (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the name or value of cookies a response sets: Flask and
Werkzeug `set_cookie`, Django `HttpResponse.set_cookie` and `set_signed_cookie`, Starlette
`Response.set_cookie`, and `http.cookies.SimpleCookie` items.

"#,
    super::untrusted_input_doc!(),
    r#"

A value the server makes (a session id, a signed token, Django's `request.META["CSRF_COOKIE"]`),
a value checked against an allow-list, or converted to a number is not reported. The finding carries its trace: the
source, each step the value took (assignments, calls and returns, across files) and the
sink; the text output shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
A cookie set from request input lets the client, or a link an attacker sends, choose what the
browser stores: session fixation (`?session=KNOWN`), line breaks and `;` that add attributes
or cookies of their own, and values later read back as if the server had set them. Such
cookies are often set without `Secure` too.

## Example
```python
from flask import Flask, make_response, request

app = Flask(__name__)

@app.route("/theme")
def theme():
    response = make_response("ok")
    response.set_cookie("theme", request.args["theme"])
    return response
```

## Use instead
Store only values you chose, and set the cookie flags:
```python
THEMES = {"light", "dark"}

@app.route("/theme")
def theme():
    choice = request.args.get("theme")
    response = make_response("ok")
    if choice in THEMES:
        response.set_cookie("theme", choice, secure=True, httponly=True, samesite="Lax")
    return response
```

## References
- CWE-113: Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')
- CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
- OWASP Top 10 2025: A05 Injection
"#
);

/// Metadata of `cookie-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "cookie-injection",
    title: "Cookie injection: untrusted input in a cookie",
    category: Category::Injection,
    cwe: &[113, 614],
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

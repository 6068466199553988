//! `open-redirect`: untrusted input chooses where a response redirects (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the target of a redirect: Flask and Werkzeug `redirect`,
Django `redirect`, `HttpResponseRedirect` and `HttpResponsePermanentRedirect`, Starlette and
FastAPI `RedirectResponse`, aiohttp's redirect exceptions (`raise web.HTTPFound(url)`), and
a `Location` header set by hand.

"#,
    super::untrusted_input_doc!(),
    r#"

A target checked with Django's `url_has_allowed_host_and_scheme()` or an allow-list check is
not reported, nor is `url_for(...)` of a route name. Neither is a URL whose destination is fixed
before the input enters it, in concatenation, f-strings, `%` formatting and `.format` on a
constant template: after a constant
that fixes the host (`https://example.com/…`) or is a path on this site (`/accounts/…`, a
single `/` then neither `/` nor `\`), after a constant holding `?` or `#` (the input is in the
query string or fragment), or after a start that is not a literal and holds no untrusted input
(`reverse(...) + "?" + urlencode(params)`, `"%s?%s" % (path, query)`); `urlunsplit()` and
`urlunparse()` with the input only in the query, parameters or fragment are not reported
either. A start such as `""`, `"/"`, `"//"`, `"https://"` or `"https://example.com"` without a
following `/` does not fix the destination: input after it is reported. A host the program
chooses does fix it once a `/` follows: `f"https://{settings.HOST}/{path}"`, a host attribute
its class's `__init__` sets from constants or settings (`self.host`), a host checked against
an allow-list, Django's `request.get_host()` (checked against `ALLOWED_HOSTS`), or the
request's own path right after such a host (`"https://%s%s" % (self.host,
request.get_full_path())`, as HTTPS-redirect middleware writes it: that path starts with `/`).
On their own, Django's `request.path` and `get_full_path()` stay untrusted in middleware (a
request for `//evil.example/` has that path), so redirecting to them is reported. The finding carries its trace: the source, each step the
value took (assignments, calls and returns, across files) and the sink; the text output
shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
A link on your own domain that forwards to an attacker's site makes phishing convincing
(`https://example.com/login?next=https://examp1e.com`), and in OAuth flows it can leak
authorisation codes and tokens to the attacker.

## Example
```python
from flask import Flask, redirect, request

app = Flask(__name__)

@app.route("/login", methods=["POST"])
def login():
    authenticate(request.form)
    return redirect(request.args.get("next", "/"))
```

## Use instead
Accept only relative paths on your own site, or hosts you list:
```python
from urllib.parse import urlparse

@app.route("/login", methods=["POST"])
def login():
    authenticate(request.form)
    target = request.args.get("next", "/")
    parts = urlparse(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or "\\" in target:
        target = "/"
    return redirect(target)
```

## References
- CWE-601: URL Redirection to Untrusted Site ('Open Redirect')
- OWASP Top 10 2025: A01 Broken Access Control
"#
);

/// Metadata of `open-redirect`.
pub static META: RuleMeta = RuleMeta {
    id: "open-redirect",
    title: "Open redirect: untrusted input in a redirect target",
    category: Category::Network,
    cwe: &[601],
    owasp: Owasp::A01BrokenAccessControl,
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

//! `ssrf`: untrusted input chooses where the server sends a request (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the URL or host of an outgoing request: `requests` and its
sessions, `httpx`, `urllib.request.urlopen` and `Request`, `urllib3`, `aiohttp`
`ClientSession` methods, `http.client` connections and `socket.connect`.

"#,
    super::untrusted_input_doc!(),
    r#"

Input used only in the path or query of a URL whose scheme and host are constants
(`f"https://api.example.com/users/{user_id}"`, also `"https://api.example.com/{}".format(…)`)
or chosen by the program (`f"https://{settings.API_HOST}/{path}"`, a `self.host` that
`__init__` sets from settings, a host checked against an allow-list before, then a `/`) is not
reported, nor is a URL whose host was checked against an allow-list (`if
urlparse(url).hostname in ALLOWED_HOSTS:`). The finding
carries its trace: the source, each step the value took (assignments, calls and returns,
across files) and the sink; the text output shows it under the code frame and SARIF as
`codeFlows`.

## Why is this bad?
The server fetches whatever the client names, from inside the network: cloud metadata
endpoints (`http://169.254.169.254/` hands out credentials), admin interfaces bound to
localhost, internal databases and services that trust the server's address.

## Example
```python
import requests
from flask import Flask, request

app = Flask(__name__)

@app.route("/preview")
def preview():
    url = request.args["url"]
    return requests.get(url, timeout=5).text
```

## Use instead
Fix the scheme and host, or allow only known hosts:
```python
from urllib.parse import urlparse

ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}

@app.route("/preview")
def preview():
    url = request.args["url"]
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        return "forbidden", 403
    return requests.get(url, timeout=5, allow_redirects=False).text
```

## References
- CWE-918: Server-Side Request Forgery (SSRF)
- OWASP Top 10 2025: A01 Broken Access Control
"#
);

/// Metadata of `ssrf`.
pub static META: RuleMeta = RuleMeta {
    id: "ssrf",
    title: "Server-side request forgery: untrusted input in a request URL",
    category: Category::Network,
    cwe: &[918],
    // OWASP Top 10 2025 merged SSRF (A10 in 2021) into A01 Broken Access Control.
    owasp: Owasp::A01BrokenAccessControl,
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

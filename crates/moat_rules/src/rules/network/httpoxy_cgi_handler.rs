//! `httpoxy-cgi-handler`: WSGI/CGI bridges exposed to the httpoxy `Proxy` header.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::{bases_among, class_name};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{ExprCall, Stmt};

const DOCS: &str = r#"## What it does
Flags the CGI bridges that run an application or script as a CGI program:
`wsgiref.handlers.CGIHandler()` and `IISCGIHandler()`, and Twisted's
`twisted.web.twcgi.CGIScript(…)`, `CGIDirectory(…)`, `FilteredScript(…)`, `PHPScript(…)`
and `PHP3Script(…)`, however they are imported (`import wsgiref.handlers`,
`from twisted.web import twcgi`, `from … import … as …`), and classes derived from them.
An import alone is not a finding. Off by default: Python's own `urllib` (and so
`requests`) have ignored `HTTP_PROXY` in CGI environments since Python 2.7.13 and 3.5.3,
so only other HTTP clients remain exposed.

## Why is this bad?
Under CGI, a request header `Proxy: http://attacker:8080` becomes the environment
variable `HTTP_PROXY` ("httpoxy", CVE-2016-5385 and siblings). An HTTP client that reads
its proxy from `HTTP_PROXY` then sends the application's outgoing requests, with their
credentials, through the attacker's server.

## Example
```python
from wsgiref.handlers import CGIHandler

CGIHandler().run(application)
```

## Use instead
Serve the application with a WSGI server (gunicorn, uWSGI, mod_wsgi) rather than CGI, or
strip the `Proxy` request header in the web server in front of it.

## References
- CWE-454: External Initialization of Trusted Variables or Data Stores
- OWASP Top 10 2025: A02 Security Misconfiguration
- httpoxy.org: A CGI application vulnerability
"#;

/// Metadata of `httpoxy-cgi-handler`.
pub static META: RuleMeta = RuleMeta {
    id: "httpoxy-cgi-handler",
    title: "CGI handler exposed to httpoxy",
    category: Category::Network,
    cwe: &[454],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::Low,
    confidence: Confidence::Medium,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B412"],
    ruff: &["S412"],
    docs: DOCS,
};

/// The rule: inspects calls and class definitions.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_call), Check::Stmt(check_subclass)],
    modules: &["wsgiref", "twisted"],
};

/// Classes that run an application or a script under CGI.
const CGI_BRIDGES: &[&str] = &[
    "wsgiref.handlers.CGIHandler",
    "wsgiref.handlers.IISCGIHandler",
    "twisted.web.twcgi.CGIScript",
    "twisted.web.twcgi.CGIDirectory",
    "twisted.web.twcgi.FilteredScript",
    "twisted.web.twcgi.PHPScript",
    "twisted.web.twcgi.PHP3Script",
];

/// The message for `subject`, which makes or is a CGI bridge.
fn message(subject: &str) -> String {
    format!(
        "{subject} runs code as a CGI script, where a request's `Proxy` header becomes `HTTP_PROXY` (httpoxy); HTTP clients that honour it send outgoing requests through the attacker's proxy. Serve with a WSGI server instead"
    )
}

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if CGI_BRIDGES.contains(&callee) {
        ctx.report(call.range(), message(&format!("`{callee}`")));
    }
}

/// `class Handler(CGIHandler)`: its instances are CGI bridges too.
fn check_subclass(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    for (base, name) in bases_among(ctx, stmt, CGI_BRIDGES) {
        let subject = format!("`{}`, derived from `{name}`,", class_name(stmt));
        ctx.report(base.range(), message(&subject));
    }
}

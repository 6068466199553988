//! `httpoxy-cgi-handler`: WSGI/CGI bridges exposed to the httpoxy `Proxy` header.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::report_imports;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags imports of `wsgiref.handlers.CGIHandler` and `twisted.web.twcgi.CGIScript`, which
run an application as a CGI script. Off by default: Python's own `urllib` (and so
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
    bandit: &["B412"],
    ruff: &["S412"],
    docs: DOCS,
};

/// The rule: inspects import statements.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &["wsgiref", "twisted"],
};

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    report_imports(
        ctx,
        stmt,
        &["wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript"],
        |name| {
            format!(
                "`{name}` runs the application as a CGI script, where a request's `Proxy` header becomes `HTTP_PROXY` (httpoxy); HTTP clients that honour it send outgoing requests through the attacker's proxy. Serve with a WSGI server instead"
            )
        },
    );
}

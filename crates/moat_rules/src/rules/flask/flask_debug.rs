//! `flask-debug`: a Flask application run or configured with debug mode on.

use super::app::{config_writes, is_flask_app};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, Stmt};

const DOCS: &str = r#"## What it does
Flags a Flask application put in debug mode by a constant: `app.run(debug=True)`,
`app.debug = True`, `app.config["DEBUG"] = True` and `app.config.update(DEBUG=True)` (or
`from_mapping`, or a dict literal). Constants are followed (`app.run(debug=DEBUG)` with
`DEBUG = True`). `app` must be a Flask application: a name bound to `flask.Flask(...)`
(also when imported from the project module that creates it: `from web import app`), a
`Flask(...)` call itself, or `flask.current_app`; a `.run(debug=True)` on anything else is
not flagged. Values read at run time (`debug=os.environ.get("FLASK_DEBUG") == "1"`) are not
flagged: that is the way to keep debug mode out of production.

Test files are not checked: a test application is never served to the network.

## Why is this bad?
Debug mode turns on the Werkzeug interactive debugger: any exception shows a page with a
Python console that runs code on the server. The console is guarded only by a PIN derived
from machine data that an attacker can often reconstruct, so a debug-mode application
reachable from the network is remote code execution. Debug mode also shows tracebacks with
source code and local variables to every visitor.

## Example
```python
from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
```

## Use instead
Enable debug mode only on a developer's machine, from the environment:
```python
import os
from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
```
or run `flask --app app run --debug` locally and a WSGI server (Gunicorn, uWSGI) in
production.

## References
- CWE-489: Active Debug Code
- CWE-215: Insertion of Sensitive Information Into Debugging Code
- OWASP Top 10 2025: A02 Security Misconfiguration
- Flask documentation: Debug Mode ("Do not run the development server or debugger in a
  production environment")
"#;

/// Metadata of `flask-debug`.
pub static META: RuleMeta = RuleMeta {
    id: "flask-debug",
    title: "Flask application in debug mode",
    category: Category::Flask,
    cwe: &[489, 215],
    owasp: Owasp::A02SecurityMisconfiguration,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B201"],
    ruff: &["S201"],
    docs: DOCS,
};

/// The rule: inspects `.run()` calls and configuration writes on Flask applications.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check_run), Check::Stmt(check_config)],
    modules: &["flask"],
};

fn check_run(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    if method.attr.id.as_str() != "run" {
        return;
    }
    // `run(host, port, debug, load_dotenv, **options)`.
    let Some(debug) = call.arguments.find_argument_value("debug", 2) else {
        return;
    };
    if !ctx.constant(debug).is_some_and(|v| v.is_truthy()) || !is_flask_app(ctx, &method.value) {
        return;
    }
    let message = format!(
        "`{}` starts the Flask development server with `debug={}`: the Werkzeug debugger lets anyone who can trigger an error run Python code on the server; read debug mode from the environment instead",
        ctx.snippet(call),
        ctx.snippet(debug)
    );
    ctx.report(call.range(), message);
}

fn check_config(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    for write in config_writes(ctx, stmt) {
        if write.key != "DEBUG" || !ctx.constant(write.value).is_some_and(|v| v.is_truthy()) {
            continue;
        }
        let message = format!(
            "`{}` turns on Flask debug mode: with the development server, the Werkzeug debugger lets anyone who can trigger an error run Python code, and tracebacks are shown to visitors; read it from the environment instead",
            ctx.snippet(&write.range)
        );
        ctx.report(write.range, message);
    }
}

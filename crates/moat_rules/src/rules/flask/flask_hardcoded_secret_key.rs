//! `flask-hardcoded-secret-key`: a Flask `SECRET_KEY` written in the source.

use super::app::config_writes;
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags a Flask application whose `SECRET_KEY` is a string or bytes constant in the code:
`app.secret_key = "…"`, `app.config["SECRET_KEY"] = "…"`,
`app.config.update(SECRET_KEY="…")` and `app.config.from_mapping(SECRET_KEY="…")` (also
through module constants and on `Flask(__name__).config`). Development placeholders such
as `"dev"` are flagged too: a key in the code is the bug, whatever it says. An empty key
is not flagged (Flask refuses to sign sessions with it), nor are values read at run time
(`os.environ["SECRET_KEY"]`).

Test code is not checked: test apps set throw-away keys.

## Why is this bad?
Flask signs the session cookie with `SECRET_KEY`. Anyone who has the key — everyone who
can read the repository, its history, a leaked copy or the published package — can forge
session cookies: log in as any user, set `is_admin`, and forge every other token signed
with the key (password-reset links, Flask-WTF CSRF tokens, `itsdangerous` payloads).

## Example
```python
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = "3d6f45a5fc12445dbac2f59c3b6c7cb1"
```

## Use instead
Load the key from the environment or a secrets manager, and fail if it is missing:
```python
import os
from flask import Flask

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
```
Generate one with `python -c "import secrets; print(secrets.token_hex())"`.

## References
- CWE-798: Use of Hard-coded Credentials
- CWE-321: Use of Hard-coded Cryptographic Key
- OWASP Top 10 2025: A04 Cryptographic Failures
- Flask documentation: Configuration Handling, `SECRET_KEY`
"#;

/// Metadata of `flask-hardcoded-secret-key`.
pub static META: RuleMeta = RuleMeta {
    id: "flask-hardcoded-secret-key",
    title: "Hard-coded Flask secret key",
    category: Category::Flask,
    cwe: &[798, 321],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects configuration writes on Flask applications.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &["flask"],
};

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    for write in config_writes(ctx, stmt) {
        if write.key != "SECRET_KEY" {
            continue;
        }
        let literal = match ctx.constant(write.value) {
            Some(Constant::Str(s)) if !s.is_empty() => true,
            Some(Constant::Bytes(b)) if !b.is_empty() => true,
            _ => false,
        };
        if !literal {
            continue;
        }
        let message = format!(
            "`{}` writes the Flask secret key in the source: anyone who can read the code can forge session cookies and every token signed with it; load it from the environment or a secrets manager",
            ctx.snippet(&write.range)
        );
        ctx.report(write.range, message);
    }
}

//! `logging-config-listen`: a socket that accepts logging configuration from the network.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags `logging.config.listen()` called without a `verify=` function.

## Why is this bad?
`listen` opens a socket (port 9030 by default, on every interface the host offers
through `localhost`) and applies whatever logging configuration it receives.
Configurations in the `fileConfig` format are passed to `eval`, and `dictConfig`
configurations can name any callable as a handler factory, so anyone who can connect can
run code in the process. Without `verify`, nothing checks where the bytes came from.

## Example
```python
import logging.config

thread = logging.config.listen()
thread.start()
```

## Use instead
Load the configuration from a file the program owns. If remote reconfiguration is
truly needed, pass `verify=` a function that checks a signature (for example an HMAC
with a secret key) and returns `None` for anything else:
```python
thread = logging.config.listen(verify=check_signed_config)
```

## References
- CWE-94: Improper Control of Generation of Code ('Code Injection')
- CWE-306: Missing Authentication for Critical Function
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Python docs: `logging.config.listen` (security note)
"#;

/// Metadata of `logging-config-listen`.
pub static META: RuleMeta = RuleMeta {
    id: "logging-config-listen",
    title: "Logging configuration accepted from a socket",
    category: Category::Code,
    cwe: &[94, 306],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B612"],
    ruff: &["S612"],
    docs: DOCS,
};

/// The rule: inspects calls into `logging`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["logging"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if callee != "logging.config.listen" {
        return;
    }
    let verify = call.arguments.find_argument_value("verify", 1);
    if verify.is_some_and(|v| ctx.constant(v).is_none_or(|c| c.is_truthy())) {
        return;
    }
    ctx.report(
        call.range(),
        format!("`{}` applies any logging configuration sent to its socket, and configurations can run code; load it from a file, or pass `verify=` a function that checks a signature", ctx.snippet(call)),
    );
}

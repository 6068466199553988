//! `try-except-pass`: a broad `except` whose only statement is `pass` or `continue`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{ExceptHandlerExceptHandler, Expr, Stmt};

const DOCS: &str = r#"## What it does
Flags an `except` clause that catches every exception (bare `except:`, `Exception` or
`BaseException`) and does nothing but `pass` or `continue`, as Bandit's B110 and B112 do.

Off by default: most such clauses are deliberate best-effort code (closing a file at
exit, an optional feature, a cosmetic fallback in a user interface), and reading them
all finds few bugs. The cases where swallowing does harm are reported by
`bare-except-swallowed`, which is on by default: a broad `except` around a security check
(a signature, token, password or permission check) that carries on as if it had passed,
a bare `except:` in a `while True:` loop that Ctrl-C can then not stop, and one around a
`yield` that breaks `close()`. Turn this rule on (`--select try-except-pass`, `B110`,
`S110` or `ALL`) to review every silent broad handler; where `bare-except-swallowed` also
reports the clause, only its finding is kept.

Test code (files in a `test`, `tests` or `testing` folder, `test_*.py`, `*_test.py`,
`tests.py`, `conftest.py`) is not checked: it is not deployed, and a swallowed exception
in a test helper there is how tests are written, not a weakness.

## Why is this bad?
Swallowing every error hides failures that matter for security: a permission check that
raised, a signature verification that blew up, a write of an audit record that failed.
The program carries on as if the operation had succeeded, and nothing is logged for anyone
to notice. Catching a specific exception you expect (`except FileNotFoundError: pass`) is
fine and is not flagged.

## Example
```python
try:
    verify_signature(payload, signature)
except Exception:
    pass
```

## Use instead
Catch only the exceptions you expect, and log or handle the rest:
```python
try:
    verify_signature(payload, signature)
except InvalidSignature:
    log.warning("rejected payload with a bad signature")
    raise
```
When ignoring an error really is intended, say so with `contextlib.suppress(SpecificError)`.

## References
- CWE-390: Detection of Error Condition Without Action
- CWE-703: Improper Check or Handling of Exceptional Conditions
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions
"#;

/// Metadata of `try-except-pass`.
pub static META: RuleMeta = RuleMeta {
    id: "try-except-pass",
    title: "Broad exception silently ignored",
    category: Category::Errors,
    cwe: &[390, 703],
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B110", "B112"],
    ruff: &["S110", "S112"],
    docs: DOCS,
};

/// The rule: inspects every `except` clause.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::ExceptHandler(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, handler: &ExceptHandlerExceptHandler) {
    let [only] = handler.body.as_slice() else {
        return;
    };
    let action = match only {
        Stmt::Pass(_) => "pass",
        Stmt::Continue(_) => "continue",
        _ => return,
    };
    let caught = match handler.type_.as_deref() {
        None => "everything".to_string(),
        Some(type_) => match broad_exception(ctx, type_) {
            Some(name) => format!("every `{name}`"),
            None => return,
        },
    };
    let header = match handler.type_.as_deref() {
        None => "except:".to_string(),
        Some(type_) => format!("except {}:", ctx.text(type_)),
    };
    ctx.report(
        handler.range(),
        format!("`{header} {action}` silently swallows {caught} raised in the `try` block"),
    )
    .suppressible_on(handler.range());
}

/// The broad exception class `type_` names (directly or inside a tuple), if any.
fn broad_exception(ctx: &Context<'_, '_>, type_: &Expr) -> Option<&'static str> {
    let is_broad = |e: &Expr| match ctx.resolve(e).as_deref() {
        Some("builtins.Exception") => Some("Exception"),
        Some("builtins.BaseException") => Some("BaseException"),
        _ => None,
    };
    match type_ {
        Expr::Tuple(tuple) => tuple.elts.iter().find_map(is_broad),
        other => is_broad(other),
    }
}

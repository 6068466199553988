//! `bare-except-swallowed`: an `except` that catches everything and swallows it where that
//! has an effect: a loop that cannot be stopped, a generator that ignores `close()`, a
//! security check that fails open.

use super::handler_body::{always_leaves, hands_on, is_report, is_silent, yields};
use super::security_check::first_check;
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{ExceptHandlerExceptHandler, Expr, Stmt, StmtTry};

const DOCS: &str = r#"## What it does
Flags an `except` clause that catches every exception and swallows it where that has an
effect, and says which effect:

- **A loop that cannot be stopped.** A bare `except:` or `except BaseException:` inside a
  `while True:` loop (the innermost loop holding the `try`; any condition that folds to
  true) whose body goes on with the loop: `KeyboardInterrupt` (Ctrl-C) and `SystemExit`
  (`sys.exit()`) raised in the `try` block are caught like any error, and the loop runs on,
  whether or not the handler logs them.
- **A generator that ignores `close()`.** A bare `except:` or `except BaseException:`
  around a `yield` whose body does not leave the generator: `close()` (and garbage
  collection) raise `GeneratorExit` at the `yield`, the handler swallows it, and the
  generator runs on (Python then raises `RuntimeError: generator ignored GeneratorExit` if
  it yields again).
- **A security check that fails open.** A bare `except:`, `except BaseException:` or
  `except Exception:` around a security check whose body only does nothing, logs, or
  grants (`return True`, `allowed = True`), so that after a failure the code carries on
  down the path for success, when the `try` block itself does not end with `return` or
  `raise` (nor has an `else:` that does). Security checks are `jwt.decode`,
  `jose.jwt.decode`, `ssl.match_hostname`, `rsa.verify`, `django.core.signing.loads`,
  Django's `check_password` and `validate_password`, Werkzeug's `check_password_hash`,
  `bcrypt.checkpw`; `verify`, `unsign`, `loads`, `decrypt` and `decode` of an object made
  by `cryptography`, PyNaCl, `ecdsa`, `itsdangerous`, `django.core.signing` or PyJWT;
  and functions named for verifying, authenticating or authorising (`verify_signature`,
  `authenticate`, `authorize`), or for checking or validating a password, permission,
  token, signature, certificate, host name, CSRF token or credentials
  (`check_permissions`, `validate_token`). These findings have medium severity, and high
  confidence when the check is resolved by name, medium when only its name says so.

Not reported: a handler that re-raises, exits or hands the exception on (a `raise`
statement, `sys.exit()`, `sys.exc_info()`, a traceback printed or logged with
`traceback.print_exc()`, `log.exception(…)` or a logging call with `exc_info=`, a
`handle_error()` or `excepthook` method, any use of the `as` name, outside nested
functions); a handler that leaves the loop or generator (`return`, `break`); a bare
`except:` anywhere else, whether it does nothing, reports the error (prints, logs, warns,
shows a message), or returns or assigns a fallback: outside a loop that never ends, a
Ctrl-C it swallows ends one step, not the program, and a silent `except: pass` is then
what `try-except-pass` reports (off by default). `except Exception:` is only reported
around security checks: it lets `KeyboardInterrupt`, `SystemExit` and `GeneratorExit`
through. Test files are not checked.

## Why is this bad?
Catching everything also catches `KeyboardInterrupt`, `SystemExit` and `GeneratorExit`.
In a server or retry loop that means Ctrl-C and `sys.exit()` are "an error happened,
try again": the process can only be killed. In a generator it breaks `close()`. And every
failure is handled like the one the author had in mind: when the failure is a bad
signature, an expired token or a missing permission, carrying on means accepting what
should have been refused (CWE-636, not failing securely).

## Example
```python
while True:
    try:
        job = queue.get()
        run(job)
    except:
        time.sleep(1)

def load_session(token):
    try:
        claims = jwt.decode(token, KEY, algorithms=["HS256"])
    except Exception:
        log.warning("bad session token")
    return restore_session(token)
```

## Use instead
Catch the exceptions you expect, and refuse when a check fails:
```python
while True:
    try:
        job = queue.get()
        run(job)
    except JobError:
        log.exception("job failed")
        time.sleep(1)

def load_session(token):
    try:
        claims = jwt.decode(token, KEY, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        log.warning("bad session token")
        raise PermissionDenied
    return restore_session(claims)
```

## References
- CWE-396: Declaration of Catch for Generic Exception
- CWE-636: Not Failing Securely ('Failing Open')
- CWE-755: Improper Handling of Exceptional Conditions
- CWE-703: Improper Check or Handling of Exceptional Conditions
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions
- Python docs: Exception hierarchy (`BaseException`); generator `close()`
"#;

/// Metadata of `bare-except-swallowed`.
pub static META: RuleMeta = RuleMeta {
    id: "bare-except-swallowed",
    title: "Every exception swallowed where it matters",
    category: Category::Errors,
    cwe: &[396, 636, 755, 703],
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects every `except` clause.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::ExceptHandler(check)],
    modules: &[],
};

/// What catching everything does in one `except` clause.
enum Effect {
    /// The `while True:` loop holding the `try` goes on after Ctrl-C or `sys.exit()`.
    EndlessLoop,
    /// The `try` holds a `yield`, and `GeneratorExit` is swallowed.
    IgnoresClose,
    /// The security check (as written) fails open.
    FailsOpen { check: String, resolved: bool },
}

/// How much an `except` clause catches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Catches {
    /// Bare, or `BaseException`: interrupts and exits too.
    Everything,
    /// `Exception`: every error, not interrupts or exits.
    EveryError,
}

fn check(ctx: &mut Context<'_, '_>, handler: &ExceptHandlerExceptHandler) {
    let Some(catches) = catches(ctx, handler) else {
        return;
    };
    let Some(try_) = enclosing_try(ctx, handler) else {
        return;
    };
    if hands_on(ctx, handler) {
        return;
    }
    let header = match handler.type_.as_deref() {
        None => "except:".to_string(),
        Some(type_) => format!("except {}:", ctx.text(type_)),
    };
    let Some(effect) = effect(ctx, catches, try_, handler) else {
        return;
    };
    let message = match &effect {
        Effect::EndlessLoop => format!(
            "`{header}` inside a `while True:` loop catches `KeyboardInterrupt` and `SystemExit` and goes on with the loop, so neither Ctrl-C nor `sys.exit()` can stop it; catch the exceptions you expect"
        ),
        Effect::IgnoresClose => format!(
            "`{header}` around a `yield` swallows the `GeneratorExit` that `close()` raises there, and the generator runs on; catch the exceptions you expect, or re-raise `GeneratorExit`"
        ),
        Effect::FailsOpen { check, .. } => format!(
            "`{header}` swallows the failure of `{check}(…)`, a security check, and carries on as if it had passed (fails open); refuse when the check fails (`raise` or return a denial)"
        ),
    };
    // The `except …` header, up to its type or `as` name.
    let header_end = handler
        .name
        .as_ref()
        .map(Ranged::end)
        .or_else(|| handler.type_.as_deref().map(Ranged::end))
        .unwrap_or_else(|| handler.start() + moat_python::TextSize::from(6));
    let header_range = moat_python::TextRange::new(handler.start(), header_end);
    let report = ctx.report(header_range, message);
    report.suppressible_on(handler.range());
    if let Effect::FailsOpen { resolved, .. } = effect {
        report.severity(Severity::Medium);
        if !resolved {
            report.confidence(Confidence::Medium);
        }
    }
}

/// What swallowing the exception does here, if it matters.
fn effect(
    ctx: &Context<'_, '_>,
    catches: Catches,
    try_: &StmtTry,
    handler: &ExceptHandlerExceptHandler,
) -> Option<Effect> {
    if let Some(check) = first_check(ctx, &try_.body)
        && grants(ctx, &handler.body)
        && !always_leaves(&try_.body)
        && !always_leaves(&try_.orelse)
    {
        return Some(Effect::FailsOpen {
            check: check.callee,
            resolved: check.resolved,
        });
    }
    if catches != Catches::Everything || always_leaves(&handler.body) {
        return None;
    }
    if yields(&try_.body) {
        return Some(Effect::IgnoresClose);
    }
    if in_endless_loop(ctx, try_) {
        return Some(Effect::EndlessLoop);
    }
    None
}

/// Whether `body`, run after a failed check, lets the code carry on down the path for
/// success: it does nothing, only reports, or grants (`return True`, `allowed = True`).
fn grants(ctx: &Context<'_, '_>, body: &[Stmt]) -> bool {
    let is_true = |value: &Expr| ctx.constant(value).is_some_and(|c| c.is_truthy());
    body.iter().all(|stmt| match stmt {
        Stmt::Pass(_) => true,
        Stmt::Return(ret) => ret.value.as_deref().is_some_and(is_true),
        Stmt::Assign(assign) => is_true(&assign.value),
        Stmt::Continue(_) => false,
        other => is_silent(std::slice::from_ref(other)) || is_report(ctx, other),
    })
}

/// How much `handler` catches, when it is broad: bare, `BaseException` or `Exception`
/// (alone or in a tuple).
fn catches(ctx: &Context<'_, '_>, handler: &ExceptHandlerExceptHandler) -> Option<Catches> {
    let Some(type_) = handler.type_.as_deref() else {
        return Some(Catches::Everything);
    };
    let of = |e: &Expr| match ctx.resolve(e).as_deref() {
        Some("builtins.BaseException") => Some(Catches::Everything),
        Some("builtins.Exception") => Some(Catches::EveryError),
        _ => None,
    };
    match type_ {
        Expr::Tuple(tuple) => {
            let all: Vec<Catches> = tuple.elts.iter().filter_map(of).collect();
            all.iter()
                .copied()
                .find(|c| *c == Catches::Everything)
                .or(all.first().copied())
        }
        other => of(other),
    }
}

/// The `try` statement `handler` belongs to.
fn enclosing_try<'a>(
    ctx: &Context<'_, 'a>,
    handler: &ExceptHandlerExceptHandler,
) -> Option<&'a StmtTry> {
    match ctx.statement()? {
        Stmt::Try(try_) if try_.range.contains_range(handler.range()) => Some(try_),
        _ => None,
    }
}

/// Whether the innermost loop holding `try_` (in the same function) is a `while` whose
/// condition folds to true.
fn in_endless_loop(ctx: &Context<'_, '_>, try_: &StmtTry) -> bool {
    for stmt in ctx.ancestors().iter().rev() {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => return false,
            Stmt::While(loop_) if body_holds(&loop_.body, try_) => {
                return ctx.constant(&loop_.test).is_some_and(|c| c.is_truthy());
            }
            Stmt::For(loop_) if body_holds(&loop_.body, try_) => return false,
            _ => {}
        }
    }
    false
}

/// Whether the statements `body` hold `try_`.
fn body_holds(body: &[Stmt], try_: &StmtTry) -> bool {
    body.iter()
        .any(|stmt| stmt.range().contains_range(try_.range))
}

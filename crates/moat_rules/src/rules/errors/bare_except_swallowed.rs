//! `bare-except-swallowed`: `except:` or `except BaseException:` that does not re-raise.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{ExceptHandlerExceptHandler, Expr, Stmt};

const DOCS: &str = r#"## What it does
Flags a bare `except:` or an `except BaseException:` (alone or in a tuple) whose body
never re-raises, reports or hands the exception on: no `raise` statement, no
`sys.exit()`, no `sys.exc_info()`, no traceback printed or logged
(`traceback.print_exc()`, `log.exception(...)`, a logging call with `exc_info=`, a
`handle_error()` or `excepthook` method) and no use of the `as` name (passing
it to a future, a queue or a log counts as handling it; nested functions do not
count). Test files are not checked. A body that is only `pass` or `continue` is left to `try-except-pass`, so one
clause is never reported twice. `except Exception:` is not flagged here: it lets
`KeyboardInterrupt`, `SystemExit` and `GeneratorExit` through.

## Why is this bad?
Catching everything also catches `KeyboardInterrupt`, `SystemExit` and `GeneratorExit`:
a Ctrl-C or a `sys.exit()` requested during the `try` block is turned into "an error
happened", and the program carries on. Every bug in the block (a `NameError`, a
`MemoryError`) is handled the same way as the failure the author had in mind, often by
falling back to a default that skips a check.

## Example
```python
try:
    allowed = policy.evaluate(user)
except:
    allowed = True
```

## Use instead
Catch the exceptions you expect; if you must catch everything, re-raise:
```python
try:
    allowed = policy.evaluate(user)
except PolicyError:
    log.exception("policy evaluation failed")
    allowed = False
```

## References
- CWE-396: Declaration of Catch for Generic Exception
- CWE-703: Improper Check or Handling of Exceptional Conditions
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions
- Python docs: Exception hierarchy (`BaseException`)
"#;

/// Metadata of `bare-except-swallowed`.
pub static META: RuleMeta = RuleMeta {
    id: "bare-except-swallowed",
    title: "Bare except that swallows every exception",
    category: Category::Errors,
    cwe: &[396, 703],
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

fn check(ctx: &mut Context<'_, '_>, handler: &ExceptHandlerExceptHandler) {
    if let [Stmt::Pass(_) | Stmt::Continue(_)] = handler.body.as_slice() {
        return;
    }
    let header = match handler.type_.as_deref() {
        None => "except:".to_string(),
        Some(type_) if catches_base_exception(ctx, type_) => {
            format!("except {}:", ctx.text(type_))
        }
        Some(_) => return,
    };
    let mut finder = Reraise {
        ctx,
        exception: handler.name.as_ref().map(|n| n.as_str()),
        found: false,
    };
    finder.visit_body(&handler.body);
    if finder.found {
        return;
    }
    // The `except …` header, up to its type or `as` name.
    let header_end = handler
        .name
        .as_ref()
        .map(Ranged::end)
        .or_else(|| handler.type_.as_deref().map(Ranged::end))
        .unwrap_or_else(|| handler.start() + moat_python::TextSize::from(6));
    let header_range = moat_python::TextRange::new(handler.start(), header_end);
    ctx.report(
        header_range,
        format!("`{header}` catches every exception, `KeyboardInterrupt` and `SystemExit` included, and does not re-raise; catch the exceptions you expect (or `Exception`), or end the block with `raise`"),
    )
    .suppressible_on(handler.range());
}

fn catches_base_exception(ctx: &Context<'_, '_>, type_: &Expr) -> bool {
    let is_base = |e: &Expr| ctx.resolve(e).as_deref() == Some("builtins.BaseException");
    match type_ {
        Expr::Tuple(tuple) => tuple.elts.iter().any(is_base),
        other => is_base(other),
    }
}

/// Looks for a `raise` or a `sys.exit()` call outside nested functions and classes.
struct Reraise<'c, 'x, 'a, 'n> {
    ctx: &'c Context<'x, 'a>,
    /// The `as` name: using it hands the exception on (to a future, a queue, a log).
    exception: Option<&'n str>,
    found: bool,
}

impl<'e> Visitor<'e> for Reraise<'_, '_, '_, '_> {
    fn visit_stmt(&mut self, stmt: &'e Stmt) {
        match stmt {
            Stmt::Raise(_) => self.found = true,
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'e Expr) {
        if let Expr::Call(call) = expr
            && matches!(
                self.ctx.resolve(&call.func).as_deref(),
                Some(
                    "sys.exit"
                        | "os._exit"
                        | "os.abort"
                        | "sys.exc_info"
                        | "sys.exception"
                        | "sys.excepthook"
                        | "traceback.print_exc"
                        | "traceback.print_exception"
                        | "traceback.format_exc"
                        | "traceback.format_exception"
                )
            )
        {
            self.found = true;
        }
        // `log.exception(...)`, `log.error(..., exc_info=True)`, `self.handle_error()`:
        // the error is reported.
        if let Expr::Call(call) = expr
            && let Expr::Attribute(method) = call.func.as_ref()
            && (matches!(
                method.attr.as_str(),
                "exception"
                    | "showtraceback"
                    | "print_exc"
                    | "handle_error"
                    | "handleError"
                    | "excepthook"
                    | "_invoke_excepthook"
            ) || call.arguments.find_keyword("exc_info").is_some())
        {
            self.found = true;
        }
        if let Expr::Name(name) = expr
            && Some(name.id.as_str()) == self.exception
        {
            self.found = true;
        }
        visitor::walk_expr(self, expr);
    }
}

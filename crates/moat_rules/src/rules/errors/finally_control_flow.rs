//! `finally-control-flow`: `return`, `break` or `continue` in a `finally` block.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags `return`, `break` and `continue` statements that leave a `finally` block: a
`return` anywhere in it (outside nested functions and classes), and a `break` or
`continue` that is not inside a loop nested in the `finally` block itself. Test files
are not checked.

## Why is this bad?
Leaving a `finally` block this way discards the exception that was propagating: a
failed permission check, a database error or a `KeyboardInterrupt` disappears without a
trace, and the function returns normally (a `return` in `finally` also replaces the
`try` block's return value). The program carries on as if the operation had succeeded.
Python 3.14 warns about these statements (PEP 765).

## Example
```python
def save(record):
    try:
        db.write(record)
    finally:
        db.close()
        return True
```

## Use instead
Keep `finally` for clean-up and return after it:
```python
def save(record):
    try:
        db.write(record)
    finally:
        db.close()
    return True
```

## References
- CWE-584: Return Inside Finally Block
- CWE-703: Improper Check or Handling of Exceptional Conditions
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions
- PEP 765: Disallow return/break/continue that exit a finally block
"#;

/// Metadata of `finally-control-flow`.
pub static META: RuleMeta = RuleMeta {
    id: "finally-control-flow",
    title: "return, break or continue in finally",
    category: Category::Errors,
    cwe: &[584, 703],
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects `try` statements.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &[],
};

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Stmt::Try(try_stmt) = stmt else {
        return;
    };
    let mut exits = Vec::new();
    collect_exits(&try_stmt.finalbody, false, &mut exits);
    for exit in exits {
        ctx.report(
            exit.range(),
            format!("`{}` in a `finally` block discards any exception raised in the `try` block; move it after the `try` statement", ctx.snippet(exit)),
        )
        .suppressible_on(exit.range());
    }
}

/// `return` statements, and `break`/`continue` not inside a nested loop, in `body`.
fn collect_exits<'a>(body: &'a [Stmt], in_loop: bool, out: &mut Vec<&'a Stmt>) {
    for stmt in body {
        match stmt {
            Stmt::Return(_) => out.push(stmt),
            Stmt::Break(_) if !in_loop => out.push(stmt),
            Stmt::Continue(_) if !in_loop => out.push(stmt),
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::For(s) => {
                collect_exits(&s.body, true, out);
                collect_exits(&s.orelse, in_loop, out);
            }
            Stmt::While(s) => {
                collect_exits(&s.body, true, out);
                collect_exits(&s.orelse, in_loop, out);
            }
            Stmt::If(s) => {
                collect_exits(&s.body, in_loop, out);
                for clause in &s.elif_else_clauses {
                    collect_exits(&clause.body, in_loop, out);
                }
            }
            Stmt::With(s) => collect_exits(&s.body, in_loop, out),
            Stmt::Try(s) => {
                collect_exits(&s.body, in_loop, out);
                for handler in &s.handlers {
                    let moat_python::ast::ExceptHandler::ExceptHandler(h) = handler;
                    collect_exits(&h.body, in_loop, out);
                }
                collect_exits(&s.orelse, in_loop, out);
                // A nested `finally` reports its own exits.
            }
            Stmt::Match(s) => {
                for case in &s.cases {
                    collect_exits(&case.body, in_loop, out);
                }
            }
            _ => {}
        }
    }
}

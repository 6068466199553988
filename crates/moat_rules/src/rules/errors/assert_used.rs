//! `assert-used`: an `assert` statement in code that runs in production.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, Stmt, StmtAssert};

const DOCS: &str = r#"## What it does
Flags `assert` statements outside test files (`tests/`, `test_*.py`, `*_test.py`,
`conftest.py`). Off by default: most assertions in library code are invariants, and
`assert-access-check` (on by default) reports the ones that are access decisions; turn
this rule on to review every assertion, as Bandit's B101 does. When the asserted condition mentions permissions, roles, owners,
administrators, staff, authentication or authorisation, passwords or CSRF
(`request.user.is_authenticated`, `user.has_perm(...)`, `check_password(...)`,
`is_admin`), the finding has high severity: it is an access decision that `-O` removes.
When it only mentions users or `auth`, medium severity: it may be one. For high
severity the word must end the name (`is_admin`, `project.owner`; not `ownerDocument`
or `admin_site`).

## Why is this bad?
Python removes `assert` statements when it runs with optimisation (`python -O`, or
`PYTHONOPTIMIZE` set in the environment, as some container images and deployment tools
do). A check written as an assertion then silently stops happening: a permission check
lets everyone through, a validation lets bad input into the database. Even when asserts
do run, a failure raises `AssertionError`, which callers rarely expect or handle.

## Example
```python
def delete_project(request, project):
    assert request.user == project.owner, "not allowed"
    project.delete()
```

## Use instead
Raise a specific exception that cannot be optimised away:
```python
def delete_project(request, project):
    if request.user != project.owner:
        raise PermissionDenied("only the owner can delete a project")
    project.delete()
```
Assertions remain fine for invariants whose failure means a bug in the program itself,
as long as nothing depends on them running.

## References
- CWE-617: Reachable Assertion
- CWE-703: Improper Check or Handling of Exceptional Conditions
- OWASP Top 10 2025: A10 Mishandling of Exceptional Conditions
- Python docs: The `assert` statement; the `-O` command line option
"#;

/// Metadata of `assert-used`.
pub static META: RuleMeta = RuleMeta {
    id: "assert-used",
    title: "Assert used outside tests",
    category: Category::Errors,
    cwe: &[617, 703],
    owasp: Owasp::A10MishandlingOfExceptionalConditions,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B101"],
    ruff: &["S101"],
    docs: DOCS,
};

/// The rule: inspects every statement for `assert`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &[],
};

/// Words that make an assertion an access decision: permissions, roles, ownership,
/// authentication, passwords, CSRF.
const ACCESS_WORDS: &[&str] = &[
    "admin",
    "authenticated",
    "authorized",
    "authorised",
    "csrf",
    "owner",
    "password",
    "perm",
    "permission",
    "permissions",
    "perms",
    "role",
    "roles",
    "staff",
    "superuser",
];

/// Words that make an assertion look like it may concern access, less surely. `token`
/// is not one: in an assertion it is far more often a parser's token.
const MAYBE_ACCESS_WORDS: &[&str] = &["auth", "user"];

/// Words that make a name a quantity or a description, not an access fact (`user_count`).
const QUANTITY_WORDS: &[&str] = &[
    "count", "kind", "len", "length", "max", "min", "num", "size", "type",
];

/// How sure it is that an assertion is an access decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// A permission, role, owner, authentication, password or CSRF name ends a name of
    /// the condition (`is_admin`, `project.owner`).
    Sure,
    /// It only mentions users or `auth`.
    Maybe,
}

/// Whether the condition of `assert` reads like an access decision, and the name that
/// says so.
fn access_decision(test: &Expr) -> Option<(Access, &str)> {
    if is_length_invariant(test) {
        return None;
    }
    let names = words::identifiers(test);
    // A sure access word must be the name's last word, its noun (`is_admin`, `has_perm`,
    // `project.owner`, but not `ownerDocument` or `admin_site`); CSRF anywhere counts.
    let find = |vocabulary: &[&str], last_only: bool| {
        names.iter().copied().find(|name| {
            let split = words::split(name);
            let named = if last_only {
                split
                    .last()
                    .is_some_and(|w| vocabulary.contains(&w.as_str()))
                    || split.iter().any(|w| w == "csrf" || w == "xsrf")
            } else {
                split.iter().any(|w| vocabulary.contains(&w.as_str()))
            };
            named && !names_a_quantity(&split)
        })
    };
    find(ACCESS_WORDS, true)
        .map(|name| (Access::Sure, name))
        .or_else(|| find(MAYBE_ACCESS_WORDS, false).map(|name| (Access::Maybe, name)))
}

/// Reports `assert` when its condition is an access decision (high severity when sure,
/// medium when it may be), for `assert-used` and `assert-access-check` alike; returns
/// whether it did.
pub(crate) fn report_access_decision(ctx: &mut Context<'_, '_>, assert: &StmtAssert) -> bool {
    let Some((access, name)) = access_decision(&assert.test) else {
        return false;
    };
    let (is, severity) = match access {
        Access::Sure => ("is", Severity::High),
        Access::Maybe => ("looks like", Severity::Medium),
    };
    let condition = ctx.snippet(&*assert.test);
    ctx.report(
        assert.range(),
        format!("`assert {condition}` {is} an access check (`{name}`), and `python -O` removes it, letting every caller through; raise an exception such as `PermissionError` instead"),
    )
    .severity(severity);
    true
}

/// Whether the words of a name make it a quantity or a description (`user_count`).
fn names_a_quantity(words: &[String]) -> bool {
    words.iter().any(|w| QUANTITY_WORDS.contains(&w.as_str()))
}

/// Whether `test` compares a `len(…)` with a quantity (`len(token) == SECRET_LENGTH`): an
/// invariant about a value's size, whatever the value is called.
fn is_length_invariant(test: &Expr) -> bool {
    let Expr::Compare(compare) = test else {
        return false;
    };
    let is_len = |e: &Expr| matches!(e, Expr::Call(call) if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "len"));
    let is_quantity_name = |e: &Expr| {
        matches!(e, Expr::Name(_) | Expr::Attribute(_))
            && words::identifiers(e)
                .last()
                .is_some_and(|name| names_a_quantity(&words::split(name)))
    };
    let operands: Vec<&Expr> = std::iter::once(&*compare.left)
        .chain(compare.comparators.iter())
        .collect();
    operands.iter().any(|e| is_len(e))
        && operands.iter().any(|e| is_quantity_name(e))
        && operands
            .iter()
            .all(|e| is_len(e) || is_quantity_name(e) || matches!(e, Expr::NumberLiteral(_)))
}

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Stmt::Assert(assert) = stmt else {
        return;
    };
    if report_access_decision(ctx, assert) {
        return;
    }
    let condition = ctx.snippet(&*assert.test);
    ctx.report(
        assert.range(),
        format!("`assert {condition}` is removed when Python runs with `-O`; if the program relies on this check, raise an exception instead"),
    );
}

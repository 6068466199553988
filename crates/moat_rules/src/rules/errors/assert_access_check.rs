//! `assert-access-check`: an access decision written as an `assert`, which `python -O`
//! removes.

use super::assert_used::report_access_decision;
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags `assert` statements outside test files whose condition is an access decision: it
names a permission, role, owner, administrator, staff, superuser, authentication or
authorisation fact, a password or CSRF (`request.user.is_authenticated`,
`user.has_perm(...)`, `check_password(...)`, `is_admin`, `project.owner`), with high
severity; with medium severity when it only mentions users or `auth`. The access word
must end the name (`is_admin`, `project.owner`; not `ownerDocument` or `admin_site`);
names of quantities (`user_count`, `role_type`) do not count, nor does a length compared
with a length (`len(csrf_token) == CSRF_TOKEN_LENGTH`). Other assertions are
left to `assert-used`, which is off by default.

## Why is this bad?
Python removes `assert` statements when it runs with optimisation (`python -O`, or
`PYTHONOPTIMIZE` set in the environment, as some container images and deployment tools
do). An access check written as an assertion then silently stops happening, and every
caller gets through: anyone can delete the project, read the invoice, refund the order.

## Example
```python
def delete_project(request, project):
    assert request.user == project.owner, "not allowed"
    project.delete()
```

## Use instead
Raise an exception that cannot be optimised away:
```python
def delete_project(request, project):
    if request.user != project.owner:
        raise PermissionDenied("only the owner can delete a project")
    project.delete()
```

## References
- CWE-617: Reachable Assertion
- CWE-285: Improper Authorization
- CWE-703: Improper Check or Handling of Exceptional Conditions
- OWASP Top 10 2025: A01 Broken Access Control
- Python docs: The `assert` statement; the `-O` command line option
"#;

/// Metadata of `assert-access-check`.
pub static META: RuleMeta = RuleMeta {
    id: "assert-access-check",
    title: "Access check written as an assert",
    category: Category::Errors,
    cwe: &[617, 285, 703],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::High,
    confidence: Confidence::Medium,
    default_enabled: true,
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

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    if let Stmt::Assert(assert) = stmt {
        report_access_decision(ctx, assert);
    }
}

//! `check-then-use-race`: a path checked with `os.access`/`os.path.exists`, then used.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall, Stmt};

const DOCS: &str = r#"## What it does
Flags a file operation on a path inside an `if` whose test checked the same path with
`os.access`, `os.path.exists`, `os.path.isfile`, `os.path.isdir`, `os.path.lexists` or
`os.path.islink`: `open`, `os.open`, `os.remove`/`unlink`, `os.chmod`/`chown`,
`os.rename`/`replace` or `shutil` copies, moves and `rmtree` of the same path expression
in the branch, with the variable not reassigned in between. The message names the line
of the check. A check with `os.access` is reported with medium severity (it is usually
meant as a permission check); the existence checks with low severity. Creating a missing
directory (`if not exists(d): os.makedirs(d)`) is not flagged: losing that race only
raises an error. Test files are not checked.

## Why is this bad?
The file system can change between the check and the use (time-of-check to time-of-use).
Another process, or a local attacker, can replace the file by a symbolic link to another
file in that window: a program running with more rights than its user (setuid, a root
service, a web server writing uploads) then opens, truncates, deletes or changes the
permissions of a file the check never looked at. `os.access` answers for the real user
id, not for the file actually opened later.

## Example
```python
import os

if os.access(path, os.W_OK):
    with open(path, "w") as out:
        out.write(data)
```

## Use instead
Do the operation and handle the error, so the check and the use are one system call;
for new files, create them exclusively:
```python
try:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
except OSError as error:
    raise PermissionError(f"cannot write {path}") from error
with os.fdopen(fd, "w") as out:
    out.write(data)
```

## References
- CWE-367: Time-of-check Time-of-use (TOCTOU) Race Condition
- OWASP Top 10 2025: A01 Broken Access Control
- Python docs: `os.access` (the note on race conditions)
"#;

/// Metadata of `check-then-use-race`.
pub static META: RuleMeta = RuleMeta {
    id: "check-then-use-race",
    title: "File checked, then used (TOCTOU race)",
    category: Category::Files,
    cwe: &[367],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects `if` statements.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &["os"],
};

/// Checks of a path's existence or permissions.
const CHECKS: &[&str] = &[
    "os.access",
    "os.path.exists",
    "os.path.isfile",
    "os.path.isdir",
    "os.path.lexists",
    "os.path.islink",
];

/// Operations that act on the path again.
const USES: &[&str] = &[
    "builtins.open",
    "io.open",
    "codecs.open",
    "os.open",
    "os.remove",
    "os.unlink",
    "os.rmdir",
    "os.chmod",
    "os.chown",
    "os.lchown",
    "os.rename",
    "os.replace",
    "shutil.copy",
    "shutil.copy2",
    "shutil.copyfile",
    "shutil.copytree",
    "shutil.move",
    "shutil.rmtree",
];

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Stmt::If(if_stmt) = stmt else {
        return;
    };
    let mut checks = Vec::new();
    collect_checks(ctx, &if_stmt.test, &mut checks);
    // One report per path: the permission check if there is one, else the first.
    checks.sort_by_key(|&(checker, _)| checker != "os.access");
    let mut seen = Vec::new();
    checks.retain(|&(_, path)| {
        let text = normalized(ctx.text(path));
        let new = !seen.contains(&text);
        seen.push(text);
        new
    });
    for (checker, path) in checks {
        let Some(root) = root_name(path) else {
            continue;
        };
        let mut finder = UseFinder {
            ctx,
            path: normalized(ctx.text(path)),
            root,
            reassigned: false,
            uses: Vec::new(),
        };
        finder.visit_body(&if_stmt.body);
        let uses = finder.uses;
        let check_line = ctx.line_of(path.start());
        for (use_call, callee) in uses {
            let (severity, confidence) = if checker == "os.access" {
                (Severity::Medium, Confidence::Medium)
            } else {
                (Severity::Low, Confidence::Medium)
            };
            let used = callee.trim_start_matches("builtins.");
            ctx.report(
                use_call.range(),
                format!("`{used}({})` acts on a path checked with `{checker}` on line {check_line}; the file can be replaced (e.g. by a symbolic link) between the check and this use; do the operation and handle the error instead", ctx.snippet(path)),
            )
            .severity(severity)
            .confidence(confidence)
            .suppressible_on(use_call.range());
        }
    }
}

/// The `(check, path)` pairs among the calls of an `if` test.
fn collect_checks<'e>(
    ctx: &Context<'_, '_>,
    test: &'e Expr,
    out: &mut Vec<(&'static str, &'e Expr)>,
) {
    match test {
        Expr::BoolOp(op) => {
            for value in &op.values {
                collect_checks(ctx, value, out);
            }
        }
        Expr::UnaryOp(op) => collect_checks(ctx, &op.operand, out),
        Expr::Call(call) => {
            let Some(callee) = ctx.resolve(&call.func) else {
                return;
            };
            let Some(&checker) = CHECKS.iter().find(|&&c| c == callee) else {
                return;
            };
            if let Some(path) = call.arguments.find_argument_value("path", 0) {
                out.push((checker, path));
            }
        }
        _ => {}
    }
}

/// The variable a path expression depends on (`p` in `p`, `self.p`, `p.name`).
fn root_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => root_name(&attribute.value),
        _ => None,
    }
}

fn normalized(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Finds uses of the checked path in a branch, in source order, until its variable is
/// assigned again.
struct UseFinder<'c, 'x, 'a, 'e> {
    ctx: &'c Context<'x, 'a>,
    path: String,
    root: &'e str,
    reassigned: bool,
    uses: Vec<(&'e ExprCall, String)>,
}

impl UseFinder<'_, '_, '_, '_> {
    fn assigns_root(&self, target: &Expr) -> bool {
        match target {
            Expr::Name(name) => name.id.as_str() == self.root,
            Expr::Attribute(_) => root_name(target) == Some(self.root),
            Expr::Tuple(t) => t.elts.iter().any(|e| self.assigns_root(e)),
            Expr::List(l) => l.elts.iter().any(|e| self.assigns_root(e)),
            Expr::Starred(s) => self.assigns_root(&s.value),
            _ => false,
        }
    }
}

impl<'e> Visitor<'e> for UseFinder<'_, '_, '_, 'e> {
    fn visit_stmt(&mut self, stmt: &'e Stmt) {
        if self.reassigned {
            return;
        }
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            Stmt::Assign(assign) => {
                self.visit_expr(&assign.value);
                if assign.targets.iter().any(|t| self.assigns_root(t)) {
                    self.reassigned = true;
                }
            }
            Stmt::AugAssign(assign) if self.assigns_root(&assign.target) => {
                self.reassigned = true;
            }
            Stmt::AnnAssign(assign) if self.assigns_root(&assign.target) => {
                self.reassigned = true;
            }
            Stmt::For(for_stmt) if self.assigns_root(&for_stmt.target) => {
                self.reassigned = true;
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'e Expr) {
        if self.reassigned {
            return;
        }
        match expr {
            Expr::Lambda(_) => return,
            Expr::Named(named) if self.assigns_root(&named.target) => {
                self.reassigned = true;
                return;
            }
            Expr::Call(call) => {
                if let Some(callee) = self.ctx.resolve(&call.func)
                    && USES.contains(&callee.as_str())
                    && call
                        .arguments
                        .args
                        .first()
                        .is_some_and(|a| normalized(self.ctx.text(a)) == self.path)
                {
                    self.uses.push((call, callee));
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

//! `permissive-file-mode`: files and directories made writable by every user.

use crate::context::Context;
use crate::receiver::constructor;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, Operator, Stmt};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags permission modes that let every user of the machine write (the "other" write bit,
`0o002`): `os.chmod`, `os.lchmod`, `os.fchmod` and `pathlib.Path.chmod` with such a
mode; `os.mkdir`, `os.makedirs`, `os.mkfifo` and `os.open` creating a file or directory
with one; and `os.umask` with a mask that does not remove the other-write bit
(`os.umask(0)`; the idiom `old = os.umask(0)` that reads the current mask is not
flagged). Test files are not checked. Modes are folded from literals, constants and the `stat.S_I*` flags
(`stat.S_IRWXU | stat.S_IWOTH`).

`chmod` sets the mode as given and is reported with high severity. The modes given when
creating a file or directory are narrowed by the process's umask (usually `0o022`), so
those are reported with low severity: they become world-writable wherever the umask is
`0`, as it often is in containers and daemons. A file created by `os.open` or `os.mkfifo`
with `0o666` is not reported: that is the mode `open()` itself uses, so such code is no
more permissive than the built-in way to create a file (file objects implementing
`open()`, storage backends, archive extraction).

## Why is this bad?
A world-writable file can be changed by any local user or compromised service: a
script, configuration or cache that the program later trusts becomes a way to run code
as the program's user or to tamper with its data. A world-writable directory without
the sticky bit lets anyone delete or replace the files in it.

## Example
```python
import os

os.chmod("/etc/myapp/config.ini", 0o777)
```

## Use instead
Grant only the owner (and, where needed, the group) write access:
```python
import os

os.chmod("/etc/myapp/config.ini", 0o640)
```

## References
- CWE-732: Incorrect Permission Assignment for Critical Resource
- OWASP Top 10 2025: A01 Broken Access Control
- Python docs: `os.chmod`, `os.umask`, the `stat` module
"#;

/// Metadata of `permissive-file-mode`.
pub static META: RuleMeta = RuleMeta {
    id: "permissive-file-mode",
    title: "World-writable file permissions",
    category: Category::Files,
    cwe: &[732],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B103"],
    ruff: &["S103"],
    docs: DOCS,
};

/// The rule: inspects calls that set or create with a mode, and `Path.chmod`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_call), Check::Expr(check_path_chmod)],
    modules: &["os", "pathlib"],
};

/// The other-write permission bit.
const OTHER_WRITE: i128 = 0o002;

/// Functions that set a mode as given: (name, mode parameter, position).
const SETS_MODE: &[(&str, &str, usize)] = &[
    ("os.chmod", "mode", 1),
    ("os.lchmod", "mode", 1),
    ("os.fchmod", "mode", 1),
];

/// Functions that create with a mode narrowed by the umask: (name, parameter, position).
const CREATES_WITH_MODE: &[(&str, &str, usize)] = &[
    ("os.mkdir", "mode", 1),
    ("os.makedirs", "mode", 1),
    ("os.mkfifo", "mode", 1),
    ("os.open", "mode", 2),
];

/// The mode `open()` creates files with (before the umask).
const OPEN_MODE: i128 = 0o666;

/// Whether `callee` creates a file (not a directory).
fn creates_file(callee: &str) -> bool {
    matches!(callee, "os.open" | "os.mkfifo")
}

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if callee == "os.umask" {
        let Some(mask) = call.arguments.find_argument_value("mask", 0) else {
            return;
        };
        // `old = os.umask(0); os.umask(old)` only reads the current mask.
        let result_unused =
            matches!(ctx.statement(), Some(Stmt::Expr(e)) if e.value.range() == call.range());
        if result_unused
            && let Some(value) = mode_value(ctx, mask)
            && value & OTHER_WRITE == 0
        {
            ctx.report(
                call.range(),
                format!("`os.umask({})` lets every file and directory the process creates afterwards be world-writable; keep the other-write bit in the mask (`0o022` or `0o077`)", ctx.snippet(mask)),
            )
            .severity(Severity::Medium);
        }
        return;
    }
    if let Some(&(_, name, position)) = SETS_MODE.iter().find(|(f, ..)| *f == callee) {
        report_mode(ctx, call, callee, name, position, false);
    } else if let Some(&(_, name, position)) = CREATES_WITH_MODE.iter().find(|(f, ..)| *f == callee)
    {
        report_mode(ctx, call, callee, name, position, true);
    }
}

/// `Path(...).chmod(mode)` on a `pathlib` path.
fn check_path_chmod(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    if !matches!(method.attr.as_str(), "chmod" | "lchmod") {
        return;
    }
    let Some(made_by) = constructor(ctx, &method.value) else {
        return;
    };
    if made_by.starts_with("pathlib.") {
        let callee = format!("Path.{}", method.attr.as_str());
        report_mode(ctx, call, &callee, "mode", 0, false);
    }
}

fn report_mode(
    ctx: &mut Context<'_, '_>,
    call: &ExprCall,
    callee: &str,
    name: &str,
    position: usize,
    narrowed_by_umask: bool,
) {
    let Some(mode) = call.arguments.find_argument_value(name, position) else {
        return;
    };
    let Some(value) = mode_value(ctx, mode) else {
        return;
    };
    if value & OTHER_WRITE == 0 || (narrowed_by_umask && creates_file(callee) && value == OPEN_MODE)
    {
        return;
    }
    let shown = format!("{value:#o}");
    let code = ctx.snippet(mode);
    let mode_text = if code == shown {
        format!("`{code}`")
    } else {
        format!("`{code}` (`{shown}`)")
    };
    if narrowed_by_umask {
        ctx.report(
            call.range(),
            format!("`{callee}` creates with mode {mode_text}, world-writable wherever the umask is 0; ask only for the permissions needed (e.g. `0o700`/`0o600`)"),
        )
        .severity(Severity::Low)
        .confidence(Confidence::Medium);
    } else {
        ctx.report(
            call.range(),
            format!("`{callee}` sets mode {mode_text}, which lets every user write to it; grant write access to the owner only (e.g. `0o644`, `0o600`, `0o755`)"),
        );
    }
}

/// The integer value of a permission mode: literals and constants, `stat.S_I*` flags,
/// joined with `|` or `+`.
fn mode_value(ctx: &Context<'_, '_>, expr: &Expr) -> Option<i128> {
    if let Expr::BinOp(op) = expr
        && matches!(op.op, Operator::BitOr | Operator::Add)
    {
        return Some(mode_value(ctx, &op.left)? | mode_value(ctx, &op.right)?);
    }
    if let Some(Constant::Int(value)) = ctx.constant(expr) {
        return Some(value);
    }
    let name = ctx.resolve(expr)?;
    stat_flag(name.strip_prefix("stat.")?)
}

/// The value of a `stat` permission flag.
fn stat_flag(name: &str) -> Option<i128> {
    Some(match name {
        "S_ISUID" => 0o4000,
        "S_ISGID" => 0o2000,
        "S_ISVTX" => 0o1000,
        "S_IRWXU" => 0o700,
        "S_IRUSR" | "S_IREAD" => 0o400,
        "S_IWUSR" | "S_IWRITE" => 0o200,
        "S_IXUSR" | "S_IEXEC" => 0o100,
        "S_IRWXG" => 0o070,
        "S_IRGRP" => 0o040,
        "S_IWGRP" => 0o020,
        "S_IXGRP" => 0o010,
        "S_IRWXO" => 0o007,
        "S_IROTH" => 0o004,
        "S_IWOTH" => 0o002,
        "S_IXOTH" => 0o001,
        _ => return None,
    })
}

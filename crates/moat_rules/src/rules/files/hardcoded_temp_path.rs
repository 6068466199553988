//! `hardcoded-temp-path`: a fixed file name in a shared temporary directory.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::strings::built_string;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags file APIs (`open`, `io.open`, `codecs.open`, `os.open`, `os.mkdir`, `os.makedirs`,
`os.mkfifo`, `os.symlink`, `os.rename`, `shutil.copy*`/`move`, `pathlib.Path`,
`logging.FileHandler`, `sqlite3.connect`…) given a path inside `/tmp`, `/var/tmp` or
`/dev/shm` that is fixed in the code: a literal, a constant, an f-string or
`os.path.join` that starts with such a directory. The bare directory (`Path("/tmp")`,
often a base for `tempfile`) and the `dir=` of `tempfile` functions are not flagged.
Test files are not checked.

## Why is this bad?
Every local user can create files in these directories. A name known in advance can be
created first by someone else, as a file with their content or as a symbolic link to a
file of the victim's: the program then reads attacker-controlled data, or writes (and
truncates) wherever the link points, with its own privileges. Two copies of the program
also overwrite each other's files.

## Example
```python
with open("/tmp/report.csv", "w") as out:
    out.write(report)
```

## Use instead
Let `tempfile` pick an unpredictable name and create the file atomically:
```python
import tempfile

with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as out:
    out.write(report)
```
For files that must persist, use a directory owned by the program's user.

## References
- CWE-377: Insecure Temporary File
- OWASP Top 10 2025: A01 Broken Access Control
- Python docs: the `tempfile` module
"#;

/// Metadata of `hardcoded-temp-path`.
pub static META: RuleMeta = RuleMeta {
    id: "hardcoded-temp-path",
    title: "Fixed path in a shared temporary directory",
    category: Category::Files,
    cwe: &[377],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B108"],
    ruff: &["S108"],
    docs: DOCS,
};

/// The rule: inspects calls of file APIs (`open` is a builtin, so no import is needed).
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &[],
};

/// File APIs and how many leading positional arguments are paths.
const FILE_APIS: &[(&str, usize)] = &[
    ("builtins.open", 1),
    ("io.open", 1),
    ("io.FileIO", 1),
    ("codecs.open", 1),
    ("os.open", 1),
    ("os.mkdir", 1),
    ("os.makedirs", 1),
    ("os.mkfifo", 1),
    ("os.mknod", 1),
    ("os.symlink", 2),
    ("os.link", 2),
    ("os.rename", 2),
    ("os.replace", 2),
    ("shutil.copy", 2),
    ("shutil.copy2", 2),
    ("shutil.copyfile", 2),
    ("shutil.copytree", 2),
    ("shutil.move", 2),
    ("pathlib.Path", 1),
    ("pathlib.PosixPath", 1),
    ("logging.FileHandler", 1),
    ("logging.handlers.RotatingFileHandler", 1),
    ("logging.handlers.WatchedFileHandler", 1),
    ("sqlite3.connect", 1),
];

/// Keywords that name a path argument of those APIs.
const PATH_KEYWORDS: &[&str] = &["file", "filename", "path", "name", "src", "dst", "database"];

/// Shared, world-writable temporary directories.
const TEMP_DIRS: &[&str] = &["/tmp", "/var/tmp", "/dev/shm"];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(&(_, paths)) = FILE_APIS.iter().find(|(api, _)| *api == callee) else {
        return;
    };
    let positional = call.arguments.args.iter().take(paths);
    let keywords = call
        .arguments
        .keywords
        .iter()
        .filter(|k| {
            k.arg
                .as_ref()
                .is_some_and(|a| PATH_KEYWORDS.contains(&a.as_str()))
        })
        .map(|k| &k.value);
    let Some((path, dir)) = positional
        .chain(keywords)
        .find_map(|arg| temp_path(ctx, arg).map(|dir| (arg, dir)))
    else {
        return;
    };
    ctx.report(
        path.range(),
        format!("`{}` is a fixed name in the shared directory `{dir}`, which another local user can create first (or make a symbolic link) before `{}` uses it; use `tempfile.NamedTemporaryFile()`, `mkstemp()` or `mkdtemp()`", ctx.snippet(path), callee.trim_start_matches("builtins.")),
    );
}

/// The temporary directory `expr` names a fixed entry of, if it does.
fn temp_path(ctx: &Context<'_, '_>, expr: &Expr) -> Option<&'static str> {
    if let Expr::Call(join) = expr
        && ctx.resolve(&join.func).as_deref() == Some("os.path.join")
        && join.arguments.args.len() > 1
    {
        let first = built_string(ctx, join.arguments.args.first()?)?;
        let dir = first.prefix.trim_end_matches('/');
        return TEMP_DIRS
            .iter()
            .find(|&&d| d == dir || dir.starts_with(&format!("{d}/")))
            .copied();
    }
    let text = built_string(ctx, expr)?.prefix;
    TEMP_DIRS
        .iter()
        .find(|&&d| {
            text.strip_prefix(d)
                .and_then(|r| r.strip_prefix('/'))
                .is_some_and(|r| !r.is_empty())
        })
        .copied()
}

//! `tarfile-unsafe-extract`: a tar archive extracted without a member filter.

use crate::context::Context;
use crate::receiver::constructor;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags `extractall()` and `extract()` on a `tarfile.TarFile` (an object made by
`tarfile.open`, `tarfile.TarFile` or `TarFile.open`, directly, through a variable or a
`with … as` target) called without `filter=`, or with `filter="fully_trusted"` or
`tarfile.fully_trusted_filter`. Also flags `shutil.unpack_archive` without `filter=`,
unless the format (the `format=` argument or the file name's extension) is zip. Test
files are not checked.

`zipfile.ZipFile.extractall` is not flagged: `zipfile` has removed absolute prefixes and
`..` components from member names since Python 2.7.4 and 3.2.4, so members stay inside
the target directory (it does not protect against zip bombs).

## Why is this bad?
A tar member's name can be absolute (`/etc/cron.d/x`) or climb out with `../`, and a
member can be a symbolic or hard link pointing anywhere. Before Python 3.14, `tarfile`
extracts such members as they are unless a filter is given, so an archive from a user,
an upload or a download can overwrite any file the process can write (path traversal,
"tar slip"), set setuid bits or create device files. Python 3.12 and 3.13 only warn about
the missing filter; 3.14 makes `"data"` the default, but code that also runs on older
versions stays exposed.

## Example
```python
import tarfile

with tarfile.open(upload_path) as archive:
    archive.extractall("/srv/imports")
```

## Use instead
Pass the `data` filter (Python 3.12+, and 3.8–3.11 security releases), which refuses
absolute paths, `..`, links leaving the target and special files:
```python
import tarfile

with tarfile.open(upload_path) as archive:
    archive.extractall("/srv/imports", filter="data")
```
`shutil.unpack_archive(path, dest, filter="data")` takes the same argument.

## References
- CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
- OWASP Top 10 2025: A01 Broken Access Control
- Python docs: `tarfile` — Extraction filters
- PEP 706: Filter for `tarfile.extractall`
"#;

/// Metadata of `tarfile-unsafe-extract`.
pub static META: RuleMeta = RuleMeta {
    id: "tarfile-unsafe-extract",
    title: "Tar archive extracted without a filter",
    category: Category::Files,
    cwe: &[22],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B202"],
    ruff: &["S202"],
    docs: DOCS,
};

/// The rule: inspects method calls on tar files and `shutil.unpack_archive`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check_method), Check::Call(check_unpack_archive)],
    modules: &["tarfile", "shutil"],
};

/// Callables that return a `tarfile.TarFile`.
const TAR_CONSTRUCTORS: &[&str] = &[
    "tarfile.open",
    "tarfile.TarFile",
    "tarfile.TarFile.open",
    "tarfile.TarFile.taropen",
    "tarfile.TarFile.gzopen",
    "tarfile.TarFile.bz2open",
    "tarfile.TarFile.xzopen",
];

fn check_method(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    let name = method.attr.as_str();
    if name != "extractall" && name != "extract" {
        return;
    }
    if !constructor(ctx, &method.value).is_some_and(|c| TAR_CONSTRUCTORS.contains(&c.as_str())) {
        return;
    }
    let receiver = ctx.snippet(&*method.value);
    if let Some(problem) = filter_problem(ctx, call) {
        ctx.report(
            call.range(),
            format!("`{receiver}.{name}()` {problem}; a crafted archive can write outside the target directory (absolute names, `..`, links); pass `filter=\"data\"`"),
        );
    }
}

fn check_unpack_archive(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if callee != "shutil.unpack_archive" {
        return;
    }
    let format = call
        .arguments
        .find_argument_value("format", 2)
        .and_then(|f| ctx.constant(f));
    let file = call
        .arguments
        .find_argument_value("filename", 0)
        .and_then(|f| ctx.constant(f));
    let zip = match (format, file) {
        (Some(format), _) => format.as_str().is_some_and(|f| f == "zip"),
        (None, Some(file)) => file
            .as_str()
            .is_some_and(|f| f.to_ascii_lowercase().ends_with(".zip")),
        (None, None) => false,
    };
    if zip {
        return;
    }
    if let Some(problem) = filter_problem(ctx, call) {
        ctx.report(
            call.range(),
            format!("`shutil.unpack_archive()` {problem}; for a tar file, a crafted archive can write outside the target directory; pass `filter=\"data\"`"),
        );
    }
}

/// What is wrong with the call's `filter=` argument, if anything: missing, or trusting
/// every member.
fn filter_problem(ctx: &Context<'_, '_>, call: &ExprCall) -> Option<&'static str> {
    let Some(filter) = call.arguments.find_keyword("filter") else {
        return Some(
            "extracts without `filter=`, trusting every member's name and type before Python 3.14",
        );
    };
    let fully_trusted = ctx
        .constant(&filter.value)
        .is_some_and(|v| v.as_str() == Some("fully_trusted"))
        || ctx.resolve(&filter.value).as_deref() == Some("tarfile.fully_trusted_filter");
    fully_trusted.then_some("uses the `fully_trusted` filter, which extracts every member as it is")
}

//! `ctypes-relative-library`: a native library loaded by a name or a relative path.

use crate::context::Context;
use crate::receiver::constructor;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags `ctypes.CDLL`, `ctypes.PyDLL`, `ctypes.WinDLL`, `ctypes.OleDLL`,
`ctypes.cdll.LoadLibrary` (and the `windll`, `oledll`, `pydll` loaders) and cffi's
`FFI().dlopen` given a constant relative path with a directory (`"./libfoo.so"`,
`"lib/foo.dll"`), which the loader resolves against the current working directory.
Bare names (`"libc.so.6"`, `"kernel32"`) are not flagged: the Linux and macOS loaders
search only `LD_LIBRARY_PATH`/`DYLD_*` and the system directories for them, and since
Python 3.8 `ctypes` on Windows no longer searches the current directory or `PATH`.
Results of `ctypes.util.find_library` and paths that are not constants are not
flagged either.

## Why is this bad?
A relative path is resolved against whatever directory the program was started from.
Whoever can put a file with that name there (a download folder, a shared checkout, an
upload directory) gets their code loaded into the process, with its privileges (library
preloading / hijacking).

## Example
```python
import ctypes

codec = ctypes.CDLL("./libcodec.so")
```

## Use instead
Load libraries by absolute path, derived from the program's location, or let
`ctypes.util.find_library` resolve system libraries:
```python
import ctypes
from pathlib import Path

codec = ctypes.CDLL(str(Path(__file__).resolve().parent / "libcodec.so"))
```

## References
- CWE-426: Untrusted Search Path
- CWE-114: Process Control
- CWE-427: Uncontrolled Search Path Element
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Python docs: `ctypes` — Loading shared libraries
"#;

/// Metadata of `ctypes-relative-library`.
pub static META: RuleMeta = RuleMeta {
    id: "ctypes-relative-library",
    title: "Native library loaded by a relative name",
    category: Category::Code,
    cwe: &[426, 114, 427],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects library loaders in `ctypes` and `cffi`.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_ctypes), Check::Expr(check_cffi)],
    modules: &["ctypes", "cffi"],
};

const LOADERS: &[&str] = &[
    "ctypes.CDLL",
    "ctypes.PyDLL",
    "ctypes.WinDLL",
    "ctypes.OleDLL",
    "ctypes.cdll.LoadLibrary",
    "ctypes.pydll.LoadLibrary",
    "ctypes.windll.LoadLibrary",
    "ctypes.oledll.LoadLibrary",
];

fn check_ctypes(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !LOADERS.contains(&callee) {
        return;
    }
    let short = callee.trim_start_matches("ctypes.");
    report(ctx, call, &format!("ctypes.{short}"));
}

fn check_cffi(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    if method.attr.as_str() != "dlopen" {
        return;
    }
    if matches!(
        constructor(ctx, &method.value).as_deref(),
        Some("cffi.FFI" | "cffi.api.FFI")
    ) {
        report(
            ctx,
            call,
            &format!("{}.dlopen", ctx.snippet(&*method.value)),
        );
    }
}

fn report(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(name_expr) = call.arguments.find_argument_value("name", 0) else {
        return;
    };
    let Some(name) = ctx
        .constant(name_expr)
        .and_then(|c| c.as_str().map(str::to_string))
    else {
        return;
    };
    let absolute = name.starts_with('/')
        || name.starts_with('\\')
        || name.as_bytes().get(1) == Some(&b':')
        || name.is_empty();
    if absolute {
        return;
    }
    if name.contains('/') || name.contains('\\') {
        ctx.report(
            call.range(),
            format!("`{callee}({})` loads a library by a path relative to the working directory, so whoever controls that directory chooses the code loaded; use an absolute path derived from `__file__`", ctx.snippet(name_expr)),
        );
    }
}

//! `path-traversal`: untrusted input chooses a file path (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the path of file operations: `open`, `pathlib.Path` reads and
writes, `os.remove`, `os.rename`, `shutil` copies and moves, Flask `send_file`, Django
`FileResponse`, aiohttp `web.FileResponse`, and `os.path.join` with an untrusted part that may be absolute. Member
names read from an untrusted `zipfile` or `tarfile` archive are untrusted too. Django's
`UploadedFile.name` is not: Django keeps only the base name of the client's file name.

"#,
    super::untrusted_input_doc!(),
    r#"

`os.path.basename()` and `werkzeug.utils.secure_filename()` make a name safe, `safe_join()`
(Django's `django.utils._os`, Werkzeug's and Flask's) makes a joined path safe, and so does a
containment check on the resolved path (`os.path.realpath(p).startswith(base + os.sep)`,
`os.path.commonpath([base, p]) == base`, `Path.is_relative_to`) in the branch where it
holds; `send_from_directory(directory, name)` checks the name itself and is not reported.
The finding carries its trace: the source, each step the value took (assignments, calls and
returns, across files) and the sink; the text output shows it under the code frame and SARIF
as `codeFlows`.

## Why is this bad?
`../` sequences or an absolute path leave the intended folder: `../../etc/passwd` reads
system files, `../app/settings.py` reads secrets, and a write overwrites code or
configuration. `os.path.join(base, "/etc/passwd")` discards `base` altogether.

## Example
```python
import os
from flask import Flask, request, send_file

app = Flask(__name__)
REPORTS = "/srv/reports"

@app.route("/report")
def report():
    name = request.args["name"]
    return send_file(os.path.join(REPORTS, name))
```

## Use instead
Let the framework check the name, or resolve the path and check that it stays inside:
```python
from flask import send_from_directory

@app.route("/report")
def report():
    return send_from_directory(REPORTS, request.args["name"])

def open_report(name):
    path = os.path.realpath(os.path.join(REPORTS, name))
    if os.path.commonpath([REPORTS, path]) != REPORTS:
        raise PermissionError(name)
    return open(path, "rb")
```

## References
- CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
- CWE-23: Relative Path Traversal
- CWE-36: Absolute Path Traversal
- CWE-73: External Control of File Name or Path
- OWASP Top 10 2025: A01 Broken Access Control
"#
);

/// Metadata of `path-traversal`.
pub static META: RuleMeta = RuleMeta {
    id: "path-traversal",
    title: "Path traversal: untrusted input in a file path",
    category: Category::Files,
    cwe: &[22, 23, 36, 73],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);

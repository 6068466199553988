//! `unrestricted-upload`: an uploaded file is saved under the client's file name (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows the file name a client sent with an upload (Werkzeug `FileStorage.filename`,
Django `UploadedFile.name`, Starlette and FastAPI `UploadFile.filename`) to the name a file
is saved under: Werkzeug's `FileStorage.save`, and Django's `default_storage.save` and
`FileSystemStorage.save`. Writing the file with `open(…, "wb")` is not this rule's sink; a
client's name with directories there is a `path-traversal` (Django's `UploadedFile.name`
has none: Django keeps only its base name).

"#,
    super::untrusted_input_doc!(),
    r#"

`werkzeug.utils.secure_filename()`, a name the server makes (`uuid.uuid4().hex`), and an
extension checked against an allow-list are safe and are not reported. The finding carries
its trace: the source, each step the value took (assignments, calls and returns, across
files) and the sink; the text output shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
The client chooses the name and so the type and place of the file: `shell.php` or
`.htaccess` in a folder the web server executes from, `../../app/config.py` outside the upload
folder, or a name that overwrites another user's file.

## Example
```python
import os
from flask import Flask, request

app = Flask(__name__)
UPLOADS = "/srv/uploads"

@app.post("/upload")
def upload():
    file = request.files["file"]
    file.save(os.path.join(UPLOADS, file.filename))
    return "ok"
```

## Use instead
Make the name on the server, and check the extension against a list:
```python
import uuid
from werkzeug.utils import secure_filename

ALLOWED = {".png", ".jpg", ".pdf"}

@app.post("/upload")
def upload():
    file = request.files["file"]
    ext = os.path.splitext(secure_filename(file.filename))[1].lower()
    if ext not in ALLOWED:
        return "file type not allowed", 400
    file.save(os.path.join(UPLOADS, uuid.uuid4().hex + ext))
    return "ok"
```

## References
- CWE-434: Unrestricted Upload of File with Dangerous Type
- OWASP Top 10 2025: A06 Insecure Design
"#
);

/// Metadata of `unrestricted-upload`.
pub static META: RuleMeta = RuleMeta {
    id: "unrestricted-upload",
    title: "Unrestricted upload: file saved under the client's name",
    category: Category::Files,
    cwe: &[434],
    // CWE-434 is an Insecure Design weakness (A04 in 2021, A06 in 2025).
    owasp: Owasp::A06InsecureDesign,
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

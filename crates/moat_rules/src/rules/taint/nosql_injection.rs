//! `nosql-injection`: untrusted input shapes a NoSQL query (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the query logic of document databases: a pymongo `$where`
JavaScript expression, a query or filter document (`find`, `find_one`, `update_one`,
`delete_many`, `aggregate`…) taken whole from request JSON, and `map_reduce` code.

"#,
    super::untrusted_input_doc!(),
    r#"

A value that is text cannot add operators and is not reported as the value of a key
(`{"name": name}`): query-string and form values, headers, cookies, route and URL
parameters, FastAPI parameters declared `str`, anything passed through `str()` or a
number conversion, pydantic fields declared `str` or `int`. It is reported once parsed
into a structure (`json.loads(request.args["q"])`, `yaml.safe_load`, `ast.literal_eval`)
and under `$where`, whose text the server runs. A JSON body (`request.get_json()`,
`json.loads(request.body)`) is a structure from the start: any part of it may be
`{"$ne": null}`. The collection may be a module-level object of another module
(`from .db import orders` where `orders = client["shop"].orders`). The finding carries its trace: the
source, each step the value took (assignments, calls and returns, across files) and the
sink; the text output shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
When the client sends the filter itself, it sends operators too: `{"password": {"$ne": ""}}`
matches every user and bypasses a login, `$regex` reads data character by character, and
`$where` runs JavaScript on the database server.

## Example
```python
from flask import Flask, request

app = Flask(__name__)

@app.post("/login")
def login():
    query = request.get_json()
    user = db.users.find_one(query)
    return {"ok": user is not None}
```

## Use instead
Build the filter from constant keys and values of the expected type:
```python
@app.post("/login")
def login():
    body = request.get_json()
    user = db.users.find_one({"name": str(body["name"]), "password_hash": hash_password(str(body["password"]))})
    return {"ok": user is not None}
```

## References
- CWE-943: Improper Neutralization of Special Elements in Data Query Logic
- OWASP Top 10 2025: A05 Injection
- MongoDB manual: `$where` and server-side JavaScript
"#
);

/// Metadata of `nosql-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "nosql-injection",
    title: "NoSQL injection: untrusted input shapes a database query",
    category: Category::Injection,
    cwe: &[943],
    owasp: Owasp::A05Injection,
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

//! `sql-injection`: untrusted input reaches the text of a SQL statement (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input through assignments, string building, containers, function calls
and modules to the SQL text of a query: DB-API `execute`, `executemany` and `executescript`
(sqlite3, psycopg2, psycopg, pymysql…), SQLAlchemy `text()` and `exec_driver_sql`, Django
`raw()`, `extra()`, `RawSQL` and `cursor.execute`. Django's `raw()` and `extra()` are
followed on a model's manager and the querysets it returns (`Book.objects.raw(…)`,
`Book.objects.filter(…).extra(…)`), for models of the analysed code and for classes imported
from a `models` module outside it (`from .models import Book` when `models.py` is not given).

"#,
    super::untrusted_input_doc!(),
    r#"

The query parameters are not a sink: `execute("… WHERE id = %s", (user_id,))` is the fix. A
value converted with `int()`, `float()` or `uuid.UUID()`, checked against an allow-list
(`if column in ALLOWED:`) or typed as a number in a FastAPI signature is no longer
untrusted. The finding carries its trace: the source, each step the value took (assignments,
calls and returns, across files) and the sink; the text output shows it under the code frame
and SARIF as `codeFlows`.

## Why is this bad?
Input pasted into SQL text becomes SQL. A name such as `x' OR '1'='1` or
`1; DROP TABLE users` changes what the statement does: it reads other users' rows, bypasses a
login check, or destroys data. Quoting by hand misses cases (encodings, numeric contexts,
identifiers).

## Example
```python
from flask import Flask, request

app = Flask(__name__)

@app.route("/user")
def user():
    name = request.args["name"]
    db = get_db()
    db.execute(f"SELECT id, email FROM users WHERE name = '{name}'")
    return db.fetchone()
```

## Use instead
Send the value as a query parameter; the driver keeps it apart from the SQL:
```python
@app.route("/user")
def user():
    name = request.args["name"]
    db = get_db()
    db.execute("SELECT id, email FROM users WHERE name = ?", (name,))
    return db.fetchone()
```
Table and column names cannot be parameters: choose them from a fixed set of allowed names.

## References
- CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')
- OWASP Top 10 2025: A05 Injection
- PEP 249: Python Database API Specification v2.0 (`paramstyle`)
"#
);

/// Metadata of `sql-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "sql-injection",
    title: "SQL injection: untrusted input in a SQL statement",
    category: Category::Injection,
    cwe: &[89],
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

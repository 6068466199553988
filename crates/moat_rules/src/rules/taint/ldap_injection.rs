//! `ldap-injection`: untrusted input reaches an LDAP filter or DN (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the filter or base DN of LDAP searches and binds: ldap3
`Connection.search` and `bind`, python-ldap `search_s`, `search_ext_s` and `simple_bind_s`.

"#,
    super::untrusted_input_doc!(),
    r#"

`ldap3.utils.conv.escape_filter_chars()` and python-ldap's
`ldap.filter.escape_filter_chars()` or `filter_format()` make a value safe in a filter;
`ldap.dn.escape_dn_chars()` in a DN. The finding carries its trace: the source, each step
the value took (assignments, calls and returns, across files) and the sink; the text output
shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
`*`, `(`, `)`, `&`, `|` and `\` are filter syntax. A user name of `*)(uid=*` turns
`(&(uid=NAME)(active=TRUE))` into a filter that matches every entry, which bypasses login
checks and lists the directory.

## Example
```python
from flask import Flask, request
from ldap3 import Connection

app = Flask(__name__)

@app.route("/people")
def people():
    name = request.args["name"]
    conn = Connection(SERVER, auto_bind=True)
    conn.search("dc=example,dc=com", f"(uid={name})")
    return str(conn.entries)
```

## Use instead
Escape every value put into a filter:
```python
from ldap3.utils.conv import escape_filter_chars

@app.route("/people")
def people():
    name = escape_filter_chars(request.args["name"])
    conn = Connection(SERVER, auto_bind=True)
    conn.search("dc=example,dc=com", f"(uid={name})")
    return str(conn.entries)
```

## References
- CWE-90: Improper Neutralization of Special Elements used in an LDAP Query ('LDAP Injection')
- OWASP Top 10 2025: A05 Injection
- RFC 4515: LDAP String Representation of Search Filters
"#
);

/// Metadata of `ldap-injection`.
pub static META: RuleMeta = RuleMeta {
    id: "ldap-injection",
    title: "LDAP injection: untrusted input in an LDAP filter",
    category: Category::Injection,
    cwe: &[90],
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

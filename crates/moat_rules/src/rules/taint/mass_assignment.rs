//! `mass-assignment`: untrusted input chooses which attributes are set (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted input to the attribute *names* of `setattr`, and to the keyword names a
`**mapping` gives Django models: their constructors (`Profile(**data)`) and the manager and
queryset methods that set fields (`Profile.objects.create(**request.POST.dict())`,
`get_or_create`, `update_or_create`, `QuerySet.update`), and the `defaults=` and
`create_defaults=` mappings of `get_or_create`/`update_or_create`, whose keys are field
names too. A mapping written with constant
keys (`**{"bio": bio}`) only sets the values of the fields it names, and one built by a
comprehension with an allow-listed key (`{k: v for k, v in data.items() if k in EDITABLE}`)
only the fields allowed: neither is reported.

"#,
    super::untrusted_input_doc!(),
    r#"

An allow-list of attribute names (`if key in EDITABLE:`), a form or schema that declares its
fields (Django `ModelForm` with `fields`, pydantic models), and a constant attribute name
with an untrusted *value* are not reported. The finding carries its trace: the source, each
step the value took (assignments, calls and returns, across files) and the sink; the text
output shows it under the code frame and SARIF as `codeFlows`.

## Why is this bad?
Every key of the request becomes an attribute: a client adds `is_admin=true`, `balance` or
`owner_id` to a profile update and changes fields the form never showed.

## Example
```python
from flask import Flask, request

app = Flask(__name__)

@app.post("/profile")
def update_profile():
    user = current_user()
    for key, value in request.form.items():
        setattr(user, key, value)
    db.session.commit()
    return "saved"
```

## Use instead
Name the fields a client may change:
```python
EDITABLE = {"display_name", "email", "timezone"}

@app.post("/profile")
def update_profile():
    user = current_user()
    for key, value in request.form.items():
        if key in EDITABLE:
            setattr(user, key, value)
    db.session.commit()
    return "saved"
```

## References
- CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
"#
);

/// Metadata of `mass-assignment`.
pub static META: RuleMeta = RuleMeta {
    id: "mass-assignment",
    title: "Mass assignment: untrusted keys set object attributes",
    category: Category::Injection,
    cwe: &[915],
    // CWE-915 is listed under Software and Data Integrity Failures (A08 in 2021 and 2025).
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule. It has no syntax checks: the taint engine reports its findings.
pub const RULE: Rule = super::taint_rule_of(&META);

//! `unsafe-deserialization`: untrusted data is deserialised into objects (found by the taint engine).

use crate::rule::Rule;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};

const DOCS: &str = concat!(
    r#"## What it does
Follows untrusted data to deserialisers that can build arbitrary objects: `pickle`
`loads`/`load` and `Unpickler`, `marshal`, `shelve`, `dill`, `jsonpickle.decode`, PyYAML
`load` without a safe loader and `unsafe_load`, `pandas.read_pickle` and `numpy.load` with
`allow_pickle=True`.

"#,
    super::untrusted_input_doc!(),
    r#"

`json.loads`, `yaml.safe_load` and other data-only formats are safe and are not reported;
nor is a pickle the program wrote itself and reads back from its own storage. The finding
carries its trace: the source, each step the value took (assignments, calls and returns,
across files) and the sink; the text output shows it under the code frame and SARIF as
`codeFlows`.

## Why is this bad?
A pickle is a program: `__reduce__` lets the data name any callable and its arguments, so
loading attacker bytes runs the attacker's code (`os.system`), with the server's rights. YAML
tags such as `!!python/object/apply` do the same.

## Example
```python
import base64
import pickle
from flask import Flask, request

app = Flask(__name__)

@app.route("/restore")
def restore():
    state = pickle.loads(base64.b64decode(request.cookies["state"]))
    return str(state)
```

## Use instead
Use a data-only format, and sign what must come back to you:
```python
import json
from itsdangerous import URLSafeSerializer

signer = URLSafeSerializer(SECRET_KEY)

@app.route("/restore")
def restore():
    state = signer.loads(request.cookies["state"])  # JSON, verified signature
    return json.dumps(state)
```

## References
- CWE-502: Deserialization of Untrusted Data
- OWASP Top 10 2025: A08 Software or Data Integrity Failures
- Python documentation: `pickle` — the warning at the top of the page
"#
);

/// Metadata of `unsafe-deserialization`.
pub static META: RuleMeta = RuleMeta {
    id: "unsafe-deserialization",
    title: "Unsafe deserialization of untrusted data",
    category: Category::Deserialization,
    cwe: &[502],
    owasp: Owasp::A08SoftwareOrDataIntegrityFailures,
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

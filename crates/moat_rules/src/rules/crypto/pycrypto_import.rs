//! `pycrypto-import`: the unmaintained PyCrypto library, imported.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::report_imports;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags imports of the `Crypto` package (Bandit's B413). PyCrypto, which installs it, has
not been maintained since 2013. **Off by default, low confidence**: PyCryptodome, its
maintained drop-in replacement, installs the same `Crypto` package, and the import alone
cannot tell the two apart; check the project's dependencies (`pycrypto` vs
`pycryptodome`) when this rule reports. Imports of `Cryptodome` (PyCryptodome's own name)
are not flagged.

## Why is this bad?
PyCrypto has known, unfixed vulnerabilities, among them a heap buffer overflow in its
`ALGnew` function (CVE-2013-7459) that crafted parameters can trigger, and it lacks modern
modes and constant-time primitives. Code that depends on it keeps those flaws for good.

## Example
```python
from Crypto.Cipher import AES
```

## Use instead
Depend on `pycryptodome` (same `Crypto` API) or, better, on `pycryptodomex` and import
`Cryptodome`, or use `cryptography`:
```python
from Cryptodome.Cipher import AES
```

## References
- CWE-1104: Use of Unmaintained Third Party Components
- CWE-327: Use of a Broken or Risky Cryptographic Algorithm
- OWASP Top 10 2025: A03 Software Supply Chain Failures
- CVE-2013-7459
"#;

/// Metadata of `pycrypto-import`.
pub static META: RuleMeta = RuleMeta {
    id: "pycrypto-import",
    title: "Unmaintained PyCrypto library imported",
    category: Category::Crypto,
    cwe: &[1104, 327],
    owasp: Owasp::A03SoftwareSupplyChainFailures,
    severity: Severity::Medium,
    confidence: Confidence::Low,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B413"],
    ruff: &["S413"],
    docs: DOCS,
};

/// The rule: inspects import statements.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &["Crypto"],
};

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    report_imports(ctx, stmt, &["Crypto"], |name| {
        format!(
            "`{name}` comes from the `Crypto` package of PyCrypto, unmaintained since 2013 with unfixed vulnerabilities, unless PyCryptodome provides it; depend on `pycryptodomex` (`Cryptodome`) or `cryptography`"
        )
    });
}

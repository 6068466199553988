//! `pyghmi-import`: the IPMI client library `pyghmi`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::report_imports;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags imports of `pyghmi`, a client for IPMI, the out-of-band management protocol of
server baseboard controllers. Off by default: importing it says only that the program
speaks IPMI; enable it (`--extend-select pyghmi-import`) to list where that happens.

## Why is this bad?
IPMI 2.0's RAKP authentication hands any client a salted hash of the user's password
before it has authenticated (so passwords can be cracked offline), cipher suite 0 lets
anyone in with no password at all on many controllers, and the protocol's encryption is
weak. A baseboard controller that can be reached this way gives full control of the
machine, below the operating system.

## Example
```python
from pyghmi.ipmi import command

def power_cycle(bmc, password):
    command.Command(bmc=bmc, userid="admin", password=password).set_power("reset")
```

## Use instead
Manage servers over Redfish (HTTPS, with certificate verification) and keep IPMI off or
restricted to an isolated management network.

## References
- CWE-319: Cleartext Transmission of Sensitive Information
- OWASP Top 10 2025: A04 Cryptographic Failures
- CISA / US-CERT Alert TA13-207A: Risks of Using the Intelligent Platform Management
  Interface (IPMI)
"#;

/// Metadata of `pyghmi-import`.
pub static META: RuleMeta = RuleMeta {
    id: "pyghmi-import",
    title: "IPMI client library imported",
    category: Category::Network,
    cwe: &[319],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Low,
    confidence: Confidence::High,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B415"],
    ruff: &["S415"],
    docs: DOCS,
};

/// The rule: inspects import statements.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &["pyghmi"],
};

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    report_imports(ctx, stmt, &["pyghmi"], |name| {
        format!(
            "`{name}` imports the IPMI client `pyghmi`; IPMI leaks password hashes to unauthenticated clients and is weakly encrypted, so keep it on an isolated management network or use Redfish over HTTPS"
        )
    });
}

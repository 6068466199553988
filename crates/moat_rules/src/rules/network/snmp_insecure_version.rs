//! `snmp-insecure-version`: SNMP v1 and v2c, which authenticate with a cleartext
//! community string.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags pysnmp's `CommunityData(...)` (from `pysnmp.hlapi` or any of its sub-modules), which
selects SNMP v1 (`mpModel=0`) or v2c (`mpModel=1`, the default). A non-constant `mpModel`
is not flagged.

## Why is this bad?
SNMP v1 and v2c have no encryption and authenticate with a community string sent in the
clear in every packet. Anyone who sees one request can read the device's data and, with a
write community, reconfigure it.

## Example
```python
from pysnmp.hlapi import CommunityData

auth = CommunityData("public", mpModel=0)
```

## Use instead
Use SNMP v3 with authentication and privacy:
```python
from pysnmp.hlapi import UsmUserData, usmHMACSHAAuthProtocol, usmAesCfb128Protocol

auth = UsmUserData(
    "monitor", AUTH_KEY, PRIV_KEY,
    authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol,
)
```

## References
- CWE-319: Cleartext Transmission of Sensitive Information
- OWASP Top 10 2025: A04 Cryptographic Failures
- CISA Alert TA17-156A: Reducing the Risk of SNMP Abuse
"#;

/// Metadata of `snmp-insecure-version`.
pub static META: RuleMeta = RuleMeta {
    id: "snmp-insecure-version",
    title: "SNMP v1 or v2c with a cleartext community string",
    category: Category::Network,
    cwe: &[319],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B508"],
    ruff: &["S508"],
    docs: DOCS,
};

/// The rule: inspects `CommunityData` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["pysnmp"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !callee.starts_with("pysnmp.") || !callee.ends_with(".CommunityData") {
        return;
    }
    let version = match call.arguments.find_keyword("mpModel") {
        None => "v2c",
        Some(keyword) => match ctx.constant(&keyword.value) {
            Some(Constant::Int(0)) => "v1",
            Some(Constant::Int(1)) => "v2c",
            _ => return,
        },
    };
    ctx.report(
        call.range(),
        format!("`{}` selects SNMP {version}, which sends its community string unencrypted in every request; use SNMP v3 with `UsmUserData` and both an auth and a privacy key", ctx.snippet(call)),
    );
}

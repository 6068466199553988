//! `snmp-weak-authentication`: SNMP v3 users without authentication or encryption.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags pysnmp's `UsmUserData(...)` without an authentication key (security level
`noAuthNoPriv`) or without a privacy key (`authNoPriv`), and with
`authProtocol=usmNoAuthProtocol` or `privProtocol=usmNoPrivProtocol`. Keys that are not
known constants count as given.

## Why is this bad?
Without authentication anyone can send requests as that user; without privacy every
value read from or written to the device crosses the network in the clear, including
configuration and credentials held in MIBs.

## Example
```python
from pysnmp.hlapi import UsmUserData

user = UsmUserData("monitor", AUTH_KEY)
```

## Use instead
```python
from pysnmp.hlapi import UsmUserData, usmHMACSHAAuthProtocol, usmAesCfb128Protocol

user = UsmUserData(
    "monitor", AUTH_KEY, PRIV_KEY,
    authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol,
)
```

## References
- CWE-319: Cleartext Transmission of Sensitive Information
- CWE-306: Missing Authentication for Critical Function
- OWASP Top 10 2025: A04 Cryptographic Failures
- RFC 3414: User-based Security Model (USM) for SNMPv3
"#;

/// Metadata of `snmp-weak-authentication`.
pub static META: RuleMeta = RuleMeta {
    id: "snmp-weak-authentication",
    title: "SNMP v3 user without authentication or privacy",
    category: Category::Network,
    cwe: &[319, 306],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B509"],
    ruff: &["S509"],
    docs: DOCS,
};

/// The rule: inspects `UsmUserData` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["pysnmp"],
};

/// Whether the key argument is given and not a constant empty value or `None`.
fn has_key(ctx: &Context<'_, '_>, call: &ExprCall, name: &str, position: usize) -> bool {
    call.arguments
        .find_argument_value(name, position)
        .is_some_and(|key| ctx.constant(key).is_none_or(|value| value.is_truthy()))
}

/// Whether the protocol keyword `name` names pysnmp's "none" protocol `none`.
fn is_none_protocol(ctx: &Context<'_, '_>, call: &ExprCall, name: &str, none: &str) -> bool {
    call.arguments.find_keyword(name).is_some_and(|keyword| {
        ctx.resolve(&keyword.value)
            .is_some_and(|q| q.starts_with("pysnmp.") && q.ends_with(none))
    })
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if !callee.starts_with("pysnmp.") || !callee.ends_with(".UsmUserData") {
        return;
    }
    let auth = has_key(ctx, call, "authKey", 1)
        && !is_none_protocol(ctx, call, "authProtocol", "usmNoAuthProtocol");
    let privacy = has_key(ctx, call, "privKey", 2)
        && !is_none_protocol(ctx, call, "privProtocol", "usmNoPrivProtocol");
    let level = match (auth, privacy) {
        (true, true) => return,
        (false, _) => "`noAuthNoPriv`: requests are neither authenticated nor encrypted",
        (true, false) => "`authNoPriv`: requests are authenticated but travel unencrypted",
    };
    ctx.report(
        call.range(),
        format!("`{}` sets up an SNMP v3 user at security level {level}; give both an `authKey` and a `privKey` (SHA and AES)", ctx.snippet(call)),
    );
}

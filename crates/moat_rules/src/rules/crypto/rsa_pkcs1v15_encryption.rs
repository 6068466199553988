//! `rsa-pkcs1v15-encryption`: RSA encryption with PKCS#1 v1.5 padding instead of OAEP.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::values;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags RSA encryption and decryption with PKCS#1 v1.5 padding:
- `cryptography`: `key.encrypt(message, padding.PKCS1v15())` and
  `key.decrypt(ciphertext, padding.PKCS1v15())`, the padding also through a variable
  bound once. The same padding given to `sign` and `verify` is not flagged: PKCS#1 v1.5
  signatures are not affected;
- PyCryptodome and PyCrypto: `PKCS1_v1_5.new(key)` from `Crypto.Cipher` (not the
  signature scheme of the same name in `Crypto.Signature`);
- the `rsa` package: `rsa.encrypt` and `rsa.decrypt`, which only do PKCS#1 v1.5;
- python-jose: `jwe.encrypt(…, algorithm="RSA1_5")`.

Test files are not checked.

## Why is this bad?
PKCS#1 v1.5 encryption padding is open to Bleichenbacher's padding-oracle attack: a
server that reveals in any way (an error message, a timing difference) whether a
ciphertext decrypted to valid padding lets an attacker decrypt any message, or sign with
the key, through a series of adaptive queries. The attack keeps reappearing (ROBOT,
2017) because the oracle is hard to avoid.

## Example
```python
from cryptography.hazmat.primitives.asymmetric import padding

def wrap_key(public_key, key):
    return public_key.encrypt(key, padding.PKCS1v15())
```

## Use instead
Use OAEP with SHA-256:
```python
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

def wrap_key(public_key, key):
    return public_key.encrypt(
        key,
        padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
    )
```

## References
- CWE-780: Use of RSA Algorithm without OAEP
- CWE-327: Use of a Broken or Risky Cryptographic Algorithm
- OWASP Top 10 2025: A04 Cryptographic Failures
- RFC 8017 (PKCS #1 v2.2), section 7.2: "RSAES-PKCS1-v1_5 … is included only for
  compatibility with existing applications"
- Böck, Somorovsky, Young: Return Of Bleichenbacher's Oracle Threat (ROBOT), 2018
"#;

/// Metadata of `rsa-pkcs1v15-encryption`.
pub static META: RuleMeta = RuleMeta {
    id: "rsa-pkcs1v15-encryption",
    title: "RSA encryption with PKCS#1 v1.5 padding",
    category: Category::Crypto,
    cwe: &[780, 327],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects RSA encryption calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_call), Check::Expr(check_method)],
    modules: &["cryptography", "Crypto", "Cryptodome", "rsa", "jose"],
};

const PKCS1V15_PADDING: &str = "cryptography.hazmat.primitives.asymmetric.padding.PKCS1v15";

const ADVICE: &str = "this padding is open to Bleichenbacher's padding-oracle attack, which decrypts messages through a server's error or timing behaviour; use OAEP";

/// Functions that encrypt or decrypt with PKCS#1 v1.5 padding whatever their arguments.
const PKCS1V15_FUNCTIONS: &[&str] = &[
    "Crypto.Cipher.PKCS1_v1_5.new",
    "Cryptodome.Cipher.PKCS1_v1_5.new",
    "rsa.encrypt",
    "rsa.decrypt",
    "rsa.pkcs1.encrypt",
    "rsa.pkcs1.decrypt",
];

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if PKCS1V15_FUNCTIONS.contains(&callee) {
        ctx.report(
            call.range(),
            format!("`{callee}` uses RSA with PKCS#1 v1.5 padding: {ADVICE}"),
        );
    } else if callee == "jose.jwe.encrypt"
        && let Some(algorithm) = call.arguments.find_argument_value("algorithm", 3)
        && ctx
            .constant(algorithm)
            .as_ref()
            .and_then(|c| c.as_str())
            .is_some_and(|a| a == "RSA1_5")
    {
        let code = ctx.snippet(algorithm);
        ctx.report(
            algorithm.range(),
            format!("`{callee}` wraps the content key with `{code}`, RSA with PKCS#1 v1.5 padding: {ADVICE} (`RSA-OAEP-256`)"),
        );
    }
}

/// `key.encrypt(message, padding.PKCS1v15())` and `key.decrypt(…)`.
fn check_method(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    if !matches!(method.attr.id.as_str(), "encrypt" | "decrypt") {
        return;
    }
    let Some(padding) = call.arguments.find_argument_value("padding", 1) else {
        return;
    };
    if values::made_by(ctx, padding).as_deref() != Some(PKCS1V15_PADDING) {
        return;
    }
    let code = ctx.snippet(padding);
    let function = ctx.snippet(&*call.func);
    ctx.report(
        padding.range(),
        format!("`{function}` is given `{code}`, RSA with PKCS#1 v1.5 padding: {ADVICE} (`padding.OAEP`)"),
    );
}

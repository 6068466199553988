//! `weak-key-size`: RSA, DSA and Diffie-Hellman keys under 2048 bits, elliptic curves
//! under 224 bits.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::values::{self, int_argument};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags the generation of asymmetric keys too small to resist attack:
- RSA, DSA and Diffie-Hellman sizes under 2048 bits: `cryptography`'s
  `rsa.generate_private_key(public_exponent, key_size)`, `dsa.generate_private_key`,
  `dsa.generate_parameters` and `dh.generate_parameters(generator, key_size)`;
  PyCryptodome's (and PyCrypto's) `RSA.generate(bits)` and `DSA.generate(bits)`; the
  `rsa` package's `rsa.newkeys(nbits)`; paramiko's `RSAKey.generate(bits)` and
  `DSSKey.generate(bits)`, whose default is 1024 bits;
- elliptic curves under 224 bits: `ec.generate_private_key(ec.SECP192R1())` and
  `ec.derive_private_key(value, curve)` with `SECP192R1`, `SECT163K1` or `SECT163R2`, and
  PyCryptodome's `ECC.generate(curve="P-192")` (any spelling of that curve).

The size is read by keyword or by position, and folded through variables and module
constants (`KEY_BITS = 1024`). Sizes under 1024 bits are high severity, 1024 to 2047
medium (as Bandit's B505), elliptic curves of 163 and 192 bits medium. Test files are
not checked: tests often make small keys to run fast.

## Why is this bad?
A 1024-bit RSA or DSA key, or a 1024-bit Diffie-Hellman group, is within reach of
well-funded attackers (512-bit RSA keys are factored in hours on rented machines), and
NIST has disallowed them since 2013. A 192-bit or smaller elliptic curve gives less than
the 112-bit security NIST requires. Keys are used for years and signatures and recorded
key exchanges stay valuable, so the margin matters.

## Example
```python
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
```

## Use instead
Use at least 2048 bits (3072 for keys meant to last beyond 2030), or an elliptic curve
of 256 bits or more:
```python
from cryptography.hazmat.primitives.asymmetric import ec, rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
signing_key = ec.generate_private_key(ec.SECP256R1())
```

## References
- CWE-326: Inadequate Encryption Strength
- OWASP Top 10 2025: A04 Cryptographic Failures
- NIST SP 800-131A Rev. 2: Transitioning the Use of Cryptographic Algorithms and Key Lengths
- NIST SP 800-57 Part 1 Rev. 5: Recommendation for Key Management
"#;

/// Metadata of `weak-key-size`.
pub static META: RuleMeta = RuleMeta {
    id: "weak-key-size",
    title: "Asymmetric key too small",
    category: Category::Crypto,
    cwe: &[326],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B505"],
    ruff: &["S505"],
    docs: DOCS,
};

/// The rule: inspects calls that generate asymmetric keys.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["cryptography", "Crypto", "Cryptodome", "rsa", "paramiko"],
};

/// Smallest RSA, DSA and DH size NIST allows.
const MIN_BITS: i128 = 2048;
/// Under this, a size is high severity.
const BROKEN_BITS: i128 = 1024;

/// A key-generating function whose size is an argument.
struct SizedKey {
    callee: &'static str,
    /// What it makes, for messages (`RSA key`, `Diffie-Hellman group`).
    what: &'static str,
    keyword: &'static str,
    position: usize,
    /// The size used when the argument is left out, if the function has a default.
    default: Option<i128>,
}

const fn sized(
    callee: &'static str,
    what: &'static str,
    keyword: &'static str,
    position: usize,
) -> SizedKey {
    SizedKey {
        callee,
        what,
        keyword,
        position,
        default: None,
    }
}

const SIZED_KEYS: &[SizedKey] = &[
    sized(
        "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key",
        "RSA key",
        "key_size",
        1,
    ),
    sized(
        "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key",
        "DSA key",
        "key_size",
        0,
    ),
    sized(
        "cryptography.hazmat.primitives.asymmetric.dsa.generate_parameters",
        "DSA parameter set",
        "key_size",
        0,
    ),
    sized(
        "cryptography.hazmat.primitives.asymmetric.dh.generate_parameters",
        "Diffie-Hellman group",
        "key_size",
        1,
    ),
    sized("Crypto.PublicKey.RSA.generate", "RSA key", "bits", 0),
    sized("Crypto.PublicKey.DSA.generate", "DSA key", "bits", 0),
    sized("Cryptodome.PublicKey.RSA.generate", "RSA key", "bits", 0),
    sized("Cryptodome.PublicKey.DSA.generate", "DSA key", "bits", 0),
    sized("rsa.newkeys", "RSA key", "nbits", 0),
    sized("rsa.key.newkeys", "RSA key", "nbits", 0),
    sized("paramiko.RSAKey.generate", "RSA key", "bits", 0),
    sized("paramiko.rsakey.RSAKey.generate", "RSA key", "bits", 0),
    SizedKey {
        default: Some(1024),
        ..sized("paramiko.DSSKey.generate", "DSA key", "bits", 0)
    },
    SizedKey {
        default: Some(1024),
        ..sized("paramiko.dsskey.DSSKey.generate", "DSA key", "bits", 0)
    },
];

/// `cryptography` curves under 224 bits, by class name, with their size.
const WEAK_CURVES: &[(&str, u32)] = &[("SECP192R1", 192), ("SECT163K1", 163), ("SECT163R2", 163)];

/// PyCryptodome's names for NIST P-192 (compared in lowercase).
const P192_NAMES: &[&str] = &["p-192", "p192", "nist p-192", "prime192v1", "secp192r1"];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if let Some(key) = SIZED_KEYS.iter().find(|k| k.callee == callee) {
        check_size(ctx, call, key);
        return;
    }
    let curve = match callee {
        "cryptography.hazmat.primitives.asymmetric.ec.generate_private_key" => {
            call.arguments.find_argument_value("curve", 0)
        }
        "cryptography.hazmat.primitives.asymmetric.ec.derive_private_key" => {
            call.arguments.find_argument_value("curve", 1)
        }
        "Crypto.PublicKey.ECC.generate" | "Cryptodome.PublicKey.ECC.generate" => {
            call.arguments.find_keyword("curve").map(|k| &k.value)
        }
        _ => return,
    };
    let Some(curve) = curve else {
        return;
    };
    if let Some(bits) = weak_curve(ctx, curve) {
        let code = ctx.snippet(curve);
        ctx.report(
            call.range(),
            format!("`{callee}` uses the {bits}-bit curve `{code}`, which gives less than the 112-bit security NIST requires; use a curve of 256 bits or more (`SECP256R1`, `P-256`) or Ed25519"),
        );
    }
}

/// Reports a key size under [`MIN_BITS`].
fn check_size(ctx: &mut Context<'_, '_>, call: &ExprCall, key: &SizedKey) {
    let given = call
        .arguments
        .find_argument_value(key.keyword, key.position)
        .map(|value| ctx.snippet(value));
    let bits = match &given {
        Some(_) => int_argument(ctx, call, key.keyword, key.position),
        None => key.default,
    };
    let Some(bits) = bits.filter(|&b| b < MIN_BITS) else {
        return;
    };
    let how = match given {
        Some(code) if code == bits.to_string() => format!("a {bits}-bit"),
        Some(code) => format!("a {bits}-bit (`{code}`)"),
        None => format!("by default a {bits}-bit"),
    };
    let severity = if bits < BROKEN_BITS {
        Severity::High
    } else {
        Severity::Medium
    };
    let callee = key.callee;
    let what = key.what;
    ctx.report(
        call.range(),
        format!("`{callee}` makes {how} {what}; sizes under 2048 bits can be broken by well-funded attackers and are disallowed by NIST; use 2048 bits or more (3072 for long-lived keys)"),
    )
    .severity(severity);
}

/// The size of a weak curve given as `ec.SECP192R1()`, `ec.SECP192R1` or `"P-192"`.
fn weak_curve(ctx: &Context<'_, '_>, curve: &Expr) -> Option<u32> {
    if let Some(name) = ctx.constant(curve).as_ref().and_then(|c| c.as_str()) {
        let lower = name.to_ascii_lowercase();
        return P192_NAMES.contains(&lower.as_str()).then_some(192);
    }
    let at = values::origin(ctx, curve);
    let class = match at.expr {
        Expr::Call(_) => values::made_by(ctx, curve),
        _ => values::resolve(ctx, at),
    }?;
    let class = class.strip_prefix("cryptography.hazmat.primitives.asymmetric.ec.")?;
    WEAK_CURVES
        .iter()
        .find(|(name, _)| *name == class)
        .map(|&(_, bits)| bits)
}

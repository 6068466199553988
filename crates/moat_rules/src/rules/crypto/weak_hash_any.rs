//! `weak-hash-any`: every MD5 and SHA-1 hash, for audits (off by default).

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::weak_hash;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Lists every MD5, SHA-1, MD4 and MD2 hash made with `hashlib` (`hashlib.md5`,
`hashlib.sha1`, `hashlib.new("md5")`), PyCryptodome (`Crypto.Hash.MD5.new` and the
others, also under `Cryptodome`) and `cryptography` (`hashes.MD5()`, `hashes.SHA1()`),
whatever the digest is used for. A call given `usedforsecurity=False` is not listed.

Off by default. Most MD5 and SHA-1 in real code are checksums, ETags, cache keys, file
fingerprints or required by a format (version-5 UUIDs, Git object ids), where a collision
costs nothing. `weak-hash` reports by default the hashes whose use shows they must resist
attack (a password, a signature, a token, a key). Turn this one on with
`--select weak-hash-any` (or `B303`, `B324`, `S303`, `S324`, `ALL`) to review every
weak hash, or to find the places to mark `usedforsecurity=False` (which also keeps them
working on FIPS-mode systems, where these hashes are refused for security use).

Where `weak-hash` reports the same call, this rule stays quiet on that line.

## Why is this bad?
Collisions for MD5 and SHA-1 can be computed cheaply, so they no longer prove that data
was not tampered with: two documents, certificates or packages with the same hash can be
prepared in advance. Both are also fast, so a password hashed with them (even salted) is
cracked by brute force on ordinary hardware. A hash used for a checksum today may be
relied on for integrity tomorrow.

## Example
```python
import hashlib

def fingerprint(path):
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read()).hexdigest()
```

## Use instead
Say that the hash is not a security use, or use SHA-256:
```python
import hashlib

def fingerprint(path):
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read(), usedforsecurity=False).hexdigest()
```

## References
- CWE-328: Use of Weak Hash
- CWE-327: Use of a Broken or Risky Cryptographic Algorithm
- OWASP Top 10 2025: A04 Cryptographic Failures
- Python docs: `hashlib` — `usedforsecurity`
"#;

/// Metadata of `weak-hash-any`.
pub static META: RuleMeta = RuleMeta {
    id: "weak-hash-any",
    title: "Weak hash function (any use)",
    category: Category::Crypto,
    cwe: &[328, 327],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B303", "B324"],
    ruff: &["S303", "S324"],
    docs: DOCS,
};

/// The rule: inspects calls into hashing libraries.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["hashlib", "Crypto", "Cryptodome", "cryptography"],
};

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some((called, algorithm)) = weak_hash::weak_hash_call(ctx, call, callee) else {
        return;
    };
    let checksum = if callee.starts_with("hashlib.") {
        "pass `usedforsecurity=False` if this is only a checksum"
    } else {
        "keep it only where it is a checksum"
    };
    ctx.report(
        call.range(),
        format!("{called} hashes with {algorithm}, which is broken for security uses; use SHA-256 or better, or {checksum}"),
    );
}

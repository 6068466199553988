//! `weak-hash`: MD5, SHA-1 and older hashes used where a hash may need to resist attack.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, Stmt};

const DOCS: &str = r#"## What it does
Flags the creation of MD5, SHA-1, MD4 and MD2 hashes: `hashlib.md5`, `hashlib.sha1`,
`hashlib.new("md5")` (any case, also when the name is a constant), `Crypto.Hash.MD5.new`
and the other weak hashes of PyCryptodome (`Crypto` and `Cryptodome`), and
`cryptography`'s `hashes.MD5()` and `hashes.SHA1()`.

It also flags DES and MD5 password hashes made with the `crypt` module:
`crypt.crypt(word, salt)` whose salt is `crypt.METHOD_CRYPT` or `crypt.METHOD_MD5` (also
through a variable or `from crypt import …`), or a constant salt in those formats (`"ab"`,
`"$1$…"`), and `crypt.mksalt(crypt.METHOD_CRYPT)` / `crypt.mksalt(crypt.METHOD_MD5)`.
These findings are high severity. `METHOD_SHA256`, `METHOD_SHA512`, `METHOD_BLOWFISH`, a
salt that is not a constant (such as the stored hash, when checking a password) and
`crypt.mksalt()` with no method (the strongest available) are not flagged.

A call given `usedforsecurity=False` (Python 3.9+) is not flagged: it states that the hash
is a checksum or a cache key. Findings have high confidence and severity when the names
around the call (the variable it is assigned to, the enclosing function, its argument)
speak of passwords, tokens, keys, signatures or verification, and medium otherwise.
Test files are not checked: tests of protocols and file formats compute these hashes
because the format requires them.

## Why is this bad?
Collisions for MD5 and SHA-1 can be computed cheaply, so they no longer prove that data
was not tampered with: two documents, certificates or packages with the same hash can be
prepared in advance. Both are also fast, so a password hashed with them (even salted) is
cracked by brute force on ordinary hardware.

## Example
```python
import hashlib

def store_password(user, password):
    user.password_hash = hashlib.md5(password.encode()).hexdigest()
```

## Use instead
Use a password hashing function for passwords, and SHA-256 or better for integrity:
```python
import hashlib
import os

def store_password(user, password):
    salt = os.urandom(16)
    user.password_hash = salt + hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=5)

def cache_key(url):
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()
```

## References
- CWE-328: Use of Weak Hash
- CWE-327: Use of a Broken or Risky Cryptographic Algorithm
- CWE-916: Use of Password Hash With Insufficient Computational Effort
- OWASP Top 10 2025: A04 Cryptographic Failures
- Python docs: `hashlib` — `usedforsecurity`; `crypt` — `METHOD_CRYPT`, `METHOD_MD5`
"#;

/// Metadata of `weak-hash`.
pub static META: RuleMeta = RuleMeta {
    id: "weak-hash",
    title: "Weak hash function",
    category: Category::Crypto,
    cwe: &[328, 327, 916],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B303", "B324"],
    ruff: &["S303", "S324"],
    docs: DOCS,
};

/// The rule: inspects calls into hashing libraries.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["hashlib", "Crypto", "Cryptodome", "cryptography", "crypt"],
};

/// Constructors of weak hashes, and the algorithm they make.
const WEAK_CONSTRUCTORS: &[(&str, &str)] = &[
    ("hashlib.md5", "MD5"),
    ("hashlib.sha1", "SHA-1"),
    ("Crypto.Hash.MD2.new", "MD2"),
    ("Crypto.Hash.MD4.new", "MD4"),
    ("Crypto.Hash.MD5.new", "MD5"),
    ("Crypto.Hash.SHA.new", "SHA-1"),
    ("Crypto.Hash.SHA1.new", "SHA-1"),
    ("Cryptodome.Hash.MD2.new", "MD2"),
    ("Cryptodome.Hash.MD4.new", "MD4"),
    ("Cryptodome.Hash.MD5.new", "MD5"),
    ("Cryptodome.Hash.SHA.new", "SHA-1"),
    ("Cryptodome.Hash.SHA1.new", "SHA-1"),
    ("cryptography.hazmat.primitives.hashes.MD5", "MD5"),
    ("cryptography.hazmat.primitives.hashes.SHA1", "SHA-1"),
];

/// Names `hashlib.new` accepts for weak hashes (compared in lowercase).
const WEAK_NAMES: &[(&str, &str)] = &[
    ("md2", "MD2"),
    ("md4", "MD4"),
    ("md5", "MD5"),
    ("md5-sha1", "MD5-SHA1"),
    ("md5_sha1", "MD5-SHA1"),
    ("sha", "SHA-1"),
    ("sha1", "SHA-1"),
    ("sha-1", "SHA-1"),
];

/// `crypt` methods whose hashes are broken, and the hash they make.
const WEAK_CRYPT_METHODS: &[(&str, &str)] = &[
    ("crypt.METHOD_CRYPT", "DES crypt"),
    ("crypt.METHOD_MD5", "MD5 crypt"),
];

/// Words beyond the shared secret vocabulary that point at a security use of a hash.
const SECURITY_WORDS: &[&str] = &[
    "authenticate",
    "authentication",
    "hmac",
    "login",
    "sign",
    "signature",
    "signed",
    "signing",
    "verification",
    "verify",
];

/// The broken algorithm a call to `callee` hashes with (`MD5`, `SHA-1`…), if any:
/// a weak constructor, or `hashlib.new` given a weak name.
pub(crate) fn weak_algorithm(
    ctx: &Context<'_, '_>,
    call: &ExprCall,
    callee: &str,
) -> Option<&'static str> {
    if callee == "hashlib.new" {
        let name = call.arguments.find_argument_value("name", 0)?;
        let value = ctx.constant(name)?;
        let lower = value.as_str()?.to_ascii_lowercase();
        WEAK_NAMES
            .iter()
            .find(|(n, _)| *n == lower)
            .map(|&(_, algorithm)| algorithm)
    } else {
        WEAK_CONSTRUCTORS
            .iter()
            .find(|(name, _)| *name == callee)
            .map(|&(_, algorithm)| algorithm)
    }
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if matches!(callee, "crypt.crypt" | "crypt.mksalt") {
        check_crypt(ctx, call, callee);
        return;
    }
    let Some(algorithm) = weak_algorithm(ctx, call, callee) else {
        return;
    };
    if let Some(flag) = call.arguments.find_keyword("usedforsecurity")
        && ctx.constant(&flag.value).is_some_and(|v| !v.is_truthy())
    {
        return;
    }
    let called = if callee == "hashlib.new" {
        let name = call
            .arguments
            .find_argument_value("name", 0)
            .map(|n| ctx.text(n))
            .unwrap_or_default();
        format!("`hashlib.new({name})`")
    } else {
        format!("`{callee}`")
    };
    match security_use(ctx, call) {
        Some(hint) => {
            ctx.report(
                call.range(),
                format!("{called} hashes with {algorithm}, which is broken, and {hint} suggests a security use; use SHA-256 or better, or a password hash (`hashlib.scrypt`, argon2) for passwords"),
            )
            .severity(Severity::High)
            .confidence(Confidence::High);
        }
        None => {
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
    }
}

/// `crypt.crypt(word, salt)` and `crypt.mksalt(method)` with a DES or MD5 method.
fn check_crypt(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let method = if callee == "crypt.crypt" {
        call.arguments.find_argument_value("salt", 1)
    } else {
        call.arguments.find_argument_value("method", 0)
    };
    let Some(method) = method else {
        return;
    };
    let Some(algorithm) = weak_crypt_method(ctx, method, callee == "crypt.crypt") else {
        return;
    };
    let what = if callee == "crypt.crypt" {
        "hashes the password with"
    } else {
        "makes a salt for"
    };
    ctx.report(
        call.range(),
        format!("`{callee}` {what} {algorithm} (`{}`), a password hash that ordinary hardware cracks quickly; use argon2, bcrypt or scrypt (or at least `crypt.METHOD_SHA512`)", ctx.snippet(method)),
    )
    .severity(Severity::High)
    .confidence(Confidence::High);
}

/// The broken hash a `crypt` method or salt makes: `crypt.METHOD_CRYPT` or
/// `crypt.METHOD_MD5`, or (for a `salt`) a constant salt in their formats: `$1$…` is MD5,
/// two characters of the salt alphabet with no `$` are DES.
fn weak_crypt_method(ctx: &Context<'_, '_>, method: &Expr, salt: bool) -> Option<&'static str> {
    if let Some(name) = ctx.resolve(method) {
        return WEAK_CRYPT_METHODS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, algorithm)| algorithm);
    }
    let constant = ctx.constant(method).filter(|_| salt)?;
    let text = constant.as_str()?;
    if text.starts_with("$1$") {
        return Some("MD5 crypt");
    }
    let is_salt_char = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '/';
    (text.len() >= 2 && text.chars().take(2).all(is_salt_char)).then_some("DES crypt")
}

/// The name near the call that suggests the hash protects something, for the message.
fn security_use(ctx: &Context<'_, '_>, call: &ExprCall) -> Option<String> {
    let suggests = |name: &str| {
        let words = words::split(name);
        words::secret_hint(&words).is_some()
            || (words::descriptor(&words).is_none()
                && words.iter().any(|w| SECURITY_WORDS.contains(&w.as_str())))
    };
    // Where the digest is stored...
    if let Some(stmt) = ctx.statement() {
        let targets: Vec<_> = match stmt {
            Stmt::Assign(assign) => assign.targets.iter().collect(),
            Stmt::AnnAssign(assign) => vec![assign.target.as_ref()],
            _ => Vec::new(),
        };
        for target in targets {
            if let Some(name) = words::target_name(target)
                && suggests(name)
            {
                return Some(format!("`{name}`"));
            }
        }
    }
    // ...what is hashed...
    for argument in &call.arguments.args {
        if words::identifiers(argument).into_iter().any(suggests) {
            return Some(format!("its input `{}`", ctx.snippet(argument)));
        }
    }
    // ...and the function it is in.
    let function = ctx.function_name().rsplit('.').next().unwrap_or_default();
    (!function.is_empty() && suggests(function)).then(|| format!("the function `{function}`"))
}

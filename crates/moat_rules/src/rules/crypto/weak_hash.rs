//! `weak-hash`: MD5, SHA-1 and older hashes used where a hash may need to resist attack.

use crate::context::Context;
use crate::handed_out::HandedOut;
use crate::rule::{Check, Rule};
use crate::value_uses::{self, Use};
use crate::words::{self, Hint};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags MD5, SHA-1, MD4 and MD2 hashes used where the hash must resist attack: a password,
a signature, a token, a key. The hashes are those of `hashlib.md5`, `hashlib.sha1`,
`hashlib.new("md5")` (any case, also when the name is a constant), `Crypto.Hash.MD5.new`
and the other weak hashes of PyCryptodome (`Crypto` and `Cryptodome`), and
`cryptography`'s `hashes.MD5()` and `hashes.SHA1()`. A hash is reported when one of
these shows a security use:
- what it hashes, the constructor's argument or a later `h.update(…)`, is by its name a
  secret (`password`, `token`, `secret_key`…);
- where the digest goes in the function, followed through variables, `.hexdigest()`,
  string building, conversions and containers: a name that says it is a secret, a
  signature or a check (`password_hash = …`, `signature=…`, `{"token": …}`), a
  comparison with such a name (`digest == request_signature`), `hmac.compare_digest`, a
  cookie's value, the session, or the key of a cipher (`AES.new(md5(pw).digest(), …)`);
- the digest is returned or compared in a function whose name signs, verifies or protects
  something (`def sign_payload(...)`, `def check_password(...)`);
- the digest is returned by a helper whose callers pass it a secret or put its result to
  one of the uses above (`def _digest(text): return md5(text).hexdigest()` with
  `user.password_hash = _digest(password)`). For a module-level helper, callers in other
  modules count too; the finding is then at the call, and its message says where the
  helper hashes. One step is followed: a caller that returns the digest again ends it.

MD5 and SHA-1 with no such use (checksums, ETags, cache keys, file fingerprints,
version-5 UUIDs, content addressing) are not reported: a collision there costs nothing,
and most are required by a file format or protocol. `weak-hash-any` (off by default)
lists every weak hash, for audits and Bandit's B303/B324 behaviour.

It also flags DES and MD5 password hashes made with the `crypt` module:
`crypt.crypt(word, salt)` whose salt is `crypt.METHOD_CRYPT` or `crypt.METHOD_MD5` (also
through a variable or `from crypt import …`), or a constant salt in those formats (`"ab"`,
`"$1$…"`), and `crypt.mksalt(crypt.METHOD_CRYPT)` / `crypt.mksalt(crypt.METHOD_MD5)`.
`METHOD_SHA256`, `METHOD_SHA512`, `METHOD_BLOWFISH`, a salt that is not a constant (such
as the stored hash, when checking a password) and `crypt.mksalt()` with no method (the
strongest available) are not flagged.

A call given `usedforsecurity=False` (Python 3.9+) is never flagged: it states that the
hash is a checksum or a cache key. Findings have high severity and confidence.

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
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B303", "B324"],
    ruff: &["S303", "S324"],
    docs: DOCS,
};

/// The rule: inspects calls into hashing libraries.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check), Check::CallerOf(check_caller)],
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
    "auth",
    "authenticate",
    "authentication",
    "hmac",
    "login",
    "mac",
    "sig",
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

/// A weak hash made by `call`, not marked `usedforsecurity=False`: the call as the
/// message shows it (`` `hashlib.md5` ``) and the broken algorithm.
pub(crate) fn weak_hash_call(
    ctx: &Context<'_, '_>,
    call: &ExprCall,
    callee: &str,
) -> Option<(String, &'static str)> {
    let algorithm = weak_algorithm(ctx, call, callee)?;
    if let Some(flag) = call.arguments.find_keyword("usedforsecurity")
        && ctx.constant(&flag.value).is_some_and(|v| !v.is_truthy())
    {
        return None;
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
    Some((called, algorithm))
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if matches!(callee, "crypt.crypt" | "crypt.mksalt") {
        check_crypt(ctx, call, callee);
        return;
    }
    let Some((called, algorithm)) = weak_hash_call(ctx, call, callee) else {
        return;
    };
    let Some(evidence) = security_use(ctx, call, &called, algorithm) else {
        return;
    };
    ctx.report(
        call.range(),
        format!("{called} hashes with {algorithm}, which is broken, and {evidence}: a security use; use SHA-256 or better, or a password hash (`hashlib.scrypt`, argon2) for passwords"),
    )
    .severity(Severity::High)
    .confidence(Confidence::High);
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

/// Whether `name` speaks of a secret, a signature or a check (`password_hash`,
/// `signature`, `verify_token`), and not only describes one (`token_length`).
fn suggests_security(name: &str) -> bool {
    let words = words::split(name);
    words::secret_hint(&words).is_some()
        || (words::descriptor(&words).is_none()
            && words.iter().any(|w| SECURITY_WORDS.contains(&w.as_str())))
}

/// The identifier of `expr` that `speaks` says speaks of security, a password's first
/// (`(salt + password)` is a password hash).
fn security_identifier(expr: &Expr, speaks: impl Fn(&str) -> bool) -> Option<&str> {
    let names: Vec<&str> = words::identifiers(expr)
        .into_iter()
        .filter(|name| speaks(name))
        .collect();
    let is_password = |name: &&&str| {
        words::split(name)
            .iter()
            .any(|w| matches!(w.as_str(), "password" | "passwd" | "pwd" | "passphrase"))
    };
    names.iter().find(is_password).or(names.first()).copied()
}

/// Cipher constructors whose first argument is the key.
fn is_cipher_constructor(callee: &str) -> bool {
    ((callee.starts_with("Crypto.Cipher.") || callee.starts_with("Cryptodome.Cipher."))
        && callee.ends_with(".new"))
        || callee.starts_with("cryptography.hazmat.primitives.ciphers.algorithms.")
        || callee == "cryptography.fernet.Fernet"
}

/// What shows the hash protects something, for the message: what it hashes (`h.update`
/// included), or where its digest goes in the function (a name that says secret or
/// signature, a comparison with one, `hmac.compare_digest`, a cookie, the session, a
/// cipher's key), or the name of the function that returns or compares it.
fn security_use(
    ctx: &mut Context<'_, '_>,
    call: &ExprCall,
    called: &str,
    algorithm: &str,
) -> Option<String> {
    let flow = value_uses::flow_of(ctx, call.range(), value_uses::Calls::Convert);
    let inputs: Vec<&Expr> = call
        .arguments
        .args
        .iter()
        .chain(flow.fed.iter().copied())
        .collect();
    if let Some((input, name)) = secret_input(&inputs) {
        return Some(format!(
            "what it hashes (`{}`) is by its name (`{name}`) a secret",
            ctx.snippet(input)
        ));
    }
    let here = uses_evidence(ctx, &flow.uses);
    if here.evidence.is_some() {
        return here.evidence;
    }
    // A digest named for what it is (`etag = md5(…)`) is that, whatever the function.
    if !here.returned_or_compared || here.named {
        return None;
    }
    let function = ctx.function_name().rsplit('.').next().unwrap_or_default();
    if !function.is_empty() && suggests_security(function) {
        return Some(format!(
            "the digest is returned or checked by `{function}`, which by its name signs, checks or protects something"
        ));
    }
    // A helper that returns the digest (`def _digest(text): return md5(…)`): what its
    // callers give it and do with it, in this module and then in others.
    for caller in value_uses::caller_flows(ctx, value_uses::Calls::Convert) {
        let line = ctx.line_of(caller.call.start());
        let at = if caller.caller.is_empty() {
            format!("line {line}")
        } else {
            format!("`{}` (line {line})", caller.caller)
        };
        match caller_use(ctx, caller.call, &caller.flow.uses) {
            Some(CallerUse::HashesSecret { argument, name }) => {
                return Some(format!(
                    "{at} calls `{function}` with `{}`, by its name (`{name}`) a secret, to hash",
                    ctx.snippet(argument)
                ));
            }
            Some(CallerUse::UsesDigest(evidence)) => {
                return Some(format!(
                    "`{function}` returns the digest to {at}, where {evidence}"
                ));
            }
            None => {}
        }
    }
    if flow.uses.iter().any(|u| matches!(u, Use::Returned)) {
        ctx.hand_out(call.range(), called.trim_matches('`'), algorithm);
    }
    None
}

/// A call, in another module, of a helper that returns a weak digest: reported at the
/// call when the caller hands it a secret to hash or uses the digest for security.
fn check_caller(ctx: &mut Context<'_, '_>, call: &ExprCall, value: &HandedOut) {
    let helper = &value.function;
    let flow = value_uses::flow_of(ctx, call.range(), value_uses::Calls::Convert);
    let evidence = match caller_use(ctx, call, &flow.uses) {
        Some(CallerUse::HashesSecret { argument, name }) => format!(
            "here it is given `{}`, by its name (`{name}`) a secret, to hash",
            ctx.snippet(argument)
        ),
        Some(CallerUse::UsesDigest(evidence)) => format!("here {evidence}"),
        None => return,
    };
    let message = format!(
        "`{helper}()` returns a digest `{}` makes with {} at {}, which is broken, and {evidence}: a security use; use SHA-256 or better in `{helper}`, or a password hash (`hashlib.scrypt`, argon2) for passwords",
        value.made_by,
        value.detail,
        value.origin()
    );
    ctx.report(call.range(), message)
        .severity(Severity::High)
        .confidence(Confidence::High);
}

/// What a call of a digest helper shows, in its module or another.
enum CallerUse<'e> {
    /// It passes the helper a secret to hash.
    HashesSecret { argument: &'e Expr, name: &'e str },
    /// It puts the digest to a security use (the words for the message).
    UsesDigest(String),
}

/// What the call `call` of a digest helper, whose result goes to `uses`, shows about the
/// digest; the same judgement for callers in the helper's module and in others.
fn caller_use<'e>(
    ctx: &Context<'_, '_>,
    call: &'e ExprCall,
    uses: &[Use<'_>],
) -> Option<CallerUse<'e>> {
    let arguments: Vec<&Expr> = call.arguments.args.iter().collect();
    if let Some((argument, name)) = secret_input(&arguments) {
        return Some(CallerUse::HashesSecret { argument, name });
    }
    uses_evidence(ctx, uses).evidence.map(CallerUse::UsesDigest)
}

/// The first of `inputs` with an identifier that strongly says secret (`password`,
/// `token`), and that identifier. Only a strong word: `post_data[key]` hashes an item,
/// not a key.
fn secret_input<'e>(inputs: &[&'e Expr]) -> Option<(&'e Expr, &'e str)> {
    let strong = |name: &str| {
        words::secret_hint(&words::split(name)).is_some_and(|(_, hint)| hint == Hint::Strong)
    };
    inputs
        .iter()
        .find_map(|input| security_identifier(input, strong).map(|name| (*input, name)))
}

/// What the places a digest goes to say about it.
struct UsesEvidence {
    /// The first security use, for the message.
    evidence: Option<String>,
    /// Whether it is returned or compared (where the function's name may decide).
    returned_or_compared: bool,
    /// Whether a name it is stored under says what it is (`etag`).
    named: bool,
}

fn uses_evidence(ctx: &Context<'_, '_>, uses: &[Use<'_>]) -> UsesEvidence {
    let mut out = UsesEvidence {
        evidence: None,
        returned_or_compared: false,
        named: false,
    };
    for place in uses {
        if let Use::Stored { name, .. } | Use::Keyword { name } | Use::DictKey { name } = place {
            out.named |= says_what_it_is(name);
        }
        let found = match place {
            Use::Stored { name, container } => {
                if suggests_security(name) {
                    Some(format!("the digest is stored as `{name}`"))
                } else {
                    container
                        .filter(|c| words::target_name(c).is_some_and(|n| n == "session"))
                        .map(|_| "the digest is stored in the session".to_string())
                }
            }
            Use::Keyword { name, .. } if suggests_security(name) => {
                Some(format!("the digest is passed as `{name}=`"))
            }
            Use::DictKey { name } if suggests_security(name) => {
                Some(format!("the digest is the value of key `\"{name}\"`"))
            }
            Use::Compared { other } => {
                out.returned_or_compared = true;
                security_identifier(other, suggests_security).map(|name| {
                    format!(
                        "the digest is compared with `{}` (by its name, `{name}`, a secret or signature)",
                        ctx.snippet(*other)
                    )
                })
            }
            Use::Argument { call, position } => argument_use(ctx, call, *position),
            Use::Returned => {
                out.returned_or_compared = true;
                None
            }
            _ => None,
        };
        if found.is_some() {
            out.evidence = found;
            return out;
        }
    }
    out
}

/// Words of a name that only say the value is a hash (`digest`, `h`, `hexdigest`).
const HASH_WORDS: &[&str] = &[
    "h",
    "m",
    "md5",
    "sha",
    "sha1",
    "digest",
    "hexdigest",
    "hash",
    "hashed",
    "hasher",
    "obj",
    "result",
    "res",
    "ret",
    "rv",
    "value",
    "val",
    "out",
    "s",
    "x",
    "d",
    "hex",
    "text",
    "data",
    "tmp",
    "computed",
    "new",
];

/// Whether `name` says what the digest is for (`etag`, `cache_key`), not only that it is
/// a digest (`digest`, `h`).
fn says_what_it_is(name: &str) -> bool {
    words::split(name)
        .iter()
        .any(|w| !HASH_WORDS.contains(&w.as_str()))
}

/// A security use of the digest as argument `position` of `call`.
fn argument_use(ctx: &Context<'_, '_>, call: &ExprCall, position: usize) -> Option<String> {
    if let Expr::Attribute(attribute) = call.func.as_ref()
        && matches!(
            attribute.attr.id.as_str(),
            "set_cookie" | "set_signed_cookie"
        )
        && position == 1
    {
        return Some("the digest is set as a cookie's value".to_string());
    }
    let callee = ctx.resolve(&call.func)?;
    if matches!(
        callee.as_str(),
        "hmac.compare_digest" | "secrets.compare_digest"
    ) {
        return Some(format!(
            "the digest is checked with `{callee}`, as a signature or token is"
        ));
    }
    (position == 0 && is_cipher_constructor(&callee)).then(|| {
        let short = callee.rsplit('.').take(2).collect::<Vec<_>>();
        let short = format!("{}.{}", short[1], short[0]);
        format!("the digest is the key of `{short}`, a key made from a fast hash")
    })
}

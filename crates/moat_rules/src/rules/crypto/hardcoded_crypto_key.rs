//! `hardcoded-crypto-key`: an encryption, MAC or token-signing key written into the code.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::values::{self, Fixed};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags a key fixed in the code (a string or bytes constant, `bytes(32)`, a constant
decoded with `bytes.fromhex`, `base64.b64decode` or `.encode()`, directly or through a
variable bound once or a module constant) passed as the key of:
- ciphers and AEADs of `cryptography` (`algorithms.AES(key)`, `ChaCha20`, `Camellia`,
  `AESGCM(key)`, `ChaCha20Poly1305`, `AESCCM`, `AESOCB3`, `AESSIV`, `AESGCMSIV`…),
  `Fernet(key)`, `hmac.HMAC(key, …)` and `Poly1305(key)`;
- PyCryptodome (`Crypto` and `Cryptodome`): `AES.new(key, …)` and every other cipher's
  `new`, `HMAC.new(key)`, `CMAC.new(key)`;
- the standard library's `hmac.new(key, …)`, `hmac.HMAC` and `hmac.digest`;
- PyNaCl's `SecretBox(key)`;
- JSON Web Tokens: PyJWT's and python-jose's `jwt.encode(payload, key)` and
  `jwt.decode(token, key)`, `jws.sign` and `jws.verify`;
- itsdangerous signers and serializers (`URLSafeTimedSerializer(secret_key)`…).

Empty keys and public keys (`-----BEGIN PUBLIC KEY-----`, certificates, `ssh-rsa …`)
are not flagged: verifying with a public key written in the code is fine. The message
gives the key's length, never its value. Test files are not checked.

## Why is this bad?
A key in the source is known to everyone who can read the repository, its history, a
built package or a container image, and it is the same in every deployment. Whoever has
it can decrypt the data, or forge MACs, signed cookies and JWTs the application will
trust, and it cannot be rotated without a release.

## Example
```python
import jwt

def issue_token(user_id):
    return jwt.encode({"sub": user_id}, "s3cr3t-signing-key", algorithm="HS256")
```

## Use instead
Load keys at run time from the environment, a secret manager or a key management
service:
```python
import os
import jwt

def issue_token(user_id):
    return jwt.encode({"sub": user_id}, os.environ["JWT_SIGNING_KEY"], algorithm="HS256")
```

## References
- CWE-321: Use of Hard-coded Cryptographic Key
- CWE-798: Use of Hard-coded Credentials
- OWASP Top 10 2025: A04 Cryptographic Failures
- OWASP Cryptographic Storage Cheat Sheet: key management
"#;

/// Metadata of `hardcoded-crypto-key`.
pub static META: RuleMeta = RuleMeta {
    id: "hardcoded-crypto-key",
    title: "Hardcoded cryptographic key",
    category: Category::Crypto,
    cwe: &[321, 798],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects calls that take a key.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &[
        "cryptography",
        "Crypto",
        "Cryptodome",
        "hmac",
        "nacl",
        "jwt",
        "jose",
        "itsdangerous",
    ],
};

/// Where a function takes its key: the keyword and the position.
type KeyArgument = (&'static str, usize);

/// `cryptography` cipher algorithms (in `primitives` and `decrepit`) that take a key.
const PYCA_ALGORITHMS: &[&str] = &[
    "AES",
    "AES128",
    "AES256",
    "ARC4",
    "Blowfish",
    "CAST5",
    "Camellia",
    "ChaCha20",
    "IDEA",
    "RC2",
    "SEED",
    "SM4",
    "TripleDES",
];

/// Other functions and classes that take a key, by qualified name.
const KEYED: &[(&str, KeyArgument)] = &[
    ("cryptography.fernet.Fernet", ("key", 0)),
    ("cryptography.hazmat.primitives.hmac.HMAC", ("key", 0)),
    (
        "cryptography.hazmat.primitives.poly1305.Poly1305",
        ("key", 0),
    ),
    (
        "cryptography.hazmat.primitives.ciphers.aead.AESGCM",
        ("key", 0),
    ),
    (
        "cryptography.hazmat.primitives.ciphers.aead.AESCCM",
        ("key", 0),
    ),
    (
        "cryptography.hazmat.primitives.ciphers.aead.AESOCB3",
        ("key", 0),
    ),
    (
        "cryptography.hazmat.primitives.ciphers.aead.AESSIV",
        ("key", 0),
    ),
    (
        "cryptography.hazmat.primitives.ciphers.aead.AESGCMSIV",
        ("key", 0),
    ),
    (
        "cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305",
        ("key", 0),
    ),
    ("hmac.new", ("key", 0)),
    ("hmac.HMAC", ("key", 0)),
    ("hmac.digest", ("key", 0)),
    ("nacl.secret.SecretBox", ("key", 0)),
    ("nacl.secret.Aead", ("key", 0)),
    ("jwt.encode", ("key", 1)),
    ("jwt.decode", ("key", 1)),
    ("jwt.api_jwt.encode", ("key", 1)),
    ("jwt.api_jwt.decode", ("key", 1)),
    ("jose.jwt.encode", ("key", 1)),
    ("jose.jwt.decode", ("key", 1)),
    ("jose.jws.sign", ("key", 1)),
    ("jose.jws.verify", ("key", 1)),
    ("itsdangerous.Signer", ("secret_key", 0)),
    ("itsdangerous.TimestampSigner", ("secret_key", 0)),
    ("itsdangerous.Serializer", ("secret_key", 0)),
    ("itsdangerous.TimedSerializer", ("secret_key", 0)),
    ("itsdangerous.URLSafeSerializer", ("secret_key", 0)),
    ("itsdangerous.URLSafeTimedSerializer", ("secret_key", 0)),
];

/// PyCryptodome modules (under `Crypto.` or `Cryptodome.`) whose `new` takes the key
/// first.
const PYCRYPTODOME_KEYED: &[&str] = &[
    "Cipher.AES",
    "Cipher.ARC2",
    "Cipher.ARC4",
    "Cipher.Blowfish",
    "Cipher.CAST",
    "Cipher.ChaCha20",
    "Cipher.ChaCha20_Poly1305",
    "Cipher.DES",
    "Cipher.DES3",
    "Cipher.Salsa20",
    "Cipher.XOR",
    "Hash.CMAC",
    "Hash.HMAC",
];

/// Where `callee` takes its key, if it takes one.
fn key_argument(callee: &str) -> Option<KeyArgument> {
    if let Some(&(_, argument)) = KEYED.iter().find(|(name, _)| *name == callee) {
        return Some(argument);
    }
    let algorithm = callee
        .strip_prefix("cryptography.hazmat.primitives.ciphers.algorithms.")
        .or_else(|| callee.strip_prefix("cryptography.hazmat.decrepit.ciphers.algorithms."));
    if algorithm.is_some_and(|a| PYCA_ALGORITHMS.contains(&a)) {
        return Some(("key", 0));
    }
    let module = callee
        .strip_prefix("Crypto.")
        .or_else(|| callee.strip_prefix("Cryptodome."))?
        .strip_suffix(".new")?;
    PYCRYPTODOME_KEYED.contains(&module).then_some(("key", 0))
}

/// Markers of public material, which may be written in the code.
const PUBLIC_MARKERS: &[&str] = &[
    "BEGIN PUBLIC KEY",
    "BEGIN RSA PUBLIC KEY",
    "BEGIN CERTIFICATE",
    "ssh-rsa ",
    "ssh-ed25519 ",
    "ecdsa-sha2-",
];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some((keyword, position)) = key_argument(callee) else {
        return;
    };
    let Some(key) = call.arguments.find_argument_value(keyword, position) else {
        return;
    };
    let Some(fixed) = values::fixed_value(ctx, key) else {
        return;
    };
    if fixed.is_empty() || is_public(ctx, key) {
        return;
    }
    let size = fixed
        .len()
        .map_or_else(String::new, |n| format!("{n}-byte "));
    let shown = match fixed {
        _ if matches!(key, Expr::StringLiteral(_) | Expr::BytesLiteral(_)) => String::new(),
        Fixed::Zeros(_) => format!(" (`{}`, all zero bytes)", ctx.snippet(key)),
        Fixed::Constant(_) if key.is_name_expr() || key.is_attribute_expr() => {
            format!(" (`{}`)", ctx.snippet(key))
        }
        Fixed::Constant(_) => String::new(),
    };
    ctx.report(
        key.range(),
        format!("`{callee}` is given a {size}key written in the code{shown}: anyone with the source can decrypt or forge what it protects, and it cannot be rotated; load it from the environment or a secret manager"),
    );
}

/// Whether the key is public material (a PEM public key, a certificate, an SSH public
/// key), which is fine to ship.
fn is_public(ctx: &Context<'_, '_>, key: &Expr) -> bool {
    let text = match values::constant(ctx, values::origin(ctx, key)) {
        Some(Constant::Str(s)) => s,
        Some(Constant::Bytes(b)) => String::from_utf8_lossy(&b).into_owned(),
        _ => return false,
    };
    PUBLIC_MARKERS.iter().any(|m| text.contains(m))
}

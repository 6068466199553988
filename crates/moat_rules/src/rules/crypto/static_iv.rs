//! `static-iv`: an IV or nonce written into the code, so every message reuses it.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::values::{self, Fixed};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags an initialisation vector or nonce that is fixed in the code rather than made
fresh for each message: a string or bytes constant, repeated bytes (`b"\x00" * 16`),
`bytes(16)`, `bytes([0] * 12)`, or a constant decoded at run time
(`bytes.fromhex("…")`, `base64.b64decode("…")`, `"…".encode()`), directly or through a
variable bound once or a module constant. It looks at:
- `cryptography`: `modes.CBC`, `CFB`, `CFB8`, `OFB`, `CTR` and `GCM` (their first
  argument), `algorithms.ChaCha20(key, nonce)`, and the `encrypt(nonce, …)` method of
  `AESGCM`, `AESCCM`, `AESOCB3` and `ChaCha20Poly1305` objects (when the object is made
  in the same call chain or by an assignment the name is bound to once);
- PyCryptodome (`Crypto` and `Cryptodome`): `AES.new(key, mode, iv)` and the other block
  ciphers, with the IV or nonce as third argument or as `iv=`, `IV=` or `nonce=`;
  `ChaCha20.new`, `ChaCha20_Poly1305.new` and `Salsa20.new` with `nonce=`;
- PyNaCl: `SecretBox(key).encrypt(message, nonce)` and `Box(…).encrypt(message, nonce)`.

An empty nonce is not flagged: PyCryptodome's CTR mode then takes the whole counter
block from `initial_value`. Test files are not checked: known-answer tests use published IVs.

## Why is this bad?
An IV or nonce must never repeat under one key. With CBC, a fixed IV makes equal
message prefixes encrypt alike, which leaks data and enables chosen-plaintext attacks.
With CTR, GCM, ChaCha20 and the other stream and AEAD modes, two messages under the same
nonce XOR to the XOR of their plaintexts, and GCM or Poly1305 additionally leak the
authentication key, so forged messages are accepted.

## Example
```python
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

def encrypt(key, data):
    encryptor = Cipher(algorithms.AES(key), modes.CBC(b"\x00" * 16)).encryptor()
    return encryptor.update(data) + encryptor.finalize()
```

## Use instead
Draw a fresh IV or nonce from `os.urandom` (or `secrets.token_bytes`) for every message
and send it with the ciphertext; better, use an AEAD:
```python
import os
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def encrypt(key, data):
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, None)
```

## References
- CWE-329: Generation of Predictable IV with CBC Mode
- CWE-1204: Generation of Weak Initialization Vector (IV)
- OWASP Top 10 2025: A04 Cryptographic Failures
- NIST SP 800-38A, appendix C, and SP 800-38D, section 8 (IV and nonce requirements)
"#;

/// Metadata of `static-iv`.
pub static META: RuleMeta = RuleMeta {
    id: "static-iv",
    title: "Constant IV or nonce",
    category: Category::Crypto,
    cwe: &[329, 1204],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects cipher constructors and AEAD `encrypt` calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_call), Check::Expr(check_method)],
    modules: &["cryptography", "Crypto", "Cryptodome", "nacl"],
};

/// `cryptography` modes whose first argument is the IV or nonce.
const PYCA_MODES: &[&str] = &["CBC", "CFB", "CFB8", "OFB", "CTR", "GCM"];

/// PyCryptodome block ciphers whose `new` takes `(key, mode, iv)`.
const PYCRYPTODOME_BLOCK_CIPHERS: &[&str] = &["AES", "DES", "DES3", "ARC2", "Blowfish", "CAST"];

/// PyCryptodome stream ciphers and AEADs whose `new` takes `nonce=`.
const PYCRYPTODOME_STREAM_CIPHERS: &[&str] = &["ChaCha20", "ChaCha20_Poly1305", "Salsa20"];

/// `cryptography` AEAD classes whose `encrypt(nonce, data, associated_data)` takes the
/// nonce first.
const PYCA_AEADS: &[&str] = &[
    "cryptography.hazmat.primitives.ciphers.aead.AESGCM",
    "cryptography.hazmat.primitives.ciphers.aead.AESCCM",
    "cryptography.hazmat.primitives.ciphers.aead.AESOCB3",
    "cryptography.hazmat.primitives.ciphers.aead.ChaCha20Poly1305",
];

/// PyNaCl classes whose `encrypt(plaintext, nonce)` takes the nonce second.
const NACL_BOXES: &[&str] = &[
    "nacl.secret.SecretBox",
    "nacl.public.Box",
    "nacl.secret.Aead",
];

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let iv =
        if let Some(mode) = callee.strip_prefix("cryptography.hazmat.primitives.ciphers.modes.") {
            if !PYCA_MODES.contains(&mode) {
                return;
            }
            let keyword = if mode == "CTR" {
                "nonce"
            } else {
                "initialization_vector"
            };
            call.arguments.find_argument_value(keyword, 0)
        } else if callee == "cryptography.hazmat.primitives.ciphers.algorithms.ChaCha20" {
            call.arguments.find_argument_value("nonce", 1)
        } else if let Some(module) = pycryptodome_module(callee) {
            if PYCRYPTODOME_BLOCK_CIPHERS.contains(&module) {
                ["iv", "IV", "nonce"]
                    .iter()
                    .find_map(|k| call.arguments.find_keyword(k))
                    .map(|k| &k.value)
                    .or_else(|| call.arguments.find_positional(2))
            } else if PYCRYPTODOME_STREAM_CIPHERS.contains(&module) {
                // `Salsa20.new(key, nonce)`; the others take keywords only.
                call.arguments.find_argument_value("nonce", 1)
            } else {
                return;
            }
        } else {
            return;
        };
    if let Some(iv) = iv {
        report_fixed(ctx, callee, iv);
    }
}

/// The module of a PyCryptodome `Crypto.Cipher.<module>.new`.
fn pycryptodome_module(callee: &str) -> Option<&str> {
    callee
        .strip_prefix("Crypto.Cipher.")
        .or_else(|| callee.strip_prefix("Cryptodome.Cipher."))?
        .strip_suffix(".new")
}

/// `aead.encrypt(nonce, …)` and `box.encrypt(message, nonce)` on an object whose class
/// is known.
fn check_method(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    if method.attr.id.as_str() != "encrypt" {
        return;
    }
    let Some(class) = values::made_by(ctx, &method.value) else {
        return;
    };
    let nonce = if PYCA_AEADS.contains(&class.as_str()) {
        call.arguments.find_argument_value("nonce", 0)
    } else if NACL_BOXES.contains(&class.as_str()) {
        call.arguments.find_argument_value("nonce", 1)
    } else {
        return;
    };
    if let Some(nonce) = nonce {
        let class_name = class.rsplit('.').next().unwrap_or_default();
        report_fixed(ctx, &format!("{class_name}.encrypt"), nonce);
    }
}

/// Reports `iv` when its value is fixed in the code.
fn report_fixed(ctx: &mut Context<'_, '_>, callee: &str, iv: &Expr) {
    // An empty nonce (`AES.new(k, AES.MODE_CTR, nonce=b"", initial_value=iv)`) puts
    // the whole counter block in another argument.
    let Some(fixed) = values::fixed_value(ctx, iv).filter(|f| !f.is_empty()) else {
        return;
    };
    let code = ctx.snippet(iv);
    let what = match fixed {
        Fixed::Zeros(_) => format!("the all-zero IV/nonce `{code}`"),
        Fixed::Constant(_) => format!("the constant IV/nonce `{code}`"),
    };
    ctx.report(
        iv.range(),
        format!("`{callee}` is given {what}, so every message reuses it and equal or related plaintexts can be recovered; draw a fresh one per message with `os.urandom`"),
    );
}

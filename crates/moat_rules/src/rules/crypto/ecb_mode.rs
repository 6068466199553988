//! `ecb-mode`: a block cipher used in ECB mode.

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags encryption in ECB (electronic codebook) mode:
- `cryptography`: `modes.ECB()` (`cryptography.hazmat.primitives.ciphers.modes.ECB`);
- PyCryptodome (`Crypto` and `Cryptodome`): `AES.new(key, AES.MODE_ECB)` and the `new`
  of the other block ciphers, with the mode given by position or as `mode=`, through a
  variable or module constant (`MODE = AES.MODE_ECB`), or as its value `1`;
- `Crypto.Cipher.AES.new(key)` with no mode at all: PyCrypto, the unmaintained library
  that also installs as `Crypto`, then encrypts in ECB (PyCryptodome raises instead), so
  this is flagged with medium confidence.

Test files are not checked: ECB is the building block of known-answer tests.

## Why is this bad?
ECB encrypts each block on its own with the same key, so equal plaintext blocks give
equal ciphertext blocks: the structure of the data shows through (the well-known ECB
penguin), blocks can be cut, reordered and replayed without the key, and an attacker who
can get chosen data encrypted next to a secret can recover the secret byte by byte. ECB
also provides no integrity.

## Example
```python
from Crypto.Cipher import AES

def encrypt(key, data):
    return AES.new(key, AES.MODE_ECB).encrypt(data)
```

## Use instead
Use an authenticated mode with a fresh nonce for each message:
```python
from Crypto.Cipher import AES

def encrypt(key, data):
    cipher = AES.new(key, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ciphertext
```

## References
- CWE-327: Use of a Broken or Risky Cryptographic Algorithm
- OWASP Top 10 2025: A04 Cryptographic Failures
- NIST SP 800-38A: Recommendation for Block Cipher Modes of Operation
"#;

/// Metadata of `ecb-mode`.
pub static META: RuleMeta = RuleMeta {
    id: "ecb-mode",
    title: "Block cipher in ECB mode",
    category: Category::Crypto,
    cwe: &[327],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B305"],
    ruff: &["S305"],
    docs: DOCS,
};

/// The rule: inspects calls into cipher libraries.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["cryptography", "Crypto", "Cryptodome"],
};

/// PyCryptodome block-cipher modules whose `new` takes a mode.
const BLOCK_CIPHERS: &[&str] = &["AES", "DES", "DES3", "ARC2", "Blowfish", "CAST"];

/// The value of `MODE_ECB` in PyCryptodome and PyCrypto.
const MODE_ECB_VALUE: i128 = 1;

const ADVICE: &str = "equal plaintext blocks give equal ciphertext blocks, so patterns in the data show through; use an authenticated mode such as GCM";

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if callee == "cryptography.hazmat.primitives.ciphers.modes.ECB" {
        let code = ctx.snippet(call);
        ctx.report(
            call.range(),
            format!("`{code}` encrypts in ECB mode: {ADVICE}"),
        );
        return;
    }
    let Some(namespace) = pycryptodome_block_cipher(callee) else {
        return;
    };
    match call.arguments.find_argument_value("mode", 1) {
        Some(mode) => {
            let by_name = ctx
                .resolve(mode)
                .is_some_and(|m| m.starts_with(namespace) && m.ends_with(".MODE_ECB"));
            let by_value = ctx.constant(mode) == Some(Constant::Int(MODE_ECB_VALUE));
            if !by_name && !by_value {
                return;
            }
            let shown = if mode.is_attribute_expr() || mode.is_number_literal_expr() {
                format!("`{}`", ctx.snippet(mode))
            } else {
                format!("`{}` (`MODE_ECB`)", ctx.snippet(mode))
            };
            ctx.report(
                call.range(),
                format!("`{callee}` is given mode {shown} and encrypts in ECB mode: {ADVICE}"),
            );
        }
        None if namespace == "Crypto." && only_a_key(call) => {
            ctx.report(
                call.range(),
                format!("`{callee}` is given no mode, so PyCrypto (which also installs as `Crypto`) encrypts in ECB mode, where equal plaintext blocks give equal ciphertext blocks; pass a mode, an authenticated one such as AES's `MODE_GCM`"),
            )
            .confidence(Confidence::Medium);
        }
        None => {}
    }
}

/// Whether the call passes one positional argument (the key) and nothing that could
/// hold a mode (`*args`, `**kwargs`).
fn only_a_key(call: &ExprCall) -> bool {
    call.arguments.args.len() == 1
        && !call.arguments.args[0].is_starred_expr()
        && call.arguments.keywords.iter().all(|k| k.arg.is_some())
}

/// The namespace (`Crypto.` or `Cryptodome.`) of a PyCryptodome block cipher's `new`.
fn pycryptodome_block_cipher(callee: &str) -> Option<&'static str> {
    let (namespace, rest) = if let Some(rest) = callee.strip_prefix("Crypto.Cipher.") {
        ("Crypto.", rest)
    } else {
        ("Cryptodome.", callee.strip_prefix("Cryptodome.Cipher.")?)
    };
    let module = rest.strip_suffix(".new")?;
    BLOCK_CIPHERS.contains(&module).then_some(namespace)
}

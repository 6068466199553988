//! `weak-cipher`: encryption with a broken or obsolete cipher (DES, 3DES, RC2, RC4,
//! Blowfish, IDEA, CAST5, SEED, XOR).

use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::ExprCall;

const DOCS: &str = r#"## What it does
Flags the creation of a cipher object for an algorithm that is broken or no longer fit
for new data:
- `cryptography`: `algorithms.ARC4`, `TripleDES`, `Blowfish`, `IDEA`, `CAST5` and `SEED`
  from `cryptography.hazmat.primitives.ciphers.algorithms`, and the same ciphers (and
  `RC2`) from `cryptography.hazmat.decrepit.ciphers.algorithms`, where cryptography 43
  moved them;
- PyCryptodome and PyCrypto (`Crypto` and `Cryptodome`): `DES.new`, `DES3.new`,
  `ARC2.new`, `ARC4.new`, `Blowfish.new`, `CAST.new`, `XOR.new`;
- pyDes: `pyDes.des` and `pyDes.triple_des`.

Names are resolved through imports and aliases (`from Crypto.Cipher import DES as D`,
`from cryptography.hazmat.primitives.ciphers import algorithms`). Test files are not
checked: tests of protocol and file-format code exercise these ciphers on purpose.

Severity follows how badly the cipher fails: high for DES (a 56-bit key, found by
brute force in a day), RC2, RC4 (biased keystream, banned from TLS by RFC 7465) and XOR
(not a cipher); medium for 3DES, Blowfish, IDEA and CAST5, whose 64-bit blocks repeat
after about 32 GB under one key (the Sweet32 attack) and which NIST no longer allows
for encryption; low for SEED, which is not broken but is a legacy cipher that
`cryptography` has moved to its `decrepit` module.

## Why is this bad?
Data encrypted with a broken cipher can be decrypted without the key, or recovered from
patterns in the ciphertext, by anyone who captures it. Ciphertext is often stored for
years, so a cipher that is merely weak today exposes it later.

## Example
```python
from Crypto.Cipher import DES

def encrypt(key, data):
    return DES.new(key, DES.MODE_CBC).encrypt(data)
```

## Use instead
Use AES (or ChaCha20) in an authenticated mode:
```python
import os
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def encrypt(key, data):
    nonce = os.urandom(12)
    return nonce + AESGCM(key).encrypt(nonce, data, None)
```

## References
- CWE-327: Use of a Broken or Risky Cryptographic Algorithm
- OWASP Top 10 2025: A04 Cryptographic Failures
- NIST SP 800-131A Rev. 2: Transitioning the Use of Cryptographic Algorithms and Key Lengths
- RFC 7465: Prohibiting RC4 Cipher Suites
- Sweet32: Birthday attacks on 64-bit block ciphers (sweet32.info)
"#;

/// Metadata of `weak-cipher`.
pub static META: RuleMeta = RuleMeta {
    id: "weak-cipher",
    title: "Broken or obsolete cipher",
    category: Category::Crypto,
    cwe: &[327],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B304"],
    ruff: &["S304"],
    docs: DOCS,
};

/// The rule: inspects calls into cipher libraries.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["cryptography", "Crypto", "Cryptodome", "pyDes"],
};

/// A weak cipher: its name, how bad it is, and why.
struct Weakness {
    cipher: &'static str,
    severity: Severity,
    why: &'static str,
}

const DES: Weakness = Weakness {
    cipher: "DES",
    severity: Severity::High,
    why: "its 56-bit key is found by brute force in about a day",
};
const TRIPLE_DES: Weakness = Weakness {
    cipher: "3DES",
    severity: Severity::Medium,
    why: "its 64-bit blocks collide after about 32 GB under one key (Sweet32), and NIST no longer allows it for encryption",
};
const RC2: Weakness = Weakness {
    cipher: "RC2",
    severity: Severity::High,
    why: "it has related-key attacks and usually a 40- to 64-bit key",
};
const RC4: Weakness = Weakness {
    cipher: "RC4",
    severity: Severity::High,
    why: "its keystream is biased enough to recover plaintext, which is why RFC 7465 banned it from TLS",
};
const BLOWFISH: Weakness = Weakness {
    cipher: "Blowfish",
    severity: Severity::Medium,
    why: "its 64-bit blocks collide after about 32 GB under one key (Sweet32)",
};
const IDEA: Weakness = Weakness {
    cipher: "IDEA",
    severity: Severity::Medium,
    why: "its 64-bit blocks collide after about 32 GB under one key (Sweet32)",
};
const CAST5: Weakness = Weakness {
    cipher: "CAST5",
    severity: Severity::Medium,
    why: "its 64-bit blocks collide after about 32 GB under one key (Sweet32)",
};
const SEED: Weakness = Weakness {
    cipher: "SEED",
    severity: Severity::Low,
    why: "it is a legacy cipher with little analysis or support, deprecated by `cryptography`",
};
const XOR: Weakness = Weakness {
    cipher: "XOR",
    severity: Severity::High,
    why: "a repeating-key XOR is not a cipher: the key falls out of any known plaintext",
};

/// Constructors of weak ciphers by qualified name.
const CONSTRUCTORS: &[(&str, &Weakness)] = &[
    (
        "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
        &RC4,
    ),
    (
        "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
        &TRIPLE_DES,
    ),
    (
        "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
        &BLOWFISH,
    ),
    (
        "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
        &IDEA,
    ),
    (
        "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
        &CAST5,
    ),
    (
        "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
        &SEED,
    ),
    ("cryptography.hazmat.decrepit.ciphers.algorithms.ARC4", &RC4),
    (
        "cryptography.hazmat.decrepit.ciphers.algorithms.TripleDES",
        &TRIPLE_DES,
    ),
    (
        "cryptography.hazmat.decrepit.ciphers.algorithms.Blowfish",
        &BLOWFISH,
    ),
    (
        "cryptography.hazmat.decrepit.ciphers.algorithms.IDEA",
        &IDEA,
    ),
    (
        "cryptography.hazmat.decrepit.ciphers.algorithms.CAST5",
        &CAST5,
    ),
    (
        "cryptography.hazmat.decrepit.ciphers.algorithms.SEED",
        &SEED,
    ),
    ("cryptography.hazmat.decrepit.ciphers.algorithms.RC2", &RC2),
    ("pyDes.des", &DES),
    ("pyDes.triple_des", &TRIPLE_DES),
];

/// PyCryptodome/PyCrypto cipher modules (under `Crypto.Cipher` or `Cryptodome.Cipher`)
/// whose `new` makes a weak cipher.
const PYCRYPTODOME_MODULES: &[(&str, &Weakness)] = &[
    ("DES", &DES),
    ("DES3", &TRIPLE_DES),
    ("ARC2", &RC2),
    ("ARC4", &RC4),
    ("Blowfish", &BLOWFISH),
    ("CAST", &CAST5),
    ("XOR", &XOR),
];

/// The weakness of the cipher `callee` makes, if it makes a weak one.
fn weakness(callee: &str) -> Option<&'static Weakness> {
    if let Some(&(_, weakness)) = CONSTRUCTORS.iter().find(|(name, _)| *name == callee) {
        return Some(weakness);
    }
    let module = callee
        .strip_prefix("Crypto.Cipher.")
        .or_else(|| callee.strip_prefix("Cryptodome.Cipher."))?
        .strip_suffix(".new")?;
    PYCRYPTODOME_MODULES
        .iter()
        .find(|(name, _)| *name == module)
        .map(|&(_, weakness)| weakness)
}

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(weakness) = weakness(callee) else {
        return;
    };
    ctx.report(
        call.range(),
        format!(
            "`{callee}` encrypts with {}, and {}; use AES-GCM or ChaCha20-Poly1305",
            weakness.cipher, weakness.why
        ),
    )
    .severity(weakness.severity);
}

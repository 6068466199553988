//! `weak-password-hash`: passwords hashed with a fast hash, or with a password hash whose
//! cost is below current guidance.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::password_hash_cost;
use crate::rules::crypto::values;
use crate::rules::crypto::weak_hash::weak_algorithm;
use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall};

const DOCS: &str = r#"## What it does
Flags password storage that an attacker with the hashes can brute-force cheaply:
- a fast hash applied to a value named like a password (`password`, `new_password`,
  `passwd`, `pwd`, `passphrase`): `hashlib.sha256(password.encode())`, the other SHA-2,
  SHA-3, BLAKE2 and SHAKE constructors, `hashlib.new("sha512", …)`, PyCryptodome's
  `SHA256.new(…)`, and `.update(password)` on such a hash object (made in the same
  expression or by an assignment the name is bound to once), also `cryptography`'s
  `hashes.Hash(…)`. MD5 and SHA-1 are reported by `weak-hash`. Values named as tokens
  or keys (`password_reset_token`) are not flagged: a random token needs no slow hash;
  nor are the steps inside a function whose name says it implements a password hash
  (`_raw_sha2_crypt`, `_bcrypt_pbkdf`, `my_kdf`);
- PBKDF2 with fewer iterations than OWASP's Password Storage Cheat Sheet asks for:
  1 300 000 for SHA-1 (and MD5), 600 000 for SHA-224/SHA-256, 210 000 for
  SHA-384/SHA-512, 210 000 when the hash is not known; in `hashlib.pbkdf2_hmac`,
  `cryptography`'s `PBKDF2HMAC` and passlib's `pbkdf2_sha1/256/512.using(rounds=…)`;
- bcrypt with a cost under 10: `bcrypt.gensalt(rounds)` and passlib's
  `bcrypt.using(rounds=…)`;
- scrypt (`hashlib.scrypt`, `cryptography`'s `Scrypt`) that does less work than the
  cheapest configuration OWASP lists as equivalent to N=2^17, r=8, p=1 — that is
  N·r·p under 655 360 (2^13·8·10) or memory N·r·128 under 8 MiB (N·r under 65 536). So
  `n=2**14, r=8, p=1` is flagged while Django's `n=2**14, r=8, p=5` is not;
- argon2-cffi's `PasswordHasher` (and `argon2.low_level.hash_secret`) with memory under
  7 MiB or memory × time cost under OWASP's cheapest listed pair (m=7 MiB, t=5).

Costs are read by keyword or position and folded through constants; a cost that is not
a constant is not judged. Findings are high severity when the cost is under a tenth of
the threshold. Test files are not checked: tests lower costs to run fast.

## Why is this bad?
Password databases leak. A fast hash such as SHA-256 runs billions of times a second on
a GPU, so most real passwords fall to a dictionary attack within hours, salt or no salt.
Password hashes are deliberately slow and memory-hard to make each guess expensive; with
a low cost setting they lose that protection.

## Example
```python
import hashlib

def store(user, password):
    user.password_hash = hashlib.sha256(password.encode()).hexdigest()

def derive(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000)
```

## Use instead
Use a password hashing library with its current defaults, or meet OWASP's parameters:
```python
import hashlib
from argon2 import PasswordHasher

def store(user, password):
    user.password_hash = PasswordHasher().hash(password)

def derive(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
```

## References
- CWE-916: Use of Password Hash With Insufficient Computational Effort
- CWE-328: Use of Weak Hash
- OWASP Top 10 2025: A04 Cryptographic Failures
- OWASP Password Storage Cheat Sheet (parameters for Argon2id, scrypt, bcrypt, PBKDF2)
"#;

/// Metadata of `weak-password-hash`.
pub static META: RuleMeta = RuleMeta {
    id: "weak-password-hash",
    title: "Password hashed too cheaply",
    category: Category::Crypto,
    cwe: &[916, 328],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects hash constructors, `update` calls and password-hash functions.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check_call), Check::Expr(check_update)],
    modules: &[
        "hashlib",
        "cryptography",
        "Crypto",
        "Cryptodome",
        "bcrypt",
        "passlib",
        "argon2",
    ],
};

/// Fast hash constructors of `hashlib` (MD5 and SHA-1 belong to `weak-hash`).
const HASHLIB_FAST: &[&str] = &[
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "sha3_224",
    "sha3_256",
    "sha3_384",
    "sha3_512",
    "blake2b",
    "blake2s",
    "shake_128",
    "shake_256",
];

/// Fast hash modules of PyCryptodome (`Crypto.Hash.<m>.new`, `Cryptodome.Hash.<m>.new`).
const PYCRYPTODOME_FAST: &[&str] = &[
    "SHA224", "SHA256", "SHA384", "SHA512", "SHA3_224", "SHA3_256", "SHA3_384", "SHA3_512",
    "BLAKE2b", "BLAKE2s", "keccak",
];

/// Where a fast hash constructor takes its data, if `callee` is one (and not a weak
/// hash, which `weak-hash` reports).
fn fast_hash_data<'c>(
    ctx: &Context<'_, '_>,
    call: &'c ExprCall,
    callee: &str,
) -> Option<Option<&'c Expr>> {
    if weak_algorithm(ctx, call, callee).is_some() {
        return None;
    }
    if callee == "hashlib.new" {
        return Some(call.arguments.find_argument_value("data", 1));
    }
    if callee
        .strip_prefix("hashlib.")
        .is_some_and(|f| HASHLIB_FAST.contains(&f))
    {
        return Some(
            call.arguments
                .find_argument_value("data", 0)
                .or_else(|| call.arguments.find_keyword("string").map(|k| &k.value)),
        );
    }
    let module = callee
        .strip_prefix("Crypto.Hash.")
        .or_else(|| callee.strip_prefix("Cryptodome.Hash."))
        .and_then(|m| m.strip_suffix(".new"));
    if module.is_some_and(|m| PYCRYPTODOME_FAST.contains(&m)) {
        return Some(call.arguments.find_argument_value("data", 0));
    }
    if callee == "cryptography.hazmat.primitives.hashes.Hash" {
        return Some(None);
    }
    None
}

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if let Some(data) = fast_hash_data(ctx, call, callee) {
        if let Some(data) = data {
            report_password_input(ctx, callee, data);
        }
        return;
    }
    password_hash_cost::check(ctx, call, callee);
}

/// `hasher.update(password)` on a fast hash object.
fn check_update(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    if method.attr.id.as_str() != "update" {
        return;
    }
    let Some(data) = call.arguments.find_positional(0) else {
        return;
    };
    let origin = values::origin(ctx, &method.value);
    let Expr::Call(constructor) = origin.expr else {
        return;
    };
    let Some(class) = values::made_by(ctx, &method.value) else {
        return;
    };
    if fast_hash_data(ctx, constructor, &class).is_some() {
        report_password_input(ctx, &class, data);
    }
}

/// Reports `data` hashed by the fast hash `callee` when a name in it says it is a
/// password.
fn report_password_input(ctx: &mut Context<'_, '_>, callee: &str, data: &Expr) {
    let function = ctx.function_name().rsplit('.').next().unwrap_or_default();
    if words::split(function)
        .iter()
        .any(|w| PASSWORD_HASH_WORDS.contains(&w.as_str()))
    {
        return;
    }
    let Some(name) = password_name(ctx, data) else {
        return;
    };
    let code = ctx.snippet(data);
    ctx.report(
        data.range(),
        format!("`{callee}` hashes `{code}`, which by its name (`{name}`) holds a password, with a fast hash that GPUs try billions of times a second; use a password hash: argon2, bcrypt, scrypt, or PBKDF2 with at least 600 000 iterations"),
    )
    .severity(Severity::High)
    .confidence(Confidence::Medium);
}

/// Words of a function name that say it implements a password hash (`_raw_sha2_crypt`,
/// `_bcrypt_pbkdf`), whose steps use fast hashes on purpose.
const PASSWORD_HASH_WORDS: &[&str] = &["argon", "bcrypt", "crypt", "kdf", "pbkdf", "scrypt"];

/// Words naming a password as the noun of an identifier.
const PASSWORD_WORDS: &[&str] = &["password", "passwd", "pwd", "passphrase", "pw"];

/// The identifier in `data` that names a password: one whose last word is a password
/// word and that no descriptor word qualifies (`password_length`). Names bound to
/// modules, functions or classes (`pwd`, the standard library module) do not count.
fn password_name(ctx: &Context<'_, '_>, data: &Expr) -> Option<String> {
    let mut finder = DataNames {
        ctx,
        names: Vec::new(),
    };
    finder.visit_expr(data);
    finder
        .names
        .into_iter()
        .filter(|(_, expr)| expr.is_none_or(|e| ctx.resolve(e).is_none()))
        .map(|(name, _)| name)
        .find(|name| {
            let words = words::split(name);
            words::descriptor(&words).is_none()
                && words
                    .last()
                    .is_some_and(|w| PASSWORD_WORDS.contains(&w.as_str()))
        })
}

/// Builtins whose result says nothing secret about their argument (`len(password)`).
const REDUCING_BUILTINS: &[&str] = &[
    "builtins.len",
    "builtins.type",
    "builtins.id",
    "builtins.bool",
    "builtins.isinstance",
];

/// The names of the values an expression is built from: variables, attributes and string
/// subscript keys (not the names of methods it calls, such as `encode`, nor what goes
/// into `len(…)`).
struct DataNames<'c, 'x, 'a> {
    ctx: &'c Context<'x, 'x>,
    names: Vec<(String, Option<&'a Expr>)>,
}

impl<'a> Visitor<'a> for DataNames<'_, '_, 'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => self.names.push((name.id.to_string(), Some(expr))),
            Expr::Attribute(attribute) => {
                self.names.push((attribute.attr.id.to_string(), None));
            }
            Expr::Subscript(subscript) => {
                if let Expr::StringLiteral(key) = subscript.slice.as_ref() {
                    self.names.push((key.value.to_str().to_string(), None));
                }
            }
            Expr::Call(call) => {
                if self
                    .ctx
                    .resolve(&call.func)
                    .is_some_and(|f| REDUCING_BUILTINS.contains(&f.as_str()))
                {
                    return;
                }
                // `password.encode()`: the receiver is data, the method name is not.
                if let Expr::Attribute(method) = call.func.as_ref() {
                    self.visit_expr(&method.value);
                }
                for argument in &call.arguments.args {
                    self.visit_expr(argument);
                }
                for keyword in &call.arguments.keywords {
                    self.visit_expr(&keyword.value);
                }
                return;
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

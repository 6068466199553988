//! `django-weak-password-hasher`: `PASSWORD_HASHERS` that stores new passwords with a
//! fast or broken hash.

use super::settings::{Calibration, constant_strings, report, setting};
use crate::context::Context;
use crate::rule::{Check, Rule};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::Stmt;

const DOCS: &str = r#"## What it does
Flags `PASSWORD_HASHERS` in a Django settings module (see `django-debug-true` for what
counts as one) whose first entry — the hasher Django uses for every new or changed
password — is `MD5PasswordHasher`, `UnsaltedMD5PasswordHasher`, `SHA1PasswordHasher`,
`UnsaltedSHA1PasswordHasher` or `CryptPasswordHasher` from `django.contrib.auth.hashers`.
Weak hashers later in the list only verify old hashes (and upgrade them on login) and
are not flagged. Development settings are reported at low severity; test settings are
not reported, as Django's documentation recommends `MD5PasswordHasher` to speed tests up.

## Why is this bad?
MD5 and SHA-1 are fast: a single GPU tries billions of candidates per second, so a leaked
table of such hashes gives up most passwords within hours, and the unsalted variants can
be reversed with precomputed tables. `crypt` uses DES with 8-character passwords. Password
hashes must be slow and salted (PBKDF2, Argon2, bcrypt, scrypt).

## Example
```python
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
```

## Use instead
```python
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",  # only to verify old hashes
]
```

## References
- CWE-916: Use of Password Hash With Insufficient Computational Effort
- CWE-328: Use of Weak Hash
- OWASP Top 10 2025: A04 Cryptographic Failures
- Django documentation: Password management in Django, `PASSWORD_HASHERS`
"#;

/// Metadata of `django-weak-password-hasher`.
pub static META: RuleMeta = RuleMeta {
    id: "django-weak-password-hasher",
    title: "Django hashes new passwords with a weak hasher",
    category: Category::Django,
    cwe: &[916, 328],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects top-level assignments in settings modules.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check)],
    modules: &[],
};

/// Hashers of `django.contrib.auth.hashers` unfit for new passwords, and why.
const WEAK_HASHERS: &[(&str, &str)] = &[
    ("MD5PasswordHasher", "salted MD5, a fast hash"),
    ("UnsaltedMD5PasswordHasher", "unsalted MD5"),
    ("SHA1PasswordHasher", "salted SHA-1, a fast hash"),
    ("UnsaltedSHA1PasswordHasher", "unsalted SHA-1"),
    ("CryptPasswordHasher", "DES `crypt`"),
];

fn check(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    let Some(setting) = setting(ctx, stmt) else {
        return;
    };
    if setting.name != "PASSWORD_HASHERS" {
        return;
    }
    let Some(hashers) = constant_strings(ctx, setting.value) else {
        return;
    };
    let Some(first) = hashers.first() else {
        return;
    };
    let Some((_, why)) = first
        .strip_prefix("django.contrib.auth.hashers.")
        .and_then(|class| WEAK_HASHERS.iter().find(|(name, _)| *name == class))
    else {
        return;
    };
    let message = format!(
        "the first of `PASSWORD_HASHERS` is `{first}`: every new password is stored with {why}, which leaked hashes give up to offline guessing quickly; put `PBKDF2PasswordHasher` or `Argon2PasswordHasher` first"
    );
    report(
        ctx,
        &setting,
        message,
        &Calibration {
            development: Some(Severity::Low),
            test: None,
        },
    );
}

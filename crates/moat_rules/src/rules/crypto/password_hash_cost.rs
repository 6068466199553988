//! The cost parameters of password hashes (PBKDF2, bcrypt, scrypt, Argon2) against
//! OWASP's Password Storage Cheat Sheet; part of `weak-password-hash`.

use crate::context::Context;
use crate::rules::crypto::values::{self, int_argument};
use moat_diagnostics::Severity;
use moat_python::Ranged;
use moat_python::ast::ExprCall;

/// OWASP's bcrypt minimum cost.
const BCRYPT_MIN_ROUNDS: i128 = 10;
/// Under this bcrypt cost (an eighth of the minimum's work) a finding is high severity.
const BCRYPT_BROKEN_ROUNDS: i128 = 7;

/// Scrypt N·r·p of OWASP's cheapest listed configuration (N=2^13, r=8, p=10).
const SCRYPT_MIN_WORK: i128 = (1 << 13) * 8 * 10;
/// Scrypt N·r of OWASP's smallest listed memory (N=2^13, r=8: 8 MiB).
const SCRYPT_MIN_MEMORY: i128 = (1 << 13) * 8;

/// Argon2 memory (KiB) of OWASP's smallest listed configuration (7 MiB with t=5).
const ARGON2_MIN_MEMORY: i128 = 7 * 1024;
/// Argon2 memory × time of that configuration.
const ARGON2_MIN_WORK: i128 = 7 * 1024 * 5;
/// argon2-cffi's `PasswordHasher` defaults (time cost, memory cost in KiB).
const ARGON2_DEFAULTS: (i128, i128) = (3, 65536);

/// Checks the cost parameters of a call to a password hash.
pub fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    match callee {
        "hashlib.pbkdf2_hmac" => {
            let hash = call
                .arguments
                .find_argument_value("hash_name", 0)
                .and_then(|h| ctx.constant(h))
                .and_then(|h| h.as_str().map(str::to_string));
            check_pbkdf2(ctx, call, callee, hash.as_deref(), ("iterations", 3));
        }
        "cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC" => {
            let hash = call
                .arguments
                .find_argument_value("algorithm", 0)
                .and_then(|a| values::made_by(ctx, a))
                .and_then(|a| {
                    a.strip_prefix("cryptography.hazmat.primitives.hashes.")
                        .map(str::to_string)
                });
            check_pbkdf2(ctx, call, callee, hash.as_deref(), ("iterations", 3));
        }
        "bcrypt.gensalt" => check_bcrypt(ctx, call, callee, 0),
        "hashlib.scrypt" => check_scrypt(ctx, call, callee, None),
        "cryptography.hazmat.primitives.kdf.scrypt.Scrypt" => {
            check_scrypt(ctx, call, callee, Some(2));
        }
        "argon2.PasswordHasher" => check_argon2(ctx, call, callee, 0, Some(ARGON2_DEFAULTS)),
        "argon2.low_level.hash_secret" | "argon2.low_level.hash_secret_raw" => {
            check_argon2(ctx, call, callee, 2, None);
        }
        _ => check_passlib(ctx, call, callee),
    }
}

/// passlib's `pbkdf2_sha256.using(rounds=…)`, `bcrypt.using(rounds=…)` and the
/// deprecated `.hash(secret, rounds=…)`.
fn check_passlib(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    let Some(rest) = callee
        .strip_prefix("passlib.hash.")
        .or_else(|| callee.strip_prefix("passlib.handlers.pbkdf2."))
        .or_else(|| callee.strip_prefix("passlib.handlers.bcrypt."))
    else {
        return;
    };
    let Some((scheme, method)) = rest.split_once('.') else {
        return;
    };
    if !matches!(method, "using" | "hash" | "encrypt") {
        return;
    }
    if let Some(hash) = scheme.strip_prefix("pbkdf2_") {
        check_pbkdf2(ctx, call, callee, Some(hash), ("rounds", usize::MAX));
    } else if matches!(scheme, "bcrypt" | "bcrypt_sha256") {
        check_bcrypt(ctx, call, callee, usize::MAX);
    }
}

/// OWASP's PBKDF2 iteration minimum for a hash, and the hash's name when it is known.
fn pbkdf2_minimum(hash: Option<&str>) -> (i128, Option<String>) {
    let normalized = hash
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    let minimum = if normalized.starts_with("SHA1") || normalized.starts_with("MD5") {
        1_300_000
    } else if normalized.starts_with("SHA256") || normalized.starts_with("SHA224") {
        600_000
    } else if normalized.starts_with("SHA512") || normalized.starts_with("SHA384") {
        210_000
    } else {
        return (210_000, None);
    };
    (minimum, Some(normalized))
}

fn check_pbkdf2(
    ctx: &mut Context<'_, '_>,
    call: &ExprCall,
    callee: &str,
    hash: Option<&str>,
    (keyword, position): (&str, usize),
) {
    let Some(iterations) = int_argument(ctx, call, keyword, position) else {
        return;
    };
    let (minimum, hash) = pbkdf2_minimum(hash);
    if iterations >= minimum {
        return;
    }
    let severity = if iterations < minimum / 10 {
        Severity::High
    } else {
        Severity::Medium
    };
    let (name, needed) = match &hash {
        Some(hash) => (
            format!("PBKDF2-{hash}"),
            format!("{} for {hash}", thousands(minimum)),
        ),
        None => (
            "PBKDF2".to_string(),
            format!("{} even with SHA-512", thousands(minimum)),
        ),
    };
    ctx.report(
        call.range(),
        format!("`{callee}` runs {name} with {} iterations; OWASP asks for at least {needed}, so each password guess costs an attacker that much less; raise the count or use argon2 or scrypt", thousands(iterations)),
    )
    .severity(severity);
}

fn check_bcrypt(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str, position: usize) {
    let Some(rounds) = int_argument(ctx, call, "rounds", position) else {
        return;
    };
    if rounds >= BCRYPT_MIN_ROUNDS {
        return;
    }
    let severity = if rounds < BCRYPT_BROKEN_ROUNDS {
        Severity::High
    } else {
        Severity::Medium
    };
    ctx.report(
        call.range(),
        format!("`{callee}` sets bcrypt's cost to {rounds}, under OWASP's minimum of {BCRYPT_MIN_ROUNDS} (each step down halves the work of a password guess); use 12, bcrypt's default"),
    )
    .severity(severity);
}

fn check_scrypt(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str, first: Option<usize>) {
    // Keyword-only in `hashlib.scrypt`; `usize::MAX` matches no position.
    let at = |offset: usize| first.map_or(usize::MAX, |f| f + offset);
    let (Some(n), Some(r), Some(p)) = (
        int_argument(ctx, call, "n", at(0)),
        int_argument(ctx, call, "r", at(1)),
        int_argument(ctx, call, "p", at(2)),
    ) else {
        return;
    };
    let (Some(memory), Some(work)) = (
        n.checked_mul(r),
        n.checked_mul(r).and_then(|m| m.checked_mul(p)),
    ) else {
        return;
    };
    if memory >= SCRYPT_MIN_MEMORY && work >= SCRYPT_MIN_WORK {
        return;
    }
    let severity = if work < SCRYPT_MIN_WORK / 10 {
        Severity::High
    } else {
        Severity::Medium
    };
    ctx.report(
        call.range(),
        format!("`{callee}` runs scrypt with n={n}, r={r}, p={p}, less work than any configuration OWASP accepts (N=2^17, r=8, p=1, or its equivalents down to N=2^13, r=8, p=10); use for example n=2**14, r=8, p=5"),
    )
    .severity(severity);
}

fn check_argon2(
    ctx: &mut Context<'_, '_>,
    call: &ExprCall,
    callee: &str,
    first: usize,
    defaults: Option<(i128, i128)>,
) {
    let time = int_argument(ctx, call, "time_cost", first);
    let memory = int_argument(ctx, call, "memory_cost", first + 1);
    let given = |argument: &str, position: usize| {
        call.arguments
            .find_argument_value(argument, position)
            .is_some()
    };
    // A cost given but not constant is not judged; one left out takes the default.
    let resolve =
        |value: Option<i128>, argument: &str, position: usize, default: Option<i128>| match value {
            Some(v) => Some(v),
            None if !given(argument, position) => default,
            None => None,
        };
    let (Some(time), Some(memory)) = (
        resolve(time, "time_cost", first, defaults.map(|d| d.0)),
        resolve(memory, "memory_cost", first + 1, defaults.map(|d| d.1)),
    ) else {
        return;
    };
    let work = time.saturating_mul(memory);
    if memory >= ARGON2_MIN_MEMORY && work >= ARGON2_MIN_WORK {
        return;
    }
    let severity = if work < ARGON2_MIN_WORK / 10 {
        Severity::High
    } else {
        Severity::Medium
    };
    ctx.report(
        call.range(),
        format!("`{callee}` runs Argon2 with time_cost={time} and memory_cost={memory} KiB, below OWASP's minimum (19 MiB with t=2, down to 7 MiB with t=5); keep argon2-cffi's defaults"),
    )
    .severity(severity);
}

/// `600000` as `600 000`.
fn thousands(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

//! `timing-unsafe-comparison`: a MAC, signature, token or password compared with `==`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::values;
use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{CmpOp, Expr};

const DOCS: &str = r#"## What it does
Flags `==` and `!=` between a secret-checking value and another value that is not a
constant:
- a MAC computed in the code: `hmac.new(…).hexdigest()` or `.digest()`, `hmac.digest(…)`,
  `hmac.HMAC(…)`, directly or through a variable bound once to it (high confidence);
- a value whose name says it is a signature, MAC, digest, token, secret, API key, CSRF
  token, one-time password or password (`signature`, `expected_sig_digest`,
  `request.headers["X-Api-Token"]`, `user.api_key`), medium confidence.

Not flagged: comparisons with a constant (`None`, a literal, a module constant),
with a module-level name that is not itself a secret (`token == tokenize.NAME`), with
`len(…)` and other builtins; names that describe rather than hold the secret
(`token_type`, `signature_algorithm`); a password compared with its confirmation
(`password != password2`, `confirm_password`); comparisons inside `__eq__` and `__ne__`;
test files.

## Why is this bad?
`==` on strings and bytes stops at the first differing byte, so it returns slightly
sooner the earlier a guess goes wrong. By timing many requests an attacker learns the
expected MAC or token one byte at a time, and can then forge a webhook signature, a
signed cookie or an API key without knowing the secret key.

## Example
```python
import hmac

def verify(secret, body, signature):
    expected = hmac.new(secret, body, "sha256").hexdigest()
    return expected == signature
```

## Use instead
Compare with `hmac.compare_digest` (or `secrets.compare_digest`), whose time does not
depend on where the values differ:
```python
import hmac

def verify(secret, body, signature):
    expected = hmac.new(secret, body, "sha256").hexdigest()
    return hmac.compare_digest(expected, signature)
```

## References
- CWE-208: Observable Timing Discrepancy
- OWASP Top 10 2025: A04 Cryptographic Failures
- Python docs: `hmac.compare_digest`
"#;

/// Metadata of `timing-unsafe-comparison`.
pub static META: RuleMeta = RuleMeta {
    id: "timing-unsafe-comparison",
    title: "Secret compared in non-constant time",
    category: Category::Crypto,
    cwe: &[208],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects comparisons.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check)],
    modules: &[],
};

/// Functions and classes whose digest is a MAC.
const MAC_CONSTRUCTORS: &[&str] = &[
    "hmac.new",
    "hmac.HMAC",
    "cryptography.hazmat.primitives.hmac.HMAC",
    "Crypto.Hash.HMAC.new",
    "Cryptodome.Hash.HMAC.new",
];

/// Words that, as the last word of a name, say it holds a secret-checking value.
const SECRET_NOUNS: &[&str] = &[
    "apikey",
    "csrf",
    "digest",
    "hmac",
    "hotp",
    "otp",
    "passphrase",
    "passwd",
    "password",
    "secret",
    "signature",
    "token",
    "totp",
    "xsrf",
];

/// Words that make a password name its confirmation.
const CONFIRMATION_WORDS: &[&str] = &[
    "again",
    "confirm",
    "confirmation",
    "confirmed",
    "new",
    "old",
    "repeat",
    "repeated",
    "retype",
    "2",
];

/// Builtins whose result is not a secret (`len(token)`).
const PLAIN_BUILTINS: &[&str] = &[
    "builtins.len",
    "builtins.type",
    "builtins.id",
    "builtins.bool",
    "builtins.int",
    "builtins.isinstance",
    "builtins.hash",
];

/// What makes one side of a comparison a secret.
enum Secret {
    /// A MAC computed in the code, with the expression that computes it.
    Mac(String),
    /// A name that says so, with the word.
    Named(String, String),
}

fn check(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Compare(compare) = expr else {
        return;
    };
    let [op] = compare.ops.as_ref() else {
        return;
    };
    if !matches!(op, CmpOp::Eq | CmpOp::NotEq) || ctx.is_test_file() {
        return;
    }
    let function = ctx.function_name().rsplit('.').next().unwrap_or_default();
    if matches!(function, "__eq__" | "__ne__") {
        return;
    }
    let (left, right) = (compare.left.as_ref(), &compare.comparators[0]);
    let found = [(left, right), (right, left)]
        .into_iter()
        .find_map(|(secret, other)| Some((secret_side(ctx, secret, other)?, secret, other)));
    let Some((secret, secret_expr, other)) = found else {
        return;
    };
    let compared = ctx.snippet(expr);
    let operator = if matches!(op, CmpOp::Eq) { "==" } else { "!=" };
    let negate = if matches!(op, CmpOp::NotEq) {
        "not "
    } else {
        ""
    };
    let advice = format!(
        "use `{negate}hmac.compare_digest({}, {})`",
        ctx.snippet(secret_expr),
        ctx.snippet(other)
    );
    let (what, confidence) = match secret {
        Secret::Mac(code) => (format!("a MAC (`{code}`)"), Confidence::High),
        Secret::Named(name, word) => (
            format!("`{name}` (by its name, `{word}`, a secret to check)"),
            Confidence::Medium,
        ),
    };
    ctx.report(
        expr.range(),
        format!("`{compared}` compares {what} using `{operator}`, which stops at the first differing byte, so response times reveal how much of a guess is right; {advice}"),
    )
    .confidence(confidence);
}

/// Whether `secret` is a secret-checking value compared with `other`, a value that
/// could be an attacker's guess.
fn secret_side(ctx: &Context<'_, '_>, secret: &Expr, other: &Expr) -> Option<Secret> {
    if !could_be_guess(ctx, other) || !could_be_guess(ctx, secret) {
        return None;
    }
    if let Some(code) = computed_mac(ctx, secret) {
        return Some(Secret::Mac(code));
    }
    let name = value_name(secret)?;
    let words = words::split(name);
    if words::descriptor(&words).is_some() {
        return None;
    }
    let last = words.last()?;
    let word = if SECRET_NOUNS.contains(&last.as_str()) {
        last.clone()
    } else if words::has_pair(&words, "api", "key") && last == "key" {
        "api_key".to_string()
    } else {
        return None;
    };
    if matches!(word.as_str(), "password" | "passwd" | "passphrase")
        && [secret, other].iter().any(|side| {
            value_name(side).is_some_and(|n| {
                words::split(n)
                    .iter()
                    .any(|w| CONFIRMATION_WORDS.contains(&w.as_str()))
            })
        })
    {
        return None;
    }
    Some(Secret::Named(name.to_string(), word))
}

/// Whether a side of the comparison is something other than a constant, a builtin's
/// plain result or a module-level name that is not a secret.
fn could_be_guess(ctx: &Context<'_, '_>, side: &Expr) -> bool {
    if ctx.constant(side).is_some() {
        return false;
    }
    match side {
        Expr::Call(call) => !ctx
            .resolve(&call.func)
            .is_some_and(|f| PLAIN_BUILTINS.contains(&f.as_str())),
        Expr::Name(_) | Expr::Attribute(_) => match ctx.resolve(side) {
            // `tokenize.NAME`, `TokenKind.STRING`: a module-level constant or class.
            Some(qualified) => {
                let last = qualified.rsplit('.').next().unwrap_or_default();
                let words = words::split(last);
                words
                    .last()
                    .is_some_and(|w| SECRET_NOUNS.contains(&w.as_str()) || w == "key")
            }
            None => true,
        },
        Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) | Expr::NumberLiteral(_) => false,
        _ => true,
    }
}

/// The code of a MAC computed in the code: `hmac.new(…).hexdigest()`, `hmac.digest(…)`,
/// or a name bound once to one.
fn computed_mac(ctx: &Context<'_, '_>, side: &Expr) -> Option<String> {
    let at = values::origin(ctx, side);
    let Expr::Call(call) = at.expr else {
        return None;
    };
    let callee = values::resolve(
        ctx,
        values::Located {
            expr: &call.func,
            scope: at.scope,
        },
    );
    if callee.as_deref() == Some("hmac.digest") {
        return Some(ctx.snippet(at.expr));
    }
    let Expr::Attribute(method) = call.func.as_ref() else {
        return None;
    };
    if !matches!(method.attr.id.as_str(), "hexdigest" | "digest" | "finalize") {
        return None;
    }
    let Expr::Call(constructor) = method.value.as_ref() else {
        let made = values::made_by(ctx, &method.value)?;
        return MAC_CONSTRUCTORS
            .contains(&made.as_str())
            .then(|| ctx.snippet(at.expr));
    };
    let made = values::resolve(
        ctx,
        values::Located {
            expr: &constructor.func,
            scope: at.scope,
        },
    )?;
    MAC_CONSTRUCTORS
        .contains(&made.as_str())
        .then(|| ctx.snippet(at.expr))
}

/// The name a compared value goes by: a variable, an attribute, a string subscript key
/// (`headers["X-Signature"]`), `headers.get("X-Signature")`, or the receiver of a
/// conversion (`signature.encode()`, `token.strip()`).
fn value_name(side: &Expr) -> Option<&str> {
    match side {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.id.as_str()),
        Expr::Subscript(subscript) => match subscript.slice.as_ref() {
            Expr::StringLiteral(key) => Some(key.value.to_str()),
            _ => None,
        },
        Expr::Call(call) => {
            let Expr::Attribute(method) = call.func.as_ref() else {
                return None;
            };
            match method.attr.id.as_str() {
                "get" | "getheader" | "get_header" => match call.arguments.find_positional(0) {
                    Some(Expr::StringLiteral(key)) => Some(key.value.to_str()),
                    _ => None,
                },
                "encode" | "decode" | "strip" | "lower" | "upper" | "hex" => {
                    value_name(&method.value)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

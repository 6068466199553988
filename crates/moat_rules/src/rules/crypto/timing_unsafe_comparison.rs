//! `timing-unsafe-comparison`: a MAC, signature, token or password compared with `==`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::values;
use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{CmpOp, Expr, Stmt};

const DOCS: &str = r#"## What it does
Flags `==` and `!=` between a secret-checking value and another value that is not a
constant:
- a MAC computed in the code: `hmac.new(…).hexdigest()` or `.digest()`, `hmac.digest(…)`,
  `hmac.HMAC(…)`, directly or through a variable bound once to it (high confidence);
- a value whose name says it is a signature, HMAC, token, secret, API key, CSRF token,
  one-time password or password (`signature`, `request.headers["X-Api-Token"]`,
  `user.api_key`), medium confidence. As tokens are also a lexer's pieces and many
  tokens are mere identifiers, and signatures are also a function's, a name ending in
  `token` or `signature` counts only when the other side is another secret, request
  data (`request`, `headers`, `cookies`, `args`, `form`…) or an expected value
  (`expected`, `computed`, `stored`…), and never with a qualifier such as `lock_token`,
  `pagination_token`, `task_token`, `function_signature` or `func.signature`. Digests of data
  (`image_digest`) are not secrets and are not flagged by name.

Not flagged: comparisons with a constant (`None`, a literal, a module constant, a
class attribute such as `Status.PASSWORD_RESET`),
with a module-level name that is not itself a secret (`token == tokenize.NAME`), with
`len(…)` and other builtins; names that describe rather than hold the secret
(`token_type`, `signature_algorithm`); a password compared with its confirmation
(`password != password2`, `confirm_password`); comparisons inside `__eq__` and `__ne__`;
`assert` statements (sanity checks, removed by `python -O`); test files.

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
    checks_test_code: false,
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

/// Secret nouns that also name harmless things, with the qualifiers that say so
/// (`lock_token`, `default_model_signature`).
const AMBIGUOUS_NOUNS: &[(&str, &[&str])] = &[
    (
        "token",
        &[
            "cancel",
            "cancellation",
            "change",
            "client",
            "continuation",
            "creation",
            "current",
            "cursor",
            "end",
            "first",
            "grant",
            "idempotency",
            "last",
            "lock",
            "marker",
            "page",
            "pagination",
            "resume",
            "start",
            "sync",
            "task",
            "version",
        ],
    ),
    (
        "signature",
        &[
            "call", "callable", "class", "default", "fn", "func", "function", "init", "method",
            "model", "param", "type",
        ],
    ),
];

/// Words that say a value is the one a secret is checked against.
const EXPECTED_WORDS: &[&str] = &[
    "calculated",
    "computed",
    "correct",
    "expected",
    "known",
    "stored",
    "valid",
];

/// Whether a value's name says it is the expected one (`expected`, `computed_sig`).
fn expected(side: &Expr) -> bool {
    value_name(side).is_some_and(|n| {
        words::split(n)
            .iter()
            .any(|w| EXPECTED_WORDS.contains(&w.as_str()))
    })
}

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
    if !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
        return;
    }
    let function = ctx.function_name().rsplit('.').next().unwrap_or_default();
    if matches!(function, "__eq__" | "__ne__") || matches!(ctx.statement(), Some(Stmt::Assert(_))) {
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
    // `token == self.reset_url_token`: the other side describes, so it is a label.
    if value_name(other).is_some_and(|n| words::descriptor(&words::split(n)).is_some()) {
        return None;
    }
    // A token may be a lexer's (`token == self.eof`) or an identifier (`lock_token`), a
    // signature a function's: those count only against another secret, request data or
    // an expected value, and never with a qualifier that says what kind they are.
    if let Some(plain) = AMBIGUOUS_NOUNS.iter().find(|(noun, _)| *noun == word) {
        // `lock_token`, or `func.signature` where the owner says what kind it is.
        let qualified = |side: &Expr| {
            let by_name = value_name(side).is_some_and(|n| {
                let words = words::split(n);
                words.len() >= 2 && plain.1.contains(&words[words.len() - 2].as_str())
            });
            let by_owner = match side {
                Expr::Attribute(attribute) => value_name(&attribute.value).is_some_and(|n| {
                    words::split(n)
                        .last()
                        .is_some_and(|w| plain.1.contains(&w.as_str()))
                }),
                _ => false,
            };
            by_name || by_owner
        };
        if qualified(secret) || qualified(other) {
            return None;
        }
        if !secret_named(other) && !from_request(other) && !expected(other) {
            return None;
        }
    }
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

/// Whether the value's name ends in a secret noun.
fn secret_named(side: &Expr) -> bool {
    value_name(side).is_some_and(|n| {
        let words = words::split(n);
        words::descriptor(&words).is_none()
            && words.last().is_some_and(|w| {
                SECRET_NOUNS.contains(&w.as_str())
                    || (w == "key" && words::has_pair(&words, "api", "key"))
            })
    })
}

/// Names that say a value comes from an HTTP request.
const REQUEST_WORDS: &[&str] = &[
    "args", "body", "cookie", "cookies", "environ", "form", "get", "header", "headers", "json",
    "meta", "params", "payload", "post", "query", "req", "request",
];

/// Whether a value is read from a request (`request.headers["X-Token"]`, `req.args`).
fn from_request(side: &Expr) -> bool {
    words::identifiers(side).into_iter().any(|name| {
        words::split(name)
            .iter()
            .any(|w| REQUEST_WORDS.contains(&w.as_str()))
    })
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
                let mut parts = qualified.rsplit('.');
                let last = parts.next().unwrap_or_default();
                // `UserStatus.FORCE_CHANGE_PASSWORD`: a member of a class, an enum value.
                if parts
                    .next()
                    .is_some_and(|p| p.starts_with(char::is_uppercase))
                {
                    return false;
                }
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

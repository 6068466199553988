//! `jwt-verification-disabled`: a JSON Web Token read without checking its signature, or
//! with the algorithm left to the token.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::crypto::values;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall, Stmt};
use moat_python::{Ranged, TextRange};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags JSON Web Tokens that are trusted without a verified signature, with PyJWT (`jwt`)
and python-jose (`jose.jwt`):
- `jwt.decode(token, key, options={"verify_signature": False})` (the options also
  through a variable or module constant), and PyJWT 1's `jwt.decode(token, verify=False)`
  (PyJWT 2 ignores `verify=`, so that call is only medium confidence);
- an `algorithms` list that contains `"none"`, and `jwt.encode(…, algorithm="none")`,
  which issues unsigned tokens;
- `jwt.decode` without `algorithms=`: python-jose then accepts whatever algorithm the
  token's header names (high severity); PyJWT 1 did the same, while PyJWT 2 raises, so
  for PyJWT it is medium;
- python-jose's `jwt.get_unverified_claims(token)`, which returns the claims without any
  check. Whether they then decide something cannot always be told from the code: when
  the call is in an `if`, `while` or `assert` condition or a comparison the finding has
  medium confidence, otherwise low.

PyJWT's `jwt.get_unverified_header` (used to pick the key by its `kid`) is not flagged.
Test files are not checked.

## Why is this bad?
A JWT's claims (who the user is, their roles, the expiry) are only as trustworthy as
its signature. Without verification anyone can write a token saying they are an
administrator. Letting the token choose the algorithm allows `"none"` (no signature) or
algorithm confusion: a token signed with HS256 using the server's RSA public key, which
is public, as the HMAC secret.

## Example
```python
import jwt

def current_user(request):
    claims = jwt.decode(request.headers["Authorization"][7:], options={"verify_signature": False})
    return claims["sub"]
```

## Use instead
Verify with the expected key and pin the algorithms you issue:
```python
import jwt

def current_user(request, public_key):
    claims = jwt.decode(
        request.headers["Authorization"][7:],
        public_key,
        algorithms=["RS256"],
        audience="my-api",
    )
    return claims["sub"]
```

## References
- CWE-347: Improper Verification of Cryptographic Signature
- OWASP Top 10 2025: A04 Cryptographic Failures
- RFC 8725: JSON Web Token Best Current Practices, sections 2.1 and 3.1
- PyJWT docs: `jwt.decode`, "Reading the claimset without validation"
"#;

/// Metadata of `jwt-verification-disabled`.
pub static META: RuleMeta = RuleMeta {
    id: "jwt-verification-disabled",
    title: "JWT signature not verified",
    category: Category::Crypto,
    cwe: &[347],
    owasp: Owasp::A04CryptographicFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects calls into PyJWT and python-jose.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Call(check)],
    modules: &["jwt", "jose"],
};

/// Which library a JWT function belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Library {
    PyJwt,
    Jose,
}

const DECODERS: &[(&str, Library)] = &[
    ("jwt.decode", Library::PyJwt),
    ("jwt.decode_complete", Library::PyJwt),
    ("jwt.api_jwt.decode", Library::PyJwt),
    ("jwt.api_jwt.decode_complete", Library::PyJwt),
    ("jose.jwt.decode", Library::Jose),
];

const ENCODERS: &[&str] = &["jwt.encode", "jwt.api_jwt.encode", "jose.jwt.encode"];

const UNVERIFIED_CLAIMS: &[&str] = &[
    "jose.jwt.get_unverified_claims",
    "jose.jws.get_unverified_claims",
];

fn check(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if let Some(&(_, library)) = DECODERS.iter().find(|(name, _)| *name == callee) {
        check_decode(ctx, call, callee, library);
    } else if ENCODERS.contains(&callee) {
        if let Some(algorithm) = call.arguments.find_argument_value("algorithm", 2)
            && is_none_algorithm(ctx.constant(algorithm).as_ref())
        {
            ctx.report(
                algorithm.range(),
                format!("`{callee}` is given `algorithm={}`, so it issues unsigned tokens anyone can forge; sign with HS256 or RS256/ES256", ctx.snippet(algorithm)),
            );
        }
    } else if UNVERIFIED_CLAIMS.contains(&callee) {
        let decides = in_condition(ctx, call);
        let (confidence, why) = if decides {
            (Confidence::Medium, "and the result is tested here")
        } else {
            (
                Confidence::Low,
                "Moat cannot tell whether the result decides anything",
            )
        };
        ctx.report(
            call.range(),
            format!("`{callee}` returns the token's claims without checking its signature ({why}); if the claims identify or authorise anyone, read them with `jwt.decode(token, key, algorithms=[…])`"),
        )
        .severity(Severity::Medium)
        .confidence(confidence);
    }
}

fn check_decode(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str, library: Library) {
    if let Some(options) = call.arguments.find_argument_value("options", 3)
        && let Some(flag) = option_value(ctx, options, "verify_signature")
        && !flag.is_truthy()
    {
        ctx.report(
            call.range(),
            format!("`{callee}` is given `options` with `\"verify_signature\": False`, so the token's signature is not checked and anyone can forge its claims; pass the key and `algorithms=[…]`"),
        );
        return;
    }
    if let Some(verify) = call.arguments.find_keyword("verify")
        && ctx.constant(&verify.value).is_some_and(|v| !v.is_truthy())
    {
        ctx.report(
            call.range(),
            format!("`{callee}` is given `verify={}`: PyJWT 1 then skips the signature check, so anyone can forge the token (PyJWT 2 ignores the argument); remove it and pass `algorithms=[…]`", ctx.snippet(&verify.value)),
        )
        .confidence(Confidence::Medium);
        return;
    }
    match call.arguments.find_argument_value("algorithms", 2) {
        Some(algorithms) if allows_none(ctx, algorithms) => {
            ctx.report(
                algorithms.range(),
                format!("`{callee}` allows the `none` algorithm (`{}`), so a token without any signature is accepted; list only the algorithms you issue", ctx.snippet(algorithms)),
            )
            .confidence(Confidence::Medium);
        }
        Some(_) => {}
        None if call.arguments.keywords.iter().all(|k| k.arg.is_some()) => {
            let (severity, why) = match library {
                Library::Jose => (
                    Severity::High,
                    "python-jose then accepts whatever algorithm the token's header names, which allows algorithm confusion (an HS256 token signed with your public key)",
                ),
                Library::PyJwt => (
                    Severity::Medium,
                    "PyJWT 1 then accepts whatever algorithm the token's header names, which allows algorithm confusion (PyJWT 2 raises instead)",
                ),
            };
            ctx.report(
                call.range(),
                format!("`{callee}` is given no `algorithms`: {why}; pass `algorithms=[…]` with the algorithms you issue"),
            )
            .severity(severity)
            .confidence(Confidence::Medium);
        }
        None => {}
    }
}

/// The value of the string key `key` in the dictionary `options` (or the dictionary a
/// name is bound to once).
fn option_value(ctx: &Context<'_, '_>, options: &Expr, key: &str) -> Option<Constant> {
    let at = values::origin(ctx, options);
    let Expr::Dict(dict) = at.expr else {
        return None;
    };
    dict.items.iter().find_map(|item| {
        let name = values::constant(
            ctx,
            values::Located {
                expr: item.key.as_ref()?,
                scope: at.scope,
            },
        )?;
        (name.as_str() == Some(key)).then(|| {
            values::constant(
                ctx,
                values::Located {
                    expr: &item.value,
                    scope: at.scope,
                },
            )
        })?
    })
}

/// Whether an `algorithms` value (a list, tuple or set of names, or one name) contains
/// `none`.
fn allows_none(ctx: &Context<'_, '_>, algorithms: &Expr) -> bool {
    let at = values::origin(ctx, algorithms);
    let items: &[Expr] = match at.expr {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        Expr::Set(set) => &set.elts,
        single => std::slice::from_ref(single),
    };
    items.iter().any(|item| {
        is_none_algorithm(
            values::constant(
                ctx,
                values::Located {
                    expr: item,
                    scope: at.scope,
                },
            )
            .as_ref(),
        )
    })
}

/// Whether a constant names the `none` algorithm.
fn is_none_algorithm(value: Option<&Constant>) -> bool {
    value
        .and_then(Constant::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("none"))
}

/// Whether `call` is part of a condition: the test of the `if`, `while` or `assert`
/// holding it, or a comparison.
fn in_condition(ctx: &Context<'_, '_>, call: &ExprCall) -> bool {
    let test = match ctx.statement() {
        Some(Stmt::If(stmt)) => Some(stmt.test.as_ref()),
        Some(Stmt::While(stmt)) => Some(stmt.test.as_ref()),
        Some(Stmt::Assert(stmt)) => Some(stmt.test.as_ref()),
        _ => None,
    };
    if test.is_some_and(|t| t.range().contains_range(call.range())) {
        return true;
    }
    let Some(stmt) = ctx.statement() else {
        return false;
    };
    let mut finder = ComparisonHolding {
        call: call.range(),
        found: false,
    };
    finder.visit_stmt(stmt);
    finder.found
}

/// Finds a comparison that holds the call.
struct ComparisonHolding {
    call: TextRange,
    found: bool,
}

impl<'a> Visitor<'a> for ComparisonHolding {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if !expr.range().contains_range(self.call) {
            return;
        }
        if expr.is_compare_expr() {
            self.found = true;
            return;
        }
        visitor::walk_expr(self, expr);
    }
}

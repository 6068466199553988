//! Calls that are security decisions: verifying a signature, a token, a certificate's host
//! name or a password, checking a permission. Code that swallows their failure and carries
//! on lets through what the check was there to stop.

use crate::context::Context;
use crate::words;
use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, ExprCall, Stmt};

/// Functions, by qualified name, that raise (or return false) when a check fails.
const CHECK_FUNCTIONS: &[&str] = &[
    "jwt.decode",
    "jwt.decode_complete",
    "jwt.api_jwt.decode",
    "jwt.api_jws.decode",
    "jose.jwt.decode",
    "jose.jws.verify",
    "ssl.match_hostname",
    "rsa.verify",
    "rsa.pkcs1.verify",
    "django.core.signing.loads",
    "django.contrib.auth.hashers.check_password",
    "django.contrib.auth.password_validation.validate_password",
    "werkzeug.security.check_password_hash",
    "bcrypt.checkpw",
];

/// Libraries whose objects' [`CHECK_METHODS`] verify: a key's `verify`, a signer's
/// `unsign`/`loads`, Fernet's `decrypt` (which checks the token's MAC).
const CHECKING_LIBRARIES: &[&str] = &[
    "cryptography.",
    "nacl.",
    "ecdsa.",
    "itsdangerous.",
    "django.core.signing.",
    "jwt.",
];

/// Methods of [`CHECKING_LIBRARIES`] objects that verify what they are given.
const CHECK_METHODS: &[&str] = &[
    "verify",
    "unsign",
    "unsign_object",
    "loads",
    "decrypt",
    "decode",
];

/// Words that, with `check` or `validate`, name a security check (`check_password`,
/// `validate_token`, `check_object_permissions`).
const CHECKED_THINGS: &[&str] = &[
    "access",
    "auth",
    "cert",
    "certificate",
    "credentials",
    "csrf",
    "hmac",
    "hostname",
    "mac",
    "password",
    "perm",
    "permission",
    "permissions",
    "perms",
    "signature",
    "token",
];

/// A security check called in a block.
pub(crate) struct FoundCheck {
    /// The callee as written (`jwt.decode`, `self.verify_signature`).
    pub callee: String,
    /// Whether it is known by what it resolves to, not only by its name.
    pub resolved: bool,
}

/// The first call in `body` (outside nested functions and classes) that is a security
/// check.
pub(crate) fn first_check(ctx: &Context<'_, '_>, body: &[Stmt]) -> Option<FoundCheck> {
    let mut finder = Checks { ctx, found: None };
    finder.visit_body(body);
    finder.found
}

/// Whether `call` is a security check: a [`CHECK_FUNCTIONS`] function, a
/// [`CHECK_METHODS`] method of an object one of the [`CHECKING_LIBRARIES`] made, or a
/// function whose name says it verifies, authenticates or authorises
/// (`verify_signature`, `authenticate`, `check_permissions`). `Some(true)` when it is
/// known by what it resolves to, `Some(false)` when only by its name.
fn is_check(ctx: &Context<'_, '_>, call: &ExprCall) -> Option<bool> {
    if ctx
        .resolve(&call.func)
        .is_some_and(|name| CHECK_FUNCTIONS.contains(&name.as_str()))
    {
        return Some(true);
    }
    let name = match call.func.as_ref() {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => {
            if CHECK_METHODS.contains(&attribute.attr.as_str())
                && ctx.constructor_of(&attribute.value).is_some_and(|made_by| {
                    CHECKING_LIBRARIES
                        .iter()
                        .any(|library| made_by.starts_with(library))
                })
            {
                return Some(true);
            }
            attribute.attr.as_str()
        }
        _ => return None,
    };
    names_a_check(&words::split(name)).then_some(false)
}

/// Whether the words of a function's name say it is a security check.
fn names_a_check(split: &[String]) -> bool {
    let has = |word: &str| words::has(split, word);
    if has("verify") || has("authenticate") || has("authorize") || has("authorise") {
        return true;
    }
    (has("check") || has("validate")) && split.iter().any(|w| CHECKED_THINGS.contains(&w.as_str()))
}

/// Finds the first security check called in a block.
struct Checks<'c, 'x, 'a> {
    ctx: &'c Context<'x, 'a>,
    found: Option<FoundCheck>,
}

impl<'e> Visitor<'e> for Checks<'_, '_, '_> {
    fn visit_stmt(&mut self, stmt: &'e Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            _ if self.found.is_some() => {}
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'e Expr) {
        if self.found.is_some() {
            return;
        }
        if let Expr::Call(call) = expr
            && let Some(resolved) = is_check(self.ctx, call)
        {
            self.found = Some(FoundCheck {
                callee: self.ctx.snippet(&*call.func),
                resolved,
            });
            return;
        }
        if !matches!(expr, Expr::Lambda(_)) {
            visitor::walk_expr(self, expr);
        }
    }
}

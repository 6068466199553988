//! `secret-logged`: a password, token or other secret written to a log.

use crate::context::Context;
use crate::receiver::constructor;
use crate::rule::{Check, Rule};
use crate::words::{self, Hint};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, FStringPart, InterpolatedStringElement};

const DOCS: &str = r#"## What it does
Flags logging calls — `logging.info(...)` and its siblings, and the same methods on a
logger made by `logging.getLogger` — whose arguments include a variable, attribute or
dictionary key named like a secret: `password`, `passwd`, `token`, `secret`, `api_key`,
`credentials`, `otp`, `nonce`… (also inside f-strings, `%` and `.format`). Names that
describe a secret rather than hold it (`token_type`, `password_length`, `is_token`),
values passed through another function call (`mask(token)`, `len(password)`) and
comparisons are not flagged.

## Why is this bad?
Logs are copied to files, terminals, log collectors and support tickets, kept for months
and read by many more people than the secrets' owners. A password or token written there
can be replayed by anyone who reads the log (or by whoever breaks into the log store).

## Example
```python
logger.info("login for %s with password %s", username, password)
logger.debug(f"refreshed token={token}")
```

## Use instead
Log that the event happened, not the secret; if you must tell secrets apart, log a
short, non-reversible fingerprint:
```python
logger.info("login for %s", username)
logger.debug("refreshed token ending in %s", token[-4:])
```

## References
- CWE-532: Insertion of Sensitive Information into Log File
- CWE-200: Exposure of Sensitive Information to an Unauthorized Actor
- OWASP Top 10 2025: A09 Security Logging and Alerting Failures
"#;

/// Metadata of `secret-logged`.
pub static META: RuleMeta = RuleMeta {
    id: "secret-logged",
    title: "Secret written to a log",
    category: Category::Code,
    cwe: &[532, 200],
    owasp: Owasp::A09SecurityLoggingAndAlertingFailures,
    severity: Severity::Medium,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: inspects logging calls.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Expr(check)],
    modules: &["logging"],
};

const LEVELS: &[&str] = &[
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "exception",
    "critical",
    "fatal",
    "log",
];

const LOGGER_CONSTRUCTORS: &[&str] = &[
    "logging.getLogger",
    "logging.Logger",
    "logging.LoggerAdapter",
];

fn check(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Expr::Call(call) = expr else {
        return;
    };
    let Expr::Attribute(method) = call.func.as_ref() else {
        return;
    };
    let level = method.attr.as_str();
    if !LEVELS.contains(&level) {
        return;
    }
    let is_logging = ctx.resolve(&call.func).as_deref() == Some(&format!("logging.{level}"))
        || constructor(ctx, &method.value)
            .is_some_and(|c| LOGGER_CONSTRUCTORS.contains(&c.as_str()));
    if !is_logging {
        return;
    }
    let Some((name, at)) = logged_secret(ctx, call) else {
        return;
    };
    ctx.report(
        call.range(),
        format!("`{}` writes `{}` to the log, and its name says it holds a secret (`{name}`); log that the event happened, not the value", ctx.snippet(&*call.func), ctx.snippet(at)),
    );
}

/// The first argument that names a secret, with the word that says so.
fn logged_secret<'e>(ctx: &Context<'_, '_>, call: &'e ExprCall) -> Option<(String, &'e Expr)> {
    let mut found = None;
    for arg in call
        .arguments
        .args
        .iter()
        .chain(call.arguments.keywords.iter().map(|k| &k.value))
    {
        visit(ctx, arg, &mut found);
        if found.is_some() {
            break;
        }
    }
    found
}

/// Looks for a value named like a secret in the parts of `expr` that end up in the text.
fn visit<'e>(ctx: &Context<'_, '_>, expr: &'e Expr, found: &mut Option<(String, &'e Expr)>) {
    if found.is_some() {
        return;
    }
    let name = match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        Expr::Subscript(subscript) => match subscript.slice.as_ref() {
            Expr::StringLiteral(key) => Some(key.value.to_str()),
            _ => None,
        },
        _ => None,
    };
    if let Some(name) = name {
        if let Some((_, Hint::Strong)) = words::secret_hint(&words::split(name)) {
            *found = Some((name.to_string(), expr));
        }
        return;
    }
    match expr {
        Expr::FString(fstring) => {
            for part in fstring.value.iter() {
                if let FStringPart::FString(fs) = part {
                    for element in &fs.elements {
                        if let InterpolatedStringElement::Interpolation(i) = element {
                            visit(ctx, &i.expression, found);
                        }
                    }
                }
            }
        }
        Expr::BinOp(op) => {
            visit(ctx, &op.left, found);
            visit(ctx, &op.right, found);
        }
        Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| visit(ctx, e, found)),
        Expr::List(list) => list.elts.iter().for_each(|e| visit(ctx, e, found)),
        Expr::Dict(dict) => dict
            .items
            .iter()
            .for_each(|item| visit(ctx, &item.value, found)),
        Expr::Call(call) => {
            // Text conversions and `.format` pass the value through; other calls
            // (masking, hashing, `len`) are taken to transform it.
            let passes = matches!(
                ctx.resolve(&call.func).as_deref(),
                Some("builtins.str" | "builtins.repr")
            ) || matches!(call.func.as_ref(), Expr::Attribute(a) if a.attr.as_str() == "format");
            if passes {
                call.arguments
                    .args
                    .iter()
                    .for_each(|e| visit(ctx, e, found));
                call.arguments
                    .keywords
                    .iter()
                    .for_each(|k| visit(ctx, &k.value, found));
            }
        }
        _ => {}
    }
}

//! `hardcoded-password`: a password, token or key written into the source.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::secrets::assigned_pairs;
use crate::rules::secrets::leaked_secret;
use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::ast::{CmpOp, Expr, Stmt};
use moat_python::{Ranged, TextRange};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags a non-empty string written into the code as the value of something whose name says
it is a password, secret, token, API key, access key, private key or credential:
- assigned to a variable, attribute or string key (`DB_PASSWORD = "..."`,
  `self.api_key = "..."`, `config["secret"] = "..."`), or given as a dictionary entry
  (`{"password": "..."}`);
- passed as a keyword argument (`connect(password="...")`);
- used as a parameter default (`def login(user, password="admin")`);
- compared with such a name (`if token == "..."`).

The value may be a literal or a constant built from literals elsewhere in the module.
Names are split into words (`dbPassword`, `DB_PASSWORD` and `db_password` alike), and
names that describe rather than hold the secret (`password_field`, `token_type`,
`TOKEN_URL`, `password_min_length`, `token_source`) are not flagged. Neither are values
that are clearly not a secret: a URL, a template (`{}`, `%s`), an environment variable's
name such as `"DB_PASSWORD"`, a field name such as `"password"`, or punctuation and
spaces alone (a mask of asterisks, `"-"`, `"..."`).

A password may be short and plain, so any other value of a password, secret, key or
credential is flagged (`password = "abc"`). The word `token`, though, also names a piece
of text in a lexer or parser (`if token == "lambda":`, `token = "not in"`), so a value
given to a token name is flagged only when it looks generated: 8 or more characters, no
whitespace, not a file name (`"make.bat"`), and not a word or identifier, i.e. letters
joined by `_`, `-` or `.` in a single case or in camelCase (`"COLLATE"`,
`"START_ELEMENT"`, `"not-provided"`, `"EndOfFile"`). A generated token has a digit,
another symbol or capitals side by side (`"ghp_16C7e42F…"`, `"debug-token-1"`).

The message gives the value's length, never the value, and the code frame of the text
output masks the value.

A value that holds a credential in a known format (a `ghp_…` token with a valid checksum,
an AWS key id, a private key…) is left to `leaked-secret` when that rule runs, so it is
reported once, with the kind of credential.

Confidence is high when the name ends in the secret word (`password`, `db_password`,
`API_KEY`) and the value has 8 or more characters and is not only letters (a word such as
`changeme` may be a placeholder); medium otherwise.

Test code (files in a `test`, `tests` or `testing` folder, `test_*.py`, `*_test.py`,
`tests.py`, `conftest.py`) is not checked: it is not deployed, and a literal password for
a test database or fixture there is how tests are written, not a weakness.

## Why is this bad?
Source code is copied to every developer machine, CI runner, container image and backup,
and stays in version control history after the line is removed. A credential in it is
readable by all of them, is the same in every environment, and cannot be rotated without
a release. Default passwords in shipped code are among the first things attackers try.

## Example
```python
import psycopg2

DB_PASSWORD = "Pr0d-s3cret!"

def connect():
    return psycopg2.connect(host="db", user="app", password=DB_PASSWORD)
```

## Use instead
Read credentials from the environment or a secret manager at run time:
```python
import os
import psycopg2

def connect():
    return psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])
```

## References
- CWE-259: Use of Hard-coded Password
- CWE-798: Use of Hard-coded Credentials
- OWASP Top 10 2025: A07 Authentication Failures
"#;

/// Metadata of `hardcoded-password`.
pub static META: RuleMeta = RuleMeta {
    id: "hardcoded-password",
    title: "Hardcoded password or secret",
    category: Category::Secrets,
    cwe: &[259, 798],
    owasp: Owasp::A07AuthenticationFailures,
    severity: Severity::High,
    confidence: Confidence::Medium,
    default_enabled: true,
    checks_test_code: false,
    bandit: &["B105", "B106", "B107"],
    ruff: &["S105", "S106", "S107"],
    docs: DOCS,
};

/// The rule: inspects assignments, function definitions, calls, comparisons and dicts.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check_stmt), Check::Expr(check_expr)],
    modules: &[],
};

/// Words that on their own name a credential.
const SECRET_WORDS: &[&str] = &[
    "apikey",
    "credential",
    "credentials",
    "pass",
    "passphrase",
    "passwd",
    "password",
    "pw",
    "pwd",
    "secret",
    "token",
];

/// Word pairs that name a key that is a credential.
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("access", "key"),
    ("api", "key"),
    ("encryption", "key"),
    ("master", "key"),
    ("private", "key"),
    ("secret", "key"),
    ("signing", "key"),
];

/// Words that, besides the shared descriptors, say a name holds a label or a setting
/// about the credential rather than the credential (`secret_id`, `password_backend`,
/// `token_prefix`).
const LABELS: &[&str] = &[
    "alphabet",
    "backend",
    "body",
    "button",
    "caption",
    "characters",
    "chars",
    "charset",
    "class",
    "delimiter",
    "desc",
    "description",
    "email",
    "encoding",
    "form",
    "handler",
    "id",
    "input",
    "link",
    "method",
    "mode",
    "module",
    "prefix",
    "provider",
    "separator",
    "subject",
    "suffix",
    "validator",
    "view",
    "widget",
];

/// Words that, after the secret word, say a name tells where the credential comes from
/// or which attribute holds it, not the credential (`token_source = "POST"`,
/// `password_attr`). Only a word after the secret word counts: `source_db_password` is
/// the password of the source database.
const ABOUT_THE_SECRET: &[&str] = &["attr", "attribute", "location", "origin", "source"];

/// What a name says about the secret it holds.
struct SecretName {
    /// The word (or pair) that names the secret.
    word: String,
    /// Whether the name ends with it (`db_password`, not `password_salt`).
    at_end: bool,
}

/// Whether `name` names a credential.
fn secret_name(name: &str) -> Option<SecretName> {
    let words = words::split(name);
    if words::descriptor(&words).is_some() || words.iter().any(|w| LABELS.contains(&w.as_str())) {
        return None;
    }
    let pair_at = |i: usize| {
        SECRET_PAIRS
            .iter()
            .any(|(a, b)| words[i] == *a && words.get(i + 1).is_some_and(|w| w == b))
    };
    let single_at = |i: usize| SECRET_WORDS.contains(&words[i].as_str());
    let found = |i: usize, pair: bool| {
        let end = if pair { i + 1 } else { i };
        SecretName {
            word: if pair {
                format!("{}_{}", words[i], words[i + 1])
            } else {
                words[i].clone()
            },
            at_end: end + 1 == words.len(),
        }
    };
    // Prefer a match that ends the name: `secret_key` is a key, `password_salt` is not a
    // password.
    let last = words.len().checked_sub(1)?;
    if last >= 1 && pair_at(last - 1) {
        return Some(found(last - 1, true));
    }
    if single_at(last) {
        return Some(found(last, false));
    }
    if ABOUT_THE_SECRET.contains(&words[last].as_str()) {
        return None;
    }
    (0..words.len()).find_map(|i| {
        if pair_at(i) {
            Some(found(i, true))
        } else if single_at(i) {
            Some(found(i, false))
        } else {
            None
        }
    })
}

/// Values that are a setting, a flag or an authentication scheme, not a credential.
const NOT_CREDENTIALS: &[&str] = &[
    "basic",
    "bearer",
    "digest",
    "disabled",
    "enabled",
    "false",
    "jwt",
    "n/a",
    "nil",
    "no",
    "none",
    "null",
    "off",
    "on",
    "optional",
    "required",
    "true",
    "undefined",
    "yes",
];

/// Whether a string value could be a credential rather than a label, a template, a URL,
/// an environment variable's name, a setting, or punctuation and spaces alone (a mask of
/// asterisks, an operator such as `"@"`, a placeholder such as `"-"` or `"..."`).
fn could_be_secret(value: &str, name: &str) -> bool {
    if value
        .chars()
        .all(|c| c.is_ascii_punctuation() || c.is_whitespace() || c == '•')
        || value.contains('{')
        || value.contains("%s")
        || value.contains("%(")
        || value.contains("://")
        || value.eq_ignore_ascii_case(name)
        || NOT_CREDENTIALS
            .iter()
            .any(|word| value.eq_ignore_ascii_case(word))
    {
        return false;
    }
    !names_a_secret(value)
}

/// Whether `value` is the name of a secret rather than one: an environment variable
/// (`DB_PASSWORD`, `$GITHUB_TOKEN`), an HTTP header (`X-Api-Key`) or a field
/// (`password`, `api_key`) whose last words name a secret, or text for people that
/// mentions one (`Forgot your password?`).
fn names_a_secret(value: &str) -> bool {
    if value.contains(char::is_whitespace)
        && value
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| secret_name(word).is_some())
    {
        return true;
    }
    let bare = value.strip_prefix('$').unwrap_or(value);
    let env_var = bare.starts_with(|c: char| c.is_ascii_uppercase())
        && bare
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    let header = bare.split('-').all(|part| {
        part.starts_with(|c: char| c.is_ascii_uppercase())
            && part.chars().all(|c| c.is_ascii_alphabetic())
    });
    let field = bare.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    (env_var || (header && value == bare) || (field && value == bare))
        && secret_name(bare).is_some_and(|s| s.at_end)
}

/// Whether a value given to a name with the word `token` looks like a generated token
/// rather than a token of a lexer or parser: 8 or more characters, no whitespace, not a
/// file name and not a word or identifier.
fn looks_generated(value: &str) -> bool {
    value.chars().count() >= 8
        && !value.contains(char::is_whitespace)
        && !file_name(value)
        && !word(value)
}

/// Whether `value` is a word or an identifier: letters joined by `_`, `-` or `.`, in a
/// single case (`"lambda"`, `"COLLATE"`, `"START_ELEMENT"`, `"not-provided"`) or in
/// camelCase (`"EndOfFile"`: every capital starts a lowercase run). A generated token
/// has a digit, another symbol, or capitals next to each other or at its end.
fn word(value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    let lowercase_run_after = |i: usize| chars.get(i + 1).is_some_and(|c| c.is_lowercase());
    let single_case =
        !chars.iter().any(|c| c.is_uppercase()) || !chars.iter().any(|c| c.is_lowercase());
    chars
        .iter()
        .all(|&c| c.is_alphabetic() || matches!(c, '_' | '-' | '.'))
        && (single_case
            || chars
                .iter()
                .enumerate()
                .all(|(i, c)| !c.is_uppercase() || lowercase_run_after(i)))
}

/// Whether `value` reads as a file name: a stem of letters, digits, `_` and `-`, then a
/// dot and an extension of one to four lowercase letters (`make.bat`, `setup_v2.cfg`).
fn file_name(value: &str) -> bool {
    value.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && (1..=4).contains(&extension.len())
            && extension.chars().all(|c| c.is_ascii_lowercase())
    })
}

/// A hardcoded credential found in `value`, given to the secret named `name`.
struct Hardcoded {
    /// What kind of credential the name suggests, for the message.
    kind: String,
    chars: usize,
    /// The constant `value` refers to (`DEFAULT_PW`), when it is a reference; never the
    /// text of an expression, which would show the secret's parts.
    via: Option<String>,
    /// Whether `value` is an expression folded to a constant (`PREFIX + "x"`).
    folded: bool,
    high_confidence: bool,
    /// The value's text in the source, to mask in code frames, when it is a literal.
    literal: Option<TextRange>,
}

/// Whether this rule reports `value` given to `name`, so `leaked-secret` leaves it alone.
pub(crate) fn reports(ctx: &Context<'_, '_>, name: &str, value: &Expr) -> bool {
    hardcoded(ctx, name, value).is_some()
}

fn hardcoded(ctx: &Context<'_, '_>, name: &str, value: &Expr) -> Option<Hardcoded> {
    let secret = secret_name(name)?;
    let text = match value {
        Expr::StringLiteral(s) => s.value.to_str().to_string(),
        Expr::BytesLiteral(b) => {
            String::from_utf8_lossy(&b.value.bytes().collect::<Vec<_>>()).into_owned()
        }
        Expr::Name(_) | Expr::Attribute(_) | Expr::BinOp(_) | Expr::FString(_) => {
            // A constant with a secret's name is reported where it is defined.
            if let Some(reference) = words::target_name(value)
                && secret_name(reference).is_some()
            {
                return None;
            }
            match ctx.constant(value)? {
                Constant::Str(s) => s,
                Constant::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
                _ => return None,
            }
        }
        _ => return None,
    };
    if !could_be_secret(&text, name) || (secret.word == "token" && !looks_generated(&text)) {
        return None;
    }
    if ctx.runs(&leaked_secret::META) && !moat_secrets::scan_text(&text).is_empty() {
        return None;
    }
    let literal = (matches!(value, Expr::StringLiteral(_) | Expr::BytesLiteral(_))
        && !text.is_empty())
    .then(|| ctx.locate(value.range(), &text));
    let chars = text.chars().count();
    let reference = matches!(value, Expr::Name(_) | Expr::Attribute(_));
    Some(Hardcoded {
        kind: kind(&secret.word),
        chars,
        via: reference.then(|| ctx.snippet(value)),
        folded: matches!(value, Expr::BinOp(_) | Expr::FString(_)),
        high_confidence: secret.at_end && chars >= 8 && !text.chars().all(char::is_alphabetic),
        literal,
    })
}

/// The kind of credential a secret word names, for messages.
fn kind(word: &str) -> String {
    match word {
        "secret" | "token" => word.to_string(),
        "apikey" | "api_key" => "API key".to_string(),
        "credential" | "credentials" => "credential".to_string(),
        w if w.ends_with("_key") => w.replace('_', " "),
        _ => "password".to_string(),
    }
}

fn report(ctx: &mut Context<'_, '_>, range: TextRange, what: String, found: &Hardcoded) {
    let length = match found.chars {
        1 => "1 character".to_string(),
        n => format!("{n} characters"),
    };
    let value = match &found.via {
        Some(via) => format!("`{via}`, a constant string of {length}"),
        None if found.folded => format!("a string of {length} built from constants"),
        None => format!("a hardcoded string of {length}"),
    };
    let report = ctx.report(
        range,
        format!("{what} {value}; anyone who can read the code has this {}, so load it from the environment or a secret store", found.kind),
    );
    if found.high_confidence {
        report.confidence(Confidence::High);
    }
    if let Some(literal) = found.literal {
        report.redact(literal);
    }
}

fn check_stmt(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    match stmt {
        Stmt::Assign(_) | Stmt::AnnAssign(_) => {
            for (target, value) in assigned_pairs(stmt) {
                assigned(ctx, target, value);
            }
        }
        Stmt::FunctionDef(function) => {
            for parameter in function.parameters.iter_non_variadic_params() {
                let Some(default) = parameter.default() else {
                    continue;
                };
                let name = parameter.parameter.name.as_str();
                if let Some(found) = hardcoded(ctx, name, default) {
                    let what = format!(
                        "parameter `{name}` of `{}` defaults to",
                        function.name.as_str()
                    );
                    report(ctx, parameter.range(), what, &found);
                }
            }
        }
        _ => {}
    }
}

fn assigned(ctx: &mut Context<'_, '_>, target: &Expr, value: &Expr) {
    let Some(name) = words::target_name(target) else {
        return;
    };
    if let Some(found) = hardcoded(ctx, name, value) {
        let what = format!("`{}` is set to", ctx.snippet(target));
        report(
            ctx,
            TextRange::new(target.start(), value.end()),
            what,
            &found,
        );
    }
}

fn check_expr(ctx: &mut Context<'_, '_>, expr: &Expr) {
    match expr {
        Expr::Call(call) => {
            for keyword in &call.arguments.keywords {
                let Some(arg) = &keyword.arg else {
                    continue;
                };
                if let Some(found) = hardcoded(ctx, arg.as_str(), &keyword.value) {
                    let what = format!(
                        "`{arg}=` in the call to `{}` is given",
                        ctx.snippet(&*call.func)
                    );
                    report(ctx, keyword.range(), what, &found);
                }
            }
        }
        Expr::Dict(dict) => {
            for item in &dict.items {
                let Some(Expr::StringLiteral(key)) = &item.key else {
                    continue;
                };
                if let Some(found) = hardcoded(ctx, key.value.to_str(), &item.value) {
                    let what = format!("key `{}` is mapped to", ctx.text(key));
                    report(
                        ctx,
                        TextRange::new(key.start(), item.value.end()),
                        what,
                        &found,
                    );
                }
            }
        }
        Expr::Compare(compare) => {
            let mut left = compare.left.as_ref();
            for (op, right) in compare.ops.iter().zip(&compare.comparators) {
                if matches!(op, CmpOp::Eq | CmpOp::NotEq) {
                    for (named, value) in [(left, right), (right, left)] {
                        let Some(name) = words::target_name(named) else {
                            continue;
                        };
                        if let Some(found) = hardcoded(ctx, name, value) {
                            let what = format!("`{}` is compared with", ctx.snippet(named));
                            report(ctx, compare.range(), what, &found);
                        }
                    }
                }
                left = right;
            }
        }
        _ => {}
    }
}

//! `leaked-secret`: a credential in a known token format, a private key, a URL with a
//! password, or a high-entropy value under a secret-like name, in a string literal or in a
//! committed config file.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::secrets::assigned_pairs;
use crate::rules::secrets::hardcoded_password;

use crate::words;
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity, is_test_path};
use moat_python::ast::{Expr, FStringPart, InterpolatedStringElement, Stmt};
use moat_python::{Ranged, TextRange};
use moat_secrets::{Detection, SecretKind, scan_named_value, scan_text};

const DOCS: &str = r#"## What it does
Finds credentials written into string literals and into the config files a project
commits, by their format:

- AWS access key ids (`AKIA…`, `ASIA…`: 20 characters, base32) and AWS secret access keys
  (40 characters) next to a key id or under an `aws_secret…` name;
- GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`), whose CRC32 checksum must hold,
  and fine-grained `github_pat_` tokens; GitLab `glpat-` tokens;
- Slack tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`) and incoming-webhook URLs;
- Stripe secret and restricted keys (`sk_live_`, `rk_live_`; `sk_test_` at low severity);
- Google API keys (`AIza…`), Twilio SIDs (`AC`/`SK` and 32 hex digits), SendGrid keys
  (`SG.….…`), npm tokens (`npm_…`, checksum checked), PyPI upload tokens (`pypi-AgEI…`,
  decoded);
- private-key PEM blocks (`-----BEGIN RSA|EC|DSA|OPENSSH|ENCRYPTED PRIVATE KEY-----` and
  PKCS#8 `PRIVATE KEY`, with a key body; public keys and certificates are not secrets);
- JSON Web Tokens whose header decodes to JSON with `alg`;
- URLs with a password: `postgres://user:password@host`, `redis://:password@…`,
  `https://user:token@…`;
- and, when no known format is found, a high-entropy value given to a secret-like name
  (`password`, `secret`, `token`, `api_key`, `access_key`, `private_key`, `client_secret`,
  `auth`, `credential`…) by an assignment, a keyword argument, a dict key, a parameter
  default or a config key. Entropy is measured per charset: 3.0 bits per character for hex
  (20 characters or more), 3.5 for alphanumeric (16 or more), 3.7 for base64 (20 or more),
  3.5 for other printable values (16 or more); the value must also hold a digit or a symbol.

Not reported: placeholders (`changeme`, `<your-key>`, `xxxx…`, `${VAR}`, `{{ var }}`,
`%(var)s`, `your_key_here`, example, sample, dummy and fake values, runs such as
`123456`), AWS's documented example keys (`AKIAIOSFODNN7EXAMPLE`), a `ghp_` or `npm_`
string whose checksum fails (not a token GitHub or npm issued), hex digests and checksums
under hash-like names (`sha256`, `md5`, `checksum`, `etag`, `digest`, `integrity`), UUIDs,
password hashes (`pbkdf2_sha256$…`, `$2b$…`), URLs without a password or with an example
host (`example.com`) or password (`scott:tiger`), and values read from the environment
(they are not literals).

Config files are found when this rule is selected: `.env`, `.env.*`, `*.ini`, `*.cfg`,
`*.conf`, `*.properties`, `*.toml`, `*.yaml`, `*.yml` (so `docker-compose*.yml`) and
`*.json`, and lock files (`package-lock.json`, `poetry.lock`, `uv.lock`, `Pipfile.lock`,
`yarn.lock`, `pdm.lock`) in which only known formats are looked for, as in example files
(`.env.example`, `*.sample.*`, `*.template.*`). They are read line by line as
`key = value`, `key: value` or `"key": "value"`, without parsing, so a malformed file is
scanned all the same.

Which rule reports what: a known format found in a literal is `leaked-secret`, even under
a password-like name; a plain password (`password = "hunter2"`) stays
`hardcoded-password`, and when `hardcoded-password` runs it also keeps high-entropy values
under the names it covers. A value is never reported by both.

In test code (`tests/` folders, `test_*.py`, `*_test.py`, `conftest.py`) high-entropy
values are not reported, and known formats are reported one severity lower, with low
confidence unless a checksum or structure was verified. Folders named `fixtures` are not
test code: Django loads them into databases, production ones included.

The message names the kind and a redacted form (`ghp_…a1B2 (40 chars)`), never the
secret, and the code frame of the text output masks the secret (`ghp_****…a1B2`).
Confidence is high when a checksum or structure was verified or the format is unambiguous,
medium for high-entropy values and Twilio SIDs, low for a URL password on `localhost` or
equal to the user name.

## Why is this bad?
A credential in a repository is readable by everyone with the code, on every clone, fork,
CI runner and backup, and stays in the history after the line is deleted. Scanners
harvest public repositories for these formats within minutes of a push. The credential
must be revoked and rotated; removing it from the code is not enough.

## Example
```python
import stripe

stripe.api_key = "sk_live_..."  # a live key written into the code

DATABASE_URL = "postgresql://app:Zq81-pLm3@db.internal/app"
```

## Use instead
```python
import os
import stripe

stripe.api_key = os.environ["STRIPE_API_KEY"]

DATABASE_URL = os.environ["DATABASE_URL"]
```
Revoke the leaked credential, then keep it in the environment, a secret manager or an
untracked file (`.env` listed in `.gitignore`).

## References
- CWE-798: Use of Hard-coded Credentials
- CWE-321: Use of Hard-coded Cryptographic Key
- CWE-259: Use of Hard-coded Password
- OWASP Top 10 2025: A07 Authentication Failures
- GitHub: Behind GitHub's new authentication token formats (2021)
"#;

/// Metadata of `leaked-secret`.
pub static META: RuleMeta = RuleMeta {
    id: "leaked-secret",
    title: "Leaked credential or key",
    category: Category::Secrets,
    cwe: &[798, 321, 259],
    owasp: Owasp::A07AuthenticationFailures,
    severity: Severity::High,
    confidence: Confidence::High,
    default_enabled: true,
    checks_test_code: true,
    bandit: &[],
    ruff: &[],
    docs: DOCS,
};

/// The rule: every string literal for known formats; assignments, defaults, keyword
/// arguments and dict entries for what the name adds.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[Check::Stmt(check_stmt), Check::Expr(check_expr)],
    modules: &[],
};

/// Whether `path` is test code, where high-entropy values are not reported and known
/// formats are reported one severity lower.
pub fn in_test_code(path: &str) -> bool {
    is_test_path(path)
}

/// A detection as the rule reports it in `path`: its message, severity and confidence
/// after the test-code policy, or `None` when the policy drops it.
pub struct Verdict {
    /// What was found, with the redacted form.
    pub message: String,
    pub severity: Severity,
    pub confidence: Confidence,
}

/// The message, severity and confidence of `detection` found in `path`; `name` is the
/// name the value was given (for high-entropy values).
pub fn verdict(detection: &Detection, name: Option<&str>, path: &str) -> Verdict {
    let mut severity = detection.severity;
    let mut confidence = detection.confidence;
    if in_test_code(path) {
        severity = match severity {
            Severity::Critical => Severity::High,
            Severity::High => Severity::Medium,
            _ => Severity::Low,
        };
        if !detection.verified {
            confidence = Confidence::Low;
        }
    }
    let redacted = &detection.redacted;
    let message = match (detection.kind, name) {
        (SecretKind::HighEntropy, Some(name)) => format!(
            "`{name}` is given a high-entropy string `{redacted}` that looks like a generated secret; load it from the environment or a secret store"
        ),
        (SecretKind::UrlPassword, _) => format!(
            "password `{redacted}` written into a URL; anyone who can read it can log in: change the password and read the URL from the environment"
        ),
        (SecretKind::TwilioSid, _) => format!(
            "Twilio SID `{redacted}` written into the file; it names the account or API key whose secret is usually next to it: look for that secret, revoke it and keep both in the environment"
        ),
        (SecretKind::PrivateKey, _) => format!(
            "private key `{redacted}` written into the file; replace the key pair and load the key from outside the repository or from a secret store"
        ),
        (kind, _) => {
            let checked = if detection.verified
                && matches!(kind, SecretKind::GitHubToken | SecretKind::NpmToken)
            {
                " (checksum verified)"
            } else {
                ""
            };
            format!(
                "{} `{redacted}`{checked} written into the file; anyone who can read it can use it: revoke it and load it from the environment or a secret store",
                kind.label()
            )
        }
    };
    Verdict {
        message,
        severity,
        confidence,
    }
}

fn report(
    ctx: &mut Context<'_, '_>,
    range: TextRange,
    value: &str,
    detection: &Detection,
    name: Option<&str>,
) {
    let at = ctx.locate(range, &value[detection.span.clone()]);
    let hidden = ctx.locate(at, &value[detection.hidden.clone()]);
    let verdict = verdict(detection, name, ctx.path());
    ctx.report(at, verdict.message)
        .severity(verdict.severity)
        .confidence(verdict.confidence)
        .redact(hidden);
}

/// Reports the known formats in one literal piece of text at `range`.
fn scan_piece(ctx: &mut Context<'_, '_>, range: TextRange, value: &str) {
    for detection in scan_text(value) {
        report(ctx, range, value, &detection, None);
    }
}

fn literal_value(expr: &Expr) -> Option<String> {
    match expr {
        Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
        Expr::BytesLiteral(b) => {
            Some(String::from_utf8_lossy(&b.value.bytes().collect::<Vec<_>>()).into_owned())
        }
        _ => None,
    }
}

fn check_expr(ctx: &mut Context<'_, '_>, expr: &Expr) {
    match expr {
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) => {
            if let Some(value) = literal_value(expr) {
                scan_piece(ctx, expr.range(), &value);
            }
        }
        Expr::FString(fstring) => {
            for part in fstring.value.iter() {
                match part {
                    FStringPart::Literal(literal) => {
                        scan_piece(ctx, literal.range(), literal.value.as_ref())
                    }
                    FStringPart::FString(f) => {
                        for element in &f.elements {
                            if let InterpolatedStringElement::Literal(literal) = element {
                                scan_piece(ctx, literal.range(), literal.value.as_ref());
                            }
                        }
                    }
                }
            }
        }
        Expr::Call(call) => {
            for keyword in &call.arguments.keywords {
                if let Some(arg) = &keyword.arg {
                    named(ctx, arg.as_str(), &keyword.value);
                }
            }
        }
        Expr::Dict(dict) => {
            for item in &dict.items {
                if let Some(Expr::StringLiteral(key)) = &item.key {
                    named(ctx, key.value.to_str(), &item.value);
                }
            }
        }
        _ => {}
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
                if let Some(default) = parameter.default() {
                    named(ctx, parameter.parameter.name.as_str(), default);
                }
            }
        }
        _ => {}
    }
}

fn assigned(ctx: &mut Context<'_, '_>, target: &Expr, value: &Expr) {
    if let Some(name) = words::target_name(target) {
        named(ctx, name, value);
    }
}

/// What the name adds to a literal given to it, when the literal holds no known format
/// (those are reported from the literal itself) and `hardcoded-password` does not report it.
fn named(ctx: &mut Context<'_, '_>, name: &str, value: &Expr) {
    let Some(text) = literal_value(value) else {
        return;
    };
    if !scan_text(&text).is_empty()
        || (ctx.runs(&hardcoded_password::META) && hardcoded_password::reports(ctx, name, value))
    {
        return;
    }
    let generic = !in_test_code(ctx.path());
    for detection in scan_named_value(&text, name, generic) {
        report(ctx, value.range(), &text, &detection, Some(name));
    }
}

//! `url-open-unchecked-scheme`: `urllib` opening URLs whose scheme is not a fixed
//! `http`/`https`.

use crate::context::Context;
use crate::rule::{Check, Rule};
use crate::rules::patterns::{as_method_call, bases_among, class_name, leading_text};
use moat_diagnostics::{Category, Confidence, Owasp, RuleMeta, Severity};
use moat_python::Ranged;
use moat_python::ast::{Expr, ExprCall, Stmt};
use moat_semantic::Constant;

const DOCS: &str = r#"## What it does
Flags `urllib.request.urlopen`, `urlretrieve` and `Request`, and `open` on an opener from
`urllib.request.build_opener()`, when the URL's scheme is not a constant `http://` or
`https://` (also through `six.moves.urllib`):
- a constant URL with another scheme (`file:`, `ftp:`, `data:`) is reported with high
  confidence;
- a URL that is not a constant, or is built without a constant `http(s)://` prefix, is
  reported with low confidence: it may have been checked before the call.

It also flags every `urllib.request.URLopener()` and `FancyURLopener()` (and classes
derived from them), with medium confidence: the `open` and `retrieve` methods of these
legacy openers, deprecated since Python 3.3, accept `file:` URLs whatever they are
given, and have no equivalent of the checks above.

**Off by default**: most URLs such code opens are passed in by its callers, and whether
they were checked first is not visible at the call. Enable it
(`--extend-select url-open-unchecked-scheme`) for applications that open URLs taken
from users, documents or configuration.

Not flagged: constant `http`/`https` URLs, f-strings, concatenations and `%`/`format`
templates that start with a constant `http://` or `https://`, and `urlopen(request)` of a
`urllib.request.Request(...)` (the `Request` call is checked instead). Test code is not
checked.

## Why is this bad?
`urlopen` does not only speak HTTP: given `file:///etc/passwd` it reads local files, and
`ftp:` and `data:` URLs work as well. When the URL comes from a user, a configuration
value or a document, that is a way to read the server's files or reach internal services
(server-side request forgery) through what was meant to be a web request.

## Example
```python
import urllib.request

def fetch_avatar(url):
    return urllib.request.urlopen(url, timeout=10).read()
```

## Use instead
Check the scheme (and, for server-side fetches, the host) first:
```python
import urllib.parse
import urllib.request

def fetch_avatar(url):
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ValueError("only http(s) URLs are allowed")
    return urllib.request.urlopen(url, timeout=10).read()
```

## References
- CWE-918: Server-Side Request Forgery (SSRF)
- CWE-73: External Control of File Name or Path
- OWASP Top 10 2025: A01 Broken Access Control
- Python docs: `urllib.request.urlopen`, "Legacy interface" (`URLopener`)
"#;

/// Metadata of `url-open-unchecked-scheme`.
pub static META: RuleMeta = RuleMeta {
    id: "url-open-unchecked-scheme",
    title: "URL opened without a fixed http(s) scheme",
    category: Category::Network,
    cwe: &[918, 73],
    owasp: Owasp::A01BrokenAccessControl,
    severity: Severity::Medium,
    confidence: Confidence::Low,
    default_enabled: false,
    checks_test_code: false,
    bandit: &["B310"],
    ruff: &["S310"],
    docs: DOCS,
};

/// The rule: inspects `urllib.request` calls and opener methods.
pub const RULE: Rule = Rule {
    meta: &META,
    checks: &[
        Check::Call(check_call),
        Check::Expr(check_opener),
        Check::Stmt(check_opener_subclass),
    ],
    modules: &["urllib"],
};

/// Functions that open their first argument, and that argument's keyword name.
const OPENERS: &[(&str, &str)] = &[
    ("urllib.request.urlopen", "url"),
    ("urllib.request.urlretrieve", "url"),
    ("urllib.request.Request", "url"),
];

/// Calls whose result opens URLs with `.open(url)`.
const OPENER_FACTORIES: &[&str] = &[
    "urllib.request.build_opener",
    "urllib.request.OpenerDirector",
];

/// Legacy opener classes whose `open`/`retrieve` accept any scheme, `file:` included.
const LEGACY_OPENERS: &[&str] = &["urllib.request.URLopener", "urllib.request.FancyURLopener"];

/// The message for `subject`, a legacy opener or the making of one.
fn legacy_opener_message(subject: &str) -> String {
    format!(
        "{subject} legacy opener whose `open` and `retrieve` read `file:` URLs as readily as `http:` ones (deprecated since Python 3.3); use `urllib.request.urlopen` after checking `urlsplit(url).scheme`"
    )
}

/// Whether `text` starts with `http://` or `https://`.
fn is_web_scheme(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Reports `url` opened by `what` unless its scheme is a constant http(s).
fn check_url(ctx: &mut Context<'_, '_>, call: &ExprCall, what: &str, url: &Expr) {
    if let Some(prefix) = leading_text(ctx, url) {
        if is_web_scheme(&prefix) {
            return;
        }
        let whole = matches!(ctx.constant(url), Some(Constant::Str(_)));
        if let Some((scheme, _)) = prefix.split_once(':').filter(|_| whole)
            && !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            ctx.report(
                call.range(),
                format!("`{what}` opens `{}`, which uses the `{scheme}:` scheme; `urllib` reads local files and other protocols this way, so use the API for that resource instead", ctx.snippet(url)),
            )
            .confidence(Confidence::High);
            return;
        }
    }
    if ctx
        .constructor_of(url)
        .is_some_and(|origin| origin == "urllib.request.Request")
    {
        return;
    }
    ctx.report(
        call.range(),
        format!("`{what}` opens `{}`, whose scheme is not a fixed `http`/`https`: a `file:` or `ftp:` URL there reads local files or reaches other services; check `urlsplit(url).scheme` first", ctx.snippet(url)),
    );
}

fn check_call(ctx: &mut Context<'_, '_>, call: &ExprCall, callee: &str) {
    if LEGACY_OPENERS.contains(&callee) {
        let subject = format!("`{callee}()` makes a");
        ctx.report(call.range(), legacy_opener_message(&subject))
            .confidence(Confidence::Medium);
        return;
    }
    let Some(&(_, parameter)) = OPENERS.iter().find(|(name, _)| *name == callee) else {
        return;
    };
    if let Some(url) = call.arguments.find_argument_value(parameter, 0) {
        check_url(ctx, call, callee, url);
    }
}

/// `opener.open(url)` on an opener from `build_opener()`.
fn check_opener(ctx: &mut Context<'_, '_>, expr: &Expr) {
    let Some((call, receiver, "open")) = as_method_call(expr) else {
        return;
    };
    if !ctx
        .constructor_of(receiver)
        .is_some_and(|origin| OPENER_FACTORIES.contains(&origin.as_str()))
    {
        return;
    }
    if let Some(url) = call.arguments.find_argument_value("fullurl", 0) {
        let what = ctx.snippet(&*call.func);
        check_url(ctx, call, &what, url);
    }
}

/// `class Opener(urllib.request.FancyURLopener)`: its instances are legacy openers too.
fn check_opener_subclass(ctx: &mut Context<'_, '_>, stmt: &Stmt) {
    for (base, name) in bases_among(ctx, stmt, LEGACY_OPENERS) {
        let subject = format!("`{}` derives from `{name}`, a", class_name(stmt));
        ctx.report(base.range(), legacy_opener_message(&subject))
            .confidence(Confidence::Medium);
    }
}

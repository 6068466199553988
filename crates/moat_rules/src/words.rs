//! Reading intent from names: identifiers split into words, and the words that say a
//! value is (or protects) a secret. Several rules use the names around a call or a
//! literal (the assignment target, the keyword, the enclosing function) to tell a
//! security use from an innocent one.

use moat_python::ast::visitor::{self, Visitor};
use moat_python::ast::{Expr, Keyword};

/// Splits an identifier into lowercase words: at `_`, `-`, `.` and other separators, at
/// camelCase humps (`resetCode`), after acronyms (`APIKey` → `api`, `key`) and between
/// letters and digits (`token2` → `token`, `2`).
pub fn split(ident: &str) -> Vec<String> {
    moat_secrets::split_words(ident)
}

/// Whether `words` contains `word`.
pub fn has(words: &[String], word: &str) -> bool {
    words.iter().any(|w| w == word)
}

/// Whether `words` contains `first` immediately followed by `second` (`api`, `key`).
pub fn has_pair(words: &[String], first: &str, second: &str) -> bool {
    words.windows(2).any(|w| w[0] == first && w[1] == second)
}

/// Words that make a name describe something about a secret rather than hold the secret
/// itself (`token_type`, `password_length`, `reset_url`), or hold a flag (`is_`, `has_`,
/// `should_`) rather than a value.
const DESCRIPTORS: &[&str] = &[
    "algorithm",
    "alg",
    "attempts",
    "backoff",
    "can",
    "column",
    "count",
    "delay",
    "dir",
    "enable",
    "enabled",
    "endpoint",
    "env",
    "error",
    "expiration",
    "expires",
    "expiry",
    "field",
    "file",
    "filename",
    "fmt",
    "format",
    "has",
    "header",
    "help",
    "hint",
    "host",
    "idx",
    "index",
    "interval",
    "is",
    "jitter",
    "kind",
    "label",
    "len",
    "length",
    "limit",
    "max",
    "message",
    "min",
    "msg",
    "name",
    "needs",
    "next",
    "num",
    "param",
    "path",
    "pattern",
    "placeholder",
    "policy",
    "prev",
    "previous",
    "prompt",
    "regex",
    "retries",
    "retry",
    "scheme",
    "should",
    "size",
    "sleep",
    "template",
    "text",
    "timeout",
    "title",
    "ttl",
    "type",
    "uri",
    "url",
    "use",
    "var",
    "wait",
];

/// Whether a word of the name says it describes a secret rather than holding it.
pub fn descriptor(words: &[String]) -> Option<&str> {
    words
        .iter()
        .map(String::as_str)
        .find(|w| DESCRIPTORS.contains(w))
}

/// Words that, in front of `key`, name something that is not a secret (`sort_key`,
/// `cache_key`, `s3_key`, `primary_key`).
const PLAIN_KEY_QUALIFIERS: &[&str] = &[
    "bucket",
    "cache",
    "composite",
    "dedup",
    "dict",
    "event",
    "foreign",
    "group",
    "hash",
    "hot",
    "idempotency",
    "json",
    "lookup",
    "map",
    "natural",
    "object",
    "order",
    "partition",
    "primary",
    "public",
    "range",
    "redis",
    "row",
    "s",
    "sort",
    "unique",
];

/// Words that, in front of `code`, name something that is not a secret (`status_code`,
/// `country_code`).
const PLAIN_CODE_QUALIFIERS: &[&str] = &[
    "area", "char", "color", "colour", "country", "currency", "error", "exit", "http", "lang",
    "language", "op", "postal", "region", "response", "return", "source", "status", "zip",
];

/// Words that on their own say a value is a secret or is used to make one.
const SECRET_WORDS: &[&str] = &[
    "apikey",
    "credential",
    "credentials",
    "csrf",
    "hotp",
    "nonce",
    "otp",
    "passphrase",
    "passwd",
    "password",
    "pw",
    "pwd",
    "salt",
    "secret",
    "token",
    "totp",
    "xsrf",
];

/// Words that suggest a secret less surely: a PIN, a session id, an IV, an auth value.
const WEAK_SECRET_WORDS: &[&str] = &["auth", "iv", "pin", "reset", "session"];

/// How surely a name says it holds a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// `token`, `password`, `api_key`, `nonce`…
    Strong,
    /// `key`, `session`, `pin`, `reset_code`…
    Weak,
}

/// The word of `words` that says the named value is (or makes) a secret, and how surely;
/// `None` when no word does or a descriptor word (`token_length`) says it is something
/// else.
pub fn secret_hint(words: &[String]) -> Option<(String, Hint)> {
    if descriptor(words).is_some() {
        return None;
    }
    if let Some(word) = words.iter().find(|w| SECRET_WORDS.contains(&w.as_str())) {
        return Some((word.clone(), Hint::Strong));
    }
    if has_pair(words, "api", "key") {
        return Some(("api_key".to_string(), Hint::Strong));
    }
    // The last word is usually the noun: `reset_code` is a code.
    for (i, word) in words.iter().enumerate().rev() {
        let before = i.checked_sub(1).map(|p| words[p].as_str());
        let plain = match word.as_str() {
            "key" => before.is_some_and(|b| PLAIN_KEY_QUALIFIERS.contains(&b)),
            "code" => before.is_none_or(|b| PLAIN_CODE_QUALIFIERS.contains(&b)),
            w if WEAK_SECRET_WORDS.contains(&w) => false,
            _ => continue,
        };
        if !plain {
            return Some((word.clone(), Hint::Weak));
        }
    }
    None
}

/// The identifiers an expression mentions: names, attribute names, keyword names and
/// string keys of subscripts (`request.user.is_admin` → `request`, `user`, `is_admin`).
pub fn identifiers(expr: &Expr) -> Vec<&str> {
    let mut collector = Identifiers::default();
    collector.visit_expr(expr);
    collector.found
}

#[derive(Default)]
struct Identifiers<'a> {
    found: Vec<&'a str>,
}

impl<'a> Visitor<'a> for Identifiers<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(name) => self.found.push(name.id.as_str()),
            Expr::Attribute(attribute) => self.found.push(attribute.attr.id.as_str()),
            Expr::Subscript(subscript) => {
                if let Expr::StringLiteral(key) = subscript.slice.as_ref() {
                    self.found.push(key.value.to_str());
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }

    fn visit_keyword(&mut self, keyword: &'a Keyword) {
        if let Some(arg) = &keyword.arg {
            self.found.push(arg.id.as_str());
        }
        visitor::walk_keyword(self, keyword);
    }
}

/// The name an assignment target gives its value: a variable, an attribute
/// (`self.token`) or a string subscript key (`config["password"]`).
pub fn target_name(target: &Expr) -> Option<&str> {
    match target {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.id.as_str()),
        Expr::Subscript(subscript) => match subscript.slice.as_ref() {
            Expr::StringLiteral(key) => Some(key.value.to_str()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Hint, secret_hint, split};

    fn words(ident: &str) -> Vec<String> {
        split(ident)
    }

    #[test]
    fn splits_identifiers() {
        assert_eq!(words("reset_code"), ["reset", "code"]);
        assert_eq!(words("resetCode"), ["reset", "code"]);
        assert_eq!(words("APIKey"), ["api", "key"]);
        assert_eq!(words("DB_PASSWORD"), ["db", "password"]);
        assert_eq!(words("token2"), ["token", "2"]);
        assert_eq!(words("oauth2Token"), ["oauth", "2", "token"]);
        assert_eq!(words("HTTPResponse"), ["http", "response"]);
        assert_eq!(words("__init__"), ["init"]);
        assert!(words("").is_empty());
    }

    #[test]
    fn recognises_secret_names() {
        let hint = |s: &str| secret_hint(&split(s)).map(|(w, h)| (w, h == Hint::Strong));
        assert_eq!(hint("reset_token"), Some(("token".into(), true)));
        assert_eq!(hint("apiKey"), Some(("api_key".into(), true)));
        assert_eq!(hint("verification_code"), Some(("code".into(), false)));
        assert_eq!(hint("signing_key"), Some(("key".into(), false)));
        assert_eq!(hint("key"), Some(("key".into(), false)));
        for plain in [
            "sort_key",
            "cache_key",
            "keys",
            "status_code",
            "code",
            "token_length",
            "is_token",
            "color",
            "max_tokens",
        ] {
            assert_eq!(hint(plain), None, "{plain}");
        }
    }
}

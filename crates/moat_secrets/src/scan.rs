//! The detections the crate reports, and the two entry points over a value: known formats
//! anywhere in it, and what the name it is given adds.

use crate::entropy::{Charset, shannon_entropy};
use crate::formats::{self, Found};
use crate::kind::SecretKind;
use crate::names::{is_aws_secret_name, is_hash_name, is_password_name, is_secret_name};
use crate::placeholder::is_placeholder;
use crate::redact::{hidden, redacted};
use moat_diagnostics::{Confidence, Severity};
use std::ops::Range;

/// One secret found in a piece of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// What kind of credential it is.
    pub kind: SecretKind,
    /// Byte range of the secret in the scanned text.
    pub span: Range<usize>,
    /// Byte range to hide when the text is shown: the span without the format's fixed
    /// prefix and the last four characters (for a PEM block, the key body).
    pub hidden: Range<usize>,
    /// A redacted form for messages, never the whole secret: `ghp_…a1B2 (40 chars)`.
    pub redacted: String,
    /// CWE ids, 798 first; 321 for cryptographic keys; 259 for passwords.
    pub cwe: &'static [u32],
    /// How much harm it does when leaked.
    pub severity: Severity,
    /// How sure the detection is: high when a checksum or structure was verified or the
    /// format is unambiguous.
    pub confidence: Confidence,
    /// Whether a checksum (GitHub, npm) or a decoded structure (JWT, PyPI, PEM) was
    /// verified.
    pub verified: bool,
}

impl Detection {
    fn from_found(text: &str, found: Found) -> Detection {
        let hidden = found
            .hidden
            .clone()
            .unwrap_or_else(|| hidden(text, found.span.clone(), found.visible_prefix));
        let redacted = match found.kind {
            // The header is not secret and says what kind of key it is.
            SecretKind::PrivateKey => format!(
                "{}… ({} chars)",
                &text[found.span.start..found.span.start + found.visible_prefix],
                found.span.len()
            ),
            _ => redacted(&text[found.span.clone()], found.visible_prefix),
        };
        Detection {
            kind: found.kind,
            span: found.span,
            hidden,
            redacted,
            cwe: found.kind.cwe(),
            severity: found.severity,
            confidence: found.confidence,
            verified: found.verified,
        }
    }
}

/// Every credential in a known format in `text` (a string's value, a line, a whole file),
/// sorted by position and without overlaps.
pub fn scan_text(text: &str) -> Vec<Detection> {
    formats::find_all(text)
        .into_iter()
        .map(|found| Detection::from_found(text, found))
        .collect()
}

/// The credentials in `value`, given to the variable, keyword, dict key or config key
/// `name`: the known formats in it ([`scan_text`]) or, when there are none, an AWS secret
/// access key under an `aws_secret…` name or a high-entropy value under a secret-like name
/// ([`is_secret_name`]). `generic` turns the high-entropy check off (lock files, example
/// files, test code).
pub fn scan_named_value(value: &str, name: &str, generic: bool) -> Vec<Detection> {
    let known = scan_text(value);
    if !known.is_empty() {
        return known;
    }
    named(value, name, generic).into_iter().collect()
}

/// What the name adds to a value with no known format in it.
pub(crate) fn named(value: &str, name: &str, generic: bool) -> Option<Detection> {
    let trimmed = value.trim();
    let start = value.len() - value.trim_start().len();
    let span = start..start + trimmed.len();
    if is_aws_secret_name(name) && crate::formats::aws_secret_shape(trimmed) {
        let found = Found::new(SecretKind::AwsSecretAccessKey, span, 0);
        return Some(Detection::from_found(value, found));
    }
    // A `ghp_…` or `npm_…` value whose checksum failed was not issued by GitHub or npm.
    let failed_checksum = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"]
        .iter()
        .any(|prefix| trimmed.starts_with(prefix));
    if !generic
        || failed_checksum
        || !is_secret_name(name)
        || is_hash_name(name)
        || !high_entropy(trimmed)
    {
        return None;
    }
    let mut found = Found::new(SecretKind::HighEntropy, span, 0).confidence(Confidence::Medium);
    found.severity = Severity::High;
    let mut detection = Detection::from_found(value, found);
    if is_password_name(name) {
        detection.cwe = &[798, 259];
    }
    Some(detection)
}

/// Whether `value` looks generated: long enough and random enough for its charset (see
/// [`Charset::threshold`]), with a digit or a symbol, and not a placeholder, a UUID, a URL,
/// a path or words joined by separators.
fn high_entropy(value: &str) -> bool {
    let Some(charset) = Charset::of(value) else {
        return false;
    };
    let (min_len, min_entropy) = charset.threshold();
    value.len() >= min_len
        && value.len() <= 1000
        && value.bytes().any(|b| {
            b.is_ascii_digit() || !(b.is_ascii_alphabetic() || matches!(b, b'-' | b'_' | b'.'))
        })
        && !is_placeholder(value)
        && !is_uuid(value)
        && !value.contains("://")
        && !is_path(value)
        && !is_password_hash(value)
        && shannon_entropy(value) >= min_entropy
}

/// A password hash as Django, passlib or crypt(3) store them (`pbkdf2_sha256$…`,
/// `argon2$…`, `$2b$12$…`, `$6$…`): what a password turns into, not the password.
fn is_password_hash(value: &str) -> bool {
    const SCHEMES: &[&str] = &[
        "pbkdf2_",
        "argon2",
        "bcrypt",
        "scrypt",
        "sha1$",
        "md5$",
        "crypt$",
        "unsalted_",
    ];
    (value.starts_with('$') && value[1..].contains('$'))
        || (value.contains('$') && SCHEMES.iter().any(|s| value.starts_with(s)))
}

/// `8-4-4-4-12` hex digits.
fn is_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A file-system path or a dotted module path: starts with `/`, `~/`, `./` or a drive,
/// has backslashes, or is lowercase words between `/` or `.`.
fn is_path(value: &str) -> bool {
    value.starts_with(['/', '~', '.'])
        || value.contains('\\')
        || value.get(1..3) == Some(":\\")
        || (value.contains(['/', '.'])
            && value.split(['/', '.']).all(|part| {
                part.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_needs_a_secret_name_and_entropy() {
        let value = "q8Zr2LmT0vXa9KpW3nBc";
        assert_eq!(
            named(value, "api_key", true).map(|d| d.kind),
            Some(SecretKind::HighEntropy)
        );
        assert!(named(value, "api_key", false).is_none());
        assert!(named(value, "username", true).is_none());
        assert!(named("d41d8cd98f00b204e9800998ecf8427e", "md5", true).is_none());
        assert!(named("d41d8cd98f00b204e9800998ecf8427e", "secret_key", true).is_some());
        assert!(named("123e4567-e89b-12d3-a456-426614174000", "api_key", true).is_none());
        assert!(named("django.contrib.auth.hashers", "password_hashers", true).is_none());
        assert!(named("/etc/app/secret.pem", "secret", true).is_none());
        assert!(named("your-secret-key-goes-here-123", "secret", true).is_none());
        assert!(
            named(
                "pbkdf2_sha256$260000$Zq81pLm3$Hx0aJ2kL4mN6bV8cX1zQ3wE5rT7yU9iO",
                "password",
                true
            )
            .is_none()
        );
        assert!(
            named(
                "$2b$12$Zq81pLm3Hx0aJ2kL4mN6bV8cX1zQ3wE5rT7yU9iOpAsDfGhJkL",
                "password",
                true
            )
            .is_none()
        );
        assert_eq!(named(value, "db_password", true).unwrap().cwe, &[798, 259]);
    }

    #[test]
    fn multibyte_text_around_anchors_never_panics() {
        let anchors = [
            "AKIA",
            "ghp_",
            "npm_",
            "github_pat_",
            "glpat-",
            "xoxb-",
            "hooks.slack.com/services/T",
            "sk_live_",
            "AIza",
            "AC",
            "SG.",
            "pypi-AgEIcHlwaS5vcmc",
            "-----BEGIN ",
            "-----BEGIN RSA PRIVATE KEY-----",
            "eyJ",
            "://",
            "a://b:c@",
            "AKIAQ3ZLM7W2RT5YH4BK",
        ];
        for anchor in anchors {
            for around in ["\u{201c}", "é", "\u{1f512}", "\u{0}", ""] {
                let text = format!("{around}{anchor}{around}{anchor}x{around}");
                let _ = scan_text(&text);
                let _ = scan_named_value(&text, "password", true);
                let _ = crate::scan_config(&text, crate::ConfigFormat::Yaml, true);
            }
        }
    }

    #[test]
    fn named_aws_secret() {
        let found = named(
            "Zq3/Lm7W2rT5yH4bK9xV+8nP1sD6fG0hJ2kL4mN6",
            "aws_secret_access_key",
            false,
        )
        .unwrap();
        assert_eq!(found.kind, SecretKind::AwsSecretAccessKey);
        assert_eq!(found.redacted, "…4mN6 (40 chars)");
    }
}

//! URLs with a password in them: `scheme://user:password@host…`.

use super::Found;
use crate::kind::SecretKind;
use crate::placeholder::is_placeholder;
use moat_diagnostics::Confidence;

/// Passwords that documentation and tutorials use, never a real deployment's.
const EXAMPLE_PASSWORDS: &[&str] = &[
    "pass", "passw0rd", "passwd", "password", "pw", "pwd", "secret", "tiger", "xxx",
];

/// Schemes whose password opens a database, a broker or a mail or directory server.
const SERVICE_SCHEMES: &[&str] = &[
    "amqp",
    "amqps",
    "ftp",
    "ftps",
    "ldap",
    "ldaps",
    "mariadb",
    "mongodb",
    "mongodb+srv",
    "mssql",
    "mysql",
    "oracle",
    "postgres",
    "postgresql",
    "redis",
    "rediss",
    "sftp",
    "smtp",
    "smtps",
];

/// The password of a URL whose `://` is at `at`, when it is not a placeholder, a template
/// or a documentation example (`example.com` hosts, `scott:tiger`). A local host
/// (`localhost`, `127.0.0.1`) or a password equal to the user name lowers the confidence:
/// such a URL usually points at a throw-away development database.
pub(crate) fn url_password(text: &str, at: usize) -> Option<Found> {
    let scheme_start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let scheme = &text[scheme_start..at];
    if !scheme.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let authority_start = at + 3;
    let authority_end = text[authority_start..]
        .find(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '/' | '?' | '#' | '"' | '\'' | '`' | '<' | '>' | '\\' | ',' | ';' | ')'
                )
        })
        .map_or(text.len(), |n| authority_start + n);
    let authority = &text[authority_start..authority_end];
    let at_sign = authority.rfind('@')?;
    let userinfo = &authority[..at_sign];
    let host = authority[at_sign + 1..]
        .split(':')
        .next()
        .unwrap_or_default();
    let colon = userinfo.find(':')?;
    let user = &userinfo[..colon];
    let password = &userinfo[colon + 1..];
    if password.is_empty() || host.is_empty() {
        return None;
    }
    let lower_host = host.to_ascii_lowercase();
    let example_host = ["example.com", "example.org", "example.net"]
        .iter()
        .any(|h| lower_host == *h || lower_host.ends_with(&format!(".{h}")))
        || [".example", ".invalid", ".test", ".localhost"]
            .iter()
            .any(|suffix| lower_host.ends_with(suffix));
    if example_host
        || is_placeholder(password)
        || is_example_password(password)
        || password.starts_with(['$', '{', '<', '%', '*'])
        || lower_host.starts_with(['{', '$', '<', '%'])
    {
        return None;
    }
    let local = matches!(
        lower_host.as_str(),
        "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]"
    );
    let confidence = if local || password == user {
        Confidence::Low
    } else if is_service_scheme(scheme) {
        Confidence::High
    } else {
        Confidence::Medium
    };
    let start = authority_start + colon + 1;
    Some(
        Found::new(SecretKind::UrlPassword, start..start + password.len(), 0)
            .confidence(confidence),
    )
}

/// Whether a password is made of documentation words only (`password`, `pass%20pass`,
/// `secret`), once percent-escapes are decoded.
fn is_example_password(password: &str) -> bool {
    let decoded = percent_decoded(password).to_ascii_lowercase();
    let words: Vec<&str> = decoded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| EXAMPLE_PASSWORDS.contains(w))
}

/// `text` with `%XX` escapes decoded (invalid ones kept as they are).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'%'));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `scheme` (`postgresql+psycopg2`, `mongodb+srv`) opens a service.
fn is_service_scheme(scheme: &str) -> bool {
    let scheme = scheme.to_ascii_lowercase();
    SERVICE_SCHEMES.contains(&scheme.as_str())
        || scheme
            .split('+')
            .next()
            .is_some_and(|base| SERVICE_SCHEMES.contains(&base))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password(url: &str) -> Option<(String, Confidence)> {
        let at = url.find("://")?;
        url_password(url, at).map(|f| (url[f.span].to_string(), f.confidence))
    }

    #[test]
    fn passwords_in_urls() {
        assert_eq!(
            password("postgres://app:Zq81-pLm3@db.internal:5432/app"),
            Some(("Zq81-pLm3".into(), Confidence::High))
        );
        assert_eq!(
            password("postgresql+psycopg2://app:Zq81-pLm3@db/app"),
            Some(("Zq81-pLm3".into(), Confidence::High))
        );
        assert_eq!(
            password("https://deploy:Zq81pLm3x@git.internal/repo.git"),
            Some(("Zq81pLm3x".into(), Confidence::Medium))
        );
        assert_eq!(
            password("redis://:Zq81pLm3x@localhost:6379/0"),
            Some(("Zq81pLm3x".into(), Confidence::Low))
        );
        for safe in [
            "postgres://user@db/app",
            "postgres://db/app",
            "https://example.com/a:b@c",
            "postgresql://scott:tiger@localhost/test",
            "mysql://user:${DB_PASSWORD}@db/app",
            "postgres://user:password@db/app",
            "amqp://guest:{password}@rabbit//",
            "https://user:pass@example.com/",
            "%s://%s:%s@%s",
            "http://user:pass%20pass@complex.url.com/path",
            "http://user:pass%23pass@complex.url.com/path",
            "a full URL starting with \u{201c}https://\u{201d}.",
        ] {
            assert_eq!(password(safe), None, "{safe}");
        }
    }
}

//! Reading names: identifiers and config keys split into words, and the words that say a
//! value is a secret, a password, an AWS secret key, or a hash that is not a secret.

/// Splits an identifier or config key into lowercase words: at `_`, `-`, `.` and other
/// separators, at camelCase humps (`resetCode`), after acronyms (`APIKey` → `api`, `key`)
/// and between letters and digits (`token2` → `token`, `2`).
pub fn split_words(ident: &str) -> Vec<String> {
    let chars: Vec<char> = ident.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            flush(&mut current, &mut words);
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let hump = c.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit());
            let acronym_end =
                c.is_uppercase() && prev.is_uppercase() && next.is_some_and(char::is_lowercase);
            let digits = c.is_ascii_digit() != prev.is_ascii_digit() && prev.is_alphanumeric();
            if hump || acronym_end || digits {
                flush(&mut current, &mut words);
            }
        }
        current.extend(c.to_lowercase());
    }
    flush(&mut current, &mut words);
    words
}

fn flush(current: &mut String, words: &mut Vec<String>) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// Words that on their own name a secret.
const SECRET_WORDS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "pass",
    "passphrase",
    "passwd",
    "password",
    "pwd",
    "secret",
    "token",
];

/// Word pairs that name a secret key.
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("access", "key"),
    ("api", "key"),
    ("client", "secret"),
    ("encryption", "key"),
    ("master", "key"),
    ("private", "key"),
    ("secret", "key"),
    ("signing", "key"),
];

/// Words that make a name describe a secret rather than hold it (`token_url`,
/// `password_file`, `auth_method`), or hold a flag or a number.
const DESCRIPTORS: &[&str] = &[
    "algorithm",
    "backend",
    "class",
    "count",
    "dir",
    "enabled",
    "endpoint",
    "env",
    "expires",
    "expiry",
    "field",
    "file",
    "format",
    "header",
    "host",
    "id",
    "is",
    "kind",
    "length",
    "location",
    "max",
    "method",
    "min",
    "mode",
    "name",
    "path",
    "prefix",
    "provider",
    "required",
    "scheme",
    "scope",
    "scopes",
    "source",
    "timeout",
    "ttl",
    "type",
    "uri",
    "url",
    "user",
    "username",
];

/// Words that say a value is a hash, checksum or signature of something, not a secret;
/// matched inside the name with separators removed, since `md5sum` and `sha256` split
/// into digits and letters.
const HASH_WORDS: &[&str] = &[
    "checksum",
    "crc32",
    "digest",
    "etag",
    "fingerprint",
    "hash",
    "integrity",
    "md5",
    "sha1",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "shasum",
];

/// Whether the name (a variable, keyword, dict or config key) says its value is a secret:
/// `password`, `db_pass`, `API_KEY`, `clientSecret`, `auth`, `access_key`…, but not a name
/// that describes one (`token_url`, `password_file`) or a hash (`password_hash`).
pub fn is_secret_name(name: &str) -> bool {
    let words = split_words(name);
    if is_hash_name(name) || words.iter().any(|w| DESCRIPTORS.contains(&w.as_str())) {
        return false;
    }
    words.iter().any(|w| SECRET_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|pair| SECRET_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// Whether the name says its value is a hash, digest or checksum (`sha256`, `md5sum`,
/// `etag`, `integrity`, `file_hash`).
pub fn is_hash_name(name: &str) -> bool {
    let joined: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    HASH_WORDS.iter().any(|word| joined.contains(word))
}

/// Whether the name is a password's (`password`, `db_pass`, `PGPASSWORD`), for CWE-259.
pub(crate) fn is_password_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("passw")
        || lower.contains("passphrase")
        || split_words(name)
            .iter()
            .any(|w| matches!(w.as_str(), "pass" | "pwd" | "passwd"))
}

/// Whether the name is an AWS secret access key's (`aws_secret_access_key`,
/// `AWS_SECRET`, `secretAccessKey`).
pub(crate) fn is_aws_secret_name(name: &str) -> bool {
    let words = split_words(name);
    let has = |w: &str| words.iter().any(|x| x == w);
    has("secret") && (has("aws") || (has("access") && has("key")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers() {
        assert_eq!(split_words("reset_code"), ["reset", "code"]);
        assert_eq!(split_words("APIKey"), ["api", "key"]);
        assert_eq!(split_words("DB_PASSWORD"), ["db", "password"]);
        assert_eq!(split_words("oauth2Token"), ["oauth", "2", "token"]);
        assert_eq!(
            split_words("spring.datasource.password"),
            ["spring", "datasource", "password"]
        );
        assert!(split_words("").is_empty());
    }

    #[test]
    fn secret_names() {
        for name in [
            "password",
            "DB_PASSWORD",
            "api_key",
            "apiKey",
            "clientSecret",
            "AWS_SECRET_ACCESS_KEY",
            "auth",
            "github_token",
            "spring.datasource.password",
            "private_key",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "token_url",
            "password_file",
            "auth_method",
            "password_hash",
            "sort_key",
            "key",
            "username",
            "token_type",
            "author",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn hash_names() {
        for name in [
            "sha256",
            "md5sum",
            "etag",
            "integrity",
            "file_hash",
            "checksum",
        ] {
            assert!(is_hash_name(name), "{name}");
        }
        assert!(!is_hash_name("secret"));
        assert!(is_aws_secret_name("aws_secret_access_key"));
        assert!(is_aws_secret_name("SecretAccessKey"));
        assert!(!is_aws_secret_name("secret_key"));
        assert!(is_password_name("PGPASSWORD"));
        assert!(!is_password_name("api_token"));
    }
}

//! Values that stand in for a secret: `changeme`, `<your-key>`, `xxxx…`, `${VAR}`,
//! `{{ var }}`, `%(var)s`, `your_api_key_here`, example and dummy values.

use crate::names::split_words;

/// Words that, as a word of the value, say it is a stand-in.
const PLACEHOLDER_WORDS: &[&str] = &[
    "changeme",
    "change",
    "dummy",
    "example",
    "examples",
    "fake",
    "foobar",
    "insert",
    "mock",
    "placeholder",
    "redacted",
    "replace",
    "replaceme",
    "sample",
    "secret",
    "test",
    "testing",
    "todo",
    "xxx",
    "your",
];

/// Whether a whole value is a placeholder rather than a secret: empty, a template or
/// variable reference (`${VAR}`, `$VAR`, `{{ var }}`, `{name}`, `%(var)s`, `%s`, `<key>`),
/// a mask (`****`, `xxxx`), one character repeated, a run such as `123456` or `abcdef`, or
/// a value made of words such as `your_token_here`, `changeme`, `example-key`.
pub fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || is_template(value) {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("your") || lower.ends_with("here") || lower.contains("xxxx") {
        return true;
    }
    if lower.contains("****") || lower.contains("....") || lower.contains("…") {
        return true;
    }
    is_placeholder_body(value)
        || split_words(value)
            .iter()
            .any(|w| PLACEHOLDER_WORDS.contains(&w.as_str()))
}

/// Whether a value refers to a variable or is a template: `${VAR}`, `$VAR`, `$(cmd)`,
/// `{{ var }}`, `{% … %}`, `{name}`, `%(var)s`, `%s`, `<your-key>`.
fn is_template(value: &str) -> bool {
    value.contains("${")
        || value.contains("$(")
        || value.contains("{{")
        || value.contains("{%")
        || value.contains("%(")
        || has_percent_s(value)
        || (value.starts_with('<') && value.ends_with('>'))
        || (value.starts_with('{') && value.ends_with('}'))
        || (value.starts_with('[') && value.ends_with(']'))
        || (value.starts_with('$')
            && value[1..]
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
}

/// Whether `value` holds a `%s` conversion: `%s` at the end or before a character that
/// cannot continue a word (`user:%s@host`), not inside random text (`…*%sn`).
fn has_percent_s(value: &str) -> bool {
    value.match_indices("%s").any(|(at, _)| {
        value[at + 2..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// Whether the random part of a token is filler rather than randomness: one character
/// repeated, few distinct characters for its length, or a run of six or more consecutive
/// characters (`123456`, `abcdef`).
pub(crate) fn is_filler(body: &str) -> bool {
    let bytes = body.as_bytes();
    if bytes.is_empty() {
        return true;
    }
    let mut seen = [false; 256];
    for &b in bytes {
        seen[usize::from(b)] = true;
    }
    let distinct = seen.iter().filter(|&&s| s).count();
    if distinct <= 2 || (bytes.len() >= 16 && distinct * 4 < bytes.len().min(64)) {
        return true;
    }
    let mut run = 1;
    for pair in bytes.windows(2) {
        if pair[1] == pair[0].wrapping_add(1) && pair[0].is_ascii_alphanumeric() {
            run += 1;
            if run >= 6 {
                return true;
            }
        } else {
            run = 1;
        }
    }
    false
}

/// Whether the random part of a token without a checksum is a placeholder: filler, or a
/// word such as `EXAMPLE`, `dummy` or `xxx` in it.
pub(crate) fn is_placeholder_body(body: &str) -> bool {
    if is_filler(body) {
        return true;
    }
    let lower = body.to_ascii_lowercase();
    lower.contains("xxxx")
        || lower.contains("example")
        || lower.contains("dummy")
        || lower.contains("sample")
        || lower.contains("placeholder")
        || lower.contains("redacted")
        || lower.contains("changeme")
        || lower.contains("your")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for value in [
            "",
            "changeme",
            "<your-key>",
            "xxxxxxxxxxxx",
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "{{ vault_password }}",
            "%(password)s",
            "your_api_key_here",
            "example-secret",
            "dummy_token",
            "********",
            "1234567890",
            "aaaaaaaaaaaaaaaa",
            "{password}",
            "user:%s@db",
        ] {
            assert!(is_placeholder(value), "{value}");
        }
        for value in [
            "Pr0d-s3cret!",
            "q8Zr2LmT0vXa9KpW",
            "hunter2",
            "cH9m!#3D*%sn^*",
        ] {
            assert!(!is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn filler() {
        assert!(is_filler("abcdef0000"));
        assert!(is_filler("ABABABABABABABABAB"));
        assert!(!is_filler("q8Zr2LmT0vXa9KpW"));
        assert!(is_placeholder_body("IOSFODNN7EXAMPLE"));
        assert!(!is_placeholder_body("Q3ZLM7W2RT5YH4BK"));
    }
}

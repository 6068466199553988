//! PEP 503 name normalisation.

/// Normalises a distribution name per PEP 503: lowercase, and every run of `-`, `_` and `.`
/// becomes one `-` (`Foo__Bar` → `foo-bar`, `zope.interface` → `zope-interface`).
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_separator_run = false;
    for ch in name.trim().chars() {
        if matches!(ch, '-' | '_' | '.') {
            if !in_separator_run {
                out.push('-');
            }
            in_separator_run = true;
        } else {
            out.extend(ch.to_lowercase());
            in_separator_run = false;
        }
    }
    out
}

/// Whether `name` is a valid distribution name (PEP 508: ASCII letters and digits at both
/// ends, `-`, `_` and `.` inside).
pub(crate) fn is_valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// The leading distribution name of a PEP 508 requirement, as written (`Django` in
/// `Django[bcrypt]>=4`).
pub(crate) fn leading_name(requirement: &str) -> &str {
    let trimmed = requirement.trim_start();
    let end = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(trimmed.len());
    trimmed[..end].trim_end_matches(['-', '_', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_per_pep_503() {
        assert_eq!(normalize_name("Django"), "django");
        assert_eq!(normalize_name("zope.interface"), "zope-interface");
        assert_eq!(normalize_name("Foo__Bar"), "foo-bar");
        assert_eq!(normalize_name("a-_.-b"), "a-b");
        assert_eq!(normalize_name("ruamel.yaml.clib"), "ruamel-yaml-clib");
    }

    #[test]
    fn validates_names() {
        assert!(is_valid_name("zope.interface"));
        assert!(is_valid_name("a"));
        assert!(!is_valid_name("-a"));
        assert!(!is_valid_name("a b"));
        assert!(!is_valid_name(""));
    }

    #[test]
    fn finds_the_leading_name() {
        assert_eq!(leading_name("Django[bcrypt]>=4"), "Django");
        assert_eq!(leading_name("  zope.interface ==5"), "zope.interface");
        assert_eq!(leading_name("pkg @ git+https://x"), "pkg");
    }
}

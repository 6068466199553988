//! Package URLs for PyPI packages (`pkg:pypi/name@version`), encoded per the purl
//! specification.

use crate::percent::percent_encode;

/// The purl of a PyPI package: the PEP 503 `name`, the `version` if known, and qualifiers
/// (`vcs_url`, `download_url`) in the order given. Name, version and qualifier values are
/// percent-encoded: everything but ASCII letters, digits and `.-_~` (and `:` and, in
/// qualifier values, `/`), so a local version's `+` becomes `%2B`.
pub fn pypi_purl(name: &str, version: Option<&str>, qualifiers: &[(&str, &str)]) -> String {
    let mut purl = format!("pkg:pypi/{}", percent_encode(name, KEEP));
    if let Some(version) = version {
        purl.push('@');
        purl.push_str(&percent_encode(version, KEEP));
    }
    for (index, (key, value)) in qualifiers.iter().enumerate() {
        purl.push(if index == 0 { '?' } else { '&' });
        purl.push_str(key);
        purl.push('=');
        purl.push_str(&percent_encode(value, KEEP_IN_QUALIFIERS));
    }
    purl
}

/// Unreserved characters and `:`, which the purl spec never requires to be encoded.
const KEEP: &[u8] = b".-_~:";

/// In qualifier values, `/` too (`vcs_url=git%2Bhttps://…`).
const KEEP_IN_QUALIFIERS: &[u8] = b".-_~:/";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_per_the_purl_spec() {
        assert_eq!(
            pypi_purl("django", Some("4.2.1"), &[]),
            "pkg:pypi/django@4.2.1"
        );
        assert_eq!(
            pypi_purl("torch", Some("2.1.0+cpu"), &[]),
            "pkg:pypi/torch@2.1.0%2Bcpu"
        );
        assert_eq!(pypi_purl("requests", None, &[]), "pkg:pypi/requests");
        assert_eq!(
            pypi_purl(
                "pkg",
                Some("1.0"),
                &[("vcs_url", "git+https://github.com/a/b@v1 x")]
            ),
            "pkg:pypi/pkg@1.0?vcs_url=git%2Bhttps://github.com/a/b%40v1%20x"
        );
    }
}

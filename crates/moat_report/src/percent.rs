//! Percent-encoding (RFC 3986) for SARIF URIs and package URLs.

/// `text` with every byte percent-encoded (`%2B`) except ASCII letters and digits and the
/// bytes in `keep`.
pub(crate) fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

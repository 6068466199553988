//! Shannon entropy and the charset a value is drawn from, for the generic detector.

/// Shannon entropy of `value` in bits per character (over bytes; 0 for an empty value).
pub fn shannon_entropy(value: &str) -> f64 {
    let bytes = value.as_bytes();
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    let len = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&n| n > 0)
        .map(|&n| {
            let p = f64::from(n) / len;
            -p * p.log2()
        })
        .sum()
}

/// The narrowest charset a value fits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Charset {
    /// `0-9a-f` (or `0-9A-F`).
    Hex,
    /// `A-Za-z0-9`.
    Alphanumeric,
    /// `A-Za-z0-9+/=` or the URL-safe `-_`.
    Base64,
    /// Any other printable ASCII without spaces.
    Printable,
}

impl Charset {
    pub(crate) fn of(value: &str) -> Option<Charset> {
        let bytes = value.as_bytes();
        if bytes.iter().any(|b| !b.is_ascii_graphic()) {
            return None;
        }
        let hex = bytes.iter().all(u8::is_ascii_hexdigit)
            && (!bytes.iter().any(u8::is_ascii_lowercase)
                || !bytes.iter().any(u8::is_ascii_uppercase));
        if hex {
            return Some(Charset::Hex);
        }
        if bytes.iter().all(u8::is_ascii_alphanumeric) {
            return Some(Charset::Alphanumeric);
        }
        if bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_'))
        {
            return Some(Charset::Base64);
        }
        Some(Charset::Printable)
    }

    /// The minimum length and entropy (bits per character) a value of this charset needs to
    /// pass for a generated secret. Random values average well above these (a random
    /// 20-character hex string about 3.6, alphanumeric about 4.1, base64 about 4.2); words,
    /// identifiers and repeated patterns fall below.
    pub(crate) fn threshold(self) -> (usize, f64) {
        match self {
            Charset::Hex => (20, 3.0),
            Charset::Alphanumeric => (16, 3.5),
            Charset::Base64 => (20, 3.7),
            Charset::Printable => (16, 3.5),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_values() {
        assert_eq!(shannon_entropy(""), 0.0);
        assert_eq!(shannon_entropy("aaaa"), 0.0);
        assert!((shannon_entropy("ab") - 1.0).abs() < 1e-9);
        assert!((shannon_entropy("0123456789abcdef") - 4.0).abs() < 1e-9);
    }

    #[test]
    fn charsets() {
        assert_eq!(Charset::of("deadBEEF"), Some(Charset::Alphanumeric));
        assert_eq!(Charset::of("deadbeef01"), Some(Charset::Hex));
        assert_eq!(Charset::of("ab+/cd=="), Some(Charset::Base64));
        assert_eq!(Charset::of("a!b@c#"), Some(Charset::Printable));
        assert_eq!(Charset::of("a b"), None);
    }
}

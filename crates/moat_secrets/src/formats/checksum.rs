//! Tokens with a CRC32 checksum: GitHub's `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` and npm's
//! `npm_`. After the four-character prefix come 30 random base62 characters and 6 more that
//! are the CRC32 of those 30, in base62 (`0-9A-Za-z`), left-padded with `0`.

use super::{Found, alnum, run_end, starts_token};
use crate::kind::SecretKind;

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The six-character base62 checksum of `random`.
pub(crate) fn checksum(random: &[u8]) -> [u8; 6] {
    let mut value = crc32fast::hash(random);
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(value % 62) as usize];
        value /= 62;
    }
    out
}

fn checksummed(text: &str, at: usize, kind: SecretKind) -> Option<Found> {
    if !starts_token(text, at) {
        return None;
    }
    let body = at + 4;
    let end = run_end(text, body, alnum);
    if end - body != 36 {
        return None;
    }
    let bytes = text.as_bytes();
    (checksum(&bytes[body..body + 30]) == bytes[body + 30..end])
        .then(|| Found::new(kind, at..end, 4).verified())
}

/// `ghp_…` and its siblings, when the checksum holds.
pub(crate) fn github_token(text: &str, at: usize) -> Option<Found> {
    checksummed(text, at, SecretKind::GitHubToken)
}

/// `npm_…`, when the checksum holds.
pub(crate) fn npm_token(text: &str, at: usize) -> Option<Found> {
    checksummed(text, at, SecretKind::NpmToken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_is_verified() {
        let random = b"FAKE0000moatTestToken000000000";
        let token = format!(
            "ghp_{}{}",
            std::str::from_utf8(random).unwrap(),
            std::str::from_utf8(&checksum(random)).unwrap()
        );
        assert!(github_token(&token, 0).is_some_and(|f| f.verified));
        let mut broken = token.clone().into_bytes();
        broken[10] = b'Z';
        assert!(github_token(std::str::from_utf8(&broken).unwrap(), 0).is_none());
        // GitHub's documentation example has no valid checksum.
        assert!(github_token("ghp_16C7e42F292c6912E7710c838347Ae178B4a", 0).is_none());
        assert!(github_token(&format!("x{token}"), 1).is_none());
    }
}

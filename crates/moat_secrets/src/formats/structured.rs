//! Formats checked by decoding their structure: PyPI upload tokens (a base64 macaroon for
//! `pypi.org`), JSON Web Tokens (a JSON header with `alg`) and private-key PEM blocks (a
//! key body after the header).

use super::{Found, base64url, run_end};
use crate::kind::SecretKind;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use moat_diagnostics::Severity;

/// Decodes unpadded base64url, ignoring a trailing partial group.
fn decode_base64url(text: &str) -> Option<Vec<u8>> {
    let usable = if text.len() % 4 == 1 {
        text.len() - 1
    } else {
        text.len()
    };
    URL_SAFE_NO_PAD.decode(&text[..usable]).ok()
}

/// `pypi-` and a base64url macaroon of at least 60 characters whose decoded bytes name
/// `pypi.org` or `test.pypi.org`.
pub(crate) fn pypi_token(text: &str, at: usize) -> Option<Found> {
    let body = at + 5;
    let end = run_end(text, body, base64url);
    if !super::starts_token(text, at) || end - body < 60 {
        return None;
    }
    let decoded = decode_base64url(&text[body..end])?;
    let location = decoded.get(3..)?;
    (location.starts_with(b"pypi.org") || location.starts_with(b"test.pypi.org"))
        .then(|| Found::new(SecretKind::PyPiToken, at..end, 5).verified())
}

/// A JWT: `eyJ…` header, `.`, `eyJ…` payload, `.`, a signature of at least 16 characters;
/// the header must decode to a JSON object with `alg` and the payload to a JSON object.
pub(crate) fn jwt(text: &str, at: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    if at > 0 && (base64url(bytes[at - 1]) || bytes[at - 1] == b'.') {
        return None;
    }
    let header_end = run_end(text, at, base64url);
    if bytes.get(header_end) != Some(&b'.') || !text[header_end + 1..].starts_with("eyJ") {
        return None;
    }
    let payload_end = run_end(text, header_end + 1, base64url);
    if bytes.get(payload_end) != Some(&b'.') {
        return None;
    }
    let end = run_end(text, payload_end + 1, base64url);
    if end - (payload_end + 1) < 16 {
        return None;
    }
    let json_object = |part: &str| {
        decode_base64url(part)
            .and_then(|raw| serde_json::from_slice::<serde_json::Value>(&raw).ok())
            .and_then(|value| value.as_object().cloned())
    };
    let header = json_object(&text[at..header_end])?;
    json_object(&text[header_end + 1..payload_end])?;
    header
        .contains_key("alg")
        .then(|| Found::new(SecretKind::Jwt, at..end, 3).verified())
}

/// `-----BEGIN <label>-----` where the label ends in `PRIVATE KEY` (RSA, EC, DSA, OPENSSH,
/// ENCRYPTED, PKCS#8) or is `PGP PRIVATE KEY BLOCK`, followed by at least 64 base64
/// characters of key body (escaped newlines `\n` in a JSON or `.env` value count as line
/// breaks). The span runs to the end of the `-----END …-----` line when there is one.
pub(crate) fn private_key(text: &str, at: usize) -> Option<Found> {
    let label_start = at + "-----BEGIN ".len();
    let rest = &text[label_start..];
    let label_len = rest.find("-----").filter(|&n| n <= 48)?;
    let label = &rest[..label_len];
    if !(label.ends_with("PRIVATE KEY") || label == "PGP PRIVATE KEY BLOCK") {
        return None;
    }
    let header_end = label_start + label_len + 5;
    let bytes = text.as_bytes();
    let mut cursor = header_end;
    let mut body = 0usize;
    let mut body_start = None;
    let mut encrypted = label.contains("ENCRYPTED");
    loop {
        let rest = &text[cursor..];
        if rest.starts_with("\\n") || rest.starts_with("\\r") {
            cursor += 2;
        } else if rest.starts_with("Proc-Type:")
            || rest.starts_with("DEK-Info:")
            || rest.starts_with("Version:")
            || rest.starts_with("Comment:")
        {
            encrypted |= rest.starts_with("Proc-Type: 4,ENCRYPTED");
            let line_end = rest
                .find(['\n'])
                .into_iter()
                .chain(rest.find("\\n"))
                .min()
                .unwrap_or(rest.len());
            cursor += line_end;
        } else if let Some(&b) = bytes.get(cursor) {
            if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') {
                body_start.get_or_insert(cursor);
                body += 1;
                cursor += 1;
            } else if b.is_ascii_whitespace() || b == b'"' || b == b'\'' || b == b',' {
                // Whitespace, or the quotes and commas of a value split over lines.
                cursor += 1;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if body < 64 {
        return None;
    }
    let body_end = text[..cursor].trim_end().len();
    let end = if text[cursor..].starts_with("-----END ") {
        let after = cursor + "-----END ".len();
        text[after..]
            .find("-----")
            .filter(|&n| n <= 48)
            .map_or(body_end, |n| after + n + 5)
    } else {
        body_end
    };
    let mut found = Found::new(SecretKind::PrivateKey, at..end, header_end - at).verified();
    found.hidden = Some(body_start.unwrap_or(header_end)..body_end);
    if encrypted {
        found.severity = Severity::High;
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwts() {
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJGQUtFLUVYQU1QTEUifQ.c2lnbmF0dXJlLWZha2UtZXhhbXBsZQ";
        assert!(jwt(token, 0).is_some());
        assert!(
            jwt(
                "eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWZha2UtZXhhbXBsZQ",
                0
            )
            .is_none()
        );
        assert!(jwt("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.short", 0).is_none());
    }

    #[test]
    fn pem_blocks() {
        let body = "MIIEowIBAAKCAQEA".repeat(8);
        let key =
            format!("-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n");
        let found = private_key(&key, 0).unwrap();
        assert_eq!(&key[found.span.clone()], key.trim_end());
        assert_eq!(&key[found.hidden.unwrap()], body);
        let escaped =
            format!("\"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----\\n\"");
        assert!(private_key(&escaped, 1).is_some());
        let public = format!("-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n");
        assert!(private_key(&public, 0).is_none());
        assert!(private_key("-----BEGIN RSA PRIVATE KEY-----\n", 0).is_none());
        assert!(private_key("-----BEGIN RSA PRIVATE KEY-----", 0).is_none());
    }
}
